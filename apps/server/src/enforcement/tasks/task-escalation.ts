// The daily escalation of task deadlines (issue 5 §1): once per Beijing day (DailyJobs' job_runs claim makes
// it once across all servers), every running task's SLA clock is evaluated and its escalation level raised to
// what the clock says — 1 due soon, 2 overdue (the dispatcher is told), 3 overdue for more than three days
// (the head is told) [calendar.ts DEFAULT_CLOCK_POLICY, a product policy, not law]. A level only rises: a run
// that finds nothing higher writes nothing. Each raise is audited; the board learns of it as a live event.
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import type { Schema } from '../../platform/db/schema.ts';
import type { Location } from '../../access/index.ts';
import { ACTIVE_STATUSES, taskClock } from './tasks.ts';
import type { DailyJob } from '../../platform/daily-jobs.ts';

export const TASK_ESCALATION_JOB = 'task-escalation';

export interface Escalated {
  id: number;
  from: number;
  to: number;
  /** Where the task is seen (its region and a joint task's requesting region), for the live event. */
  at: Location;
}

/** Raises the escalation of every running task whose clock at `now` asks for more; returns the raises. */
export async function escalateTasks(db: Kysely<Schema>, now: number): Promise<Escalated[]> {
  return db.transaction().execute(async (trx) => {
    const running = await trx
      .selectFrom('tasks')
      .select(['id', 'source_kind', 'created_at', 'due_at', 'done_at', 'cancelled_at', 'escalation', 'region_code', 'requesting_region_code', 'status'])
      .where('status', 'in', [...ACTIVE_STATUSES])
      .orderBy('id')
      .execute();
    const out: Escalated[] = [];
    for (const t of running) {
      const clock = taskClock(t, now);
      const from = Number(t.escalation);
      if (clock.escalation <= from) continue;
      // The WHERE keeps a level from going down if another writer raised it meanwhile.
      const r = await trx.updateTable('tasks').set({ escalation: clock.escalation, escalated_at: now }).where('id', '=', t.id).where('escalation', '<', clock.escalation).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) continue;
      await recordAudit(trx, {
        actor: { kind: 'system', id: null, name: TASK_ESCALATION_JOB }, action: 'escalate', entity: 'task', entityId: Number(t.id), at: now,
        before: { escalation: from }, after: { escalation: clock.escalation, clock: clock.status, dueAt: Number(t.due_at), remainingMs: clock.remainingMs },
      });
      // enterpriseId null: an enterprise user's scope never matches, so the board's events stay the bureau's.
      out.push({ id: Number(t.id), from, to: clock.escalation, at: { regionCode: t.region_code, enterpriseId: null, sharedWithRegion: t.requesting_region_code } });
    }
    return out;
  });
}

/** The DailyJob for daily-jobs.ts; `onEscalated` publishes the live events after the commit. */
export function taskEscalationJob(db: Kysely<Schema>, onEscalated: (e: Escalated) => void = () => undefined): DailyJob {
  return {
    name: TASK_ESCALATION_JOB,
    run: async (_day, now) => {
      const raised = await escalateTasks(db, now);
      for (const e of raised) onEscalated(e);
      return JSON.stringify({ escalated: raised.length });
    },
  };
}
