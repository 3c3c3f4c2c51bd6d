// Rectification and the daily continuous penalty (issue 5 §6–§7): migration 20261129T0340-rectifications.ts.
import type { Generated } from 'kysely';

export type RectificationStatusColumn = 'open' | 'proof_submitted' | 'reinspecting' | 'corrected' | 'not_corrected' | 'cancelled';

export interface RectificationsTable {
  id: Generated<number>;
  /** The first order's id; null only between the insert and the update that sets it. */
  chain_id: number | null;
  previous_id: number | null;
  round: number;
  case_id: number | null;
  enterprise_id: number;
  region_code: string;
  status: RectificationStatusColumn;
  requirement: string;
  deadline_days: number;
  ordered_at: number;
  deadline_at: number;
  reinspect_by: number;
  task_id: number | null;
  reinspected_at: number | null;
  /** JSON array of users.id. */
  reinspection_officers: string | null;
  findings: string | null;
  closed_at: number | null;
  cancel_reason: string | null;
  escalation: Generated<number>;
  escalated_at: number | null;
  created_at: number;
  created_by: number;
  updated_at: number;
  version: number;
}

export interface RectificationProofsTable {
  id: Generated<number>;
  rectification_id: number;
  /** JSON array of { name, size, sha256 }. */
  files: string;
  text: string;
  submitted_by: number;
  at: number;
}

export interface RectificationFilesTable {
  id: Generated<number>;
  proof_id: number;
  name: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
}

export type MeasureKindColumn = 'restrict' | 'suspend' | 'seal';

export interface RectificationMeasuresTable {
  id: Generated<number>;
  chain_id: number;
  rectification_id: number;
  case_id: number | null;
  kind: MeasureKindColumn;
  at: number;
  note: string;
  created_at: number;
  created_by: number;
}

export interface DailyPenaltyRoundsTable {
  id: Generated<number>;
  rectification_id: number;
  case_id: number | null;
  round: number;
  original_fine: number | null;
  served_at: number;
  reinspected_at: number;
  days: number;
  amount: number;
  status: string;
  /** JSON: the domain's round result and its inputs. */
  explanation: string;
  created_at: number;
  created_by: number;
}
