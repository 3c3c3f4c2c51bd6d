// flagShare — share of calibration / maintenance / fault flags (C, M, D by default) in one day.
//
// Catches: data hidden behind flags that exclude it from exceedance judgement (rules.md §1: flagged
// and invalid-marked data are not used to judge exceedance), "unreported, unrepaired faults"
// [OSI 19–20], monitors that are down more than the 48 h repair rule allows [OPS 15].
// False-positive risk: a scheduled calibration or a genuine repair day (check the markings and
// repair records); the share of a short day (few samples) is noisy, hence minSamples.
// Parameters: flags (['C', 'M', 'D']), maxShare (0.1; finding when share > maxShare), factors (null =
//   every factor present), minSamples (60: days with fewer samples of the factor are not judged).
//   Share = flagged samples / received samples of that factor in [dayStart, dayStart + 24 h).
// Severity: high above 3 × maxShare, medium above 2 ×, else low.
import type { Finding, PointSample, Severity } from '../compliance/types.ts';
import { DAY_MS, factorEvidence, factorsIn } from './common.ts';

export interface FlagShareParams {
  flags: readonly string[];
  maxShare: number;
  factors: readonly string[] | null;
  minSamples: number;
}

export const DEFAULT_FLAG_SHARE_PARAMS: Readonly<FlagShareParams> = {
  flags: ['C', 'M', 'D'],
  maxShare: 0.1,
  factors: null,
  minSamples: 60,
};

export interface FlagShareInput {
  samples: readonly PointSample[];
  dayStart: number;
}

export function flagShare(input: FlagShareInput, params: Partial<FlagShareParams> = {}): Finding[] {
  const p = { ...DEFAULT_FLAG_SHARE_PARAMS, ...params };
  const end = input.dayStart + DAY_MS;
  const day = input.samples.filter((s) => s.t >= input.dayStart && s.t < end);
  const out: Finding[] = [];
  for (const factor of p.factors ?? factorsIn(day)) {
    const withFactor = day.filter((s) => s.factors[factor] !== undefined);
    if (withFactor.length < p.minSamples) continue;
    const flagged = withFactor.filter((s) => p.flags.includes(s.factors[factor]?.flag ?? ''));
    const share = flagged.length / withFactor.length;
    if (share <= p.maxShare) continue;
    const severity: Severity = share > 3 * p.maxShare ? 'high' : share > 2 * p.maxShare ? 'medium' : 'low';
    const counts: Record<string, number> = {};
    for (const s of flagged) {
      const f = s.factors[factor]?.flag ?? '';
      counts[f] = (counts[f] ?? 0) + 1;
    }
    out.push({
      kind: 'flagShare',
      severity,
      from: input.dayStart,
      to: end,
      factor,
      message: `${factor}: ${(share * 100).toFixed(1)} % of the day's samples flagged ${p.flags.join('/')} (limit ${(p.maxShare * 100).toFixed(1)} %).`,
      evidence: factorEvidence(flagged, factor, p, { share, flagged: flagged.length, received: withFactor.length, counts }),
    });
  }
  return out;
}

export const FLAG_SHARE_DOC = "Share of C/M/D-flagged samples in a day above a threshold, per factor.";
