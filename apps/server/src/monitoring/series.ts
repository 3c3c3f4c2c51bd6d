// Time series for the console: one factor of one point over a range, from the compact readings rows, and
// downsampled on the server into equal time buckets so a year of minutes still draws as ~2,000 points.
import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import type { PeriodKind } from './gateway/sink.ts';
import { decodeFactors, type StoredFactor } from './repositories/readings-codec.ts';
import type { readingsRepository } from './repositories/readings.ts';

/** [time, avg, min, max, flag]: avg is the period's average (or the real-time value for rtd). */
export type SeriesPoint = [number, number | null, number | null, number | null, string | null];

const FIELDS = ['rtd', 'min', 'avg', 'max', 'cou', 'zsRtd', 'zsMin', 'zsAvg', 'zsMax'] as const;

function pointOf(t: number, f: StoredFactor): SeriesPoint {
  const avg = f.avg ?? f.rtd ?? null;
  return [t, avg, f.min ?? avg, f.max ?? avg, f.flag ?? null];
}

/** Matches the factor as sent or by its 2017 code, so a 2005 logger's series is found under either. */
function matches(f: StoredFactor, code: string): boolean {
  return f.code === code || f.code2017 === code;
}

export async function seriesOf(
  readings: ReturnType<typeof readingsRepository>,
  pointId: number,
  factor: string,
  periodKind: PeriodKind,
  from: number,
  to: number,
): Promise<SeriesPoint[]> {
  const out: SeriesPoint[] = [];
  for await (const period of readings.stream({ pointId, periodKind, from, to }, 2000)) {
    const f = period.factors.find((x) => matches(x, factor));
    if (f !== undefined) out.push(pointOf(period.periodStart, f));
  }
  return out;
}

/**
 * At most `max` points: the range is cut into `max` equal buckets; each non-empty bucket becomes one point
 * at its first time with the mean of averages, the min of minimums, the max of maximums and the worst
 * flag (any flag other than N wins, so a fault stays visible when zoomed out). Returns the input itself
 * when it is short enough.
 */
export function downsample(points: SeriesPoint[], max: number, from: number, to: number): SeriesPoint[] {
  if (points.length <= max) return points;
  const width = Math.max(1, (to - from) / max);
  const out: SeriesPoint[] = [];
  let bucket = -1;
  let sum = 0;
  let n = 0;
  let cur: SeriesPoint | null = null;
  const flush = (): void => {
    if (cur === null) return;
    cur[1] = n === 0 ? null : sum / n;
    out.push(cur);
  };
  for (const p of points) {
    const b = Math.floor((p[0] - from) / width);
    if (b !== bucket) {
      flush();
      bucket = b;
      cur = [p[0], null, p[2], p[3], p[4]];
      sum = 0;
      n = 0;
    }
    const c = cur!;
    if (p[1] !== null) {
      sum += p[1];
      n++;
    }
    if (p[2] !== null) c[2] = c[2] === null ? p[2] : Math.min(c[2], p[2]);
    if (p[3] !== null) c[3] = c[3] === null ? p[3] : Math.max(c[3], p[3]);
    if (p[4] !== null && p[4] !== 'N') c[4] = p[4];
  }
  flush();
  return out;
}

export interface Latest {
  periodKind: PeriodKind;
  periodStart: number;
  receivedAt: number;
  frameId: number;
  values: Record<string, Record<string, number | string>>;
}

/** The most recently received period of the point, over all kinds (one primary-key probe per kind). */
export async function latestOf(db: Kysely<Schema>, pointId: number): Promise<Latest | null> {
  let best: Latest | null = null;
  for (const kind of ['rtd', 'min', 'hour', 'day'] as const) {
    const r = await db
      .selectFrom('readings')
      .selectAll()
      .where('point_id', '=', pointId)
      .where('period_kind', '=', kind)
      .orderBy('period_start', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (r === undefined || (best !== null && r.received_at <= best.receivedAt)) continue;
    const values: Latest['values'] = {};
    for (const f of decodeFactors(r.vals)) {
      const v: Record<string, number | string> = {};
      for (const k of FIELDS) if (f[k] !== undefined) v[k] = f[k];
      if (f.flag !== undefined) v.flag = f.flag;
      values[f.code] = v;
    }
    best = { periodKind: kind, periodStart: r.period_start, receivedAt: r.received_at, frameId: Number(r.source_frame_id), values };
  }
  return best;
}
