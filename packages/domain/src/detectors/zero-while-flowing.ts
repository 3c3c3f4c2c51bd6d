// zeroWhileFlowing — a pollutant's concentration at or below zero while flue gas (or water) flows.
//
// Catches: a sampling line pulled or blocked, a probe in ambient air, a zeroed or overwritten value
// (rules.md §1 [OSI 19–20]: distorted data, diluted or filtered samples, changed parameters).
// False-positive risk: truly clean gas under the analyser's detection limit (natural-gas boilers have
// near-zero SO2 — exclude that factor for them, or raise zeroLevel only with evidence), and a flow
// meter reading residual draught of an idle stack (raise flowThreshold).
// Parameters: factors (a21026 SO2, a21002 NOx, a34013 particulate), flowFactor ('a00000'),
//   flowThreshold (0.5, flow unit; running when flow > threshold), zeroLevel (0; concentration ≤ it
//   counts), minMinutes (10). Both concentration and flow must be valid (flag not in INVALID_FLAGS).
// Severity: durationSeverity with base medium (≥ 2× minMinutes → high).
import type { Finding, PointSample } from '../compliance/types.ts';
import { FACTOR, GAS_POLLUTANTS, durationSeverity, factorEvidence, qualifyingRuns, runSpan, validValue } from './common.ts';

export interface ZeroWhileFlowingParams {
  factors: readonly string[];
  flowFactor: string;
  flowThreshold: number;
  zeroLevel: number;
  minMinutes: number;
}

export const DEFAULT_ZERO_WHILE_FLOWING_PARAMS: Readonly<ZeroWhileFlowingParams> = {
  factors: GAS_POLLUTANTS,
  flowFactor: FACTOR.GAS_FLOW,
  flowThreshold: 0.5,
  zeroLevel: 0,
  minMinutes: 10,
};

export interface ZeroWhileFlowingInput {
  samples: readonly PointSample[];
}

export function zeroWhileFlowing(input: ZeroWhileFlowingInput, params: Partial<ZeroWhileFlowingParams> = {}): Finding[] {
  const p = { ...DEFAULT_ZERO_WHILE_FLOWING_PARAMS, ...params };
  const out: Finding[] = [];
  for (const factor of p.factors) {
    const qualifies = (s: PointSample): boolean => {
      const c = validValue(s, factor);
      const flow = validValue(s, p.flowFactor);
      return c !== null && flow !== null && c <= p.zeroLevel && flow > p.flowThreshold;
    };
    for (const run of qualifyingRuns(input.samples, qualifies, p.minMinutes)) {
      const { from, to } = runSpan(run);
      out.push({
        kind: 'zeroWhileFlowing',
        severity: durationSeverity(run.length, p.minMinutes, 'medium'),
        from,
        to,
        factor,
        message: `${factor} at or below ${p.zeroLevel} for ${run.length} minutes while ${p.flowFactor} was above ${p.flowThreshold}.`,
        evidence: factorEvidence(run, factor, p, { flow: run.map((s) => s.factors[p.flowFactor]?.value ?? null) }),
      });
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

export const ZERO_WHILE_FLOWING_DOC = 'Concentration ≤ 0 while flow is above a threshold for at least N minutes.';
