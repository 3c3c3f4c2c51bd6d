// The shape of GET /api/stats/enforcement (apps/server/src/enforcement/statistics/enforcement-stats.ts).
export type StatsGroupBy = 'region' | 'matter' | 'industry' | 'month';

export const MEASURES = [
  'opened', 'decided', 'fined', 'fineAmount', 'exempted', 'noPenalty', 'waived', 'transferProposed', 'transferSent', 'transferAccepted',
  'rectOrdered', 'rectClosed', 'rectCorrected', 'rectRate', 'rectOnTime', 'rectLate', 'dailyPenaltyRounds', 'dailyPenaltyAmount',
] as const;
export type Measure = (typeof MEASURES)[number];

export interface StatsLink {
  path: string;
  query: Record<string, string>;
}

export interface StatsCell {
  value: number | null;
  link: StatsLink | null;
}

export interface StatsRow {
  key: string;
  label: string;
  cells: Record<Measure, StatsCell>;
}

export interface EnforcementStats {
  period: { from: string; to: string };
  groupBy: StatsGroupBy;
  region: { code: string; name: string };
  available: { rectifications: boolean; dailyPenalties: boolean };
  rows: StatsRow[];
  total: StatsRow;
}
