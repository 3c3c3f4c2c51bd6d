// On-site inspections (migrations/20261129T0330-inspections.ts).
import type { Generated } from 'kysely';

export type InspectionResultColumn = 'compliant' | 'violation' | 'not_applicable';

export interface InspectionsTable {
  id: Generated<number>;
  uuid: string;
  task_id: number;
  checklist_hash: string;
  started_at: number;
  finished_at: number | null;
  /** JSON array of users.id. */
  officer_ids: string;
  gps_status: 'ok' | 'unavailable';
  lat: number | null;
  lon: number | null;
  accuracy_m: number | null;
  device_time: number;
  received_at: number;
  outcome: string | null;
  /** The officer's free-text record written when finishing (migrations/20261207T0100-inspection-record.ts). */
  record?: string | null;
  created_by: number;
  version: number;
}

export interface InspectionItemsTable {
  id: Generated<number>;
  inspection_id: number;
  item_key: string;
  result: InspectionResultColumn;
  note: string | null;
  matter_code: string | null;
  version: number;
  updated_at: number;
  updated_by: number;
}

export interface InspectionEvidenceTable {
  id: Generated<number>;
  uuid: string;
  inspection_id: number;
  item_key: string;
  sha256: string;
  mime: string;
  size: number;
  bytes: Uint8Array;
  captured_at: number;
  lat: number | null;
  lon: number | null;
  accuracy_m: number | null;
  received_at: number;
  uploaded_by: number;
}

export interface InspectionOpsTable {
  op_id: string;
  inspection_uuid: string;
  user_id: number;
  /** JSON of the answer given when it was applied. */
  result: string;
  applied_at: number;
}
