// The enforcement-matter catalogue (执法事项), the discretion benchmark tables and the fault-tolerance list
// (issue 5 §4, §6) as versioned rows: an edit adds the next version and never updates or deletes one, so a
// case (a later issue) can name the exact matter and table versions its fine was computed with. Each body is
// JSON checked by the domain validators when saved. The seeds are inserted on first use (enforcement/catalogue/catalogue.ts),
// not here, so a migration never depends on what the domain package seeds today.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('enforcement_matters')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    // JSON of EnforcementMatter (packages/domain/src/enforcement/matters.ts).
    .addColumn('body', 'text', (c) => c.notNull())
    // 1: this version takes the matter out of force. An integer on both dialects, like monitoring_points.active.
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0).check(sql`retired in (0, 1)`))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // Null: the seeded catalogue.
    .addColumn('created_by', 'integer')
    .addPrimaryKeyConstraint('enforcement_matters_pk', ['code', 'version'])
    .execute();

  await db.schema
    .createTable('discretion_tables')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    // JSON of DiscretionTable (packages/domain/src/enforcement/discretion-tables.ts).
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addPrimaryKeyConstraint('discretion_tables_pk', ['id', 'version'])
    .execute();

  await db.schema
    .createTable('fault_tolerance_items')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    // JSON of FaultToleranceEntry (packages/domain/src/enforcement/fault-tolerance.ts); `active` retires one.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addPrimaryKeyConstraint('fault_tolerance_items_pk', ['id', 'version'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
