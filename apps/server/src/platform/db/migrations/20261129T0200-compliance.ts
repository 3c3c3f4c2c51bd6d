// Compliance: the lawful hourly and daily values computed from minute readings, and the warnings that
// findings become (issue 4). Values are recomputed when late data arrive, so a row is keyed by its period.
import { sql, type Kysely } from 'kysely';
import { withId } from './dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('period_values')
    .addColumn('point_id', 'integer', (c) => c.notNull())
    .addColumn('factor', 'text', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull().check(sql`period_kind in ('hour', 'day')`))
    .addColumn('period_start', 'bigint', (c) => c.notNull())
    .addColumn('samples', 'integer', (c) => c.notNull())
    .addColumn('valid', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('normal', 'abnormal', 'insufficient')`))
    .addColumn('mean', 'double precision')
    .addColumn('min', 'double precision')
    .addColumn('max', 'double precision')
    .addColumn('converted', 'double precision')
    .addColumn('logger_converted', 'double precision')
    .addColumn('flags', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('period_values_pk', ['point_id', 'factor', 'period_kind', 'period_start'])
    .execute();

  await withId(db, db.schema.createTable('warnings'))
    .addColumn('point_id', 'integer', (c) => c.notNull())
    .addColumn('enterprise_id', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('factor', 'text')
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('low', 'medium', 'high')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('new', 'confirmed', 'dismissed', 'dispatched', 'closed')`))
    .addColumn('period_from', 'bigint', (c) => c.notNull())
    .addColumn('period_to', 'bigint', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    // The finding's evidence (times, values, frame ids, parameters) and the rule row, as JSON.
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('decision_reason', 'text')
    // The enterprise's own explanation (issue 4 §6), kept beside the bureau's decision.
    .addColumn('answer', 'text')
    .addColumn('answered_at', 'bigint')
    .execute();
  await db.schema.createIndex('warnings_point_kind').on('warnings').columns(['point_id', 'kind', 'factor', 'period_to']).execute();
  await db.schema.createIndex('warnings_region_status').on('warnings').columns(['region_code', 'status']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
