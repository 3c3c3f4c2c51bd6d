// Leaflet pieces of the offline map: province outlines from the bundled GeoJSON (no tile server), the
// home province highlighted, and one dot marker per point with a testid, a status and a popup; points
// sharing a location are spread over a small ring so each can be clicked.
import L from 'leaflet';
import type { PointDetail, PointSummary, PointStatus } from '@ecoenforce/contract';
import { beijing, num } from '../../components/format.ts';
import provinces from '../../generated/china-provinces.json';

export const STATUS_COLOURS: Record<PointStatus, string> = { online: '#1a7f37', offline: '#6e7781', warning: '#d1242f' };
type T = (key: string, options?: Record<string, unknown>) => string;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Province outlines; `home` is the two-digit province prefix of the user's region (44: Guangdong). */
export function addProvinces(map: L.Map, home: string): void {
  L.geoJSON(provinces as GeoJSON.FeatureCollection, {
    interactive: false,
    style: (f) => {
      const mine = String((f?.properties as { code?: string } | undefined)?.code ?? '').startsWith(home);
      return { color: mine ? '#1f6f50' : '#8c959f', weight: mine ? 2 : 1, fillColor: mine ? '#dff3e8' : '#f6f8fa', fillOpacity: 1 };
    },
  }).addTo(map);
}

/**
 * Screen offsets (px) spreading points that share a location (an enterprise's points all carry its
 * coordinates) over a small ring, `spacing` px between neighbouring centres, so a mouse reaches each one.
 * Pixel offsets hold at every zoom level; a lone point stays on its location.
 */
export function ringOffsets(points: ReadonlyArray<{ id: number; lat: number; lng: number }>, spacing: number): Map<number, [number, number]> {
  const groups = new Map<string, number[]>();
  for (const p of points) {
    const key = `${p.lat.toFixed(5)},${p.lng.toFixed(5)}`; // about a metre: the same place on any zoom level
    groups.set(key, [...(groups.get(key) ?? []), p.id]);
  }
  const out = new Map<number, [number, number]>();
  for (const ids of groups.values()) {
    const n = ids.length;
    const r = n === 1 ? 0 : spacing / (2 * Math.sin(Math.PI / n));
    // Start on the left so a pair sits side by side; ids sorted so the layout is the same on every visit.
    [...ids].sort((a, b) => a - b).forEach((id, k) => {
      const angle = Math.PI + (2 * Math.PI * k) / n;
      out.set(id, [Math.round(r * Math.cos(angle)), Math.round(r * Math.sin(angle))]);
    });
  }
  return out;
}

/**
 * A round dot marker drawn `offset` px from its location: a div icon whose anchor carries the offset, so
 * it needs no recomputing on zoom; the popup points at the dot, not at the shared location.
 */
export function dotMarker(at: L.LatLngExpression, size: number, colour: string, offset: [number, number] = [0, 0]): L.Marker {
  const [dx, dy] = offset;
  const icon = L.divIcon({ className: 'map-dot', html: '', iconSize: [size, size], iconAnchor: [size / 2 - dx, size / 2 - dy], popupAnchor: [dx, dy - size / 2] });
  // keyboard: false: the callers set tabindex and role themselves and open the popup on Enter or Space.
  const m = L.marker(at, { icon, keyboard: false });
  m.on('add', () => {
    const el = m.getElement();
    if (el === undefined) return;
    Object.assign(el.style, { borderRadius: '50%', border: '1px solid #fff', boxSizing: 'border-box', opacity: '0.95', background: colour });
    // The stylesheet hides the outline of focused map shapes and rings SVG ones; a div needs its own ring.
    el.addEventListener('focus', () => {
      if (el.matches(':focus-visible')) el.style.boxShadow = '0 0 0 3px #fb8f44';
    });
    el.addEventListener('blur', () => {
      el.style.boxShadow = '';
    });
  });
  return m;
}

export function addMarker(map: L.Map, p: PointSummary, status: PointStatus, label: string, offset?: [number, number]): L.Marker {
  const m = dotMarker([p.lat, p.lng], 14, STATUS_COLOURS[status], offset).addTo(map);
  const el = m.getElement();
  el?.setAttribute('data-testid', `marker-${p.id}`);
  el?.setAttribute('data-status', status);
  el?.setAttribute('aria-label', label);
  // Markers are reachable with the keyboard too (the list below the map is the full alternative).
  el?.setAttribute('tabindex', '0');
  el?.setAttribute('role', 'button');
  el?.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      m.openPopup();
    }
  });
  return m;
}

export function setMarkerStatus(m: L.Marker, status: PointStatus): void {
  const el = m.getElement();
  if (el === undefined) return;
  el.style.background = STATUS_COLOURS[status];
  el.setAttribute('data-status', status);
}

/** Popup HTML: who and where, the status, and (once loaded) the latest values; escaped throughout. */
export function popupHtml(p: PointSummary, status: PointStatus, t: T, language: string, detail?: PointDetail): string {
  const head = `<strong>${escapeHtml(p.enterpriseName)}</strong><br>${escapeHtml(p.outletCode)} ${escapeHtml(p.outletName)}<br>${escapeHtml(t('points.mn'))} ${escapeHtml(p.mn)} · ${escapeHtml(t(`status.${status}`))}`;
  let body = `<br><span class="muted">${escapeHtml(t('map.loadingLatest'))}</span>`;
  if (detail !== undefined) {
    const latest = detail.latest;
    if (latest === null) body = `<br>${escapeHtml(t('point.noData'))}`;
    else {
      const rows = Object.entries(latest.values)
        .slice(0, 8)
        .map(([code, v]) => {
          const f = detail.factors.find((x) => x.code === code);
          const name = f === undefined ? code : language === 'zh' ? f.name : f.nameEn;
          return `<tr><th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(num(v.avg ?? v.rtd))} ${escapeHtml(f?.unit ?? '')}</td><td>${escapeHtml(String(v.flag ?? ''))}</td></tr>`;
        })
        .join('');
      body = `<br><small>${escapeHtml(t('point.dataTime'))} ${escapeHtml(beijing(latest.periodStart))}</small><table class="popup-values" data-testid="popup-latest">${rows}</table>`;
    }
  }
  return `${head}${body}`;
}

/**
 * A popup whose text can be refreshed while its 打开 link stays the same element in the same place: the
 * values change under the officer's pointer, the link does not.
 */
export function popupContent(pointId: number, openText: string): { element: HTMLElement; setBody(html: string): void } {
  const element = document.createElement('div');
  const body = document.createElement('div');
  const link = document.createElement('a');
  link.href = `#/points/${pointId}`;
  link.dataset.testid = 'popup-open';
  link.textContent = openText;
  element.append(body, link);
  return { element, setBody: (html) => void (body.innerHTML = html) };
}
