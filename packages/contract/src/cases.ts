// Penalty cases (apps/server/src/enforcement/cases): the list, one case with what the caller may do, the fine
// preview and the error details of a refused action, as GET/POST /api/cases… answer them.
import type {
  ActionCheck, CaseActionType, CaseRecord, CircumstanceCase, Clock, ClockStatus, CriminalFlag, DiscretionTable, DutyEntry, FineExplanation, GateOutcome, Refusal, Waiver,
} from '@ecoenforce/domain';
import type { ListPage } from './paging.ts';
import type { DocumentService } from './service.ts';

/** A legal clock of a case or a rectification at the platform time (domain calendar.ts). */
export type CaseClock = Clock;
export type CaseClockStatus = ClockStatus;

export interface CaseSummary {
  id: number;
  number: string;
  regionCode: string;
  enterpriseId: number;
  enterpriseName: string;
  taskId: number | null;
  matterCode: string;
  /** The matter and table versions the case was opened under and runs on to its end (case-matter.ts). */
  matterVersion: number;
  tableVersion: number | null;
  state: string;
  major: boolean;
  discoveredAt: number;
  filedAt: number | null;
  decidedAt: number | null;
  closedAt: number | null;
  amount: number | null;
  updatedAt: number;
  version: number;
  clocks: CaseClock[];
  /** The most urgent clock: 0 none due, 1 due soon, 2 overdue, 3 overdue for long (calendar.ts). */
  escalation: number;
  overdue: boolean;
}

/** GET /api/cases. */
export type CaseList = ListPage<CaseSummary>;

/** Staff who may be named on a case (investigators, participants), in its region; `certificateNo` is the 执法证号 (APL 42). */
export interface CaseStaff {
  id: number;
  displayName: string;
  role: string;
  regionCode: string;
  /** 执法证号; null when the registry holds none. */
  certificateNo: string | null;
}

/** The case's written particulars (the documents' text). */
export interface CaseDetails {
  /** 案件来源: 自动监控预警, 群众举报, 双随机检查… */
  source: string;
  /** 案由. */
  cause: string;
  facts: string;
  evidence: Array<{ name: string; detail?: string }>;
  /** Set by order_correction. */
  correction: { requirement: string; deadline: string; issuedOn: string } | null;
  /** The investigators proposed when the case was opened (users.id; e.g. the task's officers), pre-picked for start_investigation. */
  proposedOfficers?: number[];
}

/** GET /api/tasks/:id/case-draft: what a case opened from the task starts with, each value with where it came from. */
export interface CaseDraft {
  taskId: number;
  enterpriseId: number | null;
  enterpriseName: string | null;
  /** 案件来源 (现场检查 when the task has a finished inspection). */
  source: string | null;
  /** The enforcement matters the task's finished inspections found violated, first the most named. */
  matters: Array<{ code: string; name: string; origin: string }>;
  /** The task's officers (and those on its inspections), proposed as investigators. */
  officers: Array<{ id: number; displayName: string; certificateNo: string | null; origin: string }>;
  cause: { value: string; origin: string } | null;
  facts: { value: string; origin: string } | null;
}

/** A fine the discretion engine computed on the case, with its explanation and the gates it passed. */
export interface FineView {
  seq: number;
  amount: number;
  explanation: FineExplanation;
  gates: GateOutcome;
  matter: { code: string; version: number };
  table: { id: string; version: number } | null;
  createdAt: number;
}

/** One action the state and the caller's role allow: `ok`, or the refusal the domain would give. */
export type CaseActionCheck = ActionCheck;

/** A duty performed, with the name of who performed it (null for an id no longer known). */
export type CaseDuty = Pick<DutyEntry, 'action' | 'by' | 'at' | 'document' | 'note'> & { duty: string; lateDays: number; byName: string | null };

/** GET /api/cases/:id (and the answer of opening a case or acting on it). */
export interface CaseDetail extends CaseSummary {
  record: CaseRecord;
  details: CaseDetails;
  /** The duty record, each entry with the name of who performed it (null for an id no longer known). */
  duties: CaseDuty[];
  events: Array<{ seq: number; action: string; actorId: number; actorRole: string; at: number; input: unknown; duty: unknown }>;
  /** What the caller may take now: state, role and every precondition on the record hold (the input is checked on applying). */
  availableActions: CaseActionType[];
  /** Every action the state and the caller's role allow, each with `ok` and, when not, the refusal the domain would give. */
  actions: CaseActionCheck[];
  /** Staff who may be named on this case (investigators, participants), in its region. */
  staff: CaseStaff[];
  /**
   * Every document the record holds, in order, with the stored PDF's id when one was made (null: no PDF;
   * `template` false when no template makes this kind, so the act is on the duty record only) and the note
   * of the act (the legal review's opinion, a reason).
   */
  recordDocuments: Array<{ kind: string; at: number; by: string; byName: string | null; documentId: number | null; template: boolean; note: string | null }>;
  fine: FineView | null;
  fines: FineView[];
  /** `service`: the electronic service on the party (电子送达) of a party-facing document; null for an internal form. */
  documents: Array<{ id: number; kind: string; number: string | null; sha256: string; size: number; createdAt: number; createdBy: number; service: DocumentService | null }>;
  criminalFlags: CriminalFlag[];
  /** The pinned matter's name and the catalogue's newest version of it (newer: edited since the opening). */
  matter: { name: { zh: string; en: string }; latestVersion: number };
  /** The waiver decided (APL 33 ¶1), with the decision maker's name; null when none. */
  waiver: (Waiver & { byName: string | null }) | null;
}

/** POST /api/cases/:id/fine-preview: the gates on the facts and the fine they leave (null: none), nothing stored. */
export interface FinePreview {
  gates: GateOutcome;
  fine: { amount: number; explanation: FineExplanation; matter: { code: string; version: number }; table: { id: string; version: number } | null } | null;
}

/**
 * The `details` of an error from the case routes: `reason` tells a stale version ('stale') from a refusal
 * ('refused') or bad input; `detail` is the refusal's ({ refusal } for the procedure's, { version } when stale).
 */
export interface CaseErrorDetails<D = unknown> { reason: string; detail?: D }
/** `detail` of a refusal of the case procedure: the domain's refusal with its unmet preconditions. */
export interface CaseRefusalDetail { refusal: Refusal }

/** One pollutant over its limit in a warning linked to the case's task, with the figures behind its multiple. */
export interface FinePollutant {
  warningId: number;
  /** HJ 212 factor code and its names (the console shows the name). */
  factor: string;
  factorName: string | null;
  factorNameEn: string | null;
  /** The highest value over the limit (C) and the limit (L), in `unit`. */
  max: number;
  limit: number;
  unit: string;
  /** C ÷ L: what the warning calls "限值的 X 倍". Never the engine's input. */
  ratio: number;
  /** The exceedance multiple (C − L) ÷ L, rounded to 2 decimals [rules.md rule 4]: the engine's input. */
  multiple: number;
  /** GD art. 18: 'aClass' (the A-class list), 'vocs' or 'bClass' (the rest). */
  kind: 'aClass' | 'bClass' | 'vocs';
}

/** Where a suggested fact came from; the console words it ("来自预警 #123：…"). */
export type FineFactOrigin =
  | { kind: 'warning'; pollutant: FinePollutant }
  | { kind: 'warnings'; pollutants: FinePollutant[] }
  | { kind: 'pollutantClass'; pollutant: FinePollutant }
  | { kind: 'decisions'; since: number; until: number; cases: Array<{ id: number; number: string; decidedAt: number }> }
  | { kind: 'specialPeriod'; periodId: number; name: string; periodKind: 'heavy_pollution' | 'special_event'; startsAt: number; endsAt: number };

/**
 * A fact the server suggests from the case's evidence. `field`: 'facts.<factor key>' (a table factor:
 * `value` a number or a level key) or 'gates.firstViolation' (a boolean).
 */
export interface FineFactSuggestion { field: string; value: number | string | boolean; origin: FineFactOrigin }

/** GET /api/cases/:id/fine-facts: the case's pinned matter and table, and the facts its evidence suggests. */
export interface CaseFineFacts {
  matter: { code: string; version: number; penaltyKind: string; name: { zh: string; en: string } };
  table: { id: string; version: number; table: DiscretionTable } | null;
  /** The act's time the suggestions were judged at: the earliest linked warning's start, else the discovery. */
  actAt: number;
  pollutants: FinePollutant[];
  /** Penalty decisions of the same matter against the enterprise in the two years (one year) before the act. */
  priorDecisions: { pastTwoYears: number; pastYear: number };
  suggestions: FineFactSuggestion[];
  aggravating: CircumstanceCase[];
  mitigating: string[];
}
