// Special periods (issue 4 §1): a permit states special-period limits beside its ordinary ones [PRM 13–14],
// and "the limit in force at each period is what counts". A region declares a period — a heavy-pollution
// weather warning (重污染天气预警) or a special event such as a major conference — and while it runs, the
// permit rows marked with that kind bind the outlets within the region instead of the ordinary rows.
//
// permit_limits gains `special_kind` (null: the ordinary limit). Its key becomes (permit, outlet, factor,
// basis, kind), with NULL folded to '' so two ordinary rows still collide: a UNIQUE constraint treats NULLs
// as distinct on both dialects. SQLite cannot drop a table constraint, so there the table is rebuilt with
// its ids and its AUTOINCREMENT counter kept (limit ids are referenced by the audit log).
import { sql, type Kysely } from 'kysely';
import { isSqlite, withId } from './dialect.ts';

const KIND_CHECK = sql`('heavy_pollution', 'special_event')`;

async function createLimitsTable(db: Kysely<unknown>, name: string): Promise<void> {
  await withId(db, db.schema.createTable(name))
    .addColumn('permit_id', 'integer', (c) => c.notNull().references('permits.id'))
    .addColumn('outlet_id', 'integer', (c) => c.notNull().references('outlets.id'))
    .addColumn('factor', 'text', (c) => c.notNull())
    .addColumn('limit_value', 'double precision', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull().check(sql`basis in ('hourly', 'daily', '24h_composite', 'instant')`))
    .addColumn('reference_o2', 'double precision')
    .addColumn('annual_quantity_t', 'double precision')
    .addColumn('standard', 'text')
    .addColumn('note', 'text')
    .addColumn('special_kind', 'text', (c) => c.check(sql`special_kind in ${KIND_CHECK}`))
    .execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) {
    const seq = await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'permit_limits'`.execute(db);
    await createLimitsTable(db, 'permit_limits_next');
    await sql`insert into permit_limits_next (id, permit_id, outlet_id, factor, limit_value, unit, basis, reference_o2, annual_quantity_t, standard, note, special_kind)
      select id, permit_id, outlet_id, factor, limit_value, unit, basis, reference_o2, annual_quantity_t, standard, note, null from permit_limits`.execute(db);
    await db.schema.dropTable('permit_limits').execute();
    await sql`alter table permit_limits_next rename to permit_limits`.execute(db);
    // The dropped table's counter went with it; a deleted last id must still never be handed out again.
    const last = seq.rows[0]?.seq;
    if (last !== undefined) await sql`update sqlite_sequence set seq = max(seq, ${last}) where name = 'permit_limits'`.execute(db);
    await db.schema.createIndex('permit_limits_outlet').on('permit_limits').column('outlet_id').execute();
  } else {
    await sql`alter table permit_limits drop constraint permit_limits_key`.execute(db);
    await db.schema.alterTable('permit_limits').addColumn('special_kind', 'text', (c) => c.check(sql`special_kind in ${KIND_CHECK}`)).execute();
  }
  // The same key on both dialects; ON CONFLICT names this expression (registry/repositories/permits.ts).
  await sql`create unique index permit_limits_key on permit_limits (permit_id, outlet_id, factor, basis, coalesce(special_kind, ''))`.execute(db);

  await withId(db, db.schema.createTable('special_periods'))
    // The declaring region (GB/T 2260); the period binds the outlets of enterprises within it.
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ${KIND_CHECK}`))
    // Warning level (yellow / orange / red) for a heavy-pollution warning; null for an event.
    .addColumn('level', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    // Exclusive end.
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    // The notice that declared it (document number, URL).
    .addColumn('source', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // Set when the period is called off: it binds only before max(starts_at, cancelled_at) — lifted early,
    // or (cancelled at or before its start) never in force at all. Rows are never deleted.
    .addColumn('cancelled_at', 'bigint')
    .addColumn('cancelled_by', 'integer')
    .addColumn('cancel_reason', 'text')
    .addCheckConstraint('special_periods_span', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('special_periods_ends').on('special_periods').columns(['ends_at', 'starts_at']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
