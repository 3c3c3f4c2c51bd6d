// "What would the fine be": the discretion engine (packages/domain computeFine) run on the matter and table
// versions in force, for officers before they propose a penalty, and the published benchmarks the public may
// read without logging in (APL 34: discretion benchmarks must be published). No case is stored here; a case
// (a later issue) stores the explanation, which names the matter and table versions it used.
import type { Kysely } from 'kysely';
import { articleRefZh, articleRefsZh, citationZh, computeFine, type FineRequest } from '@ecoenforce/domain';
import type { Schema } from '../../platform/db/schema.ts';
import type { Benchmarks, DiscretionPreview } from '@ecoenforce/contract';
import { CatalogueError, currentMatters, currentTables, matterInForce } from './catalogue.ts';

export type PreviewInput = Omit<FineRequest, 'matter' | 'table'> & { matterCode: string };

/** The fine computeFine gives for these facts; the engine's refusals become a 400 with its code and band. */
export async function previewFine(db: Kysely<Schema>, input: PreviewInput, now: number): Promise<DiscretionPreview> {
  const { matterCode, ...facts } = input;
  const { matter, table } = await matterInForce(db, matterCode, now);
  const r = computeFine({ ...facts, matter: matter.matter, table: table?.table ?? null });
  if (!r.ok) throw new CatalogueError('refused', r.error.message, r.error);
  return {
    amount: r.amount, explanation: r.explanation, matter: { code: matter.code, version: matter.version },
    table: table === null ? null : { id: table.id, version: table.version },
  };
}

/** The matters and tables in force, without who edited them (staff names are not published). */
export async function publishedBenchmarks(db: Kysely<Schema>, now: number): Promise<Benchmarks> {
  const [matters, tables] = await Promise.all([currentMatters(db, now), currentTables(db, now)]);
  const cite = (source: string): string => citationZh(source) || '—';
  return {
    matters: matters.map(({ createdBy: _b, createdByName: _n, ...m }) => ({
      ...m,
      citations: { legalBasis: articleRefsZh(m.matter.legalBasis), penaltyBasis: articleRefZh(m.matter.penaltyBasis) },
    })),
    tables: tables.map(({ createdBy: _b, createdByName: _n, ...t }) => ({
      ...t,
      citations: { table: cite(t.table.source), start: cite(t.table.start.source), factors: Object.fromEntries(t.table.factors.map((f) => [f.key, cite(f.source)])) },
    })),
  };
}
