// Live updates to the console over Server-Sent Events: `reading` when a point's frame is stored, `status`
// when a point changes status. Each subscriber only receives events of points in its scope. A slow client
// is dropped rather than buffered without bound.
import type { ServerResponse } from 'node:http';
import type { LivePointEvents } from '@ecoenforce/contract';
import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import type { AcceptedFrame } from './gateway/sink.ts';
import type { PointActivity, StatusChange } from './activity.ts';
import { canSee, type Location, type Scope, locate } from '../access/index.ts';

interface Subscriber {
  scope: Scope;
  res: ServerResponse;
  /** The logged-in user behind the stream (null for an API token): personal events go to this user only. */
  userId: number | null;
}

/** Bytes queued to one client before it is considered stuck and dropped. */
const MAX_QUEUED = 1 << 20;

export class LiveHub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly locations = new Map<number, Location>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly activity: PointActivity,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  /** Learns where every point is (one query), so events are routed without a lookup. */
  async load(): Promise<void> {
    const rows = await this.db
      .selectFrom('monitoring_points as p')
      .innerJoin('outlets as o', 'o.id', 'p.outlet_id')
      .innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
      .select(['p.id', 'e.id as enterprise_id', 'e.region_code'])
      .execute();
    for (const r of rows) this.locations.set(Number(r.id), { regionCode: r.region_code, enterpriseId: Number(r.enterprise_id) });
  }

  /** Starts the status sweep (online → offline as time passes) and a keep-alive comment. */
  start(everyMs = 5000): void {
    this.timer = setInterval(() => {
      this.publishStatus(this.activity.sweep());
      for (const s of this.subscribers) this.write(s, ': keep-alive\n\n');
    }, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    for (const s of this.subscribers) s.res.end();
    this.subscribers.clear();
  }

  subscribe(scope: Scope, res: ServerResponse, userId: number | null = null): () => void {
    const sub = { scope, res, userId };
    this.subscribers.add(sub);
    return () => this.subscribers.delete(sub);
  }

  /** Called by the gateway after a durable commit. */
  framesStored(frames: readonly AcceptedFrame[]): void {
    const changes = this.activity.record(frames);
    if (this.subscribers.size > 0) {
      for (const f of frames) {
        if (f.periodKind === null || f.dataTime === null) continue;
        this.publish(f.pointId, 'reading', { pointId: f.pointId, periodKind: f.periodKind, periodStart: f.dataTime, receivedAt: f.receivedAt });
      }
    }
    this.publishStatus(changes);
  }

  /** A warning was raised or extended at a point (the console's inbox refreshes). */
  warning(pointId: number, id: number, created: boolean): void {
    if (this.subscribers.size > 0) this.publish(pointId, 'warning', { pointId, id, created });
  }

  /** A task on the dispatch board changed (escalated, assigned …): subscribers who can see it refresh. */
  task(at: Location, data: unknown): void {
    this.scoped('task', at, data);
  }

  /** A penalty case moved (an action applied): subscribers who can see the case refresh its page and lists. */
  caseChanged(at: Location, data: unknown): void {
    this.scoped('case', at, data);
  }

  /** A personal event (a notification): only the streams of that user get it. */
  toUser(userId: number, event: string, data: unknown): void {
    if (this.subscribers.size === 0) return;
    const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const s of this.subscribers) if (s.userId === userId) this.write(s, text);
  }

  private scoped(event: string, at: Location, data: unknown): void {
    if (this.subscribers.size === 0) return;
    const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const s of this.subscribers) if (canSee(s.scope, at)) this.write(s, text);
  }

  private publishStatus(changes: StatusChange[]): void {
    if (this.subscribers.size === 0) return;
    for (const c of changes) this.publish(c.pointId, 'status', c);
  }

  private publish<E extends keyof LivePointEvents>(pointId: number, event: E, data: LivePointEvents[E]): void {
    const at = this.locations.get(pointId);
    if (at === undefined) {
      void this.learn(pointId).then(() => this.locations.has(pointId) && this.publish(pointId, event, data));
      return;
    }
    const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const s of this.subscribers) if (canSee(s.scope, at)) this.write(s, text);
  }

  private async learn(pointId: number): Promise<void> {
    try {
      const at = await locate(this.db, 'point', pointId);
      if (at !== undefined) this.locations.set(pointId, at);
    } catch {
      // The store is closing or busy: this event is lost for the console only; the next one retries.
    }
  }

  private write(s: Subscriber, text: string): void {
    if (s.res.writableLength > MAX_QUEUED) {
      this.subscribers.delete(s);
      s.res.destroy();
      return;
    }
    s.res.write(text);
  }
}
