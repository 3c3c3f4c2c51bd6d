// Builds minute series for the detector tests: deterministic noise (seeded), per-minute overrides,
// flags and gaps, so a test states its injected problem in one line.
import type { MeterSample, PointSample } from '../compliance/types.ts';
import { MINUTE_MS } from './common.ts';

/** 2026-03-02T00:00:00Z (a Monday, 08:00 Beijing time). */
export const T0 = Date.UTC(2026, 2, 2);

/** mulberry32: small seeded PRNG so "noise" is the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A value per minute index, or a base level with ± relative noise. */
export type Gen = ((i: number) => number | null) | { level: number; noise: number };

export interface SeriesSpec {
  minutes: number;
  start?: number;
  factors: Record<string, Gen>;
  /** Flag of factor at minute i (default 'N'). */
  flag?: (i: number, factor: string) => string;
  /** Minute indexes with no sample at all. */
  gaps?: (i: number) => boolean;
  seed?: number;
}

export function series(spec: SeriesSpec): PointSample[] {
  const rand = rng(spec.seed ?? 1);
  const start = spec.start ?? T0;
  const out: PointSample[] = [];
  for (let i = 0; i < spec.minutes; i++) {
    const factors: Record<string, { value: number | null; flag: string }> = {};
    for (const [code, gen] of Object.entries(spec.factors)) {
      const r = rand();
      const value = typeof gen === 'function' ? gen(i) : gen.level * (1 + gen.noise * (2 * r - 1));
      factors[code] = { value, flag: spec.flag ? spec.flag(i, code) : 'N' };
    }
    if (spec.gaps?.(i)) continue;
    out.push({ t: start + i * MINUTE_MS, factors, frameId: 1000 + i });
  }
  return out;
}

/** One meter's minute readings. */
export function meter(
  role: MeterSample['role'],
  name: string,
  minutes: number,
  kw: (i: number) => number,
  start = T0,
): MeterSample[] {
  return Array.from({ length: minutes }, (_, i) => ({ t: start + i * MINUTE_MS + 5_000, role, meter: name, value: kw(i) }));
}

/** Noisy level helper for generator functions. */
export function noisy(level: number, noise: number, seed = 7): (i: number) => number {
  const rand = rng(seed);
  return () => level * (1 + noise * (2 * rand() - 1));
}
