// Daily continuous penalty (按日连续处罚, EPL 59 and the 2014 measures [DPM]), issue 5 §6.
//
// A fined party ordered to correct is re-inspected covertly within 30 days of the order's service; if it
// has not corrected, the fine is the original fine × the days from the day after service through the
// re-inspection day; at that re-inspection a new order is served and the next round runs from it; the
// rounds are unlimited and stop once production is restricted, suspended or the facilities sealed [DPM].
//
// Choices where the text leaves room (documented so a reviewer can object):
// - Day counting is calendar.ts's: Beijing calendar days, the service day not counted, the re-inspection
//   day counted ("from the day after service to the recheck date" [DPM]).
// - A re-inspection later than the 30-day window [DPM] cannot found a daily penalty: that round and the
//   rounds after it are not counted, and the result says why.
// - Once production is restricted/suspended/sealed, a round whose re-inspection falls on or after that
//   instant is not counted (no part-round is charged), nor any later round.
import { calendarDeadline, daysAfterThrough, beijingDate } from './calendar.ts';

/** Covert re-inspection within 30 days of service [DPM]. */
export const RECHECK_WITHIN_DAYS = 30;

export interface DailyPenaltyRound {
  /** When the order to correct (or the round's new order) was served on the party. */
  orderServedAt: number;
  /** The covert re-inspection. */
  reinspectedAt: number;
  /** What the re-inspection found. */
  corrected: boolean;
}

export interface DailyPenaltyInput {
  /** The fine of the original penalty decision, yuan. */
  originalFine: number;
  rounds: readonly DailyPenaltyRound[];
  /** When production was restricted, suspended or the facilities sealed; null if never. */
  productionRestrictedAt: number | null;
}

export type RoundStatus = 'penalised' | 'corrected' | 'recheck_late' | 'production_restricted' | 'after_stop';

export interface DailyPenaltyRoundResult {
  index: number;
  orderServedOn: string;
  reinspectedOn: string;
  /** Days from the day after service through the re-inspection day; 0 when the round is not counted. */
  days: number;
  amount: number;
  status: RoundStatus;
  explanation: string;
}

export interface DailyPenaltyResult {
  total: number;
  totalDays: number;
  rounds: DailyPenaltyRoundResult[];
  /** Why the rounds stopped, if they did. */
  stoppedBy: Exclude<RoundStatus, 'penalised' | 'after_stop'> | null;
  source: string;
}

export type DailyPenaltyError = { code: 'bad_input'; message: string; round?: number };

export function dailyPenalty(input: DailyPenaltyInput): { ok: true; value: DailyPenaltyResult } | { ok: false; error: DailyPenaltyError } {
  const bad = (message: string, round?: number) => ({ ok: false as const, error: round === undefined ? { code: 'bad_input' as const, message } : { code: 'bad_input' as const, message, round } });
  if (!Number.isFinite(input.originalFine) || input.originalFine <= 0) return bad('the original fine must be a positive amount');
  if (input.productionRestrictedAt !== null && !Number.isFinite(input.productionRestrictedAt)) return bad('productionRestrictedAt must be an instant or null');
  for (const [i, r] of input.rounds.entries()) {
    if (!Number.isFinite(r.orderServedAt) || !Number.isFinite(r.reinspectedAt)) return bad('service and re-inspection must be instants', i);
    if (r.reinspectedAt < r.orderServedAt) return bad('the re-inspection cannot precede the service of the order', i);
    const prev = input.rounds[i - 1];
    // Each round runs from the new order served at or after the previous re-inspection [DPM].
    if (prev && r.orderServedAt < prev.reinspectedAt) return bad("a round's order must be served at or after the previous re-inspection", i);
    if (prev?.corrected) return bad('no round can follow a re-inspection that found the violation corrected', i);
  }

  const rounds: DailyPenaltyRoundResult[] = [];
  let stoppedBy: DailyPenaltyResult['stoppedBy'] = null;
  for (const [index, r] of input.rounds.entries()) {
    const base = { index, orderServedOn: beijingDate(r.orderServedAt), reinspectedOn: beijingDate(r.reinspectedAt) };
    const none = (status: RoundStatus, explanation: string): DailyPenaltyRoundResult => ({ ...base, days: 0, amount: 0, status, explanation });
    if (stoppedBy !== null) {
      rounds.push(none('after_stop', `not counted: the rounds stopped earlier (${stoppedBy})`));
      continue;
    }
    if (input.productionRestrictedAt !== null && r.reinspectedAt >= input.productionRestrictedAt) {
      stoppedBy = 'production_restricted';
      rounds.push(none('production_restricted', `not counted: production restricted, suspended or sealed on ${beijingDate(input.productionRestrictedAt)}, before this re-inspection [DPM]`));
      continue;
    }
    if (r.reinspectedAt >= calendarDeadline(r.orderServedAt, RECHECK_WITHIN_DAYS).expiresAt) {
      stoppedBy = 'recheck_late';
      rounds.push(none('recheck_late', `not counted: re-inspected on ${base.reinspectedOn}, after the ${RECHECK_WITHIN_DAYS}-day window from service on ${base.orderServedOn} [DPM]`));
      continue;
    }
    if (r.corrected) {
      stoppedBy = 'corrected';
      rounds.push(none('corrected', `corrected by the re-inspection on ${base.reinspectedOn}: no daily penalty for this round`));
      continue;
    }
    const days = daysAfterThrough(r.orderServedAt, r.reinspectedAt);
    const amount = input.originalFine * days;
    rounds.push({
      ...base, days, amount, status: 'penalised',
      explanation: `${input.originalFine} yuan × ${days} days (from the day after service on ${base.orderServedOn} through the re-inspection on ${base.reinspectedOn}) = ${amount} yuan [EPL 59, DPM]`,
    });
  }
  const counted = rounds.filter((r) => r.status === 'penalised');
  return {
    ok: true,
    value: {
      total: counted.reduce((s, r) => s + r.amount, 0),
      totalDays: counted.reduce((s, r) => s + r.days, 0),
      rounds,
      stoppedBy,
      source: 'EPL 59; DPM (MEP Order 28, 2014)',
    },
  };
}
