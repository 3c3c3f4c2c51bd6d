// Data markings as the API returns them (apps/server/src/compliance/routes/markings.ts).

/** The kinds the 2022 marking rules let an enterprise mark (MEE Announcement 2022 No. 21). */
export const MARKING_KINDS = ['startup', 'shutdown', 'equipment_fault', 'maintenance', 'calibration', 'production_stopped', 'other'] as const;
export type MarkingKind = (typeof MARKING_KINDS)[number];

export interface Attachment {
  name: string;
  sha256: string;
  size: number;
}

export interface Marking {
  id: number;
  pointId: number;
  enterpriseId: number;
  kind: MarkingKind;
  invalid: boolean;
  from: number;
  to: number;
  reason: string;
  attachments: Attachment[];
  createdBy: number;
  createdAt: number;
  withdrawnAt: number | null;
  /** Made more than the allowed lateness after its span started. */
  late: boolean;
  /** The span's readings showed production (flow). */
  productionSeen: boolean;
}
