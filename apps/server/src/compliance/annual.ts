// Annual permitted quantity (issue 4 §4; 排污许可 年许可排放量): per enterprise, outlet and pollutant, the
// mass emitted in the Beijing calendar year so far and a forecast of the year end, against the annual
// quantity the permit in force sets (permit_limits.annual_quantity_t).
//
// Mass: minute by minute, concentration × flow × 60 s (massKg in @ecoenforce/domain: flue gas mg/m³ ×
// m³/s, wastewater mg/L × L/s — both mg/s), over the minutes where both are valid; an hour with some valid
// minutes counts as its valid minutes' mean rate × 60 minutes, an hour without any counts nothing (so the
// year to date never invents emissions for missing data). Each closed day's mass is stored (emission_mass);
// hours after the last closed day come from the closed hours' means (mean concentration × mean flow).
//
// Forecast: year to date + the mean hourly mass over the hours with data in the last 30 days × the hours
// left in the year. Hours without data are assumed to emit at that recent rate: missing data never lowers
// the forecast. A finding (`annual_quantity`) when the forecast exceeds the permitted quantity.
import type { Kysely } from 'kysely';
import { massKg, severityOf, type Finding, type PointSample } from '@ecoenforce/domain';
import { factorInfo } from '@ecoenforce/hj212';
import type { Schema } from '../platform/db/schema.ts';
import { permitsRepository } from '../registry/index.ts';
import type { AnnualReport, AnnualRow } from '@ecoenforce/contract';
import { HOUR, type PointPlace } from './compliance.ts';

const DAY = 24 * HOUR;
const BEIJING = 8 * HOUR;
export const RECENT_DAYS = 30;
export const FORECAST_METHOD = `year to date + mean hourly mass of the hours with data in the last ${RECENT_DAYS} days × hours left in the year`;

/** Pollutants whose mass is kept even where no permit sets a quantity (PRM art. 13 lists the first five). */
const MASS_FACTORS: Readonly<Record<PointPlace['kind'], readonly string[]>> = {
  air: ['a21026', 'a21002', 'a34013', 'a21005'],
  water: ['w01018', 'w21003', 'w21011', 'w21001'],
};
const FLOW: Readonly<Record<PointPlace['kind'], string>> = { air: 'a00000', water: 'w00000' };

export const beijingYearStart = (year: number): number => Date.UTC(year, 0, 1) - BEIJING;
export const beijingYearOf = (t: number): number => new Date(t + BEIJING).getUTCFullYear();

function validBoth(s: PointSample, factor: string, flow: string): boolean {
  const c = s.factors[factor];
  const q = s.factors[flow];
  return c?.value != null && q?.value != null && (c.flag ?? 'N') === 'N' && (q.flag ?? 'N') === 'N';
}

/** Mass per pollutant of one point's day from its minute samples (pure). */
export function dayMass(samples: readonly PointSample[], dayStart: number, kind: PointPlace['kind'], factors: Iterable<string>): Array<{ factor: string; kg: number; hours: number }> {
  const flow = FLOW[kind];
  const out = [];
  for (const factor of factors) {
    let kg = 0;
    let hours = 0;
    for (let h = dayStart; h < dayStart + DAY; h += HOUR) {
      const m = massKg(samples, factor, h, flow);
      if (m === null) continue;
      // massKg and this count use the same validity (flags other than N never count).
      let n = 0;
      for (const s of samples) if (s.t >= h && s.t < h + HOUR && validBoth(s, factor, flow)) n++;
      if (n === 0) continue;
      kg += (m * 60) / n;
      hours++;
    }
    if (hours > 0) out.push({ factor, kg, hours });
  }
  return out;
}

/** The outlet's annual quantities in force at `at`, by factor: the smaller where permits overlap. */
export async function annualQuantities(db: Kysely<Schema>, outletId: number, at: number): Promise<Map<string, { tonnes: number; permitNumber: string }>> {
  const out = new Map<string, { tonnes: number; permitNumber: string }>();
  for (const l of await permitsRepository(db).limitsForOutlet(outletId, at)) {
    if (l.annual_quantity_t === null) continue;
    const prev = out.get(l.factor);
    if (prev === undefined || l.annual_quantity_t < prev.tonnes) out.set(l.factor, { tonnes: l.annual_quantity_t, permitNumber: l.permit_number });
  }
  return out;
}

/** Computes and stores the day's mass of a point (called when the day is closed, in its transaction). */
export async function storeDayMass(trx: Kysely<Schema>, pointId: number, dayStart: number, rows: ReadonlyArray<{ factor: string; kg: number; hours: number }>, now: number): Promise<void> {
  for (const r of rows) {
    await trx
      .insertInto('emission_mass')
      .values({ point_id: pointId, factor: r.factor, day_start: dayStart, mass_kg: r.kg, hours: r.hours, computed_at: now })
      .onConflict((oc) => oc.columns(['point_id', 'factor', 'day_start']).doUpdateSet({ mass_kg: r.kg, hours: r.hours, computed_at: now }))
      .execute();
  }
}

/** The factors whose day mass a point keeps: the default pollutants and any with a permitted quantity. */
export function massFactors(kind: PointPlace['kind'], quantities: ReadonlyMap<string, unknown>, samples: readonly PointSample[]): string[] {
  const present = new Set<string>();
  for (const s of samples) for (const k in s.factors) present.add(k);
  return [...new Set([...MASS_FACTORS[kind], ...quantities.keys()])].filter((f) => present.has(f));
}

export interface MassTotals {
  kg: number;
  hours: number;
  recentKg: number;
  recentHours: number;
}

/** Year-to-date mass of some points by factor: closed days from emission_mass, later hours from period_values. */
export async function massToDate(db: Kysely<Schema>, points: ReadonlyArray<{ id: number; kind: PointPlace['kind'] }>, from: number, asOf: number): Promise<Map<string, MassTotals>> {
  const recentFrom = Math.max(from, asOf - RECENT_DAYS * DAY);
  const out = new Map<string, MassTotals>();
  const add = (factor: string, kg: number, hours: number, recent: boolean): void => {
    const t = out.get(factor) ?? { kg: 0, hours: 0, recentKg: 0, recentHours: 0 };
    t.kg += kg;
    t.hours += hours;
    if (recent) {
      t.recentKg += kg;
      t.recentHours += hours;
    }
    out.set(factor, t);
  };
  for (const p of points) {
    const days = await db
      .selectFrom('emission_mass')
      .select(['factor', 'day_start', 'mass_kg', 'hours'])
      .where('point_id', '=', p.id)
      .where('day_start', '>=', from)
      .where('day_start', '<', asOf)
      .execute();
    let closedTo = from;
    for (const d of days) {
      const start = Number(d.day_start);
      if (start + DAY > asOf) continue; // a day closed before the as-of instant ended is not in the total
      add(d.factor, d.mass_kg, d.hours, start >= recentFrom);
      closedTo = Math.max(closedTo, start + DAY);
    }
    const flow = FLOW[p.kind];
    const hours = await db
      .selectFrom('period_values as c')
      .innerJoin('period_values as q', (j) => j.onRef('q.point_id', '=', 'c.point_id').onRef('q.period_start', '=', 'c.period_start').on('q.period_kind', '=', 'hour').on('q.factor', '=', flow))
      .select(['c.factor', 'c.period_start', 'c.mean as c', 'q.mean as q'])
      .where('c.point_id', '=', p.id)
      .where('c.period_kind', '=', 'hour')
      .where('c.factor', 'in', MASS_FACTORS[p.kind])
      .where('c.period_start', '>=', closedTo)
      .where('c.period_start', '<', asOf)
      .execute();
    for (const h of hours) if (h.c !== null && h.q !== null) add(h.factor, (h.c * h.q * 3600) / 1e6, 1, Number(h.period_start) >= recentFrom);
  }
  return out;
}

/** One outlet's annual rows at `asOf` (the year of `from`). */
async function outletRows(db: Kysely<Schema>, outlet: { id: number; code: string; kind: PointPlace['kind'] }, from: number, to: number, asOf: number): Promise<AnnualRow[]> {
  const points = await db
    .selectFrom('monitoring_points')
    .select('id')
    .where('outlet_id', '=', outlet.id)
    .where('id', 'not in', db.selectFrom('meters').select('point_id'))
    .orderBy('id')
    .execute();
  const mass = await massToDate(db, points.map((p) => ({ id: Number(p.id), kind: outlet.kind })), from, asOf);
  const quantities = await annualQuantities(db, outlet.id, Math.min(asOf, to - 1));
  const remaining = Math.max(0, to - asOf) / HOUR;
  const factors = [...new Set([...quantities.keys(), ...mass.keys()])].sort();
  return factors.map((factor) => {
    const m = mass.get(factor) ?? { kg: 0, hours: 0, recentKg: 0, recentHours: 0 };
    const q = quantities.get(factor);
    const ratePerHourKg = m.recentHours > 0 ? m.recentKg / m.recentHours : null;
    const ytdT = m.kg / 1000;
    const forecastT = ytdT + ((ratePerHourKg ?? 0) * remaining) / 1000;
    const info = factorInfo(factor);
    const status: AnnualRow['status'] = q === undefined ? 'no_quantity' : ytdT > q.tonnes ? 'over' : forecastT > q.tonnes ? 'forecast_over' : 'within';
    return {
      outletId: outlet.id, outletCode: outlet.code, outletKind: outlet.kind, factor, factorName: info?.nameZh ?? null, factorNameEn: info?.nameEn ?? null,
      permittedT: q?.tonnes ?? null, permitNumber: q?.permitNumber ?? null, ytdT, hours: m.hours,
      recentDailyT: ratePerHourKg === null ? null : (ratePerHourKg * 24) / 1000, forecastT, status,
    };
  });
}

/** The enterprise's annual quantities report for a Beijing calendar year, as of `now` (clamped to the year). */
export async function annualReport(db: Kysely<Schema>, enterpriseId: number, year: number, now: number): Promise<AnnualReport> {
  const from = beijingYearStart(year);
  const to = beijingYearStart(year + 1);
  const asOf = Math.min(Math.max(now, from), to);
  const outlets = await db.selectFrom('outlets').select(['id', 'code', 'kind']).where('enterprise_id', '=', enterpriseId).orderBy('code').execute();
  const rows: AnnualRow[] = [];
  for (const o of outlets) rows.push(...(await outletRows(db, { id: Number(o.id), code: o.code, kind: o.kind }, from, to, asOf)));
  return { enterpriseId, year, from, to, asOf, method: FORECAST_METHOD, rows };
}

/**
 * Findings of the outlet's annual quantities when a point's day is closed: one per factor whose forecast
 * exceeds the permitted quantity, on the closed day (consecutive days extend one warning). Only factors the
 * point measures; days older than a warning already raised this year are not raised again.
 */
export async function annualFindings(db: Kysely<Schema>, place: PointPlace, pointId: number, dayStart: number, measured: ReadonlySet<string>): Promise<Finding[]> {
  const asOf = dayStart + DAY;
  const year = beijingYearOf(dayStart);
  const from = beijingYearStart(year);
  const to = beijingYearStart(year + 1);
  const outlet = await db.selectFrom('outlets').select(['id', 'code', 'kind']).where('id', '=', place.outletId).executeTakeFirst();
  if (outlet === undefined) return [];
  const rows = (await outletRows(db, { id: Number(outlet.id), code: outlet.code, kind: outlet.kind }, from, to, asOf)).filter(
    (r) => r.permittedT !== null && r.forecastT > r.permittedT && measured.has(r.factor),
  );
  const out: Finding[] = [];
  for (const r of rows) {
    const later = await db
      .selectFrom('warnings')
      .select('id')
      .where('point_id', '=', pointId)
      .where('kind', '=', 'annual_quantity')
      .where('factor', '=', r.factor)
      .where('period_from', '>=', from)
      .where('period_to', '>', asOf)
      .executeTakeFirst();
    if (later !== undefined) continue;
    const permitted = r.permittedT ?? 0;
    out.push({
      kind: 'annual_quantity',
      severity: severityOf((r.forecastT - permitted) / permitted),
      from: dayStart,
      to: asOf,
      factor: r.factor,
      message: `${r.factor} ${year} forecast ${r.forecastT.toFixed(2)} t exceeds the permitted ${permitted} t (year to date ${r.ytdT.toFixed(2)} t).`,
      evidence: {
        times: [dayStart],
        values: [r.forecastT],
        params: { method: FORECAST_METHOD, recentDays: RECENT_DAYS },
        // `limit` is the permitted quantity, so an extended warning's severity follows forecast / quantity.
        rule: { limit: permitted, unit: 't', year, outletId: r.outletId, permitNumber: r.permitNumber, ytdT: r.ytdT, hours: r.hours, recentDailyT: r.recentDailyT, forecastT: r.forecastT },
      },
    });
  }
  return out;
}
