// The enforcement workflow: the matter catalogue and discretion tables, tips, teams, tasks, penalty cases.
import type { ColumnType, Generated } from 'kysely';

/**
 * One version of an enforcement matter (执法事项). Rows are never updated: an edit or a retirement adds the
 * next version, so a case can name the version it was decided under.
 */
export interface EnforcementMattersTable {
  code: string;
  version: number;
  /** JSON of EnforcementMatter (packages/domain/src/enforcement/matters.ts), validated when saved. */
  body: string;
  /** 1: this version retires the matter (no longer in force); 0 otherwise. */
  retired: number;
  note: string;
  created_at: number;
  /** Null: the seeded catalogue. */
  created_by: number | null;
}

/** One version of a discretion benchmark table; JSON of DiscretionTable. Never updated. */
export interface DiscretionTablesTable {
  id: string;
  version: number;
  body: string;
  note: string;
  created_at: number;
  created_by: number | null;
}

/** One version of a fault-tolerance (容错清单) entry; JSON of FaultToleranceEntry. Never updated. */
export interface FaultToleranceItemsTable {
  id: string;
  version: number;
  body: string;
  note: string;
  created_at: number;
  created_by: number | null;
}


export type TaskSourceColumn = 'warning' | 'tip' | 'joint' | 'draw' | 'reinspection';
export type TaskStatusColumn = 'open' | 'assigned' | 'in_progress' | 'done' | 'cancelled';

/** A 12369 hotline entry typed in by staff; reporter_name/phone are confidential (tips.reporter only). */
export interface TipsTable {
  id: Generated<number>;
  received_at: number;
  channel: 'phone' | 'web' | 'wechat' | 'letter';
  reporter_name: string | null;
  reporter_phone: string | null;
  content: string;
  enterprise_id: number | null;
  location: string | null;
  region_code: string;
  created_by: number;
  created_at: number;
}

export interface TeamsTable {
  id: Generated<number>;
  region_code: string;
  name: string;
  created_at: number;
  created_by: number | null;
}

export interface TeamMembersTable {
  team_id: number;
  user_id: number;
  added_at: number;
}

export interface TasksTable {
  id: Generated<number>;
  source_kind: TaskSourceColumn;
  source_id: number | null;
  region_code: string;
  requesting_region_code: string | null;
  enterprise_id: number | null;
  team_id: number | null;
  title: string;
  note: string | null;
  status: TaskStatusColumn;
  priority: 'normal' | 'high' | 'urgent';
  due_at: number;
  escalation: Generated<number>;
  escalated_at: number | null;
  created_at: number;
  created_by: number;
  updated_at: number;
  started_at: number | null;
  done_at: number | null;
  outcome: string | null;
  cancelled_at: number | null;
  cancel_reason: string | null;
}

export interface TaskWarningsTable {
  warning_id: number;
  task_id: number;
}

/** Who was put on a task; released_at set on reassignment, the row kept. */
export interface TaskAssignmentsTable {
  id: Generated<number>;
  task_id: number;
  user_id: number;
  assigned_at: number;
  assigned_by: number;
  released_at: number | null;
}

/** A penalty case; `record` is the domain CaseRecord as JSON, `version` the optimistic-concurrency row version. */
export interface CasesTable {
  id: Generated<number>;
  number: string;
  number_year: number;
  number_seq: number;
  region_code: string;
  enterprise_id: number;
  task_id: number | null;
  matter_code: string;
  matter_version: number;
  /** The discretion table's version in force at opening (migration 0360); null: none, or opened before. */
  table_version: number | null;
  state: string;
  major: number;
  discovered_at: number;
  filed_at: number | null;
  decided_at: number | null;
  closed_at: number | null;
  amount: number | null;
  record: string;
  details: string;
  created_at: number;
  created_by: number;
  updated_at: number;
  version: number;
}

/** One performed case action (refusals are not stored); `duty` is the domain DutyEntry as JSON. */
export interface CaseEventsTable {
  id: Generated<number>;
  case_id: number;
  seq: number;
  action: string;
  actor_id: number;
  actor_role: string;
  at: number;
  input: string;
  duty: string;
  refused: Generated<number>;
}

export interface CaseDocumentsTable {
  id: Generated<number>;
  case_id: number;
  kind: string;
  number: string | null;
  sha256: string;
  bytes: Uint8Array;
  created_at: number;
  created_by: number;
}

/** Electronic service (电子送达) of a party-facing case document on its enterprise: served, and first opened by whom. */
export interface DocumentServiceTable {
  id: Generated<number>;
  document_id: number;
  case_id: number;
  enterprise_id: number;
  served_at: number;
  first_opened_at: number | null;
  opened_by: number | null;
  /** 'electronic' (a consent was in force when it was served) or 'copy' (served another way; a copy online). */
  mode: ColumnType<ServiceMode, ServiceMode | undefined, ServiceMode>;
}

export type ServiceMode = 'electronic' | 'copy';

/** A signed consent to electronic service (电子送达确认书); withdrawn_at closes it. */
export interface ServiceConsentsTable {
  id: Generated<number>;
  enterprise_id: number;
  signed_at: number;
  signed_by: number;
  signer_name: string;
  signer_title: string;
  phone: string;
  email: string | null;
  address: string;
  withdrawn_at: number | null;
  withdrawn_by: number | null;
}

/** A fine as computed: the explanation of computeFine, the versions it used and the gates' outcome (JSON). */
export interface CaseFinesTable {
  id: Generated<number>;
  case_id: number;
  event_seq: number;
  amount: number;
  explanation: string;
  matter_code: string;
  matter_version: number;
  table_id: string | null;
  table_version: number | null;
  gates: string;
  created_at: number;
  created_by: number;
}
