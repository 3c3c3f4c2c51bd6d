// transmission — daily transmission rate of one point, and `offline` — no sample for a long time.
//
// Catches: loggers that drop data (rules.md §1: "unreported, unrepaired faults", duty to keep monitors
// running and connected [AIR 24; WAT 23]); a point that went silent up to `now`.
// False-positive risk: network outages on the platform side look the same as a silent logger; a unit
// legitimately shut down may stop transmitting (check its markings). Partial days (the current day)
// must be judged with `expectedMinutes` scaled, or not at all.
// Parameters: transmission — expectedMinutes (1440), minRate (0.9; a finding when rate < minRate).
//   offline — minMinutes (60; a finding when now − end of last sample ≥ minMinutes).
// Severity: transmission high below 50 %, medium below 75 %, else low. offline low under 4 h,
//   medium under 24 h, high from 24 h (the 48 h repair deadline [OPS 15] is then half gone).
import type { Finding, PointSample, Severity } from '../compliance/types.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, minuteOf } from './common.ts';

export interface TransmissionParams {
  expectedMinutes: number;
  minRate: number;
}

export const DEFAULT_TRANSMISSION_PARAMS: Readonly<TransmissionParams> = { expectedMinutes: 1440, minRate: 0.9 };

export interface TransmissionInput {
  samples: readonly PointSample[];
  /** Start of the day judged, epoch ms (the caller chooses the day boundary, e.g. Beijing midnight). */
  dayStart: number;
}

/** Gaps (missing minute spans) inside [from, to) given sorted distinct minute starts. */
function gapsOf(minutes: readonly number[], from: number, to: number): Array<[number, number]> {
  const gaps: Array<[number, number]> = [];
  let cursor = from;
  for (const m of minutes) {
    if (m > cursor) gaps.push([cursor, m]);
    cursor = m + MINUTE_MS;
  }
  if (cursor < to) gaps.push([cursor, to]);
  return gaps;
}

export function transmission(input: TransmissionInput, params: Partial<TransmissionParams> = {}): Finding[] {
  const p = { ...DEFAULT_TRANSMISSION_PARAMS, ...params };
  const end = input.dayStart + DAY_MS;
  const minutes = [...new Set(input.samples.map((s) => minuteOf(s.t)).filter((t) => t >= input.dayStart && t < end))].sort(
    (a, b) => a - b,
  );
  const rate = minutes.length / p.expectedMinutes;
  if (rate >= p.minRate) return [];
  const severity: Severity = rate < 0.5 ? 'high' : rate < 0.75 ? 'medium' : 'low';
  return [
    {
      kind: 'transmission',
      severity,
      from: input.dayStart,
      to: end,
      message: `Transmission rate ${(rate * 100).toFixed(1)} % (${minutes.length}/${p.expectedMinutes} minutes) is below ${(p.minRate * 100).toFixed(1)} %.`,
      evidence: {
        // The minutes that did arrive; the missing spans are in `rule.gaps`.
        times: minutes,
        params: p,
        rule: { received: minutes.length, expected: p.expectedMinutes, rate, gaps: gapsOf(minutes, input.dayStart, end) },
      },
    },
  ];
}

export interface OfflineParams {
  minMinutes: number;
}

export const DEFAULT_OFFLINE_PARAMS: Readonly<OfflineParams> = { minMinutes: 60 };

export interface OfflineInput {
  samples: readonly PointSample[];
  now: number;
  /** Where silence is counted from when there is no sample at all (e.g. the start of the query window). */
  since?: number;
}

export function offline(input: OfflineInput, params: Partial<OfflineParams> = {}): Finding[] {
  const p = { ...DEFAULT_OFFLINE_PARAMS, ...params };
  let last: PointSample | undefined;
  for (const s of input.samples) if (s.t <= input.now && (!last || s.t > last.t)) last = s;
  const from = last ? last.t + MINUTE_MS : input.since;
  if (from === undefined) return [];
  const silentMs = input.now - from;
  if (silentMs < p.minMinutes * MINUTE_MS) return [];
  const severity: Severity = silentMs >= 24 * HOUR_MS ? 'high' : silentMs >= 4 * HOUR_MS ? 'medium' : 'low';
  const evidence: Finding['evidence'] = { times: last ? [last.t] : [], params: p, rule: { silentMinutes: Math.floor(silentMs / MINUTE_MS) } };
  if (last?.frameId !== undefined) evidence.frameIds = [last.frameId];
  return [
    {
      kind: 'offline',
      severity,
      from,
      to: input.now,
      message: `No data for ${Math.floor(silentMs / MINUTE_MS)} minutes${last ? ' since the last sample' : ''}.`,
      evidence,
    },
  ];
}

export const TRANSMISSION_DOC = 'Daily transmission rate (received / expected minutes) below a threshold.';
export const OFFLINE_DOC = 'No sample for at least N minutes up to now.';
