// periodMismatch — the logger's own hourly (CN 2061) values disagree with the mean of its minutes.
//
// Catches: a logger or DAS that rewrites hourly values (rules.md §1 [OSI 19–20]: altering software
// or stored data; transmitted data inconsistent with the site) — the minutes are left plausible and
// the hour used for judgement is lowered, or the reverse.
// False-positive risk: the logger's hourly value may legitimately weight by flow or exclude flagged
// minutes differently; hours with few valid minutes (hence minValidMinutes); values near zero (the
// relative difference blows up — absTolerance sets a floor).
// Recompute (local and simple by design): mean of minute `value`s flagged N in [hourStart, +1 h).
// Parameters: factors (null = every factor in the hourly samples), relTolerance (0.05; finding when
//   |hourly − recomputed| > max(relTolerance × |recomputed|, absTolerance)), absTolerance (0),
//   minValidMinutes (45; the HJ 75 "45 valid minutes" rule is unverified, keep it configurable).
//   Hourly samples whose flag is in INVALID_FLAGS are not judged. One finding per hour and factor.
// Severity: high when the difference exceeds 4 × the allowance, medium above 2 ×, else low.
import { INVALID_FLAGS } from '../compliance/types.ts';
import type { Finding, PointSample, Severity } from '../compliance/types.ts';
import { HOUR_MS, factorsIn, mean } from './common.ts';

export interface PeriodMismatchParams {
  factors: readonly string[] | null;
  relTolerance: number;
  absTolerance: number;
  minValidMinutes: number;
}

export const DEFAULT_PERIOD_MISMATCH_PARAMS: Readonly<PeriodMismatchParams> = {
  factors: null,
  relTolerance: 0.05,
  absTolerance: 0,
  minValidMinutes: 45,
};

export interface PeriodMismatchInput {
  /** Minute samples (CN 2051). */
  samples: readonly PointSample[];
  /** Hourly samples (CN 2061), `t` = hour start. */
  hourly: readonly PointSample[];
}

export function periodMismatch(input: PeriodMismatchInput, params: Partial<PeriodMismatchParams> = {}): Finding[] {
  const p = { ...DEFAULT_PERIOD_MISMATCH_PARAMS, ...params };
  const out: Finding[] = [];
  for (const hour of input.hourly) {
    const minutes = input.samples.filter((s) => s.t >= hour.t && s.t < hour.t + HOUR_MS);
    for (const factor of p.factors ?? factorsIn([hour])) {
      const h = hour.factors[factor];
      if (!h || h.value === null || !Number.isFinite(h.value) || (h.flag !== null && INVALID_FLAGS.has(h.flag))) continue;
      const used = minutes.filter((s) => {
        const f = s.factors[factor];
        return f !== undefined && f.flag === 'N' && f.value !== null && Number.isFinite(f.value);
      });
      if (used.length < p.minValidMinutes) continue;
      const recomputed = mean(used.map((s) => s.factors[factor]?.value ?? 0));
      const diff = Math.abs(h.value - recomputed);
      const allowance = Math.max(p.relTolerance * Math.abs(recomputed), p.absTolerance);
      if (diff <= allowance) continue;
      const severity: Severity = diff > 4 * allowance ? 'high' : diff > 2 * allowance ? 'medium' : 'low';
      const frameIds = used.map((s) => s.frameId).filter((id): id is number => id !== undefined);
      out.push({
        kind: 'periodMismatch',
        severity,
        from: hour.t,
        to: hour.t + HOUR_MS,
        factor,
        message: `${factor} hourly value ${h.value} differs from the mean of its ${used.length} valid minutes ${recomputed.toFixed(3)}.`,
        evidence: {
          times: used.map((s) => s.t),
          values: used.map((s) => s.factors[factor]?.value ?? null),
          ...(frameIds.length > 0 ? { frameIds } : {}),
          params: p,
          rule: {
            hourStart: hour.t,
            hourlyValue: h.value,
            hourlyFrameId: hour.frameId ?? null,
            recomputed,
            relDiff: recomputed === 0 ? null : diff / Math.abs(recomputed),
          },
        },
      });
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

export const PERIOD_MISMATCH_DOC = "Logger's hourly value vs the mean of its valid (N) minutes differs beyond tolerance.";
