// What closing a batch of Beijing days reads that closing hours does not (issue 4 §2 and §9: a province's day
// closed in batches, not point by point): the day's minutes with their arrival times, the loggers' own hourly
// (2061) and daily (2031) values, each point's first minute ever, and which points are meter loggers with
// treatment meters. Places, limits and markings come from hour-inputs.ts. One query per method for up to a
// few hundred points: every IN list stays well under both dialects' bound-parameter limits.
import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/schema.ts';
import { decodeFactors, type StoredFactor } from '../../monitoring/index.ts';

export interface DayMinuteRow {
  pointId: number;
  periodStart: number;
  factors: StoredFactor[];
  sourceFrameId: number;
  receivedAt: number;
}

export interface LoggerPeriodRow {
  pointId: number;
  periodKind: 'hour' | 'day';
  periodStart: number;
  factors: StoredFactor[];
  sourceFrameId: number;
}

export function dayInputsRepository(db: Kysely<Schema>) {
  return {
    /** Minute readings of the points in [from, to) with when each arrived, by point then time. */
    async minutes(pointIds: readonly number[], from: number, to: number): Promise<DayMinuteRow[]> {
      if (pointIds.length === 0) return [];
      const rows = await db
        .selectFrom('readings')
        .select(['point_id', 'period_start', 'vals', 'source_frame_id', 'received_at'])
        .where('point_id', 'in', pointIds)
        .where('period_kind', '=', 'min')
        .where('period_start', '>=', from)
        .where('period_start', '<', to)
        .orderBy('point_id')
        .orderBy('period_start')
        .execute();
      return rows.map((r) => ({ pointId: Number(r.point_id), periodStart: Number(r.period_start), factors: decodeFactors(r.vals), sourceFrameId: Number(r.source_frame_id), receivedAt: Number(r.received_at) }));
    },

    /** The loggers' own hourly values in [dayStart, dayStart + 24 h) and daily values at dayStart, by point, kind, time. */
    async loggerPeriods(pointIds: readonly number[], dayStart: number, dayEnd: number): Promise<LoggerPeriodRow[]> {
      if (pointIds.length === 0) return [];
      const rows = await db
        .selectFrom('readings')
        .select(['point_id', 'period_kind', 'period_start', 'vals', 'source_frame_id'])
        .where('point_id', 'in', pointIds)
        .where((eb) => eb.or([
          eb.and([eb('period_kind', '=', 'hour'), eb('period_start', '>=', dayStart), eb('period_start', '<', dayEnd)]),
          eb.and([eb('period_kind', '=', 'day'), eb('period_start', '=', dayStart)]),
        ]))
        .orderBy('point_id')
        .orderBy('period_kind')
        .orderBy('period_start')
        .execute();
      return rows.map((r) => ({
        pointId: Number(r.point_id), periodKind: r.period_kind === 'day' ? 'day' : 'hour', periodStart: Number(r.period_start), factors: decodeFactors(r.vals), sourceFrameId: Number(r.source_frame_id),
      }));
    },

    /** Each point's first minute ever (absent: none stored): one primary-key probe per point. */
    async firstMinutes(pointIds: readonly number[]): Promise<Map<number, number>> {
      if (pointIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('monitoring_points as p')
        .select((eb) => [
          'p.id',
          eb.selectFrom('readings as r').select('r.period_start').whereRef('r.point_id', '=', 'p.id').where('r.period_kind', '=', 'min').orderBy('r.period_start').limit(1).as('first'),
        ])
        .where('p.id', 'in', pointIds)
        .execute();
      return new Map(rows.filter((r) => r.first !== null).map((r) => [Number(r.id), Number(r.first)]));
    },

    /** The points among these that report a treatment meter (treatment-off runs on their days). */
    async treatmentLoggers(pointIds: readonly number[]): Promise<Set<number>> {
      if (pointIds.length === 0) return new Set();
      const rows = await db.selectFrom('meters').select('point_id').distinct().where('point_id', 'in', pointIds).where('role', '=', 'treatment').execute();
      return new Set(rows.map((r) => Number(r.point_id)));
    },
  };
}
