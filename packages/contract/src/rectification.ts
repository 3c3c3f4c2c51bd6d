// Orders to correct (apps/server/src/enforcement/rectification): the list, one order with its proofs, measures
// and daily-penalty rounds, a case's orders, and the re-inspection's outcome, as /api/rectifications… answer them.
import type { Clock, DailyPenaltyRoundResult } from '@ecoenforce/domain';
import type { CaseStaff } from './cases.ts';
import type { Page } from './paging.ts';

export type RectificationStatus = 'open' | 'proof_submitted' | 'reinspecting' | 'corrected' | 'not_corrected' | 'cancelled';
/** The production measures that stop a chain's daily penalty [DPM]. */
export type MeasureKind = 'restrict' | 'suspend' | 'seal';

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
  clocks: Clock[];
  overdue: boolean;
}

/** GET /api/rectifications. */
export type RectificationList = Page<RectificationSummary>;

/** A daily-penalty round of a chain [EPL 59, DPM], with the domain's explanation. */
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
  explanation: { result: DailyPenaltyRoundResult | null; text: string; originalFine: number | null; source: string };
}

export interface ProofView {
  id: number;
  at: number;
  submittedBy: number;
  text: string;
  files: Array<{ id: number; name: string; size: number; sha256: string }>;
}

/** GET /api/rectifications/:id (and the answer of the order's actions). */
export interface RectificationDetail extends RectificationSummary {
  proofs: ProofView[];
  /** The re-inspection recorded: the officers' ids and, in the same order, their names. */
  reinspection: { at: number; officers: number[]; officerNames: string[]; findings: string } | null;
  cancelReason: string | null;
  /** The measures that stop the chain's daily penalty [DPM]. */
  measures: Array<{ id: number; kind: string; at: number; note: string; createdBy: number }>;
  /** Every round of this order's chain, first to last. */
  rounds: RoundView[];
  /** The chain's orders, first to last (this one included). */
  chain: Array<{ id: number; round: number; status: string; orderedAt: number; reinspectedAt: number | null }>;
}

/** GET /api/cases/:id/rectifications: the case's orders and every daily-penalty round stored for it, with the total. */
export interface CaseRectifications { items: RectificationSummary[]; rounds: RoundView[]; total: number }

/** POST /api/rectifications/:id/outcome: the order after the outcome, the round stored (null: none) and the next order's id. */
export interface RectificationOutcome { rectification: RectificationDetail; round: RoundView | null; nextId: number | null }

/** GET /api/rectifications/:id/staff: who may be named as the re-inspecting officers, with their 执法证号. */
export interface RectificationStaff { items: CaseStaff[] }
