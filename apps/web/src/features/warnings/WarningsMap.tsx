// The filtered warnings on the offline map: one marker per point, coloured by its worst severity, with a
// popup listing the point's warnings; an enterprise's points, which share its location, are spread apart.
// Coordinates come from the points list (loaded once per visit).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import { api, qs } from '../../api/client.ts';
import type { Page, PointSummary, Warning } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';
import { Failed, Loading } from '../../components/ui.tsx';
import { addProvinces, dotMarker, escapeHtml, ringOffsets } from '../map/layers.ts';
import { factorText } from './types.ts';

const COLOURS = { high: '#cf222e', medium: '#bc4c00', low: '#6e7781' } as const;
const RANK = { high: 3, medium: 2, low: 1 } as const;
/** The API sends severity as text; the platform raises only these three. */
type Severity = keyof typeof RANK;

async function pointsOf(enterpriseIds: number[]): Promise<PointSummary[]> {
  const out: PointSummary[] = [];
  // A handful of enterprises: ask for theirs; many: page through every point in scope.
  const queries = enterpriseIds.length <= 20 ? enterpriseIds.map((enterpriseId) => ({ enterpriseId })) : [{}];
  for (const q of queries) {
    let cursor: string | null = null;
    do {
      const p: Page<PointSummary> = await api<Page<PointSummary>>(`/api/points${qs({ ...q, limit: 500, cursor })}`);
      out.push(...p.items);
      cursor = p.nextCursor;
    } while (cursor !== null && out.length < 20_000);
  }
  return out;
}

export function WarningsMap({ warnings }: { warnings: Warning[] }) {
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [points, setPoints] = useState<Map<number, PointSummary>>();
  const [error, setError] = useState<Error>();
  const enterprises = [...new Set(warnings.map((w) => w.enterpriseId))].sort((a, b) => a - b).join(',');

  useEffect(() => {
    const ids = enterprises === '' ? [] : enterprises.split(',').map(Number);
    pointsOf(ids).then((list) => setPoints(new Map(list.map((p) => [p.id, p]))), (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))));
  }, [enterprises]);

  useEffect(() => {
    if (box.current === null || points === undefined) return;
    const map = L.map(box.current, { attributionControl: false, minZoom: 3 });
    const byPoint = new Map<number, Warning[]>();
    for (const w of warnings) byPoint.set(w.pointId, [...(byPoint.get(w.pointId) ?? []), w]);
    const placed = [...byPoint.keys()].map((id) => points.get(id)).filter((p): p is PointSummary => p !== undefined);
    const bounds = L.latLngBounds(placed.map((p) => [p.lat, p.lng] as [number, number]));
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.2), { maxZoom: 10 });
    else map.setView([23.1, 113.3], 7);
    addProvinces(map, placed[0]?.regionCode.slice(0, 2) ?? '44');
    // The dot grows with the number of warnings (14 to 26 px); the ring leaves room for the largest.
    const sizeOf = (p: PointSummary): number => 12 + 2 * Math.min(6, byPoint.get(p.id)!.length);
    const offsets = ringOffsets(placed, Math.max(14, ...placed.map(sizeOf)) + 4);
    for (const p of placed) {
      const list = byPoint.get(p.id)!;
      const worst = list.reduce((a, b) => (RANK[b.severity as Severity] > RANK[a.severity as Severity] ? b : a)).severity as Severity;
      const m = dotMarker([p.lat, p.lng], sizeOf(p), COLOURS[worst], offsets.get(p.id)).addTo(map);
      m.getElement()?.setAttribute('data-testid', `warning-marker-${p.id}`);
      m.getElement()?.setAttribute('aria-label', `${p.enterpriseName} ${p.outletCode}: ${list.length}`);
      const items = list
        .slice(0, 10)
        .map((w) => `<li><a href="#/warnings/${w.id}">#${w.id}</a> ${escapeHtml(t(`warnings.kinds.${w.kind}`, { defaultValue: w.kind }))} ${escapeHtml(factorText(w, i18n.language))} · ${escapeHtml(beijing(w.from).slice(0, 16))}</li>`)
        .join('');
      m.bindPopup(`<strong>${escapeHtml(p.enterpriseName)}</strong><br>${escapeHtml(p.outletCode)} ${escapeHtml(p.outletName)}<ul class="plain">${items}</ul>${list.length > 10 ? '…' : ''}`, { maxWidth: 360 });
    }
    return () => {
      map.remove();
    };
  }, [points, warnings, t, i18n.language]);

  if (error !== undefined) return <Failed error={error} />;
  if (points === undefined) return <Loading />;
  return <div ref={box} className="map" data-testid="warnings-map" role="region" aria-label={t('inbox.map')} />;
}
