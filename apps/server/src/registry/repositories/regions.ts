// Regions (GB/T 2260). One query per method.
import type { Kysely, Selectable } from 'kysely';
import type { RegionsTable, Schema } from '../../platform/db/schema.ts';

export type Region = Selectable<RegionsTable>;

export function regionsRepository(db: Kysely<Schema>) {
  return {
    /** Inserts regions that are not there yet (idempotent: existing codes keep their names). */
    async upsertMany(regions: readonly Region[]): Promise<void> {
      if (regions.length === 0) return;
      await db
        .insertInto('regions')
        .values(regions.map((r) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parent_code })))
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
    },

    get(code: string): Promise<Region | undefined> {
      return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
    },

    children(parentCode: string): Promise<Region[]> {
      return db.selectFrom('regions').selectAll().where('parent_code', '=', parentCode).orderBy('code').execute();
    },

    list(): Promise<Region[]> {
      return db.selectFrom('regions').selectAll().orderBy('code').execute();
    },
  };
}
