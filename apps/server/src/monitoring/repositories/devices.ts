// Instruments of a monitoring point (分析仪, 流量计, 数采仪…), one per point, kind and factor. One query per method.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DevicesTable, Schema } from '../../platform/db/schema.ts';

export type Device = Selectable<DevicesTable>;
export type NewDevice = Insertable<DevicesTable>;

/** Every column on every row (stack.md §3: in multi-row inserts Kysely sends NULL for columns some rows omit). */
function fullRow(d: NewDevice): NewDevice {
  return {
    point_id: d.point_id,
    factor: d.factor,
    kind: d.kind,
    manufacturer: d.manufacturer ?? null,
    model: d.model ?? null,
    serial: d.serial ?? null,
    range_low: d.range_low ?? null,
    range_high: d.range_high ?? null,
    unit: d.unit ?? null,
    installed_at: d.installed_at ?? null,
  };
}

export function devicesRepository(db: Kysely<Schema>) {
  return {
    /** Inserts or updates by (point, kind, factor): the file or seed is the truth for every other column. */
    async upsertMany(devices: readonly NewDevice[]): Promise<void> {
      if (devices.length === 0) return;
      await db
        .insertInto('devices')
        .values(devices.map(fullRow))
        .onConflict((oc) =>
          oc.columns(['point_id', 'kind', 'factor']).doUpdateSet((eb) => ({
            manufacturer: eb.ref('excluded.manufacturer'),
            model: eb.ref('excluded.model'),
            serial: eb.ref('excluded.serial'),
            range_low: eb.ref('excluded.range_low'),
            range_high: eb.ref('excluded.range_high'),
            unit: eb.ref('excluded.unit'),
            installed_at: eb.ref('excluded.installed_at'),
          })),
        )
        .execute();
    },

    get(id: number): Promise<Device | undefined> {
      return db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
    },

    listByPoint(pointId: number): Promise<Device[]> {
      return db.selectFrom('devices').selectAll().where('point_id', '=', pointId).orderBy('kind').orderBy('factor').execute();
    },

    /** Devices of the points of an enterprise, for the registry page and its export. */
    listByEnterprise(enterpriseId: number): Promise<Array<Device & { mn: string; outlet_code: string }>> {
      return db
        .selectFrom('devices as d')
        .innerJoin('monitoring_points as p', 'p.id', 'd.point_id')
        .innerJoin('outlets as o', 'o.id', 'p.outlet_id')
        .selectAll('d')
        .select(['p.mn', 'o.code as outlet_code'])
        .where('o.enterprise_id', '=', enterpriseId)
        .orderBy('o.code')
        .orderBy('p.mn')
        .orderBy('d.kind')
        .orderBy('d.factor')
        .execute();
    },

    async count(): Promise<number> {
      const row = await db.selectFrom('devices').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
