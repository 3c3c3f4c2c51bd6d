// Kysely table interfaces, one per table created by migrations/. Times are epoch milliseconds UTC held in
// bigint columns (pg's int8 parser is set to Number in connect.ts; they stay far below 2^53).
import type { Generated } from 'kysely';

export type RegionLevelColumn = 'province' | 'city' | 'county';

export interface RegionsTable {
  code: string;
  name: string;
  level: RegionLevelColumn;
  parent_code: string | null;
}

/** 排污许可 重点管理 / 简化管理 / 登记管理. */
export type ManagementCategoryColumn = 'key' | 'simplified' | 'registration';

export interface EnterprisesTable {
  id: Generated<number>;
  uscc: string;
  name: string;
  region_code: string;
  industry: string;
  address: string;
  lat: number;
  lng: number;
  created_at: number;
  /** GB/T 4754-2017 class code, e.g. '4411'; null when not yet registered. */
  industry_code: string | null;
  management_category: ManagementCategoryColumn | null;
  /** 0/1: on the key-discharger lists for air, water, soil, hazardous waste; carbon key emitter (CET). */
  key_air: Generated<number>;
  key_water: Generated<number>;
  key_soil: Generated<number>;
  key_hazardous_waste: Generated<number>;
  carbon_key_emitter: Generated<number>;
}

export interface OutletsTable {
  id: Generated<number>;
  enterprise_id: number;
  /** DA001 (air), DW001 (water), as in the discharge permit. */
  code: string;
  kind: 'air' | 'water';
  name: string;
}

export interface MonitoringPointsTable {
  id: Generated<number>;
  outlet_id: number;
  mn: string;
  pw: string;
  /** Comma-separated CrcVariant list. */
  crc_variants: string;
  protocol_version: string;
  /** HJ 212 system code: '31' flue gas, '32' surface/waste water. */
  st: string;
  /** JSON array of factor codes. */
  factors: string;
  /** 1 active, 0 retired (an integer on both dialects so one type serves both). */
  active: number;
  /** Null = the enterprise's location. */
  lat: number | null;
  lng: number | null;
}

export type DeviceKindColumn = 'analyzer' | 'flowmeter' | 'logger' | 'sampler' | 'other';

export interface DevicesTable {
  id: Generated<number>;
  point_id: number;
  /** 2017 factor code; '' for a device serving the whole point (the data logger). */
  factor: string;
  kind: DeviceKindColumn;
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  range_low: number | null;
  range_high: number | null;
  unit: string | null;
  installed_at: number | null;
}

export type PermitStatusColumn = 'valid' | 'expired' | 'revoked' | 'cancelled';

export interface PermitsTable {
  id: Generated<number>;
  enterprise_id: number;
  number: string;
  issued_at: number;
  valid_from: number;
  /** Exclusive end: the first instant no longer covered. */
  valid_to: number;
  issuer: string;
  status: PermitStatusColumn;
}

export type LimitBasisColumn = 'hourly' | 'daily' | '24h_composite' | 'instant';

export interface PermitLimitsTable {
  id: Generated<number>;
  permit_id: number;
  outlet_id: number;
  /** 2017 factor code. */
  factor: string;
  limit_value: number;
  unit: string;
  basis: LimitBasisColumn;
  /** Reference O2 (%) of the converted concentration; flue gas only. */
  reference_o2: number | null;
  annual_quantity_t: number | null;
  standard: string | null;
  note: string | null;
}

export interface RawFramesTable {
  id: Generated<number>;
  received_at: number;
  peer: string;
  point_id: number | null;
  mn: string | null;
  cn: string | null;
  qn: string | null;
  data_time: number | null;
  verdict: 'accepted' | 'quarantined';
  reason: string | null;
  detail: string | null;
  crc_variant: string | null;
  dedupe_key: string | null;
  bytes: Uint8Array;
}

export interface ReadingsTable {
  point_id: number;
  period_kind: 'rtd' | 'min' | 'hour' | 'day';
  period_start: number;
  cn: string;
  /** All factors of the period, readings-codec.ts format. */
  vals: Uint8Array;
  source_frame_id: number;
  revision: number;
  received_at: number;
}

export type RoleColumn = 'officer' | 'dispatcher' | 'analyst' | 'legalReviewer' | 'head' | 'enterprise' | 'verifier' | 'admin';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: RoleColumn;
  region_code: string;
  enterprise_id: number | null;
  active: number;
  created_at: number;
  password_changed_at: number;
}

export interface SessionsTable {
  /** SHA-256 hex of the cookie value. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
  revoked_at: number | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  prefix: string;
  role: RoleColumn;
  region_code: string;
  enterprise_id: number | null;
  created_by: number;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface VerifierAssignmentsTable {
  user_id: number;
  enterprise_id: number;
  assigned_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  /** Contiguous from 1: a gap is a deleted row. */
  seq: number;
  at: number;
  actor_kind: 'user' | 'token' | 'system';
  actor_id: number | null;
  actor_name: string;
  ip: string | null;
  action: string;
  entity: string;
  entity_id: string;
  /** SHA-256 (hex) of the canonical JSON of the state before and after the change. */
  before_digest: string | null;
  after_digest: string | null;
  /** Canonical JSON of {before, after} as recorded. */
  changes: string | null;
  prev_hash: string;
  hash: string;
}

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

export interface Schema {
  regions: RegionsTable;
  enterprises: EnterprisesTable;
  outlets: OutletsTable;
  monitoring_points: MonitoringPointsTable;
  devices: DevicesTable;
  permits: PermitsTable;
  permit_limits: PermitLimitsTable;
  raw_frames: RawFramesTable;
  readings: ReadingsTable;
  users: UsersTable;
  audit_log: AuditLogTable;
  period_values: PeriodValuesTable;
  warnings: WarningsTable;
  markings: MarkingsTable;
  meters: MetersTable;
  emission_mass: EmissionMassTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  verifier_assignments: VerifierAssignmentsTable;
  risk_weights: RiskWeightsTable;
  risk_scores: RiskScoresTable;
  job_runs: JobRunsTable;
}
