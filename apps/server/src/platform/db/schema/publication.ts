// Double random and the public pages (issue 5 §2, §9): positive list, officers' conflicts, draws, typical cases.
import type { Generated } from 'kysely';

/** A positive-list (正面清单) listing [W10]; removal sets removed_at, the row stays. */
export interface PositiveListTable {
  id: Generated<number>;
  enterprise_id: number;
  region_code: string;
  listed_at: number;
  valid_to: number | null;
  reason: string;
  created_by: number;
  removed_at: number | null;
  removed_by: number | null;
  remove_reason: string | null;
}

/** A declared conflict of interest of an officer with a unit (回避); withdrawal keeps the row. */
export interface OfficerConflictsTable {
  id: Generated<number>;
  officer_id: number;
  enterprise_id: number;
  reason: string;
  declared_at: number;
  declared_by: number;
  withdrawn_at: number | null;
}

/** One double-random draw: `record` and `inputs` are the domain DrawRecord and DrawInputs as JSON. */
export interface DrawsTable {
  id: Generated<number>;
  region_code: string;
  period: string;
  published_value: string;
  seed: string;
  record: string;
  inputs: string;
  inputs_digest: string;
  result_digest: string;
  drawn_at: number;
  drawn_by: number;
  publishable_after: number;
  published_at: number | null;
  tasks: string;
  voided_at: number | null;
  voided_by: number | null;
  void_reason: string | null;
  /** "region|period" while the draw stands, null once voided (unique: one live draw per region and period). */
  live_key: string | null;
}

/** A published typical case (典型案例); `content` is the redacted JSON. */
export interface TypicalCasesTable {
  id: Generated<number>;
  case_id: number;
  batch: string;
  region_code: string;
  title: string;
  content: string;
  published_at: number;
  published_by: number;
  withdrawn_at: number | null;
  withdrawn_by: number | null;
  withdraw_reason: string | null;
}
