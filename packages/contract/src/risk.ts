// The violation-risk score (apps/server/src/risk): the ranked list, one enterprise's score with its
// explanation and history, and the weights, as GET /api/risk… answer them.
import type { RiskContribution, RiskFactor, RiskTier, RiskWeights } from '@ecoenforce/domain';

export type { RiskContribution, RiskFactor, RiskTier, RiskWeights };

/** One enterprise in the ranked list; `top`: its three largest contributions that are not static. */
export interface RiskListItem {
  rank: number;
  enterpriseId: number;
  enterpriseName: string;
  regionCode: string;
  industry: string;
  industryCode: string | null;
  managementCategory: string | null;
  score: number;
  tier: RiskTier;
  previousScore: number | null;
  weightsVersion: number;
  top: Array<{ factor: RiskFactor; points: number }>;
}

/** GET /api/risk: the day's ranked list (day null: nothing scored yet), counts by tier over the whole scope. */
export interface RiskList {
  day: number | null;
  counts: Record<RiskTier, number>;
  total: number;
  items: RiskListItem[];
}

/** GET /api/enterprises/:id/risk: the latest score with its contributions, and the daily history (risk/risk.ts). */
export interface EnterpriseRisk {
  current: {
    day: number; score: number; tier: RiskTier; weightsVersion: number; contributions: RiskContribution[]; windowFrom: number; windowTo: number; computedAt: number;
  } | null;
  history: Array<{ day: number; score: number; tier: RiskTier }>;
}

/** A stored version of the weights. */
export interface StoredWeights {
  version: number;
  weights: RiskWeights;
  note: string;
  createdAt: number;
  createdBy: number | null;
}

/** GET /api/risk/weights: the weights in force and the defaults. */
export interface RiskWeightsView extends StoredWeights {
  defaults: RiskWeights;
}

/** PUT /api/risk/weights: the stored version; `recomputed`: enterprises scored again (null without recompute). */
export interface RiskWeightsSaved extends StoredWeights {
  recomputed: number | null;
}
