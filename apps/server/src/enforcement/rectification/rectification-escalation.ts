// The daily escalation of rectification deadlines (issue 5 §7), beside task-escalation.ts: once per Beijing
// day every open order's clocks — the enterprise's deadline to correct and the bureau's 30-day re-inspection
// window [DPM] — are evaluated and the order's escalation raised to the worst (1 due soon, 2 overdue, 3
// overdue for more than three days; calendar.ts DEFAULT_CLOCK_POLICY, a product policy, not law). A level only
// rises; each raise is audited.
import type { Kysely } from 'kysely';
import { rectificationClocks, worstEscalation } from '@ecoenforce/domain';
import { recordAudit } from '../../platform/audit.ts';
import type { Schema } from '../../platform/db/schema.ts';
import { OPEN_STATUSES, rectificationRow, toDomain } from './rectification.ts';
import type { DailyJob } from '../../platform/daily-jobs.ts';

export const RECTIFICATION_ESCALATION_JOB = 'rectification-escalation';

export interface RectificationEscalated {
  id: number;
  from: number;
  to: number;
  /** The clocks that asked for it (overdue or due soon). */
  clocks: string[];
}

export async function escalateRectifications(db: Kysely<Schema>, now: number): Promise<RectificationEscalated[]> {
  return db.transaction().execute(async (trx) => {
    const open = await trx.selectFrom('rectifications').select('id').where('status', 'in', [...OPEN_STATUSES]).orderBy('id').execute();
    const out: RectificationEscalated[] = [];
    for (const { id } of open) {
      const r = (await rectificationRow(trx, Number(id)))!;
      const proofs = await trx.selectFrom('rectification_proofs').select(['at', 'submitted_by', 'files', 'text']).where('rectification_id', '=', r.id).execute();
      const clocks = rectificationClocks(toDomain(r, proofs), now);
      const level = worstEscalation(clocks);
      if (level <= r.escalation) continue;
      // The WHERE keeps a level from going down if another writer raised it meanwhile.
      const res = await trx.updateTable('rectifications').set({ escalation: level, escalated_at: now }).where('id', '=', r.id).where('escalation', '<', level).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) continue;
      const asking = clocks.filter((c) => c.escalation > 0);
      await recordAudit(trx, {
        actor: { kind: 'system', id: null, name: RECTIFICATION_ESCALATION_JOB }, action: 'escalate', entity: 'rectification', entityId: r.id, at: now,
        before: { escalation: r.escalation }, after: { escalation: level, clocks: asking.map((c) => ({ id: c.id, status: c.status, expiresAt: c.deadline.expiresAt, remainingMs: c.remainingMs })) },
      });
      out.push({ id: r.id, from: r.escalation, to: level, clocks: asking.map((c) => c.id) });
    }
    return out;
  });
}

export function rectificationEscalationJob(db: Kysely<Schema>): DailyJob {
  return {
    name: RECTIFICATION_ESCALATION_JOB,
    run: async (_day, now) => JSON.stringify({ escalated: (await escalateRectifications(db, now)).length }),
  };
}
