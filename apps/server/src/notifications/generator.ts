// What makes notifications (issue 14): a task assigned to officers (called inside the assignment's own
// transaction, so the notice exists exactly when the assignment does), a task's deadline near or passed (the
// hourly sweep), and a warning raised on an enterprise (those who triage warnings in its region — dispatcher,
// analyst, head — and the enterprise's own users). Titles and texts are written in Chinese when made. Each
// event has a key; (user, key) is unique in the store, so whichever hook, job or server repeats an event, no
// user is notified of it twice.
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import { regionPrefix } from '../access/index.ts';
import { WARNING_KIND_ZH } from '../compliance/index.ts';
import { insertNotifications, type NewNotification } from './repository.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** A running task's deadline is "near" this long before it passes (a product choice, not law). */
export const DUE_SOON_MS = 24 * 3600_000;
/** Roles that triage a warning of their region (DESIGN.md §2). */
const TRIAGE_ROLES = ['dispatcher', 'analyst', 'head'] as const;
const RUNNING = ['assigned', 'in_progress'] as const;

/** Beijing wall time, e.g. 2026-11-28 10:00 (texts are stored, so they carry the zone the reader lives in). */
function beijing(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

async function taskFacts(db: Db, taskId: number): Promise<{ title: string; dueAt: number; enterprise: string | null } | undefined> {
  const t = await db
    .selectFrom('tasks as t')
    .leftJoin('enterprises as e', 'e.id', 't.enterprise_id')
    .select(['t.title', 't.due_at', 'e.name as enterprise'])
    .where('t.id', '=', taskId)
    .executeTakeFirst();
  return t === undefined ? undefined : { title: t.title, dueAt: Number(t.due_at), enterprise: t.enterprise };
}

const unitText = (enterprise: string | null): string => (enterprise === null ? '' : `（${enterprise}）`);

/** The officers just put on a task are told; call inside the assignment's transaction with the added officers only. */
export async function notifyTaskAssigned(db: Db, taskId: number, officerIds: readonly number[], at: number): Promise<number> {
  if (officerIds.length === 0) return 0;
  const t = await taskFacts(db, taskId);
  if (t === undefined) return 0;
  return insertNotifications(
    db,
    officerIds.map((userId) => ({
      userId, kind: 'task_assigned', eventKey: `task_assigned:${taskId}:${at}`, link: `#/dispatch/${taskId}`,
      title: `新任务：${t.title}`, body: `您被指派执行任务“${t.title}”${unitText(t.enterprise)}，办理期限 ${beijing(t.dueAt)}。`,
    })),
    at,
  );
}

/** Tells the officers on every running task whose deadline is near or passed at `now`; returns how many were told. */
export async function notifyDeadlines(db: Kysely<Schema>, now: number): Promise<number> {
  const rows = await db
    .selectFrom('tasks as t')
    .innerJoin('task_assignments as a', 'a.task_id', 't.id')
    .leftJoin('enterprises as e', 'e.id', 't.enterprise_id')
    .select(['t.id', 't.title', 't.due_at', 'a.user_id', 'e.name as enterprise'])
    .where('t.status', 'in', [...RUNNING])
    .where('a.released_at', 'is', null)
    .where('t.due_at', '<=', now + DUE_SOON_MS)
    .orderBy('t.id')
    .execute();
  const out: NewNotification[] = [];
  for (const r of rows) {
    const dueAt = Number(r.due_at);
    const taskId = Number(r.id);
    const link = `#/dispatch/${taskId}`;
    if (dueAt <= now) {
      out.push({ userId: Number(r.user_id), kind: 'task_overdue', eventKey: `task_overdue:${taskId}`, link, title: `任务已超期：${r.title}`, body: `任务“${r.title}”${unitText(r.enterprise)}的办理期限 ${beijing(dueAt)} 已过，请尽快办结。` });
    } else {
      out.push({ userId: Number(r.user_id), kind: 'task_due_soon', eventKey: `task_due_soon:${taskId}`, link, title: `任务即将到期：${r.title}`, body: `任务“${r.title}”${unitText(r.enterprise)}将于 ${beijing(dueAt)} 到期。` });
    }
  }
  return insertNotifications(db, out, now);
}

/** Tells those who triage warnings in the warning's region and the enterprise's own users of a new warning. */
export async function notifyWarningRaised(db: Kysely<Schema>, warningId: number, at: number): Promise<number> {
  const w = await db
    .selectFrom('warnings as w')
    .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
    .select(['w.id', 'w.kind', 'w.region_code', 'w.enterprise_id', 'w.period_from', 'e.name as enterprise'])
    .where('w.id', '=', warningId)
    .executeTakeFirst();
  if (w === undefined) return 0;
  const users = await db
    .selectFrom('users')
    .select(['id', 'role', 'region_code', 'enterprise_id'])
    .where('active', '=', 1)
    .where((eb) => eb.or([eb('role', 'in', [...TRIAGE_ROLES]), eb.and([eb('role', '=', 'enterprise'), eb('enterprise_id', '=', w.enterprise_id)])]))
    .execute();
  // The same rule as the access model's scope: the user's region prefix covers the warning's region.
  const recipients = users.filter((u) => (u.role === 'enterprise' ? Number(u.enterprise_id) === Number(w.enterprise_id) : w.region_code.startsWith(regionPrefix(u.region_code))));
  const kind = WARNING_KIND_ZH[w.kind] ?? '异常';
  return insertNotifications(
    db,
    recipients.map((u) => ({
      userId: Number(u.id), kind: 'warning_on_my_units', eventKey: `warning:${warningId}`, link: `#/warnings/${warningId}`,
      title: `新预警：${w.enterprise}（${kind}）`, body: `${w.enterprise}自 ${beijing(Number(w.period_from))} 起出现${kind}预警，请及时研判处置。`,
    })),
    at,
  );
}
