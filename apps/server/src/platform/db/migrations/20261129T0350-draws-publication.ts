// Double random, one public (issue 5 §2) and the public pages (§9): the positive list, officers' declared
// conflicts of interest, the stored draws and the published typical cases.
// - positive_list: a listing is never deleted; removal sets removed_at, so a past draw's inputs stay
//   explainable [W10: listed firms get off-site checks and stay in the double-random pool].
// - draws: one per region and period while not voided. `live_key` is "region|period" while the draw stands
//   and null once voided; a unique constraint on it refuses a second live draw on both dialects (NULLs never
//   collide), where a partial unique index would not be portable. The record and the exact inputs are
//   stored as JSON so anyone can re-run verifyDraw on them.
// - typical_cases: the redacted content as published; withdrawal keeps the row.
import type { Kysely } from 'kysely';
import { withId } from './dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('positive_list'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('listed_at', 'bigint', (c) => c.notNull())
    // Hainan's lists are valid 3 years [W10]; null: until removed.
    .addColumn('valid_to', 'bigint')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('removed_at', 'bigint')
    .addColumn('removed_by', 'integer')
    .addColumn('remove_reason', 'text')
    .execute();
  await db.schema.createIndex('positive_list_enterprise').on('positive_list').columns(['enterprise_id', 'removed_at']).execute();

  await withId(db, db.schema.createTable('officer_conflicts'))
    .addColumn('officer_id', 'integer', (c) => c.notNull())
    .addColumn('enterprise_id', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'bigint', (c) => c.notNull())
    .addColumn('declared_by', 'integer', (c) => c.notNull())
    .addColumn('withdrawn_at', 'bigint')
    .execute();
  await db.schema.createIndex('officer_conflicts_officer').on('officer_conflicts').columns(['officer_id', 'enterprise_id']).execute();

  await withId(db, db.schema.createTable('draws'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    // e.g. 2026-Q4: the period the statutory minimum is stated for [W11].
    .addColumn('period', 'text', (c) => c.notNull())
    // The outside value the head entered (the day's lottery number, a newspaper's figure) and the seed
    // drawSeed made from it with region and period.
    .addColumn('published_value', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    // JSON: the domain DrawRecord and the DrawInputs it was drawn from.
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('inputs', 'text', (c) => c.notNull())
    .addColumn('inputs_digest', 'text', (c) => c.notNull())
    .addColumn('result_digest', 'text', (c) => c.notNull())
    .addColumn('drawn_at', 'bigint', (c) => c.notNull())
    .addColumn('drawn_by', 'integer', (c) => c.notNull())
    .addColumn('publishable_after', 'bigint', (c) => c.notNull())
    .addColumn('published_at', 'bigint')
    // JSON: [{ enterpriseId, taskId }] of the tasks made from the draw.
    .addColumn('tasks', 'text', (c) => c.notNull())
    .addColumn('voided_at', 'bigint')
    .addColumn('voided_by', 'integer')
    .addColumn('void_reason', 'text')
    .addColumn('live_key', 'text', (c) => c.unique())
    .execute();
  await db.schema.createIndex('draws_region_period').on('draws').columns(['region_code', 'period']).execute();

  await withId(db, db.schema.createTable('typical_cases'))
    .addColumn('case_id', 'integer', (c) => c.notNull())
    // e.g. 2026年第一批: MEE publishes typical cases in named batches [W10, W15].
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // JSON: the redacted content and the list of what the redaction removed (kinds and counts only).
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addColumn('published_by', 'integer', (c) => c.notNull())
    .addColumn('withdrawn_at', 'bigint')
    .addColumn('withdrawn_by', 'integer')
    .addColumn('withdraw_reason', 'text')
    .execute();
  await db.schema.createIndex('typical_cases_case').on('typical_cases').columns(['case_id']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
