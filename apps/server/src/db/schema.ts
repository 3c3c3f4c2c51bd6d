// Kysely table interfaces, one per table created by migrations/. Times are epoch milliseconds UTC held in
// bigint columns (pg's int8 parser is set to Number in connect.ts; they stay far below 2^53).
// The table interfaces live by area in schema/; this file gathers them into the one Schema Kysely is typed with.
import type { RegionsTable, EnterprisesTable, OutletsTable, MonitoringPointsTable, DevicesTable, PermitsTable, PermitLimitsTable, SpecialPeriodsTable } from './schema/registry.ts';
import type { RawFramesTable, ReadingsTable } from './schema/monitoring.ts';
import type { UsersTable, AuditLogTable, SessionsTable, ApiTokensTable, VerifierAssignmentsTable } from './schema/accounts.ts';
import type { PeriodValuesTable, WarningsTable, MarkingsTable, MetersTable, EmissionMassTable, ComplianceMonthsTable, RiskWeightsTable, RiskScoresTable, JobRunsTable } from './schema/compliance.ts';
import type { EnforcementMattersTable, DiscretionTablesTable, FaultToleranceItemsTable, TipsTable, TeamsTable, TeamMembersTable, TasksTable, TaskWarningsTable, TaskAssignmentsTable, CasesTable, CaseEventsTable, CaseDocumentsTable, CaseFinesTable } from './schema/enforcement.ts';
export type * from './schema/registry.ts';
export type * from './schema/monitoring.ts';
export type * from './schema/accounts.ts';
export type * from './schema/compliance.ts';
export type * from './schema/enforcement.ts';

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
  compliance_months: ComplianceMonthsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  verifier_assignments: VerifierAssignmentsTable;
  risk_weights: RiskWeightsTable;
  risk_scores: RiskScoresTable;
  enforcement_matters: EnforcementMattersTable;
  discretion_tables: DiscretionTablesTable;
  fault_tolerance_items: FaultToleranceItemsTable;
  job_runs: JobRunsTable;
  tips: TipsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  tasks: TasksTable;
  task_warnings: TaskWarningsTable;
  task_assignments: TaskAssignmentsTable;
  special_periods: SpecialPeriodsTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_documents: CaseDocumentsTable;
  case_fines: CaseFinesTable;
}
