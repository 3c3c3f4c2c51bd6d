// Rows as the sink stores them, shared by both dialects' fast paths so they store exactly the same thing.
import { hash } from 'node:crypto';
import type { AcceptedFrame, QuarantinedFrame } from '../gateway/sink.ts';

/**
 * Identity of an accepted frame's bytes: a logger that repeats a frame it got no reply for sends the same
 * bytes (possibly with another line ending), and that copy must not be stored twice. The key is
 * `time36:mn:hash`, where hash is 96 bits of SHA-1 over the bytes without their trailer, and time is the
 * frame's DataTime (or QN) in base 36: it is derived from the same bytes, so copies still collide, but it
 * makes the unique index grow at its right edge like a time series instead of taking random inserts all
 * over the b-tree (each a page rewritten per commit).
 */
export function dedupeKey(mn: string, bytes: Uint8Array, time: number | null = null): string {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0a) end--;
  if (end > 0 && bytes[end - 1] === 0x0d) end--;
  const digest = hash('sha1', bytes.subarray(0, end), 'base64url');
  return `${time === null ? '' : time.toString(36)}:${mn}:${digest.slice(0, 16)}`;
}

/** QN as epoch-ms-like ordering number (its digits are a Beijing timestamp); null when absent or odd. */
function qnOrder(qn: string | null): number | null {
  return qn !== null && /^\d{14,20}$/.test(qn) ? Number(qn.slice(0, 17)) : null;
}

/** One raw_frames row as both fast paths bind it. */
export interface RawRow {
  receivedAt: number;
  peer: string;
  pointId: number | null;
  mn: string | null;
  cn: string | null;
  qn: string | null;
  dataTime: number | null;
  verdict: 'accepted' | 'quarantined';
  reason: string | null;
  detail: string | null;
  crcVariant: string | null;
  dedupeKey: string | null;
  bytes: Buffer;
}

export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function acceptedRow(f: AcceptedFrame): RawRow {
  return {
    receivedAt: f.receivedAt,
    peer: f.peer,
    pointId: f.pointId,
    mn: f.mn,
    cn: f.cn,
    qn: f.qn,
    dataTime: f.dataTime,
    verdict: 'accepted',
    reason: null,
    detail: null,
    crcVariant: f.crcVariant,
    dedupeKey: dedupeKey(f.mn, f.bytes, f.dataTime ?? qnOrder(f.qn)),
    bytes: asBuffer(f.bytes),
  };
}

export function quarantinedRow(f: QuarantinedFrame): RawRow {
  return {
    receivedAt: f.receivedAt,
    peer: f.peer,
    pointId: null,
    mn: f.mn,
    cn: null,
    qn: null,
    dataTime: null,
    verdict: 'quarantined',
    reason: f.reason,
    detail: f.detail,
    crcVariant: null,
    // Quarantined frames are always kept: repeated garbage is itself evidence (a broken logger).
    dedupeKey: null,
    bytes: asBuffer(f.bytes),
  };
}

/** Whether a frame produces a readings row: it must have a period kind and a DataTime. */
export function hasReading(f: AcceptedFrame): f is AcceptedFrame & { periodKind: NonNullable<AcceptedFrame['periodKind']>; dataTime: number } {
  return f.periodKind !== null && f.dataTime !== null;
}
