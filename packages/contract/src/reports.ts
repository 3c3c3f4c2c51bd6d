// Reports (apps/server/src/reports): the monthly notification of a region and the weekly serious-exceedance
// list, as GET /api/reports/monthly and /api/reports/weekly answer them in JSON.

/** A region's figures for one month (reports/monthly.ts). */
export interface MonthFigures {
  /** Enterprises with at least one active monitoring point: the units under automatic monitoring. */
  units: number;
  points: number;
  expectedMinutes: number;
  receivedMinutes: number;
  /** received ÷ expected minutes; null when no minute was expected. */
  transmissionRate: number | null;
  /** Hourly values over their limit (each point × factor × hour once), from exceedance warnings not dismissed. */
  exceededHours: number;
  /** Daily values over a daily limit (wastewater plants, incinerators), counted the same way. */
  exceededDays: number;
  exceedanceUnits: number;
  /** Warnings raised in the month, and where they stand now. */
  warnings: number;
  warningsByKind: Record<string, number>;
  pending: number;
  confirmed: number;
  dismissed: number;
  dispatched: number;
  closed: number;
  /**
   * Units supervised (督办) in the month: those with a confirmed (or later) warning raised in the month, and
   * those where an officer finished a task in the month (a tip, a draw, a joint request: tasks, issue 5 §1).
   */
  supervised: number;
  /** Units whose order to correct was found corrected at re-inspection in the month (rectifiedUnits below). */
  rectified: number;
  /** Units served a penalty decision in the month (penalisedUnits below). */
  punished: number;
}

export interface MonthlyRow {
  regionCode: string;
  regionName: string;
  current: MonthFigures;
  previous: MonthFigures;
}

/** GET /api/reports/monthly. */
export interface MonthlyReport {
  month: string;
  previousMonth: string;
  from: number;
  to: number;
  /** The caller's region: the subject of the notice. */
  region: { code: string; name: string; level: 'province' | 'city' | 'county' };
  rows: MonthlyRow[];
  total: { current: MonthFigures; previous: MonthFigures };
}

/** A unit with exceedances in the week (reports/weekly.ts). */
export interface WeeklyRow {
  enterpriseId: number;
  enterpriseName: string;
  regionCode: string;
  exceededHours: number;
  /** Days whose daily mean exceeded a daily limit (wastewater plants, incinerators), counted apart from hours. */
  exceededDays: number;
  /** The largest value over its limit, as value / limit. */
  worstRatio: number;
  serious: boolean;
  factors: string[];
  /** The factors' names from the HJ 212 table, in the order of `factors` (the code where the table lacks it). */
  factorNames: string[];
  factorNamesEn: string[];
  previousHours: number;
  /** Statuses of last week's exceedance warnings of the unit (follow-up). */
  previousStatuses: Record<string, number>;
}

/** GET /api/reports/weekly: the week from Monday 00:00 Beijing, serious units first. */
export interface WeeklyReport {
  weekStart: number;
  weekEnd: number;
  rows: WeeklyRow[];
}
