// lateData — minutes that arrived long after their data time (a logger offline, then backfilled), per day.
//
// Catches: a logger that goes offline and later sends the minutes it kept (HJ 212-2017 allows supplementary
// data uploads). The transmission rate counts minutes present whenever they arrived, so a backfilled day looks
// complete — yet while the minutes were held nobody could act on them, and a logger that can rewrite what it
// sends later is the one that can tidy it first (rules.md §1: "altering software or stored data", "unreported,
// unrepaired faults" [OSI 19–20]; the duty to keep monitors connected [AIR 24; WAT 23]). No national figure for
// "late" is known to us (rules.md lists none): both thresholds are data, to be set by the bureau.
// False-positive risk: a platform-side outage (the gateway or the bus down) delays every logger alike — look at
// whether other points of the region were late in the same span; a corrected minute re-sent later carries its
// new arrival time (the store keeps the arrival of the frame whose values are used).
// Parameters: lateAfterMinutes (60: a minute is late when it arrived more than this after its data time, the
//   minute's start), minShare (0.1: a finding when late minutes ≥ minShare × owed minutes), expectedMinutes
//   (1440: the minutes the point owed that day; the caller takes out what was not owed).
// Evidence: the late minutes (times, frames) and rule.spans — each run of consecutive late minutes with its
//   first and last arrival time, so an officer sees when the data actually came in.
// Severity: high from 50 % of the owed minutes, medium from 25 %, else low.
import type { Finding, Severity } from '../compliance/types.ts';
import { DAY_MS, MINUTE_MS, minuteOf } from './common.ts';

export interface LateDataParams {
  lateAfterMinutes: number;
  minShare: number;
  expectedMinutes: number;
}

export const DEFAULT_LATE_DATA_PARAMS: Readonly<LateDataParams> = { lateAfterMinutes: 60, minShare: 0.1, expectedMinutes: 1440 };

/** One stored minute: its data time (period start), when it arrived, and the frame that carried it. */
export interface Arrival {
  t: number;
  receivedAt: number;
  frameId?: number;
}

export interface LateDataInput {
  arrivals: readonly Arrival[];
  /** Start of the day judged, epoch ms (the caller's day boundary, e.g. Beijing midnight). */
  dayStart: number;
}

export interface LateSpan {
  /** First late minute's start and the end of the last one (exclusive). */
  from: number;
  to: number;
  minutes: number;
  firstArrival: number;
  lastArrival: number;
}

export function lateData(input: LateDataInput, params: Partial<LateDataParams> = {}): Finding[] {
  const p = { ...DEFAULT_LATE_DATA_PARAMS, ...params };
  if (p.expectedMinutes <= 0) return [];
  const end = input.dayStart + DAY_MS;
  const byMinute = new Map<number, Arrival>();
  for (const a of input.arrivals) {
    const t = minuteOf(a.t);
    if (t < input.dayStart || t >= end || a.receivedAt - a.t <= p.lateAfterMinutes * MINUTE_MS) continue;
    // Two samples in one minute bucket: the later arrival stands (it is the one the day was judged with).
    const prev = byMinute.get(t);
    if (prev === undefined || a.receivedAt > prev.receivedAt) byMinute.set(t, { ...a, t });
  }
  const late = [...byMinute.values()].sort((a, b) => a.t - b.t);
  const share = late.length / p.expectedMinutes;
  if (late.length === 0 || share < p.minShare) return [];
  const spans: LateSpan[] = [];
  for (const a of late) {
    const last = spans.at(-1);
    if (last !== undefined && last.to === a.t) {
      last.to = a.t + MINUTE_MS;
      last.minutes++;
      last.firstArrival = Math.min(last.firstArrival, a.receivedAt);
      last.lastArrival = Math.max(last.lastArrival, a.receivedAt);
    } else spans.push({ from: a.t, to: a.t + MINUTE_MS, minutes: 1, firstArrival: a.receivedAt, lastArrival: a.receivedAt });
  }
  const severity: Severity = share >= 0.5 ? 'high' : share >= 0.25 ? 'medium' : 'low';
  const frameIds = [...new Set(late.map((a) => a.frameId).filter((id): id is number => id !== undefined))];
  const evidence: Finding['evidence'] = {
    times: late.map((a) => a.t),
    params: p,
    rule: { late: late.length, expected: p.expectedMinutes, share, spans },
  };
  if (frameIds.length > 0) evidence.frameIds = frameIds;
  return [
    {
      kind: 'lateData',
      severity,
      from: input.dayStart,
      to: end,
      message: `${late.length} of ${p.expectedMinutes} owed minutes (${(share * 100).toFixed(1)} %) arrived more than ${p.lateAfterMinutes} minutes after their data time, in ${spans.length} span(s).`,
      evidence,
    },
  ];
}

export const LATE_DATA_DOC = 'Share of a day\'s owed minutes that arrived more than N minutes after their data time (backfilled).';
