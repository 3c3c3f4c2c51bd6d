// The public pages' reads (issue 5 §2 "one public", §9), served without login:
// - draws: before publishable_after only the commitment (algorithm, counts, digests: domain commitmentView),
//   from then on the domain's publicView (seed, units, officers sent, off-site list) and, per unit, the
//   outcome once its task is done (redacted). Never the conflicts of interest, past visits or open warnings.
//   A voided draw shows its commitment and the reason it was voided.
// - decisions: the structured summary of penalty decisions served or later (APL art. 48 (2021): decisions
//   with a certain social impact are published; not in rules.md, cited from the statute). Only the summary: the decision PDF names the legal representative
//   and addresses, and redacting a rendered PDF reliably is not feasible here, so the PDF is not served.
import type { Kysely } from 'kysely';
import { commitmentView, publicView, type DrawRecord } from '@ecoenforce/domain';
import type { Schema } from '../../platform/db/schema.ts';
import type { DecisionSummary, DrawTaskLink, PublicDraw } from '@ecoenforce/contract';
import { loadForPublication } from './case-publication.ts';
import { namesOf } from '../draws/draws.ts';
import { redactText } from './redaction.ts';

type DrawRow = { id: number | bigint; region_code: string; period: string; record: string; tasks: string; voided_at: number | null; void_reason: string | null };

async function toPublic(db: Kysely<Schema>, rows: DrawRow[], now: number): Promise<PublicDraw[]> {
  const records = rows.map((r) => JSON.parse(r.record) as DrawRecord);
  const names = await namesOf(db, records);
  const links = rows.map((r) => JSON.parse(r.tasks) as DrawTaskLink[]);
  const taskIds = links.flat().map((l) => l.taskId);
  const tasks = taskIds.length === 0 ? [] : await db.selectFrom('tasks').select(['id', 'status', 'outcome']).where('id', 'in', taskIds).execute();
  const taskOf = new Map(tasks.map((t) => [Number(t.id), t]));
  return rows.map((r, i) => {
    const record = records[i]!;
    const pv = r.voided_at === null ? publicView(record, now) : null;
    let view: PublicDraw['view'] = null;
    if (pv?.ok === true) {
      const enterprises: Record<string, string> = {};
      for (const o of [...pv.view.objects, ...pv.view.offSite]) enterprises[o.enterpriseId] = names.get(o.enterpriseId) ?? '';
      const outcomes: NonNullable<PublicDraw['view']>['outcomes'] = {};
      for (const l of links[i]!) {
        const t = taskOf.get(l.taskId);
        if (t === undefined) continue;
        // The outcome as typed by an officer may name people: redacted like a typical case.
        outcomes[l.uscc] = { status: t.status, outcome: t.status === 'done' && t.outcome !== null ? redactText(t.outcome, { keep: [l.uscc] }).text : null, offSite: l.offSite };
      }
      view = { ...pv.view, enterprises, outcomes };
    }
    return {
      id: Number(r.id), regionCode: r.region_code, period: r.period, published: view !== null, commitment: commitmentView(record), view,
      voided: r.voided_at === null ? null : { at: Number(r.voided_at), reason: r.void_reason ?? '' },
    };
  });
}

const DRAW_COLUMNS = ['id', 'region_code', 'period', 'record', 'tasks', 'voided_at', 'void_reason'] as const;

export async function publicDraws(db: Kysely<Schema>, f: { region?: string; limit: number; before?: number }, now: number): Promise<PublicDraw[]> {
  let q = db.selectFrom('draws').select([...DRAW_COLUMNS]);
  if (f.region !== undefined) q = q.where('region_code', 'like', `${f.region}%`);
  if (f.before !== undefined) q = q.where('id', '<', f.before);
  return toPublic(db, await q.orderBy('id', 'desc').limit(f.limit).execute(), now);
}

export async function publicDraw(db: Kysely<Schema>, id: number, now: number): Promise<PublicDraw | undefined> {
  const r = await db.selectFrom('draws').select([...DRAW_COLUMNS]).where('id', '=', id).executeTakeFirst();
  return r === undefined ? undefined : (await toPublic(db, [r], now))[0];
}

/** States in which a penalty decision has been served to the party and so may be published. */
export const PUBLISHED_DECISION_STATES = ['served', 'paid', 'executed', 'closed'] as const;

export async function publicDecisions(db: Kysely<Schema>, f: { region?: string; limit: number; before?: number }): Promise<DecisionSummary[]> {
  let q = db.selectFrom('cases').select('id').where('state', 'in', [...PUBLISHED_DECISION_STATES]).where('decided_at', 'is not', null);
  if (f.region !== undefined) q = q.where('region_code', 'like', `${f.region}%`);
  if (f.before !== undefined) q = q.where('id', '<', f.before);
  const ids = (await q.orderBy('id', 'desc').limit(f.limit).execute()).map((r) => Number(r.id));
  const out: DecisionSummary[] = [];
  for (const id of ids) {
    const l = await loadForPublication(db, id);
    // A closed case without a penalty (no_penalty, transferred, terminated) has no penalty decision to publish.
    if (l !== undefined && l.record.outcome !== 'no_penalty' && l.record.outcome !== 'waived' && l.record.outcome !== 'transferred' && l.record.outcome !== 'terminated') out.push(l.summary);
  }
  return out;
}
