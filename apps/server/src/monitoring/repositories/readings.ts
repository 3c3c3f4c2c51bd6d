// Readings: one row per point × period kind × period start, factors decoded from the compact blob.
import type { Kysely } from 'kysely';
import type { ReadingsTable, Schema } from '../../platform/db/schema.ts';
import type { PeriodKind } from '../gateway/sink.ts';
import { decodeFactors, type StoredFactor } from './readings-codec.ts';

export interface PeriodReadings {
  pointId: number;
  periodKind: PeriodKind;
  /** DataTime, epoch ms UTC. */
  periodStart: number;
  cn: string;
  factors: StoredFactor[];
  sourceFrameId: number;
  revision: number;
  receivedAt: number;
}

export interface ReadingsQuery {
  pointId: number;
  periodKind: PeriodKind;
  /** Inclusive, epoch ms. */
  from?: number;
  /** Exclusive, epoch ms. */
  to?: number;
  /** Keyset paging: periods strictly after this start. */
  after?: number;
  limit?: number;
}

function toPeriod(r: ReadingsTable): PeriodReadings {
  return {
    pointId: r.point_id,
    periodKind: r.period_kind,
    periodStart: r.period_start,
    cn: r.cn,
    factors: decodeFactors(r.vals),
    sourceFrameId: r.source_frame_id,
    revision: r.revision,
    receivedAt: r.received_at,
  };
}

export function readingsRepository(db: Kysely<Schema>) {
  const repo = {
    /** Periods of one point and kind in time order (a primary-key range scan). */
    async list(q: ReadingsQuery): Promise<PeriodReadings[]> {
      let query = db.selectFrom('readings').selectAll().where('point_id', '=', q.pointId).where('period_kind', '=', q.periodKind);
      if (q.from !== undefined) query = query.where('period_start', '>=', q.from);
      if (q.to !== undefined) query = query.where('period_start', '<', q.to);
      if (q.after !== undefined) query = query.where('period_start', '>', q.after);
      const rows = await query.orderBy('period_start').limit(q.limit ?? 1000).execute();
      return rows.map(toPeriod);
    },

    async get(pointId: number, periodKind: PeriodKind, periodStart: number): Promise<PeriodReadings | undefined> {
      const r = await db
        .selectFrom('readings')
        .selectAll()
        .where('point_id', '=', pointId)
        .where('period_kind', '=', periodKind)
        .where('period_start', '=', periodStart)
        .executeTakeFirst();
      return r === undefined ? undefined : toPeriod(r);
    },

    /** Every period of the query, fetched page by page so memory stays flat for a year of minutes. */
    async *stream(q: Omit<ReadingsQuery, 'after' | 'limit'>, pageSize = 1000): AsyncGenerator<PeriodReadings> {
      let after: number | undefined;
      for (;;) {
        const page = await repo.list({ ...q, ...(after === undefined ? {} : { after }), limit: pageSize });
        yield* page;
        const last = page.at(-1);
        if (last === undefined || page.length < pageSize) return;
        after = last.periodStart;
      }
    },
  };
  return repo;
}
