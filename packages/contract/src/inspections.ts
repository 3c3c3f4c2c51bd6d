// On-site inspections (apps/server/src/enforcement/inspections): a task's checklist, the phone's sync ops and their
// answers, and a task's inspections, as /api/tasks/:id/checklist, /api/inspections/sync and /api/tasks/:id/inspections carry them.

export type InspectionResult = 'compliant' | 'violation' | 'not_applicable';

export type ChecklistSection = 'template' | 'outlet' | 'point' | 'factor' | 'meter';
/** What the registry already shows before anyone is on site. */
export type ChecklistAttention = 'factor_not_sent' | 'no_instrument' | 'range_below_limit' | 'no_permit_limit';

export interface ChecklistItem {
  key: string;
  section: ChecklistSection;
  /** Heading of the group it is shown under (template name, outlet code, point MN). */
  group: string;
  zh: string;
  en: string;
  source: string | null;
  facts: Record<string, string | number | null>;
  attention: ChecklistAttention[];
}

/** GET /api/tasks/:id/checklist: the checklist of the task's enterprise, versioned by its hash. */
export interface Checklist {
  taskId: number;
  enterpriseId: number;
  enterpriseName: string;
  industry: string;
  generatedAt: number;
  /** SHA-256 of the items (canonical JSON): the checklist's version. */
  hash: string;
  items: ChecklistItem[];
}

/** A position taken on the phone. */
export interface InspectionGps {
  lat: number;
  lon: number;
  accuracy: number;
}

/** One op of POST /api/inspections/sync (the phone's outbox), idempotent by `opId`. */
export type SyncOp =
  | { opId: string; kind: 'start'; inspection: string; taskId: number; checklistHash: string; startedAt: number; deviceTime: number; gps: InspectionGps | null }
  | { opId: string; kind: 'item'; inspection: string; itemKey: string; baseVersion: number; result: InspectionResult; note: string | null; matterCode: string | null }
  | { opId: string; kind: 'finish'; inspection: string; baseVersion: number; finishedAt: number; summary: string | null };

/** An item's value on the server, with its row version. */
export interface InspectionItemValue {
  result: InspectionResult;
  note: string | null;
  matterCode: string | null;
  version: number;
}

/** The answer to one sync op: applied, a conflict with both values (nothing overwritten), or rejected. */
export type SyncOpResult =
  | { opId: string; status: 'applied'; version: number; duplicate: boolean }
  | { opId: string; status: 'conflict'; duplicate: boolean; server: InspectionItemValue | { version: number; finishedAt: number | null }; client: unknown }
  | { opId: string; status: 'rejected'; duplicate: boolean; code: 'bad_request' | 'conflict'; message: string };

/** One inspection of GET /api/tasks/:id/inspections, with its items and evidence. */
export interface TaskInspection {
  uuid: string;
  taskId: number;
  checklistHash: string;
  startedAt: number;
  finishedAt: number | null;
  officerIds: number[];
  gps: { lat: number | null; lon: number | null; accuracy: number | null } | null;
  deviceTime: number;
  receivedAt: number;
  outcome: string | null;
  /** The officer's free-text record written when finishing (现场检查笔录 的检查情况). */
  record: string | null;
  version: number;
  items: Array<{ itemKey: string; result: InspectionResult; note: string | null; matterCode: string | null; version: number }>;
  evidence: Array<{ uuid: string; itemKey: string; sha256: string; mime: string; size: number; capturedAt: number; lat: number | null; lon: number | null; accuracy: number | null }>;
}
