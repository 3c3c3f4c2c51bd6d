// Shared building blocks of the detectors: minute arithmetic, validity of a factor's sample, merging
// consecutive qualifying minutes into runs, evidence and the duration-based severity scale.
// Pure: no I/O, no clock. Runs break on any missing minute (a gap is not evidence either way).
import { INVALID_FLAGS } from '../compliance/types.ts';
import type { Finding, PointSample, Severity } from '../compliance/types.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** HJ 212-2017 factor codes the defaults use. */
export const FACTOR = {
  SO2: 'a21026',
  NOX: 'a21002',
  PM: 'a34013',
  O2: 'a19001',
  GAS_FLOW: 'a00000',
  FLUE_TEMP: 'a01012',
  COD: 'w01018',
  NH3N: 'w21003',
  WATER_FLOW: 'w00000',
} as const;

/** Gas pollutants whose concentration the defaults watch. */
export const GAS_POLLUTANTS: readonly string[] = [FACTOR.SO2, FACTOR.NOX, FACTOR.PM];

/** Detector definition as listed in the registry. */
export interface DetectorDef<I, P> {
  id: string;
  run: (input: I, params?: Partial<P>) => Finding[];
  defaults: Readonly<P>;
  doc: string;
}

/** The factor's value when it can prove something: flag not invalid (rules.md §1) and a finite number. */
export function validValue(s: PointSample, factor: string): number | null {
  const f = s.factors[factor];
  if (!f || f.value === null || !Number.isFinite(f.value)) return null;
  if (f.flag !== null && INVALID_FLAGS.has(f.flag)) return null;
  return f.value;
}

/** Minute bucket of an instant (samples carry period starts; meters may be a few seconds off). */
export function minuteOf(t: number): number {
  return Math.floor(t / MINUTE_MS) * MINUTE_MS;
}

/**
 * Splits items (sorted by t) into maximal runs of consecutive minutes where `qualifies` holds, and
 * keeps those of at least `minMinutes` items. A missing minute ends a run.
 */
export function qualifyingRuns<T extends { t: number }>(
  items: readonly T[],
  qualifies: (item: T) => boolean,
  minMinutes: number,
): T[][] {
  const out: T[][] = [];
  let run: T[] = [];
  const close = (): void => {
    if (run.length >= minMinutes && run.length > 0) out.push(run);
    run = [];
  };
  for (const item of items) {
    if (!qualifies(item)) {
      close();
      continue;
    }
    const last = run[run.length - 1];
    if (last && item.t - last.t !== MINUTE_MS) close();
    run.push(item);
  }
  close();
  return out;
}

/** Evidence of one factor over samples: times, values and frame ids where every sample has one. */
export function factorEvidence(
  samples: readonly PointSample[],
  factor: string,
  params: Readonly<Record<string, unknown>>,
  rule?: Readonly<Record<string, unknown>>,
): Finding['evidence'] {
  const ev: Finding['evidence'] = {
    times: samples.map((s) => s.t),
    values: samples.map((s) => s.factors[factor]?.value ?? null),
    params,
  };
  const frames = samples.map((s) => s.frameId).filter((id): id is number => id !== undefined);
  if (frames.length > 0) ev.frameIds = frames;
  if (rule) ev.rule = rule;
  return ev;
}

const ORDER: readonly Severity[] = ['low', 'medium', 'high'];

/**
 * Duration scale shared by the run detectors: a run up to 2× the minimum is `base`, up to 4× one
 * step higher, longer two steps higher (capped at high).
 */
export function durationSeverity(minutes: number, minMinutes: number, base: Severity): Severity {
  const steps = minutes >= 4 * minMinutes ? 2 : minutes >= 2 * minMinutes ? 1 : 0;
  return ORDER[Math.min(ORDER.indexOf(base) + steps, 2)] ?? 'high';
}

/** Span of a run of minute items: first minute to last minute + 60 s. */
export function runSpan(run: readonly { t: number }[]): { from: number; to: number } {
  const first = run[0];
  const last = run[run.length - 1];
  if (!first || !last) throw new RangeError('empty run');
  return { from: first.t, to: last.t + MINUTE_MS };
}

/** Factor codes present in any sample, sorted (the default factor set of some detectors). */
export function factorsIn(samples: readonly PointSample[]): string[] {
  const set = new Set<string>();
  for (const s of samples) for (const k of Object.keys(s.factors)) set.add(k);
  return [...set].sort();
}

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}
