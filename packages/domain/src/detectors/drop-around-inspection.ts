// dropAroundInspection — a pollutant's level falls sharply around a known inspection time.
//
// Catches: a discharger tipped off before an inspection who turns treatment up, cuts load or
// tampers with the monitor just for the visit (rules.md §1 [OSI 19–20]: data inconsistent with the
// site, abnormal correlation between production, abatement and monitoring data).
// False-positive risk: real load changes (end of a shift, fuel switch), a unit stopping for the
// visit; check production meters and markings before acting. A single finding is weak evidence; a
// pattern over several inspections is strong.
// Windows, with T the inspection time: before = [T − lead − beforeMinutes, T − lead),
//   during = [T − lead, T + duringMinutes). The lead covers the hour after a tip-off.
// Parameters: factors (a21026, a21002, a34013), beforeMinutes (180), duringMinutes (120),
//   leadMinutes (60), ratio (0.5; finding when mean(during) < ratio × mean(before)), minSamples (30
//   valid minutes in each window), minBeforeMean (0; before means ≤ it are not judged).
// Severity: high when mean(during) < ratio/2 × mean(before), else medium.
import type { Finding, PointSample } from '../compliance/types.ts';
import { GAS_POLLUTANTS, MINUTE_MS, mean, validValue } from './common.ts';

export interface DropAroundInspectionParams {
  factors: readonly string[];
  beforeMinutes: number;
  duringMinutes: number;
  leadMinutes: number;
  ratio: number;
  minSamples: number;
  minBeforeMean: number;
}

export const DEFAULT_DROP_AROUND_INSPECTION_PARAMS: Readonly<DropAroundInspectionParams> = {
  factors: GAS_POLLUTANTS,
  beforeMinutes: 180,
  duringMinutes: 120,
  leadMinutes: 60,
  ratio: 0.5,
  minSamples: 30,
  minBeforeMean: 0,
};

export interface DropAroundInspectionInput {
  samples: readonly PointSample[];
  /** Inspection (arrival) times, epoch ms. */
  inspections: readonly number[];
}

export function dropAroundInspection(
  input: DropAroundInspectionInput,
  params: Partial<DropAroundInspectionParams> = {},
): Finding[] {
  const p = { ...DEFAULT_DROP_AROUND_INSPECTION_PARAMS, ...params };
  const out: Finding[] = [];
  for (const at of input.inspections) {
    const split = at - p.leadMinutes * MINUTE_MS;
    const start = split - p.beforeMinutes * MINUTE_MS;
    const end = at + p.duringMinutes * MINUTE_MS;
    for (const factor of p.factors) {
      const before: PointSample[] = [];
      const during: PointSample[] = [];
      const bv: number[] = [];
      const dv: number[] = [];
      for (const s of input.samples) {
        if (s.t < start || s.t >= end) continue;
        const v = validValue(s, factor);
        if (v === null) continue;
        if (s.t < split) {
          before.push(s);
          bv.push(v);
        } else {
          during.push(s);
          dv.push(v);
        }
      }
      if (bv.length < p.minSamples || dv.length < p.minSamples) continue;
      const meanBefore = mean(bv);
      const meanDuring = mean(dv);
      if (meanBefore <= p.minBeforeMean || meanDuring >= p.ratio * meanBefore) continue;
      const window = [...before, ...during];
      const frameIds = window.map((s) => s.frameId).filter((id): id is number => id !== undefined);
      const observed = meanDuring / meanBefore;
      out.push({
        kind: 'dropAroundInspection',
        severity: observed < p.ratio / 2 ? 'high' : 'medium',
        from: split,
        to: end,
        factor,
        message: `${factor} mean fell from ${meanBefore.toFixed(2)} to ${meanDuring.toFixed(2)} (×${observed.toFixed(2)}) around the inspection.`,
        evidence: {
          times: window.map((s) => s.t),
          values: window.map((s) => s.factors[factor]?.value ?? null),
          ...(frameIds.length > 0 ? { frameIds } : {}),
          params: p,
          rule: { inspection: at, beforeFrom: start, split, duringTo: end, meanBefore, meanDuring, observedRatio: observed },
        },
      });
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

export const DROP_AROUND_INSPECTION_DOC = 'Mean level during an inspection window below a ratio of the mean in the hours before.';
