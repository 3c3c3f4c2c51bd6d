// Closing an hour of one point (issue 4 §2 and §4): its minute readings become lawful hourly values per
// factor (validity, O2 conversion), stored in period_values; each value with an hourly limit in force is
// judged, and an exceedance opens a warning or extends the point's running episode. Idempotent: closing
// the same hour again (late or corrected data) rewrites its values and never duplicates a warning.
import type { Kysely, Selectable } from 'kysely';
import { DEFAULT_VALIDITY, aggregateHour, episodes, exceedanceMessage, isWithinRegion, judge, severityOf, type Aggregate, type ExceededPeriod, type LimitRow, type Marking, type PointSample, type Severity } from '@ecoenforce/domain';
import { recordAudit } from '../platform/audit.ts';
import type { Schema, SpecialKindColumn, WarningsTable } from '../platform/db/schema.ts';
import { permitsRepository, type OutletLimit, type SpecialPeriod } from '../registry/index.ts';
import { type StoredFactor, readingsRepository } from '../monitoring/index.ts';
import { markingsOver } from './markings.ts';

export const HOUR = 3600_000;

export interface CloseResult {
  pointId: number;
  hourStart: number;
  values: Aggregate[];
  exceeded: ExceededPeriod[];
  /** Warnings created or extended by this close. */
  warnings: Array<{ id: number; created: boolean }>;
}

export interface PointPlace {
  outletId: number;
  kind: 'air' | 'water';
  enterpriseId: number;
  regionCode: string;
}

export async function placeOf(db: Kysely<Schema>, pointId: number): Promise<PointPlace | undefined> {
  const r = await db
    .selectFrom('monitoring_points as p')
    .innerJoin('outlets as o', 'o.id', 'p.outlet_id')
    .innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
    .select(['o.id as outlet_id', 'o.kind', 'e.id as enterprise_id', 'e.region_code'])
    .where('p.id', '=', pointId)
    .executeTakeFirst();
  return r && { outletId: Number(r.outlet_id), kind: r.kind, enterpriseId: Number(r.enterprise_id), regionCode: r.region_code };
}

/** The point's minute readings of the hour as PointSamples keyed by 2017 factor code. */
export async function minuteSamples(db: Kysely<Schema>, pointId: number, from: number, to: number): Promise<PointSample[]> {
  const rows = await readingsRepository(db).list({ pointId, periodKind: 'min', from, to, limit: 10_000 });
  return rows.map((r) => toSample(r.periodStart, r.factors, r.sourceFrameId));
}

/** One stored period's factors as a PointSample: the average (or real-time) value, keyed by 2017 code. */
export function toSample(t: number, stored: readonly StoredFactor[], frameId: number): PointSample {
  const factors: Record<string, PointSample['factors'][string]> = {};
  for (const f of stored) factors[f.code2017 || f.code] = { value: f.avg ?? f.rtd ?? null, min: f.min ?? null, max: f.max ?? null, zs: f.zsAvg ?? null, cou: f.cou ?? null, flag: f.flag ?? null };
  return { t, factors, frameId };
}

/**
 * The outlet's limits in force at `at` on one basis (hourly; daily, which also takes 24-hour composites),
 * by factor: the stricter where two permits overlap, the special limit where a special period runs.
 */
export async function limitsInForce(db: Kysely<Schema>, outletId: number, at: number, basis: 'hourly' | 'daily'): Promise<Map<string, LimitRow>> {
  const repo = permitsRepository(db);
  const rows = await repo.limitsForOutlet(outletId, at);
  return limitsFromRows(rows, basis, rows.length === 0 ? [] : await repo.specialPeriodsAt(at));
}

/** A permit limit's `source` names the permit: this prefix, then its number (kept in warnings' evidence). */
const PERMIT_SOURCE = 'permit ';

/** The permit number in a limit's source, for structured output; null when a standard row is the source. */
export function permitNumberOf(limit: Pick<LimitRow, 'source'>): string | null {
  return limit.source.startsWith(PERMIT_SOURCE) ? limit.source.slice(PERMIT_SOURCE.length) : null;
}

/** A special period as a warning's evidence names it. */
export interface PeriodRef {
  id: number;
  kind: SpecialKindColumn;
  level: string | null;
  name: string;
  regionCode: string;
}

/**
 * A limit judged while special periods cover the outlet's region: which row gave the value (`limitKind`)
 * and every period running. The discretion table reads the periods — "Period: special event 5 %;
 * heavy-pollution warning 10 %" [GD-A1] — and so does the aggravating case "exceedance during a
 * heavy-pollution warning" [W13]: both hold whichever row was stricter, so the periods are named even
 * when the ordinary limit won. Outside special periods a limit carries neither field.
 */
export interface LimitInForce extends LimitRow {
  limitKind?: 'ordinary' | SpecialKindColumn;
  specialPeriods?: PeriodRef[];
}

type LimitSource = Pick<OutletLimit, 'factor' | 'limit_value' | 'unit' | 'basis' | 'reference_o2' | 'special_kind' | 'permit_number' | 'region_code'>;

/** isWithinRegion that answers false for a malformed code instead of throwing. */
export function within(code: string, ancestor: string): boolean {
  try {
    return isWithinRegion(code, ancestor);
  } catch {
    return false; // a malformed region code matches nothing rather than stopping the close
  }
}

/**
 * The limit rows of one outlet (ordered by factor, basis, latest permit first) on one basis, by factor,
 * given the special periods in force at the same instant (any region: those covering the outlet's region
 * apply). A special row binds only while a period of its kind covers the outlet, and then replaces the
 * ordinary row of its factor and basis [PRM 13–14]. Special limits are stricter by design; should a
 * special row be looser than the ordinary one, the stricter value still wins — a special period never
 * relaxes a permit. Equal values are taken as the special limit.
 */
export function limitsFromRows(rows: readonly LimitSource[], basis: 'hourly' | 'daily', periods: readonly SpecialPeriod[]): Map<string, LimitRow> {
  const out = new Map<string, LimitInForce>();
  const active = new Map<string, SpecialPeriod[]>();
  const activeIn = (region: string): SpecialPeriod[] => {
    let list = active.get(region);
    if (list === undefined) active.set(region, (list = periods.filter((p) => within(region, p.region_code))));
    return list;
  };
  const running = new Map<string, SpecialPeriod[]>();
  for (const l of rows) {
    const lBasis = l.basis === '24h_composite' ? 'daily' : l.basis;
    if (lBasis !== basis) continue;
    const kind = l.special_kind;
    const here = activeIn(l.region_code);
    if (kind !== null && !here.some((p) => p.kind === kind)) continue;
    const row: LimitInForce = { factor: l.factor, limit: l.limit_value, unit: l.unit, basis, referenceO2: l.reference_o2, source: `${PERMIT_SOURCE}${l.permit_number}` };
    if (here.length > 0) {
      row.limitKind = kind ?? 'ordinary';
      running.set(l.factor, here);
    }
    const prev = out.get(l.factor);
    if (prev === undefined || row.limit < prev.limit || (row.limit === prev.limit && kind !== null && prev.limitKind === 'ordinary')) out.set(l.factor, row);
  }
  for (const [factor, list] of running) {
    out.get(factor)!.specialPeriods = list.map((p) => ({ id: Number(p.id), kind: p.kind, level: p.level, name: p.name, regionCode: p.region_code }));
  }
  return out;
}

/**
 * Which special periods an exceedance was judged under ('' for none; detector findings carry no limit).
 * A running warning is extended only by a finding judged under the same: the hours under a period are
 * what aggravates [W13] and weighs in the fine [GD-A1], so they make a warning of their own with their own
 * evidence — as the domain's episodes() already starts a new episode when the limit's source changes.
 */
export function periodKey(evidence: { rule?: unknown }): string {
  const rule = evidence.rule as Partial<LimitInForce> | undefined;
  return rule?.specialPeriods === undefined ? '' : `${rule.limitKind ?? ''}:${rule.specialPeriods.map((p) => p.id).join(',')}`;
}

/**
 * What an episode is about besides its point, kind and factor: the limit regime (periodKey) and the period
 * the finding judges — an exceedance's basis (hourly, daily …), or whether a logger's hourly or daily value
 * was checked (periodMismatch). Two findings with different keys are different episodes even when they overlap.
 */
export function episodeKey(evidence: { rule?: unknown }): string {
  const rule = evidence.rule as Record<string, unknown> | undefined;
  const judged = typeof rule?.basis === 'string' ? rule.basis : rule !== undefined && 'dailyValue' in rule ? 'daily' : rule !== undefined && 'hourlyValue' in rule ? 'hourly' : '';
  return `${periodKey(evidence)}|${judged}`;
}

export async function closeHour(db: Kysely<Schema>, pointId: number, hourStart: number, now: number): Promise<CloseResult> {
  const place = await placeOf(db, pointId);
  if (place === undefined) return { pointId, hourStart, values: [], exceeded: [], warnings: [] };
  const samples = await minuteSamples(db, pointId, hourStart, hourStart + HOUR);
  const limits = await limitsInForce(db, place.outletId, hourStart, 'hourly');
  // Spans the enterprise marked invalid (not withdrawn) are left out of the judgement (issue 4 §3).
  const markings = await markingsOver(db, pointId, hourStart, hourStart + HOUR);
  const result = hourValues(pointId, hourStart, place.kind, samples, limits, markings);
  await db.transaction().execute(async (trx) => {
    for (const a of result.values) await upsertPeriodValue(trx, pointId, a, now);
    for (const finding of episodes(result.exceeded)) result.warnings.push(await raise(trx, place, pointId, finding, now));
  });
  return result;
}

/** The hour's lawful values per factor and those over their hourly limit (pure; no warnings yet). */
export function hourValues(pointId: number, hourStart: number, kind: PointPlace['kind'], samples: readonly PointSample[], limits: ReadonlyMap<string, LimitRow>, markings: readonly Marking[]): CloseResult {
  const result: CloseResult = { pointId, hourStart, values: [], exceeded: [], warnings: [] };
  const factors = new Set<string>();
  for (const s of samples) for (const k in s.factors) factors.add(k);
  const rule = DEFAULT_VALIDITY[kind];
  for (const factor of factors) {
    const limit = limits.get(factor);
    const agg = aggregateHour(samples, factor, hourStart, { rule, referenceO2: limit?.referenceO2 ?? null, markings });
    result.values.push(agg);
    const j = limit === undefined ? null : judge(agg, limit);
    if (j?.exceeded === true && limit !== undefined) result.exceeded.push({ agg, judgement: j, limit });
  }
  return result;
}

/** Stores (or, on a re-close, replaces) one hourly or daily value of a point. */
export async function upsertPeriodValue(trx: Kysely<Schema>, pointId: number, a: Aggregate, now: number): Promise<void> {
  const row = {
    point_id: pointId, factor: a.factor, period_kind: a.periodKind, period_start: a.periodStart, samples: a.count, valid: a.valid, status: a.status,
    mean: a.mean, min: a.min, max: a.max, converted: a.converted, logger_converted: a.loggerConverted, flags: JSON.stringify(a.flags), computed_at: now,
  };
  await trx
    .insertInto('period_values')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['point_id', 'factor', 'period_kind', 'period_start']).doUpdateSet({
        samples: row.samples, valid: row.valid, status: row.status, mean: row.mean, min: row.min, max: row.max, converted: row.converted,
        logger_converted: row.logger_converted, flags: row.flags, computed_at: now,
      }),
    )
    .execute();
}

type Finding = ReturnType<typeof episodes>[number];
type WarningRow = Selectable<WarningsTable>;
export const OPEN_STATUSES = ['new', 'confirmed', 'dispatched'] as const;

/**
 * Opens a warning for the finding, or adds it to the point's open episode of the same kind, factor and limit
 * regime that it overlaps or continues. An episode is identified by what it is about, not by when it was
 * noticed: a day closed again after late readings, or periods closed out of order, find the same episode
 * with more (or the same) periods, and a warning that already covers the finding is left as it is.
 */
export async function raise(trx: Kysely<Schema>, place: PointPlace, pointId: number, f: Finding, now: number): Promise<{ id: number; created: boolean }> {
  const covering = await trx
    .selectFrom('warnings')
    .select(['id'])
    .where('point_id', '=', pointId)
    .where('kind', '=', f.kind)
    .where('factor', f.factor === undefined ? 'is' : '=', f.factor ?? null)
    .where('period_from', '<=', f.from)
    .where('period_to', '>=', f.to)
    .executeTakeFirst();
  if (covering !== undefined) return { id: Number(covering.id), created: false };
  const touching = await trx
    .selectFrom('warnings')
    .selectAll()
    .where('point_id', '=', pointId)
    .where('kind', '=', f.kind)
    .where('factor', f.factor === undefined ? 'is' : '=', f.factor ?? null)
    .where('period_from', '<=', f.to)
    .where('period_to', '>=', f.from)
    .where('status', 'in', OPEN_STATUSES)
    .orderBy('period_from')
    .execute();
  const same = touching.filter((w) => episodeKey(JSON.parse(w.evidence) as { rule?: unknown }) === episodeKey(f.evidence));
  const keep = same[0];
  if (keep !== undefined) {
    await joinEpisode(trx, keep, f, same.slice(1), now);
    return { id: Number(keep.id), created: false };
  }
  return { id: await openWarning(trx, place, pointId, f, now), created: true };
}

/**
 * Adds the finding to `keep`, then absorbs the other open warnings it joins to `keep` (a piece that fills the
 * gap between two episodes makes them one). Only a warning nobody has acted on yet (status new, on no task)
 * is absorbed: its periods move to `keep` and it is deleted, the audit trail keeping what it was; one that
 * was confirmed or dispatched stays as it is. `keep` and the absorbed rows are updated in place.
 */
export async function joinEpisode(trx: Kysely<Schema>, keep: WarningRow, f: Finding, others: readonly WarningRow[], now: number): Promise<WarningRow[]> {
  const apply = (r: Awaited<ReturnType<typeof extendWarning>>): void => {
    keep.period_from = r.from;
    keep.period_to = r.to;
    keep.evidence = r.evidence;
    keep.severity = r.severity;
    keep.message = r.message;
  };
  apply(await extendWarning(trx, keep, f, now));
  const absorbed: WarningRow[] = [];
  for (const o of others) {
    if (o.status !== 'new' || !touches(o, { from: Number(keep.period_from), to: Number(keep.period_to) })) continue;
    const onTask = await trx.selectFrom('task_warnings').select('task_id').where('warning_id', '=', o.id).executeTakeFirst();
    if (onTask !== undefined) continue;
    const piece: Finding = { kind: o.kind, severity: o.severity, from: Number(o.period_from), to: Number(o.period_to), message: o.message, evidence: JSON.parse(o.evidence) as Finding['evidence'], ...(o.factor === null ? {} : { factor: o.factor }) };
    apply(await extendWarning(trx, keep, piece, now));
    await trx.deleteFrom('warnings').where('id', '=', o.id).execute();
    await recordAudit(trx, {
      actor: { kind: 'system', id: null, name: 'compliance' }, action: 'merge', entity: 'warning', entityId: Number(o.id),
      before: { periodFrom: o.period_from, periodTo: o.period_to, severity: o.severity, evidence: o.evidence }, after: { mergedInto: Number(keep.id) }, at: now,
    });
    absorbed.push(o);
  }
  return absorbed;
}

/** True when the warning's period overlaps the finding's or meets it end to end. */
export const touches = (w: { period_from: number; period_to: number }, f: { from: number; to: number }): boolean => Number(w.period_from) <= f.to && Number(w.period_to) >= f.from;

/**
 * The episode's evidence with the finding's added, period by period: a period seen again (a re-close) takes
 * the finding's newer value, new periods are added in time order, and the cited frames are the union.
 */
export function mergeEvidence(ev: Finding['evidence'], add: Finding['evidence']): Finding['evidence'] {
  const aligned = (e: Finding['evidence'], xs: unknown): xs is unknown[] => Array.isArray(xs) && xs.length === e.times.length;
  const byTime = new Map<number, { value: unknown; multiple: unknown }>();
  for (const e of [ev, add]) {
    const values = aligned(e, e.values) ? e.values : undefined;
    const multiples = aligned(e, e.params?.multiples) ? e.params.multiples : undefined;
    e.times.forEach((t, i) => byTime.set(t, { value: values?.[i], multiple: multiples?.[i] }));
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const merged: Finding['evidence'] = {
    ...ev,
    times,
    frameIds: [...new Set([...(ev.frameIds ?? []), ...(add.frameIds ?? [])])].sort((a, b) => a - b),
    params: { ...ev.params, periods: times.length },
  };
  if (aligned(ev, ev.values) && aligned(add, add.values)) merged.values = times.map((t) => byTime.get(t)!.value) as Finding['evidence']['values'];
  if (aligned(ev, ev.params?.multiples) && aligned(add, add.params?.multiples)) {
    const multiples = times.map((t) => Number(byTime.get(t)!.multiple));
    merged.params = { ...merged.params, multiples, worstMultiple: Math.max(...multiples) };
  }
  return merged;
}

const RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2 };
const graver = (a: Severity, b: Severity): Severity => (RANK[a] >= RANK[b] ? a : b);

/**
 * Adds the finding to the episode's warning: its period becomes the union, its evidence merged period by
 * period (mergeEvidence); returns the new period, evidence, severity and summary. An exceedance's summary
 * and worst multiple are those of the whole episode now (they were left as when the warning opened, so
 * "for 1 hour(s), up to 2.28×" stood beside three hours up to 3.26×).
 */
export async function extendWarning(trx: Kysely<Schema>, running: Pick<WarningRow, 'id' | 'period_from' | 'period_to' | 'evidence' | 'severity' | 'message'>, f: Finding, now: number): Promise<{ from: number; to: number; evidence: string; severity: Severity; message: string }> {
  const merged = mergeEvidence(JSON.parse(running.evidence) as Finding['evidence'], f.evidence);
  const periods = merged.times.length;
  const from = Math.min(Number(running.period_from), f.from);
  const to = Math.max(Number(running.period_to), f.to);
  // Exceedances grade by their worst multiple over the limit; detector findings carry no limit, so an
  // extended one keeps the graver of its own and the new finding's severity.
  const limit = Number(f.evidence.rule?.limit);
  const isLimit = Number.isFinite(limit) && limit > 0;
  const worst = isLimit ? Math.max(...(merged.values ?? []).map((v) => (v === null ? -1 : (v - limit) / limit))) : null;
  const severity = worst !== null ? severityOf(worst) : graver(running.severity, f.severity);
  const rule = f.evidence.rule as { basis?: unknown; limit?: unknown; unit?: unknown } | undefined;
  const step = (f.to - f.from) / Math.max(1, f.evidence.times.length);
  const message = f.kind === 'exceedance' && worst !== null && f.factor !== undefined && f.factor !== null && rule !== undefined
    ? exceedanceMessage(f.factor, { basis: String(rule.basis), limit, unit: String(rule.unit) }, periods, step >= 86_400_000 ? 'day' : 'hour', worst)
    : running.message;
  const evidence = JSON.stringify(merged);
  await trx.updateTable('warnings').set({ period_from: from, period_to: to, evidence, severity, message, updated_at: now }).where('id', '=', running.id).execute();
  await recordAudit(trx, { actor: { kind: 'system', id: null, name: 'compliance' }, action: 'extend', entity: 'warning', entityId: Number(running.id), before: { periodFrom: running.period_from, periodTo: running.period_to }, after: { periodFrom: from, periodTo: to, severity }, at: now });
  return { from, to, evidence, severity, message };
}

/** Opens a new warning for the finding, audited; returns its id. */
export async function openWarning(trx: Kysely<Schema>, place: PointPlace, pointId: number, f: Finding, now: number): Promise<number> {
  const row = await trx
    .insertInto('warnings')
    .values({
      point_id: pointId, enterprise_id: place.enterpriseId, region_code: place.regionCode, kind: f.kind, factor: f.factor ?? null, severity: f.severity, status: 'new',
      period_from: f.from, period_to: f.to, message: f.message, evidence: JSON.stringify(f.evidence), created_at: now, updated_at: now, decided_by: null, decision_reason: null, answer: null, answered_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await recordAudit(trx, { actor: { kind: 'system', id: null, name: 'compliance' }, action: 'create', entity: 'warning', entityId: id, after: { pointId, kind: f.kind, factor: f.factor, from: f.from, to: f.to, severity: f.severity }, at: now });
  return id;
}
