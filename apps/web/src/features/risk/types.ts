// Shapes of the risk API (apps/server/src/risk/routes/risk.ts), kept beside the pages that use them.
export type RiskTier = 'high' | 'medium' | 'low';

export interface RiskContribution {
  factor: string;
  raw: number | string | null;
  weight: number;
  points: number;
  capped: boolean;
  detail: Record<string, number | string>;
  note?: 'source_unavailable' | 'no_data_due';
}

export interface RiskList {
  day: number | null;
  counts: Record<RiskTier, number>;
  total: number;
  items: Array<{
    rank: number; enterpriseId: number; enterpriseName: string; regionCode: string; industry: string; industryCode: string | null; managementCategory: string | null;
    score: number; tier: RiskTier; previousScore: number | null; weightsVersion: number; top: Array<{ factor: string; points: number }>;
  }>;
}

export interface EnterpriseRisk {
  current: {
    day: number; score: number; tier: RiskTier; weightsVersion: number; contributions: RiskContribution[]; windowFrom: number; windowTo: number; computedAt: number;
  } | null;
  history: Array<{ day: number; score: number; tier: RiskTier }>;
}

export interface RiskWeightsView {
  version: number;
  note: string;
  createdAt: number;
  weights: { tiers: { high: number; medium: number }; windowDays: number; transmissionDays: number };
}
