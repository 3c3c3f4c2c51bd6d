// Discharge outlets (排放口) of an enterprise. One query per method.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { OutletsTable, Schema } from '../../platform/db/schema.ts';

export type Outlet = Selectable<OutletsTable>;
export type NewOutlet = Insertable<OutletsTable>;

export function outletsRepository(db: Kysely<Schema>) {
  return {
    /** Inserts the outlet unless (enterprise, code) exists; returns its id either way. */
    async ensure(o: NewOutlet): Promise<number> {
      const row = await db
        .insertInto('outlets')
        .values(o)
        .onConflict((oc) => oc.columns(['enterprise_id', 'code']).doUpdateSet((eb) => ({ code: eb.ref('excluded.code') })))
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    listByEnterprise(enterpriseId: number): Promise<Outlet[]> {
      return db.selectFrom('outlets').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('code').execute();
    },
  };
}
