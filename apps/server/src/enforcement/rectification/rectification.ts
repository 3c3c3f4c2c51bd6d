// Rectification (整改, issue 5 §7), persisted: an order to correct — from a case's order_correction act or
// made directly for an enterprise (an inspection finding without a case) — with its re-inspection task, the
// enterprise's proof (files hashed in the browser, the hash checked here against the bytes), the measures
// that stop the daily penalty [DPM], and cancelling. The outcome of the re-inspection and the daily-penalty
// round are in rectification-outcome.ts, the reads in rectification-read.ts. The domain
// (packages/domain/src/enforcement/rectification.ts) decides every transition before anything is written;
// every change writes its audit row in the same transaction.
import { createHash } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import {
  calendarDaysBetween, calendarDeadline, orderRectification, submitProof, RECHECK_WITHIN_DAYS,
  type Rectification, type RectificationRefusal,
} from '@ecoenforce/domain';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import type { MeasureKindColumn, RectificationsTable, Schema } from '../../platform/db/schema.ts';
import { canSee, regionPrefix, type Scope } from '../../access/index.ts';
import { createReinspectionTask, type TaskContext } from '../tasks/tasks.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

export type RectificationErrorCode = 'not_found' | 'bad_input' | 'conflict' | 'forbidden';

/** A refused change; the routes answer 404 / 400 / 409 / 403. */
export class RectificationError extends Error {
  constructor(
    readonly code: RectificationErrorCode,
    message: string,
    readonly field: string | null = null,
    /** A stable reason code the console words in the user's language (details.reason), where one helps. */
    readonly reason: string | null = null,
  ) {
    super(message);
  }
}

export interface RectificationContext {
  actor: AuditActor;
  userId: number;
  scope: Scope;
  ip: string | null;
  at: number;
}

export type RectificationRow = Omit<RectificationsTable, 'id' | 'escalation'> & { id: number; escalation: number };

export const OPEN_STATUSES = ['open', 'proof_submitted', 'reinspecting'] as const;
export const isOpen = (status: string): boolean => (OPEN_STATUSES as readonly string[]).includes(status);

/** Who re-inspects an order: enforcement officers with certificates, a head may join [APL 42] (as a case's investigation). */
export const REINSPECTION_ROLES = ['officer', 'head'] as const;

const num = (v: number | null): number | null => (v === null ? null : Number(v));

export async function rectificationRow(db: Db, id: number): Promise<RectificationRow | undefined> {
  const r = await db.selectFrom('rectifications').selectAll().where('id', '=', id).executeTakeFirst();
  return r && normalised(r);
}

/** A stored row with its numbers as numbers (PostgreSQL's int8 arrives as string unless parsed). */
export function normalised(r: Selectable<RectificationsTable>): RectificationRow {
  return {
    ...r, id: Number(r.id), chain_id: num(r.chain_id), previous_id: num(r.previous_id), round: Number(r.round), case_id: num(r.case_id), enterprise_id: Number(r.enterprise_id),
    deadline_days: Number(r.deadline_days), ordered_at: Number(r.ordered_at), deadline_at: Number(r.deadline_at), reinspect_by: Number(r.reinspect_by), task_id: num(r.task_id),
    reinspected_at: num(r.reinspected_at), closed_at: num(r.closed_at), escalation: Number(r.escalation), escalated_at: num(r.escalated_at), created_at: Number(r.created_at),
    created_by: Number(r.created_by), updated_at: Number(r.updated_at), version: Number(r.version),
  };
}

/** The row in the caller's scope, else not found (the same answer as an id that does not exist). */
export async function visibleRow(db: Db, id: number, scope: Scope): Promise<RectificationRow> {
  const r = await rectificationRow(db, id);
  if (r === undefined || !canSee(scope, { regionCode: r.region_code, enterpriseId: r.enterprise_id })) throw new RectificationError('not_found', `rectification ${id} not found`);
  return r;
}

/** The stored order as the domain's value, to let the domain judge the next step. */
export function toDomain(r: RectificationRow, proofs: ReadonlyArray<{ at: number; submitted_by: number; files: string; text: string }>): Rectification {
  const state = r.status === 'corrected' ? 'corrected' : r.status === 'not_corrected' ? 'not_corrected' : proofs.length > 0 ? 'proof_submitted' : 'ordered';
  const officers = r.reinspection_officers === null ? [] : (JSON.parse(r.reinspection_officers) as number[]).map(String);
  return {
    id: String(r.id), caseId: r.case_id === null ? null : String(r.case_id), previousId: r.previous_id === null ? null : String(r.previous_id),
    orderServedAt: r.ordered_at, deadlineDays: r.deadline_days, reinspectWithinDays: RECHECK_WITHIN_DAYS, state,
    proofs: proofs.map((p) => ({ at: Number(p.at), by: String(p.submitted_by), files: (JSON.parse(p.files) as Array<{ sha256: string }>).map((f) => f.sha256), note: p.text })),
    reinspection: r.reinspected_at === null ? null : { at: r.reinspected_at, officers, corrected: r.status === 'corrected', findings: r.findings ?? '' },
  };
}

export function refused(r: RectificationRefusal, field: string | null = null): RectificationError {
  return new RectificationError(r.code === 'bad_input' ? 'bad_input' : 'conflict', r.reason, field);
}

// ---- Ordering --------------------------------------------------------------------------------------------------

export interface NewOrder {
  enterpriseId: number;
  caseId: number | null;
  requirement: string;
  /** Calendar days to correct. */
  deadlineDays: number;
  /** When the order was served; default now. */
  orderedAt?: number;
  previous?: { id: number; chainId: number; round: number } | null;
}

/**
 * Stores an order and its re-inspection task (due 30 days from the order's service [DPM]) in the caller's
 * transaction. An order "to correct at once" (0 days, allowed by the case's order) gets one day to show its
 * proof: the domain counts deadlines in whole days after service (calendar.ts).
 */
export async function insertOrder(trx: Transaction<Schema>, o: NewOrder, ctx: RectificationContext): Promise<RectificationRow> {
  const e = await trx.selectFrom('enterprises').select(['id', 'region_code', 'name']).where('id', '=', o.enterpriseId).executeTakeFirst();
  if (e === undefined || !canSee(ctx.scope, { regionCode: e.region_code, enterpriseId: e.id })) throw new RectificationError('not_found', `enterprise ${o.enterpriseId} not found`, 'enterpriseId');
  const orderedAt = o.orderedAt ?? ctx.at;
  if (orderedAt > ctx.at) throw new RectificationError('bad_input', 'an order cannot be served in the future', 'orderedAt', 'in_future');
  const days = Math.max(1, o.deadlineDays);
  const domain = orderRectification('new', orderedAt, days, { caseId: o.caseId === null ? null : String(o.caseId), previousId: o.previous ? String(o.previous.id) : null });
  if (!domain.ok) throw refused(domain.refusal, 'deadlineDays');
  const deadline = calendarDeadline(orderedAt, days).expiresAt;
  const reinspectBy = calendarDeadline(orderedAt, RECHECK_WITHIN_DAYS).expiresAt;
  const round = o.previous ? o.previous.round + 1 : 1;
  const inserted = await trx.insertInto('rectifications').values({
    chain_id: o.previous?.chainId ?? null, previous_id: o.previous?.id ?? null, round, case_id: o.caseId, enterprise_id: Number(e.id), region_code: e.region_code,
    status: 'open', requirement: o.requirement, deadline_days: days, ordered_at: orderedAt, deadline_at: deadline, reinspect_by: reinspectBy, task_id: null,
    reinspected_at: null, reinspection_officers: null, findings: null, closed_at: null, cancel_reason: null, escalated_at: null,
    created_at: ctx.at, created_by: ctx.userId, updated_at: ctx.at, version: 1,
  }).returning('id').executeTakeFirstOrThrow();
  const id = Number(inserted.id);
  // The re-inspection is due within 30 days of service [DPM], counted from the service, not from today.
  const dueDays = Math.max(0, RECHECK_WITHIN_DAYS - calendarDaysBetween(orderedAt, ctx.at));
  const taskCtx: TaskContext = { actor: ctx.actor, userId: ctx.userId, regionCode: e.region_code, scope: ctx.scope, ip: ctx.ip, at: ctx.at };
  const taskId = await createReinspectionTask(trx, { rectificationId: id, enterpriseId: Number(e.id), regionCode: e.region_code, title: `整改复查 ${e.name}${round > 1 ? `（第${round}轮）` : ''}`, dueDays }, taskCtx);
  await trx.updateTable('rectifications').set({ chain_id: o.previous?.chainId ?? id, task_id: taskId }).where('id', '=', id).execute();
  const row = (await rectificationRow(trx, id))!;
  await recordAudit(trx, {
    actor: ctx.actor, action: 'create', entity: 'rectification', entityId: id, ip: ctx.ip, at: ctx.at,
    after: { enterpriseId: row.enterprise_id, caseId: row.case_id, chainId: row.chain_id, previousId: row.previous_id, round, requirement: row.requirement, deadlineDays: days, orderedAt, deadlineAt: deadline, reinspectBy, taskId },
  });
  return row;
}

/** A direct order for an enterprise in the caller's scope (no case, or naming a case of that enterprise). */
export async function createOrder(db: Kysely<Schema>, o: Omit<NewOrder, 'previous'>, ctx: RectificationContext): Promise<RectificationRow> {
  return db.transaction().execute(async (trx) => {
    if (o.caseId !== null) {
      const c = await trx.selectFrom('cases').select(['enterprise_id', 'region_code']).where('id', '=', o.caseId).executeTakeFirst();
      if (c === undefined || !canSee(ctx.scope, { regionCode: c.region_code, enterpriseId: Number(c.enterprise_id) })) throw new RectificationError('not_found', `case ${o.caseId} not found`, 'caseId');
      if (Number(c.enterprise_id) !== o.enterpriseId) throw new RectificationError('bad_input', `case ${o.caseId} concerns another enterprise`, 'caseId');
    }
    return insertOrder(trx, o, ctx);
  });
}

/**
 * The hook of the case's order_correction act (enforcement/cases/cases.ts): the order the act served (its
 * 责令改正决定书) becomes a rectification in the act's own transaction.
 */
export async function orderFromCaseAct(
  trx: Transaction<Schema>,
  c: { id: number; enterprise_id: number; region_code: string },
  stored: unknown,
  ctx: { userId: number; actor: AuditActor; ip: string | null; at: number },
): Promise<void> {
  const s = (stored ?? {}) as { requirement?: unknown; deadlineDays?: unknown };
  const requirement = typeof s.requirement === 'string' && s.requirement !== '' ? s.requirement : '立即改正违法行为';
  const deadlineDays = typeof s.deadlineDays === 'number' ? s.deadlineDays : 30;
  // The act was allowed on this case, so the case's own region is the scope it acts in.
  const scope: Scope = { regionPrefix: regionPrefix(c.region_code), enterpriseIds: null };
  await insertOrder(trx, { enterpriseId: c.enterprise_id, caseId: c.id, requirement, deadlineDays }, { ...ctx, scope });
}

// ---- Proof -----------------------------------------------------------------------------------------------------

export interface ProofFile {
  name: string;
  /** The SHA-256 the browser computed (hex). */
  sha256: string;
  /** The bytes, base64. */
  content: string;
}

export const MAX_PROOF_FILES = 10;
export const MAX_PROOF_BYTES = 8 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The enterprise's proof: every file's bytes must hash to what the browser said, else nothing is stored. */
export async function submitProofOf(db: Kysely<Schema>, id: number, proof: { text: string; files: readonly ProofFile[] }, ctx: RectificationContext): Promise<RectificationRow> {
  const files = proof.files.map((f, i) => {
    const content = f.content.replace(/\s+/g, '');
    if (!BASE64.test(content) || content.length % 4 !== 0) throw new RectificationError('bad_input', `file ${i + 1} (${f.name}) is not base64`, `files.${i}.content`);
    const bytes = Buffer.from(content, 'base64');
    if (bytes.length > MAX_PROOF_BYTES) throw new RectificationError('bad_input', `file ${i + 1} (${f.name}) is larger than ${MAX_PROOF_BYTES} bytes`, `files.${i}.content`);
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (digest !== f.sha256.toLowerCase()) throw new RectificationError('bad_input', `file ${i + 1} (${f.name}): its SHA-256 is ${digest}, not ${f.sha256} as sent: the upload was altered or truncated`, `files.${i}.sha256`);
    return { name: f.name, size: bytes.length, sha256: digest, bytes };
  });
  return db.transaction().execute(async (trx) => {
    const r = await visibleRow(trx, id, ctx.scope);
    if (r.status === 'reinspecting') throw new RectificationError('conflict', 'the re-inspection has begun: proof can no longer be added');
    if (r.status === 'cancelled') throw new RectificationError('conflict', 'the order was cancelled');
    const proofs = await trx.selectFrom('rectification_proofs').select(['at', 'submitted_by', 'files', 'text']).where('rectification_id', '=', id).execute();
    const judged = submitProof(toDomain(r, proofs), { at: ctx.at, by: String(ctx.userId), files: files.map((f) => f.sha256), note: proof.text });
    if (!judged.ok) throw refused(judged.refusal);
    const listed = files.map(({ name, size, sha256 }) => ({ name, size, sha256 }));
    const inserted = await trx.insertInto('rectification_proofs').values({ rectification_id: id, files: JSON.stringify(listed), text: proof.text, submitted_by: ctx.userId, at: ctx.at }).returning('id').executeTakeFirstOrThrow();
    for (const f of files) await trx.insertInto('rectification_files').values({ proof_id: Number(inserted.id), name: f.name, size: f.size, sha256: f.sha256, bytes: f.bytes }).execute();
    const moved = await trx.updateTable('rectifications').set({ status: 'proof_submitted', updated_at: ctx.at, version: r.version + 1 }).where('id', '=', id).where('version', '=', r.version).executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new RectificationError('conflict', 'the rectification changed meanwhile; try again');
    await recordAudit(trx, {
      actor: ctx.actor, action: 'submit_proof', entity: 'rectification', entityId: id, ip: ctx.ip, at: ctx.at,
      before: { status: r.status }, after: { status: 'proof_submitted', proofId: Number(inserted.id), files: listed, text: proof.text },
    });
    return (await rectificationRow(trx, id))!;
  });
}

// ---- Re-inspection begun, measures, cancelling -------------------------------------------------------------------

/** The officers are on site: the enterprise can no longer add proof to this round. */
export async function startReinspection(db: Kysely<Schema>, id: number, ctx: RectificationContext): Promise<RectificationRow> {
  return db.transaction().execute(async (trx) => {
    const r = await visibleRow(trx, id, ctx.scope);
    if (r.status !== 'open' && r.status !== 'proof_submitted') throw new RectificationError('conflict', `a re-inspection cannot begin once the rectification is ${r.status}`);
    await moveStatus(trx, r, 'reinspecting', ctx, 'start_reinspection');
    return (await rectificationRow(trx, id))!;
  });
}

export async function cancelOrder(db: Kysely<Schema>, id: number, reason: string, ctx: RectificationContext): Promise<RectificationRow> {
  return db.transaction().execute(async (trx) => {
    const r = await visibleRow(trx, id, ctx.scope);
    if (!isOpen(r.status)) throw new RectificationError('conflict', `the rectification is already ${r.status}`);
    await moveStatus(trx, r, 'cancelled', ctx, 'cancel', { cancel_reason: reason, closed_at: ctx.at }, { reason });
    if (r.task_id !== null) await closeTask(trx, r.task_id, 'cancelled', `整改令已撤销：${reason}`, ctx);
    return (await rectificationRow(trx, id))!;
  });
}

export async function moveStatus(
  trx: Transaction<Schema>, r: RectificationRow, status: RectificationRow['status'], ctx: RectificationContext, action: string,
  extra: Partial<Pick<RectificationsTable, 'cancel_reason' | 'closed_at' | 'reinspected_at' | 'reinspection_officers' | 'findings'>> = {}, audit: Record<string, unknown> = {},
): Promise<void> {
  const moved = await trx.updateTable('rectifications').set({ status, ...extra, updated_at: ctx.at, version: r.version + 1 }).where('id', '=', r.id).where('version', '=', r.version).executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) throw new RectificationError('conflict', 'the rectification changed meanwhile; try again');
  await recordAudit(trx, { actor: ctx.actor, action, entity: 'rectification', entityId: r.id, ip: ctx.ip, at: ctx.at, before: { status: r.status }, after: { status, ...audit } });
}

/** Ends the round's re-inspection task with the outcome (done) or the cancellation; audited as the task's. */
export async function closeTask(trx: Transaction<Schema>, taskId: number, how: 'done' | 'cancelled', outcome: string, ctx: RectificationContext): Promise<void> {
  const t = await trx.selectFrom('tasks').select(['status']).where('id', '=', taskId).executeTakeFirst();
  if (t === undefined || t.status === 'done' || t.status === 'cancelled') return;
  const set = how === 'done' ? { status: 'done' as const, done_at: ctx.at, outcome } : { status: 'cancelled' as const, cancelled_at: ctx.at, cancel_reason: outcome };
  await trx.updateTable('tasks').set({ ...set, updated_at: ctx.at }).where('id', '=', taskId).execute();
  await recordAudit(trx, { actor: ctx.actor, action: how === 'done' ? 'finish' : 'cancel', entity: 'task', entityId: taskId, ip: ctx.ip, at: ctx.at, before: { status: t.status }, after: { status: how, outcome } });
}

export const MEASURE_KINDS = ['restrict', 'suspend', 'seal'] as const satisfies readonly MeasureKindColumn[];

/** Production restricted, suspended or the facilities sealed: no daily-penalty round of the chain counts after it [DPM]. */
export async function recordMeasure(db: Kysely<Schema>, id: number, m: { kind: MeasureKindColumn; at: number; note: string }, ctx: RectificationContext): Promise<number> {
  if (m.at > ctx.at) throw new RectificationError('bad_input', 'a measure cannot be dated in the future', 'at', 'in_future');
  return db.transaction().execute(async (trx) => {
    const r = await visibleRow(trx, id, ctx.scope);
    if (m.at < r.ordered_at) throw new RectificationError('bad_input', 'the measure predates the order it stops', 'at');
    const chainId = r.chain_id ?? r.id;
    const inserted = await trx.insertInto('rectification_measures').values({ chain_id: chainId, rectification_id: id, case_id: r.case_id, kind: m.kind, at: m.at, note: m.note, created_at: ctx.at, created_by: ctx.userId }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: ctx.actor, action: 'measure', entity: 'rectification', entityId: id, ip: ctx.ip, at: ctx.at, after: { measureId: Number(inserted.id), chainId, kind: m.kind, measureAt: m.at, note: m.note } });
    return Number(inserted.id);
  });
}
