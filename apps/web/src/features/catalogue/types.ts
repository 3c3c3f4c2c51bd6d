// The catalogue API's shapes (docs/api.md "Enforcement catalogue and discretion"), mirrored from
// packages/domain/src/enforcement (the console does not import the domain package).
export interface Bilingual { zh: string; en: string }
export interface ArticleRef { law: string; article: number; item?: number }

export type Penalty =
  | { kind: 'range' | 'perInstance'; min: number; max: number }
  | { kind: 'maximumOnly'; max: number }
  | { kind: 'multiple'; of: 'directLoss' | 'illegalGain'; min: number; max: number; orRange?: { min: number; max: number } }
  | { kind: 'daily'; of: 'originalFine' }
  | { kind: 'detention'; days: { min: number; max: number }; minorDays: { min: number; max: number } };

export type AuthorityLevel = 'county_or_above' | 'city_or_above' | 'province';

export interface Matter {
  code: string;
  version: number;
  name: Bilingual;
  legalBasis: ArticleRef[];
  penaltyBasis: ArticleRef;
  penalty: Penalty;
  decidedBy: { authority: 'eco_environment_department' | 'public_security'; level: AuthorityLevel | null };
  responsiblePost: Bilingual;
  discretionTableId: string | null;
  source: string;
}

interface Meta { version: number; note: string; createdAt: number; createdBy: number | null; createdByName: string | null }
export type StoredMatter = Meta & { code: string; retired: boolean; matter: Matter };

export interface FactorLevel { key: string; label: Bilingual; weight: number; from?: number; to?: number | null }
export interface Factor { key: string; label: Bilingual; input: 'level' | 'number'; unit?: string; levels: FactorLevel[]; source: string }
export interface DiscretionTable {
  id: string;
  version: number;
  label: Bilingual;
  matterCodes: string[];
  start: { weight: number; source: string };
  factors: Factor[];
  floorPercent: number;
  source: string;
}
export type StoredTable = Meta & { id: string; table: DiscretionTable };
export interface Circumstance { key: string; label: Bilingual; source: string }
export interface TableList { items: StoredTable[]; aggravating: Circumstance[]; apologyBars: Circumstance[]; mitigating: string[] }

export interface FaultItem { id: string; situation: Bilingual; handling: 'exempt' | 'mitigate' | 'correct_and_continue'; handlingNote: Bilingual; source: string; active: boolean }
export type StoredFaultItem = Meta & { id: string; item: FaultItem };

export type FactorFact = { proven: false } | { proven: true; levels: string[] } | { proven: true; value: number };

export interface FactorLine {
  key: string; label: Bilingual; source: string; proven: boolean; value: number | null; claimed: string[]; level: string; levelLabel: Bilingual; weight: number;
  rule: 'proven' | 'unproven_lowest_level' | 'heaviest_of_several';
}
export interface FineExplanation {
  matter: { code: string; version: number; penaltyBasis: string };
  method: 'weights' | 'range';
  table: { id: string; version: number } | null;
  statutory: { min: number; max: number; midpoint: number; basis: string };
  start: { weight: number; source: string } | null;
  factors: FactorLine[];
  percent: { sum: number; capped: number; applied: number } | null;
  formula: string;
  circumstance: { applied: string | null; requested: string | null; aggravating: string[]; mitigating: string[]; note: string | null };
  steps: Array<{ rule: string; source: string; detail: string; amount: number }>;
  amount: number;
}
export interface Preview { amount: number; explanation: FineExplanation; matter: { code: string; version: number }; table: { id: string; version: number } | null }

/** A field the server rejected: `path` is dotted (matter.penalty.max). */
export interface FieldProblem { path: string; code: string; message: string }

/** "AIR 99(2)", as the domain's formatArticle writes it. */
export const article = (a: ArticleRef): string => (a.item === undefined ? `${a.law} ${a.article}` : `${a.law} ${a.article}(${a.item})`);

export const yuan = (v: number): string => Math.round(v).toLocaleString('en-US');

/** The statutory penalty in a line: "100,000–1,000,000", "1–3 × direct loss", "daily", "detention 10–15 d". */
export function penaltyText(p: Penalty, t: (key: string, o?: Record<string, unknown>) => string): string {
  switch (p.kind) {
    case 'range':
      return `${yuan(p.min)}–${yuan(p.max)}`;
    case 'perInstance':
      return t('catalogue.perInstance', { range: `${yuan(p.min)}–${yuan(p.max)}` });
    case 'maximumOnly':
      return t('catalogue.maximumOnly', { max: yuan(p.max) });
    case 'multiple':
      return t(`catalogue.multiple.${p.of}`, { min: p.min, max: p.max }) + (p.orRange === undefined ? '' : ` / ${yuan(p.orRange.min)}–${yuan(p.orRange.max)}`);
    case 'daily':
      return t('catalogue.daily');
    case 'detention':
      return t('catalogue.detention', { min: p.days.min, max: p.days.max });
  }
}
