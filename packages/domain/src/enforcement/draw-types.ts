// The inputs, the record and the errors of the double-random draw (issue 5 §2). The record is plain JSON:
// it is stored with the audit log and, after the visits, published (see draw-public.ts).
import type { RiskTier } from '../risk/weights.ts';
import type { RegionLevel } from '../region.ts';
import type { DrawPolicy, OfficerPool } from './draw-policy.ts';

/** One unit of the region's directory, as the draw sees it. */
export interface DrawCandidate {
  /** Enterprise id (unified social credit code); the draw sorts by it, so input order never matters. */
  id: string;
  regionCode: string;
  /** From the violation-risk score (packages/domain/src/risk). */
  tier: RiskTier;
  /** A key discharge unit (重点排污单位): subject to the statutory floor [W11]. */
  keyUnit: boolean;
  /** On the positive list (正面清单) [W10]. */
  positiveList: boolean;
  /** Has warnings not yet closed; a listed unit with warnings is inspected on site like any other [W10]. */
  openWarnings: boolean;
}

export interface DrawOfficer {
  id: string;
  regionCode: string;
}

/** A declared or known conflict of interest between an officer and a unit (recusal, 回避). */
export interface OfficerConflict {
  officerId: string;
  enterpriseId: string;
  reason: string;
}

/** An earlier inspection, for the policy's recent-inspection rule. */
export interface PastInspection {
  officerId: string;
  enterpriseId: string;
  /** Epoch milliseconds. */
  at: number;
}

export interface DrawInputs {
  /** The public seed, e.g. from drawSeed(); the whole draw follows from it and the inputs below. */
  seed: string;
  /** GB/T 2260 code of the drawing bureau's region; its level sets the statutory floor. */
  regionCode: string;
  /** The period drawn for, e.g. "2026-Q2". */
  period: string;
  /** When the draw is made (epoch ms); the recent-inspection rule counts back from here. */
  drawnAt: number;
  /** The lists stay secret until the visits [W11]; the record may be published from this time (epoch ms). */
  publishableAfter: number;
  policy: DrawPolicy;
  candidates: readonly DrawCandidate[];
  officers: readonly DrawOfficer[];
  conflicts: readonly OfficerConflict[];
  pastInspections: readonly PastInspection[];
}

export type DrawErrorCode =
  | 'bad_seed' | 'bad_region' | 'bad_period' | 'bad_time' | 'bad_policy'
  | 'bad_candidate' | 'duplicate_candidate' | 'candidate_out_of_region'
  | 'bad_officer' | 'duplicate_officer' | 'bad_conflict' | 'bad_past_inspection'
  | 'too_few_officers';

export interface DrawError {
  code: DrawErrorCode;
  message: string;
  /** Where in the inputs, e.g. "candidates.3.tier". */
  path?: string;
  /** For too_few_officers: the object that cannot be staffed and how many officers could go. */
  enterpriseId?: string;
  eligibleOfficers?: number;
}

/** sub_region: an officer of a branch (a sub-region's bureau) while the policy draws the bureau's own staff. */
export type OfficerExclusionReason = 'other_region' | 'sub_region' | 'conflict_of_interest' | 'recent_inspection';

export interface OfficerExclusion {
  officerId: string;
  /** null when the officer is out of the whole draw (other_region, sub_region). */
  enterpriseId: string | null;
  reason: OfficerExclusionReason;
  /** The declared conflict's text, the date of the earlier inspection, or the officer's region. */
  detail: string;
}

export interface DrawStratum {
  tier: RiskTier;
  keyUnit: boolean;
  /** Units of this tier and kind in the on-site pool. */
  pool: number;
  /** Percent applied: the tier's, or for key units the higher of it and the statutory floor. */
  percent: number;
  drawn: number;
}

export interface DrawTierSummary {
  tier: RiskTier;
  pool: number;
  drawn: number;
  /** drawn / pool in percent, two decimals; 0 for an empty pool. */
  achievedPercent: number;
  policyPercent: number;
}

export interface DrawStatutory {
  bureauLevel: RegionLevel;
  minimumPercent: number;
  /** Key units in the whole directory, positive-listed included. */
  keyUnitsInDirectory: number;
  /** Key units eligible for an on-site visit (the base of the floor). */
  keyUnitsOnSitePool: number;
  keyUnitsDrawn: number;
  /** Positive-listed key units without warnings, checked off site instead [W10]. */
  keyUnitsOffSite: number;
  achievedPercent: number;
  met: boolean;
  source: string;
}

export interface DrawnObject {
  enterpriseId: string;
  regionCode: string;
  tier: RiskTier;
  keyUnit: boolean;
  positiveList: boolean;
  openWarnings: boolean;
  /** Distinct officer ids, in the order drawn. */
  officers: string[];
}

export interface OffSiteObject {
  enterpriseId: string;
  regionCode: string;
  tier: RiskTier;
  keyUnit: boolean;
}

export interface DrawAlgorithm {
  name: string;
  version: number;
  prng: string;
  shuffle: string;
  countRule: string;
}

export interface DrawRecord {
  algorithm: DrawAlgorithm;
  seed: string;
  regionCode: string;
  period: string;
  drawnAt: number;
  publishableAfter: number;
  /** officerPool only when it is not 'own' (draw-policy.ts OFFICER_POOLS). */
  policy: { id: string; version: number; officerPool?: OfficerPool };
  /** SHA-256 of the canonical JSON of the inputs (arrays sorted), so a re-run can show it used the same. */
  inputsDigest: string;
  /** SHA-256 of the canonical JSON of objects and offSite: publishable at once as a commitment. */
  resultDigest: string;
  strata: DrawStratum[];
  tiers: DrawTierSummary[];
  statutory: DrawStatutory;
  objects: DrawnObject[];
  offSite: OffSiteObject[];
  exclusions: OfficerExclusion[];
  officerLoad: Array<{ officerId: string; objects: number }>;
}

export type DrawResult = { ok: true; record: DrawRecord } | { ok: false; error: DrawError };
