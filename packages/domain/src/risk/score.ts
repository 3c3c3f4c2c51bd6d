// The violation-risk score of one enterprise (issue 4 §6b): a sum of points, each factor's points being its
// raw input × its weight, capped per factor, so every score can be explained line by line. Pure: the server
// gathers the inputs from the store; this file only weighs them.
import { tierOf, type CountedFactor, type ManagementCategory, type RiskFactor, type RiskTier, type RiskWeights } from './weights.ts';

export interface RiskInputs {
  /** Exceedance warnings (episodes) over the window, not dismissed: worst multiple and periods each. */
  exceedances: ReadonlyArray<{ worstMultiple: number; periods: number }>;
  /** Other warnings from the detectors over the window, not dismissed. Marking findings are counted from markings. */
  findings: ReadonlyArray<{ kind: string; severity: 'low' | 'medium' | 'high' }>;
  /** Minute frames due and those received on time over the transmission window; null when no point was due to send. */
  transmission: { expected: number; onTime: number } | null;
  /** Markings made in the window that invalidate data; `late` counts those made after the fact or over running production. */
  markings: { made: number; late: number };
  /** Inputs whose source does not exist yet (penalty cases, rectification orders, public tips): null. */
  penalties: number | null;
  rectification: number | null;
  tips: number | null;
  managementCategory: ManagementCategory | null;
  industryCode: string | null;
}

/** One line of a score's explanation. */
export interface RiskContribution {
  factor: RiskFactor;
  /** The input as a number (a count, a sum of multiples, a percentage) or, for lookups, the looked-up key. */
  raw: number | string | null;
  /** Points per unit of raw (counted factors) or the points the lookup gave (category, industry). */
  weight: number;
  points: number;
  /** True when the factor's cap cut the points. */
  capped: boolean;
  /** Facts behind the raw value, for the explanation (counts by kind, received and expected frames …). */
  detail: Record<string, number | string>;
  /** Why a factor reads 0 regardless of the enterprise: 'source_unavailable' (issue 5 brings the data). */
  note?: 'source_unavailable' | 'no_data_due';
}

export interface RiskScore {
  score: number;
  tier: RiskTier;
  contributions: RiskContribution[];
}

const round = (v: number, digits = 2): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** What a finding of this kind counts as: deliberate falsification or a data-quality problem. */
export function findingClass(kind: string, w: Pick<RiskWeights, 'fraudKinds'>): 'fraud' | 'dataQuality' {
  return w.fraudKinds.includes(kind) ? 'fraud' : 'dataQuality';
}

/** Points of the GB/T 4754 code under the weights' industry table (longest matching prefix). */
export function industryPoints(code: string | null, w: Pick<RiskWeights, 'industry' | 'industryDefault'>): { points: number; prefix: string | null } {
  let best: { points: number; prefix: string } | null = null;
  if (code !== null) for (const row of w.industry) if (code.startsWith(row.prefix) && (best === null || row.prefix.length > best.prefix.length)) best = row;
  return best === null ? { points: w.industryDefault, prefix: null } : { points: best.points, prefix: best.prefix };
}

export function scoreRisk(inputs: RiskInputs, w: RiskWeights): RiskScore {
  const out: RiskContribution[] = [];
  const counted = (factor: CountedFactor, raw: number | null, detail: RiskContribution['detail'], note?: RiskContribution['note']): void => {
    const weight = w.perUnit[factor];
    const uncapped = (raw ?? 0) * weight;
    const points = Math.min(uncapped, w.caps[factor]);
    const c: RiskContribution = { factor, raw: raw === null ? null : round(raw), weight, points: round(points), capped: uncapped > w.caps[factor], detail };
    if (note !== undefined) c.note = note;
    out.push(c);
  };

  const hours = inputs.exceedances.reduce((n, e) => n + e.periods, 0);
  const worst = inputs.exceedances.reduce((m, e) => Math.max(m, e.worstMultiple), 0);
  counted('exceedance', inputs.exceedances.length, { episodes: inputs.exceedances.length, periods: hours });
  // A multiple of 1 is twice the limit; negative multiples cannot occur in an exceedance but are floored anyway.
  const multiples = inputs.exceedances.reduce((s, e) => s + Math.max(0, e.worstMultiple), 0);
  counted('exceedanceMultiple', multiples, { worstMultiple: round(worst) });

  for (const cls of ['dataQuality', 'fraud'] as const) {
    const mine = inputs.findings.filter((f) => findingClass(f.kind, w) === cls);
    const detail: Record<string, number> = {};
    for (const f of mine) detail[f.kind] = (detail[f.kind] ?? 0) + 1;
    counted(cls, mine.reduce((s, f) => s + w.severity[f.severity], 0), detail);
  }

  const t = inputs.transmission;
  if (t === null || t.expected <= 0) counted('transmission', 0, {}, 'no_data_due');
  else {
    const missing = Math.max(0, 1 - t.onTime / t.expected) * 100;
    counted('transmission', missing, { expected: t.expected, onTime: t.onTime, rate: round((t.onTime / t.expected) * 100) });
  }

  counted('markings', inputs.markings.made, { made: inputs.markings.made });
  counted('lateMarkings', inputs.markings.late, { late: inputs.markings.late });

  for (const factor of ['penalties', 'rectification', 'tips'] as const) {
    const raw = inputs[factor];
    counted(factor, raw, {}, raw === null ? 'source_unavailable' : undefined);
  }

  const category = inputs.managementCategory ?? 'unknown';
  out.push({ factor: 'category', raw: category, weight: w.category[category], points: w.category[category], capped: false, detail: {} });
  const ind = industryPoints(inputs.industryCode, w);
  out.push({ factor: 'industry', raw: inputs.industryCode, weight: ind.points, points: ind.points, capped: false, detail: ind.prefix === null ? {} : { prefix: ind.prefix } });

  const score = round(Math.min(100, out.reduce((s, c) => s + c.points, 0)), 1);
  return { score, tier: tierOf(score, w.tiers), contributions: out };
}

/** Ids ranked by score, highest first; ties by id so a ranking is reproducible. */
export function rankByScore<T extends { id: number; score: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.score - a.score || a.id - b.id);
}

/** Share of the first k ranked ids that are relevant (k = the number of relevant ids when omitted). */
export function precisionAtK(ranked: readonly number[], relevant: ReadonlySet<number>, k = relevant.size): number {
  if (k <= 0) return 1;
  return ranked.slice(0, k).filter((id) => relevant.has(id)).length / k;
}
