// What closing a batch of hours reads, one query each for many points at once (issue 4 §9: a province's
// hour in seconds): their places, minute readings, limits and special periods in force, markings,
// instrument ranges and the warnings an hour's findings could extend. Callers pass at most a few hundred ids per call, which keeps
// every IN list well under both dialects' bound-parameter limits.
import type { Kysely, Selectable } from 'kysely';
import type { Marking } from '@ecoenforce/domain';
import type { Schema, WarningsTable } from '../../platform/db/schema.ts';
import { permitsRepository, type OutletLimit, type SpecialPeriod } from '../../registry/index.ts';
import { decodeFactors, type StoredFactor } from '../../monitoring/index.ts';

export interface PlaceRow {
  pointId: number;
  outletId: number;
  kind: 'air' | 'water';
  enterpriseId: number;
  regionCode: string;
}

export interface MinuteRow {
  pointId: number;
  periodStart: number;
  factors: StoredFactor[];
  sourceFrameId: number;
}

export type OutletLimitRow = OutletLimit;

export function hourInputsRepository(db: Kysely<Schema>) {
  return {
    async places(pointIds: readonly number[]): Promise<PlaceRow[]> {
      if (pointIds.length === 0) return [];
      const rows = await db
        .selectFrom('monitoring_points as p')
        .innerJoin('outlets as o', 'o.id', 'p.outlet_id')
        .innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
        .select(['p.id', 'o.id as outlet_id', 'o.kind', 'e.id as enterprise_id', 'e.region_code'])
        .where('p.id', 'in', pointIds)
        .execute();
      return rows.map((r) => ({ pointId: Number(r.id), outletId: Number(r.outlet_id), kind: r.kind, enterpriseId: Number(r.enterprise_id), regionCode: r.region_code }));
    },

    /** Minute readings of the points in [from, to), by point then time (a primary-key probe per point). */
    async minutes(pointIds: readonly number[], from: number, to: number): Promise<MinuteRow[]> {
      if (pointIds.length === 0) return [];
      const rows = await db
        .selectFrom('readings')
        .select(['point_id', 'period_start', 'vals', 'source_frame_id'])
        .where('point_id', 'in', pointIds)
        .where('period_kind', '=', 'min')
        .where('period_start', '>=', from)
        .where('period_start', '<', to)
        .orderBy('point_id')
        .orderBy('period_start')
        .execute();
      return rows.map((r) => ({ pointId: Number(r.point_id), periodStart: Number(r.period_start), factors: decodeFactors(r.vals), sourceFrameId: Number(r.source_frame_id) }));
    },

    /** Limits of valid permits in force at `at` for the outlets, in limitsForOutlet's order within each outlet. */
    limits(outletIds: readonly number[], at: number): Promise<OutletLimitRow[]> {
      return permitsRepository(db).limitsForOutlets(outletIds, at);
    },

    /** Special periods of every region in force at `at` (the same query limitsInForce uses). */
    specialPeriods(at: number): Promise<SpecialPeriod[]> {
      return permitsRepository(db).specialPeriodsAt(at);
    },

    /** Markings in force (not withdrawn) of the points that overlap [from, to). */
    async markings(pointIds: readonly number[], from: number, to: number): Promise<Array<Marking & { pointId: number }>> {
      if (pointIds.length === 0) return [];
      const rows = await db
        .selectFrom('markings')
        .select(['point_id', 'kind', 'invalid', 'span_from', 'span_to'])
        .where('point_id', 'in', pointIds)
        .where('withdrawn_at', 'is', null)
        .where('span_from', '<', to)
        .where('span_to', '>', from)
        .execute();
      return rows.map((r) => ({ pointId: Number(r.point_id), from: Number(r.span_from), to: Number(r.span_to), kind: r.kind, invalid: Number(r.invalid) === 1 }));
    },

    ranges(pointIds: readonly number[]): Promise<Array<{ point_id: number; factor: string; range_high: number | null }>> {
      if (pointIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('devices').select(['point_id', 'factor', 'range_high']).where('point_id', 'in', pointIds).orderBy('point_id').orderBy('kind').orderBy('factor').execute();
    },

    /** Warnings of the points that end at or after `since`: every one an hour from `since` on can cover or extend. */
    openSince(pointIds: readonly number[], since: number): Promise<Array<Selectable<WarningsTable>>> {
      if (pointIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('warnings').selectAll().where('point_id', 'in', pointIds).where('period_to', '>=', since).orderBy('id').execute();
    },
  };
}
