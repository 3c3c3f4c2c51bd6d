// The two lists a draw reads besides the registry (issue 5 §2): the positive list (正面清单) [W10] and the
// officers' declared conflicts of interest (回避). Entries are never deleted: removing a listing or
// withdrawing a conflict stamps the row, so the inputs of an earlier draw can still be explained. Every
// change is audited in its transaction.
import type { Kysely } from 'kysely';
import type { DrawOfficers, OfficerConflict, PositiveListing } from '@ecoenforce/contract';
import { recordAudit } from '../../platform/audit.ts';
import type { Schema } from '../../platform/db/schema.ts';
import { canSee, type Scope } from '../../access/index.ts';
import { listedAt } from './draw-candidates.ts';
import { PublicationError } from './draws.ts';
import type { TaskContext } from '../tasks/tasks.ts';

export async function listPositive(db: Kysely<Schema>, scope: Scope, now: number): Promise<PositiveListing[]> {
  let q = db.selectFrom('positive_list as p').innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select(['p.id', 'p.enterprise_id', 'e.name', 'e.uscc', 'p.region_code', 'p.listed_at', 'p.valid_to', 'p.reason', 'p.removed_at', 'p.remove_reason'])
    .where('p.region_code', 'like', `${scope.regionPrefix}%`);
  if (scope.enterpriseIds !== null) q = q.where('p.enterprise_id', 'in', scope.enterpriseIds.length === 0 ? [-1] : [...scope.enterpriseIds]);
  const rows = await q.orderBy('p.id', 'desc').limit(1000).execute();
  return rows.map((r) => ({
    id: Number(r.id), enterpriseId: Number(r.enterprise_id), enterpriseName: r.name, uscc: r.uscc, regionCode: r.region_code, listedAt: Number(r.listed_at),
    validTo: r.valid_to === null ? null : Number(r.valid_to), reason: r.reason, removedAt: r.removed_at === null ? null : Number(r.removed_at), removeReason: r.remove_reason,
    inForce: listedAt(r, now),
  }));
}

async function enterpriseIn(db: Kysely<Schema>, enterpriseId: number, ctx: TaskContext): Promise<{ id: number; region_code: string }> {
  const e = await db.selectFrom('enterprises').select(['id', 'region_code']).where('id', '=', enterpriseId).executeTakeFirst();
  if (e === undefined || !canSee(ctx.scope, { regionCode: e.region_code, enterpriseId: Number(e.id) })) throw new PublicationError('not_found', `enterprise ${enterpriseId} not found`, { field: 'enterpriseId' });
  return { id: Number(e.id), region_code: e.region_code };
}

/** Lists a unit; one listing in force per unit. */
export async function addPositive(db: Kysely<Schema>, input: { enterpriseId: number; reason: string; validTo?: number | null | undefined }, ctx: TaskContext): Promise<number> {
  const e = await enterpriseIn(db, input.enterpriseId, ctx);
  if (input.validTo != null && input.validTo <= ctx.at) throw new PublicationError('bad_request', 'validTo must lie in the future', { field: 'validTo' });
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('positive_list').select(['id', 'listed_at', 'valid_to', 'removed_at']).where('enterprise_id', '=', e.id).execute();
    const current = rows.find((r) => listedAt(r, ctx.at));
    if (current !== undefined) throw new PublicationError('conflict', `enterprise ${e.id} is already listed (entry ${current.id})`);
    const row = await trx.insertInto('positive_list').values({
      enterprise_id: e.id, region_code: e.region_code, listed_at: ctx.at, valid_to: input.validTo ?? null, reason: input.reason.trim(), created_by: ctx.userId, removed_at: null, removed_by: null, remove_reason: null,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: ctx.actor, action: 'create', entity: 'positive_list', entityId: Number(row.id), ip: ctx.ip, at: ctx.at, after: { enterpriseId: e.id, reason: input.reason.trim(), validTo: input.validTo ?? null } });
    return Number(row.id);
  });
}

export async function removePositive(db: Kysely<Schema>, id: number, reason: string, ctx: TaskContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('positive_list').select(['id', 'region_code', 'enterprise_id', 'removed_at']).where('id', '=', id).executeTakeFirst();
    if (r === undefined || !canSee(ctx.scope, { regionCode: r.region_code, enterpriseId: Number(r.enterprise_id) })) throw new PublicationError('not_found', `listing ${id} not found`);
    if (r.removed_at !== null) throw new PublicationError('conflict', `listing ${id} was already removed`);
    await trx.updateTable('positive_list').set({ removed_at: ctx.at, removed_by: ctx.userId, remove_reason: reason.trim() }).where('id', '=', id).execute();
    await recordAudit(trx, { actor: ctx.actor, action: 'remove', entity: 'positive_list', entityId: id, ip: ctx.ip, at: ctx.at, before: { removed: false }, after: { removed: true, reason: reason.trim() } });
  });
}

export async function listConflicts(db: Kysely<Schema>, scope: Scope): Promise<OfficerConflict[]> {
  const rows = await db.selectFrom('officer_conflicts as c').innerJoin('users as u', 'u.id', 'c.officer_id').innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .select(['c.id', 'c.officer_id', 'u.display_name', 'c.enterprise_id', 'e.name', 'c.reason', 'c.declared_at', 'c.withdrawn_at'])
    .where('e.region_code', 'like', `${scope.regionPrefix}%`).orderBy('c.id', 'desc').limit(1000).execute();
  return rows.map((r) => ({
    id: Number(r.id), officerId: Number(r.officer_id), officerName: r.display_name, enterpriseId: Number(r.enterprise_id), enterpriseName: r.name, reason: r.reason,
    declaredAt: Number(r.declared_at), withdrawnAt: r.withdrawn_at === null ? null : Number(r.withdrawn_at),
  }));
}

/**
 * The officers a conflict of interest may be declared for (declareConflict's rule): the active officers whose
 * region lies in the caller's scope, by name with their certificate numbers (执法证号).
 */
export async function drawOfficers(db: Kysely<Schema>, scope: Scope): Promise<DrawOfficers> {
  if (scope.enterpriseIds !== null) return { items: [] };
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'role', 'region_code', 'certificate_no'])
    .where('role', '=', 'officer').where('active', '=', 1).where('region_code', 'like', `${scope.regionPrefix}%`).orderBy('region_code').orderBy('id').execute();
  return { items: rows.map((u) => ({ id: Number(u.id), displayName: u.display_name, role: u.role, regionCode: u.region_code, certificateNo: u.certificate_no })) };
}

/** Declares a conflict of an officer of the region with a unit of the region; the draw never sends them there. */
export async function declareConflict(db: Kysely<Schema>, input: { officerId: number; enterpriseId: number; reason: string }, ctx: TaskContext): Promise<number> {
  const e = await enterpriseIn(db, input.enterpriseId, ctx);
  const u = await db.selectFrom('users').select(['id', 'role', 'region_code']).where('id', '=', input.officerId).executeTakeFirst();
  if (u === undefined || u.role !== 'officer' || !canSee(ctx.scope, { regionCode: u.region_code, enterpriseId: null })) throw new PublicationError('bad_request', `user ${input.officerId} is not an officer of your region`, { field: 'officerId' });
  return db.transaction().execute(async (trx) => {
    const dup = await trx.selectFrom('officer_conflicts').select('id').where('officer_id', '=', input.officerId).where('enterprise_id', '=', e.id).where('withdrawn_at', 'is', null).executeTakeFirst();
    if (dup !== undefined) throw new PublicationError('conflict', `the conflict is already declared (entry ${dup.id})`);
    const row = await trx.insertInto('officer_conflicts').values({ officer_id: input.officerId, enterprise_id: e.id, reason: input.reason.trim(), declared_at: ctx.at, declared_by: ctx.userId, withdrawn_at: null })
      .returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: ctx.actor, action: 'create', entity: 'officer_conflict', entityId: Number(row.id), ip: ctx.ip, at: ctx.at, after: { officerId: input.officerId, enterpriseId: e.id, reason: input.reason.trim() } });
    return Number(row.id);
  });
}

export async function withdrawConflict(db: Kysely<Schema>, id: number, ctx: TaskContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('officer_conflicts as c').innerJoin('enterprises as e', 'e.id', 'c.enterprise_id').select(['c.id', 'c.withdrawn_at', 'e.region_code', 'e.id as enterprise_id'])
      .where('c.id', '=', id).executeTakeFirst();
    if (r === undefined || !canSee(ctx.scope, { regionCode: r.region_code, enterpriseId: Number(r.enterprise_id) })) throw new PublicationError('not_found', `conflict ${id} not found`);
    if (r.withdrawn_at !== null) throw new PublicationError('conflict', `conflict ${id} was already withdrawn`);
    await trx.updateTable('officer_conflicts').set({ withdrawn_at: ctx.at }).where('id', '=', id).execute();
    await recordAudit(trx, { actor: ctx.actor, action: 'withdraw', entity: 'officer_conflict', entityId: id, ip: ctx.ip, at: ctx.at, before: { withdrawn: false }, after: { withdrawn: true } });
  });
}
