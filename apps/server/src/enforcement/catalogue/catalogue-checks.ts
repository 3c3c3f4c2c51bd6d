// Checks on what an admin submits to the catalogue (enforcement/catalogue/catalogue.ts), each problem with the dotted
// path of the field at fault so the editor can point at it. Matters and fault-tolerance entries are checked
// by the domain validators, which already give paths. The domain's tableProblems() assumes a well-formed
// table and answers in sentences, so a table's shape is checked here first (zod) and its sentences are then
// mapped back to the field they name.
import { z } from 'zod';
import {
  tableProblems, validateFaultToleranceEntry, validateMatter,
  type DiscretionTable, type EnforcementMatter, type FaultToleranceEntry,
} from '@ecoenforce/domain';
import type { FieldProblem } from '@ecoenforce/contract';

export type CatalogueErrorCode = 'invalid' | 'not_found' | 'stale' | 'exists' | 'already_retired' | 'retired' | 'refused';

/** A rejected request; the route turns `code` into 400 (invalid, refused), 404 (not_found) or 409 (the rest). */
export class CatalogueError extends Error {
  constructor(
    readonly code: CatalogueErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const join = (prefix: string, path: string): string => (path === '' ? prefix : `${prefix}.${path}`);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (what: string, problems: FieldProblem[]): CatalogueError => new CatalogueError('invalid', `invalid ${what}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);

/**
 * A matter as it will be stored, at `version`, or the problems. `tableIds` are the discretion tables in
 * force (a matter may not point at a missing one). Only the known fields are kept.
 */
export function checkMatter(input: unknown, version: number, tableIds: readonly string[]): EnforcementMatter {
  if (!isObj(input)) throw invalid('matter', [{ path: 'matter', code: 'not_an_object', message: 'matter must be an object' }]);
  const r = validateMatter({ ...input, version }, tableIds);
  if (!r.ok) throw invalid('matter', r.errors.map((e) => ({ path: join('matter', e.path), code: e.code, message: e.message })));
  const m = r.matter;
  const article = (a: EnforcementMatter['penaltyBasis']) => (a.item === undefined ? { law: a.law, article: a.article } : { law: a.law, article: a.article, item: a.item });
  return {
    code: m.code, version, name: { zh: m.name.zh, en: m.name.en }, legalBasis: m.legalBasis.map(article), penaltyBasis: article(m.penaltyBasis),
    penalty: m.penalty, decidedBy: { authority: m.decidedBy.authority, level: m.decidedBy.level }, responsiblePost: { zh: m.responsiblePost.zh, en: m.responsiblePost.en },
    discretionTableId: m.discretionTableId, source: m.source,
  };
}

/** A fault-tolerance entry as it will be stored, or the problems (domain validator, rules.md §7 [W19]). */
export function checkFaultToleranceItem(input: unknown): FaultToleranceEntry {
  const problems = validateFaultToleranceEntry(input);
  if (problems.length > 0) throw invalid('fault-tolerance entry', problems.map((e) => ({ path: join('item', e.path), code: e.code, message: e.message })));
  const e = input as FaultToleranceEntry;
  return {
    id: e.id, situation: { zh: e.situation.zh, en: e.situation.en }, handling: e.handling, handlingNote: { zh: e.handlingNote.zh, en: e.handlingNote.en },
    source: e.source, active: e.active,
  };
}

const text = (max: number) => z.string().trim().min(1).max(max);
const bilingual = z.object({ zh: text(500), en: text(500) });
const levelShape = z.object({
  key: z.string().regex(/^[A-Za-z0-9]{1,40}$/, 'level keys are 1–40 letters or digits'),
  label: bilingual,
  weight: z.number(),
  from: z.number().optional(),
  to: z.number().nullable().optional(),
});
const factorShape = z.object({
  key: z.string().max(40),
  label: bilingual,
  input: z.enum(['level', 'number']),
  unit: z.string().max(20).optional(),
  levels: z.array(levelShape).max(50),
  source: text(500),
});
const tableShape = z.object({
  id: z.string().max(40),
  label: bilingual,
  matterCodes: z.array(z.string().regex(/^[A-Z]{2,5}-\d{1,4}(-[A-Za-z0-9]{1,12})*$/, 'matter codes look like AIR-99-2')).max(100),
  start: z.object({ weight: z.number(), source: text(500) }),
  factors: z.array(factorShape).max(50),
  floorPercent: z.number(),
  source: text(500),
});

/** The field a sentence of tableProblems() is about: "factors[4] exceedanceMultiple: band 3to8 …" → factors.4.levels.1. */
function problemPath(t: DiscretionTable, message: string): string {
  const f = /^factors\[(\d+)\]/.exec(message);
  if (f === null) return join('table', /^[A-Za-z.]+/.exec(message)?.[0] ?? '');
  const i = Number(f[1]);
  let path = `table.factors.${i}`;
  const l = /(?:level|band) (\S+)/.exec(message);
  const j = l === null ? -1 : (t.factors[i]?.levels.findIndex((x) => x.key === l[1]) ?? -1);
  if (j >= 0) path += `.levels.${j}${/weight/.test(message) ? '.weight' : ''}`;
  else if (/key must|key appears/.test(message)) path += '.key';
  else if (/level|band/.test(message)) path += '.levels';
  return path;
}

/** A discretion table as it will be stored, at `version`, or the problems (shape, then GD art. 6 sense). */
export function checkTable(input: unknown, version: number): DiscretionTable {
  if (!isObj(input)) throw invalid('discretion table', [{ path: 'table', code: 'not_an_object', message: 'table must be an object' }]);
  const shape = tableShape.safeParse(input);
  if (!shape.success) {
    throw invalid('discretion table', shape.error.issues.map((i) => ({ path: join('table', i.path.map(String).join('.')), code: 'bad_shape', message: i.message })));
  }
  const s = shape.data;
  const table: DiscretionTable = {
    id: s.id, version, label: s.label, matterCodes: s.matterCodes, start: s.start, floorPercent: s.floorPercent, source: s.source,
    factors: s.factors.map((f) => ({
      key: f.key, label: f.label, input: f.input, ...(f.unit === undefined ? {} : { unit: f.unit }), source: f.source,
      levels: f.levels.map((l) => ({ key: l.key, label: l.label, weight: l.weight, ...(l.from === undefined ? {} : { from: l.from }), ...(l.to === undefined ? {} : { to: l.to }) })),
    })),
  };
  const problems = tableProblems(table);
  if (problems.length > 0) throw invalid('discretion table', problems.map((message) => ({ path: problemPath(table, message), code: 'bad_table', message })));
  return table;
}
