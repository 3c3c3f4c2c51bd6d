// Tasks (issue 5 §1): what an officer must do, created from a confirmed warning, a 12369 tip, another
// region's joint-enforcement request or a random draw. Each creation runs in one transaction with its audit
// rows; dispatching warnings moves them to 'dispatched' in the same transaction. Assigning and working a task
// is in task-work.ts, the escalation job in task-escalation.ts.
import type { Kysely, Transaction } from 'kysely';
import { beijingDate, calendarDeadline, evaluateClock, isValidRegionCode, type Clock } from '@ecoenforce/domain';
import { factorInfo } from '@ecoenforce/hj212';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import type { Schema, TaskSourceColumn } from '../../platform/db/schema.ts';
import { canSee, regionPrefix, type Scope } from '../../access/index.ts';
import { WARNING_KIND_ZH } from '../../compliance/index.ts';

export type TaskErrorCode = 'bad_request' | 'not_found' | 'conflict' | 'forbidden';

/** A refused change; the route answers it with the same code (400 / 404 / 409 / 403). */
export class TaskError extends Error {
  constructor(
    readonly code: TaskErrorCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

export interface TaskContext {
  actor: AuditActor;
  /** users.id of the person acting (a token's creator). */
  userId: number;
  /** The caller's own region (a joint request's requesting region). */
  regionCode: string;
  scope: Scope;
  ip: string | null;
  at: number;
}

export type Priority = 'normal' | 'high' | 'urgent';

/**
 * Default time to finish a task, in Beijing calendar days after the day it is created (the day itself not
 * counted, calendar.ts). Configurable product defaults of the bureau, not law — except the re-inspection,
 * whose 30 days follow the daily-penalty measures' covert recheck within 30 days [DPM].
 */
export const DEFAULT_TASK_SLA_DAYS: Readonly<Record<TaskSourceColumn, number>> = {
  warning: 3,
  tip: 7,
  joint: 10,
  draw: 30,
  reinspection: 30,
};

export const ACTIVE_STATUSES = ['open', 'assigned', 'in_progress'] as const;

export interface NewTaskOptions {
  title?: string | undefined;
  priority?: Priority | undefined;
  teamId?: number | undefined;
  note?: string | undefined;
  /** Overrides the default SLA of the source kind. */
  dueDays?: number | undefined;
}

/** The SLA clock of a task at `now` (ok / due_soon / overdue, escalation level) from evaluateClock. */
export function taskClock(t: { source_kind: TaskSourceColumn; created_at: number; due_at: number; done_at: number | null; cancelled_at: number | null }, now: number): Clock {
  const expiresAt = Number(t.due_at);
  const deadline = { lastDay: beijingDate(expiresAt - 1), expiresAt };
  // A cancelled task's clock stops when it was cancelled.
  const stoppedAt = t.done_at ?? t.cancelled_at;
  return evaluateClock('task', `${t.source_kind} task SLA (configurable default, not law)`, Number(t.created_at), deadline, stoppedAt === null ? null : Number(stoppedAt), now, undefined, { sourceKind: t.source_kind });
}

/** Region codes from the region up: county, city, province (GB/T 2260). */
function regionChain(code: string): string[] {
  return [...new Set([code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`])];
}

/** The team that works a task of `regionCode`: the one named (it must cover the region), else the nearest. */
async function pickTeam(trx: Transaction<Schema>, regionCode: string, teamId: number | undefined): Promise<number | null> {
  if (teamId !== undefined) {
    const team = await trx.selectFrom('teams').select(['id', 'region_code']).where('id', '=', teamId).executeTakeFirst();
    if (team === undefined) throw new TaskError('bad_request', `team ${teamId} does not exist`, 'teamId');
    if (!regionCode.startsWith(regionPrefix(team.region_code))) throw new TaskError('bad_request', `team ${teamId} does not cover region ${regionCode}`, 'teamId');
    return Number(team.id);
  }
  const chain = regionChain(regionCode);
  const teams = await trx.selectFrom('teams').select(['id', 'region_code']).where('region_code', 'in', chain).orderBy('id').execute();
  for (const code of chain) {
    const t = teams.find((x) => x.region_code === code);
    if (t !== undefined) return Number(t.id);
  }
  return null;
}

interface Insert {
  source: TaskSourceColumn;
  sourceId: number | null;
  regionCode: string;
  requestingRegionCode?: string | null;
  enterpriseId: number | null;
  title: string;
  opts: NewTaskOptions;
}

async function insertTask(trx: Transaction<Schema>, t: Insert, ctx: TaskContext): Promise<number> {
  const days = t.opts.dueDays ?? DEFAULT_TASK_SLA_DAYS[t.source];
  const teamId = await pickTeam(trx, t.regionCode, t.opts.teamId);
  const row = {
    source_kind: t.source, source_id: t.sourceId, region_code: t.regionCode, requesting_region_code: t.requestingRegionCode ?? null, enterprise_id: t.enterpriseId,
    team_id: teamId, title: t.opts.title ?? t.title, note: t.opts.note ?? null, status: 'open' as const, priority: t.opts.priority ?? 'normal',
    due_at: calendarDeadline(ctx.at, days).expiresAt, escalated_at: null, created_at: ctx.at, created_by: ctx.userId, updated_at: ctx.at,
    started_at: null, done_at: null, outcome: null, cancelled_at: null, cancel_reason: null,
  };
  const { id } = await trx.insertInto('tasks').values(row).returning('id').executeTakeFirstOrThrow();
  await recordAudit(trx, {
    actor: ctx.actor, action: 'create', entity: 'task', entityId: Number(id), ip: ctx.ip, at: ctx.at,
    after: { source: row.source_kind, sourceId: row.source_id, regionCode: row.region_code, requestingRegionCode: row.requesting_region_code, enterpriseId: row.enterprise_id, teamId, title: row.title, priority: row.priority, dueAt: row.due_at },
  });
  return Number(id);
}

/**
 * One task from confirmed warnings of one enterprise; each warning becomes 'dispatched' and is linked to the
 * task, in the same transaction. A warning still 'new' (not yet judged), dismissed, or already in a running
 * task is refused; warnings outside the caller's scope are "not found".
 */
export async function createFromWarnings(db: Kysely<Schema>, warningIds: readonly number[], opts: NewTaskOptions, ctx: TaskContext): Promise<number> {
  const ids = [...new Set(warningIds)];
  if (ids.length === 0) throw new TaskError('bad_request', 'name at least one warning', 'warningIds');
  return db.transaction().execute(async (trx) => {
    const ws = await trx.selectFrom('warnings').select(['id', 'status', 'region_code', 'enterprise_id', 'kind', 'factor', 'severity']).where('id', 'in', ids).execute();
    for (const id of ids) {
      const w = ws.find((x) => Number(x.id) === id);
      if (w === undefined || !canSee(ctx.scope, { regionCode: w.region_code, enterpriseId: w.enterprise_id })) throw new TaskError('not_found', `warning ${id} not found`, 'warningIds');
      if (w.status !== 'confirmed') throw new TaskError('conflict', `warning ${id} is ${w.status}: only a confirmed warning is dispatched`, 'warningIds');
    }
    const enterprises = new Set(ws.map((w) => w.enterprise_id));
    if (enterprises.size > 1) throw new TaskError('bad_request', 'the warnings of one task must be of one enterprise', 'warningIds');
    const running = await trx
      .selectFrom('task_warnings as tw')
      .innerJoin('tasks as t', 't.id', 'tw.task_id')
      .select(['tw.warning_id', 't.id'])
      .where('tw.warning_id', 'in', ids)
      .where('t.status', 'in', [...ACTIVE_STATUSES])
      .executeTakeFirst();
    if (running !== undefined) throw new TaskError('conflict', `warning ${running.warning_id} is already in task ${running.id}`, 'warningIds');
    const first = ws.find((w) => Number(w.id) === ids[0])!;
    // The title officers read on the board: the warning's kind and factor in Chinese (codes kept where unknown).
    const kind = WARNING_KIND_ZH[first.kind] ?? first.kind;
    const what = first.factor === null ? kind : `${kind} ${factorInfo(first.factor)?.nameZh ?? first.factor}`;
    // A serious (严重) warning makes an urgent (紧急) task unless the dispatcher chose otherwise.
    const priority = opts.priority ?? (ws.some((w) => w.severity === 'high') ? 'high' : 'normal');
    const taskId = await insertTask(trx, { source: 'warning', sourceId: ids[0]!, regionCode: first.region_code, enterpriseId: first.enterprise_id, title: `预警核查 ${what}`, opts: { ...opts, priority } }, ctx);
    await trx.insertInto('task_warnings').values(ids.map((warning_id) => ({ task_id: taskId, warning_id }))).execute();
    const moved = await trx.updateTable('warnings').set({ status: 'dispatched', updated_at: ctx.at }).where('id', 'in', ids).where('status', '=', 'confirmed').executeTakeFirst();
    // Another transaction changed a warning since it was read: give up rather than dispatch half.
    if (Number(moved.numUpdatedRows) !== ids.length) throw new TaskError('conflict', 'a warning changed meanwhile; try again', 'warningIds');
    for (const id of ids) {
      await recordAudit(trx, { actor: ctx.actor, action: 'dispatch', entity: 'warning', entityId: id, before: { status: 'confirmed' }, after: { status: 'dispatched', taskId }, ip: ctx.ip, at: ctx.at });
    }
    return taskId;
  });
}

/** A task to check a 12369 tip; one running task per tip. */
export async function createFromTip(db: Kysely<Schema>, tipId: number, opts: NewTaskOptions, ctx: TaskContext): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const tip = await trx.selectFrom('tips').select(['id', 'region_code', 'enterprise_id', 'content']).where('id', '=', tipId).executeTakeFirst();
    if (tip === undefined || !canSee(ctx.scope, { regionCode: tip.region_code, enterpriseId: tip.enterprise_id })) throw new TaskError('not_found', `tip ${tipId} not found`, 'tipId');
    const running = await trx.selectFrom('tasks').select('id').where('source_kind', '=', 'tip').where('source_id', '=', tipId).where('status', 'in', [...ACTIVE_STATUSES]).executeTakeFirst();
    if (running !== undefined) throw new TaskError('conflict', `tip ${tipId} is already in task ${running.id}`, 'tipId');
    const title = `举报核查：${tip.content.slice(0, 40)}`;
    return insertTask(trx, { source: 'tip', sourceId: tipId, regionCode: tip.region_code, enterpriseId: tip.enterprise_id, title, opts }, ctx);
  });
}

export interface JointRequest {
  receivingRegionCode: string;
  enterpriseId?: number | undefined;
  title: string;
}

/**
 * A joint-enforcement request to another region: the receiving region's team works the task, the
 * requesting region (the caller's) follows it. A region inside the caller's own needs no request.
 */
export async function createJoint(db: Kysely<Schema>, req: JointRequest, opts: NewTaskOptions, ctx: TaskContext): Promise<number> {
  if (!isValidRegionCode(req.receivingRegionCode)) throw new TaskError('bad_request', 'not a GB/T 2260 region code', 'receivingRegionCode');
  if (req.receivingRegionCode.startsWith(ctx.scope.regionPrefix)) {
    throw new TaskError('bad_request', 'the region is within your own: create an ordinary task instead of a joint request', 'receivingRegionCode');
  }
  return db.transaction().execute(async (trx) => {
    const region = await trx.selectFrom('regions').select('code').where('code', '=', req.receivingRegionCode).executeTakeFirst();
    if (region === undefined) throw new TaskError('bad_request', `region ${req.receivingRegionCode} does not exist`, 'receivingRegionCode');
    let regionCode = req.receivingRegionCode;
    if (req.enterpriseId !== undefined) {
      const e = await trx.selectFrom('enterprises').select(['region_code']).where('id', '=', req.enterpriseId).executeTakeFirst();
      if (e === undefined || !e.region_code.startsWith(regionPrefix(req.receivingRegionCode))) {
        throw new TaskError('bad_request', `enterprise ${req.enterpriseId} is not in region ${req.receivingRegionCode}`, 'enterpriseId');
      }
      regionCode = e.region_code;
    }
    return insertTask(trx, { source: 'joint', sourceId: null, regionCode, requestingRegionCode: ctx.regionCode, enterpriseId: req.enterpriseId ?? null, title: req.title, opts }, ctx);
  });
}

export interface DrawEntry {
  /** The draw (双随机) record the enterprise was drawn in. */
  drawId: number;
  enterpriseId: number;
  title?: string;
  dueDays?: number;
}

/** The entry point a draw service calls for each enterprise it drew: an inspection task in its region. */
export async function createFromDraw(db: Kysely<Schema>, entry: DrawEntry, ctx: TaskContext): Promise<number> {
  return db.transaction().execute((trx) => createFromDrawIn(trx, entry, ctx));
}

/** createFromDraw inside the caller's transaction, so a draw and all its tasks are stored together or not at all. */
export async function createFromDrawIn(trx: Transaction<Schema>, entry: DrawEntry, ctx: TaskContext): Promise<number> {
  const e = await trx.selectFrom('enterprises').select(['id', 'region_code', 'name']).where('id', '=', entry.enterpriseId).executeTakeFirst();
  if (e === undefined || !canSee(ctx.scope, { regionCode: e.region_code, enterpriseId: e.id })) throw new TaskError('not_found', `enterprise ${entry.enterpriseId} not found`, 'enterpriseId');
  return insertTask(trx, { source: 'draw', sourceId: entry.drawId, regionCode: e.region_code, enterpriseId: e.id, title: `随机抽查 ${e.name}`, opts: { title: entry.title, dueDays: entry.dueDays } }, ctx);
}

export interface ReinspectionEntry {
  /** The rectification (order to correct) to re-inspect. */
  rectificationId: number;
  enterpriseId: number;
  regionCode: string;
  title: string;
  /** Days from today; the re-inspection is due within 30 days of the order's service [DPM]. */
  dueDays: number;
}

/**
 * The entry point of the rectification service: a re-inspection task inside the caller's transaction, so an
 * order and its re-inspection task are stored together or not at all.
 */
export async function createReinspectionTask(trx: Transaction<Schema>, entry: ReinspectionEntry, ctx: TaskContext): Promise<number> {
  return insertTask(trx, { source: 'reinspection', sourceId: entry.rectificationId, regionCode: entry.regionCode, enterpriseId: entry.enterpriseId, title: entry.title, opts: { dueDays: entry.dueDays, priority: 'high' } }, ctx);
}
