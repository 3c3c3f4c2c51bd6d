// The weights of the violation-risk score (issue 4 §6b) as data: points per unit of each input, a cap per
// factor, the static points of a permit management category and of an industry, the warning kinds that
// count as fraud, and the tier thresholds. Stored as versioned rows; a stored score names the version it
// used. The defaults are a starting point a bureau is expected to tune: no national weighting exists
// (the double-random scheme only says risk should set the inspection frequency, rules.md §3).

/** The factors of a score, in the order the explanation lists them. */
export const RISK_FACTORS = [
  'exceedance', 'exceedanceMultiple', 'dataQuality', 'fraud', 'transmission', 'markings', 'lateMarkings',
  'penalties', 'rectification', 'tips', 'category', 'industry',
] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];

/** Factors scored as points per unit of a counted input (the rest are lookups: category, industry). */
export const COUNTED_FACTORS = [
  'exceedance', 'exceedanceMultiple', 'dataQuality', 'fraud', 'transmission', 'markings', 'lateMarkings', 'penalties', 'rectification', 'tips',
] as const satisfies readonly RiskFactor[];
export type CountedFactor = (typeof COUNTED_FACTORS)[number];

export type RiskTier = 'high' | 'medium' | 'low';
export type ManagementCategory = 'key' | 'simplified' | 'registration';

export interface RiskWeights {
  /** Days of warnings and markings the score looks back over. */
  windowDays: number;
  /** Days the transmission rate is counted over (minute frames are many: a shorter window). */
  transmissionDays: number;
  /**
   * A minute frame received later than this after its minute ended does not count as transmitted: a logger
   * that backfills after an outage has left that time unsupervised. No national figure; 10 min by default.
   */
  transmissionLateMinutes: number;
  /** Points per unit of each counted input. */
  perUnit: Record<CountedFactor, number>;
  /** At most this many points from each counted factor, so one kind of finding cannot swamp the rest. */
  caps: Record<CountedFactor, number>;
  /** A finding counts this many units by its severity (data-quality and fraud findings). */
  severity: Record<'low' | 'medium' | 'high', number>;
  /** Warning kinds that suggest deliberate falsification rather than a faulty instrument. */
  fraudKinds: string[];
  /** Static points by permit management category; `unknown` when the registry has none. */
  category: Record<ManagementCategory | 'unknown', number>;
  /** Static points by GB/T 4754 code prefix (longest prefix wins), else `industryDefault`. */
  industry: Array<{ prefix: string; points: number; label: string }>;
  industryDefault: number;
  /** score ≥ high → high; ≥ medium → medium; else low. */
  tiers: { high: number; medium: number };
}

// Findings of the window outweigh the static priors (category, industry: at most 8 points together), so a
// clean unit of a risky industry stays below a unit that has actually exceeded or faked data.
export const DEFAULT_RISK_WEIGHTS: Readonly<RiskWeights> = {
  windowDays: 30,
  transmissionDays: 7,
  transmissionLateMinutes: 10,
  perUnit: {
    exceedance: 10, exceedanceMultiple: 10, dataQuality: 5, fraud: 12, transmission: 1, markings: 1, lateMarkings: 5,
    penalties: 10, rectification: 8, tips: 4,
  },
  caps: {
    exceedance: 30, exceedanceMultiple: 30, dataQuality: 20, fraud: 36, transmission: 20, markings: 5, lateMarkings: 20,
    penalties: 30, rectification: 24, tips: 16,
  },
  severity: { low: 1, medium: 1.5, high: 2 },
  fraudKinds: ['zeroWhileFlowing', 'o2Dilution', 'dropAroundInspection', 'treatmentOff'],
  category: { key: 4, simplified: 2, registration: 0, unknown: 2 },
  industry: [
    { prefix: '441', points: 3, label: '火力发电 thermal power' },
    { prefix: '26', points: 4, label: '化学原料和化学制品 chemicals' },
    { prefix: '7820', points: 4, label: '环境卫生管理（垃圾焚烧）waste incineration' },
    { prefix: '4620', points: 3, label: '污水处理 wastewater treatment' },
    { prefix: '22', points: 3, label: '造纸 paper' },
    { prefix: '17', points: 3, label: '纺织（印染）textiles, dyeing' },
  ],
  industryDefault: 1,
  // A single exceedance episode makes a unit medium; repeated or serious ones, or fraud, high.
  tiers: { high: 45, medium: 20 },
};

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Problems with a weights object (empty when it is usable); checked when saved, never when scoring. */
export function weightsProblems(w: RiskWeights): string[] {
  const out: string[] = [];
  const nonNegative = (path: string, v: unknown): void => {
    if (!finite(v) || v < 0) out.push(`${path} must be a number ≥ 0`);
  };
  if (!Number.isInteger(w.windowDays) || w.windowDays < 1 || w.windowDays > 366) out.push('windowDays must be an integer from 1 to 366');
  if (!Number.isInteger(w.transmissionDays) || w.transmissionDays < 1 || w.transmissionDays > w.windowDays) out.push('transmissionDays must be an integer from 1 to windowDays');
  nonNegative('transmissionLateMinutes', w.transmissionLateMinutes);
  for (const f of COUNTED_FACTORS) {
    nonNegative(`perUnit.${f}`, w.perUnit[f]);
    nonNegative(`caps.${f}`, w.caps[f]);
  }
  for (const s of ['low', 'medium', 'high'] as const) nonNegative(`severity.${s}`, w.severity[s]);
  for (const c of ['key', 'simplified', 'registration', 'unknown'] as const) nonNegative(`category.${c}`, w.category[c]);
  nonNegative('industryDefault', w.industryDefault);
  const prefixes = new Set<string>();
  w.industry.forEach((row, i) => {
    if (!/^\d{1,4}$/.test(row.prefix)) out.push(`industry[${i}].prefix must be 1 to 4 digits of a GB/T 4754 code`);
    if (prefixes.has(row.prefix)) out.push(`industry[${i}].prefix ${row.prefix} is listed twice`);
    prefixes.add(row.prefix);
    nonNegative(`industry[${i}].points`, row.points);
  });
  if (w.fraudKinds.some((k) => typeof k !== 'string' || k === '' || k === 'exceedance')) out.push('fraudKinds must be detector kinds other than exceedance');
  if (!finite(w.tiers.medium) || !finite(w.tiers.high) || w.tiers.medium <= 0 || w.tiers.high <= w.tiers.medium) out.push('tiers must satisfy 0 < medium < high');
  return out;
}

/** The tier of a score under the thresholds. */
export function tierOf(score: number, tiers: RiskWeights['tiers']): RiskTier {
  if (score >= tiers.high) return 'high';
  if (score >= tiers.medium) return 'medium';
  return 'low';
}
