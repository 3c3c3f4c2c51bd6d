// Closing a day of one point (issue 4 §2, §4, §5), once the Beijing day has ended:
// - for the factors whose limit in force is a daily mean — municipal wastewater (GB 18918), incinerators —
//   the day's value comes from its hours (each from its minutes, with the same validity rules), is stored,
//   judged, and an exceedance opens or extends a warning;
// - the day-level detectors run (detect-day.ts: transmission rate, flag share, the logger's own hourly and
//   daily values against its minutes, wastewater analysers' flat lines, and on a meter logger treatment
//   equipment off while production runs);
// - the day's emitted mass is stored and the outlet's annual permitted quantity checked (annual.ts).
// Closing the same day again (late data, markings) rewrites its values and never duplicates a warning.
import type { Kysely } from 'kysely';
import { DEFAULT_VALIDITY, aggregateDay, aggregateHour, episodes, judge, type Aggregate, type ExceededPeriod, type Finding } from '@ecoenforce/domain';
import type { Schema } from '../db/schema.ts';
import { annualFindings, annualQuantities, dayMass, massFactors, storeDayMass } from './annual.ts';
import { HOUR, limitsInForce, minuteSamples, placeOf, raise, upsertPeriodValue } from './compliance.ts';
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

export async function closeDay(
  db: Kysely<Schema>, pointId: number, dayStart: number, now: number, opts: CloseDayOptions = {},
): Promise<{ values: number; warnings: Array<{ id: number; created: boolean; kind?: string }> }> {
  const place = await placeOf(db, pointId);
  if (place === undefined) return { values: 0, warnings: [] };
  const samples = await minuteSamples(db, pointId, dayStart, dayStart + DAY);
  const limits = await limitsInForce(db, place.outletId, dayStart, 'daily');
  const rule = DEFAULT_VALIDITY[place.kind];
  const exceeded: ExceededPeriod[] = [];
  const days: Aggregate[] = [];
  for (const [factor, limit] of limits) {
    const hours = Array.from({ length: 24 }, (_, h) => aggregateHour(samples, factor, dayStart + h * HOUR, { rule, referenceO2: limit.referenceO2 }));
    const day = aggregateDay(hours, factor, dayStart, rule);
    days.push(day);
    const j = judge(day, limit);
    if (j?.exceeded === true) exceeded.push({ agg: day, judgement: j, limit });
  }
  const found: TargetedFinding[] = [];
  let mass: ReturnType<typeof dayMass> = [];
  if (opts.detectors !== false && samples.length > 0) {
    for (const f of dayFindings(await dayInput(db, pointId, place.kind, dayStart, samples))) found.push({ finding: f, pointId });
    found.push(...(await treatmentOffDay(db, pointId, place.enterpriseId, dayStart, samples)));
    mass = dayMass(samples, dayStart, place.kind, massFactors(place.kind, await annualQuantities(db, place.outletId, dayStart), samples));
  }
  return db.transaction().execute(async (trx) => {
    for (const a of days) await upsertPeriodValue(trx, pointId, a, now);
    const warnings: Array<{ id: number; created: boolean; kind?: string }> = [];
    for (const f of episodes(exceeded)) warnings.push(await raise(trx, place, pointId, f, now));
    for (const t of found) {
      const target = t.pointId === pointId ? place : await placeOf(trx, t.pointId);
      if (target !== undefined) warnings.push({ ...(await raise(trx, target, t.pointId, t.finding, now)), kind: t.finding.kind });
    }
    if (mass.length > 0) {
      // The annual check reads the day's mass, so it runs after the mass is stored, in the same transaction.
      await storeDayMass(trx, pointId, dayStart, mass, now);
      const measured = new Set(mass.map((m) => m.factor));
      const annual: Finding[] = await annualFindings(trx, place, pointId, dayStart, measured);
      for (const f of annual) warnings.push({ ...(await raise(trx, place, pointId, f, now)), kind: f.kind });
    }
    return { values: days.length, warnings };
  });
}
