// Hourly/daily/monthly values, warnings, markings, meters, emission mass, risk scores, scheduled job claims.
import type { Generated } from 'kysely';

export interface PeriodValuesTable {
  point_id: number;
  factor: string;
  period_kind: 'hour' | 'day';
  period_start: number;
  samples: number;
  valid: number;
  status: 'normal' | 'abnormal' | 'insufficient';
  mean: number | null;
  min: number | null;
  max: number | null;
  converted: number | null;
  logger_converted: number | null;
  /** JSON: count per data flag. */
  flags: string;
  computed_at: number;
}

export type WarningStatusColumn = 'new' | 'confirmed' | 'dismissed' | 'dispatched' | 'closed';

export interface WarningsTable {
  id: Generated<number>;
  point_id: number;
  enterprise_id: number;
  region_code: string;
  kind: string;
  factor: string | null;
  severity: 'low' | 'medium' | 'high';
  status: WarningStatusColumn;
  period_from: number;
  period_to: number;
  message: string;
  /** JSON of the finding's evidence and rule. */
  evidence: string;
  created_at: number;
  updated_at: number;
  decided_by: number | null;
  decision_reason: string | null;
  answer: string | null;
  answered_at: number | null;
}

export type MarkingKindColumn = 'startup' | 'shutdown' | 'equipment_fault' | 'maintenance' | 'calibration' | 'production_stopped' | 'other';

export interface MarkingsTable {
  id: Generated<number>;
  point_id: number;
  enterprise_id: number;
  region_code: string;
  kind: MarkingKindColumn;
  /** 1: the span's data are invalid for the exceedance judgement. */
  invalid: number;
  span_from: number;
  /** Exclusive end. */
  span_to: number;
  reason: string;
  attachments: string;
  created_by: number;
  created_at: number;
  withdrawn_at: number | null;
  /** 1: made more than the allowed lateness after the span started. */
  late: number;
  /** 1: the point's readings in the span showed production (flow). */
  production_seen: number;
}

export interface MetersTable {
  id: Generated<number>;
  enterprise_id: number;
  /** The meter logger (a monitoring point) that reports it. */
  point_id: number;
  /** Its factor code in that logger's frames. */
  factor: string;
  role: 'production' | 'treatment';
  /** Treatment: the outlet it abates; null for production equipment. */
  outlet_id: number | null;
  name: string;
  unit: string;
  /** Normal running power, kW; null = estimated from the data. */
  running_kw: number | null;
  /** The meter's id on the electricity-monitoring platform that feeds it (POST /api/meter-feed); null: HJ 212 only. */
  feed_id: string | null;
}

/** Mass a point emitted of one pollutant in one Beijing day (annual permitted quantity). */
export interface EmissionMassTable {
  point_id: number;
  factor: string;
  day_start: number;
  mass_kg: number;
  hours: number;
  computed_at: number;
}

/** Monthly values of a point and factor (Beijing month), recomputed when a day of it closes. */
export interface ComplianceMonthsTable {
  point_id: number;
  factor: string;
  month_start: number;
  /** YYYY-MM, Beijing. */
  month: string;
  days: number;
  valid_days: number;
  mean: number | null;
  max: number | null;
  converted_mean: number | null;
  converted_max: number | null;
  exceeded_days: number;
  mass_kg: number | null;
  mass_days: number;
  computed_at: number;
}

export interface RiskWeightsTable {
  version: number;
  /** JSON of RiskWeights (packages/domain/src/risk). */
  weights: string;
  note: string;
  created_at: number;
  /** Null: the seeded defaults. */
  created_by: number | null;
}


export interface RiskScoresTable {
  enterprise_id: number;
  /** Beijing midnight of the scored day. */
  day_start: number;
  score: number;
  tier: 'high' | 'medium' | 'low';
  weights_version: number;
  /** JSON: RiskContribution[]. */
  contributions: string;
  window_from: number;
  window_to: number;
  computed_at: number;
}

export interface JobRunsTable {
  job: string;
  period_start: number;
  /** Wall-clock ms of the claim. */
  claimed_at: number;
  finished_at: number | null;
  result: string | null;
}
