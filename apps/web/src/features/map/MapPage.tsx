// The landing page: every monitoring point in the user's region on an offline map (province outlines
// bundled at build time, no tile server), coloured by live status, with a keyboard-friendly list beside it.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import { api, qs } from '../../api/client.ts';
import type { Page, PointDetail, PointSummary, PointStatus } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';
import { useLive } from '../../components/live.ts';
import { Failed, Loading, StatusBadge } from '../../components/ui.tsx';
import { addMarker, addProvinces, popupContent, popupHtml, ringOffsets, setMarkerStatus, STATUS_COLOURS } from './layers.ts';

/** Every point in scope, following the cursor (the API pages at most 500). */
async function allPoints(): Promise<PointSummary[]> {
  const out: PointSummary[] = [];
  let cursor: string | null = null;
  do {
    const p: Page<PointSummary> = await api<Page<PointSummary>>(`/api/points${qs({ limit: 500, cursor })}`);
    out.push(...p.items);
    cursor = p.nextCursor;
  } while (cursor !== null && out.length < 20_000);
  return out;
}

export function MapPage() {
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const markers = useRef(new Map<number, { marker: L.Marker; refresh: () => void }>());
  const [points, setPoints] = useState<PointSummary[]>();
  const [error, setError] = useState<Error>();
  /** Live changes since the list was loaded; markers are restyled, the map is not rebuilt. */
  const [statuses, setStatuses] = useState<Record<number, PointStatus>>({});
  const [lastFrames, setLastFrames] = useState<Record<number, number>>({});
  const live = useRef({ statuses, lastFrames });
  live.current = { statuses, lastFrames };

  useEffect(() => {
    allPoints().then(setPoints, (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))));
  }, []);
  // The warnings waiting for a decision in the user's scope: the legend's 预警 are these, not the points'
  // device status (数据异常), which a reader took for the warnings before.
  const [openWarnings, setOpenWarnings] = useState<number>();
  const countWarnings = (): void => {
    api<{ total: number }>(`/api/warnings${qs({ status: 'new', limit: 1 })}`).then((r) => setOpenWarnings(r.total), () => undefined);
  };
  useEffect(countWarnings, []);

  useEffect(() => {
    if (box.current === null || points === undefined) return;
    const map = L.map(box.current, { zoomControl: true, attributionControl: false, minZoom: 3 });
    // The view first: Leaflet draws vector layers only on a map that has one.
    const bounds = L.latLngBounds(points.map((p) => [p.lat, p.lng] as [number, number]));
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.2), { maxZoom: 10 }); // one point: keep some country around it
    else map.setView([23.1, 113.3], 7);
    addProvinces(map, points[0]?.regionCode.slice(0, 2) ?? '44');
    const offsets = ringOffsets(points, 18); // 14 px dots, 4 px apart
    for (const p of points) {
      const status = live.current.statuses[p.id] ?? p.status;
      const m = addMarker(map, p, status, `${p.enterpriseName} ${p.outletCode} ${t(`status.${status}`)}`, offsets.get(p.id));
      const html = (detail?: PointDetail): string => popupHtml(p, live.current.statuses[p.id] ?? p.status, t, i18n.language, detail);
      // The popup keeps what it last showed while newer values load, and its link is one element that is
      // never replaced: resetting the whole popup to "loading" on every reading made the 打开 link jump
      // under the officer's pointer once a second.
      const content = popupContent(p.id, t('map.open'));
      let shown: PointDetail | undefined;
      let asked = 0; // answers can overtake each other: only the newest question's answer is shown
      const show = (): void => {
        // Leaflet's update() re-attaches the content, which can swallow a click in progress (the click then
        // lands on the map and closes the popup): lay out again only when the size changed.
        const before = content.element.offsetHeight;
        content.setBody(html(shown));
        if (content.element.offsetHeight !== before) m.getPopup()?.update();
      };
      const refresh = (): void => {
        const n = ++asked;
        api<PointDetail>(`/api/points/${p.id}`).then((d) => {
          if (n !== asked) return;
          shown = d;
          if (m.isPopupOpen()) show();
        }, () => undefined);
      };
      content.setBody(html());
      m.bindPopup(content.element, { maxWidth: 320 });
      m.on('popupopen', () => {
        show();
        refresh();
      });
      markers.current.set(p.id, { marker: m, refresh });
    }
    return () => {
      markers.current.clear();
      map.remove();
    };
  }, [points, t, i18n.language]);

  useLive(
    {
      status: (e) => {
        const m = markers.current.get(e.pointId);
        if (m !== undefined) setMarkerStatus(m.marker, e.status);
        setStatuses((s) => ({ ...s, [e.pointId]: e.status }));
      },
      warning: () => countWarnings(),
      reading: (e) => {
        setLastFrames((s) => ({ ...s, [e.pointId]: e.receivedAt }));
        // An open popup shows the newest values.
        const m = markers.current.get(e.pointId);
        if (m?.marker.isPopupOpen() === true) m.refresh();
      },
    },
    [],
  );

  if (error !== undefined) return <Failed error={error} />;
  if (points === undefined) return <Loading />;
  const statusOf = (p: PointSummary): PointStatus => statuses[p.id] ?? p.status;
  return (
    <div className="map-page">
      <h1>{t('map.title')}</h1>
      <h2 className="visually-hidden" id="map-legend">{t('map.legend')}</h2>
      <ul className="map-legend" aria-labelledby="map-legend" data-testid="map-legend">
        {(['online', 'warning', 'offline'] as const).map((s) => (
          <li key={s} data-testid={`legend-${s}`}>
            <i style={{ background: STATUS_COLOURS[s] }} aria-hidden="true" /> {t(`status.${s}`)} ({points.filter((p) => statusOf(p) === s).length})
          </li>
        ))}
        {openWarnings !== undefined && <li><a href="#/warnings?status=new" data-testid="legend-open-warnings">{t('map.openWarnings', { count: openWarnings })}</a></li>}
        <li className="muted">{t('map.live')}</li>
      </ul>
      <p className="muted small" data-testid="map-status-note">{t('map.statusNote')}</p>
      <div ref={box} className="map" data-testid="map" role="region" aria-label={t('map.title')} />
      {points.length === 0 && <p>{t('map.noPoints')}</p>}
      <details className="card" data-testid="map-list">
        <summary>{t('map.listAlternative')}</summary>
        <ul className="plain">
          {points.map((p) => (
            <li key={p.id} data-testid={`map-item-${p.id}`}>
              <a href={`#/points/${p.id}`}>{p.enterpriseName} {p.outletCode} {p.outletName}</a> <StatusBadge status={statusOf(p)} />{' '}
              <span className="muted">{t('points.lastFrame')} {beijing(lastFrames[p.id] ?? p.lastFrameAt)}</span>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
