// Typical cases (典型案例, issue 5 §9; rules.md §7 [W10, W15]): a closed case, redacted, previewed, published in
// a named batch ("2026年第一批") and, if need be, withdrawn with a reason. The published content is stored as
// it was shown, so a later edit of the case does not change what the public read. Audited in each transaction.
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import type { Schema } from '../../platform/db/schema.ts';
import { canSee, type Scope } from '../../access/index.ts';
import type { TypicalCandidates, TypicalCase, TypicalContent } from '@ecoenforce/contract';
import { loadForPublication, typicalContent } from './case-publication.ts';
import { PublicationError } from '../draws/draws.ts';
import type { TaskContext } from '../tasks/tasks.ts';

/** The closed cases of the caller's scope, newest first (at most 500): what the publisher chooses from, by number and party. */
export async function typicalCandidates(db: Kysely<Schema>, scope: Scope): Promise<TypicalCandidates> {
  let q = db.selectFrom('cases as c').innerJoin('enterprises as e', 'e.id', 'c.enterprise_id').select(['c.id', 'c.number', 'c.closed_at', 'e.name'])
    .where('c.state', '=', 'closed').where('c.region_code', 'like', `${scope.regionPrefix}%`);
  if (scope.enterpriseIds !== null) q = q.where('c.enterprise_id', 'in', scope.enterpriseIds.length === 0 ? [-1] : [...scope.enterpriseIds]);
  const rows = await q.orderBy('c.id', 'desc').limit(500).execute();
  return { items: rows.map((r) => ({ id: Number(r.id), number: r.number, enterpriseName: r.name, closedAt: r.closed_at === null ? null : Number(r.closed_at) })) };
}

/** A closed case of the caller's scope, redacted; refused for any other state (only a finished case is a lesson). */
export async function previewTypical(db: Kysely<Schema>, caseId: number, scope: Scope): Promise<TypicalContent> {
  const loaded = await loadForPublication(db, caseId);
  if (loaded === undefined || !canSee(scope, { regionCode: loaded.summary.regionCode, enterpriseId: loaded.enterpriseId })) throw new PublicationError('not_found', `case ${caseId} not found`, { field: 'caseId' });
  if (loaded.summary.state !== 'closed') throw new PublicationError('conflict', `case ${caseId} is ${loaded.summary.state}: only a closed case is published as a typical case`, { field: 'caseId', state: loaded.summary.state });
  return typicalContent(db, loaded);
}

export async function publishTypical(db: Kysely<Schema>, input: { caseId: number; batch: string; title?: string | undefined }, ctx: TaskContext): Promise<TypicalCase> {
  const content = await previewTypical(db, input.caseId, ctx.scope);
  const batch = input.batch.trim();
  const title = input.title?.trim() || `${content.enterpriseName}${content.matter.name}案`;
  const id = await db.transaction().execute(async (trx) => {
    const live = await trx.selectFrom('typical_cases').select('id').where('case_id', '=', input.caseId).where('withdrawn_at', 'is', null).executeTakeFirst();
    if (live !== undefined) throw new PublicationError('conflict', `case ${input.caseId} is already published as typical case ${live.id}`);
    const row = await trx.insertInto('typical_cases').values({
      case_id: input.caseId, batch, region_code: content.regionCode, title, content: JSON.stringify(content), published_at: ctx.at, published_by: ctx.userId,
      withdrawn_at: null, withdrawn_by: null, withdraw_reason: null,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: ctx.actor, action: 'publish', entity: 'typical_case', entityId: Number(row.id), ip: ctx.ip, at: ctx.at, after: { caseId: input.caseId, batch, title, redaction: content.redaction.removed } });
    return Number(row.id);
  });
  return (await typicalById(db, id))!;
}

export async function withdrawTypical(db: Kysely<Schema>, id: number, reason: string, ctx: TaskContext): Promise<TypicalCase> {
  await db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('typical_cases').select(['id', 'region_code', 'withdrawn_at']).where('id', '=', id).executeTakeFirst();
    if (r === undefined || !canSee(ctx.scope, { regionCode: r.region_code, enterpriseId: null })) throw new PublicationError('not_found', `typical case ${id} not found`);
    if (r.withdrawn_at !== null) throw new PublicationError('conflict', `typical case ${id} was already withdrawn`);
    await trx.updateTable('typical_cases').set({ withdrawn_at: ctx.at, withdrawn_by: ctx.userId, withdraw_reason: reason.trim() }).where('id', '=', id).execute();
    await recordAudit(trx, { actor: ctx.actor, action: 'withdraw', entity: 'typical_case', entityId: id, ip: ctx.ip, at: ctx.at, before: { withdrawn: false }, after: { withdrawn: true, reason: reason.trim() } });
  });
  return (await typicalById(db, id))!;
}

type Row = { id: number | bigint; case_id: number; batch: string; title: string; region_code: string; content: string; published_at: number; published_by: number; withdrawn_at: number | null; withdrawn_by: number | null; withdraw_reason: string | null };

const toTypical = (r: Row): TypicalCase => ({
  id: Number(r.id), caseId: Number(r.case_id), batch: r.batch, title: r.title, regionCode: r.region_code, content: JSON.parse(r.content) as TypicalContent,
  publishedAt: Number(r.published_at), publishedBy: Number(r.published_by),
  withdrawn: r.withdrawn_at === null ? null : { at: Number(r.withdrawn_at), by: Number(r.withdrawn_by), reason: r.withdraw_reason ?? '' },
});

export async function typicalById(db: Kysely<Schema>, id: number): Promise<TypicalCase | undefined> {
  const r = await db.selectFrom('typical_cases').selectAll().where('id', '=', id).executeTakeFirst();
  return r === undefined ? undefined : toTypical(r);
}

/** Staff: every typical case of the scope, withdrawn ones included. Public: `publicOnly` leaves them out. */
export async function listTypical(db: Kysely<Schema>, f: { regionPrefix?: string; batch?: string; publicOnly: boolean; limit: number; before?: number }): Promise<TypicalCase[]> {
  let q = db.selectFrom('typical_cases').selectAll();
  if (f.regionPrefix !== undefined) q = q.where('region_code', 'like', `${f.regionPrefix}%`);
  if (f.batch !== undefined) q = q.where('batch', '=', f.batch);
  if (f.publicOnly) q = q.where('withdrawn_at', 'is', null);
  if (f.before !== undefined) q = q.where('id', '<', f.before);
  return (await q.orderBy('id', 'desc').limit(f.limit).execute()).map(toTypical);
}
