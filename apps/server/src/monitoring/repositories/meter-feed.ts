// Storage of the meter feed (POST /api/meter-feed, monitoring/meter-feed.ts): which meters the feed may name,
// and the write of a batch's readings. The write stores what the HJ 212 frame sink stores for a logger's
// minute frame, so nothing downstream can tell the paths apart except by the evidence itself:
//   - one raw_frames row per reading: the reading's JSON as received (the evidence a warning cites), with
//     a dedupe key over (meter, minute, values) so a re-sent reading is stored once;
//   - the minute's readings row of the meter's (point, factor), merged like a subpacket into what the point
//     already holds that minute, its source_frame_id the reading's raw row.
// It runs inside the caller's transaction (the audit row goes in the same one). Kysely rather than the
// sink's prepared statements: a feed batch is at most a thousand readings every few minutes, not the
// gateway's tens of thousands of frames a second, and one code path serves both dialects.
import { SqliteAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../platform/db/schema.ts';
import { decodeFactors, encodeFactors, mergeFactors, type StoredFactor } from './readings-codec.ts';

/** raw_frames.peer of feed readings: the evidence list shows where a row came from. */
export const FEED_PEER = 'meter-feed';
/** raw_frames.detail of feed readings: their bytes are JSON, not an HJ 212 frame. */
export const FEED_DETAIL = 'meter feed reading (JSON as received), not an HJ 212 frame';
/** Rows per multi-row statement: 13 columns × 400 stays under both dialects' bound-parameter limits. */
const CHUNK = 400;

export interface FeedMeterRow {
  meterId: number;
  feedId: string;
  enterpriseId: number;
  regionCode: string;
  pointId: number;
  mn: string;
  factor: string;
  role: 'production' | 'treatment';
  outletId: number | null;
}

/** One reading to store, already validated and resolved to its meter. */
export interface FeedWrite {
  pointId: number;
  mn: string;
  factor: string;
  /** Minute start, epoch ms. */
  minute: number;
  kw: number;
  /** The reading as received (JSON), kept as evidence. */
  bytes: Buffer;
  dedupeKey: string;
}

export interface FeedWriteResult {
  /** Per write, in order: the raw_frames id it was stored as, or null when it was already stored (a re-send). */
  frameIds: Array<number | null>;
}

const chunks = <T>(xs: readonly T[], n = CHUNK): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

export function meterFeedRepository(db: Kysely<Schema>) {
  return {
    /** The meters with these feed ids, with their enterprise's region and the point their minutes land on. */
    async byFeedIds(feedIds: readonly string[]): Promise<FeedMeterRow[]> {
      const out: FeedMeterRow[] = [];
      for (const ids of chunks(feedIds)) {
        const rows = await db
          .selectFrom('meters as m')
          .innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
          .innerJoin('monitoring_points as p', 'p.id', 'm.point_id')
          .select(['m.id', 'm.feed_id', 'm.enterprise_id', 'e.region_code', 'm.point_id', 'p.mn', 'm.factor', 'm.role', 'm.outlet_id'])
          .where('m.feed_id', 'in', ids)
          .execute();
        for (const r of rows) {
          out.push({
            meterId: Number(r.id), feedId: r.feed_id!, enterpriseId: Number(r.enterprise_id), regionCode: r.region_code, pointId: Number(r.point_id), mn: r.mn,
            factor: r.factor, role: r.role, outletId: r.outlet_id === null ? null : Number(r.outlet_id),
          });
        }
      }
      return out;
    },

    /** Every fed meter, by id (what the simulator's feed client reports). */
    async fedMeters(): Promise<FeedMeterRow[]> {
      const rows = await db
        .selectFrom('meters as m')
        .innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
        .innerJoin('monitoring_points as p', 'p.id', 'm.point_id')
        .select(['m.id', 'm.feed_id', 'm.enterprise_id', 'e.region_code', 'm.point_id', 'p.mn', 'm.factor', 'm.role', 'm.outlet_id'])
        .where('m.feed_id', 'is not', null)
        .orderBy('m.id')
        .execute();
      return rows.map((r) => ({
        meterId: Number(r.id), feedId: r.feed_id!, enterpriseId: Number(r.enterprise_id), regionCode: r.region_code, pointId: Number(r.point_id), mn: r.mn,
        factor: r.factor, role: r.role, outletId: r.outlet_id === null ? null : Number(r.outlet_id),
      }));
    },

    /** Points whose every meter has a feed id: only the feed reports them, no HJ 212 logger does. */
    async feedOnlyPointIds(): Promise<Set<number>> {
      const rows = await db
        .selectFrom('meters')
        .select('point_id')
        .groupBy('point_id')
        .having((eb) => eb(eb.fn.count('feed_id'), '=', eb.fn.countAll()))
        .execute();
      return new Set(rows.map((r) => Number(r.point_id)));
    },
  };
}

/**
 * Stores the readings (raw rows, then the minutes' readings rows) in `trx`. A reading whose dedupe key is
 * already stored, or repeated earlier in the batch, is not stored again and does not touch its minute.
 */
export async function writeFeedReadings(trx: Transaction<Schema>, writes: readonly FeedWrite[], receivedAt: number): Promise<FeedWriteResult> {
  // First occurrence of each key in the batch; later copies are duplicates.
  const first = new Map<string, number>();
  writes.forEach((w, i) => {
    if (!first.has(w.dedupeKey)) first.set(w.dedupeKey, i);
  });
  const unique = [...first.values()].map((i) => writes[i]!);
  const idByKey = new Map<string, number>();
  for (const part of chunks(unique)) {
    const rows = await trx
      .insertInto('raw_frames')
      .values(part.map((w) => ({
        received_at: receivedAt, peer: FEED_PEER, point_id: w.pointId, mn: w.mn, cn: null, qn: null, data_time: w.minute, verdict: 'accepted' as const,
        reason: null, detail: FEED_DETAIL, crc_variant: null, dedupe_key: w.dedupeKey, bytes: w.bytes,
      })))
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning(['id', 'dedupe_key'])
      .execute();
    for (const r of rows) if (r.dedupe_key !== null) idByKey.set(r.dedupe_key, Number(r.id));
  }
  const frameIds = writes.map((w, i) => (first.get(w.dedupeKey) === i ? (idByKey.get(w.dedupeKey) ?? null) : null));

  // The stored readings by minute of their point, merged in arrival order (a later value of a meter wins).
  const minutes = new Map<string, { pointId: number; minute: number; factors: StoredFactor[]; frameId: number }>();
  writes.forEach((w, i) => {
    const frameId = frameIds[i];
    if (frameId == null) return;
    const key = `${w.pointId}|${w.minute}`;
    const f: StoredFactor = { code: w.factor, code2017: w.factor, avg: w.kw, flag: 'N' };
    const prev = minutes.get(key);
    if (prev === undefined) minutes.set(key, { pointId: w.pointId, minute: w.minute, factors: [f], frameId });
    else Object.assign(prev, { factors: mergeFactors(prev.factors, [f]), frameId });
  });
  const pending = [...minutes.values()];
  const inserted = new Set<string>();
  for (const part of chunks(pending)) {
    const rows = await trx
      .insertInto('readings')
      .values(part.map((m) => ({
        // 2051: minute data, what the readings row holds whatever carried it (the raw row says it was the feed).
        point_id: m.pointId, period_kind: 'min' as const, period_start: m.minute, cn: '2051', vals: encodeFactors(m.factors), source_frame_id: m.frameId, revision: 1, received_at: receivedAt,
      })))
      .onConflict((oc) => oc.doNothing())
      .returning(['point_id', 'period_start'])
      .execute();
    for (const r of rows) inserted.add(`${Number(r.point_id)}|${Number(r.period_start)}`);
  }
  // Minutes the point already had (another meter of it, an HJ 212 frame, an earlier value): merge and revise.
  const sqlite = trx.getExecutor().adapter instanceof SqliteAdapter;
  for (const m of pending) {
    if (inserted.has(`${m.pointId}|${m.minute}`)) continue;
    let q = trx.selectFrom('readings').select('vals').where('point_id', '=', m.pointId).where('period_kind', '=', 'min').where('period_start', '=', m.minute);
    // PostgreSQL: another writer of the point waits for this transaction (SQLite has one writer anyway).
    if (!sqlite) q = q.forUpdate();
    const prev = await q.executeTakeFirst();
    const merged = prev === undefined ? m.factors : mergeFactors(decodeFactors(prev.vals), m.factors);
    await trx
      .updateTable('readings')
      .set({ vals: encodeFactors(merged), source_frame_id: m.frameId, revision: sql<number>`revision + 1`, received_at: receivedAt })
      .where('point_id', '=', m.pointId)
      .where('period_kind', '=', 'min')
      .where('period_start', '=', m.minute)
      .execute();
  }
  return { frameIds };
}
