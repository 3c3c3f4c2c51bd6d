// The API's rectification shapes (apps/server/src/enforcement/rectification/rectification-read.ts, rectification-outcome.ts).
import type { CaseClock } from '../cases/types.ts';

export const RECTIFICATION_STATUSES = ['open', 'proof_submitted', 'reinspecting', 'corrected', 'not_corrected', 'cancelled'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

export interface RectificationSummary {
  id: number;
  chainId: number;
  previousId: number | null;
  round: number;
  caseId: number | null;
  caseNumber: string | null;
  enterpriseId: number;
  enterpriseName: string;
  regionCode: string;
  status: RectificationStatus;
  requirement: string;
  deadlineDays: number;
  orderedAt: number;
  deadlineAt: number;
  reinspectBy: number;
  taskId: number | null;
  reinspectedAt: number | null;
  closedAt: number | null;
  escalation: number;
  clocks: CaseClock[];
  overdue: boolean;
}

export interface RoundView {
  id: number;
  rectificationId: number;
  caseId: number | null;
  round: number;
  originalFine: number | null;
  servedAt: number;
  reinspectedAt: number;
  days: number;
  amount: number;
  status: string;
  explanation: { text: string; source: string };
}

export interface RectificationDetail extends RectificationSummary {
  proofs: Array<{ id: number; at: number; submittedBy: number; text: string; files: Array<{ id: number; name: string; size: number; sha256: string }> }>;
  reinspection: { at: number; officers: number[]; findings: string } | null;
  cancelReason: string | null;
  measures: Array<{ id: number; kind: string; at: number; note: string }>;
  rounds: RoundView[];
  chain: Array<{ id: number; round: number; status: string; orderedAt: number; reinspectedAt: number | null }>;
}

/** The production measures that stop a chain's daily penalty [DPM] (rectification.ts MEASURE_KINDS). */
export const MEASURE_KINDS = ['restrict', 'suspend', 'seal'] as const;
