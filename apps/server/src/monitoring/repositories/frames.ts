// Raw frames (the evidence archive). One query per method.
import type { Kysely, Selectable } from 'kysely';
import type { RawFramesTable, Schema } from '../../platform/db/schema.ts';

export type RawFrameRow = Selectable<RawFramesTable>;
export type FrameSummary = Omit<RawFrameRow, 'bytes'> & { size: number };

export interface QuarantineQuery {
  from?: number;
  to?: number;
  reason?: string;
  limit?: number;
  /** Keyset paging: frames with a smaller id than this (newest first). */
  beforeId?: number;
}

export function framesRepository(db: Kysely<Schema>) {
  const summary = [
    'id', 'received_at', 'peer', 'point_id', 'mn', 'cn', 'qn', 'data_time', 'verdict', 'reason', 'detail', 'crc_variant', 'dedupe_key',
  ] as const;
  return {
    async get(id: number): Promise<RawFrameRow | undefined> {
      const row = await db.selectFrom('raw_frames').selectAll().where('id', '=', id).executeTakeFirst();
      // Same type from both drivers (Buffer is a Uint8Array; pg gives Buffer too).
      return row;
    },

    /** Quarantined frames, newest first, without their bytes; optional filters composed. */
    listQuarantine(q: QuarantineQuery = {}): Promise<FrameSummary[]> {
      let query = db
        .selectFrom('raw_frames')
        .select(summary)
        .select((eb) => eb.fn<number>('length', ['bytes']).as('size'))
        .where('verdict', '=', 'quarantined');
      if (q.from !== undefined) query = query.where('received_at', '>=', q.from);
      if (q.to !== undefined) query = query.where('received_at', '<', q.to);
      if (q.reason !== undefined) query = query.where('reason', '=', q.reason);
      if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
      return query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(q.limit ?? 100).execute();
    },

    /** How many quarantined frames per reason (the data-quality panel). */
    async quarantineReasonCounts(q: { from?: number; to?: number } = {}): Promise<Record<string, number>> {
      let query = db
        .selectFrom('raw_frames')
        .select(['reason'])
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('verdict', '=', 'quarantined');
      if (q.from !== undefined) query = query.where('received_at', '>=', q.from);
      if (q.to !== undefined) query = query.where('received_at', '<', q.to);
      const rows = await query.groupBy('reason').execute();
      const out: Record<string, number> = {};
      for (const r of rows) out[r.reason ?? 'unknown'] = Number(r.n);
      return out;
    },

    /** All frames of a point received in [from, to), oldest first (served by raw_frames_point_time). */
    listByPoint(pointId: number, from: number, to: number, limit = 1000): Promise<RawFrameRow[]> {
      return db
        .selectFrom('raw_frames')
        .selectAll()
        .where('point_id', '=', pointId)
        .where('received_at', '>=', from)
        .where('received_at', '<', to)
        .orderBy('received_at')
        .orderBy('id')
        .limit(limit)
        .execute();
    },

    /** The latest receive or data time of any accepted frame, or null: where a resumed demo clock starts. */
    async latestTime(): Promise<number | null> {
      const row = await db
        .selectFrom('raw_frames')
        .select((eb) => [eb.fn.max('received_at').as('received'), eb.fn.max('data_time').as('data')])
        .where('verdict', '=', 'accepted')
        .executeTakeFirst();
      const times = [row?.received, row?.data].filter((t) => t !== null && t !== undefined).map(Number);
      return times.length === 0 ? null : Math.max(...times);
    },

    async count(): Promise<number> {
      const row = await db.selectFrom('raw_frames').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
