// pinnedAtRange — a factor stuck at its instrument's upper range limit for at least N minutes.
//
// Catches: the real concentration is above what the analyser can measure, so the reported value
// understates it (and an exceedance cannot be quantified), or a range changed to cap values
// (rules.md §1 [OSI 19–20]: changed parameters). Samples flagged T (over range) count: the logger
// admits it, but the point still needs a wider range.
// False-positive risk: a wrong registered range (too low) makes normal operation look pinned; a
// factor legitimately at full scale briefly during start-up (use minMinutes).
// Parameters: ranges (factor code → rangeHigh in the factor's unit; factors without a range are not
//   judged; default none), epsilonFraction (0.005: value ≥ rangeHigh × (1 − ε) counts), minMinutes
//   (15), countFlags (['N', 'T']: flags whose samples count; others break runs).
// Severity: durationSeverity with base medium.
import type { Finding, PointSample } from '../compliance/types.ts';
import { durationSeverity, factorEvidence, qualifyingRuns, runSpan } from './common.ts';

export interface PinnedAtRangeParams {
  ranges: Readonly<Record<string, number>>;
  epsilonFraction: number;
  minMinutes: number;
  countFlags: readonly string[];
}

export const DEFAULT_PINNED_AT_RANGE_PARAMS: Readonly<PinnedAtRangeParams> = {
  ranges: {},
  epsilonFraction: 0.005,
  minMinutes: 15,
  countFlags: ['N', 'T'],
};

export interface PinnedAtRangeInput {
  samples: readonly PointSample[];
}

export function pinnedAtRange(input: PinnedAtRangeInput, params: Partial<PinnedAtRangeParams> = {}): Finding[] {
  const p = { ...DEFAULT_PINNED_AT_RANGE_PARAMS, ...params };
  const out: Finding[] = [];
  for (const [factor, rangeHigh] of Object.entries(p.ranges)) {
    const at = rangeHigh * (1 - p.epsilonFraction);
    const qualifies = (s: PointSample): boolean => {
      const f = s.factors[factor];
      if (!f || f.value === null || !Number.isFinite(f.value)) return false;
      return p.countFlags.includes(f.flag ?? 'N') && f.value >= at;
    };
    for (const run of qualifyingRuns(input.samples, qualifies, p.minMinutes)) {
      const { from, to } = runSpan(run);
      out.push({
        kind: 'pinnedAtRange',
        severity: durationSeverity(run.length, p.minMinutes, 'medium'),
        from,
        to,
        factor,
        message: `${factor} at its range limit ${rangeHigh} for ${run.length} minutes.`,
        evidence: factorEvidence(run, factor, p, { rangeHigh, countsFrom: at }),
      });
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

export const PINNED_AT_RANGE_DOC = 'A factor at (or within ε of) its instrument range limit for at least N minutes.';
