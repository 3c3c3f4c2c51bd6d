// The enforcement-matter catalogue, discretion tables and fault-tolerance list (apps/server/src/enforcement/catalogue):
// stored versions, the fine preview and the published benchmarks, as /api/matters, /api/discretion-…, /api/fault-tolerance answer them.
import type {
  ArticleRef, AuthorityLevel, Bilingual, CircumstanceCase, DiscretionFactor, DiscretionTable, EnforcementMatter, FactorFact, FactorLevel, FactorLine,
  FaultToleranceEntry, FineExplanation, MitigationFlag, StatutoryPenalty,
} from '@ecoenforce/domain';

// The domain's catalogue bodies, as they travel (packages/domain/src/enforcement: matters.ts, discretion-tables.ts, discretion.ts, fault-tolerance.ts).
export type {
  ArticleRef, AuthorityLevel, Bilingual, CircumstanceCase, DiscretionFactor, DiscretionTable, EnforcementMatter, FactorFact, FactorLevel, FactorLine,
  FaultToleranceEntry, FineExplanation, StatutoryPenalty,
};

/** What every stored version carries besides its body. */
export interface VersionMeta {
  version: number;
  note: string;
  createdAt: number;
  /** Null: seeded by the platform. */
  createdBy: number | null;
  createdByName: string | null;
}

export type StoredMatter = VersionMeta & { code: string; retired: boolean; matter: EnforcementMatter };
export type StoredTable = VersionMeta & { id: string; table: DiscretionTable };
export type StoredFaultItem = VersionMeta & { id: string; item: FaultToleranceEntry };

/** GET /api/matters; GET /api/matters/:code/history adds the code. */
export interface MatterList { items: StoredMatter[] }
export interface MatterHistory { code: string; items: StoredMatter[] }

/** GET /api/discretion-tables: the tables in force and the circumstances the engine knows. */
export interface DiscretionTableList { items: StoredTable[]; aggravating: CircumstanceCase[]; apologyBars: CircumstanceCase[]; mitigating: MitigationFlag[] }
export interface DiscretionTableHistory { id: string; items: StoredTable[] }

/** GET /api/fault-tolerance: the newest version of every entry, and why none is seeded. */
export interface FaultItemList { items: StoredFaultItem[]; seedNote: string }
export interface FaultItemHistory { id: string; items: StoredFaultItem[] }

/** A field the server rejected (the `details` of a 400 from saving): `path` is dotted (matter.penalty.max, table.factors.2.levels.0.weight). */
export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

/** POST /api/discretion/preview: the fine the engine gives on the matter and table in force, nothing stored. */
export interface DiscretionPreview {
  amount: number;
  explanation: FineExplanation;
  matter: { code: string; version: number };
  table: { id: string; version: number } | null;
}

/** A matter's articles as the public reads them (《…》第X条第Y项). */
export interface MatterCitations { legalBasis: string; penaltyBasis: string }
/** A table's sources as the public reads them: the table's, its starting weight's and each factor's by key. */
export interface TableCitations { table: string; start: string; factors: Record<string, string> }

/**
 * GET /api/public/benchmarks (no login, APL 34): the matters and tables in force, without who edited them,
 * each with its citations in official Chinese (the stored `source` keys are for staff).
 */
export interface Benchmarks {
  matters: Array<Omit<StoredMatter, 'createdBy' | 'createdByName'> & { citations: MatterCitations }>;
  tables: Array<Omit<StoredTable, 'createdBy' | 'createdByName'> & { citations: TableCitations }>;
}
