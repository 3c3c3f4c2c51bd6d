// o2Dilution — flue-gas O2 implausibly high while the unit runs.
//
// Catches: air let into the stack or the sampling line (rules.md §1 [OSI 19–20]: diluting samples).
// Dilution lowers measured concentrations; the reference-O2 conversion C = C′·(21−O2ref)/(21−O2meas)
// [B13271 §5.2] should undo it, but it explodes near 21 % and is often applied wrongly, so a high O2
// while running is itself the signal.
// False-positive risk: units that legitimately run with much excess air (gas turbines, O2 ~ 15 %,
// kilns at low load), and idle periods misread as running (ambient air is 20.9 %). Raise o2Threshold
// for such units; the running test needs a sound flow threshold or production meter.
// Parameters: o2Factor ('a19001'), o2Threshold (19, %; O2 > it counts), flowFactor ('a00000'),
//   flowThreshold (0.5; running when valid flow > it), productionOnKw (5; or when any production meter
//   in that minute draws more), minMinutes (30). O2 must be valid (flag not in INVALID_FLAGS).
// Severity: durationSeverity with base medium.
import type { Finding, MeterSample, PointSample } from '../compliance/types.ts';
import { FACTOR, durationSeverity, factorEvidence, minuteOf, qualifyingRuns, runSpan, validValue } from './common.ts';

export interface O2DilutionParams {
  o2Factor: string;
  o2Threshold: number;
  flowFactor: string;
  flowThreshold: number;
  productionOnKw: number;
  minMinutes: number;
}

export const DEFAULT_O2_DILUTION_PARAMS: Readonly<O2DilutionParams> = {
  o2Factor: FACTOR.O2,
  o2Threshold: 19,
  flowFactor: FACTOR.GAS_FLOW,
  flowThreshold: 0.5,
  productionOnKw: 5,
  minMinutes: 30,
};

export interface O2DilutionInput {
  samples: readonly PointSample[];
  /** Optional meters; only role 'production' is used. */
  meters?: readonly MeterSample[];
}

export function o2Dilution(input: O2DilutionInput, params: Partial<O2DilutionParams> = {}): Finding[] {
  const p = { ...DEFAULT_O2_DILUTION_PARAMS, ...params };
  const producing = new Set<number>();
  for (const m of input.meters ?? []) if (m.role === 'production' && m.value > p.productionOnKw) producing.add(minuteOf(m.t));
  const running = (s: PointSample): boolean => {
    const flow = validValue(s, p.flowFactor);
    return (flow !== null && flow > p.flowThreshold) || producing.has(minuteOf(s.t));
  };
  const qualifies = (s: PointSample): boolean => {
    const o2 = validValue(s, p.o2Factor);
    return o2 !== null && o2 > p.o2Threshold && running(s);
  };
  return qualifyingRuns(input.samples, qualifies, p.minMinutes).map((run) => {
    const { from, to } = runSpan(run);
    return {
      kind: 'o2Dilution',
      severity: durationSeverity(run.length, p.minMinutes, 'medium'),
      from,
      to,
      factor: p.o2Factor,
      message: `O2 above ${p.o2Threshold} % for ${run.length} minutes while the unit was running.`,
      evidence: factorEvidence(run, p.o2Factor, p, { flow: run.map((s) => s.factors[p.flowFactor]?.value ?? null) }),
    };
  });
}

export const O2_DILUTION_DOC = 'O2 above a plausible level while the unit runs (flow or production meter) for at least N minutes.';
