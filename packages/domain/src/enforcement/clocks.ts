// The legal clocks of a case (issue 5 §5), computed from the case record and an explicit `now`; day
// counting as calendar.ts documents it (start day not counted, last day counts, Beijing calendar days).
import {
  calendarDeadline,
  evaluateClock,
  workingDayDeadline,
  DEFAULT_CLOCK_POLICY,
  type Clock,
  type ClockPolicy,
  type Deadline,
} from './calendar.ts';
import type { CaseOptions, CaseRecord } from './case-types.ts';
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
 * A decision not handed over on the spot is served within 7 days (APL 61), and a fine is paid within 15
 * days of receiving the decision (APL 67). Neither is in rules.md: both are cited from the statute.
 */
export const SERVICE_DAYS = 7;
export const PAYMENT_DAYS = 15;

export const DEFAULT_CASE_OPTIONS: CaseOptions = {
  hearingRequestDays: 5,
  calendar: { holidays: new Set(), workdays: new Set() },
};

export function filingDeadline(c: Pick<CaseRecord, 'discoveredAt' | 'filingExtension'>): Deadline {
  return calendarDeadline(c.discoveredAt, FILING_DAYS + (c.filingExtension ? FILING_EXTENSION_DAYS : 0));
}

/** Null before filing. Extensions beyond the second are ignored: 150 days is the ceiling [W12]. */
export function decisionDeadline(c: Pick<CaseRecord, 'filedAt' | 'decisionExtensions'>): Deadline | null {
  if (c.filedAt === null) return null;
  const n = Math.min(MAX_DECISION_EXTENSIONS, c.decisionExtensions.length);
  return calendarDeadline(c.filedAt, DECISION_DAYS + n * DECISION_EXTENSION_DAYS);
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
  out.push(evaluateClock('filing', filingRule, c.discoveredAt, filingDeadline(c), filingDone, now, policy));

  const decision = decisionDeadline(c);
  if (decision !== null && c.filedAt !== null) {
    const total = DECISION_DAYS + Math.min(MAX_DECISION_EXTENSIONS, c.decisionExtensions.length) * DECISION_EXTENSION_DAYS;
    const done = c.decidedAt ?? (c.state === 'closed' ? c.closedAt : null);
    out.push(evaluateClock('decision', `decide within ${total} days of filing (90, +30, +30 at most) [W12, APL 60]`, c.filedAt, decision, done, now, policy));
  }

  const hearing = hearingRequestWindow(c, options);
  if (hearing !== null && c.advanceNoticeAt !== null) {
    // The party's right, not a duty: shown while open or once used; a lapsed window is not "overdue".
    const used = c.hearingRequestedAt;
    if (used !== null || (now < hearing.expiresAt && !c.hearingWaived && c.state === 'advance_notice')) {
      out.push(evaluateClock('hearing_request', `the party may ask for a hearing within ${options.hearingRequestDays} working days [APL 64(1), 85]`, c.advanceNoticeAt, hearing, used, now, policy));
    }
  }

  if (c.decidedAt !== null) {
    out.push(evaluateClock('service', `serve the decision within ${SERVICE_DAYS} days [APL 61]`, c.decidedAt, calendarDeadline(c.decidedAt, SERVICE_DAYS), c.servedAt, now, policy));
  }
  if (c.servedAt !== null && c.outcome === 'penalty') {
    out.push(evaluateClock('payment', `the party pays within ${PAYMENT_DAYS} days of service; then execution [APL 67, 72]`, c.servedAt, calendarDeadline(c.servedAt, PAYMENT_DAYS), c.paidAt ?? c.executedAt, now, policy));
  }
  if (c.transfer !== null) out.push(...transferClocks(c.transfer, now, options.calendar, policy));
  return out;
}

/** The most urgent escalation among the clocks (0 when none is due). */
export function worstEscalation(clocks: readonly Clock[]): Clock['escalation'] {
  return clocks.reduce<Clock['escalation']>((m, k) => (k.escalation > m ? k.escalation : m), 0);
}
