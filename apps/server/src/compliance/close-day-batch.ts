// Closing many (point, Beijing day) pairs at once (issue 4 §2 and §9): at midnight every point of a province
// has a day to close, and one by one (closeDay) each costs a score of statements and a commit of its own —
// minutes of work. Here the inputs of a batch come from one query each (hour-inputs.ts, day-inputs.ts), the
// values and findings are computed in memory with closeDay's own pure functions, and everything is written in
// one transaction: the daily values, then pair by pair the warnings, masses and annual checks exactly as closeDay
// writes them (so warning ids and the audit chain come out the same), then the months, one read per input for
// the whole batch. Same results as closeDay pair by pair in the given order; compliance-day-batch.test.ts
// compares every stored row both ways.
import type { Kysely } from 'kysely';
import type { Marking } from '@ecoenforce/domain';
import type { Schema } from '../platform/db/schema.ts';
import { dayInputsRepository } from './repositories/day-inputs.ts';
import { hourInputsRepository } from './repositories/hour-inputs.ts';
import { beijingYearOf, beijingYearStart, dayMass, massFactors } from './annual.ts';
import { limitsFromRows, toSample, upsertPeriodValue, type PointPlace } from './compliance.ts';
import { DAY, dayValues, samplesAndArrivals, writeDay, type DayPlan, type DayWarning } from './compliance-day.ts';
import { storeMonths } from './compliance-months.ts';
import { groupBy } from '../platform/group-by.ts';
import { dayFindings, treatmentOffDay, type TargetedFinding } from './detect-day.ts';

export interface DayPair {
  pointId: number;
  dayStart: number;
}

export interface DayResult extends DayPair {
  values: number;
  warnings: DayWarning[];
}

export interface CloseDaysOptions {
  /** Run the day-level detectors and the annual-quantity check (default true), as closeDay does. */
  detectors?: boolean;
}

interface Planned {
  pair: DayPair;
  /** Undefined: the point does not exist (closes to nothing, as closeDay). */
  plan: DayPlan | undefined;
  annual: boolean;
}

/** Closes the pairs (duplicates once); results in the order of each pair's first occurrence. */
export async function closeDays(db: Kysely<Schema>, all: readonly DayPair[], now: number, opts: CloseDaysOptions = {}): Promise<DayResult[]> {
  const pairs = [...new Map(all.map((p) => [`${p.pointId}:${p.dayStart}`, p])).values()];
  const planned = await planDays(db, pairs, opts.detectors !== false);
  return db.transaction().execute(async (trx) => {
    for (const p of planned) for (const a of p.plan?.days ?? []) await upsertPeriodValue(trx, p.pair.pointId, a, now);
    const out: DayResult[] = [];
    for (const p of planned) out.push({ ...p.pair, values: p.plan?.days.length ?? 0, warnings: p.plan === undefined ? [] : await writeDay(trx, p.plan, now, p.annual) });
    for (const [dayStart, group] of groupBy(planned.filter((p) => p.plan !== undefined), (p) => p.pair.dayStart)) {
      await storeMonths(trx, group.map((p) => ({ pointId: p.pair.pointId, outletId: p.plan!.place.outletId })), dayStart, now);
    }
    return out;
  });
}

/** Reads the inputs of the pairs, one query each per day, and computes each pair's plan in memory. */
async function planDays(db: Kysely<Schema>, pairs: readonly DayPair[], detectors: boolean): Promise<Planned[]> {
  const hours = hourInputsRepository(db);
  const days = dayInputsRepository(db);
  const byKey = new Map<string, Planned>();
  for (const [dayStart, group] of groupBy(pairs, (p) => p.dayStart)) {
    const dayEnd = dayStart + DAY;
    const ids = group.map((p) => p.pointId);
    const places = new Map<number, PointPlace>((await hours.places(ids)).map((r) => [r.pointId, { outletId: r.outletId, kind: r.kind, enterpriseId: r.enterpriseId, regionCode: r.regionCode }]));
    const located = ids.filter((id) => places.has(id));
    const outlets = [...new Set([...places.values()].map((p) => p.outletId))];
    const minutes = groupBy(await days.minutes(located, dayStart, dayEnd), (r) => r.pointId);
    const limitRows = groupBy(await hours.limits(outlets, dayStart), (r) => r.outlet_id);
    // The special periods in force at the day's start, as limitsInForce reads them for one outlet.
    const periods = await hours.specialPeriods(dayStart);
    // The quantities annualFindings reads are those in force at the end of the day (or of the year).
    const year = beijingYearOf(dayStart);
    const quantityAt = Math.min(dayEnd, beijingYearStart(year + 1) - 1);
    const quantityRows = detectors ? groupBy(await hours.limits(outlets, quantityAt), (r) => r.outlet_id) : new Map<number, never[]>();
    const logger = detectors ? groupBy(await days.loggerPeriods(located, dayStart, dayEnd), (r) => r.pointId) : new Map<number, never[]>();
    const first = detectors ? await days.firstMinutes(located) : new Map<number, number>();
    const markings = detectors ? groupBy(await hours.markings(located, dayStart, dayEnd), (m) => m.pointId) : new Map<number, never[]>();
    const treatment = detectors ? await days.treatmentLoggers(located) : new Set<number>();
    for (const { pointId } of group) {
      const place = places.get(pointId);
      if (place === undefined) {
        byKey.set(`${pointId}:${dayStart}`, { pair: { pointId, dayStart }, plan: undefined, annual: false });
        continue;
      }
      const { samples, arrivals } = samplesAndArrivals(minutes.get(pointId) ?? []);
      const limits = limitRows.get(place.outletId) ?? [];
      const { days: values, exceeded } = dayValues(dayStart, place.kind, samples, limitsFromRows(limits, 'daily', periods));
      const found: TargetedFinding[] = [];
      let mass: DayPlan['mass'] = [];
      let annual = false;
      if (detectors && samples.length > 0) {
        const own = logger.get(pointId) ?? [];
        const loggerDay = own.find((r) => r.periodKind === 'day');
        const input = {
          kind: place.kind, dayStart, samples, arrivals,
          loggerHours: own.filter((r) => r.periodKind === 'hour').map((r) => toSample(r.periodStart, r.factors, r.sourceFrameId)),
          loggerDay: loggerDay === undefined ? undefined : toSample(loggerDay.periodStart, loggerDay.factors, loggerDay.sourceFrameId),
          firstMinute: first.get(pointId) ?? null,
          markings: (markings.get(pointId) ?? []).map((m): Marking => ({ from: m.from, to: m.to, kind: m.kind, invalid: m.invalid })),
        };
        for (const f of dayFindings(input)) found.push({ finding: f, pointId });
        // Meter loggers are few: treatment-off keeps closeDay's own reads (the enterprise's meters, the other loggers).
        if (treatment.has(pointId)) found.push(...(await treatmentOffDay(db, pointId, place.enterpriseId, dayStart, samples)));
        const quantities = new Map(limits.filter((l) => l.annual_quantity_t !== null).map((l) => [l.factor, l]));
        mass = dayMass(samples, dayStart, place.kind, massFactors(place.kind, quantities, samples));
        // annualFindings finds nothing unless a measured factor has a quantity in force: skip its reads then.
        const measured = new Set(mass.map((m) => m.factor));
        annual = (quantityRows.get(place.outletId) ?? []).some((l) => l.annual_quantity_t !== null && measured.has(l.factor));
      }
      byKey.set(`${pointId}:${dayStart}`, { pair: { pointId, dayStart }, plan: { pointId, dayStart, place, days: values, exceeded, found, mass }, annual });
    }
  }
  return pairs.map((p) => byKey.get(`${p.pointId}:${p.dayStart}`)!);
}
