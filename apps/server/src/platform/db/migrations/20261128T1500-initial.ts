// Initial schema: registry (regions → enterprises → outlets → monitoring points), raw frame archive,
// and readings stored one row per frame-period with all factors packed in `vals` (readings-codec.ts).
import { sql, type Kysely } from 'kysely';
import { bytesType, withId } from './dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('province', 'city', 'county')`))
    .addColumn('parent_code', 'text', (c) => c.references('regions.code'))
    .execute();

  await withId(db, db.schema.createTable('enterprises'))
    .addColumn('uscc', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('industry', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lng', 'double precision', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('enterprises_region').on('enterprises').column('region_code').execute();

  await withId(db, db.schema.createTable('outlets'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('air', 'water')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('outlets_enterprise_code', ['enterprise_id', 'code'])
    .execute();

  await withId(db, db.schema.createTable('monitoring_points'))
    .addColumn('outlet_id', 'integer', (c) => c.notNull().references('outlets.id'))
    .addColumn('mn', 'text', (c) => c.notNull().unique())
    .addColumn('pw', 'text', (c) => c.notNull())
    .addColumn('crc_variants', 'text', (c) => c.notNull())
    .addColumn('protocol_version', 'text', (c) => c.notNull())
    .addColumn('st', 'text', (c) => c.notNull())
    .addColumn('factors', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('monitoring_points_outlet').on('monitoring_points').column('outlet_id').execute();

  // Evidence: no foreign key on point_id so that retiring a point never touches the archive, and the
  // hot insert path pays for no extra lookup.
  await withId(db, db.schema.createTable('raw_frames'))
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('peer', 'text', (c) => c.notNull())
    .addColumn('point_id', 'integer')
    .addColumn('mn', 'text')
    .addColumn('cn', 'text')
    .addColumn('qn', 'text')
    .addColumn('data_time', 'bigint')
    .addColumn('verdict', 'text', (c) => c.notNull().check(sql`verdict in ('accepted', 'quarantined')`))
    .addColumn('reason', 'text')
    .addColumn('detail', 'text')
    .addColumn('crc_variant', 'text')
    // Data time + mn + hash of the bytes without trailer (frame-rows.ts): a byte-identical retransmission is stored once.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('bytes', bytesType(db), (c) => c.notNull())
    .execute();
  // "All frames of point P in a time range" (evidence for a warning) and the quarantine list by time.
  await db.schema.createIndex('raw_frames_point_time').on('raw_frames').columns(['point_id', 'received_at']).execute();
  // Partial: the quarantine list never reads accepted frames, so the hot path does not maintain entries for them.
  await db.schema
    .createIndex('raw_frames_verdict_time')
    .on('raw_frames')
    .columns(['verdict', 'received_at'])
    .where(sql.ref('verdict'), '=', sql.lit('quarantined'))
    .execute();

  // One row per point × period. Deliberately NOT `WITHOUT ROWID` on SQLite: rows are ~500 bytes (ten factors),
  // far above the ~200 bytes (1/20 page) where SQLite advises WITHOUT ROWID, and measured with the sink
  // (frame-sink.bench.ts, 500-frame batches, synchronous=FULL) the rowid table plus its primary-key index
  // took 26k frames/s against 12k: rows append to the table's right edge and only the small key entries
  // scatter by point. A series read pays one rowid lookup per period, ~2 µs each from cache.
  const readings = db.schema
    .createTable('readings')
    .addColumn('point_id', 'integer', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('period_start', 'bigint', (c) => c.notNull())
    .addColumn('cn', 'text', (c) => c.notNull())
    .addColumn('vals', bytesType(db), (c) => c.notNull())
    .addColumn('source_frame_id', 'bigint', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('readings_pk', ['point_id', 'period_kind', 'period_start']);
  await readings.execute();
}

export function down(): Promise<void> {
  // Forward-only: a rollback is a new migration.
  return Promise.reject(new Error('migrations are forward-only'));
}
