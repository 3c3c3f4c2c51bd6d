// What the case pages need beyond the API's shapes (those are @ecoenforce/contract, cases.ts): the clock
// colours and what each action asks for in the console.
import type { CaseClockStatus } from '@ecoenforce/contract';

/** Status colours of a clock, as on the dispatch board. */
export const CLOCK_COLOUR: Record<CaseClockStatus, string> = { ok: '#1a7f37', due_soon: '#bf8700', overdue: '#cf222e', done: '#6e7781', done_late: '#8250df' };

/** What each action asks for in the console; the API checks it again (enforcement/cases/case-inputs.ts). */
export type InputKind = 'none' | 'reason' | 'optionalReason' | 'users' | 'summary' | 'amount' | 'correction' | 'receipt' | 'opinion' | 'discretion' | 'exemption' | 'criminal';
/**
 * `users`: the people picked are sent as ids in `field`; `roles` are the ones the server accepts for it and
 * `min` how many the procedure needs (case-inputs.ts checkStaff; APL 42 two investigators, APL 57 two participants).
 */
export interface ActionInput { kind: InputKind; field?: string; roles?: readonly string[]; min?: number }
export const ACTION_INPUT: Record<string, ActionInput> = {
  extend_filing: { kind: 'reason' }, return_for_investigation: { kind: 'reason' }, extend_decision: { kind: 'reason' }, terminate: { kind: 'reason' },
  decline_transfer: { kind: 'reason' }, propose_transfer: { kind: 'optionalReason' }, decide_waiver: { kind: 'reason' },
  start_investigation: { kind: 'users', field: 'officers', roles: ['officer', 'head'], min: 2 },
  complete_collective_discussion: { kind: 'users', field: 'participants', roles: ['officer', 'dispatcher', 'legalReviewer', 'head'], min: 2 },
  complete_legal_review: { kind: 'opinion' },
  record_statement: { kind: 'summary' }, record_payment: { kind: 'amount' },
  order_correction: { kind: 'correction' },
  record_transfer_receipt: { kind: 'receipt' },
  // The criminal-threshold check (CriminalForm.tsx) and the exemption (ExemptionForm.tsx), filled from the case's record.
  flag_criminal: { kind: 'criminal' },
  record_exemption: { kind: 'exemption' },
  // The discretion form (DiscretionForm.tsx): the table's factors and the gates, filled from the case's evidence.
  record_discretion: { kind: 'discretion' },
};

export const RECEIPT_KINDS = ['police_receipt', 'filing_notice', 'non_filing_notice', 'reconsideration_decision'] as const;
export const POLICE_TRACKS = ['ordinary', 'verify', 'complex'] as const;
