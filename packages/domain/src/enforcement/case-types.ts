// The administrative-penalty case as data (issue 5 §5): its states, the actions that move it, the
// documents they produce and the record of who performed each duty and when (the duty record that shows
// due diligence for 尽职免责). The rules that connect them are in case-rules.ts; the engine in case-machine.ts.
import type { WorkCalendar } from './calendar.ts';
import type { TransferRecord } from './transfer.ts';

export const CASE_STATES = [
  'discovered', // a violation found (inspection, warning, tip), not yet filed
  'filed', // 立案
  'investigating', // 调查取证
  'advance_notice', // 事先告知 served: the party may state, defend and ask for a hearing
  'hearing', // 听证 (only when requested)
  'legal_review', // 法制审核 [APL 58]
  'collective_discussion', // 集体讨论, major cases only [APL 57]
  'decided', // 处罚决定
  'served', // 送达
  'paid', // 缴纳罚款
  'executed', // 强制执行 / 申请法院执行
  'no_penalty', // 不予处罚 decision: an exemption from the gates, or a first-violation waiver (outcome 'waived')
  'transfer_review', // transfer to the police proposed, awaiting the head [TRF 5]
  'transfer_approved', // the head approved, to be sent within 24 h [TRF 5]
  'transferred', // sent, awaiting the police decision [TRF 8, LNK]
  'closed', // 结案
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** The roles of apps/server/src/access/model.ts that take part in a case. */
export type StaffRole = 'officer' | 'dispatcher' | 'legalReviewer' | 'head';

export interface Actor {
  id: string;
  roles: readonly string[];
}

export const DOCUMENT_KINDS = [
  'case_filing_form', // 立案审批表
  'extension_approval', // 延期审批表
  'order_to_correct', // 责令改正违法行为决定书
  'advance_notice', // 行政处罚事先告知书
  'statement_record', // 陈述申辩笔录
  'hearing_notice', // 听证通知书
  'hearing_record', // 听证笔录
  'legal_review_opinion', // 法制审核意见
  'collective_discussion_record', // 集体讨论记录
  'penalty_decision', // 行政处罚决定书
  'no_penalty_decision', // 不予行政处罚决定书
  'service_receipt', // 送达回证
  'payment_receipt', // 缴款凭证
  'enforcement_application', // 强制执行申请书
  'closing_report', // 结案审批表
  'transfer_proposal', // 移送审批表
  'transfer_letter', // 涉嫌犯罪案件移送书
  'transfer_receipt', // 公安机关回执 / 立案或不予立案通知书
  'reconsideration_request', // 提请复议书
  'items_handover_list', // 涉案物品移交清单
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export type TransferReceiptKind = 'police_receipt' | 'filing_notice' | 'non_filing_notice' | 'reconsideration_decision';
export type PoliceTrack = 'ordinary' | 'verify' | 'complex';

/** Each action with the input it needs. */
export type CaseAction =
  | { type: 'file' }
  | { type: 'extend_filing'; reason: string }
  | { type: 'start_investigation'; officers: readonly string[] }
  | { type: 'order_correction' }
  | { type: 'record_discretion'; amount: number; ref: string; waivable?: WaivableGate }
  /** `waivable`: the gates said may_waive (APL 33 ¶1): recorded as a possible waiver, not as an exemption. */
  | { type: 'record_exemption'; gate: string; article: string; waivable?: boolean; gateReason?: string }
  | { type: 'flag_criminal'; flags: readonly string[] }
  | { type: 'issue_advance_notice' }
  | { type: 'record_statement'; summary: string }
  | { type: 'waive_hearing' }
  | { type: 'request_hearing' }
  | { type: 'submit_for_review' }
  | { type: 'complete_hearing' }
  /** `opinion`: the reviewer's written opinion (法制审核意见), kept on the record. */
  | { type: 'complete_legal_review'; opinion?: string }
  | { type: 'return_for_investigation'; reason: string }
  | { type: 'refer_collective_discussion' }
  | { type: 'complete_collective_discussion'; participants: readonly string[] }
  | { type: 'extend_decision'; reason: string }
  | { type: 'decide' }
  | { type: 'decide_no_penalty' }
  | { type: 'decide_waiver'; reason: string }
  | { type: 'serve' }
  | { type: 'record_payment'; amount: number }
  | { type: 'execute' }
  | { type: 'close' }
  | { type: 'terminate'; reason: string }
  | { type: 'propose_transfer'; reason?: string }
  | { type: 'approve_transfer' }
  | { type: 'decline_transfer'; reason: string }
  | { type: 'send_transfer' }
  | { type: 'record_transfer_receipt'; kind: TransferReceiptKind; track?: PoliceTrack; reference?: string }
  | { type: 'police_accept' }
  | { type: 'police_decline' }
  | { type: 'request_reconsideration' }
  /** The police open a case on the agency's reconsideration request (LNK art. 11). */
  | { type: 'police_accept_on_reconsideration' }
  | { type: 'hand_over_items' };
export type CaseActionType = CaseAction['type'];

/** One performed duty: who, when, in which state, and the document it produced. */
export interface DutyEntry {
  action: CaseActionType;
  by: string;
  /** The actor's roles at the time (a role may later be withdrawn; the record keeps what applied). */
  roles: readonly string[];
  at: number;
  from: CaseState;
  to: CaseState;
  document: DocumentKind | null;
  /** Days after its legal deadline the act was done (only for acts the law lets through late). */
  lateDays?: number;
  note?: string;
}

export interface Extension {
  at: number;
  by: string;
  reason: string;
}

/** 'waived': not penalised by the decision maker's choice where the law says "may" (APL 33 ¶1), apart from 'no_penalty' where it says "shall not". */
export type CaseOutcome = 'penalty' | 'no_penalty' | 'waived' | 'transferred' | 'terminated';

/** The gates' may_waive outcome on the facts last assessed (APL 33 ¶1: first violation, minor or no harm, corrected in time). */
export interface WaivableGate {
  gate: string;
  article: string;
  /** The gates' reason, in their words. */
  reason: string;
}

/** A waiver decided: the gate it rests on, the decision maker and the reason they gave. */
export interface Waiver {
  gate: string;
  article: string;
  gateReason: string;
  reason: string;
  by: string;
  at: number;
}

export interface CaseRecord {
  id: string;
  /** The enforcement matter (执法事项) by its catalogue id. */
  matterId: string;
  state: CaseState;
  /** A major case (重大案件) needs a collective discussion before the decision [APL 57]. */
  major: boolean;
  discoveredAt: number;
  filedAt: number | null;
  filingExtension: Extension | null;
  decisionExtensions: readonly Extension[];
  /** Officers on the investigation record; at least two [APL 42]. */
  investigators: readonly string[];
  correctionOrderedAt: number | null;
  /** The discretion engine's result, by reference to its stored explanation. */
  discretion: { amount: number; ref: string } | null;
  /** The no-penalty gate that applies (APL 33 and the minor-violation list), from the gates. */
  exemption: { gate: string; article: string } | null;
  /** The gates said the penalty may be waived (from the last gate assessment); absent in records stored before waivers. */
  waivable?: WaivableGate | null;
  /** The waiver decided (outcome 'waived'); absent in records stored before waivers. */
  waiver?: Waiver | null;
  /** Criminal-threshold flag ids from criminal.ts; non-empty means a transfer must be considered. */
  criminalFlags: readonly string[];
  advanceNoticeAt: number | null;
  hearingWaived: boolean;
  hearingRequestedAt: number | null;
  hearingHeldAt: number | null;
  statements: ReadonlyArray<{ at: number; summary: string }>;
  /** `opinion` absent in records stored before the reviewer could write one. */
  legalReview: { by: string; at: number; opinion?: string } | null;
  collectiveDiscussion: { at: number; participants: readonly string[] } | null;
  decidedAt: number | null;
  servedAt: number | null;
  paidAt: number | null;
  paidAmount: number | null;
  executedAt: number | null;
  closedAt: number | null;
  outcome: CaseOutcome | null;
  transfer: TransferRecord | null;
  documents: ReadonlyArray<{ kind: DocumentKind; at: number; by: string }>;
  duties: readonly DutyEntry[];
}

/** Parameters of the procedure that a bureau or a later rule may change. */
export interface CaseOptions {
  /**
   * Working days after the advance notice in which the party may ask for a hearing. rules.md gives only
   * "hearing (art. 63)"; the 5 days are APL art. 64(1) (当事人要求听证的，应当在行政机关告知后五日内提出),
   * and APL art. 85 makes them working days. Not in rules.md: cited from the statute.
   */
  hearingRequestDays: number;
  calendar: WorkCalendar;
}

/** A new case at discovery: every later field empty. */
export function newCase(id: string, matterId: string, discoveredAt: number, major = false): CaseRecord {
  return {
    id, matterId, state: 'discovered', major, discoveredAt,
    filedAt: null, filingExtension: null, decisionExtensions: [], investigators: [], correctionOrderedAt: null,
    discretion: null, exemption: null, waivable: null, waiver: null, criminalFlags: [], advanceNoticeAt: null, hearingWaived: false,
    hearingRequestedAt: null, hearingHeldAt: null, statements: [], legalReview: null, collectiveDiscussion: null,
    decidedAt: null, servedAt: null, paidAt: null, paidAmount: null, executedAt: null, closedAt: null, outcome: null,
    transfer: null, documents: [], duties: [],
  };
}
