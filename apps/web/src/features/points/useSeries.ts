// A factor's series for one period: loaded once per (point, factor, period), then extended in place when a
// new reading arrives (live append) instead of being reloaded, so the chart keeps its zoom.
import { useCallback, useEffect, useState } from 'react';
import { api, qs } from '../../api/client.ts';
import type { PeriodKind, Series, SeriesPoint } from '@ecoenforce/contract';

/** The loaded series of one (point, factor, period), extended in place. */
interface Loaded extends Pick<Series, 'points' | 'from' | 'to'> {
  key: string;
}

/** Points of `b` replace those of `a` at the same time; the result is ordered by time. */
export function mergeSeries(a: SeriesPoint[], b: SeriesPoint[]): SeriesPoint[] {
  if (b.length === 0) return a;
  const byTime = new Map<number, SeriesPoint>();
  for (const p of a) byTime.set(p[0], p);
  for (const p of b) byTime.set(p[0], p);
  return [...byTime.values()].sort((x, y) => x[0] - y[0]);
}

/** A chosen time range (the point page's 起止日期), start inclusive and end exclusive; none means the period's default span up to now. */
export interface SeriesRange {
  from: number;
  to: number;
}

export function useSeries(id: number, factor: string | undefined, period: PeriodKind, range?: SeriesRange) {
  const key = `${id}/${factor ?? ''}/${period}/${range === undefined ? '' : `${range.from}-${range.to}`}`;
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<Error>();
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (factor === undefined) return;
    let current = true;
    setError(undefined);
    api<Series>(`/api/points/${id}/series${qs({ factor, period, from: range?.from, to: range?.to })}`).then(
      (r) => current && setLoaded({ key, points: r.points, from: r.from, to: r.to }),
      (e: unknown) => current && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      current = false;
    };
  }, [key, tick]);

  /** Fetches the readings from `from` on and merges them into the loaded series. */
  const append = useCallback(
    async (from: number): Promise<void> => {
      if (factor === undefined) return;
      if (range !== undefined && from >= range.to) return;
      const r = await api<Series>(`/api/points/${id}/series${qs({ factor, period, from, to: range?.to })}`);
      setLoaded((s) => (s === undefined || s.key !== key ? s : { ...s, points: mergeSeries(s.points, r.points), to: Math.max(s.to, r.to) }));
    },
    [key],
  );
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: loaded?.key === key ? loaded : undefined, error, append, reload, key };
}
