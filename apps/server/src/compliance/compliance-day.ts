// Closing a day of one point (issue 4 §2, §4, §5), once the Beijing day has ended:
// - for the factors whose limit in force is a daily mean — municipal wastewater (GB 18918), incinerators —
//   the day's value comes from its hours (each from its minutes, with the same validity rules), is stored,
//   judged, and an exceedance opens or extends a warning;
// - the day-level detectors run (detect-day.ts: transmission rate, flag share, the logger's own hourly and
//   daily values against its minutes, wastewater analysers' flat lines, minutes backfilled late, and on a
//   meter logger treatment equipment off while production runs);
// - the day's emitted mass is stored and the outlet's annual permitted quantity checked (annual.ts);
// - the point's month is recomputed from its stored days (compliance-months.ts).
// Closing the same day again (late data, markings) rewrites its values and never duplicates a warning.
// This is the reference, point by point; close-day-batch.ts closes many points at once with the same result,
// and shares the pure part (dayValues) and the per-point writing (writeDay) defined here.
import type { Kysely } from 'kysely';
import {
  DEFAULT_VALIDITY, aggregateDay, aggregateHour, episodes, judge,
  type Aggregate, type Arrival, type ExceededPeriod, type Finding, type LimitRow, type PointSample,
} from '@ecoenforce/domain';
import type { Schema } from '../platform/db/schema.ts';
import { type StoredFactor, readingsRepository } from '../monitoring/index.ts';
import { annualFindings, annualQuantities, dayMass, massFactors, storeDayMass } from './annual.ts';
import { HOUR, limitsInForce, placeOf, raise, toSample, upsertPeriodValue, type PointPlace } from './compliance.ts';
import { storeMonths } from './compliance-months.ts';
import { dayFindings, dayInput, treatmentOffDay, type TargetedFinding } from './detect-day.ts';

export const DAY = 24 * HOUR;
const BEIJING = 8 * HOUR;

/** The Beijing midnight (as epoch ms) that starts the day holding `t`. */
export function beijingDayStart(t: number): number {
  return t - ((((t + BEIJING) % DAY) + DAY) % DAY);
}

export interface CloseDayOptions {
  /** Run the day-level detectors and the annual-quantity check (default true). */
  detectors?: boolean;
}

export type DayWarning = { id: number; created: boolean; kind?: string };

export interface DayClosed {
  values: number;
  warnings: DayWarning[];
}

/** A point's day computed, before anything is written. */
export interface DayPlan {
  pointId: number;
  dayStart: number;
  place: PointPlace;
  days: Aggregate[];
  exceeded: ExceededPeriod[];
  found: TargetedFinding[];
  mass: ReturnType<typeof dayMass>;
}

/** Minute readings of a day as samples and as arrivals (when each was received, and in which frame). */
export function samplesAndArrivals(rows: ReadonlyArray<{ periodStart: number; factors: StoredFactor[]; sourceFrameId: number; receivedAt: number }>): { samples: PointSample[]; arrivals: Arrival[] } {
  return {
    samples: rows.map((r) => toSample(r.periodStart, r.factors, r.sourceFrameId)),
    arrivals: rows.map((r) => ({ t: r.periodStart, receivedAt: r.receivedAt, frameId: r.sourceFrameId })),
  };
}

/** The day's values of the factors with a daily limit, and those over it (pure). */
export function dayValues(dayStart: number, kind: PointPlace['kind'], samples: readonly PointSample[], limits: ReadonlyMap<string, LimitRow>): { days: Aggregate[]; exceeded: ExceededPeriod[] } {
  const rule = DEFAULT_VALIDITY[kind];
  const exceeded: ExceededPeriod[] = [];
  const days: Aggregate[] = [];
  for (const [factor, limit] of limits) {
    const hours = Array.from({ length: 24 }, (_, h) => aggregateHour(samples, factor, dayStart + h * HOUR, { rule, referenceO2: limit.referenceO2 }));
    const day = aggregateDay(hours, factor, dayStart, rule);
    days.push(day);
    const j = judge(day, limit);
    if (j?.exceeded === true) exceeded.push({ agg: day, judgement: j, limit });
  }
  return { days, exceeded };
}

export async function closeDay(db: Kysely<Schema>, pointId: number, dayStart: number, now: number, opts: CloseDayOptions = {}): Promise<DayClosed> {
  const place = await placeOf(db, pointId);
  if (place === undefined) return { values: 0, warnings: [] };
  const rows = await readingsRepository(db).list({ pointId, periodKind: 'min', from: dayStart, to: dayStart + DAY, limit: 10_000 });
  const { samples, arrivals } = samplesAndArrivals(rows);
  const { days, exceeded } = dayValues(dayStart, place.kind, samples, await limitsInForce(db, place.outletId, dayStart, 'daily'));
  const found: TargetedFinding[] = [];
  let mass: DayPlan['mass'] = [];
  if (opts.detectors !== false && samples.length > 0) {
    for (const f of dayFindings(await dayInput(db, pointId, place.kind, dayStart, samples, arrivals))) found.push({ finding: f, pointId });
    found.push(...(await treatmentOffDay(db, pointId, place.enterpriseId, dayStart, samples)));
    mass = dayMass(samples, dayStart, place.kind, massFactors(place.kind, await annualQuantities(db, place.outletId, dayStart), samples));
  }
  return db.transaction().execute(async (trx) => {
    const plan = { pointId, dayStart, place, days, exceeded, found, mass };
    for (const a of days) await upsertPeriodValue(trx, pointId, a, now);
    const warnings = await writeDay(trx, plan, now, true);
    await storeMonths(trx, [{ pointId, outletId: place.outletId }], dayStart, now);
    return { values: days.length, warnings };
  });
}

/**
 * Writes a planned day's warnings and mass, in the caller's transaction, after its values: exceedance episodes,
 * then the detectors' findings (each on its target point), then the mass and — reading that mass — the annual
 * check. `annual` false skips the check where the caller knows it finds nothing (no quantity in force).
 */
export async function writeDay(trx: Kysely<Schema>, plan: DayPlan, now: number, annual: boolean): Promise<DayWarning[]> {
  const { pointId, place } = plan;
  const warnings: DayWarning[] = [];
  for (const f of episodes(plan.exceeded)) warnings.push(await raise(trx, place, pointId, f, now));
  for (const t of plan.found) {
    const target = t.pointId === pointId ? place : await placeOf(trx, t.pointId);
    if (target !== undefined) warnings.push({ ...(await raise(trx, target, t.pointId, t.finding, now)), kind: t.finding.kind });
  }
  if (plan.mass.length > 0) {
    // The annual check reads the day's mass, so it runs after the mass is stored, in the same transaction.
    await storeDayMass(trx, pointId, plan.dayStart, plan.mass, now);
    if (annual) {
      const measured = new Set(plan.mass.map((m) => m.factor));
      const found: Finding[] = await annualFindings(trx, place, pointId, plan.dayStart, measured);
      for (const f of found) warnings.push({ ...(await raise(trx, place, pointId, f, now)), kind: f.kind });
    }
  }
  return warnings;
}
