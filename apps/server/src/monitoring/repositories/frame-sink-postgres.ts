// PostgreSQL path: one statement per table per batch, parameters bound as arrays and expanded with
// unnest (stack.md §1: 127k rows/s), all inside BEGIN/COMMIT on one pooled client. Subpackets and
// corrections within the batch are merged in memory first, so each readings row is written once.
//
// Concurrency: the read-merge-update of an existing row assumes one writer per monitoring point, which
// holds because a logger keeps one TCP connection to one gateway; FOR UPDATE guards the rest.
import type pg from 'pg';
import type { AcceptedFrame, DurableSink, QuarantinedFrame, SinkWriteResult } from '../gateway/sink.ts';
import { acceptedRow, hasReading, quarantinedRow, type RawRow } from './frame-rows.ts';
import { decodeFactors, encodeFactors, mergeFactors, toStored, type StoredFactor } from './readings-codec.ts';

// Bytes travel as ONE binary bytea parameter (all frames concatenated) plus offsets and lengths: a bytea[]
// array would be sent as text with every byte hex-escaped, doubling the traffic and the parse work.
const INSERT_RAW = `insert into raw_frames (received_at, peer, point_id, mn, cn, qn, data_time, verdict, reason, detail, crc_variant, dedupe_key, bytes)
  select t.received_at, t.peer, t.point_id, t.mn, t.cn, t.qn, t.data_time, t.verdict, t.reason, t.detail, t.crc_variant, t.dedupe_key,
         substring($13::bytea from t.off for t.len)
  from unnest($1::bigint[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[],
              $9::text[], $10::text[], $11::text[], $12::text[], $14::int[], $15::int[])
    as t(received_at, peer, point_id, mn, cn, qn, data_time, verdict, reason, detail, crc_variant, dedupe_key, off, len)
  on conflict (dedupe_key) do nothing
  returning id, dedupe_key`;

const INSERT_READINGS = `insert into readings (point_id, period_kind, period_start, cn, vals, source_frame_id, revision, received_at)
  select u.point_id, u.period_kind, u.period_start, u.cn, substring($5::bytea from u.off for u.len), u.source_frame_id, u.revision, u.received_at
  from unnest($1::int[], $2::text[], $3::bigint[], $4::text[], $6::bigint[], $7::int[], $8::bigint[], $9::int[], $10::int[])
    as u(point_id, period_kind, period_start, cn, source_frame_id, revision, received_at, off, len)
  on conflict do nothing
  returning point_id, period_kind, period_start`;

const SELECT_EXISTING = `select r.point_id, r.period_kind, r.period_start, r.vals, r.revision
  from readings r join unnest($1::int[], $2::text[], $3::bigint[]) as k(point_id, period_kind, period_start)
    on r.point_id = k.point_id and r.period_kind = k.period_kind and r.period_start = k.period_start
  for update of r`;

const UPDATE_READINGS = `update readings r set cn = u.cn, vals = substring($5::bytea from u.off for u.len), source_frame_id = u.source_frame_id,
    revision = u.revision, received_at = u.received_at
  from unnest($1::int[], $2::text[], $3::bigint[], $4::text[], $6::bigint[], $7::int[], $8::bigint[], $9::int[], $10::int[])
    as u(point_id, period_kind, period_start, cn, source_frame_id, revision, received_at, off, len)
  where r.point_id = u.point_id and r.period_kind = u.period_kind and r.period_start = u.period_start`;

/** One period's writes within a batch, merged in arrival order. */
interface PendingReading {
  pointId: number;
  kind: string;
  start: number;
  cn: string;
  factors: StoredFactor[];
  frameId: number;
  receivedAt: number;
  /** Frames of this batch that wrote the period; the revision grows by this much. */
  frames: number;
}

const keyOf = (pointId: number, kind: string, start: number): string => `${pointId}|${kind}|${start}`;

/** Concatenates buffers into one, with 1-based offsets for SQL substring(). */
function pack(buffers: readonly Buffer[]): { blob: Buffer; offs: number[]; lens: number[] } {
  const offs: number[] = [];
  const lens: number[] = [];
  let at = 1;
  for (const b of buffers) {
    offs.push(at);
    lens.push(b.length);
    at += b.length;
  }
  return { blob: Buffer.concat(buffers), offs, lens };
}

function rawParams(rows: readonly RawRow[]): unknown[] {
  const { blob, offs, lens } = pack(rows.map((r) => r.bytes));
  return [
    rows.map((r) => r.receivedAt),
    rows.map((r) => r.peer),
    rows.map((r) => r.pointId),
    rows.map((r) => r.mn),
    rows.map((r) => r.cn),
    rows.map((r) => r.qn),
    rows.map((r) => r.dataTime),
    rows.map((r) => r.verdict),
    rows.map((r) => r.reason),
    rows.map((r) => r.detail),
    rows.map((r) => r.crcVariant),
    rows.map((r) => r.dedupeKey),
    blob,
    offs,
    lens,
  ];
}

function readingParams(rows: readonly PendingReading[], revision: (p: PendingReading) => number): unknown[] {
  const { blob, offs, lens } = pack(rows.map((p) => encodeFactors(p.factors)));
  return [
    rows.map((p) => p.pointId),
    rows.map((p) => p.kind),
    rows.map((p) => p.start),
    rows.map((p) => p.cn),
    blob,
    rows.map((p) => p.frameId),
    rows.map(revision),
    rows.map((p) => p.receivedAt),
    offs,
    lens,
  ];
}

async function writeBatch(client: pg.PoolClient, accepted: readonly AcceptedFrame[], quarantined: readonly QuarantinedFrame[]): Promise<SinkWriteResult> {
  const acceptedRows = accepted.map(acceptedRow);
  const rows = [...acceptedRows, ...quarantined.map(quarantinedRow)];
  const inserted = await client.query<{ id: number; dedupe_key: string | null }>({ name: 'sink_raw', text: INSERT_RAW, values: rawParams(rows) });
  const idByKey = new Map<string, number>();
  for (const r of inserted.rows) if (r.dedupe_key !== null) idByKey.set(r.dedupe_key, r.id);

  // Periods written by frames stored now; a key consumed once so an in-batch duplicate counts once.
  const pending = new Map<string, PendingReading>();
  for (let i = 0; i < accepted.length; i++) {
    const f = accepted[i]!;
    const dk = acceptedRows[i]!.dedupeKey!;
    const frameId = idByKey.get(dk);
    if (frameId === undefined) continue; // retransmission of a stored frame
    idByKey.delete(dk);
    if (!hasReading(f)) continue;
    const key = keyOf(f.pointId, f.periodKind, f.dataTime);
    const stored = f.factors.map(toStored);
    const prev = pending.get(key);
    if (prev === undefined) {
      pending.set(key, { pointId: f.pointId, kind: f.periodKind, start: f.dataTime, cn: f.cn, factors: stored, frameId, receivedAt: f.receivedAt, frames: 1 });
    } else {
      Object.assign(prev, { cn: f.cn, factors: mergeFactors(prev.factors, stored), frameId, receivedAt: f.receivedAt, frames: prev.frames + 1 });
    }
  }
  if (pending.size === 0) return { framesStored: inserted.rowCount ?? 0, readingsWritten: 0 };

  const all = [...pending.values()];
  const fresh = await client.query<{ point_id: number; period_kind: string; period_start: number }>({
    name: 'sink_readings_insert',
    text: INSERT_READINGS,
    values: readingParams(all, (p) => p.frames),
  });
  for (const r of fresh.rows) pending.delete(keyOf(r.point_id, r.period_kind, r.period_start));
  if (pending.size > 0) {
    // Periods already stored by an earlier batch: merge this batch's factors into them.
    const conflicts = [...pending.values()];
    const existing = await client.query<{ point_id: number; period_kind: string; period_start: number; vals: Buffer; revision: number }>({
      name: 'sink_readings_select',
      text: SELECT_EXISTING,
      values: [conflicts.map((p) => p.pointId), conflicts.map((p) => p.kind), conflicts.map((p) => p.start)],
    });
    const revisions = new Map<string, number>();
    for (const r of existing.rows) {
      const p = pending.get(keyOf(r.point_id, r.period_kind, r.period_start));
      if (p === undefined) continue;
      p.factors = mergeFactors(decodeFactors(r.vals), p.factors);
      revisions.set(keyOf(p.pointId, p.kind, p.start), r.revision);
    }
    await client.query({
      name: 'sink_readings_update',
      text: UPDATE_READINGS,
      values: readingParams(conflicts, (p) => (revisions.get(keyOf(p.pointId, p.kind, p.start)) ?? 0) + p.frames),
    });
  }
  return { framesStored: inserted.rowCount ?? 0, readingsWritten: all.length };
}

export function createPostgresSink(pool: pg.Pool): DurableSink {
  let closed = false;
  return {
    async write(accepted, quarantined) {
      if (closed) throw new Error('frame sink is closed');
      if (accepted.length === 0 && quarantined.length === 0) return { framesStored: 0, readingsWritten: 0 };
      const client = await pool.connect();
      // A client whose rollback failed is in an unknown state: destroy it instead of returning it to the pool.
      let broken: Error | undefined;
      try {
        await client.query('begin');
        const result = await writeBatch(client, accepted, quarantined);
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch((e: unknown) => {
          broken = e instanceof Error ? e : new Error(String(e));
        });
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}
