// A stored data marking at a point (in its region and enterprise), for tests that need one to exist.
import { locate } from '../src/access/locate.ts';
import type { Kysely } from 'kysely';
import type { Schema } from '../src/platform/db/schema.ts';

export async function insertMarking(db: Kysely<Schema>, pointId: number, span: { from: number; to: number; invalid?: boolean }): Promise<number> {
  const place = await locate(db, 'point', pointId);

  const user = await db.selectFrom('users').select('id').orderBy('id').executeTakeFirst();
  const row = await db
    .insertInto('markings')
    .values({
      point_id: pointId, enterprise_id: place!.enterpriseId!, region_code: place!.regionCode!, kind: 'maintenance', invalid: span.invalid === false ? 0 : 1, span_from: span.from, span_to: span.to,
      reason: 'fixture', attachments: '[]', created_by: Number(user?.id ?? 0), created_at: span.from, withdrawn_at: null, late: 0, production_seen: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
