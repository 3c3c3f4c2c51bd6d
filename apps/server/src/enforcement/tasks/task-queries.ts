// The dispatch board's reads: tasks in the caller's region (or requested by it, for joint tasks), filtered
// and paged by id, each with its SLA clock and current officers; one task with its assignment history, the
// warnings or tip it came from, and the officers who may be put on it.
import type { Kysely } from 'kysely';
import type { TaskDetail, TaskSummary } from '@ecoenforce/contract';
import type { Schema, TaskSourceColumn, TaskStatusColumn } from '../../platform/db/schema.ts';
import type { Scope } from '../../access/index.ts';
import { ACTIVE_STATUSES, taskClock } from './tasks.ts';
import { eligibleOfficers } from './task-work.ts';

export interface TaskFilter {
  teamId?: number | undefined;
  status?: TaskStatusColumn | undefined;
  source?: TaskSourceColumn | undefined;
  enterpriseId?: number | undefined;
  /** Running tasks past their deadline at `now`. */
  overdue?: boolean | undefined;
}

function base(db: Kysely<Schema>) {
  return db
    .selectFrom('tasks as t')
    .leftJoin('enterprises as e', 'e.id', 't.enterprise_id')
    .leftJoin('teams as m', 'm.id', 't.team_id')
    .leftJoin('regions as rw', 'rw.code', 't.region_code')
    .leftJoin('regions as rq', 'rq.code', 't.requesting_region_code')
    .select([
      'rw.name as region_name', 'rq.name as requesting_region_name',
      't.id', 't.source_kind', 't.source_id', 't.region_code', 't.requesting_region_code', 't.enterprise_id', 'e.name as enterprise_name', 't.team_id', 'm.name as team_name',
      't.title', 't.note', 't.status', 't.priority', 't.due_at', 't.created_at', 't.created_by', 't.escalation', 't.escalated_at', 't.started_at', 't.done_at', 't.outcome',
      't.cancelled_at', 't.cancel_reason',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

async function officersOf(db: Kysely<Schema>, taskIds: number[]): Promise<Map<number, Array<{ id: number; displayName: string }>>> {
  const out = new Map<number, Array<{ id: number; displayName: string }>>();
  if (taskIds.length === 0) return out;
  const rows = await db
    .selectFrom('task_assignments as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.task_id', 'u.id', 'u.display_name'])
    .where('a.task_id', 'in', taskIds)
    .where('a.released_at', 'is', null)
    .orderBy('u.id')
    .execute();
  for (const r of rows) {
    const list = out.get(Number(r.task_id)) ?? [];
    list.push({ id: Number(r.id), displayName: r.display_name });
    out.set(Number(r.task_id), list);
  }
  return out;
}

function summary(r: Row, officers: Array<{ id: number; displayName: string }>, now: number): TaskSummary {
  const clock = taskClock(r, now);
  return {
    id: Number(r.id), sourceKind: r.source_kind, sourceId: r.source_id === null ? null : Number(r.source_id), regionCode: r.region_code, requestingRegionCode: r.requesting_region_code,
    regionName: r.region_name ?? r.region_code, requestingRegionName: r.requesting_region_code === null ? null : (r.requesting_region_name ?? r.requesting_region_code),
    enterpriseId: r.enterprise_id === null ? null : Number(r.enterprise_id), enterpriseName: r.enterprise_name, teamId: r.team_id === null ? null : Number(r.team_id), teamName: r.team_name,
    title: r.title, status: r.status, priority: r.priority, dueAt: Number(r.due_at), createdAt: Number(r.created_at), escalation: Number(r.escalation),
    doneAt: r.done_at === null ? null : Number(r.done_at), outcome: r.outcome,
    clock: { status: clock.status, escalation: clock.escalation, remainingMs: clock.remainingMs, lastDay: clock.deadline.lastDay },
    officers,
  };
}

/** Tasks the scope may see (worked in its region or requested by it), newest first; `limit + 1` rows for paging. */
export async function listTasks(db: Kysely<Schema>, scope: Scope, f: TaskFilter, now: number, limit: number, before: number | undefined): Promise<TaskSummary[]> {
  const like = `${scope.regionPrefix}%`;
  let q = base(db).where((eb) => eb.or([eb('t.region_code', 'like', like), eb('t.requesting_region_code', 'like', like)]));
  if (f.teamId !== undefined) q = q.where('t.team_id', '=', f.teamId);
  if (f.status !== undefined) q = q.where('t.status', '=', f.status);
  if (f.source !== undefined) q = q.where('t.source_kind', '=', f.source);
  if (f.enterpriseId !== undefined) q = q.where('t.enterprise_id', '=', f.enterpriseId);
  // due_at is the exclusive expiry instant, so a task is overdue from due_at on.
  if (f.overdue === true) q = q.where('t.status', 'in', [...ACTIVE_STATUSES]).where('t.due_at', '<=', now);
  if (before !== undefined) q = q.where('t.id', '<', before);
  const rows = await q.orderBy('t.id', 'desc').limit(limit).execute();
  const officers = await officersOf(db, rows.map((r) => Number(r.id)));
  return rows.map((r) => summary(r, officers.get(Number(r.id)) ?? [], now));
}

export async function taskDetail(db: Kysely<Schema>, id: number, now: number): Promise<TaskDetail | undefined> {
  const r = await base(db).where('t.id', '=', id).executeTakeFirst();
  if (r === undefined) return undefined;
  const officers = await officersOf(db, [id]);
  const history = await db
    .selectFrom('task_assignments as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.user_id', 'u.display_name', 'a.assigned_at', 'a.assigned_by', 'a.released_at'])
    .where('a.task_id', '=', id)
    .orderBy('a.id')
    .execute();
  const warnings = await db
    .selectFrom('task_warnings as tw')
    .innerJoin('warnings as w', 'w.id', 'tw.warning_id')
    .select(['w.id', 'w.kind', 'w.factor', 'w.status'])
    .where('tw.task_id', '=', id)
    .orderBy('w.id')
    .execute();
  return {
    ...summary(r, officers.get(id) ?? [], now),
    note: r.note, createdBy: Number(r.created_by), startedAt: r.started_at === null ? null : Number(r.started_at), escalatedAt: r.escalated_at === null ? null : Number(r.escalated_at),
    cancelledAt: r.cancelled_at === null ? null : Number(r.cancelled_at), cancelReason: r.cancel_reason, rule: taskClock(r, now).rule,
    assignments: history.map((a) => ({ userId: Number(a.user_id), displayName: a.display_name, assignedAt: Number(a.assigned_at), assignedBy: Number(a.assigned_by), releasedAt: a.released_at === null ? null : Number(a.released_at) })),
    warnings: warnings.map((w) => ({ id: Number(w.id), kind: w.kind, factor: w.factor, status: w.status })),
    eligibleOfficers: await eligibleOfficers(db, r.region_code),
  };
}
