// Reading rectifications: the list of a scope (the bureau's region, or an enterprise's own), filtered as the
// statistics count (rectification-filter.ts), with each order's clocks at `now` (the enterprise's deadline
// and the 30-day re-inspection window [DPM]), and one order with its proofs, its measures and the
// daily-penalty rounds of its chain.
import type { Kysely } from 'kysely';
import { rectificationClocks, worstEscalation } from '@ecoenforce/domain';
import type { CaseRectifications, RectificationDetail, RectificationList, RectificationStaff, RectificationSummary, RoundView } from '@ecoenforce/contract';
import type { Schema } from '../../platform/db/schema.ts';
import { type Scope, inScope, decodeCursor, page } from '../../access/index.ts';
import { activeStaffCovering, userNames } from '../../accounts/index.ts';
import { normalised, toDomain, visibleRow, REINSPECTION_ROLES, type RectificationRow } from './rectification.ts';
import { withRectificationFilter, type RectificationListFilter } from './rectification-filter.ts';

type ProofRow = { id: number; at: number; submitted_by: number; files: string; text: string; rectification_id: number };

function summaryOf(r: RectificationRow, enterpriseName: string, caseNumber: string | null, proofs: readonly ProofRow[], now: number): RectificationSummary {
  // A closed order's clocks stop where it ended; a cancelled one has none running.
  const clocks = r.status === 'cancelled' ? [] : rectificationClocks(toDomain(r, proofs), now);
  return {
    id: r.id, chainId: r.chain_id ?? r.id, previousId: r.previous_id, round: r.round, caseId: r.case_id, caseNumber, enterpriseId: r.enterprise_id, enterpriseName,
    regionCode: r.region_code, status: r.status, requirement: r.requirement, deadlineDays: r.deadline_days, orderedAt: r.ordered_at, deadlineAt: r.deadline_at,
    reinspectBy: r.reinspect_by, taskId: r.task_id, reinspectedAt: r.reinspected_at, closedAt: r.closed_at,
    escalation: Math.max(r.escalation, worstEscalation(clocks)), clocks, overdue: clocks.some((c) => c.status === 'overdue'),
  };
}

export interface RectificationFilter extends RectificationListFilter {
  limit: number;
  cursor?: string;
}

export async function listRectifications(db: Kysely<Schema>, scope: Scope, f: RectificationFilter, now: number): Promise<RectificationList> {
  let q = withRectificationFilter(
    inScope(
      db.selectFrom('rectifications as r').innerJoin('enterprises as e', 'e.id', 'r.enterprise_id').leftJoin('cases as c', 'c.id', 'r.case_id')
        .selectAll('r').select(['e.name as enterprise_name', 'c.number as case_number']),
      scope,
    ),
    f,
    now,
  );
  const after = decodeCursor(f.cursor);
  if (after !== undefined) q = q.where('r.id', '<', after);
  const found = await q.orderBy('r.id', 'desc').limit(f.limit + 1).execute();
  const ids = found.map((x) => Number(x.id));
  const proofs = ids.length === 0 ? [] : await db.selectFrom('rectification_proofs').select(['id', 'at', 'submitted_by', 'files', 'text', 'rectification_id']).where('rectification_id', 'in', ids).execute();
  const items: RectificationSummary[] = [];
  for (const { enterprise_name, case_number, ...r } of found) {
    const row = normalised(r);
    items.push(summaryOf(row, enterprise_name, case_number ?? null, proofs.filter((p) => Number(p.rectification_id) === row.id), now));
  }
  return page(items, f.limit, (r) => r.id);
}

export function roundView(d: { id: number; rectification_id: number; case_id: number | null; round: number; original_fine: number | null; served_at: number; reinspected_at: number; days: number; amount: number; status: string; explanation: string }): RoundView {
  return {
    id: Number(d.id), rectificationId: Number(d.rectification_id), caseId: d.case_id === null ? null : Number(d.case_id), round: Number(d.round),
    originalFine: d.original_fine === null ? null : Number(d.original_fine), servedAt: Number(d.served_at), reinspectedAt: Number(d.reinspected_at),
    days: Number(d.days), amount: Number(d.amount), status: d.status, explanation: JSON.parse(d.explanation) as RoundView['explanation'],
  };
}

export async function rectificationDetail(db: Kysely<Schema>, id: number, scope: Scope, now: number): Promise<RectificationDetail> {
  const r = await visibleRow(db, id, scope);
  const chainId = r.chain_id ?? r.id;
  const [enterprise, kase, proofs, files, measures, chain] = await Promise.all([
    db.selectFrom('enterprises').select('name').where('id', '=', r.enterprise_id).executeTakeFirstOrThrow(),
    r.case_id === null ? Promise.resolve(undefined) : db.selectFrom('cases').select('number').where('id', '=', r.case_id).executeTakeFirst(),
    db.selectFrom('rectification_proofs').select(['id', 'at', 'submitted_by', 'files', 'text', 'rectification_id']).where('rectification_id', '=', id).orderBy('id').execute(),
    db.selectFrom('rectification_files as f').innerJoin('rectification_proofs as p', 'p.id', 'f.proof_id').select(['f.id', 'f.proof_id', 'f.name', 'f.size', 'f.sha256'])
      .where('p.rectification_id', '=', id).orderBy('f.id').execute(),
    db.selectFrom('rectification_measures').select(['id', 'kind', 'at', 'note', 'created_by']).where('chain_id', '=', chainId).orderBy('at').execute(),
    db.selectFrom('rectifications').select(['id', 'round', 'status', 'ordered_at', 'reinspected_at']).where('chain_id', '=', chainId).orderBy('round').execute(),
  ]);
  const rounds = chain.length === 0 ? [] : await db.selectFrom('daily_penalty_rounds').selectAll().where('rectification_id', 'in', chain.map((c) => Number(c.id))).orderBy('round').execute();
  return {
    ...summaryOf(r, enterprise.name, kase?.number ?? null, proofs, now),
    proofs: proofs.map((p) => ({
      id: Number(p.id), at: Number(p.at), submittedBy: Number(p.submitted_by), text: p.text,
      files: files.filter((f) => Number(f.proof_id) === Number(p.id)).map((f) => ({ id: Number(f.id), name: f.name, size: Number(f.size), sha256: f.sha256 })),
    })),
    reinspection: r.reinspected_at === null ? null : await reinspectionOf(db, r.reinspected_at, r.reinspection_officers, r.findings),
    cancelReason: r.cancel_reason,
    measures: measures.map((m) => ({ id: Number(m.id), kind: m.kind, at: Number(m.at), note: m.note, createdBy: Number(m.created_by) })),
    rounds: rounds.map(roundView),
    chain: chain.map((c) => ({ id: Number(c.id), round: Number(c.round), status: c.status, orderedAt: Number(c.ordered_at), reinspectedAt: c.reinspected_at === null ? null : Number(c.reinspected_at) })),
  };
}

/** The re-inspection as recorded, with the officers' names (the record keeps their ids). */
async function reinspectionOf(db: Kysely<Schema>, at: number, stored: string | null, findings: string | null): Promise<NonNullable<RectificationDetail['reinspection']>> {
  const officers = JSON.parse(stored ?? '[]') as number[];
  const names = await userNames(db, officers.map(String));
  return { at, officers, officerNames: officers.map((o) => names.get(String(o)) ?? '—'), findings: findings ?? '' };
}

/**
 * Who may be named as the re-inspecting officers of an order (two at least [APL 42]): the active enforcement
 * officers and heads whose region covers the order's, with their certificate numbers (执法证号), as for a
 * case's investigation (case-inputs.ts). recordOutcome accepts these only.
 */
export async function rectificationStaff(db: Kysely<Schema>, id: number, scope: Scope): Promise<RectificationStaff> {
  const r = await visibleRow(db, id, scope);
  return { items: await activeStaffCovering(db, r.region_code, REINSPECTION_ROLES) };
}

/** A proof file's bytes, for download by whoever may see the order. */
export async function proofFile(db: Kysely<Schema>, id: number, fileId: number, scope: Scope): Promise<{ name: string; sha256: string; bytes: Buffer } | undefined> {
  await visibleRow(db, id, scope);
  const f = await db.selectFrom('rectification_files as f').innerJoin('rectification_proofs as p', 'p.id', 'f.proof_id').select(['f.name', 'f.sha256', 'f.bytes'])
    .where('p.rectification_id', '=', id).where('f.id', '=', fileId).executeTakeFirst();
  return f && { name: f.name, sha256: f.sha256, bytes: Buffer.from(f.bytes) };
}

/** The case page's panel: the case's orders and every daily-penalty round stored for it. */
export async function caseRectifications(db: Kysely<Schema>, caseId: number, scope: Scope, now: number): Promise<CaseRectifications> {
  const { items } = await listRectifications(db, scope, { caseId, limit: 200 }, now);
  const rounds = (await db.selectFrom('daily_penalty_rounds').selectAll().where('case_id', '=', caseId).orderBy('round').execute()).map(roundView);
  return { items, rounds, total: rounds.reduce((s, r) => s + r.amount, 0) };
}
