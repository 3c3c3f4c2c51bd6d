// An enterprise's 12-month compliance grid (issue 4 §8, in the manner of EPA ECHO's three-year compliance
// history): one row per point and factor with a limit, one column per Beijing calendar month. A cell counts
// the exceeded hours (hourly limits) and days (daily limits) of the lawful values in period_values, judged
// as judge() in @ecoenforce/domain does — a normal value above the limit in force at the period's start,
// converted to the reference O2 where the limit has one — together with the share of the month's hours
// that can prove anything, and the month's warnings by kind.
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { LimitRow } from '@ecoenforce/domain';
import { factorInfo } from '@ecoenforce/hj212';
import type { CellStatus, ComplianceGrid, GridCell, GridLimit, GridMonth, GridRow } from '@ecoenforce/contract';
import type { Schema } from '../platform/db/schema.ts';
import { HOUR, limitsInForce, permitNumberOf } from './compliance.ts';

const BEIJING = 8 * HOUR;

export interface GridParams {
  /**
   * Below this share of the month's hours with a normal value, a month without an exceedance is
   * "insufficient data": the ≥ 75 % rule that makes a flue-gas aggregate normal (rules.md §1), applied to
   * the month. Configurable, like the validity rules it follows.
   */
  minValidShare: number;
}

export const DEFAULT_GRID_PARAMS: GridParams = { minValidShare: 0.75 };

/** The epoch ms at which a Beijing calendar month ('2026-11') starts. */
export function beijingMonthStart(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Date.UTC(y, m - 1, 1) - BEIJING;
}

/** The Beijing calendar month ('2026-11') holding `t`. */
export function beijingMonthOf(t: number): string {
  const d = new Date(t + BEIJING);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** `count` Beijing months ending with `last` (inclusive), oldest first. */
export function monthsEndingWith(last: string, count = 12): GridMonth[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const at = Date.UTC(y, m - 1 - (count - 1 - i), 1);
    const month = beijingMonthOf(at - BEIJING);
    const from = at - BEIJING;
    const d = new Date(at);
    return { month, from, to: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - BEIJING };
  });
}

interface Segment {
  from: number;
  to: number;
  /** factor → basis → limit in force from `from` to `to`. */
  limits: Map<string, Map<'hourly' | 'daily', LimitRow>>;
}

/** The window cut where any of the enterprise's permits starts or ends; limits are constant inside a piece. */
async function limitSegments(db: Kysely<Schema>, enterpriseId: number, outletId: number, from: number, to: number): Promise<Segment[]> {
  const permits = await db.selectFrom('permits').select(['valid_from', 'valid_to']).where('enterprise_id', '=', enterpriseId).execute();
  const cuts = new Set<number>([from, to]);
  for (const p of permits) for (const t of [Number(p.valid_from), Number(p.valid_to)]) if (t > from && t < to) cuts.add(t);
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const limits = new Map<string, Map<'hourly' | 'daily', LimitRow>>();
    for (const basis of ['hourly', 'daily'] as const) {
      for (const [factor, row] of await limitsInForce(db, outletId, sorted[i]!, basis)) {
        const byBasis = limits.get(factor) ?? new Map<'hourly' | 'daily', LimitRow>();
        byBasis.set(basis, row);
        limits.set(factor, byBasis);
      }
    }
    out.push({ from: sorted[i]!, to: sorted[i + 1]!, limits });
  }
  return out;
}

type Counts = { hours: number; validHours: number; exceededHours: number; days: number; exceededDays: number };

/**
 * Per factor and month of one point: hour and day rows, normal hours, exceeded hours and days — one grouped query
 * over the point's period_values in the window (the primary key serves point, factor IN …, kind, range).
 */
async function countsOf(db: Kysely<Schema>, pointId: number, months: GridMonth[], segments: Segment[], factors: string[]): Promise<Map<string, Counts[]>> {
  const conds: Array<{ factor: string; kind: 'hour' | 'day'; from: number; to: number; column: 'mean' | 'converted'; limit: number }> = [];
  for (const s of segments) {
    for (const [factor, byBasis] of s.limits) {
      for (const [basis, l] of byBasis) {
        conds.push({ factor, kind: basis === 'hourly' ? 'hour' : 'day', from: s.from, to: s.to, column: l.referenceO2 === null ? 'mean' : 'converted', limit: l.limit });
      }
    }
  }
  const bucket = (eb: ExpressionBuilder<Schema, 'period_values'>) => {
    let c = eb.case().when('period_start', '<', months[0]!.to).then(eb.lit<number>(0));
    for (let i = 1; i < months.length - 1; i++) c = c.when('period_start', '<', months[i]!.to).then(eb.lit(i));
    return c.else(eb.lit(months.length - 1)).end();
  };
  const rows = await db
    .selectFrom('period_values')
    .select((eb) => {
      const normal = eb('status', '=', 'normal');
      const exceeded =
        conds.length === 0
          ? eb.lit(0)
          : eb.case().when(eb.and([normal, eb.or(conds.map((c) => eb.and([eb('factor', '=', c.factor), eb('period_kind', '=', c.kind), eb('period_start', '>=', c.from), eb('period_start', '<', c.to), eb(c.column, '>', c.limit)])))])).then(eb.lit(1)).else(eb.lit(0)).end();
      return [
        'factor', 'period_kind', bucket(eb).as('bucket'),
        eb.fn.countAll<number | string>().as('n'),
        eb.fn.sum<number | string>(eb.case().when(normal).then(eb.lit(1)).else(eb.lit(0)).end()).as('normal'),
        eb.fn.sum<number | string>(exceeded).as('exceeded'),
      ];
    })
    .where('point_id', '=', pointId)
    .where('factor', 'in', factors)
    .where('period_kind', 'in', ['hour', 'day'])
    .where('period_start', '>=', months[0]!.from)
    .where('period_start', '<', months.at(-1)!.to)
    .groupBy(['factor', 'period_kind', sql.ref('bucket')])
    .execute();
  const out = new Map<string, Counts[]>();
  for (const f of factors) out.set(f, months.map(() => ({ hours: 0, validHours: 0, exceededHours: 0, days: 0, exceededDays: 0 })));
  for (const r of rows) {
    const c = out.get(r.factor)![Number(r.bucket)]!;
    if (r.period_kind === 'hour') {
      c.hours += Number(r.n);
      c.validHours += Number(r.normal);
      c.exceededHours += Number(r.exceeded);
    } else {
      c.days += Number(r.n);
      c.exceededDays += Number(r.exceeded);
    }
  }
  return out;
}

/** Whether a limit on `basis` was in force for the factor in any part of the month. */
function limitIn(segments: Segment[], factor: string, basis: 'hourly' | 'daily', m: GridMonth): boolean {
  return segments.some((s) => s.from < m.to && s.to > m.from && s.limits.get(factor)?.has(basis) === true);
}

function distinctLimits(segments: Segment[], factor: string): GridLimit[] {
  const out: GridLimit[] = [];
  for (const s of segments) {
    for (const [basis, l] of s.limits.get(factor) ?? []) {
      const prev = out.find((x) => x.basis === basis && x.to === s.from && x.limit === l.limit && x.referenceO2 === l.referenceO2 && x.permitNumber === permitNumberOf(l));
      if (prev !== undefined) prev.to = s.to;
      else out.push({ basis, limit: l.limit, unit: l.unit, referenceO2: l.referenceO2, permitNumber: permitNumberOf(l), from: s.from, to: s.to });
    }
  }
  return out;
}

export async function complianceGrid(db: Kysely<Schema>, enterpriseId: number, lastMonth: string, now: number, params: GridParams = DEFAULT_GRID_PARAMS): Promise<ComplianceGrid> {
  const months = monthsEndingWith(lastMonth);
  const from = months[0]!.from;
  const to = months.at(-1)!.to;
  const points = await db
    .selectFrom('monitoring_points as p')
    .innerJoin('outlets as o', 'o.id', 'p.outlet_id')
    .select(['p.id', 'p.mn', 'p.outlet_id', 'p.factors', 'o.code', 'o.kind'])
    .where('o.enterprise_id', '=', enterpriseId)
    .orderBy('o.code')
    .orderBy('p.id')
    .execute();
  const warnings = await db
    .selectFrom('warnings')
    .select(['point_id', 'factor', 'kind', 'period_from', 'period_to'])
    .where('enterprise_id', '=', enterpriseId)
    .where('status', '!=', 'dismissed')
    .where('period_from', '<', to)
    .where('period_to', '>', from)
    .execute();
  const warningsOf = (pointId: number, ofRow: (factor: string | null) => boolean, m: GridMonth): Record<string, number> => {
    const byKind: Record<string, number> = {};
    for (const w of warnings) {
      if (Number(w.point_id) !== pointId || !ofRow(w.factor) || Number(w.period_from) >= m.to || Number(w.period_to) <= m.from) continue;
      byKind[w.kind] = (byKind[w.kind] ?? 0) + 1;
    }
    return byKind;
  };
  const expected = (m: GridMonth): number => Math.max(0, Math.floor((Math.min(m.to, now) - m.from) / HOUR));

  const segmentsByOutlet = new Map<number, Segment[]>();
  const rows: GridRow[] = [];
  for (const p of points) {
    const outletId = Number(p.outlet_id);
    let segments = segmentsByOutlet.get(outletId);
    if (segments === undefined) {
      segments = await limitSegments(db, enterpriseId, outletId, from, to);
      segmentsByOutlet.set(outletId, segments);
    }
    // Only the factors the point measures: a meter logger on the same outlet has no row for the outlet's
    // limits (a point that lists no factors gets every limited one).
    const own = new Set(JSON.parse(p.factors) as string[]);
    const factors = [...new Set(segments.flatMap((s) => [...s.limits.keys()]))].filter((f) => own.size === 0 || own.has(f)).sort();
    const counts = factors.length === 0 ? new Map<string, Counts[]>() : await countsOf(db, Number(p.id), months, segments, factors);
    const place = { pointId: Number(p.id), mn: p.mn, outletCode: p.code, outletKind: p.kind };
    for (const factor of factors) {
      const cells = months.map((m, i): GridCell => {
        const c = counts.get(factor)![i]!;
        const hourly = limitIn(segments, factor, 'hourly', m);
        const daily = limitIn(segments, factor, 'daily', m);
        const expectedHours = expected(m);
        const validShare = expectedHours === 0 ? null : Math.min(1, c.validHours / expectedHours);
        const exceededHours = hourly ? c.exceededHours : null;
        const exceededDays = daily ? c.exceededDays : null;
        let status: CellStatus;
        if (!hourly && !daily) status = 'no_limit';
        else if ((exceededHours ?? 0) + (exceededDays ?? 0) > 0) status = 'exceeded';
        else if (c.hours === 0 && c.days === 0) status = 'no_data';
        else if (validShare === null || validShare < params.minValidShare) status = 'insufficient';
        else status = 'compliant';
        return { month: m.month, status, exceededHours, exceededDays, validHours: c.validHours, expectedHours, validShare, warnings: warningsOf(place.pointId, (f) => f === factor, m) };
      });
      rows.push({ ...place, factor, factorName: factorInfo(factor)?.nameZh ?? factor, factorNameEn: factorInfo(factor)?.nameEn ?? factor, limits: distinctLimits(segments, factor), cells });
    }
    // Warnings about no factor with a limit (offline, markings, a flat O2 …) get one row of their own.
    const pointWide = months.map((m) => warningsOf(place.pointId, (f) => f === null || !factors.includes(f), m));
    if (pointWide.some((w) => Object.keys(w).length > 0)) {
      rows.push({
        ...place, factor: null, factorName: null, factorNameEn: null, limits: [],
        cells: months.map((m, i) => ({ month: m.month, status: 'no_limit', exceededHours: null, exceededDays: null, validHours: 0, expectedHours: expected(m), validShare: null, warnings: pointWide[i]! })),
      });
    }
  }
  return { enterpriseId, months, minValidShare: params.minValidShare, rows };
}
