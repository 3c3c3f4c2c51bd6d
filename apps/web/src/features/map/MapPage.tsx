// The landing page: every monitoring point in the user's region on an offline map (province outlines
// bundled at build time, no tile server), coloured by live status, with a keyboard-friendly list beside it.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import { api } from '../../api/client.ts';
import type { Page, PointSummary, Status } from '../../api/types.ts';
import { useLive } from '../../components/live.ts';
import { Failed, Loading, StatusBadge } from '../../components/ui.tsx';
import provinces from '../../generated/china-provinces.json';

export const STATUS_COLOURS: Record<Status, string> = { online: '#1a7f37', offline: '#6e7781', warning: '#d1242f' };

export function MapPage() {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const markers = useRef(new Map<number, L.CircleMarker>());
  const [points, setPoints] = useState<PointSummary[]>();
  const [error, setError] = useState<Error>();
  /** Live status changes since the list was loaded; the map is not rebuilt for them. */
  const [statuses, setStatuses] = useState<Record<number, Status>>({});

  useEffect(() => {
    api<Page<PointSummary>>('/api/points?limit=500').then((p) => setPoints(p.items), (e: unknown) => setError(e as Error));
  }, []);

  useEffect(() => {
    if (box.current === null || points === undefined) return;
    const map = L.map(box.current, { zoomControl: true, attributionControl: false });
    // The view first: Leaflet draws vector layers only on a map that has one.
    const bounds = L.latLngBounds(points.map((p) => [p.lat, p.lng] as [number, number]));
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.2), { maxZoom: 11 });
    else map.setView([23.1, 113.3], 7);
    const home = points[0]?.regionCode.slice(0, 2) ?? '44';
    L.geoJSON(provinces as GeoJSON.FeatureCollection, {
      style: (f) => {
        const mine = String((f?.properties as { code?: string } | undefined)?.code ?? '').startsWith(home);
        return { color: mine ? '#1f6f50' : '#8c959f', weight: mine ? 2 : 1, fillColor: mine ? '#dff3e8' : '#f6f8fa', fillOpacity: 1 };
      },
    }).addTo(map);
    for (const p of points) {
      const m = L.circleMarker([p.lat, p.lng], { radius: 7, color: '#fff', weight: 1, fillColor: STATUS_COLOURS[p.status], fillOpacity: 0.95 })
        .bindPopup(`<strong>${escapeHtml(p.enterpriseName)}</strong><br>${escapeHtml(p.outletCode)} ${escapeHtml(p.outletName)}<br>${p.mn}<br><a href="#/points/${p.id}">${escapeHtml(t('map.open'))}</a>`)
        .addTo(map);
      const el = m.getElement();
      el?.setAttribute('data-testid', `marker-${p.id}`);
      el?.setAttribute('data-status', p.status);
      el?.setAttribute('aria-label', `${p.enterpriseName} ${p.outletCode}`);
      markers.current.set(p.id, m);
    }
    return () => {
      markers.current.clear();
      map.remove();
    };
  }, [points, t]);

  useLive(
    {
      status: (e) => {
        const m = markers.current.get(e.pointId);
        m?.setStyle({ fillColor: STATUS_COLOURS[e.status] });
        m?.getElement()?.setAttribute('data-status', e.status);
        setStatuses((s) => ({ ...s, [e.pointId]: e.status }));
      },
    },
    [],
  );

  if (error !== undefined) return <Failed error={error} />;
  if (points === undefined) return <Loading />;
  const statusOf = (p: PointSummary): Status => statuses[p.id] ?? p.status;
  return (
    <div className="map-page">
      <h1>{t('map.title')}</h1>
      <div className="map-legend" aria-label={t('map.legend')}>
        {(['online', 'warning', 'offline'] as const).map((s) => (
          <span key={s}>
            <i style={{ background: STATUS_COLOURS[s] }} /> {t(`status.${s}`)} ({points.filter((p) => statusOf(p) === s).length})
          </span>
        ))}
      </div>
      <div ref={box} className="map" data-testid="map" role="region" aria-label={t('map.title')} />
      {points.length === 0 && <p>{t('map.noPoints')}</p>}
      <details className="card">
        <summary>{t('map.listAlternative')}</summary>
        <ul className="plain">
          {points.map((p) => (
            <li key={p.id}>
              <a href={`#/points/${p.id}`}>{p.enterpriseName} {p.outletCode}</a> <StatusBadge status={statusOf(p)} />
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
