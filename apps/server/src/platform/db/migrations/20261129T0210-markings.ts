// Enterprise data markings (issue 4 §3, the 2022 marking rules): an enterprise marks a span of a point's
// data (start-up, shutdown, fault, maintenance, …) with a reason and attachment metadata. A marking is never
// deleted, only withdrawn; an invalid-marked span is left out of the exceedance judgement. `late` and
// `production_seen` record what the platform found when the marking was made.
import { sql, type Kysely } from 'kysely';
import { withId } from './dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('markings'))
    .addColumn('point_id', 'integer', (c) => c.notNull())
    .addColumn('enterprise_id', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('startup', 'shutdown', 'equipment_fault', 'maintenance', 'calibration', 'production_stopped', 'other')`),
    )
    .addColumn('invalid', 'integer', (c) => c.notNull().check(sql`invalid in (0, 1)`))
    .addColumn('span_from', 'bigint', (c) => c.notNull())
    // Exclusive end.
    .addColumn('span_to', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // JSON: [{name, sha256, size}], metadata of the attached files.
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('withdrawn_at', 'bigint')
    .addColumn('late', 'integer', (c) => c.notNull().check(sql`late in (0, 1)`))
    .addColumn('production_seen', 'integer', (c) => c.notNull().check(sql`production_seen in (0, 1)`))
    .addCheckConstraint('markings_span', sql`span_to > span_from`)
    .execute();
  await db.schema.createIndex('markings_point_span').on('markings').columns(['point_id', 'span_from']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
