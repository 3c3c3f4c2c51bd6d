// Enterprises (排污单位), identified by their USCC. One query per method.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { EnterprisesTable, Schema } from '../../platform/db/schema.ts';

export type Enterprise = Selectable<EnterprisesTable>;
export type NewEnterprise = Insertable<EnterprisesTable>;

export function enterprisesRepository(db: Kysely<Schema>) {
  return {
    /** Inserts the enterprise unless its USCC is known; returns its id either way. */
    async ensure(e: NewEnterprise): Promise<number> {
      const row = await db
        .insertInto('enterprises')
        .values(e)
        // A no-op update so RETURNING yields the existing row's id on both dialects in one statement.
        .onConflict((oc) => oc.column('uscc').doUpdateSet((eb) => ({ uscc: eb.ref('excluded.uscc') })))
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    byUscc(uscc: string): Promise<Enterprise | undefined> {
      return db.selectFrom('enterprises').selectAll().where('uscc', '=', uscc).executeTakeFirst();
    },

    get(id: number): Promise<Enterprise | undefined> {
      return db.selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Enterprises of a region and every region below it (codes share the level's prefix). */
    listInRegion(prefix: string): Promise<Enterprise[]> {
      return db.selectFrom('enterprises').selectAll().where('region_code', 'like', `${prefix}%`).orderBy('id').execute();
    },

    async count(): Promise<number> {
      const row = await db.selectFrom('enterprises').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
