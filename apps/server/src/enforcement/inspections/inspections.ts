// On-site inspections synced from an officer's phone (issue 5 §3). The phone works offline and keeps an
// outbox of operations; this applies a batch of them. Each op carries a client op id: one already applied is
// answered with the answer it got then and never applied twice. An edit names the row version it was based
// on: when the server's row moved on meanwhile the op is a conflict, answered with both values, and nothing is
// overwritten — the officer chooses and re-sends with the server's version as the base.
import type { Kysely, Transaction } from 'kysely';
import type { InspectionItemValue as ItemValue, SyncOp, SyncOpResult as OpResult, TaskInspection } from '@ecoenforce/contract';
import { recordAudit } from '../../platform/audit.ts';
import type { Schema } from '../../platform/db/schema.ts';
import { canSee } from '../../access/index.ts';
import { currentMatters } from '../catalogue/catalogue.ts';
import { startTaskIn, finishTaskIn } from '../tasks/task-work.ts';
import type { TaskContext } from '../tasks/tasks.ts';

export class InspectionError extends Error {
  constructor(
    readonly code: 'bad_request' | 'not_found' | 'forbidden' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

interface Ctx {
  task: TaskContext;
  /** The caller's role may act for the officers on a task (tasks.dispatch), as in task-work.ts. */
  dispatches: boolean;
}

/** The task must be in the caller's scope (404 otherwise) and the caller one of its officers (403). */
async function mustWorkTask(db: Kysely<Schema> | Transaction<Schema>, taskId: number, ctx: Ctx): Promise<{ status: string }> {
  const t = await db.selectFrom('tasks').select(['id', 'status', 'region_code', 'enterprise_id']).where('id', '=', taskId).executeTakeFirst();
  if (t === undefined || !canSee(ctx.task.scope, { regionCode: t.region_code, enterpriseId: t.enterprise_id })) throw new InspectionError('not_found', `task ${taskId} not found`);
  if (!ctx.dispatches) {
    const on = await db.selectFrom('task_assignments').select('user_id').where('task_id', '=', taskId).where('user_id', '=', ctx.task.userId).where('released_at', 'is', null).executeTakeFirst();
    if (on === undefined) throw new InspectionError('forbidden', `you are not assigned to task ${taskId}`);
  }
  return t;
}

/** The task of each inspection named in the batch (by the start op, or the stored row), checked before anything is applied. */
async function checkBatch(db: Kysely<Schema>, ops: readonly SyncOp[], ctx: Ctx): Promise<void> {
  const taskOf = new Map<string, number>();
  for (const op of ops) if (op.kind === 'start') taskOf.set(op.inspection, op.taskId);
  const others = [...new Set(ops.map((o) => o.inspection))].filter((u) => !taskOf.has(u));
  if (others.length > 0) {
    const rows = await db.selectFrom('inspections').select(['uuid', 'task_id']).where('uuid', 'in', others).execute();
    for (const r of rows) taskOf.set(r.uuid, Number(r.task_id));
  }
  for (const u of ops.map((o) => o.inspection)) if (!taskOf.has(u)) throw new InspectionError('not_found', `inspection ${u} not found: send its start op first`);
  for (const taskId of new Set(taskOf.values())) await mustWorkTask(db, taskId, ctx);
}

/** Applies the ops in order; each in its own transaction with its audit row and its op record. */
export async function syncInspections(db: Kysely<Schema>, ops: readonly SyncOp[], ctx: Ctx): Promise<OpResult[]> {
  await checkBatch(db, ops, ctx);
  const matters = new Set((await currentMatters(db, ctx.task.at)).map((m) => m.code));
  const results: OpResult[] = [];
  for (const op of ops) {
    const done = await db.selectFrom('inspection_ops').select('result').where('op_id', '=', op.opId).executeTakeFirst();
    if (done !== undefined) {
      results.push({ ...(JSON.parse(done.result) as OpResult), duplicate: true });
      continue;
    }
    const result = await db.transaction().execute(async (trx) => {
      const r = await applyOp(trx, op, matters, ctx);
      // A conflict is not recorded as applied: the same op may be re-sent after the server value changes back.
      if (r.status !== 'conflict') await trx.insertInto('inspection_ops').values({ op_id: op.opId, inspection_uuid: op.inspection, user_id: ctx.task.userId, result: JSON.stringify(r), applied_at: ctx.task.at }).execute();
      // The task moves with its inspection, in the same transaction: a started inspection never sits under a
      // task still "assigned", nor a finished one under a task still open, whatever fails in between.
      if (op.kind === 'start' && r.status === 'applied') await moveTask(trx, op.taskId, 'start', null, ctx);
      if (op.kind === 'finish' && r.status === 'applied') {
        const ins = await trx.selectFrom('inspections').select(['task_id', 'outcome']).where('uuid', '=', op.inspection).executeTakeFirstOrThrow();
        await moveTask(trx, Number(ins.task_id), 'finish', ins.outcome, ctx);
      }
      return r;
    });
    results.push(result);
  }
  return results;
}

/** The task follows its inspection: assigned → in progress on start, in progress → done on finish. */
async function moveTask(trx: Transaction<Schema>, taskId: number, step: 'start' | 'finish', outcome: string | null, ctx: Ctx): Promise<void> {
  const t = await trx.selectFrom('tasks').select('status').where('id', '=', taskId).executeTakeFirstOrThrow();
  if (t.status === 'assigned') await startTaskIn(trx, taskId, ctx.task, ctx.dispatches);
  if (step === 'finish' && (t.status === 'assigned' || t.status === 'in_progress')) await finishTaskIn(trx, taskId, outcome ?? 'on-site inspection finished', ctx.task, ctx.dispatches);
}

const rejected = (opId: string, code: 'bad_request' | 'conflict', message: string): OpResult => ({ opId, status: 'rejected', duplicate: false, code, message });

async function applyOp(trx: Transaction<Schema>, op: SyncOp, matters: ReadonlySet<string>, ctx: Ctx): Promise<OpResult> {
  const at = ctx.task.at;
  const audit = (action: string, entityId: string, before: unknown, after: unknown) =>
    recordAudit(trx, { actor: ctx.task.actor, action, entity: 'inspection', entityId, before, after, ip: ctx.task.ip, at });
  const existing = await trx.selectFrom('inspections').selectAll().where('uuid', '=', op.inspection).executeTakeFirst();
  switch (op.kind) {
    case 'start': {
      if (existing !== undefined) {
        // The same inspection started from another op id (e.g. the outbox rebuilt): acknowledged, not applied.
        if (Number(existing.task_id) !== op.taskId) return rejected(op.opId, 'bad_request', `inspection id ${op.inspection} is already used by another task`);
        return { opId: op.opId, status: 'applied', version: Number(existing.version), duplicate: true };
      }
      const t = await trx.selectFrom('tasks').select('status').where('id', '=', op.taskId).executeTakeFirstOrThrow();
      if (t.status !== 'assigned' && t.status !== 'in_progress') return rejected(op.opId, 'conflict', `task ${op.taskId} is ${t.status}; an inspection is made on an assigned task or one in progress`);
      const officers = (await trx.selectFrom('task_assignments').select('user_id').where('task_id', '=', op.taskId).where('released_at', 'is', null).orderBy('user_id').execute()).map((r) => Number(r.user_id));
      const row = {
        uuid: op.inspection, task_id: op.taskId, checklist_hash: op.checklistHash, started_at: op.startedAt, finished_at: null, officer_ids: JSON.stringify(officers),
        gps_status: op.gps === null ? ('unavailable' as const) : ('ok' as const), lat: op.gps?.lat ?? null, lon: op.gps?.lon ?? null, accuracy_m: op.gps?.accuracy ?? null,
        device_time: op.deviceTime, received_at: at, outcome: null, created_by: ctx.task.userId, version: 1,
      };
      await trx.insertInto('inspections').values(row).execute();
      await audit('create', op.inspection, undefined, { ...row, version: 1 });
      return { opId: op.opId, status: 'applied', version: 1, duplicate: false };
    }
    case 'item': {
      if (existing === undefined) return rejected(op.opId, 'bad_request', `inspection ${op.inspection} not found`);
      if (existing.finished_at !== null) return rejected(op.opId, 'conflict', `inspection ${op.inspection} is finished`);
      if (op.result === 'violation' && (op.matterCode === null || !matters.has(op.matterCode))) return rejected(op.opId, 'bad_request', `a violation names an enforcement matter of the catalogue; ${op.matterCode ?? 'none'} is not one`);
      const matterCode = op.result === 'violation' ? op.matterCode : null;
      const cur = await trx.selectFrom('inspection_items').selectAll().where('inspection_id', '=', existing.id).where('item_key', '=', op.itemKey).executeTakeFirst();
      const curVersion = cur === undefined ? 0 : Number(cur.version);
      const client = { result: op.result, note: op.note, matterCode, baseVersion: op.baseVersion };
      if (op.baseVersion !== curVersion) {
        const server: ItemValue = cur === undefined ? { result: 'not_applicable', note: null, matterCode: null, version: 0 } : { result: cur.result, note: cur.note, matterCode: cur.matter_code, version: curVersion };
        return { opId: op.opId, status: 'conflict', duplicate: false, server, client };
      }
      const version = curVersion + 1;
      if (cur === undefined) {
        await trx.insertInto('inspection_items').values({ inspection_id: existing.id, item_key: op.itemKey, result: op.result, note: op.note, matter_code: matterCode, version, updated_at: at, updated_by: ctx.task.userId }).execute();
      } else {
        // The version in the WHERE makes the check and the write one step even under concurrent requests.
        const u = await trx.updateTable('inspection_items').set({ result: op.result, note: op.note, matter_code: matterCode, version, updated_at: at, updated_by: ctx.task.userId }).where('id', '=', cur.id).where('version', '=', curVersion).executeTakeFirst();
        if (Number(u.numUpdatedRows) !== 1) throw new InspectionError('conflict', 'the item changed meanwhile; sync again');
      }
      await audit(cur === undefined ? 'item_set' : 'item_update', `${op.inspection}/${op.itemKey}`, cur === undefined ? undefined : { result: cur.result, note: cur.note, matterCode: cur.matter_code, version: curVersion }, { result: op.result, note: op.note, matterCode, version });
      return { opId: op.opId, status: 'applied', version, duplicate: false };
    }
    case 'finish': {
      if (existing === undefined) return rejected(op.opId, 'bad_request', `inspection ${op.inspection} not found`);
      const v = Number(existing.version);
      if (op.baseVersion !== v) return { opId: op.opId, status: 'conflict', duplicate: false, server: { version: v, finishedAt: existing.finished_at === null ? null : Number(existing.finished_at) }, client: { finishedAt: op.finishedAt, baseVersion: op.baseVersion } };
      if (existing.finished_at !== null) return rejected(op.opId, 'conflict', `inspection ${op.inspection} is already finished`);
      const items = await trx.selectFrom('inspection_items').select(['item_key', 'result', 'matter_code']).where('inspection_id', '=', existing.id).orderBy('item_key').execute();
      const violations = items.filter((i) => i.result === 'violation');
      // Checked when each item was set, and again here: a finished inspection's violations all name a matter.
      const bare = violations.find((i) => i.matter_code === null);
      if (bare !== undefined) return rejected(op.opId, 'bad_request', `violation ${bare.item_key} names no enforcement matter`);
      const matters = [...new Set(violations.map((i) => i.matter_code!))];
      const outcome = `现场检查 ${items.length} 项：合规 ${items.filter((i) => i.result === 'compliant').length}，违法 ${violations.length}${matters.length > 0 ? `（${matters.join('、')}）` : ''}${op.summary === null ? '' : `。${op.summary}`}`;
      await trx.updateTable('inspections').set({ finished_at: op.finishedAt, outcome, record: op.summary?.trim() || null, version: v + 1 }).where('id', '=', existing.id).where('version', '=', v).execute();
      await audit('finish', op.inspection, { version: v }, { finishedAt: op.finishedAt, outcome, record: op.summary?.trim() || null, violations: violations.map((i) => ({ item: i.item_key, matter: i.matter_code })), version: v + 1 });
      return { opId: op.opId, status: 'applied', version: v + 1, duplicate: false };
    }
  }
}

/** The inspections of a task with their items (the console's view after sync, a phone continuing one without its local copy, and the tests'). */
export async function taskInspections(db: Kysely<Schema>, taskId: number): Promise<TaskInspection[]> {
  const rows = await db.selectFrom('inspections').selectAll().where('task_id', '=', taskId).orderBy('id').execute();
  const out: TaskInspection[] = [];
  for (const r of rows) {
    const items = await db.selectFrom('inspection_items').select(['item_key', 'result', 'note', 'matter_code', 'version']).where('inspection_id', '=', r.id).orderBy('item_key').execute();
    const evidence = await db.selectFrom('inspection_evidence').select(['uuid', 'item_key', 'sha256', 'mime', 'size', 'captured_at', 'lat', 'lon', 'accuracy_m']).where('inspection_id', '=', r.id).orderBy('id').execute();
    out.push({
      uuid: r.uuid, taskId: Number(r.task_id), checklistHash: r.checklist_hash, startedAt: Number(r.started_at), finishedAt: r.finished_at === null ? null : Number(r.finished_at),
      officerIds: JSON.parse(r.officer_ids) as number[], gps: r.gps_status === 'ok' ? { lat: r.lat, lon: r.lon, accuracy: r.accuracy_m } : null, deviceTime: Number(r.device_time), receivedAt: Number(r.received_at),
      outcome: r.outcome, record: r.record ?? null, version: Number(r.version),
      items: items.map((i) => ({ itemKey: i.item_key, result: i.result, note: i.note, matterCode: i.matter_code, version: Number(i.version) })),
      evidence: evidence.map((e) => ({ uuid: e.uuid, itemKey: e.item_key, sha256: e.sha256, mime: e.mime, size: Number(e.size), capturedAt: Number(e.captured_at), lat: e.lat, lon: e.lon, accuracy: e.accuracy_m })),
    });
  }
  return out;
}

export { mustWorkTask };
