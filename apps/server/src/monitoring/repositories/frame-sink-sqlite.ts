// SQLite fast path: better-sqlite3 prepared statements inside one synchronous transaction per batch.
// Kysely would add a promise and a compile step per statement; at 20,000+ frames/s that is the budget.
import type BetterSqlite3 from 'better-sqlite3';
import type { AcceptedFrame, DurableSink, QuarantinedFrame, SinkWriteResult } from '../gateway/sink.ts';
import { acceptedRow, hasReading, quarantinedRow, type RawRow } from './frame-rows.ts';
import { decodeFactors, encodeFactors, mergeFactors, toStored } from './readings-codec.ts';

export function createSqliteSink(sqlite: BetterSqlite3.Database): DurableSink {
  const insertRaw = sqlite.prepare<[number, string, number | null, string | null, string | null, string | null, number | null, string, string | null, string | null, string | null, string | null, Buffer]>(
    `insert into raw_frames (received_at, peer, point_id, mn, cn, qn, data_time, verdict, reason, detail, crc_variant, dedupe_key, bytes)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (dedupe_key) do nothing`,
  );
  const insertReading = sqlite.prepare<[number, string, number, string, Buffer, number, number]>(
    `insert into readings (point_id, period_kind, period_start, cn, vals, source_frame_id, revision, received_at)
     values (?, ?, ?, ?, ?, ?, 1, ?) on conflict do nothing`,
  );
  const selectVals = sqlite
    .prepare<[number, string, number], { vals: Buffer }>(`select vals from readings where point_id = ? and period_kind = ? and period_start = ?`);
  const updateReading = sqlite.prepare<[string, Buffer, number, number, number, string, number]>(
    `update readings set cn = ?, vals = ?, source_frame_id = ?, revision = revision + 1, received_at = ?
     where point_id = ? and period_kind = ? and period_start = ?`,
  );

  const raw = (r: RawRow): BetterSqlite3.RunResult =>
    insertRaw.run(r.receivedAt, r.peer, r.pointId, r.mn, r.cn, r.qn, r.dataTime, r.verdict, r.reason, r.detail, r.crcVariant, r.dedupeKey, r.bytes);

  const writeBatch = sqlite.transaction((accepted: readonly AcceptedFrame[], quarantined: readonly QuarantinedFrame[]): SinkWriteResult => {
    let framesStored = 0;
    const touched = new Set<string>();
    for (const f of accepted) {
      const res = raw(acceptedRow(f));
      // No change: a byte-identical retransmission; its reading is already in, and must not be revised.
      if (res.changes === 0) continue;
      framesStored++;
      if (!hasReading(f)) continue;
      const frameId = Number(res.lastInsertRowid);
      const stored = f.factors.map(toStored);
      const ins = insertReading.run(f.pointId, f.periodKind, f.dataTime, f.cn, encodeFactors(stored), frameId, f.receivedAt);
      if (ins.changes === 0) {
        // Same period seen before: a subpacket or a correction. Merge into the row, keep both raw frames.
        const prev = selectVals.get(f.pointId, f.periodKind, f.dataTime);
        const merged = prev === undefined ? stored : mergeFactors(decodeFactors(prev.vals), stored);
        updateReading.run(f.cn, encodeFactors(merged), frameId, f.receivedAt, f.pointId, f.periodKind, f.dataTime);
      }
      touched.add(`${f.pointId}|${f.periodKind}|${f.dataTime}`);
    }
    for (const q of quarantined) framesStored += raw(quarantinedRow(q)).changes;
    return { framesStored, readingsWritten: touched.size };
  });

  let closed = false;
  return {
    async write(accepted, quarantined) {
      if (closed) throw new Error('frame sink is closed');
      // better-sqlite3 would nest our transaction as a savepoint inside one a Kysely caller left open on the
      // same handle (an await between its BEGIN and COMMIT); wait for it to finish instead.
      while (sqlite.inTransaction) await new Promise((r) => setImmediate(r));
      return writeBatch.immediate(accepted, quarantined);
    },
    close() {
      // The handle belongs to the Database; the sink only stops accepting writes.
      closed = true;
      return Promise.resolve();
    },
  };
}
