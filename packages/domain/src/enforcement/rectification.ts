// Rectification (整改, issue 5 §7): an order to correct with its deadline, the enterprise's proof, the
// re-inspection and its outcome, and the clocks that escalate an overdue step. Pure state and clocks;
// an uncorrected outcome becomes a daily-penalty round (daily-penalty.ts).
import { calendarDeadline, evaluateClock, DEFAULT_CLOCK_POLICY, type Clock, type ClockPolicy } from './calendar.ts';
import type { DailyPenaltyRound } from './daily-penalty.ts';
import { RECHECK_WITHIN_DAYS } from './daily-penalty.ts';

export type RectificationState = 'ordered' | 'proof_submitted' | 'corrected' | 'not_corrected';

export interface RectificationProof {
  at: number;
  /** The enterprise user who uploaded it. */
  by: string;
  /** Hashes of the uploaded files (evidence is hashed at capture). */
  files: readonly string[];
  note: string;
}

export interface Rectification {
  id: string;
  caseId: string | null;
  /** The order before this one, when this order followed an uncorrected re-inspection. */
  previousId: string | null;
  /** When the order was served on the enterprise. */
  orderServedAt: number;
  /** Days the order gives the enterprise to correct (set by the order, calendar days). */
  deadlineDays: number;
  /**
   * Re-inspect within this many days of service. An order after a fine under EPL 59 must be re-checked
   * within 30 days [DPM]; the default keeps that for every order so a daily penalty stays possible.
   */
  reinspectWithinDays: number;
  state: RectificationState;
  proofs: readonly RectificationProof[];
  reinspection: { at: number; officers: readonly string[]; corrected: boolean; findings: string } | null;
}

export type RectificationRefusal = { code: 'bad_input' | 'illegal_transition' | 'precondition_failed'; reason: string };
export type RectificationResult = { ok: true; value: Rectification } | { ok: false; refusal: RectificationRefusal };

const refuse = (code: RectificationRefusal['code'], reason: string): RectificationResult => ({ ok: false, refusal: { code, reason } });

export function orderRectification(
  id: string,
  orderServedAt: number,
  deadlineDays: number,
  opts: { caseId?: string | null; previousId?: string | null; reinspectWithinDays?: number } = {},
): RectificationResult {
  if (!Number.isFinite(orderServedAt)) return refuse('bad_input', 'the service time is not a valid instant');
  if (!Number.isInteger(deadlineDays) || deadlineDays < 1) return refuse('bad_input', 'the deadline must be a whole number of days, at least 1');
  const within = opts.reinspectWithinDays ?? RECHECK_WITHIN_DAYS;
  if (!Number.isInteger(within) || within < 1) return refuse('bad_input', 'the re-inspection window must be a whole number of days');
  return {
    ok: true,
    value: { id, caseId: opts.caseId ?? null, previousId: opts.previousId ?? null, orderServedAt, deadlineDays, reinspectWithinDays: within, state: 'ordered', proofs: [], reinspection: null },
  };
}

/** The enterprise uploads proof; allowed until the re-inspection has found an outcome. */
export function submitProof(r: Rectification, proof: RectificationProof): RectificationResult {
  if (r.state !== 'ordered' && r.state !== 'proof_submitted') return refuse('illegal_transition', `proof cannot be submitted once the rectification is ${r.state}`);
  if (!Number.isFinite(proof.at) || proof.at < r.orderServedAt) return refuse('bad_input', 'proof time must be a valid instant after the order');
  if (proof.by.trim() === '') return refuse('bad_input', 'the uploader is required');
  if (proof.files.length === 0 && proof.note.trim() === '') return refuse('precondition_failed', 'proof needs at least one file or a written explanation');
  return { ok: true, value: { ...r, state: 'proof_submitted', proofs: [...r.proofs, proof] } };
}

/**
 * Records the re-inspection. It may come without any proof (a covert re-check [DPM]); it needs two
 * officers, as every inspection does [APL 42].
 */
export function recordReinspection(r: Rectification, at: number, officers: readonly string[], corrected: boolean, findings: string): RectificationResult {
  if (r.state !== 'ordered' && r.state !== 'proof_submitted') return refuse('illegal_transition', `already re-inspected (${r.state})`);
  if (!Number.isFinite(at) || at < r.orderServedAt) return refuse('bad_input', 're-inspection time must be a valid instant after the order');
  if (new Set(officers.filter((o) => o.trim() !== '')).size < 2) return refuse('precondition_failed', 'a re-inspection needs at least two officers [APL 42]');
  return { ok: true, value: { ...r, state: corrected ? 'corrected' : 'not_corrected', reinspection: { at, officers: [...new Set(officers)], corrected, findings } } };
}

export function rectificationDeadline(r: Rectification) {
  return calendarDeadline(r.orderServedAt, r.deadlineDays);
}

export function reinspectionDeadline(r: Rectification) {
  return calendarDeadline(r.orderServedAt, r.reinspectWithinDays);
}

/**
 * Clocks at `now`: the enterprise's deadline (met by the first proof, or by a re-inspection that finds
 * it corrected) and the bureau's re-inspection window. Overdue clocks escalate by the shared policy.
 */
export function rectificationClocks(r: Rectification, now: number, policy: ClockPolicy = DEFAULT_CLOCK_POLICY): Clock[] {
  const firstProof = r.proofs.length > 0 ? Math.min(...r.proofs.map((p) => p.at)) : null;
  const correctedAt = r.reinspection?.corrected ? r.reinspection.at : null;
  // Found uncorrected, the enterprise's step is over (it failed); the clock shows it done late if so.
  const enterpriseDone = firstProof ?? correctedAt ?? (r.reinspection ? r.reinspection.at : null);
  return [
    evaluateClock('rectification', `correct within ${r.deadlineDays} days of the order`, r.orderServedAt, rectificationDeadline(r), enterpriseDone, now, policy, { days: r.deadlineDays }),
    evaluateClock('reinspection', `re-inspect within ${r.reinspectWithinDays} days of service [DPM]`, r.orderServedAt, reinspectionDeadline(r), r.reinspection?.at ?? null, now, policy, { days: r.reinspectWithinDays }),
  ];
}

/** An uncorrected re-inspection is a daily-penalty round; null before re-inspection. */
export function toDailyPenaltyRound(r: Rectification): DailyPenaltyRound | null {
  if (!r.reinspection) return null;
  return { orderServedAt: r.orderServedAt, reinspectedAt: r.reinspection.at, corrected: r.reinspection.corrected };
}
