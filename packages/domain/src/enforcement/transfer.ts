// Transfer of a suspected crime to public security ("convergence of the two laws", issue 5 §8): the
// transfer record kept on the case, and its clocks. The case machine moves the case; this file says
// which deadline each step of the transfer runs against.
//
// Clocks [rules.md §5]:
// - the agency head decides to transfer or not within 3 days of the report [TRF 5];
// - once approved, the case goes to the police within 24 hours [TRF 5]; a refusal has its reasons recorded [TRF 5];
// - the police decide whether to open a criminal case within 3 days of receipt [TRF 8], 7 days where a
//   clue has to be verified, 30 days for a complex case [LNK 6–11];
// - once the police open a case, the items involved are handed over within 3 days [LNK];
// - against a decision not to open a case, the agency may ask for reconsideration within 3 working days
//   [LNK] (working days: see calendar.ts).
// TRF and LNK say "days" for the head's and the police periods without saying working days, so they are
// calendar days. The police period binds the police, not the agency: when its last day is a weekend day or
// holiday it ends on the next working day (CPL art. 85, LNK art. 38; see calendar.ts), so an overdue alarm
// does not fire against the police on a day the law still gives them. LNK art. 38 (期间的最后一日为节假日的，
// 以节假日后的第一日为期满日期) reads on all LNK periods, the agency's too; the head's 3 days and the items'
// 3 days are kept unrolled here as the agency's own stricter target (an open question for the lead).
import {
  calendarDeadline,
  evaluateClock,
  hoursDeadline,
  rolledCalendarDeadline,
  withCalendarWarning,
  workingDayDeadline,
  DEFAULT_CLOCK_POLICY,
  WEEKENDS_ONLY,
  type Clock,
  type ClockPolicy,
  type WorkCalendar,
} from './calendar.ts';
import type { CaseState, PoliceTrack, TransferReceiptKind } from './case-types.ts';

export interface TransferReceipt {
  kind: TransferReceiptKind;
  at: number;
  by: string;
  /** The police document number, where there is one. */
  reference?: string;
}

export interface TransferRecord {
  proposedAt: number;
  proposedBy: string;
  /** Why, when the proposal does not rest on a threshold flag alone (e.g. EPL 63 detention). */
  reason: string | null;
  /** The criminal flags the proposal rests on (criminal.ts ids). */
  flags: readonly string[];
  /** The state the administrative case returns to if the transfer is declined [TRF 11]. */
  resumeState: CaseState;
  approvedAt: number | null;
  approvedBy: string | null;
  declinedAt: number | null;
  declineReason: string | null;
  sentAt: number | null;
  /** Which police period applies; 'ordinary' until the police say otherwise [LNK]. */
  track: PoliceTrack;
  policeDecision: 'accepted' | 'declined' | null;
  policeDecisionAt: number | null;
  reconsiderationRequestedAt: number | null;
  itemsHandedAt: number | null;
  receipts: readonly TransferReceipt[];
}

/** Days the police have to decide, by track [TRF 8, LNK 6–11]. */
export const POLICE_DECISION_DAYS: Readonly<Record<PoliceTrack, number>> = { ordinary: 3, verify: 7, complex: 30 };
/** [TRF 5] */
export const HEAD_DECISION_DAYS = 3;
/** [TRF 5] */
export const SEND_WITHIN_HOURS = 24;
/** [LNK] */
export const ITEMS_HANDOVER_DAYS = 3;
/** [LNK], working days. */
export const RECONSIDERATION_WORKING_DAYS = 3;

export function newTransfer(proposedAt: number, proposedBy: string, flags: readonly string[], reason: string | null, resumeState: CaseState): TransferRecord {
  return {
    proposedAt, proposedBy, reason, flags: [...flags], resumeState,
    approvedAt: null, approvedBy: null, declinedAt: null, declineReason: null, sentAt: null, track: 'ordinary',
    policeDecision: null, policeDecisionAt: null, reconsiderationRequestedAt: null, itemsHandedAt: null, receipts: [],
  };
}

/**
 * A transfer is settled when it can no longer be said that a fine replaced it [TRF 11]: the head
 * declined it with reasons, or the police decided (either way).
 */
export function transferSettled(t: TransferRecord | null): boolean {
  return t !== null && (t.declinedAt !== null || t.policeDecision !== null);
}

/** When the police received the case: their receipt if recorded, else the time it was sent. */
export function policeReceivedAt(t: TransferRecord): number | null {
  const receipt = t.receipts.find((r) => r.kind === 'police_receipt');
  return receipt ? receipt.at : t.sentAt;
}

/** The clocks of a transfer at `now`, in workflow order; only those whose starting event has happened. */
export function transferClocks(
  t: TransferRecord,
  now: number,
  calendar: WorkCalendar = WEEKENDS_ONLY,
  policy: ClockPolicy = DEFAULT_CLOCK_POLICY,
): Clock[] {
  const out: Clock[] = [];
  const headDone = t.approvedAt ?? t.declinedAt;
  out.push(evaluateClock('transfer_head_decision', `head decides within ${HEAD_DECISION_DAYS} days [TRF 5]`, t.proposedAt, calendarDeadline(t.proposedAt, HEAD_DECISION_DAYS), headDone, now, policy, { days: HEAD_DECISION_DAYS }));
  if (t.approvedAt !== null) {
    out.push(evaluateClock('transfer_send', `sent to the police within ${SEND_WITHIN_HOURS} h of approval [TRF 5]`, t.approvedAt, hoursDeadline(t.approvedAt, SEND_WITHIN_HOURS), t.sentAt, now, policy, { hours: SEND_WITHIN_HOURS }));
  }
  const received = policeReceivedAt(t);
  if (received !== null) {
    const days = POLICE_DECISION_DAYS[t.track];
    const k = evaluateClock('transfer_police_decision', `police decide within ${days} days (${t.track}), to the next working day if the last is a holiday [TRF 8, LNK; CPL 85]`, received, rolledCalendarDeadline(received, days, calendar), t.policeDecisionAt, now, policy, { days, track: t.track });
    out.push(withCalendarWarning(k, calendar));
  }
  if (t.policeDecision === 'accepted' && t.policeDecisionAt !== null) {
    out.push(evaluateClock('transfer_items_handover', `items handed over within ${ITEMS_HANDOVER_DAYS} days of the police filing [LNK]`, t.policeDecisionAt, calendarDeadline(t.policeDecisionAt, ITEMS_HANDOVER_DAYS), t.itemsHandedAt, now, policy, { days: ITEMS_HANDOVER_DAYS }));
  }
  if (t.policeDecision === 'declined' && t.policeDecisionAt !== null) {
    // An optional step: the clock shows the window while it is open; an agency that accepts the refusal
    // lets it pass, which is not an overdue duty, so a lapsed window is not shown (nor escalated).
    const window = workingDayDeadline(t.policeDecisionAt, RECONSIDERATION_WORKING_DAYS, calendar);
    if (t.reconsiderationRequestedAt !== null || now < window.expiresAt) {
      const k = evaluateClock('transfer_reconsideration', `reconsideration may be requested within ${RECONSIDERATION_WORKING_DAYS} working days [LNK]`, t.policeDecisionAt, window, t.reconsiderationRequestedAt, now, policy, { days: RECONSIDERATION_WORKING_DAYS });
      out.push(withCalendarWarning(k, calendar));
    }
  }
  return out;
}
