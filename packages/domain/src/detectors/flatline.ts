// flatline — a factor stuck at one value (|max − min| ≤ tolerance) for at least N consecutive minutes.
//
// Catches: "obviously distorted data" and altered software or stored data (rules.md §1 [OSI 19–20]):
// a frozen analyser, a replayed or hand-set value, a logger that repeats its last reading.
// False-positive risk: factors with coarse resolution (integer temperatures, a steady flow meter),
// saturated values at zero during shutdown (skipped when skipShutdown is set), and values pinned at
// the range limit (that is `pinnedAtRange`). Set tolerances per point type with care.
// Parameters: minMinutes (60), absTolerance (0, same unit as the factor), relTolerance (0, fraction
//   of the run's largest |value|; the allowance is absTolerance + relTolerance × max|value|),
//   factors (null = every factor present), skipShutdown (true: minutes where flowFactor ≤
//   shutdownFlow are ignored and break runs), flowFactor ('a00000'), shutdownFlow (0).
// Invalid-flagged samples (INVALID_FLAGS) are ignored and break runs.
// Severity: low up to 2 h … by durationSeverity with base low (2× → medium, 4× → high).
import type { Finding, PointSample } from '../compliance/types.ts';
import { FACTOR, durationSeverity, factorEvidence, factorsIn, runSpan, MINUTE_MS, validValue } from './common.ts';

export interface FlatlineParams {
  minMinutes: number;
  absTolerance: number;
  relTolerance: number;
  factors: readonly string[] | null;
  skipShutdown: boolean;
  flowFactor: string;
  shutdownFlow: number;
}

export const DEFAULT_FLATLINE_PARAMS: Readonly<FlatlineParams> = {
  minMinutes: 60,
  absTolerance: 0,
  relTolerance: 0,
  factors: null,
  skipShutdown: true,
  flowFactor: FACTOR.GAS_FLOW,
  shutdownFlow: 0,
};

export interface FlatlineInput {
  samples: readonly PointSample[];
}

function flat(values: readonly number[], p: FlatlineParams): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const scale = Math.max(Math.abs(min), Math.abs(max));
  // 1e-9 × scale absorbs binary rounding (20.1 − 20 is 0.10000000000000142), not real variation.
  return max - min <= p.absTolerance + p.relTolerance * scale + 1e-9 * Math.max(1, scale);
}

export function flatline(input: FlatlineInput, params: Partial<FlatlineParams> = {}): Finding[] {
  const p = { ...DEFAULT_FLATLINE_PARAMS, ...params };
  const out: Finding[] = [];
  for (const factor of p.factors ?? factorsIn(input.samples)) {
    let run: PointSample[] = [];
    let vals: number[] = [];
    const emit = (): void => {
      if (run.length >= p.minMinutes) {
        const { from, to } = runSpan(run);
        out.push({
          kind: 'flatline',
          severity: durationSeverity(run.length, p.minMinutes, 'low'),
          from,
          to,
          factor,
          message: `${factor} constant at about ${vals[0]} for ${run.length} minutes.`,
          evidence: factorEvidence(run, factor, p, { min: Math.min(...vals), max: Math.max(...vals) }),
        });
      }
      run = [];
      vals = [];
    };
    for (const s of input.samples) {
      const v = validValue(s, factor);
      const flow = s.factors[p.flowFactor]?.value;
      const shutdown = p.skipShutdown && flow !== undefined && flow !== null && flow <= p.shutdownFlow;
      if (v === null || shutdown) {
        emit();
        continue;
      }
      const last = run[run.length - 1];
      if (last && s.t - last.t !== MINUTE_MS) emit();
      run.push(s);
      vals.push(v);
      if (flat(vals, p)) continue;
      if (run.length - 1 >= p.minMinutes) {
        // The run before this sample was long enough: report it and start again from this sample.
        run.pop();
        vals.pop();
        emit();
        run.push(s);
        vals.push(v);
      } else {
        // Too short so far: slide the start forward until the window is flat again.
        while (vals.length > 1 && !flat(vals, p)) {
          run.shift();
          vals.shift();
        }
      }
    }
    emit();
  }
  return out.sort((a, b) => a.from - b.from);
}

export const FLATLINE_DOC = 'A factor constant within tolerance for at least N consecutive valid minutes.';
