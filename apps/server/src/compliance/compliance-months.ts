// Monthly values (issue 4 §2): per point × factor × Beijing calendar month, the mean and maximum of the valid
// daily values, valid and total days, the days over the daily limit in force, and the mass emitted (the sum of
// the closed days' emission_mass). Recomputed for the whole month from its stored days whenever one of its days
// is closed or closed again (late or corrected data, markings, permit edits), in the day's own transaction, so
// the month always agrees with the days it is made of. Three reads serve any number of points of one month.
import type { Kysely } from 'kysely';
import type { LimitRow } from '@ecoenforce/domain';
import type { Schema } from '../platform/db/schema.ts';
import { permitsRepository, type SpecialPeriod } from '../registry/index.ts';
import { HOUR, limitsFromRows } from './compliance.ts';
import { groupBy } from '../platform/group-by.ts';

const BEIJING = 8 * HOUR;

/** The Beijing midnight that starts the calendar month holding `t`, and the next month's. */
export function beijingMonth(t: number): { from: number; to: number; month: string } {
  const d = new Date(t + BEIJING);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return { from: Date.UTC(y, m, 1) - BEIJING, to: Date.UTC(y, m + 1, 1) - BEIJING, month: `${y}-${String(m + 1).padStart(2, '0')}` };
}

export interface DayRow {
  factor: string;
  periodStart: number;
  status: string;
  mean: number | null;
  converted: number | null;
}

export interface MassRow {
  factor: string;
  dayStart: number;
  kg: number;
}

export interface MonthValue {
  factor: string;
  days: number;
  validDays: number;
  mean: number | null;
  max: number | null;
  convertedMean: number | null;
  convertedMax: number | null;
  exceededDays: number;
  massKg: number | null;
  massDays: number;
}

/**
 * One point's month by factor (pure). A day is exceeded as judge() decides at the close: a normal daily value
 * over the daily limit in force at the day's start, converted to the reference O2 where the limit has one.
 */
export function monthValues(days: readonly DayRow[], mass: readonly MassRow[], dailyLimitAt: (dayStart: number) => ReadonlyMap<string, LimitRow>): MonthValue[] {
  const out = new Map<string, MonthValue & { sum: number; convertedSum: number; converted: number }>();
  const of = (factor: string) => {
    let v = out.get(factor);
    if (v === undefined) {
      v = { factor, days: 0, validDays: 0, mean: null, max: null, convertedMean: null, convertedMax: null, exceededDays: 0, massKg: null, massDays: 0, sum: 0, convertedSum: 0, converted: 0 };
      out.set(factor, v);
    }
    return v;
  };
  for (const d of days) {
    const v = of(d.factor);
    v.days++;
    if (d.status !== 'normal' || d.mean === null) continue;
    v.validDays++;
    v.sum += d.mean;
    v.max = v.max === null ? d.mean : Math.max(v.max, d.mean);
    if (d.converted !== null) {
      v.converted++;
      v.convertedSum += d.converted;
      v.convertedMax = v.convertedMax === null ? d.converted : Math.max(v.convertedMax, d.converted);
    }
    const limit = dailyLimitAt(d.periodStart).get(d.factor);
    const judged = limit === undefined ? null : limit.referenceO2 === null ? d.mean : d.converted;
    if (limit !== undefined && judged !== null && judged > limit.limit) v.exceededDays++;
  }
  for (const m of mass) {
    const v = of(m.factor);
    v.massKg = (v.massKg ?? 0) + m.kg;
    v.massDays++;
  }
  return [...out.values()]
    .sort((a, b) => (a.factor < b.factor ? -1 : a.factor > b.factor ? 1 : 0))
    .map(({ sum, convertedSum, converted, ...v }) => ({ ...v, mean: v.validDays > 0 ? sum / v.validDays : null, convertedMean: converted > 0 ? convertedSum / converted : null }));
}

/** Rows per multi-row upsert: 14 columns × 500 stays under both dialects' parameter limits. */
const ROWS_PER_STATEMENT = 500;

/** Recomputes and stores the month holding `dayStart` of each point (call after the days are written). */
export async function storeMonths(trx: Kysely<Schema>, points: ReadonlyArray<{ pointId: number; outletId: number }>, dayStart: number, now: number): Promise<void> {
  if (points.length === 0) return;
  const { from, to, month } = beijingMonth(dayStart);
  const ids = [...new Set(points.map((p) => p.pointId))];
  const outlets = [...new Set(points.map((p) => p.outletId))];
  const days = await trx
    .selectFrom('period_values')
    .select(['point_id', 'factor', 'period_start', 'status', 'mean', 'converted'])
    .where('point_id', 'in', ids)
    .where('period_kind', '=', 'day')
    .where('period_start', '>=', from)
    .where('period_start', '<', to)
    .execute();
  const mass = await trx.selectFrom('emission_mass').select(['point_id', 'factor', 'day_start', 'mass_kg']).where('point_id', 'in', ids).where('day_start', '>=', from).where('day_start', '<', to).execute();
  // Every limit of a valid permit in force some time in the month, in limitsForOutlet's order; each day then
  // takes the ones in force at its start, as the day's close did (limitsInForce).
  const limits = await permitsRepository(trx).limitsForOutletsBetween(outlets, from, to);
  // Special periods matter only to special limit rows; read (once per day of the month) only when there are some.
  const periodsAt = new Map<number, SpecialPeriod[]>();
  const needsPeriods = limits.some((l) => l.special_kind !== null);
  if (needsPeriods) for (const t of new Set(days.map((d) => Number(d.period_start)))) periodsAt.set(t, await permitsRepository(trx).specialPeriodsAt(t));
  const daysOf = groupBy(days, (d) => Number(d.point_id));
  const massOf = groupBy(mass, (m) => Number(m.point_id));
  const limitsOf = groupBy(limits, (l) => Number(l.outlet_id));
  const rows = [];
  for (const p of new Map(points.map((x) => [x.pointId, x])).values()) {
    const own = limitsOf.get(p.outletId) ?? [];
    const cache = new Map<number, ReadonlyMap<string, LimitRow>>();
    const at = (t: number) => {
      let m = cache.get(t);
      if (m === undefined) {
        m = limitsFromRows(own.filter((l) => Number(l.valid_from) <= t && Number(l.valid_to) > t), 'daily', periodsAt.get(t) ?? []);
        cache.set(t, m);
      }
      return m;
    };
    const values = monthValues(
      (daysOf.get(p.pointId) ?? []).map((d) => ({ factor: d.factor, periodStart: Number(d.period_start), status: d.status, mean: d.mean, converted: d.converted })),
      (massOf.get(p.pointId) ?? []).map((m) => ({ factor: m.factor, dayStart: Number(m.day_start), kg: m.mass_kg })),
      at,
    );
    for (const v of values) {
      rows.push({
        point_id: p.pointId, factor: v.factor, month_start: from, month, days: v.days, valid_days: v.validDays, mean: v.mean, max: v.max, converted_mean: v.convertedMean,
        converted_max: v.convertedMax, exceeded_days: v.exceededDays, mass_kg: v.massKg, mass_days: v.massDays, computed_at: now,
      });
    }
  }
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await trx
      .insertInto('compliance_months')
      .values(rows.slice(i, i + ROWS_PER_STATEMENT))
      .onConflict((oc) =>
        oc.columns(['point_id', 'factor', 'month_start']).doUpdateSet((eb) => ({
          days: eb.ref('excluded.days'), valid_days: eb.ref('excluded.valid_days'), mean: eb.ref('excluded.mean'), max: eb.ref('excluded.max'),
          converted_mean: eb.ref('excluded.converted_mean'), converted_max: eb.ref('excluded.converted_max'), exceeded_days: eb.ref('excluded.exceeded_days'),
          mass_kg: eb.ref('excluded.mass_kg'), mass_days: eb.ref('excluded.mass_days'), computed_at: eb.ref('excluded.computed_at'),
        })),
      )
      .execute();
  }
}

