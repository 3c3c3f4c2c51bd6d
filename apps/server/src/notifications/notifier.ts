// Carries new notifications out of the store: whatever wrote them (an assignment's transaction, the deadline
// sweep, a warning hook, another server), the notifier reads the rows added since its last look (every second,
// one indexed read), pushes each to its recipient's open consoles as a live `notification` event, and hands it
// to the outgoing webhook when this server wins its claim (one server per notification). It also runs the
// deadline sweep once per platform hour; the job_runs claim (platform/daily-jobs.ts) makes it one run per
// hour across servers, and the (user, event) key makes a repeated run notify nobody twice.
import type { Kysely } from 'kysely';
import { Counter, type Registry } from 'prom-client';
import type { NotificationEvent } from '@ecoenforce/contract';
import type { Schema } from '../platform/db/schema.ts';
import { claimRun } from '../platform/daily-jobs.ts';
import { notifyDeadlines } from './generator.ts';
import { claimForWebhook, lastNotificationId, notificationsAfter, recordDelivery } from './repository.ts';
import type { WebhookSender } from './webhook.ts';

export const DEADLINE_JOB = 'notify-deadlines';
const HOUR = 3600_000;

export interface NotifierOptions {
  /** Sends an event to the open consoles of one user (LiveHub.toUser). */
  publish: (userId: number, event: 'notification', data: NotificationEvent) => void;
  webhook?: WebhookSender | null;
  /** Wall clock for the job claim's staleness (default Date.now). */
  wallNow?: () => number;
  onError?: (err: unknown) => void;
}

export class Notifier {
  private cursor = 0;
  private timer: NodeJS.Timeout | null = null;
  private pumping: Promise<void> | null = null;
  private lastSweepHour = -1;

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly now: () => number,
    private readonly opts: NotifierOptions,
  ) {}

  /** Starts from the newest row (what existed before start was delivered by an earlier run). */
  async start(everyMs = 1000): Promise<void> {
    this.cursor = await lastNotificationId(this.db);
    this.timer = setInterval(() => void this.tick(), everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.pumping;
  }

  /** One round: the hourly sweep when its hour has no run yet, then the new rows out. */
  async tick(): Promise<void> {
    try {
      const hour = Math.floor(this.now() / HOUR) * HOUR;
      if (hour !== this.lastSweepHour) {
        await this.sweepDeadlines(hour);
        this.lastSweepHour = hour;
      }
      await this.pump();
    } catch (err) {
      this.opts.onError?.(err);
    }
  }

  /** The deadline sweep for the platform hour starting at `hour`, if no server has run it; returns how many were told. */
  async sweepDeadlines(hour: number): Promise<number | null> {
    const wallNow = this.opts.wallNow ?? Date.now;
    if (!(await claimRun(this.db, DEADLINE_JOB, hour, wallNow(), 30 * 60_000))) return null;
    try {
      const n = await notifyDeadlines(this.db, this.now());
      await this.db.updateTable('job_runs').set({ finished_at: wallNow(), result: JSON.stringify({ notified: n }) }).where('job', '=', DEADLINE_JOB).where('period_start', '=', hour).execute();
      return n;
    } catch (err) {
      await this.db.deleteFrom('job_runs').where('job', '=', DEADLINE_JOB).where('period_start', '=', hour).execute().catch(() => undefined);
      throw err;
    }
  }

  /** Pushes the rows added since the last look; one pass at a time. */
  pump(): Promise<void> {
    this.pumping ??= this.pass().finally(() => {
      this.pumping = null;
    });
    return this.pumping;
  }

  private async pass(): Promise<void> {
    for (;;) {
      const rows = await notificationsAfter(this.db, this.cursor, 200);
      if (rows.length === 0) return;
      for (const n of rows) {
        this.cursor = n.id;
        this.opts.publish(n.userId, 'notification', { id: n.id, kind: n.kind, title: n.title, link: n.link });
        const webhook = this.opts.webhook;
        if (webhook != null && (await claimForWebhook(this.db, n.id, this.now()))) {
          webhook.enqueue({ id: n.id, userId: n.userId, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.createdAt });
        }
      }
    }
  }
}

/** Records each webhook attempt on the platform clock (pass as WebhookOptions.onAttempt). */
export function deliveryRecorder(db: Kysely<Schema>, now: () => number): (a: { notificationId: number; attempt: number; ok: boolean; httpStatus: number | null; error: string | null }) => Promise<void> {
  return (a) => recordDelivery(db, { ...a, at: now() });
}

/** The webhook's attempts on the Prometheus registry (/metrics), by result: ok, failed. */
export function webhookAttemptsCounter(registry: Registry): Counter<'result'> {
  return new Counter({ name: 'notify_webhook_attempts_total', help: 'Outgoing notification webhook attempts, by result (ok, failed)', labelNames: ['result'], registers: [registry] });
}
