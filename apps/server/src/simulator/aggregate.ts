// Period statistics as a data logger computes them: minute values from the instantaneous samples, hour
// values from the minutes, day values from the hours (HJ 212-2017 §6.6.4: -Min/-Avg/-Max/-Cou).
import { type Kind, profileOf } from './factors.ts';
import type { DataFlag, Reading } from './values.ts';

export interface FactorStats {
  code: string;
  min: number;
  avg: number;
  max: number;
  zsMin?: number;
  zsAvg?: number;
  zsMax?: number;
  /** Emission mass (kg) for pollutants, volume (m3) for flows, over the period. */
  cou?: number;
  /** Number of samples behind the statistics (for weighting merges). */
  n: number;
  flags: Partial<Record<DataFlag, number>>;
}

/** Statistics of one factor over samples taken within one period. */
export function statsOf(code: string, readings: readonly Reading[]): FactorStats {
  const s: FactorStats = { code, min: Infinity, avg: 0, max: -Infinity, n: 0, flags: {} };
  let zsSum = 0;
  let zsN = 0;
  for (const r of readings) {
    s.min = Math.min(s.min, r.value);
    s.max = Math.max(s.max, r.value);
    s.avg += r.value;
    s.n++;
    s.flags[r.flag] = (s.flags[r.flag] ?? 0) + 1;
    if (r.zs !== undefined) {
      s.zsMin = Math.min(s.zsMin ?? Infinity, r.zs);
      s.zsMax = Math.max(s.zsMax ?? -Infinity, r.zs);
      zsSum += r.zs;
      zsN++;
    }
  }
  if (s.n > 0) s.avg /= s.n;
  if (zsN > 0) s.zsAvg = zsSum / zsN;
  return s;
}

/** Adds -Cou to minute statistics: flow volume from the mean flow rate, pollutant mass from mean × volume. */
export function addTotals(kind: Kind, stats: Map<string, FactorStats>, periodSeconds: number): void {
  if (kind === 'meter') {
    // Energy of the period: mean power (kW) × hours.
    for (const s of stats.values()) if (profileOf(s.code).cou) s.cou = (s.avg * periodSeconds) / 3600;
    return;
  }
  const flowCode = kind === 'air' ? 'a00000' : 'w00000';
  const flow = stats.get(flowCode);
  // a00000 is m3/s; w00000 is L/s (HJ 212-2017 Table B.1/B.2). Both totals are m3.
  const volume = flow === undefined ? undefined : (flow.avg * periodSeconds) / (kind === 'air' ? 1 : 1000);
  for (const s of stats.values()) {
    const profile = profileOf(s.code);
    if (!profile.cou) continue;
    if (s.code === flowCode) s.cou = volume;
    // mg/m3 × m3 → kg is /1e6; mg/L × m3 = g → kg is /1e3.
    else if (volume !== undefined) s.cou = (s.avg * volume) / (kind === 'air' ? 1e6 : 1e3);
  }
}

/** Running merge of shorter periods into a longer one (minutes → hour, hours → day). */
export class PeriodAccumulator {
  private readonly byCode = new Map<string, FactorStats>();

  get empty(): boolean {
    return this.byCode.size === 0;
  }

  add(stats: Iterable<FactorStats>): void {
    for (const s of stats) {
      const a = this.byCode.get(s.code);
      if (a === undefined) {
        this.byCode.set(s.code, { ...s, flags: { ...s.flags } });
        continue;
      }
      const n = a.n + s.n;
      a.avg = (a.avg * a.n + s.avg * s.n) / n;
      a.min = Math.min(a.min, s.min);
      a.max = Math.max(a.max, s.max);
      if (s.zsAvg !== undefined) {
        a.zsAvg = a.zsAvg === undefined ? s.zsAvg : (a.zsAvg * a.n + s.zsAvg * s.n) / n;
        a.zsMin = Math.min(a.zsMin ?? Infinity, s.zsMin ?? Infinity);
        a.zsMax = Math.max(a.zsMax ?? -Infinity, s.zsMax ?? -Infinity);
      }
      if (s.cou !== undefined) a.cou = (a.cou ?? 0) + s.cou;
      a.n = n;
      for (const [f, c] of Object.entries(s.flags) as [DataFlag, number][]) a.flags[f] = (a.flags[f] ?? 0) + c;
    }
  }

  /** The merged statistics, and a fresh start for the next period. */
  take(): Map<string, FactorStats> {
    const out = new Map(this.byCode);
    this.byCode.clear();
    return out;
  }
}

/**
 * The flag of an aggregate (HJ 212-2017 Appendix C notes): for flue gas the value is normal when at least
 * 75 % of its samples are; for wastewater one abnormal sample makes it abnormal. The abnormal flag reported
 * is the most frequent one.
 */
export function aggregateFlag(kind: Kind, flags: Partial<Record<DataFlag, number>>): DataFlag {
  let total = 0;
  let worst: DataFlag = 'N';
  let worstCount = 0;
  for (const [f, c] of Object.entries(flags) as [DataFlag, number][]) {
    total += c;
    if (f !== 'N' && c > worstCount) {
      worst = f;
      worstCount = c;
    }
  }
  const normal = flags.N ?? 0;
  if (total === 0) return 'N';
  if (kind !== 'water') return normal / total >= 0.75 ? 'N' : worst;
  return normal === total ? 'N' : worst;
}
