// Guided on-site inspections (issue 5 §3): one inspection per visit, made on a phone that may be offline, so
// every row is keyed by an id the client generated (uuid) and carries a row version for optimistic edits.
// inspection_ops remembers each client operation id it applied, so a re-sent batch is acknowledged and never
// applied twice. Evidence bytes are kept with the SHA-256 the browser computed at capture (checked on upload).
import { sql, type Kysely } from 'kysely';
import { bytesType, withId } from './dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('inspections'))
    .addColumn('uuid', 'text', (c) => c.notNull().unique())
    .addColumn('task_id', 'integer', (c) => c.notNull())
    // The hash of the generated checklist the officer worked from (GET /api/tasks/:id/checklist).
    .addColumn('checklist_hash', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    // JSON array of users.id: the officers on the task when the inspection started (APL art. 42: two or more).
    .addColumn('officer_ids', 'text', (c) => c.notNull())
    .addColumn('gps_status', 'text', (c) => c.notNull().check(sql`gps_status in ('ok', 'unavailable')`))
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('accuracy_m', 'double precision')
    // The phone's clock and ours: they may disagree; both are kept.
    .addColumn('device_time', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspections_task').on('inspections').columns(['task_id']).execute();

  await withId(db, db.schema.createTable('inspection_items'))
    .addColumn('inspection_id', 'integer', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('compliant', 'violation', 'not_applicable')`))
    .addColumn('note', 'text')
    // The enforcement matter (catalogue code) a violation falls under; null otherwise.
    .addColumn('matter_code', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.notNull())
    .addUniqueConstraint('inspection_items_key', ['inspection_id', 'item_key'])
    .execute();

  await withId(db, db.schema.createTable('inspection_evidence'))
    .addColumn('uuid', 'text', (c) => c.notNull().unique())
    .addColumn('inspection_id', 'integer', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    // Hex SHA-256 computed in the browser at capture and verified again here on upload.
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('bytes', bytesType(db), (c) => c.notNull())
    .addColumn('captured_at', 'bigint', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('accuracy_m', 'double precision')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_evidence_inspection').on('inspection_evidence').columns(['inspection_id']).execute();

  // Applied client operations: the op id, who sent it and the answer given, returned again on a re-send.
  await db.schema
    .createTable('inspection_ops')
    .addColumn('op_id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_uuid', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'bigint', (c) => c.notNull())
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
