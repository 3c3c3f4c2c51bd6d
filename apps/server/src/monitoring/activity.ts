// What each monitoring point did last: when its last frame arrived, with which CRC variant, how far its
// clock was off, and whether its latest reading carries a warning flag. Fed by the gateway after each
// durable commit, seeded from the store at start, and turned into the status the console colours by.
import { parseBeijingTime } from '@ecoenforce/hj212';
import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import type { AcceptedFrame } from './gateway/sink.ts';

export type PointStatus = 'online' | 'offline' | 'warning';

/** HJ 212 data flags that mean something is wrong at the point: T over range, D fault, B communication. */
const WARNING_FLAGS = new Set(['T', 'D', 'B']);

export interface PointState {
  lastFrameAt: number | null;
  crcVariant: string | null;
  clockDriftMs: number | null;
  /** The warning flags of the latest reading, empty when all were normal. */
  warnFlags: string[];
}

export interface StatusChange {
  pointId: number;
  status: PointStatus;
}

export class PointActivity {
  private readonly states = new Map<number, PointState>();
  private readonly lastStatus = new Map<number, PointStatus>();

  constructor(
    private readonly now: () => number,
    /** A point is online while its last frame is younger than this. */
    readonly onlineWindowMs = 10 * 60_000,
  ) {}

  /**
   * Seeds the last frame of every point from the store: one backward probe of the (point, received_at)
   * index per point, so start-up costs the number of points, not the size of a year's archive.
   */
  async load(db: Kysely<Schema>): Promise<void> {
    const points = await db.selectFrom('monitoring_points').select('id').execute();
    for (const { id } of points) {
      const r = await db
        .selectFrom('raw_frames')
        .select(['received_at', 'crc_variant', 'qn'])
        .where('point_id', '=', id)
        .where('verdict', '=', 'accepted')
        .orderBy('received_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (r === undefined) continue;
      const qnAt = r.qn === null ? null : parseBeijingTime(r.qn);
      this.states.set(Number(id), { lastFrameAt: r.received_at, crcVariant: r.crc_variant, clockDriftMs: qnAt === null ? null : qnAt - r.received_at, warnFlags: [] });
    }
    for (const id of this.states.keys()) this.lastStatus.set(id, this.status(id));
  }

  /** Frames just made durable; returns the points whose status changed. */
  record(frames: readonly AcceptedFrame[]): StatusChange[] {
    const touched = new Set<number>();
    for (const f of frames) {
      const prev = this.states.get(f.pointId);
      if (prev?.lastFrameAt != null && prev.lastFrameAt > f.receivedAt) continue;
      const qnAt = f.qn === null ? null : parseBeijingTime(f.qn);
      const warnFlags = f.periodKind === null ? (prev?.warnFlags ?? []) : f.factors.flatMap((v) => (v.flag !== undefined && WARNING_FLAGS.has(v.flag) ? [`${v.code}:${v.flag}`] : []));
      this.states.set(f.pointId, { lastFrameAt: f.receivedAt, crcVariant: f.crcVariant, clockDriftMs: qnAt === null ? null : qnAt - f.receivedAt, warnFlags });
      touched.add(f.pointId);
    }
    return this.changes(touched);
  }

  /** Points whose status changed since last asked because time passed (online → offline). */
  sweep(): StatusChange[] {
    return this.changes(this.states.keys());
  }

  state(pointId: number): PointState | undefined {
    return this.states.get(pointId);
  }

  status(pointId: number): PointStatus {
    const s = this.states.get(pointId);
    if (s?.lastFrameAt == null || this.now() - s.lastFrameAt > this.onlineWindowMs) return 'offline';
    return s.warnFlags.length > 0 ? 'warning' : 'online';
  }

  private changes(ids: Iterable<number>): StatusChange[] {
    const out: StatusChange[] = [];
    for (const id of ids) {
      const status = this.status(id);
      if (this.lastStatus.get(id) !== status) {
        this.lastStatus.set(id, status);
        out.push({ pointId: id, status });
      }
    }
    return out;
  }
}
