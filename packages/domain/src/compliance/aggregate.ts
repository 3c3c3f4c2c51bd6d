// From minute samples to lawful hourly and daily values (issue 4 §2, rules.md §1). Pure functions: the
// caller passes the samples of one point and the period; nothing here reads a clock or a database.
//
// Validity (defaults; configurable because the HJ 75 text could not be confirmed):
// - an hourly value needs ≥ 45 valid minutes; a daily value ≥ 20 valid hours;
// - a minute is valid when it has a value, its flag is N (or absent) and no invalid marking covers it;
// - flue gas: the aggregate is `normal` only if ≥ 75 % of its values are valid; wastewater: one abnormal
//   value (flagged D, T, B or S, or sent without a value; an abnormal hour in a day) makes it `abnormal`.
//   Minutes set aside for calibration, maintenance, a stop or an invalid marking are left out without
//   spoiling the rest: an analyser calibrates daily, and counting that would leave no lawful daily value;
// - only a `normal` aggregate can prove an exceedance.
// Reference-O2 conversion C = C′·(21 − O2ref)/(21 − O2meas) is applied minute by minute with that minute's
// O2 (rules.md §1, B13271 §5.2), then averaged; a minute whose O2 is missing, invalid or ≥ 21 % converts
// to nothing. Where the logger sent its own converted (Zs) values, their mean is kept beside ours.
import { ABNORMAL_FLAGS, INVALID_FLAGS, type Marking, type PointSample } from './types.ts';

export type Medium = 'air' | 'water';

export interface ValidityRule {
  medium: Medium;
  /** Valid minutes an hourly value needs (default 45 of 60). */
  minValidMinutes: number;
  /** Valid hours a daily value needs (default 20 of 24). */
  minValidHours: number;
  /** Flue gas: share of values that must be valid for a normal aggregate (default 0.75). */
  normalShare: number;
}

export const DEFAULT_VALIDITY: Readonly<Record<Medium, ValidityRule>> = {
  air: { medium: 'air', minValidMinutes: 45, minValidHours: 20, normalShare: 0.75 },
  water: { medium: 'water', minValidMinutes: 45, minValidHours: 20, normalShare: 1 },
};

export type AggregateStatus = 'normal' | 'abnormal' | 'insufficient';

export interface Aggregate {
  factor: string;
  periodKind: 'hour' | 'day';
  periodStart: number;
  /** Samples of the factor present in the period. */
  count: number;
  /** Of those, valid (flag N, a value, not inside an invalid marking). */
  valid: number;
  status: AggregateStatus;
  /** Mean of the valid values. */
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Mean of the minute-by-minute O2-converted values (null without a reference O2 or usable O2). */
  converted: number | null;
  /** Mean of the logger's own converted (Zs) values, when it sent them. */
  loggerConverted: number | null;
  /** Count of each flag seen. */
  flags: Record<string, number>;
  /** Times of the valid samples (evidence). */
  times: number[];
  frameIds: number[];
}

export interface AggregateOptions {
  rule: ValidityRule;
  /** Reference O2 (%) of the limit this value is judged against; null for none. */
  referenceO2?: number | null;
  markings?: readonly Marking[];
  o2Factor?: string;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export function convertO2(value: number, o2Measured: number, o2Reference: number): number | null {
  if (!(o2Measured < 21) || !(o2Reference < 21)) return null;
  return (value * (21 - o2Reference)) / (21 - o2Measured);
}

const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

function invalidMarked(t: number, markings: readonly Marking[] | undefined): boolean {
  return markings?.some((m) => m.invalid && t >= m.from && t < m.to) ?? false;
}

/** The hourly value of one factor from the point's minute samples in [hourStart, hourStart + 1 h). */
export function aggregateHour(samples: readonly PointSample[], factor: string, hourStart: number, opts: AggregateOptions): Aggregate {
  const o2Factor = opts.o2Factor ?? 'a19001';
  const values: number[] = [];
  const converted: number[] = [];
  const zs: number[] = [];
  const flags: Record<string, number> = {};
  const times: number[] = [];
  const frameIds: number[] = [];
  let count = 0;
  let abnormal = 0;
  for (const s of samples) {
    if (s.t < hourStart || s.t >= hourStart + HOUR) continue;
    const f = s.factors[factor];
    if (f === undefined) continue;
    count++;
    const flag = f.flag ?? 'N';
    flags[flag] = (flags[flag] ?? 0) + 1;
    if (f.value === null || ABNORMAL_FLAGS.has(flag)) abnormal++;
    if (f.value === null || INVALID_FLAGS.has(flag) || invalidMarked(s.t, opts.markings)) continue;
    values.push(f.value);
    times.push(s.t);
    if (s.frameId !== undefined) frameIds.push(s.frameId);
    if (f.zs !== undefined && f.zs !== null) zs.push(f.zs);
    const o2 = s.factors[o2Factor];
    if (opts.referenceO2 !== undefined && opts.referenceO2 !== null && o2 !== undefined && o2.value !== null && !INVALID_FLAGS.has(o2.flag ?? 'N')) {
      const c = convertO2(f.value, o2.value, opts.referenceO2);
      if (c !== null) converted.push(c);
    }
  }
  const valid = values.length;
  return {
    factor, periodKind: 'hour', periodStart: hourStart, count, valid,
    status: statusOf(valid, count, abnormal, opts.rule.minValidMinutes, opts.rule),
    mean: mean(values), min: valid === 0 ? null : Math.min(...values), max: valid === 0 ? null : Math.max(...values),
    converted: mean(converted), loggerConverted: mean(zs), flags, times, frameIds,
  };
}

function statusOf(valid: number, count: number, abnormal: number, minValid: number, rule: ValidityRule): AggregateStatus {
  if (valid < minValid) return 'insufficient';
  if (rule.medium === 'water') return abnormal === 0 ? 'normal' : 'abnormal';
  return valid / count >= rule.normalShare ? 'normal' : 'abnormal';
}

/**
 * The daily value from the day's hourly aggregates (dayStart is the Beijing-midnight instant the caller
 * chose): the mean of the normal hours' means (and converted means); validity on hours as on minutes.
 */
export function aggregateDay(hours: readonly Aggregate[], factor: string, dayStart: number, rule: ValidityRule): Aggregate {
  const inDay = hours.filter((h) => h.factor === factor && h.periodStart >= dayStart && h.periodStart < dayStart + DAY);
  const good = inDay.filter((h) => h.status === 'normal' && h.mean !== null);
  const flags: Record<string, number> = {};
  for (const h of inDay) for (const [k, v] of Object.entries(h.flags)) flags[k] = (flags[k] ?? 0) + v;
  const means = good.map((h) => h.mean!);
  const conv = good.flatMap((h) => (h.converted === null ? [] : [h.converted]));
  const zs = good.flatMap((h) => (h.loggerConverted === null ? [] : [h.loggerConverted]));
  return {
    factor, periodKind: 'day', periodStart: dayStart, count: inDay.length, valid: good.length,
    status: statusOf(good.length, Math.max(inDay.length, 1), inDay.filter((h) => h.status === 'abnormal').length, rule.minValidHours, rule),
    mean: mean(means), min: good.length === 0 ? null : Math.min(...good.map((h) => h.min!)), max: good.length === 0 ? null : Math.max(...good.map((h) => h.max!)),
    converted: mean(conv), loggerConverted: mean(zs), flags, times: good.map((h) => h.periodStart), frameIds: good.flatMap((h) => h.frameIds),
  };
}

/**
 * Mass emitted in the hour, kg: Σ concentration (mg/m³) × flow (m³/s) × 60 s over the valid minutes that
 * have both; null when none do.
 */
export function massKg(samples: readonly PointSample[], factor: string, hourStart: number, flowFactor = 'a00000'): number | null {
  let mg = 0;
  let n = 0;
  for (const s of samples) {
    if (s.t < hourStart || s.t >= hourStart + HOUR) continue;
    const c = s.factors[factor];
    const q = s.factors[flowFactor];
    if (c?.value == null || q?.value == null || INVALID_FLAGS.has(c.flag ?? 'N') || INVALID_FLAGS.has(q.flag ?? 'N')) continue;
    mg += c.value * q.value * 60;
    n++;
  }
  return n === 0 ? null : mg / 1e6;
}
