// Closing a day of one point (issue 4 §2, §4): for the factors whose limit in force is a daily mean —
// municipal wastewater (GB 18918), incinerators — the day's value comes from its hours (each from its
// minutes, with the same validity rules), is stored, judged, and an exceedance opens or extends a warning.
// The day is the Beijing calendar day.
import type { Kysely } from 'kysely';
import { DEFAULT_VALIDITY, aggregateDay, aggregateHour, episodes, judge, type Aggregate, type ExceededPeriod } from '@ecoenforce/domain';
import type { Schema } from '../db/schema.ts';
import { HOUR, limitsInForce, minuteSamples, placeOf, raise, upsertPeriodValue } from './compliance.ts';

export const DAY = 24 * HOUR;
const BEIJING = 8 * HOUR;

/** The Beijing midnight (as epoch ms) that starts the day holding `t`. */
export function beijingDayStart(t: number): number {
  return t - ((((t + BEIJING) % DAY) + DAY) % DAY);
}

export async function closeDay(db: Kysely<Schema>, pointId: number, dayStart: number, now: number): Promise<{ values: number; warnings: Array<{ id: number; created: boolean }> }> {
  const place = await placeOf(db, pointId);
  if (place === undefined) return { values: 0, warnings: [] };
  const limits = await limitsInForce(db, place.outletId, dayStart, 'daily');
  if (limits.size === 0) return { values: 0, warnings: [] };
  const samples = await minuteSamples(db, pointId, dayStart, dayStart + DAY);
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
  return db.transaction().execute(async (trx) => {
    for (const a of days) await upsertPeriodValue(trx, pointId, a, now);
    const warnings = [];
    for (const f of episodes(exceeded)) warnings.push(await raise(trx, place, pointId, f, now));
    return { values: days.length, warnings };
  });
}
