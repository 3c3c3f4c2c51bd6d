// The electricity-meter feed (issue 4 §5: treatment equipment off while production runs, from "HJ 212-2025
// electricity data or a meter feed"). A bureau gets 用电监控 data from the grid company's or a third-party
// platform's API: JSON batches of readings keyed by the meter's own id. Each reading is checked on its own —
// a bad one is reported back with its index and reason while the good ones are stored; bad input never
// loses good data.
//
// Where the readings go: into the readings store, as minute values of the meter's (point, factor), exactly
// where an HJ 212 meter logger's 2051 minutes go (monitoring/repositories/meter-feed.ts). The alternative, a table of
// feed readings beside it, would need every reader of meter data — the treatment-off detector
// (detect-day.ts), the marking check (marking-meters.ts), hourly and daily closing, transmission — taught a
// second source; this way they need nothing, and the evidence a warning cites is a raw_frames row holding
// the reading's JSON as received, just as it would hold a logger's frame. The closing of hours and days is
// told about the minutes as it is for frames (the same re-close a late HJ 212 frame triggers), so a late
// reading for an hour already closed closes that hour and its day again.
import { dedupeKey } from './repositories/frame-rows.ts';
import { meterFeedRepository, writeFeedReadings, type FeedMeterRow, type FeedWrite } from './repositories/meter-feed.ts';
import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import type { AcceptedFrame } from './gateway/sink.ts';
import { recordAudit, type AuditActor } from '../platform/audit.ts';

/** Readings per request; a platform with more sends several batches. */
export const MAX_BATCH = 1000;
/**
 * How far ahead of the platform's clock a reading's time may be. A feed comes from a server, not a field
 * device with a drifting clock, so a reading from the future is a wrong time zone or unit, not drift.
 */
export const FUTURE_SLACK_MS = 5 * 60_000;
/** Times before this are taken for seconds sent as milliseconds (or garbage), not readings. */
const EARLIEST = Date.UTC(2000, 0, 1);
const MINUTE = 60_000;
const HOUR = 3_600_000;

export type FeedRejectReason = 'invalid_item' | 'invalid_time' | 'future_time' | 'invalid_value' | 'unknown_meter';

export interface FeedRejection {
  /** Position of the reading in the batch, from 0. */
  index: number;
  meter: string | null;
  reason: FeedRejectReason;
  message: string;
}

export interface ParsedReading {
  index: number;
  meter: string;
  /** The reading's time, epoch ms. */
  at: number;
  /** The minute it is stored in (the one containing `at`), epoch ms. */
  minute: number;
  kw: number;
  kwh: number | null;
  raw: unknown;
}

export interface FeedResult {
  received: number;
  stored: number;
  /** Readings already stored (a re-sent batch) or repeated within this one: not stored again. */
  duplicates: number;
  rejected: FeedRejection[];
}

/** ISO 8601 date-time with its zone (Z or ±hh:mm): a feed's time without a zone is ambiguous. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function timeOf(at: unknown): number | string {
  if (typeof at === 'number') {
    if (!Number.isSafeInteger(at)) return 'at must be an integer of epoch milliseconds';
    if (at < EARLIEST) return `at ${at} is before 2000 — epoch milliseconds expected (seconds?)`;
    return at;
  }
  if (typeof at === 'string') {
    const t = ISO_WITH_ZONE.test(at) ? Date.parse(at) : NaN;
    if (!Number.isFinite(t)) return `at '${at.slice(0, 40)}' is not an ISO 8601 time with a zone (e.g. 2026-11-28T20:01:00+08:00)`;
    if (t < EARLIEST) return `at '${at.slice(0, 40)}' is before 2000`;
    return t;
  }
  return 'at must be an ISO 8601 time with a zone or epoch milliseconds';
}

/** One item of a batch, checked on its own (pure). */
export function parseReading(raw: unknown, index: number, now: number): ParsedReading | FeedRejection {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { index, meter: null, reason: 'invalid_item', message: 'a reading must be an object {meter, at, kw, kwh?}' };
  const o = raw as Record<string, unknown>;
  if (typeof o.meter !== 'string' || o.meter.trim() === '' || o.meter.length > 64) return { index, meter: null, reason: 'invalid_item', message: 'meter must be the meter id, a string of 1 to 64 characters' };
  const meter = o.meter.trim();
  const at = timeOf(o.at);
  if (typeof at === 'string') return { index, meter, reason: 'invalid_time', message: at };
  if (at > now + FUTURE_SLACK_MS) return { index, meter, reason: 'future_time', message: `at ${new Date(at).toISOString()} is ahead of the platform clock ${new Date(now).toISOString()}` };
  // Active power drawn, kW: a consumption meter does not read negative, and JSON has no NaN or Infinity.
  if (typeof o.kw !== 'number' || !Number.isFinite(o.kw) || o.kw < 0) return { index, meter, reason: 'invalid_value', message: 'kw must be a number ≥ 0' };
  if (o.kwh !== undefined && o.kwh !== null && (typeof o.kwh !== 'number' || !Number.isFinite(o.kwh) || o.kwh < 0)) return { index, meter, reason: 'invalid_value', message: 'kwh, when sent, must be a number ≥ 0' };
  return { index, meter, at, minute: Math.floor(at / MINUTE) * MINUTE, kw: o.kw, kwh: typeof o.kwh === 'number' ? o.kwh : null, raw };
}

/** What the caller may see: a region prefix and, for enterprise principals, their enterprises (access/model.ts Scope). */
export interface FeedScope {
  regionPrefix: string;
  enterpriseIds: readonly number[] | null;
}

export interface FeedDeps {
  db: Kysely<Schema>;
  /** The platform clock (received_at; the future check). */
  now: () => number;
  /** Told of the stored minutes as the gateway tells of frames (live console, point activity). */
  onStored?: (frames: readonly AcceptedFrame[]) => void;
  /** Closes [from, to) of the point again: every stored hour, late or not, as framesStored does for frames. */
  reclose?: (pointId: number, from: number, to: number) => void;
}

export interface FeedCaller {
  actor: AuditActor;
  scope: FeedScope;
  ip: string | null;
}

const visible = (scope: FeedScope, m: FeedMeterRow): boolean =>
  m.regionCode.startsWith(scope.regionPrefix) && (scope.enterpriseIds === null || scope.enterpriseIds.includes(m.enterpriseId));

/** The identity of a reading for deduplication: meter, minute and values — not the text it came in. */
const identity = (r: ParsedReading): Buffer => Buffer.from(JSON.stringify([r.meter, r.minute, r.kw, r.kwh]));

/** Validates, resolves and stores one batch; the audit row is written in the same transaction. */
export async function ingestMeterFeed(deps: FeedDeps, caller: FeedCaller, items: readonly unknown[]): Promise<FeedResult> {
  const now = deps.now();
  const rejected: FeedRejection[] = [];
  const parsed: ParsedReading[] = [];
  items.forEach((raw, i) => {
    const r = parseReading(raw, i, now);
    if ('reason' in r) rejected.push(r);
    else parsed.push(r);
  });
  const meters = new Map<string, FeedMeterRow>();
  const ids = [...new Set(parsed.map((r) => r.meter))];
  if (ids.length > 0) for (const m of await meterFeedRepository(deps.db).byFeedIds(ids)) if (visible(caller.scope, m)) meters.set(m.feedId, m);
  const good: Array<{ r: ParsedReading; m: FeedMeterRow; write: FeedWrite }> = [];
  for (const r of parsed) {
    const m = meters.get(r.meter);
    // Outside the caller's region reads the same as unknown: a token learns nothing of other regions' meters.
    if (m === undefined) rejected.push({ index: r.index, meter: r.meter, reason: 'unknown_meter', message: `no meter with feed id '${r.meter.slice(0, 64)}' in your region` });
    else good.push({ r, m, write: { pointId: m.pointId, mn: m.mn, factor: m.factor, minute: r.minute, kw: r.kw, bytes: Buffer.from(JSON.stringify(r.raw)), dedupeKey: dedupeKey(m.mn, identity(r), r.minute) } });
  }
  rejected.sort((a, b) => a.index - b.index);

  const frameIds = await deps.db.transaction().execute(async (trx) => {
    const written = good.length === 0 ? [] : (await writeFeedReadings(trx, good.map((g) => g.write), now)).frameIds;
    const stored = written.filter((id): id is number => id !== null);
    const times = good.map((g) => g.r.minute);
    await recordAudit(trx, {
      actor: caller.actor, action: 'ingest', entity: 'meter_feed', entityId: stored.length === 0 ? 'none' : `${Math.min(...stored)}-${Math.max(...stored)}`,
      after: {
        received: items.length, stored: stored.length, duplicates: good.length - stored.length, rejected: rejected.length,
        meters: [...new Set(good.map((g) => g.m.feedId))].slice(0, 100), from: times.length === 0 ? null : Math.min(...times), to: times.length === 0 ? null : Math.max(...times) + MINUTE,
      },
      ip: caller.ip, at: now,
    });
    return written;
  });

  // After the commit: the minutes are durable, as the gateway's onCommitted is told only after its commit.
  const frames: AcceptedFrame[] = [];
  const hours = new Map<string, { pointId: number; hour: number }>();
  good.forEach((g, i) => {
    if (frameIds[i] == null) return;
    frames.push({
      pointId: g.m.pointId, mn: g.m.mn, receivedAt: now, peer: 'meter-feed', bytes: g.write.bytes, cn: '2051', qn: null, version: '2017', crcVariant: null,
      dataTime: g.r.minute, periodKind: 'min', factors: [{ code: g.m.factor, code2017: g.m.factor, avg: g.r.kw, flag: 'N' }],
    });
    const hour = g.r.minute - (g.r.minute % HOUR);
    hours.set(`${g.m.pointId}:${hour}`, { pointId: g.m.pointId, hour });
  });
  if (frames.length > 0) deps.onStored?.(frames);
  for (const h of hours.values()) deps.reclose?.(h.pointId, h.hour, h.hour + HOUR);
  return { received: items.length, stored: frames.length, duplicates: good.length - frames.length, rejected };
}
