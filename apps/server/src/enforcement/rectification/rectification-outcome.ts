// The re-inspection's outcome (issue 5 §6–§7): corrected closes the chain; not corrected stores a daily-penalty
// round computed by the domain (original fine × days from the day after service through the re-inspection,
// EPL 59 [DPM]) with its explanation, and serves the next round's order at the re-inspection [DPM] — unless
// production was restricted, suspended or sealed by then, which stops the rounds [DPM]. One transaction.
import type { Kysely, Transaction } from 'kysely';
import { dailyPenalty, recordReinspection, type DailyPenaltyRound, type DailyPenaltyRoundResult } from '@ecoenforce/domain';
import type { RoundView } from '@ecoenforce/contract';
import { recordAudit } from '../../platform/audit.ts';
import type { Schema } from '../../platform/db/schema.ts';
import { activeStaffCovering } from '../../accounts/index.ts';
import {
  closeTask, insertOrder, moveStatus, rectificationRow, refused, toDomain, visibleRow, RectificationError,
  REINSPECTION_ROLES, type RectificationContext, type RectificationRow,
} from './rectification.ts';

export interface Outcome {
  corrected: boolean;
  /** When the re-inspection took place (it may be recorded later). */
  reinspectedAt: number;
  /** users.id of the re-inspecting officers: at least two [APL 42]. */
  officers: readonly number[];
  findings: string;
}

export interface OutcomeResult {
  rectification: RectificationRow;
  round: RoundView | null;
  /** The next round's order, served at the re-inspection; null when corrected or stopped. */
  next: RectificationRow | null;
}

/** The fine of the original penalty decision, when the case has one decided [EPL 59]. */
async function originalFine(trx: Transaction<Schema>, caseId: number | null): Promise<number | null> {
  if (caseId === null) return null;
  const c = await trx.selectFrom('cases').select(['amount', 'decided_at', 'record']).where('id', '=', caseId).executeTakeFirst();
  if (c === undefined || c.amount === null || c.decided_at === null || Number(c.amount) <= 0) return null;
  // A no-penalty decision also sets decided_at; only a penalty decision has a fine to multiply.
  if ((JSON.parse(c.record) as { outcome?: string }).outcome !== 'penalty') return null;
  return Number(c.amount);
}

export async function recordOutcome(db: Kysely<Schema>, id: number, o: Outcome, ctx: RectificationContext): Promise<OutcomeResult> {
  if (o.reinspectedAt > ctx.at) throw new RectificationError('bad_input', 'the re-inspection cannot lie in the future', 'reinspectedAt', 'in_future');
  return db.transaction().execute(async (trx) => {
    const r = await visibleRow(trx, id, ctx.scope);
    if (r.status === 'cancelled') throw new RectificationError('conflict', 'the order was cancelled');
    const proofs = await trx.selectFrom('rectification_proofs').select(['at', 'submitted_by', 'files', 'text']).where('rectification_id', '=', id).execute();
    const judged = recordReinspection(toDomain(r, proofs), o.reinspectedAt, o.officers.map(String), o.corrected, o.findings);
    if (!judged.ok) throw refused(judged.refusal, judged.refusal.code === 'precondition_failed' ? 'officers' : 'reinspectedAt');
    const officers = [...new Set(o.officers)];
    // The officers named must be the ones GET /api/rectifications/:id/staff offers: active officers (or a head) of a region covering the order's.
    const eligible = new Set((await activeStaffCovering(trx, r.region_code, REINSPECTION_ROLES)).map((u) => u.id));
    if (officers.some((u) => !eligible.has(u))) throw new RectificationError('bad_input', 'an officer named is not an active enforcement officer of the order\'s region', 'officers');
    const status = o.corrected ? 'corrected' : 'not_corrected';
    await moveStatus(trx, r, status, ctx, 'outcome', { reinspected_at: o.reinspectedAt, reinspection_officers: JSON.stringify(officers), findings: o.findings, closed_at: ctx.at }, { reinspectedAt: o.reinspectedAt, officers, findings: o.findings });
    if (r.task_id !== null) await closeTask(trx, r.task_id, 'done', o.corrected ? '复查：已整改' : '复查：未整改', ctx);
    const after = (await rectificationRow(trx, id))!;
    if (o.corrected) return { rectification: after, round: null, next: null };
    const round = await storeRound(trx, after, ctx);
    // The next order is served at this re-inspection and the next round runs from it [DPM]; not after a stop.
    const stopped = round.status === 'production_restricted' || round.status === 'after_stop' || round.status === 'recheck_late';
    const next = stopped ? null : await insertOrder(trx, {
      enterpriseId: after.enterprise_id, caseId: after.case_id, requirement: after.requirement, deadlineDays: after.deadline_days, orderedAt: o.reinspectedAt,
      previous: { id: after.id, chainId: after.chain_id ?? after.id, round: after.round },
    }, ctx);
    return { rectification: after, round, next };
  });
}

/**
 * The domain computes the whole chain's rounds (so a late recheck or a measure earlier in the chain stops this
 * one too); this round is the last. Without a decided fine there is nothing to multiply: the round is stored
 * with 0 and says so.
 */
async function storeRound(trx: Transaction<Schema>, r: RectificationRow, ctx: RectificationContext): Promise<RoundView> {
  const chainId = r.chain_id ?? r.id;
  const chain = await trx.selectFrom('rectifications').select(['id', 'ordered_at', 'reinspected_at', 'status', 'round'])
    .where('chain_id', '=', chainId).where('status', '=', 'not_corrected').where('round', '<=', r.round).orderBy('round').execute();
  const rounds: DailyPenaltyRound[] = chain.map((c) => ({ orderServedAt: Number(c.ordered_at), reinspectedAt: Number(c.reinspected_at), corrected: false }));
  const measure = await trx.selectFrom('rectification_measures').select((eb) => eb.fn.min('at').as('at')).where('chain_id', '=', chainId).executeTakeFirst();
  const restrictedAt = measure?.at == null ? null : Number(measure.at);
  const fine = await originalFine(trx, r.case_id);
  let result: DailyPenaltyRoundResult | null = null;
  let text: string;
  let source = 'EPL 59; DPM (MEP Order 28, 2014)';
  if (fine === null) {
    text = r.case_id === null
      ? 'not counted: the order has no penalty case, and a daily penalty multiplies the fine of a penalty decision [EPL 59]'
      : 'not counted: the case has no decided fine yet, and a daily penalty multiplies the fine of the penalty decision [EPL 59]';
  } else {
    const computed = dailyPenalty({ originalFine: fine, rounds, productionRestrictedAt: restrictedAt });
    if (!computed.ok) throw new RectificationError('bad_input', computed.error.message);
    result = computed.value.rounds.at(-1) ?? null;
    text = result?.explanation ?? '';
    source = computed.value.source;
  }
  const status = result?.status ?? 'no_fine';
  const row = {
    rectification_id: r.id, case_id: r.case_id, round: r.round, original_fine: fine, served_at: r.ordered_at, reinspected_at: r.reinspected_at!,
    days: result?.days ?? 0, amount: result?.amount ?? 0, status, explanation: JSON.stringify({ result, text, originalFine: fine, source, productionRestrictedAt: restrictedAt }),
    created_at: ctx.at, created_by: ctx.userId,
  };
  const inserted = await trx.insertInto('daily_penalty_rounds').values(row).returning('id').executeTakeFirstOrThrow();
  await recordAudit(trx, {
    actor: ctx.actor, action: 'create', entity: 'daily_penalty_round', entityId: Number(inserted.id), ip: ctx.ip, at: ctx.at,
    after: { rectificationId: r.id, caseId: r.case_id, round: r.round, originalFine: fine, servedAt: r.ordered_at, reinspectedAt: r.reinspected_at, days: row.days, amount: row.amount, status, explanation: text },
  });
  return {
    id: Number(inserted.id), rectificationId: r.id, caseId: r.case_id, round: r.round, originalFine: fine, servedAt: r.ordered_at, reinspectedAt: r.reinspected_at!,
    days: row.days, amount: row.amount, status, explanation: { result, text, originalFine: fine, source },
  };
}
