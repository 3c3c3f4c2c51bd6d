// The legal clocks of a case (issue 5 §5), computed from the case record and an explicit `now`; day
// counting as calendar.ts documents it (start day not counted, last day counts, Beijing calendar days).
import {
  beijingDayNumber,
  calendarDeadline,
  evaluateClock,
  rolledCalendarDeadline,
  withCalendarWarning,
  workingDayDeadline,
  DEFAULT_CLOCK_POLICY,
  type Clock,
  type ClockParams,
  type ClockPolicy,
  type Deadline,
} from './calendar.ts';
import type { CaseActionType, CaseOptions, CaseRecord } from './case-types.ts';
import { STATE_COUNCIL_CALENDAR } from './holidays.ts';
import { transferClocks } from './transfer.ts';

/** Open a case within 15 days of discovery, extendable once by 15 [W12, 2023 Measures]. */
export const FILING_DAYS = 15;
export const FILING_EXTENSION_DAYS = 15;
/** Decide within 90 days of filing [W12; APL 60 sets the same 90 days], extendable +30 and +30 [W12]. */
export const DECISION_DAYS = 90;
export const DECISION_EXTENSION_DAYS = 30;
export const MAX_DECISION_EXTENSIONS = 2;
/** 90 + 30 + 30: the limit no extension can pass [W12]. */
export const MAX_DECISION_DAYS = DECISION_DAYS + MAX_DECISION_EXTENSIONS * DECISION_EXTENSION_DAYS;
/**
 * A decision not handed over on the spot is served within 7 days (APL 61), working days by APL 85; a fine
 * is paid within 15 days of receiving the decision (APL 67), calendar days rolled past a closing holiday
 * (see calendar.ts). Neither is in rules.md: both are cited from the statute.
 */
export const SERVICE_DAYS = 7;
export const PAYMENT_DAYS = 15;

/** Production options: the State Council holiday calendar of holidays.ts (years without a notice warn). */
export const DEFAULT_CASE_OPTIONS: CaseOptions = {
  hearingRequestDays: 5,
  calendar: STATE_COUNCIL_CALENDAR,
};

export function filingDeadline(c: Pick<CaseRecord, 'discoveredAt' | 'filingExtension'>): Deadline {
  return calendarDeadline(c.discoveredAt, FILING_DAYS + (c.filingExtension ? FILING_EXTENSION_DAYS : 0));
}

/**
 * What brings a transfer back to the agency. A police acceptance does not: the criminal proceedings then run
 * and the agency decides on a penalty only after they end (LNK art. 16), which the record does not yet hold.
 */
const TRANSFER_ENDS: ReadonlySet<CaseActionType> = new Set(['decline_transfer', 'police_decline']);

/**
 * The transfer periods of a case as [start, end) instants: from each proposal to the head's refusal or the
 * police's refusal, read from the duty record (every transfer, not only the last) and the transfer record.
 * A transfer not returned runs to `at`, or ends at its proposal when no `at` is given.
 */
export function transferPeriods(c: Pick<CaseRecord, 'transfer' | 'duties'>, at?: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let open: number | null = null;
  for (const d of c.duties) {
    if (d.action === 'propose_transfer') open = d.at;
    else if (open !== null && TRANSFER_ENDS.has(d.action)) {
      out.push([open, d.at]);
      open = null;
    }
  }
  const t = c.transfer;
  if (t !== null && !out.some(([s]) => s === t.proposedAt)) {
    const end = t.declinedAt ?? (t.policeDecision === 'declined' ? t.policeDecisionAt : null) ?? Math.max(t.proposedAt, at ?? t.proposedAt);
    out.push([t.proposedAt, end]);
  } else if (open !== null) out.push([open, Math.max(open, at ?? open)]);
  return out;
}

/**
 * Calendar days of the decision period spent in transfer: LNK art. 16 (涉嫌犯罪案件的移送办理期间，不计入
 * 行政处罚期限; a statute outside rules.md, cited from the text). Each period counts from the proposal's day to
 * the day it came back (a same-day return pauses nothing), only after filing and before the decision.
 */
export function transferPauseDays(c: Pick<CaseRecord, 'filedAt' | 'decidedAt' | 'transfer' | 'duties'>, at?: number): number {
  if (c.filedAt === null) return 0;
  const filed = c.filedAt;
  let days = 0;
  for (const [start, end] of transferPeriods(c, at)) {
    const from = Math.max(start, filed);
    const to = c.decidedAt === null ? end : Math.min(end, c.decidedAt);
    if (to > from) days += beijingDayNumber(to) - beijingDayNumber(from);
  }
  return days;
}

/**
 * Null before filing. Extensions beyond the second are ignored: 150 days is the ceiling [W12]. Time in
 * transfer to the police does not count (LNK art. 16): the deadline moves by those days; a pending
 * transfer counts up to `at`.
 */
export function decisionDeadline(c: Pick<CaseRecord, 'filedAt' | 'decidedAt' | 'decisionExtensions' | 'transfer' | 'duties'>, at?: number): Deadline | null {
  if (c.filedAt === null) return null;
  const n = Math.min(MAX_DECISION_EXTENSIONS, c.decisionExtensions.length);
  return calendarDeadline(c.filedAt, DECISION_DAYS + n * DECISION_EXTENSION_DAYS + transferPauseDays(c, at));
}

/** Service within 7 working days of the decision (APL 61, 85). */
export function serviceDeadline(c: Pick<CaseRecord, 'decidedAt'>, options: CaseOptions = DEFAULT_CASE_OPTIONS): Deadline | null {
  return c.decidedAt === null ? null : workingDayDeadline(c.decidedAt, SERVICE_DAYS, options.calendar);
}

/** Payment within 15 days of service (APL 67); the party's period, so rolled past a closing holiday. */
export function paymentDeadline(c: Pick<CaseRecord, 'servedAt'>, options: CaseOptions = DEFAULT_CASE_OPTIONS): Deadline | null {
  return c.servedAt === null ? null : rolledCalendarDeadline(c.servedAt, PAYMENT_DAYS, options.calendar);
}

/** The party's window to ask for a hearing, in working days after the advance notice [APL 64(1), 85]. */
export function hearingRequestWindow(c: Pick<CaseRecord, 'advanceNoticeAt'>, options: CaseOptions = DEFAULT_CASE_OPTIONS): Deadline | null {
  if (c.advanceNoticeAt === null) return null;
  return workingDayDeadline(c.advanceNoticeAt, options.hearingRequestDays, options.calendar);
}

/**
 * Every clock that applies to the case at `now`, in procedure order. A clock appears once its starting
 * event is on the record; it stays (as done or done_late) so the case shows its whole timing history.
 */
export function caseClocks(c: CaseRecord, now: number, options: CaseOptions = DEFAULT_CASE_OPTIONS, policy: ClockPolicy = DEFAULT_CLOCK_POLICY): Clock[] {
  const out: Clock[] = [];
  // A case closed without ever being filed (not opened) has no running filing duty left.
  const filingDone = c.filedAt ?? (c.state === 'closed' ? c.closedAt : null);
  const filingRule = c.filingExtension ? 'file within 15 + 15 days of discovery [W12]' : 'file within 15 days of discovery [W12]';
  const filingParams: ClockParams = c.filingExtension ? { days: FILING_DAYS, extensionDays: FILING_EXTENSION_DAYS } : { days: FILING_DAYS };
  out.push(evaluateClock('filing', filingRule, c.discoveredAt, filingDeadline(c), filingDone, now, policy, filingParams));

  const decision = decisionDeadline(c, now);
  if (decision !== null && c.filedAt !== null) {
    const total = DECISION_DAYS + Math.min(MAX_DECISION_EXTENSIONS, c.decisionExtensions.length) * DECISION_EXTENSION_DAYS;
    const paused = transferPauseDays(c, now);
    const pause = paused > 0 ? `, plus ${paused} days in transfer to the police, which do not count [LNK 16]` : '';
    const done = c.decidedAt ?? (c.state === 'closed' ? c.closedAt : null);
    const decisionParams: ClockParams = paused > 0 ? { days: total, pausedDays: paused } : { days: total };
    out.push(evaluateClock('decision', `decide within ${total} days of filing (90, +30, +30 at most)${pause} [W12, APL 60]`, c.filedAt, decision, done, now, policy, decisionParams));
  }

  const hearing = hearingRequestWindow(c, options);
  if (hearing !== null && c.advanceNoticeAt !== null) {
    // The party's right, not a duty: shown while open or once used; a lapsed window is not "overdue".
    const used = c.hearingRequestedAt;
    if (used !== null || (now < hearing.expiresAt && !c.hearingWaived && c.state === 'advance_notice')) {
      const k = evaluateClock('hearing_request', `the party may ask for a hearing within ${options.hearingRequestDays} working days [APL 64(1), 85]`, c.advanceNoticeAt, hearing, used, now, policy, { days: options.hearingRequestDays });
      out.push(withCalendarWarning(k, options.calendar));
    }
  }

  const service = serviceDeadline(c, options);
  if (service !== null && c.decidedAt !== null) {
    const k = evaluateClock('service', `serve the decision within ${SERVICE_DAYS} working days [APL 61, 85]`, c.decidedAt, service, c.servedAt, now, policy, { days: SERVICE_DAYS });
    out.push(withCalendarWarning(k, options.calendar));
  }
  const payment = paymentDeadline(c, options);
  if (payment !== null && c.servedAt !== null && c.outcome === 'penalty') {
    const k = evaluateClock('payment', `the party pays within ${PAYMENT_DAYS} days of service, to the next working day if the last is a holiday; then execution [APL 67, 72; CPL 85]`, c.servedAt, payment, c.paidAt ?? c.executedAt, now, policy, { days: PAYMENT_DAYS });
    out.push(withCalendarWarning(k, options.calendar));
  }
  if (c.transfer !== null) out.push(...transferClocks(c.transfer, now, options.calendar, policy));
  return out;
}

/** The most urgent escalation among the clocks (0 when none is due). */
export function worstEscalation(clocks: readonly Clock[]): Clock['escalation'] {
  return clocks.reduce<Clock['escalation']>((m, k) => (k.escalation > m ? k.escalation : m), 0);
}
