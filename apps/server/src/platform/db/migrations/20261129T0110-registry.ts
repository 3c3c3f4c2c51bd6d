// Registry details (issue 3 §5): what the permit system knows about an enterprise (industry code, management
// category, key-discharger lists), a point's own location, the instruments behind each factor, and the
// discharge permits with their per-outlet limits that the compliance checks read.
import { sql, type Kysely } from 'kysely';
import { withId } from './dialect.ts';

/** 0/1 flags: integers on both dialects so one type serves both (as monitoring_points.active). */
const FLAGS = ['key_air', 'key_water', 'key_soil', 'key_hazardous_waste', 'carbon_key_emitter'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per ALTER: SQLite accepts a single ADD COLUMN per statement.
  // GB/T 4754-2017 class code, e.g. '4411' 火力发电. Null for enterprises registered before this migration.
  await db.schema.alterTable('enterprises').addColumn('industry_code', 'text').execute();
  // 固定污染源排污许可分类管理名录: 重点管理 / 简化管理 / 登记管理 (PRM art. 2).
  await db.schema
    .alterTable('enterprises')
    .addColumn('management_category', 'text', (c) => c.check(sql`management_category in ('key', 'simplified', 'registration')`))
    .execute();
  for (const flag of FLAGS) {
    await db.schema
      .alterTable('enterprises')
      .addColumn(flag, 'integer', (c) => c.notNull().defaultTo(0).check(sql`${sql.ref(flag)} in (0, 1)`))
      .execute();
  }

  // Null = the enterprise's location (most points sit on the enterprise's own stack or outfall).
  await db.schema.alterTable('monitoring_points').addColumn('lat', 'double precision').execute();
  await db.schema.alterTable('monitoring_points').addColumn('lng', 'double precision').execute();

  await withId(db, db.schema.createTable('devices'))
    .addColumn('point_id', 'integer', (c) => c.notNull().references('monitoring_points.id'))
    // 2017 factor code; '' for a device that serves the whole point (the data logger).
    .addColumn('factor', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('analyzer', 'flowmeter', 'logger', 'sampler', 'other')`))
    .addColumn('manufacturer', 'text')
    .addColumn('model', 'text')
    .addColumn('serial', 'text')
    .addColumn('range_low', 'double precision')
    .addColumn('range_high', 'double precision')
    .addColumn('unit', 'text')
    .addColumn('installed_at', 'bigint')
    // Also the index for "devices of a point".
    .addUniqueConstraint('devices_point_kind_factor', ['point_id', 'kind', 'factor'])
    .execute();

  await withId(db, db.schema.createTable('permits'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    // 许可证编号, e.g. USCC + '001P'.
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('valid_from', 'bigint', (c) => c.notNull())
    // Exclusive: the first instant the permit no longer covers (midnight after the last valid day).
    .addColumn('valid_to', 'bigint', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('valid', 'expired', 'revoked', 'cancelled')`))
    .execute();
  await db.schema.createIndex('permits_enterprise').on('permits').column('enterprise_id').execute();

  await withId(db, db.schema.createTable('permit_limits'))
    .addColumn('permit_id', 'integer', (c) => c.notNull().references('permits.id'))
    .addColumn('outlet_id', 'integer', (c) => c.notNull().references('outlets.id'))
    .addColumn('factor', 'text', (c) => c.notNull())
    // Permitted concentration (许可排放浓度) in `unit`.
    .addColumn('limit_value', 'double precision', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    // Averaging period the limit is judged on: hourly (flue gas), daily / 24 h composite (water, GB 18918 §4.1.4.2).
    .addColumn('basis', 'text', (c) => c.notNull().check(sql`basis in ('hourly', 'daily', '24h_composite', 'instant')`))
    // Reference O2 (%) of the converted concentration, flue gas only (GB 13271-2014 §5.2).
    .addColumn('reference_o2', 'double precision')
    // Permitted annual quantity (许可排放量), tonnes per year.
    .addColumn('annual_quantity_t', 'double precision')
    .addColumn('standard', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('permit_limits_key', ['permit_id', 'outlet_id', 'factor', 'basis'])
    .execute();
  // "Limits of outlet O" is what the compliance checks ask.
  await db.schema.createIndex('permit_limits_outlet').on('permit_limits').column('outlet_id').execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
