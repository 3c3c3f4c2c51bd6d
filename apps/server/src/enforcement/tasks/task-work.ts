// Working a task: assign (and reassign) officers, start, finish with an outcome, cancel with a reason. Each
// step checks the state it starts from, runs in one transaction with its audit row, and never deletes:
// reassignment releases the earlier assignments and keeps them as history.
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import type { Schema, TasksTable } from '../../platform/db/schema.ts';
import { regionPrefix } from '../../access/index.ts';
import { ACTIVE_STATUSES, TaskError, type TaskContext } from './tasks.ts';
import { activeStaffCovering } from '../../accounts/index.ts';
import { notifyTaskAssigned } from '../../notifications/index.ts';

/**
 * An on-site inspection is carried out by at least two enforcement officers holding enforcement
 * credentials: APL art. 42 (2021) "执法人员不得少于两人". Not in rules.md; cited from the statute.
 */
export const MIN_OFFICERS = 2;

type TaskRow = Pick<TasksTable, 'status' | 'region_code' | 'enterprise_id'> & { id: number };

async function load(trx: Transaction<Schema>, taskId: number): Promise<TaskRow> {
  const t = await trx.selectFrom('tasks').select(['id', 'status', 'region_code', 'enterprise_id']).where('id', '=', taskId).executeTakeFirst();
  if (t === undefined) throw new TaskError('not_found', `task ${taskId} not found`);
  return { ...t, id: Number(t.id) };
}

/** The requesting region of a joint task may follow it; only the region that works it may change it. */
function mustWork(t: TaskRow, ctx: TaskContext): void {
  if (!t.region_code.startsWith(ctx.scope.regionPrefix)) throw new TaskError('forbidden', `task ${t.id} is worked by region ${t.region_code}; the requesting region may only follow it`);
}

async function activeOfficers(trx: Transaction<Schema>, taskId: number): Promise<number[]> {
  const rows = await trx.selectFrom('task_assignments').select('user_id').where('task_id', '=', taskId).where('released_at', 'is', null).orderBy('user_id').execute();
  return rows.map((r) => Number(r.user_id));
}

/** Officers whose region covers the task's region, active: the ones who may be put on it, with their 执法证号 (shown on site, APL 42). */
export async function eligibleOfficers(db: Kysely<Schema>, regionCode: string): Promise<Array<{ id: number; displayName: string; regionCode: string; certificateNo: string | null }>> {
  return (await activeStaffCovering(db, regionCode, ['officer'])).map(({ id, displayName, regionCode: code, certificateNo }) => ({ id, displayName, regionCode: code, certificateNo }));
}

/**
 * Puts these officers on the task (replacing the current ones): at least two [APL 42], each an active
 * officer of the task's region. Officers no longer named are released; their rows stay.
 */
export async function assignTask(db: Kysely<Schema>, taskId: number, officerIds: readonly number[], ctx: TaskContext): Promise<{ officers: number[] }> {
  officersToAssign(officerIds);
  return db.transaction().execute((trx) => assignTaskIn(trx, taskId, officerIds, ctx));
}

function officersToAssign(officerIds: readonly number[]): number[] {
  const ids = [...new Set(officerIds)].sort((a, b) => a - b);
  if (ids.length < MIN_OFFICERS) {
    throw new TaskError('bad_request', `an on-site inspection needs at least ${MIN_OFFICERS} enforcement officers (APL art. 42); ${ids.length} named`, 'officerIds');
  }
  return ids;
}

/** assignTask inside the caller's transaction (a draw assigns its drawn officers with the draw). */
export async function assignTaskIn(trx: Transaction<Schema>, taskId: number, officerIds: readonly number[], ctx: TaskContext): Promise<{ officers: number[] }> {
  const ids = officersToAssign(officerIds);
  const t = await load(trx, taskId);
  mustWork(t, ctx);
  if (!(ACTIVE_STATUSES as readonly string[]).includes(t.status)) throw new TaskError('conflict', `task ${taskId} is ${t.status}`);
  const users = await trx.selectFrom('users').select(['id', 'role', 'active', 'region_code']).where('id', 'in', ids).execute();
  for (const id of ids) {
    const u = users.find((x) => Number(x.id) === id);
    if (u === undefined || u.role !== 'officer' || u.active !== 1) throw new TaskError('bad_request', `user ${id} is not an active enforcement officer`, 'officerIds');
    if (!t.region_code.startsWith(regionPrefix(u.region_code))) throw new TaskError('bad_request', `officer ${id} (region ${u.region_code}) has no jurisdiction in region ${t.region_code}`, 'officerIds');
  }
  const before = await activeOfficers(trx, taskId);
  const released = before.filter((id) => !ids.includes(id));
  const added = ids.filter((id) => !before.includes(id));
  if (released.length > 0) {
    await trx.updateTable('task_assignments').set({ released_at: ctx.at }).where('task_id', '=', taskId).where('released_at', 'is', null).where('user_id', 'in', released).execute();
  }
  if (added.length > 0) {
    await trx.insertInto('task_assignments').values(added.map((user_id) => ({ task_id: taskId, user_id, assigned_at: ctx.at, assigned_by: ctx.userId, released_at: null }))).execute();
    // The officers newly on the task are told, in this transaction: the notice exists exactly when the assignment does.
    await notifyTaskAssigned(trx, taskId, added, ctx.at);
  }
  const status = t.status === 'open' ? 'assigned' : t.status;
  await trx.updateTable('tasks').set({ status, updated_at: ctx.at }).where('id', '=', taskId).execute();
  await recordAudit(trx, {
    actor: ctx.actor, action: before.length === 0 ? 'assign' : 'reassign', entity: 'task', entityId: taskId, ip: ctx.ip, at: ctx.at,
    before: { status: t.status, officers: before }, after: { status, officers: ids },
  });
  return { officers: ids };
}

/**
 * An officer may start or finish only a task they are on; a role that dispatches (tasks.dispatch) may record
 * it for them. `dispatches` says whether the caller's role has that permission.
 */
async function mustBeOn(trx: Transaction<Schema>, t: TaskRow, ctx: TaskContext, dispatches: boolean): Promise<void> {
  if (dispatches) return;
  if (!(await activeOfficers(trx, t.id)).includes(ctx.userId)) throw new TaskError('forbidden', `you are not assigned to task ${t.id}`);
}

export async function startTask(db: Kysely<Schema>, taskId: number, ctx: TaskContext, dispatches: boolean): Promise<void> {
  await db.transaction().execute((trx) => startTaskIn(trx, taskId, ctx, dispatches));
}

/** startTask inside the caller's transaction (an inspection's start op moves its task with it). */
export async function startTaskIn(trx: Transaction<Schema>, taskId: number, ctx: TaskContext, dispatches: boolean): Promise<void> {
  const t = await load(trx, taskId);
  mustWork(t, ctx);
  await mustBeOn(trx, t, ctx, dispatches);
  if (t.status !== 'assigned') throw new TaskError('conflict', `task ${taskId} is ${t.status}; only an assigned task is started`);
  await trx.updateTable('tasks').set({ status: 'in_progress', started_at: ctx.at, updated_at: ctx.at }).where('id', '=', taskId).execute();
  await recordAudit(trx, { actor: ctx.actor, action: 'start', entity: 'task', entityId: taskId, before: { status: t.status }, after: { status: 'in_progress' }, ip: ctx.ip, at: ctx.at });
}

/** Finishes the task with its outcome; the warnings it gathered are closed with it. */
export async function finishTask(db: Kysely<Schema>, taskId: number, outcome: string, ctx: TaskContext, dispatches: boolean): Promise<void> {
  await db.transaction().execute((trx) => finishTaskIn(trx, taskId, outcome, ctx, dispatches));
}

/** finishTask inside the caller's transaction (an inspection's finish op closes its task with it). */
export async function finishTaskIn(trx: Transaction<Schema>, taskId: number, outcome: string, ctx: TaskContext, dispatches: boolean): Promise<void> {
  const t = await load(trx, taskId);
  mustWork(t, ctx);
  await mustBeOn(trx, t, ctx, dispatches);
  if (t.status !== 'in_progress') throw new TaskError('conflict', `task ${taskId} is ${t.status}; only a task in progress is finished`);
  await trx.updateTable('tasks').set({ status: 'done', done_at: ctx.at, outcome, updated_at: ctx.at }).where('id', '=', taskId).execute();
  await recordAudit(trx, { actor: ctx.actor, action: 'done', entity: 'task', entityId: taskId, before: { status: t.status }, after: { status: 'done', outcome }, ip: ctx.ip, at: ctx.at });
  await moveWarnings(trx, taskId, 'dispatched', 'closed', ctx);
}

/** Cancels the task with a reason: its officers are released and its warnings go back to 'confirmed'. */
export async function cancelTask(db: Kysely<Schema>, taskId: number, reason: string, ctx: TaskContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const t = await load(trx, taskId);
    mustWork(t, ctx);
    if (!(ACTIVE_STATUSES as readonly string[]).includes(t.status)) throw new TaskError('conflict', `task ${taskId} is ${t.status}`);
    const officers = await activeOfficers(trx, taskId);
    await trx.updateTable('task_assignments').set({ released_at: ctx.at }).where('task_id', '=', taskId).where('released_at', 'is', null).execute();
    await trx.updateTable('tasks').set({ status: 'cancelled', cancelled_at: ctx.at, cancel_reason: reason, updated_at: ctx.at }).where('id', '=', taskId).execute();
    await recordAudit(trx, { actor: ctx.actor, action: 'cancel', entity: 'task', entityId: taskId, before: { status: t.status, officers }, after: { status: 'cancelled', reason }, ip: ctx.ip, at: ctx.at });
    await moveWarnings(trx, taskId, 'dispatched', 'confirmed', ctx);
  });
}

async function moveWarnings(trx: Transaction<Schema>, taskId: number, from: 'dispatched', to: 'closed' | 'confirmed', ctx: TaskContext): Promise<void> {
  const linked = await trx
    .selectFrom('task_warnings as tw')
    .innerJoin('warnings as w', 'w.id', 'tw.warning_id')
    .select('w.id')
    .where('tw.task_id', '=', taskId)
    .where('w.status', '=', from)
    .execute();
  for (const { id } of linked) {
    await trx.updateTable('warnings').set({ status: to, updated_at: ctx.at }).where('id', '=', id).execute();
    await recordAudit(trx, { actor: ctx.actor, action: to === 'closed' ? 'close' : 'undispatch', entity: 'warning', entityId: Number(id), before: { status: from }, after: { status: to, taskId }, ip: ctx.ip, at: ctx.at });
  }
}
