// The case procedure as data: for each action, the states it may start from, where it leads, who may do
// it, what must already exist, the document it produces and the deadline it is measured against. The
// engine (case-machine.ts) only reads this table; a reviewer checks the procedure here.
import { beijingDayNumber, calendarDeadline, hoursDeadline, workingDayDeadline, type Deadline } from './calendar.ts';
import { decisionDeadline, filingDeadline, hearingRequestWindow, paymentDeadline, serviceDeadline, MAX_DECISION_EXTENSIONS, PAYMENT_DAYS } from './clocks.ts';
import type { CaseAction, CaseActionType, CaseOptions, CaseRecord, CaseState, DocumentKind, StaffRole } from './case-types.ts';
import { HEAD_DECISION_DAYS, ITEMS_HANDOVER_DAYS, RECONSIDERATION_WORKING_DAYS, SEND_WITHIN_HOURS, transferSettled, type TransferRecord } from './transfer.ts';

/** States in which the administrative case is open and not handed to the transfer branch. */
export const OPEN_STATES: readonly CaseState[] = [
  'discovered', 'filed', 'investigating', 'advance_notice', 'hearing', 'legal_review', 'collective_discussion',
  'decided', 'served', 'paid', 'executed', 'no_penalty',
];
/** Before any decision: where the decision clock runs and a case may still be extended or terminated. */
const BEFORE_DECISION: readonly CaseState[] = ['filed', 'investigating', 'advance_notice', 'hearing', 'legal_review', 'collective_discussion'];
/** After a penalty decision: a transfer does not stop its execution [TRF 11]. */
export const AFTER_DECISION: readonly CaseState[] = ['decided', 'served', 'paid', 'executed'];

export interface CheckContext {
  at: number;
  actor: { id: string; roles: readonly string[] };
  action: CaseAction;
  options: CaseOptions;
}

export interface Precondition {
  /** What must be true, for the refusal message. */
  text: string;
  source: string;
  check: (c: CaseRecord, ctx: CheckContext) => boolean;
  /** Checked on what the action sends (a reason, names, an amount): `checkAction` leaves it to the form and to `transition`. */
  input?: true;
}

/**
 * A reconsideration asked of a police refusal that the police have not yet answered, either way: by opening
 * the case on reconsideration or by a reconsideration decision upholding the refusal (LNK art. 11; a statute
 * outside rules.md, cited from the text). Until then the refusal is not final.
 */
export const awaitingReconsideration = (t: TransferRecord | null): boolean =>
  t !== null && t.policeDecision === 'declined' && t.reconsiderationRequestedAt !== null &&
  !t.receipts.some((r) => r.kind === 'reconsideration_decision' && r.at >= t.reconsiderationRequestedAt!);

/**
 * A criminal flag still waits for a transfer [TRF 11] when no transfer is settled, when the police refusal is
 * under reconsideration, or when the flag came after the settled transfer: a head's refusal or a police
 * decision settles only the flags it was about.
 */
export const pendingTransfer = (c: CaseRecord): boolean => {
  const t = c.transfer;
  if (c.criminalFlags.length === 0) return false;
  if (t === null || !transferSettled(t) || awaitingReconsideration(t)) return true;
  return c.criminalFlags.some((f) => !t.flags.includes(f));
};
const before = (d: Deadline | null, at: number): boolean => d !== null && at < d.expiresAt;
const reasonOf = (a: CaseAction): string | undefined => ('reason' in a ? a.reason : undefined);

export const PRECONDITIONS = {
  reason_given: { text: 'a written reason', source: 'duty record', input: true, check: (_c, { action }) => (reasonOf(action)?.trim() ?? '') !== '' },
  filing_not_extended: { text: 'the filing period has not been extended before (once only)', source: 'W12', check: (c) => c.filingExtension === null },
  before_filing_deadline: { text: 'the filing period has not yet expired', source: 'W12', check: (c, { at }) => before(filingDeadline(c), at) },
  two_investigators_named: {
    text: 'at least two distinct enforcement officers named', source: 'APL 42', input: true,
    check: (_c, { action }) => action.type === 'start_investigation' && new Set(action.officers).size >= 2,
  },
  two_investigators: { text: 'at least two officers on the investigation record', source: 'APL 42', check: (c) => new Set(c.investigators).size >= 2 },
  discretion_result: { text: 'a discretion result (amount and its explanation)', source: 'GD art. 6; APL 34', check: (c) => c.discretion !== null },
  amount_positive: {
    text: 'a positive amount', source: 'input', input: true,
    check: (_c, { action }) => 'amount' in action && action.amount > 0,
  },
  flags_given: { text: 'at least one criminal flag', source: 'JI23', input: true, check: (_c, { action }) => action.type === 'flag_criminal' && action.flags.length > 0 },
  summary_given: { text: "the party's statement in writing", source: 'APL 45', input: true, check: (_c, { action }) => action.type === 'record_statement' && action.summary.trim() !== '' },
  hearing_not_requested: { text: 'no hearing has been requested', source: 'APL 64', check: (c) => c.hearingRequestedAt === null },
  // A waiver is recorded once: a second one would add a duty entry that records nothing new.
  hearing_not_waived: { text: 'the party has not already waived a hearing', source: 'APL 64', check: (c) => !c.hearingWaived },
  hearing_window_open: {
    text: 'the hearing request is within the window after the advance notice', source: 'APL 64(1), 85',
    check: (c, { at, options }) => !c.hearingWaived && before(hearingRequestWindow(c, options), at),
  },
  hearing_window_closed_or_waived: {
    text: 'the party waived a hearing or the window to ask for one has passed', source: 'APL 62, 64(1)',
    check: (c, { at, options }) => c.hearingRequestedAt === null && (c.hearingWaived || !before(hearingRequestWindow(c, options), at)),
  },
  host_not_investigator: { text: 'the hearing host is not one of the investigators', source: 'APL 64(4)', check: (c, { actor }) => !c.investigators.includes(actor.id) },
  reviewer_not_investigator: {
    text: 'the legal reviewer is not one of the investigators', source: 'APL 58 (separation of review from investigation)',
    check: (c, { actor }) => !c.investigators.includes(actor.id),
  },
  legal_review_not_done: { text: 'legal review not yet recorded', source: 'APL 58', check: (c) => c.legalReview === null },
  legal_review_done: { text: 'legal review recorded', source: 'APL 58', check: (c) => c.legalReview !== null },
  major_case: { text: 'a major case', source: 'APL 57', check: (c) => c.major },
  collective_discussion_if_major: {
    text: 'a major case has its collective discussion recorded', source: 'APL 57', check: (c) => !c.major || c.collectiveDiscussion !== null,
  },
  participants_given: {
    text: 'at least two participants in the collective discussion', source: 'APL 57', input: true,
    check: (_c, { action }) => action.type === 'complete_collective_discussion' && new Set(action.participants).size >= 2,
  },
  rights_respected: {
    text: 'advance notice given, the statement/hearing period over and any requested hearing held', source: 'APL 44, 45, 62',
    check: (c, { at, options }) =>
      c.advanceNoticeAt !== null &&
      (c.hearingRequestedAt !== null ? c.hearingHeldAt !== null : c.hearingWaived || !before(hearingRequestWindow(c, options), at)),
  },
  correction_ordered: { text: 'an order to correct issued', source: 'APL 28', check: (c) => c.correctionOrderedAt !== null },
  decision_extension_available: {
    text: 'fewer than two extensions used and the current period not yet expired', source: 'W12',
    check: (c, { at }) => c.decisionExtensions.length < MAX_DECISION_EXTENSIONS && before(decisionDeadline(c, at), at),
  },
  no_pending_transfer: {
    text: 'no criminal flag without a settled transfer (a fine never replaces a transfer)', source: 'TRF 11; APL 27',
    check: (c) => !pendingTransfer(c),
  },
  exemption_recorded: { text: 'a no-penalty gate applies (exemption recorded)', source: 'APL 33; GD-A2', check: (c) => c.exemption !== null },
  // No penalty over a no-penalty ground (不予行政处罚); the latest assessment wins, so a later fine clears it (case-machine.ts).
  no_exemption: { text: 'no no-penalty ground on record (不予行政处罚)', source: 'APL 33 ¶1; GD-A2', check: (c) => c.exemption === null },
  waiver_available: {
    text: 'the gates said the penalty may be waived (first violation, minor or no harm, corrected in time)', source: 'APL 33 ¶1',
    check: (c) => c.waivable != null,
  },
  paid_in_full: {
    text: 'the amount paid covers the fine decided', source: 'APL 67', input: true,
    check: (c, { action }) => action.type === 'record_payment' && c.discretion !== null && action.amount >= c.discretion.amount,
  },
  payment_overdue: {
    text: `the ${PAYMENT_DAYS}-day payment period has passed unpaid`, source: 'APL 67, 72',
    check: (c, { at, options }) => c.servedAt !== null && c.paidAt === null && !before(paymentDeadline(c, options), at),
  },
  closable: {
    text: 'a no-penalty decision served, or a transfer the police accepted', source: 'APL 61; TRF 9',
    check: (c) => (c.state === 'no_penalty' ? c.servedAt !== null : c.state === 'transferred' ? c.transfer?.policeDecision === 'accepted' : true),
  },
  transfer_grounds: {
    text: 'a criminal flag or a written reason', source: 'JI23; EPL 63; TRF 3', input: true,
    check: (c, { action }) => c.criminalFlags.length > 0 || (reasonOf(action)?.trim() ?? '') !== '',
  },
  transfer_sent: { text: 'the transfer has been sent', source: 'TRF 5', check: (c) => c.transfer?.sentAt != null },
  police_not_decided: { text: 'the police have not yet decided', source: 'TRF 8', check: (c) => c.transfer !== null && c.transfer.policeDecision === null },
  police_accepted: { text: 'the police opened a criminal case', source: 'LNK', check: (c) => c.transfer?.policeDecision === 'accepted' },
  items_not_handed: { text: 'items not yet handed over', source: 'LNK', check: (c) => c.transfer !== null && c.transfer.itemsHandedAt === null },
  police_declined: { text: 'the police declined to open a case', source: 'LNK', check: (c) => c.transfer?.policeDecision === 'declined' },
  reconsideration_pending: {
    text: 'a reconsideration of the police refusal requested and not yet answered', source: 'LNK art. 11 (statute, outside rules.md)',
    check: (c) => awaitingReconsideration(c.transfer),
  },
  within_reconsideration_window: {
    text: `reconsideration requested within ${RECONSIDERATION_WORKING_DAYS} working days of the refusal, once`, source: 'LNK',
    check: (c, { at, options }) =>
      c.transfer?.policeDecisionAt != null && c.transfer.reconsiderationRequestedAt === null &&
      at < workingDayDeadline(c.transfer.policeDecisionAt, RECONSIDERATION_WORKING_DAYS, options.calendar).expiresAt,
  },
} satisfies Record<string, Precondition>;
export type PreconditionId = keyof typeof PRECONDITIONS;

/** Where an action leads: a state, the same state, or a state read from the record. */
export type Target = CaseState | 'same' | ((c: CaseRecord) => CaseState);

export interface TransitionRule {
  from: readonly CaseState[];
  to: Target;
  roles: readonly StaffRole[];
  preconditions: readonly PreconditionId[];
  document: DocumentKind | null;
  /** The duty in the bureau's words, for the duty record. */
  duty: string;
  /** The deadline the act is measured against at `at`; a late act is let through and its lateness recorded. */
  deadline?: (c: CaseRecord, options: CaseOptions, at: number) => Deadline | null;
}

const resume = (c: CaseRecord): CaseState => c.transfer?.resumeState ?? 'investigating';
/** The decision period at the act, a pending transfer's time not counted (LNK 16, see clocks.ts). */
const decisionDue = (c: CaseRecord, _options: CaseOptions, at: number): Deadline | null => decisionDeadline(c, at);
const OFFICER_UP: readonly StaffRole[] = ['officer', 'dispatcher', 'head'];
const ANY_STAFF: readonly StaffRole[] = ['officer', 'dispatcher', 'legalReviewer', 'head'];

export const TRANSITIONS: Readonly<Record<CaseActionType, TransitionRule>> = {
  file: { from: ['discovered'], to: 'filed', roles: ['head'], preconditions: [], document: 'case_filing_form', duty: '立案审批', deadline: (c) => filingDeadline(c) },
  extend_filing: { from: ['discovered'], to: 'same', roles: ['head'], preconditions: ['reason_given', 'filing_not_extended', 'before_filing_deadline'], document: 'extension_approval', duty: '延长立案期限' },
  start_investigation: { from: ['filed'], to: 'investigating', roles: OFFICER_UP, preconditions: ['two_investigators_named'], document: null, duty: '指派调查人员' },
  order_correction: { from: ['investigating'], to: 'same', roles: ['officer', 'head'], preconditions: ['two_investigators'], document: 'order_to_correct', duty: '责令改正' },
  record_discretion: { from: ['investigating'], to: 'same', roles: ['officer', 'legalReviewer'], preconditions: ['amount_positive'], document: null, duty: '自由裁量' },
  record_exemption: { from: ['investigating'], to: 'same', roles: ['officer', 'legalReviewer'], preconditions: [], document: null, duty: '不予处罚情形认定' },
  flag_criminal: { from: OPEN_STATES, to: 'same', roles: ['officer', 'legalReviewer', 'head'], preconditions: ['flags_given'], document: null, duty: '涉嫌犯罪标记' },
  issue_advance_notice: {
    from: ['investigating'], to: 'advance_notice', roles: ['officer', 'head'], preconditions: ['two_investigators', 'discretion_result'],
    document: 'advance_notice', duty: '事先告知',
  },
  record_statement: { from: ['advance_notice', 'hearing'], to: 'same', roles: ['officer'], preconditions: ['summary_given'], document: 'statement_record', duty: '听取陈述申辩' },
  waive_hearing: { from: ['advance_notice'], to: 'same', roles: ['officer'], preconditions: ['hearing_not_requested', 'hearing_not_waived'], document: null, duty: '记录放弃听证' },
  request_hearing: { from: ['advance_notice'], to: 'hearing', roles: ['officer', 'legalReviewer'], preconditions: ['hearing_window_open'], document: 'hearing_notice', duty: '受理听证申请' },
  submit_for_review: { from: ['advance_notice'], to: 'legal_review', roles: ['officer'], preconditions: ['hearing_window_closed_or_waived'], document: null, duty: '提交法制审核' },
  complete_hearing: { from: ['hearing'], to: 'legal_review', roles: ['legalReviewer', 'head'], preconditions: ['host_not_investigator'], document: 'hearing_record', duty: '主持听证' },
  complete_legal_review: {
    from: ['legal_review'], to: 'same', roles: ['legalReviewer'], preconditions: ['reviewer_not_investigator', 'legal_review_not_done'],
    document: 'legal_review_opinion', duty: '法制审核',
  },
  return_for_investigation: { from: ['legal_review'], to: 'investigating', roles: ['legalReviewer', 'head'], preconditions: ['reason_given'], document: 'legal_review_opinion', duty: '退回补充调查' },
  refer_collective_discussion: { from: ['legal_review'], to: 'collective_discussion', roles: ['legalReviewer', 'head'], preconditions: ['major_case', 'legal_review_done'], document: null, duty: '提请集体讨论' },
  complete_collective_discussion: { from: ['collective_discussion'], to: 'same', roles: ['head'], preconditions: ['participants_given'], document: 'collective_discussion_record', duty: '集体讨论' },
  extend_decision: { from: BEFORE_DECISION, to: 'same', roles: ['head'], preconditions: ['reason_given', 'decision_extension_available'], document: 'extension_approval', duty: '延长办案期限' },
  // A decision after the decision period is let through with its lateness on the duty record [W12; APL 60]:
  // refusing it would leave only termination, which ends the case without the decision the law requires.
  decide: {
    from: ['legal_review', 'collective_discussion'], to: 'decided', roles: ['head'],
    preconditions: ['legal_review_done', 'collective_discussion_if_major', 'discretion_result', 'no_exemption', 'rights_respected', 'correction_ordered', 'no_pending_transfer'],
    document: 'penalty_decision', duty: '作出处罚决定', deadline: decisionDue,
  },
  decide_no_penalty: {
    from: ['investigating', 'legal_review', 'collective_discussion'], to: 'no_penalty', roles: ['head'],
    preconditions: ['exemption_recorded', 'two_investigators', 'collective_discussion_if_major', 'no_pending_transfer'],
    document: 'no_penalty_decision', duty: '作出不予处罚决定', deadline: decisionDue,
  },
  // APL 33 ¶1 "may": the decision maker chooses; a penalty (decide) stays open on the same facts.
  decide_waiver: {
    from: ['investigating', 'legal_review', 'collective_discussion'], to: 'no_penalty', roles: ['head'],
    preconditions: ['reason_given', 'waiver_available', 'two_investigators', 'collective_discussion_if_major', 'no_pending_transfer'],
    document: 'no_penalty_decision', duty: '作出不予处罚决定（首违可不罚）', deadline: decisionDue,
  },
  serve: {
    from: ['decided', 'no_penalty'], to: (c) => (c.state === 'decided' ? 'served' : c.state), roles: ['officer'], preconditions: [],
    document: 'service_receipt', duty: '送达', deadline: (c, options) => serviceDeadline(c, options),
  },
  record_payment: { from: ['served'], to: 'paid', roles: ['officer', 'head'], preconditions: ['amount_positive', 'paid_in_full'], document: 'payment_receipt', duty: '确认缴款' },
  execute: { from: ['served'], to: 'executed', roles: ['head'], preconditions: ['payment_overdue'], document: 'enforcement_application', duty: '申请强制执行' },
  close: { from: ['paid', 'executed', 'no_penalty', 'transferred'], to: 'closed', roles: ['head'], preconditions: ['no_pending_transfer', 'closable'], document: 'closing_report', duty: '结案' },
  terminate: { from: ['discovered', ...BEFORE_DECISION], to: 'closed', roles: ['head'], preconditions: ['reason_given', 'no_pending_transfer'], document: 'closing_report', duty: '终止案件' },
  propose_transfer: { from: OPEN_STATES, to: 'transfer_review', roles: ['officer', 'legalReviewer', 'head'], preconditions: ['transfer_grounds'], document: 'transfer_proposal', duty: '提请移送' },
  approve_transfer: {
    from: ['transfer_review'], to: 'transfer_approved', roles: ['head'], preconditions: [], document: null, duty: '批准移送',
    deadline: (c) => (c.transfer ? calendarDeadline(c.transfer.proposedAt, HEAD_DECISION_DAYS) : null),
  },
  decline_transfer: {
    from: ['transfer_review'], to: resume, roles: ['head'], preconditions: ['reason_given'], document: null, duty: '不批准移送',
    deadline: (c) => (c.transfer ? calendarDeadline(c.transfer.proposedAt, HEAD_DECISION_DAYS) : null),
  },
  send_transfer: {
    from: ['transfer_approved'], to: 'transferred', roles: ['officer', 'head'], preconditions: [], document: 'transfer_letter', duty: '移送公安机关',
    deadline: (c) => (c.transfer?.approvedAt != null ? hoursDeadline(c.transfer.approvedAt, SEND_WITHIN_HOURS) : null),
  },
  record_transfer_receipt: { from: ['transferred', ...OPEN_STATES], to: 'same', roles: ['officer', 'head'], preconditions: ['transfer_sent'], document: 'transfer_receipt', duty: '登记公安回执' },
  police_accept: {
    from: ['transferred'], to: (c) => (c.transfer && AFTER_DECISION.includes(c.transfer.resumeState) ? c.transfer.resumeState : 'transferred'),
    roles: ['officer', 'head'], preconditions: ['police_not_decided'], document: 'transfer_receipt', duty: '登记公安立案',
  },
  police_decline: { from: ['transferred'], to: resume, roles: ['officer', 'head'], preconditions: ['police_not_decided'], document: 'transfer_receipt', duty: '登记公安不予立案' },
  request_reconsideration: { from: OPEN_STATES, to: 'same', roles: ['head'], preconditions: ['police_declined', 'within_reconsideration_window'], document: 'reconsideration_request', duty: '提请复议' },
  // The police open the case on reconsideration (LNK art. 11): as police_accept, the case goes to them
  // unless a penalty was already decided, whose execution a transfer does not stop [TRF 11].
  police_accept_on_reconsideration: {
    from: OPEN_STATES, to: (c) => (AFTER_DECISION.includes(c.state) ? c.state : 'transferred'),
    roles: ['officer', 'head'], preconditions: ['police_declined', 'reconsideration_pending'], document: 'transfer_receipt', duty: '登记公安复议后立案',
  },
  hand_over_items: {
    from: ['transferred', ...AFTER_DECISION], to: 'same', roles: ANY_STAFF, preconditions: ['police_accepted', 'items_not_handed'], document: 'items_handover_list', duty: '移交涉案物品',
    deadline: (c) => (c.transfer?.policeDecisionAt != null ? calendarDeadline(c.transfer.policeDecisionAt, ITEMS_HANDOVER_DAYS) : null),
  },
};

/** Whole days after the deadline's last day that `at` falls on (0 when in time). */
export function daysLate(d: Deadline | null, at: number): number {
  if (d === null || at < d.expiresAt) return 0;
  return Math.max(1, beijingDayNumber(at) - beijingDayNumber(d.expiresAt - 1));
}
