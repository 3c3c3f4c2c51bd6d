// The outgoing webhook (issue 14): a bureau points the installation at its SMS or messaging gateway
// (--notify-webhook URL, --notify-webhook-secret S). Each notification is POSTed as JSON with
//   X-EcoEnforce-Timestamp: <epoch ms of the attempt>
//   X-EcoEnforce-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>
// so the receiver can check both the sender and the freshness. A non-2xx answer, a network error or a timeout
// is retried with exponential backoff up to `maxAttempts`; every attempt is recorded (notification_deliveries)
// and counted. Deliveries run off a bounded in-memory queue with a fixed number of workers: a slow or dead
// gateway delays only its own queue, and when the queue is full new items are dropped (and counted) rather
// than holding memory or any request.
import { createHmac } from 'node:crypto';

export interface WebhookConfig {
  url: string;
  secret: string;
}

export interface WebhookPayload {
  id: number;
  userId: number;
  kind: string;
  title: string;
  body: string;
  link: string;
  createdAt: number;
}

export interface Attempt {
  notificationId: number;
  attempt: number;
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
}

export interface WebhookOptions {
  maxAttempts?: number;
  /** First retry delay; each next one doubles (default 2 s). */
  baseDelayMs?: number;
  /** Longest retry delay (default 5 min). */
  maxDelayMs?: number;
  /** One attempt's time limit (default 10 s). */
  timeoutMs?: number;
  /** Items waiting beyond this are dropped (default 1000). */
  maxQueue?: number;
  /** Parallel deliveries (default 2). */
  workers?: number;
  /** Timestamp of the signature (default Date.now). */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Called after every attempt (the notifier records it in the store). */
  onAttempt?: (a: Attempt) => Promise<void> | void;
}

export const SIGNATURE_HEADER = 'x-ecoenforce-signature';
export const TIMESTAMP_HEADER = 'x-ecoenforce-timestamp';

/** The signature header's value for a body sent at `timestamp`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookCounters {
  delivered: number;
  failedAttempts: number;
  /** Items that used every attempt without success. */
  gaveUp: number;
  /** Items refused because the queue was full. */
  dropped: number;
}

export class WebhookSender {
  readonly counters: WebhookCounters = { delivered: 0, failedAttempts: 0, gaveUp: 0, dropped: 0 };
  private readonly queue: WebhookPayload[] = [];
  private active = 0;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];
  /** Wakes retry sleeps and aborts attempts in flight on stop(), so shutdown never waits for a slow gateway. */
  private readonly abort = new AbortController();
  private readonly sleeping = new Set<() => void>();
  private readonly o: Required<Omit<WebhookOptions, 'onAttempt'>> & Pick<WebhookOptions, 'onAttempt'>;

  constructor(
    private readonly config: WebhookConfig,
    opts: WebhookOptions = {},
  ) {
    this.o = {
      maxAttempts: opts.maxAttempts ?? 6, baseDelayMs: opts.baseDelayMs ?? 2000, maxDelayMs: opts.maxDelayMs ?? 300_000, timeoutMs: opts.timeoutMs ?? 10_000,
      maxQueue: opts.maxQueue ?? 1000, workers: opts.workers ?? 2, clock: opts.clock ?? Date.now,
      sleep: opts.sleep ?? ((ms) => this.nap(ms)), onAttempt: opts.onAttempt,
    };
  }

  /** Queues one notification; false when the queue is full (dropped) or the sender stopped. Never waits. */
  enqueue(p: WebhookPayload): boolean {
    if (this.stopped || this.queue.length >= this.o.maxQueue) {
      this.counters.dropped++;
      return false;
    }
    this.queue.push(p);
    if (this.active < this.o.workers) void this.work();
    return true;
  }

  /** Resolves when nothing is queued or in flight (tests, shutdown). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.active === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /** Stops taking and retrying items; what is in flight finishes its current attempt. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    this.abort.abort();
    for (const wake of [...this.sleeping]) wake();
    await this.idle();
  }

  private nap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleeping.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      timer.unref();
      this.sleeping.add(wake);
    });
  }

  private async work(): Promise<void> {
    this.active++;
    try {
      for (let p = this.queue.shift(); p !== undefined; p = this.queue.shift()) await this.deliver(p);
    } finally {
      this.active--;
      if (this.active === 0 && this.queue.length === 0) for (const r of this.idleWaiters.splice(0)) r();
    }
  }

  private async deliver(p: WebhookPayload): Promise<void> {
    const body = JSON.stringify({ event: 'notification', notification: p });
    for (let attempt = 1; attempt <= this.o.maxAttempts; attempt++) {
      const a = await this.attempt(p.id, attempt, body);
      try {
        await this.o.onAttempt?.(a);
      } catch {
        // Recording is best effort: a store that is closing must not stop the delivery.
      }
      if (a.ok) {
        this.counters.delivered++;
        return;
      }
      this.counters.failedAttempts++;
      if (this.stopped) return;
      if (attempt < this.o.maxAttempts) await this.o.sleep(Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (attempt - 1)));
      if (this.stopped) return;
    }
    this.counters.gaveUp++;
  }

  private async attempt(notificationId: number, attempt: number, body: string): Promise<Attempt> {
    const ts = this.o.clock();
    try {
      const res = await fetch(this.config.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: signWebhook(this.config.secret, ts, body) },
        body,
        signal: AbortSignal.any([AbortSignal.timeout(this.o.timeoutMs), this.abort.signal]),
      });
      await res.arrayBuffer().catch(() => undefined);
      return { notificationId, attempt, ok: res.ok, httpStatus: res.status, error: res.ok ? null : `HTTP ${res.status}` };
    } catch (err) {
      return { notificationId, attempt, ok: false, httpStatus: null, error: err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 500) : String(err).slice(0, 500) };
    }
  }
}
