// Publication (apps/server/src/enforcement/publication): typical cases for staff and the public, public draws and
// penalty-decision summaries, as /api/typical-cases and /api/public/… answer them. Personal data is redacted server-side.
import type { DrawCommitmentView, DrawPublicView } from '@ecoenforce/domain';

export type RedactionKind = 'officer_name' | 'person_name' | 'certificate_no' | 'phone' | 'id_number' | 'email' | 'personal_address';
/** One rule of the redaction, in the order it is applied, with what replaces what it removes. */
export interface RedactionRule { kind: RedactionKind; what: string; replacement: string }

/** A penalty decision's public facts (GET /api/public/decisions). */
export interface DecisionSummary {
  caseId: number;
  caseNumber: string;
  regionCode: string;
  regionName: string;
  enterpriseName: string;
  uscc: string;
  matter: { code: string; version: number; name: string };
  /** The articles breached and the penalty article, in Chinese (《大气污染防治法》第九十九条). */
  legalBasis: string[];
  penaltyBasis: string;
  /** Whole yuan; null when no fine was recorded. */
  amount: number | null;
  /** Beijing dates (YYYY-MM-DD). */
  decidedOn: string | null;
  closedOn: string | null;
  state: string;
}

/** A typical case's content, redacted (POST /api/typical-cases/preview; `content` of a typical case). */
export interface TypicalContent extends DecisionSummary {
  cause: string;
  facts: string;
  evidence: string[];
  correction: string | null;
  /** How many of each kind the redaction removed (never the values), and the rules it applied. */
  redaction: { removed: Partial<Record<RedactionKind, number>>; rules: readonly RedactionRule[] };
}

/** A published typical case as staff read it (GET /api/typical-cases; the answer of publishing or withdrawing one). */
export interface TypicalCase {
  id: number;
  caseId: number;
  batch: string;
  title: string;
  regionCode: string;
  content: TypicalContent;
  publishedAt: number;
  publishedBy: number;
  withdrawn: { at: number; by: number; reason: string } | null;
}

/** A typical case as the public reads it (GET /api/public/typical-cases): without the case id, the publisher, withdrawn ones. */
export type PublicTypical = Pick<TypicalCase, 'id' | 'batch' | 'title' | 'regionCode' | 'content' | 'publishedAt'>;

/** A draw as the public reads it (GET /api/public/draws): the commitment at once, the lists once publishable. */
export interface PublicDraw {
  id: number;
  regionCode: string;
  period: string;
  /** False: still sealed (only the commitment); true: the lists are public. */
  published: boolean;
  commitment: DrawCommitmentView;
  view: (DrawPublicView & { enterprises: Record<string, string>; outcomes: Record<string, { status: string; outcome: string | null; offSite: boolean }> }) | null;
  voided: { at: number; reason: string } | null;
}

/** GET /api/typical-cases/candidates: the closed cases of the caller's region that may be published, newest first, by number and party. */
export interface TypicalCandidates { items: Array<{ id: number; number: string | null; enterpriseName: string; closedAt: number | null }> }
