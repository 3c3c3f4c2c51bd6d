// Leaflet pieces of the offline map: province outlines from the bundled GeoJSON (no tile server), the
// home province highlighted, and one circle marker per point with a testid, a status and a popup.
import L from 'leaflet';
import type { PointDetail, PointSummary, Status } from '../../api/types.ts';
import { beijing, num } from '../../components/format.ts';
import provinces from '../../generated/china-provinces.json';

export const STATUS_COLOURS: Record<Status, string> = { online: '#1a7f37', offline: '#6e7781', warning: '#d1242f' };
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

export function addMarker(map: L.Map, p: PointSummary, status: Status, label: string): L.CircleMarker {
  const m = L.circleMarker([p.lat, p.lng], { radius: 7, color: '#fff', weight: 1, fillColor: STATUS_COLOURS[status], fillOpacity: 0.95 }).addTo(map);
  const el = m.getElement();
  el?.setAttribute('data-testid', `marker-${p.id}`);
  el?.setAttribute('data-status', status);
  el?.setAttribute('aria-label', label);
  // Markers are reachable with the keyboard too (the list below the map is the full alternative).
  el?.setAttribute('tabindex', '0');
  el?.setAttribute('role', 'button');
  el?.addEventListener('keydown', (ev) => {
    const e = ev as KeyboardEvent;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      m.openPopup();
    }
  });
  return m;
}

export function setMarkerStatus(m: L.CircleMarker, status: Status): void {
  m.setStyle({ fillColor: STATUS_COLOURS[status] });
  m.getElement()?.setAttribute('data-status', status);
}

/** Popup HTML: who and where, the status, and (once loaded) the latest values; escaped throughout. */
export function popupHtml(p: PointSummary, status: Status, t: T, language: string, detail?: PointDetail): string {
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
  return `${head}${body}<br><a href="#/points/${p.id}" data-testid="popup-open">${escapeHtml(t('map.open'))}</a>`;
}
