// Enforcement statistics (apps/server/src/enforcement/statistics): GET /api/stats/enforcement, its figures by
// region, matter, industry or month, each cell with the list request of what it counts.
export type StatsGroupBy = 'region' | 'matter' | 'industry' | 'month';

/** The figures, in the order of the server's MEASURES (enforcement-stats.ts). */
export type Measure =
  | 'opened' | 'decided' | 'fined' | 'fineAmount' | 'exempted' | 'noPenalty' | 'waived' | 'transferProposed' | 'transferSent' | 'transferAccepted'
  | 'rectOrdered' | 'rectClosed' | 'rectCorrected' | 'rectRate' | 'rectOnTime' | 'rectLate' | 'dailyPenaltyRounds' | 'dailyPenaltyAmount';

/** The period of a statistics query: Beijing calendar dates, both ends included, and the instants they span. */
export interface StatsPeriod {
  /** 'YYYY-MM-DD', Beijing, included. */
  from: string;
  /** 'YYYY-MM-DD', Beijing, included. */
  to: string;
  /** 00:00 Beijing of `from`. */
  fromAt: number;
  /** 00:00 Beijing of the day after `to`: the window is [fromAt, toAt). */
  toAt: number;
}

/** A list request: the API path and its query parameters. */
export interface StatsLink {
  path: string;
  query: Record<string, string>;
}

export interface StatsCell {
  /** Counts, yuan (fineAmount, dailyPenaltyAmount) or a ratio 0–1 (rectRate; null when nothing closed). */
  value: number | null;
  /** The list of what the figure counts; null where the source table does not exist. */
  link: StatsLink | null;
}

export interface StatsRow {
  /** Region code, matter code, industry code (or 'none'), 'YYYY-MM'; 'total' for the total row. */
  key: string;
  label: string;
  cells: Record<Measure, StatsCell>;
}

/** GET /api/stats/enforcement (format json). */
export interface EnforcementStats {
  period: StatsPeriod;
  groupBy: StatsGroupBy;
  region: { code: string; name: string };
  /** False: that table is not there yet, its figures are null. */
  available: { rectifications: boolean; dailyPenalties: boolean };
  rows: StatsRow[];
  total: StatsRow;
}
