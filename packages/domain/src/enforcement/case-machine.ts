// The case state machine (issue 5 §5): `transition(case, action, actor, at)` checks the action against
// the table in case-rules.ts — the state it may start from, the roles that may do it, what must already
// exist — and returns the new case with the duty recorded, or a typed refusal saying why. Pure: the
// caller supplies `at` and stores the result.
import { DEFAULT_CASE_OPTIONS } from './clocks.ts';
import { daysLate, PRECONDITIONS, TRANSITIONS, type CheckContext, type Precondition, type PreconditionId } from './case-rules.ts';
import type { Actor, CaseAction, CaseActionType, CaseOptions, CaseRecord, CaseState, DutyEntry } from './case-types.ts';
import { newTransfer, type TransferRecord } from './transfer.ts';

export type RefusalCode = 'bad_input' | 'illegal_transition' | 'role_not_allowed' | 'precondition_failed';

export interface Refusal {
  code: RefusalCode;
  action: string;
  state: CaseState;
  /** One sentence for a person, in English (the console translates by code and precondition id). */
  reason: string;
  /** For precondition_failed: every unmet precondition with its text and source. */
  failed?: ReadonlyArray<{ id: PreconditionId; text: string; source: string }>;
}

export type TransitionResult = { ok: true; case: CaseRecord; entry: DutyEntry } | { ok: false; refusal: Refusal };

const refusalFor = (c: CaseRecord, action: string, code: RefusalCode, reason: string, failed?: Refusal['failed']): Refusal =>
  failed ? { code, action, state: c.state, reason, failed } : { code, action, state: c.state, reason };
const refuse = (c: CaseRecord, action: string, code: RefusalCode, reason: string): TransitionResult => ({ ok: false, refusal: refusalFor(c, action, code, reason) });

const nonEmpty = (s: unknown): boolean => typeof s === 'string' && s.trim() !== '';
const strings = (a: unknown): boolean => Array.isArray(a) && a.every(nonEmpty);
const waivableShape = (w: unknown): boolean => {
  const x = w as { gate?: unknown; article?: unknown; reason?: unknown } | null;
  return typeof x === 'object' && x !== null && nonEmpty(x.gate) && nonEmpty(x.article) && typeof x.reason === 'string';
};

/** Shape checks of the action's input: malformed input is a typed refusal, never a crash. */
function inputProblem(a: CaseAction): string | null {
  switch (a.type) {
    case 'start_investigation': return strings(a.officers) ? null : 'officers must be a list of user ids';
    case 'record_discretion':
      if (a.waivable !== undefined && !waivableShape(a.waivable)) return 'waivable needs the gate, its article and its reason';
      return Number.isFinite(a.amount) && nonEmpty(a.ref) ? null : 'amount must be a number and ref the discretion result id';
    case 'record_exemption':
      if (a.waivable !== undefined && typeof a.waivable !== 'boolean') return 'waivable must be true or false';
      if (a.gateReason !== undefined && typeof a.gateReason !== 'string') return 'gateReason must be text';
      return nonEmpty(a.gate) && nonEmpty(a.article) ? null : 'gate and article are required';
    case 'flag_criminal': return strings(a.flags) ? null : 'flags must be a list of flag ids';
    case 'record_statement': return typeof a.summary === 'string' ? null : 'summary must be text';
    case 'complete_collective_discussion': return strings(a.participants) ? null : 'participants must be a list of user ids';
    case 'record_payment': return Number.isFinite(a.amount) ? null : 'amount must be a number';
    case 'record_transfer_receipt':
      return ['police_receipt', 'filing_notice', 'non_filing_notice', 'reconsideration_decision'].includes(a.kind) &&
        (a.track === undefined || ['ordinary', 'verify', 'complex'].includes(a.track)) ? null : 'unknown receipt kind or police track';
    case 'extend_filing': case 'return_for_investigation': case 'extend_decision': case 'terminate': case 'decline_transfer': case 'decide_waiver':
      return typeof a.reason === 'string' ? null : 'reason must be text';
    case 'propose_transfer': return a.reason === undefined || typeof a.reason === 'string' ? null : 'reason must be text';
    case 'complete_legal_review': return a.opinion === undefined || typeof a.opinion === 'string' ? null : 'opinion must be text';
    case 'file': case 'order_correction': case 'issue_advance_notice': case 'waive_hearing': case 'request_hearing':
    case 'submit_for_review': case 'complete_hearing': case 'refer_collective_discussion':
    case 'decide': case 'decide_no_penalty': case 'serve': case 'execute': case 'close': case 'approve_transfer':
    case 'send_transfer': case 'police_accept': case 'police_decline': case 'request_reconsideration': case 'police_accept_on_reconsideration':
    case 'hand_over_items':
      return null;
  }
}

/** The record after the action's own effects (state, duty and document are added by `transition`). */
function effects(c: CaseRecord, a: CaseAction, actor: Actor, at: number): CaseRecord {
  const t = c.transfer;
  const withTransfer = (patch: Partial<TransferRecord>): CaseRecord => (t ? { ...c, transfer: { ...t, ...patch } } : c);
  switch (a.type) {
    case 'file': return { ...c, filedAt: at };
    case 'extend_filing': return { ...c, filingExtension: { at, by: actor.id, reason: a.reason } };
    case 'start_investigation': return { ...c, investigators: [...new Set(a.officers)] };
    case 'order_correction': return { ...c, correctionOrderedAt: at };
    // Each gate assessment replaces the last one's: the waiver and the exemption rest on the facts last
    // assessed. A fine assessed later clears an earlier no-penalty ground; an exemption recorded later
    // stops the penalty (no_exemption in case-rules.ts).
    case 'record_discretion': return { ...c, discretion: { amount: a.amount, ref: a.ref }, waivable: a.waivable ?? null, exemption: null };
    case 'record_exemption':
      return a.waivable === true
        ? { ...c, waivable: { gate: a.gate, article: a.article, reason: a.gateReason ?? '' }, exemption: null }
        : { ...c, exemption: { gate: a.gate, article: a.article }, waivable: null };
    case 'flag_criminal': return { ...c, criminalFlags: [...new Set([...c.criminalFlags, ...a.flags])] };
    case 'issue_advance_notice': return { ...c, advanceNoticeAt: at };
    case 'record_statement': return { ...c, statements: [...c.statements, { at, summary: a.summary }] };
    case 'waive_hearing': return { ...c, hearingWaived: true };
    case 'request_hearing': return { ...c, hearingRequestedAt: at };
    case 'submit_for_review': return c;
    case 'complete_hearing': return { ...c, hearingHeldAt: at };
    case 'complete_legal_review': {
      const opinion = a.opinion?.trim();
      return { ...c, legalReview: opinion ? { by: actor.id, at, opinion } : { by: actor.id, at } };
    }
    // New facts need a new notice and a new review: the party's rights run again on what is decided.
    case 'return_for_investigation':
      return { ...c, legalReview: null, advanceNoticeAt: null, hearingWaived: false, hearingRequestedAt: null, hearingHeldAt: null };
    case 'refer_collective_discussion': return c;
    case 'complete_collective_discussion': return { ...c, collectiveDiscussion: { at, participants: [...new Set(a.participants)] } };
    case 'extend_decision': return { ...c, decisionExtensions: [...c.decisionExtensions, { at, by: actor.id, reason: a.reason }] };
    case 'decide': return { ...c, decidedAt: at, outcome: 'penalty' };
    case 'decide_no_penalty': return { ...c, decidedAt: at, outcome: 'no_penalty' };
    case 'decide_waiver': {
      // The precondition waiver_available has checked c.waivable; the decision keeps the gate it rests on.
      const w = c.waivable!;
      return { ...c, decidedAt: at, outcome: 'waived', waiver: { gate: w.gate, article: w.article, gateReason: w.reason, reason: a.reason.trim(), by: actor.id, at } };
    }
    case 'serve': return { ...c, servedAt: at };
    case 'record_payment': return { ...c, paidAt: at, paidAmount: a.amount };
    case 'execute': return { ...c, executedAt: at };
    case 'close': return { ...c, closedAt: at, outcome: c.state === 'transferred' ? 'transferred' : c.outcome };
    case 'terminate': return { ...c, closedAt: at, outcome: 'terminated' };
    case 'propose_transfer': return { ...c, transfer: newTransfer(at, actor.id, c.criminalFlags, a.reason?.trim() || null, c.state) };
    case 'approve_transfer': return withTransfer({ approvedAt: at, approvedBy: actor.id });
    case 'decline_transfer': return withTransfer({ declinedAt: at, declineReason: a.reason });
    case 'send_transfer': return withTransfer({ sentAt: at });
    case 'record_transfer_receipt': {
      if (!t) return c;
      const receipt = a.reference === undefined ? { kind: a.kind, at, by: actor.id } : { kind: a.kind, at, by: actor.id, reference: a.reference };
      return withTransfer({ receipts: [...t.receipts, receipt], track: a.track ?? t.track });
    }
    case 'police_accept':
      return withTransfer({ policeDecision: 'accepted', policeDecisionAt: at, receipts: [...(t?.receipts ?? []), { kind: 'filing_notice', at, by: actor.id }] });
    case 'police_decline':
      return withTransfer({ policeDecision: 'declined', policeDecisionAt: at, receipts: [...(t?.receipts ?? []), { kind: 'non_filing_notice', at, by: actor.id }] });
    case 'request_reconsideration': return withTransfer({ reconsiderationRequestedAt: at });
    // The police's answer and their filing notice; the items are handed over from this acceptance [LNK].
    case 'police_accept_on_reconsideration':
      return withTransfer({
        policeDecision: 'accepted', policeDecisionAt: at,
        receipts: [...(t?.receipts ?? []), { kind: 'reconsideration_decision', at, by: actor.id }, { kind: 'filing_notice', at, by: actor.id }],
      });
    case 'hand_over_items': return withTransfer({ itemsHandedAt: at });
  }
}

/**
 * The state, the role and the preconditions of one action on the record, in that order; null when all hold.
 * `recordOnly` leaves out the preconditions on the action's own input (marked `input` in case-rules.ts).
 */
function refusalOf(c: CaseRecord, type: CaseActionType, ctx: CheckContext, recordOnly: boolean): Refusal | null {
  const rule = TRANSITIONS[type];
  const no = (code: RefusalCode, reason: string, failed?: Refusal['failed']): Refusal => refusalFor(c, type, code, reason, failed);
  if (!rule.from.includes(c.state)) return no('illegal_transition', `${type} is not allowed in state ${c.state}`);
  if (!rule.roles.some((r) => ctx.actor.roles.includes(r))) return no('role_not_allowed', `${type} needs one of the roles ${rule.roles.join(', ')}`);
  const failed = rule.preconditions
    .filter((id) => !(recordOnly && (PRECONDITIONS[id] as Precondition).input) && !PRECONDITIONS[id].check(c, ctx))
    .map((id) => ({ id, text: PRECONDITIONS[id].text, source: PRECONDITIONS[id].source }));
  return failed.length > 0 ? no('precondition_failed', `${type} needs: ${failed.map((f) => `${f.text} [${f.source}]`).join('; ')}`, failed) : null;
}

/** Whether an action may be taken now, and if not the refusal `transition` would give on the record. */
export type ActionCheck = { action: CaseActionType; ok: true } | { action: CaseActionType; ok: false; refusal: Refusal };

/**
 * Evaluates `type` for `actor` at `at` without applying it: the state, the role and every precondition on the
 * record. Preconditions on the input (a reason, the officers named, an amount) are left out: the form asks for
 * them and `transition` still checks them. Pure, like `transition`.
 */
export function checkAction(c: CaseRecord, type: CaseActionType, actor: Actor, at: number, options: CaseOptions = DEFAULT_CASE_OPTIONS): ActionCheck {
  // The preconditions that read the action are skipped, so an action without its input is enough here.
  const refusal = refusalOf(c, type, { at, actor, action: { type } as CaseAction, options }, true);
  return refusal === null ? { action: type, ok: true } : { action: type, ok: false, refusal };
}

/** Every action the state and the actor's roles allow, each checked at `at`: what may be taken now and why not. */
export function actionChecks(c: CaseRecord, actor: Actor, at: number, options: CaseOptions = DEFAULT_CASE_OPTIONS): ActionCheck[] {
  return availableActions(c, actor).map((a) => checkAction(c, a, actor, at, options));
}

/** Applies an action at instant `at` by `actor`; every transition not in the table is refused. */
export function transition(c: CaseRecord, action: CaseAction, actor: Actor, at: number, options: CaseOptions = DEFAULT_CASE_OPTIONS): TransitionResult {
  const type = (action as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !Object.hasOwn(TRANSITIONS, type)) return refuse(c, String(type), 'bad_input', `unknown action ${String(type)}`);
  const rule = TRANSITIONS[type as CaseActionType];
  if (!Number.isFinite(at)) return refuse(c, type, 'bad_input', 'the time of the act is not a valid instant');
  if (!actor || !nonEmpty(actor.id) || !Array.isArray(actor.roles)) return refuse(c, type, 'bad_input', 'the actor needs an id and roles');
  if (!Number.isInteger(options.hearingRequestDays) || options.hearingRequestDays < 0) return refuse(c, type, 'bad_input', 'hearingRequestDays must be a whole number of days');
  const problem = inputProblem(action);
  if (problem !== null) return refuse(c, type, 'bad_input', problem);

  const refusal = refusalOf(c, type as CaseActionType, { at, actor, action, options }, false);
  if (refusal !== null) return { ok: false, refusal };

  const to = rule.to === 'same' ? c.state : typeof rule.to === 'function' ? rule.to(c) : rule.to;
  const late = rule.deadline ? daysLate(rule.deadline(c, options, at), at) : 0;
  const entry: DutyEntry = {
    action: type as CaseActionType, by: actor.id, roles: [...(actor.roles as readonly string[])], at, from: c.state, to, document: rule.document,
    ...(late > 0 ? { lateDays: late } : {}),
    ...('reason' in action && action.reason ? { note: action.reason } : {}),
    ...(action.type === 'complete_legal_review' && action.opinion?.trim() ? { note: action.opinion.trim() } : {}),
  };
  const next = effects(c, action, actor, at);
  return {
    ok: true,
    entry,
    case: {
      ...next,
      state: to,
      documents: rule.document ? [...next.documents, { kind: rule.document, at, by: actor.id }] : next.documents,
      duties: [...next.duties, entry],
    },
  };
}

/** The actions the actor could attempt now (state and role allowed; preconditions may still refuse). */
export function availableActions(c: CaseRecord, actor: Actor): CaseActionType[] {
  return (Object.keys(TRANSITIONS) as CaseActionType[]).filter((a) => TRANSITIONS[a].from.includes(c.state) && TRANSITIONS[a].roles.some((r) => actor.roles.includes(r)));
}

/** Who performed each duty and when, oldest first: the record due-diligence exemption rests on. */
export function dutyRecord(c: CaseRecord): ReadonlyArray<Pick<DutyEntry, 'action' | 'by' | 'at' | 'document' | 'note'> & { duty: string; lateDays: number }> {
  return c.duties.map((d) => ({
    action: d.action, duty: TRANSITIONS[d.action].duty, by: d.by, at: d.at, document: d.document, lateDays: d.lateDays ?? 0, ...(d.note ? { note: d.note } : {}),
  }));
}
