// The penalty case as the API returns it (docs/api.md, Penalty cases).
export type ClockStatus = 'ok' | 'due_soon' | 'overdue' | 'done' | 'done_late';

export interface CaseClock {
  id: string;
  rule: string;
  startedAt: number;
  deadline: { lastDay: string; expiresAt: number };
  doneAt: number | null;
  status: ClockStatus;
  escalation: number;
  remainingMs: number;
  /** The server's sentence when the deadline runs through a year without a State Council holiday notice. */
  calendarWarning?: string;
  /** The numbers in `rule` by name, from which the console words the rule (components/clock-rule.ts). */
  params?: Record<string, number | string>;
}

export interface CaseSummary {
  id: number;
  number: string;
  regionCode: string;
  enterpriseId: number;
  enterpriseName: string;
  matterCode: string;
  /** The matter and table versions the case was opened under and runs on. */
  matterVersion: number;
  tableVersion: number | null;
  state: string;
  major: boolean;
  discoveredAt: number;
  amount: number | null;
  updatedAt: number;
  version: number;
  clocks: CaseClock[];
  escalation: number;
  overdue: boolean;
}

export interface FactorLine {
  key: string;
  label: { zh: string; en: string };
  source: string;
  proven: boolean;
  value: number | null;
  level: string;
  levelLabel: { zh: string; en: string };
  weight: number;
  rule: string;
}

export interface CaseFine {
  seq: number;
  amount: number;
  explanation: {
    formula: string;
    method: string;
    statutory: { min: number; max: number };
    start: { weight: number; source: string } | null;
    factors: FactorLine[];
    steps: Array<{ rule: string; source: string; detail: string; amount: number }>;
  };
  gates: { outcome: string };
  matter: { code: string; version: number };
  table: { id: string; version: number } | null;
}

/** The gates' may_waive (APL 33 ¶1) on the facts last assessed, and the waiver once decided. */
export interface WaivableGate { gate: string; article: string; reason: string }
export interface CaseWaiver extends WaivableGate { gateReason: string; by: string; byName: string | null; at: number }

/** One action the state and the caller's role allow: whether it may be taken now and, if not, the domain's refusal. */
export interface ActionCheck {
  action: string;
  ok: boolean;
  refusal?: { code: string; reason: string; failed?: Array<{ id: string; text: string; source: string }> };
}

/** Staff who may be named on the case (investigators, participants), in its region. */
export interface CaseStaff { id: number; displayName: string; role: string; regionCode: string; certificateNo: string | null }

export interface CaseDetail extends CaseSummary {
  record: { outcome: string | null; waivable?: WaivableGate | null; legalReview?: { by: string; at: number; opinion?: string } | null };
  matter: { name: { zh: string; en: string }; latestVersion: number };
  waiver: CaseWaiver | null;
  /** What the caller may take now (state, role and the record's preconditions hold). */
  availableActions: string[];
  actions: ActionCheck[];
  staff: CaseStaff[];
  duties: Array<{ action: string; duty: string; by: string; byName: string | null; at: number; document: string | null; lateDays: number; note?: string }>;
  /** Every document on the record; `documentId` null when no PDF was made (`template` false: no template makes this kind). */
  recordDocuments: Array<{ kind: string; at: number; by: string; byName: string | null; documentId: number | null; template: boolean; note: string | null }>;
  fine: CaseFine | null;
  documents: Array<{ id: number; kind: string; number: string | null; sha256: string; size: number; createdAt: number }>;
  criminalFlags: Array<{ id: string; article: string; message: string }>;
}

/** Status colours of a clock, as on the dispatch board. */
export const CLOCK_COLOUR: Record<ClockStatus, string> = { ok: '#1a7f37', due_soon: '#bf8700', overdue: '#cf222e', done: '#6e7781', done_late: '#8250df' };

/** What each action asks for in the console; the API checks it again (enforcement/cases/case-inputs.ts). */
export type InputKind = 'none' | 'reason' | 'optionalReason' | 'users' | 'summary' | 'amount' | 'json' | 'correction' | 'receipt' | 'opinion';
/**
 * `users`: the people picked are sent as ids in `field`; `roles` are the ones the server accepts for it and
 * `min` how many the procedure needs (case-inputs.ts checkStaff; APL 42 two investigators, APL 57 two participants).
 */
export interface ActionInput { kind: InputKind; field?: string; roles?: readonly string[]; min?: number; template?: unknown }
export const ACTION_INPUT: Record<string, ActionInput> = {
  extend_filing: { kind: 'reason' }, return_for_investigation: { kind: 'reason' }, extend_decision: { kind: 'reason' }, terminate: { kind: 'reason' },
  decline_transfer: { kind: 'reason' }, propose_transfer: { kind: 'optionalReason' }, decide_waiver: { kind: 'reason' },
  start_investigation: { kind: 'users', field: 'officers', roles: ['officer', 'head'], min: 2 },
  complete_collective_discussion: { kind: 'users', field: 'participants', roles: ['officer', 'dispatcher', 'legalReviewer', 'head'], min: 2 },
  complete_legal_review: { kind: 'opinion' },
  record_statement: { kind: 'summary' }, record_payment: { kind: 'amount' },
  order_correction: { kind: 'correction' },
  record_transfer_receipt: { kind: 'receipt' },
  flag_criminal: { kind: 'json', template: { evidence: { metals: [{ metal: 'Cd', value: 0, limit: 0.1, ref: '' }] } } },
  record_exemption: { kind: 'json', template: { gates: { actEndedOn: null, harm: 'none', firstViolation: true, minor: true, correctedInTime: true } } },
  record_discretion: {
    kind: 'json',
    template: { facts: { pollutantCount: { proven: true, value: 1 } }, gates: { actEndedOn: null, harm: 'minor', firstViolation: true } },
  },
};

/** The actions whose JSON is the fine's facts: the console can preview the fine (POST …/fine-preview) before applying. */
export const PREVIEWABLE = new Set(['record_discretion']);
export const RECEIPT_KINDS = ['police_receipt', 'filing_notice', 'non_filing_notice', 'reconsideration_decision'] as const;
export const POLICE_TRACKS = ['ordinary', 'verify', 'complex'] as const;

/** The answer of POST /api/cases/:id/fine-preview. */
export interface FinePreview {
  gates: { outcome: string; article?: string; reasons: string[] };
  fine: { amount: number; matter: { code: string; version: number }; table: { id: string; version: number } | null } | null;
}
