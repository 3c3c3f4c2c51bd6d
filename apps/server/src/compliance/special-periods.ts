// Special periods (issue 4 §1): a region declares a heavy-pollution weather warning (重污染天气预警) or a
// special event (重大活动保障); while it runs, the permits' special-period limits [PRM 13–14] bind the outlets
// within the region (compliance/compliance.ts, limitsFromRows). Declaring or calling one off changes how the
// hours it covers are judged, so each mutation also says which points and which span to close again. Each
// runs in one transaction with its audit row (before/after). Rows are never deleted.
import type { Kysely } from 'kysely';
import { isValidRegionCode } from '@ecoenforce/domain';
import { recordAudit, type AuditActor } from '../platform/audit.ts';
import type { Schema, SpecialKindColumn } from '../platform/db/schema.ts';
import { type SpecialPeriod, RECLOSE_WINDOW_MS } from '../registry/index.ts';
import { within } from './compliance.ts';

export type SpecialPeriodErrorCode = 'not_found' | 'unknown_region' | 'invalid_period' | 'not_applicable' | 'overlap' | 'already_cancelled' | 'out_of_scope';

/** A rejected change: `field` names the input at fault; the route turns it into 400 / 403 / 404 / 409. */
export class SpecialPeriodError extends Error {
  constructor(
    readonly code: SpecialPeriodErrorCode,
    readonly field: string | null,
    message: string,
  ) {
    super(message);
  }
}

export interface PeriodContext {
  actor: AuditActor;
  /** users.id of the person declaring or cancelling (a token's creator). */
  userId: number;
  ip: string | null;
  at: number;
}

export interface PeriodInput {
  regionCode: string;
  kind: SpecialKindColumn;
  level: string | null;
  name: string;
  startsAt: number;
  /** Exclusive. */
  endsAt: number;
  source: string | null;
  note: string | null;
}

/** Points whose closed hours (and days) to judge again, over [from, to). */
export type Reclose = Array<{ pointId: number; from: number; to: number }>;

const auditOf = (p: SpecialPeriod) => ({
  regionCode: p.region_code, kind: p.kind, level: p.level, name: p.name, startsAt: Number(p.starts_at), endsAt: Number(p.ends_at), source: p.source, note: p.note,
  cancelledAt: p.cancelled_at === null ? null : Number(p.cancelled_at), cancelReason: p.cancel_reason,
});

/** The instant a period stops binding: its end, or earlier when it was called off (never before its start). */
export function effectiveEnd(p: Pick<SpecialPeriod, 'starts_at' | 'ends_at' | 'cancelled_at'>): number {
  const end = Number(p.ends_at);
  return p.cancelled_at === null ? end : Math.max(Number(p.starts_at), Math.min(end, Number(p.cancelled_at)));
}

/** Whether a caller whose scope is the region subtree `prefix` (access.ts regionPrefix) manages the region. */
export const manages = (prefix: string, regionCode: string): boolean => regionCode.startsWith(prefix);

/**
 * Periods a caller of the region subtree `prefix` sees: those declared within it, and those declared by a
 * region above it (a provincial warning binds the city's outlets too). Latest start first.
 */
export function listPeriods(db: Kysely<Schema>, prefix: string, limit: number): Promise<SpecialPeriod[]> {
  // Ancestors of a city or county scope: its province (and city) codes, GB/T 2260 zero-padded.
  const above = [prefix.slice(0, 2).padEnd(6, '0'), prefix.slice(0, 4).padEnd(6, '0')].filter((c) => c.length === 6 && !c.startsWith(prefix));
  return db
    .selectFrom('special_periods')
    .selectAll()
    .where((eb) => eb.or([eb('region_code', 'like', `${prefix}%`), ...(above.length === 0 ? [] : [eb('region_code', 'in', above)])]))
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function getPeriod(db: Kysely<Schema>, id: number): Promise<SpecialPeriod | undefined> {
  return db.selectFrom('special_periods').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function declarePeriod(db: Kysely<Schema>, input: PeriodInput, ctx: PeriodContext): Promise<{ period: SpecialPeriod; reclose: Reclose }> {
  if (!(input.startsAt < input.endsAt)) throw new SpecialPeriodError('invalid_period', 'endsAt', 'the period must end after it starts');
  if (!isValidRegionCode(input.regionCode)) throw new SpecialPeriodError('unknown_region', 'regionCode', `${input.regionCode} is not a GB/T 2260 code`);
  // A level grades a heavy-pollution warning (yellow / orange / red); an event has none.
  if (input.kind === 'special_event' && input.level !== null) throw new SpecialPeriodError('not_applicable', 'level', 'a special event has no warning level');
  return db.transaction().execute(async (trx) => {
    const region = await trx.selectFrom('regions').select('code').where('code', '=', input.regionCode).executeTakeFirst();
    if (region === undefined) throw new SpecialPeriodError('unknown_region', 'regionCode', `no region ${input.regionCode}`);
    // One running declaration per region and kind: a second, overlapping one is a duplicate (extend or
    // cancel the first). Periods of other regions or kinds may overlap; their limits combine.
    const clash = await trx
      .selectFrom('special_periods')
      .selectAll()
      .where('region_code', '=', input.regionCode)
      .where('kind', '=', input.kind)
      .where('starts_at', '<', input.endsAt)
      .where('ends_at', '>', input.startsAt)
      .orderBy('id')
      .execute();
    const live = clash.find((p) => effectiveEnd(p) > Math.max(Number(p.starts_at), input.startsAt) && Number(p.starts_at) < input.endsAt);
    if (live !== undefined) throw new SpecialPeriodError('overlap', 'startsAt', `period ${live.id} (${live.name}) of the same kind already covers part of this span in ${input.regionCode}`);
    const row = await trx
      .insertInto('special_periods')
      .values({
        region_code: input.regionCode, kind: input.kind, level: input.level, name: input.name, starts_at: input.startsAt, ends_at: input.endsAt, source: input.source, note: input.note,
        created_by: ctx.userId, created_at: ctx.at, cancelled_at: null, cancelled_by: null, cancel_reason: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: ctx.actor, action: 'create', entity: 'special_period', entityId: Number(row.id), after: auditOf(row), ip: ctx.ip, at: ctx.at });
    return { period: row, reclose: await reclosePlan(trx, row.region_code, Number(row.starts_at), Number(row.ends_at), ctx.at) };
  });
}

/**
 * Calls a period off from `from` (default now): a warning lifted early keeps binding the hours before;
 * `from` at or before its start voids it entirely (declared in error). The hours it no longer covers are
 * judged again. `manager` is the caller's region prefix: a period declared above it is not its to cancel.
 */
export async function cancelPeriod(
  db: Kysely<Schema>, id: number, manager: string, reason: string, from: number | null, ctx: PeriodContext,
): Promise<{ period: SpecialPeriod; reclose: Reclose }> {
  return db.transaction().execute(async (trx) => {
    const before = await getPeriod(trx, id);
    if (before === undefined) throw new SpecialPeriodError('not_found', null, `special period ${id} not found`);
    if (!manages(manager, before.region_code)) throw new SpecialPeriodError('out_of_scope', null, `special period ${id} was declared by region ${before.region_code}, above yours`);
    if (before.cancelled_at !== null) throw new SpecialPeriodError('already_cancelled', null, `special period ${id} was already cancelled`);
    const at = from ?? ctx.at;
    if (at >= Number(before.ends_at)) throw new SpecialPeriodError('invalid_period', 'from', 'the period has ended by then: nothing to cancel');
    const row = await trx
      .updateTable('special_periods')
      .set({ cancelled_at: at, cancelled_by: ctx.userId, cancel_reason: reason })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: ctx.actor, action: 'cancel', entity: 'special_period', entityId: id, before: auditOf(before), after: auditOf(row), ip: ctx.ip, at: ctx.at });
    return { period: row, reclose: await reclosePlan(trx, row.region_code, effectiveEnd(row), Number(row.ends_at), ctx.at) };
  });
}

/**
 * The points of the region's enterprises and the span [from, to) to close again, cut to the re-close window
 * before `now` (permit-edit.ts: older closed periods stay as judged and reported) and to what has ended.
 */
export async function reclosePlan(db: Kysely<Schema>, regionCode: string, from: number, to: number, now: number): Promise<Reclose> {
  const start = Math.max(from, now - RECLOSE_WINDOW_MS);
  const end = Math.min(to, now);
  if (start >= end) return [];
  // GB/T 2260: a province shares its first 2 digits with its regions, a city its first 4.
  const prefix = regionCode.endsWith('0000') ? regionCode.slice(0, 2) : regionCode.endsWith('00') ? regionCode.slice(0, 4) : regionCode;
  const points = await db
    .selectFrom('monitoring_points as p')
    .innerJoin('outlets as o', 'o.id', 'p.outlet_id')
    .innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
    .select(['p.id', 'e.region_code'])
    .where('e.region_code', 'like', `${prefix}%`)
    .orderBy('p.id')
    .execute();
  // The same test the compliance check applies (limitsFromRows), so exactly the points it may now judge differently.
  return points.filter((p) => within(p.region_code, regionCode)).map((p) => ({ pointId: Number(p.id), from: start, to: end }));
}
