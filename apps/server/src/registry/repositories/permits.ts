// Discharge permits (排污许可证) and their per-outlet, per-factor limits. One query per method. Limits are
// what the compliance checks compare readings with, so the "in force at time t" questions live here.
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { PermitLimitsTable, PermitsTable, Schema, SpecialPeriodsTable } from '../../platform/db/schema.ts';

export type Permit = Selectable<PermitsTable>;
export type NewPermit = Insertable<PermitsTable>;
export type PermitLimit = Selectable<PermitLimitsTable>;
export type NewPermitLimit = Insertable<PermitLimitsTable>;
export type SpecialPeriod = Selectable<SpecialPeriodsTable>;
/** A limit row with its permit's number and the region of the outlet's enterprise (special periods are by region). */
export type OutletLimit = PermitLimit & { permit_number: string; region_code: string };
export type OutletLimitSpan = OutletLimit & { valid_from: number; valid_to: number };

/** Every column on every row (stack.md §3: in multi-row inserts Kysely sends NULL for columns some rows omit). */
function fullLimit(l: NewPermitLimit): NewPermitLimit {
  return {
    permit_id: l.permit_id,
    outlet_id: l.outlet_id,
    factor: l.factor,
    limit_value: l.limit_value,
    unit: l.unit,
    basis: l.basis,
    reference_o2: l.reference_o2 ?? null,
    annual_quantity_t: l.annual_quantity_t ?? null,
    standard: l.standard ?? null,
    note: l.note ?? null,
    special_kind: l.special_kind ?? null,
  };
}

export function permitsRepository(db: Kysely<Schema>) {
  /**
   * Every limit of a valid permit in force at some time in [from, to), for many outlets at once, ordered by
   * outlet, factor, basis, latest permit first; each row carries its permit's validity so a caller spanning
   * several days takes, per day, the rows in force then.
   */
  const limitsForOutletsBetween = (outletIds: readonly number[], from: number, to: number): Promise<OutletLimitSpan[]> => {
    if (outletIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('permit_limits as l')
      .innerJoin('permits as p', 'p.id', 'l.permit_id')
      .innerJoin('outlets as o', 'o.id', 'l.outlet_id')
      .innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
      .selectAll('l')
      .select(['p.number as permit_number', 'e.region_code', 'p.valid_from', 'p.valid_to'])
      .where('l.outlet_id', 'in', outletIds)
      .where('p.status', '=', 'valid')
      .where('p.valid_from', '<', to)
      .where('p.valid_to', '>', from)
      .orderBy('l.outlet_id')
      .orderBy('l.factor')
      .orderBy('l.basis')
      .orderBy('p.valid_from', 'desc')
      .orderBy('l.id')
      .execute();
  };
  /** limitsForOutlet for many outlets at once (closing a batch of points): in force at the instant `at`. */
  const limitsForOutlets = (outletIds: readonly number[], at: number): Promise<OutletLimit[]> => limitsForOutletsBetween(outletIds, at, at + 1);

  return {
    /** Inserts or updates the permit by its number; returns its id. */
    async upsert(p: NewPermit): Promise<number> {
      const row = await db
        .insertInto('permits')
        .values(p)
        .onConflict((oc) =>
          oc.column('number').doUpdateSet((eb) => ({
            enterprise_id: eb.ref('excluded.enterprise_id'),
            issued_at: eb.ref('excluded.issued_at'),
            valid_from: eb.ref('excluded.valid_from'),
            valid_to: eb.ref('excluded.valid_to'),
            issuer: eb.ref('excluded.issuer'),
            status: eb.ref('excluded.status'),
          })),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    get(id: number): Promise<Permit | undefined> {
      return db.selectFrom('permits').selectAll().where('id', '=', id).executeTakeFirst();
    },

    byNumber(number: string): Promise<Permit | undefined> {
      return db.selectFrom('permits').selectAll().where('number', '=', number).executeTakeFirst();
    },

    listByEnterprise(enterpriseId: number): Promise<Permit[]> {
      return db.selectFrom('permits').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('valid_from', 'desc').orderBy('id').execute();
    },

    /** The enterprise's permit in force at `at` (status valid, valid_from ≤ at < valid_to); the latest-starting one if several overlap. */
    inForce(enterpriseId: number, at: number): Promise<Permit | undefined> {
      return db
        .selectFrom('permits')
        .selectAll()
        .where('enterprise_id', '=', enterpriseId)
        .where('status', '=', 'valid')
        .where('valid_from', '<=', at)
        .where('valid_to', '>', at)
        .orderBy('valid_from', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    /** Inserts or updates limits by (permit, outlet, factor, basis, special kind). */
    async upsertLimits(limits: readonly NewPermitLimit[]): Promise<void> {
      if (limits.length === 0) return;
      await db
        .insertInto('permit_limits')
        .values(limits.map(fullLimit))
        .onConflict((oc) =>
          // The unique index permit_limits_key (migration 20261129T0240): NULL (ordinary) folded to ''.
          oc.expression(sql`permit_id, outlet_id, factor, basis, coalesce(special_kind, '')`).doUpdateSet((eb) => ({
            limit_value: eb.ref('excluded.limit_value'),
            unit: eb.ref('excluded.unit'),
            reference_o2: eb.ref('excluded.reference_o2'),
            annual_quantity_t: eb.ref('excluded.annual_quantity_t'),
            standard: eb.ref('excluded.standard'),
            note: eb.ref('excluded.note'),
          })),
        )
        .execute();
    },

    limitsOf(permitId: number): Promise<PermitLimit[]> {
      return db.selectFrom('permit_limits').selectAll().where('permit_id', '=', permitId).orderBy('outlet_id').orderBy('factor').orderBy('basis').orderBy('id').execute();
    },

    /**
     * Limits that bind an outlet at `at`: those of every valid permit covering `at`. Normally one permit;
     * when a renewal overlaps the old one, both sets come back and the caller applies the stricter.
     */
    limitsForOutlet(outletId: number, at: number): Promise<OutletLimit[]> {
      return limitsForOutlets([outletId], at);
    },

    limitsForOutlets,
    limitsForOutletsBetween,

    /**
     * Special periods of every region in force at `at` (started, not ended, not cancelled by then), by id.
     * Few run at once, so the caller matches regions in memory (isWithinRegion) for any number of outlets.
     */
    specialPeriodsAt(at: number): Promise<SpecialPeriod[]> {
      return db
        .selectFrom('special_periods')
        .selectAll()
        .where('starts_at', '<=', at)
        .where('ends_at', '>', at)
        .where((eb) => eb.or([eb('cancelled_at', 'is', null), eb('cancelled_at', '>', at)]))
        .orderBy('id')
        .execute();
    },


    async count(): Promise<number> {
      const row = await db.selectFrom('permits').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
