// The proportions of the double-random draw (issue 5 §2) as data, with their source and a validator.
// rules.md §3 [W11]: per quarter a city bureau inspects at least 5 % of key dischargers, a county bureau at
// least 25 %; risk-tiered local schemes: Chizhou 25 % of its key-supervision tier, 15 % of the special tier,
// 5 % of the general tier per quarter; Fuzhou covers its "special" units fully each quarter.
import type { RiskTier } from '../risk/weights.ts';
import type { RegionLevel } from '../region.ts';

export const DRAW_TIERS = ['high', 'medium', 'low'] as const satisfies readonly RiskTier[];

/**
 * Whose officers a draw may send. 'own': the drawing bureau's own staff only (officers whose region is the
 * drawing region itself). 'withBranches': after the vertical reform of environmental enforcement, county
 * bureaus became branches (分局) of the city bureau, so a city's draw may also send its branches' staff; each
 * branch officer only to units within the branch's own area, the jurisdiction every other assignment of a
 * task checks (apps/server task-work.ts). Only a city draw may use branches: other bureaus have none.
 */
export const OFFICER_POOLS = ['own', 'withBranches'] as const;
export type OfficerPool = (typeof OFFICER_POOLS)[number];

export interface DrawPolicy {
  id: string;
  version: number;
  /**
   * Percent of each risk tier's on-site pool drawn in one draw (at most two decimals). The defaults assume
   * one draw per quarter, the period the statutory minimum is stated for [W11].
   */
  tierPercent: Record<RiskTier, number>;
  /**
   * The statutory floor for key dischargers (重点排污单位) by the level of the drawing bureau, in percent of
   * the key units in the on-site pool. Key units are drawn at the higher of this and their tier's percent.
   */
  keyUnitMinimumPercent: Record<RegionLevel, number>;
  /** Officers sent to each object; at least two, as every inspection needs two officers (issue 5 §1). */
  officersPerObject: number;
  /**
   * An officer who inspected a unit within this many days before the draw is not sent there again, so the
   * same person does not keep visiting the same unit. 0 turns the rule off.
   */
  recentInspectionDays: number;
  /**
   * Whose officers may be drawn (see OFFICER_POOLS). Missing means 'own': policies and stored draws from
   * before the field was added drew only the bureau's own staff.
   */
  officerPool?: OfficerPool | undefined;
  /** Where the numbers come from. */
  source: string;
}

// Tier percents: Chizhou's scheme mapped onto the risk score's tiers (high ↔ key supervision 25 %,
// medium ↔ special 15 %, low ↔ general 5 %) [W11]. Every tier is at least the city floor of 5 %, and key
// units are lifted to 25 % at a county bureau, so the defaults meet the statutory minimum at both levels.
// A Fuzhou-style bureau sets tierPercent.high to 100 to cover its highest tier fully [W11].
// No provincial floor was found in rules.md; a province drawing directly uses the city figure, the lower of
// the two known floors, which a bureau can raise.
export const DEFAULT_DRAW_POLICY: Readonly<DrawPolicy> = {
  id: 'default',
  version: 1,
  tierPercent: { high: 25, medium: 15, low: 5 },
  keyUnitMinimumPercent: { province: 5, city: 5, county: 25 },
  officersPerObject: 2,
  recentInspectionDays: 0,
  officerPool: 'own',
  source: 'rules.md §3 [W11]: city ≥ 5 %, county ≥ 25 % of key dischargers per quarter; Chizhou 25/15/5 % by risk tier',
};

export interface DrawPolicyProblem {
  path: string;
  message: string;
}

const isPercent = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100 && Math.abs(v * 100 - Math.round(v * 100)) < 1e-9;

/** Problems with a policy as stored or submitted; empty when it can be used. */
export function drawPolicyProblems(p: DrawPolicy): DrawPolicyProblem[] {
  const out: DrawPolicyProblem[] = [];
  if (typeof p.id !== 'string' || p.id.trim() === '') out.push({ path: 'id', message: 'id must be non-empty text' });
  if (!Number.isInteger(p.version) || p.version < 1) out.push({ path: 'version', message: 'version must be a positive integer' });
  for (const t of DRAW_TIERS) {
    if (!isPercent(p.tierPercent?.[t])) out.push({ path: `tierPercent.${t}`, message: 'must be a percent from 0 to 100 with at most two decimals' });
  }
  for (const l of ['province', 'city', 'county'] as const) {
    if (!isPercent(p.keyUnitMinimumPercent?.[l])) out.push({ path: `keyUnitMinimumPercent.${l}`, message: 'must be a percent from 0 to 100 with at most two decimals' });
  }
  // Below the statutory floor the policy would draw fewer key units than the law asks [W11].
  if (isPercent(p.keyUnitMinimumPercent?.city) && p.keyUnitMinimumPercent.city < 5) out.push({ path: 'keyUnitMinimumPercent.city', message: 'a city bureau must draw at least 5 % of key dischargers per quarter [W11]' });
  if (isPercent(p.keyUnitMinimumPercent?.county) && p.keyUnitMinimumPercent.county < 25) out.push({ path: 'keyUnitMinimumPercent.county', message: 'a county bureau must draw at least 25 % of key dischargers per quarter [W11]' });
  if (!Number.isInteger(p.officersPerObject) || p.officersPerObject < 2 || p.officersPerObject > 10) out.push({ path: 'officersPerObject', message: 'at least two officers per object, at most ten' });
  if (!Number.isInteger(p.recentInspectionDays) || p.recentInspectionDays < 0 || p.recentInspectionDays > 3660) out.push({ path: 'recentInspectionDays', message: 'must be a whole number of days from 0 to 3660' });
  if (p.officerPool !== undefined && !(OFFICER_POOLS as readonly unknown[]).includes(p.officerPool)) out.push({ path: 'officerPool', message: 'must be own or withBranches' });
  if (typeof p.source !== 'string' || p.source.trim() === '') out.push({ path: 'source', message: 'a policy must name its source' });
  return out;
}

/** The policy's officer pool; a policy without the field (stored before it existed) draws its own staff. */
export const officerPoolOf = (p: Pick<DrawPolicy, 'officerPool'>): OfficerPool => p.officerPool ?? 'own';

/**
 * How many of `pool` units a percent asks for: rounded up, so the share drawn is never below the percent
 * and a non-empty stratum with a positive percent always yields at least one unit. Integer arithmetic in
 * hundredths of a percent, because a float product such as 0.07 × 100 = 7.000000000000001 would round up
 * to 8.
 */
export function drawQuota(pool: number, percent: number): number {
  const hundredths = Math.round(percent * 100);
  return Math.min(pool, Math.floor((pool * hundredths + 9_999) / 10_000));
}
