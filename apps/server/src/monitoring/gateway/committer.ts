// Group commit: frames from every connection that arrive within one turn of the event loop (or while the
// previous commit is running) are written in one sink transaction, and each frame's callback runs only
// after that transaction is durable. One commit at a time keeps per-connection reply order: a frame's
// batch always commits after the batch of any frame that arrived before it.
import type { AcceptedFrame, DurableSink, QuarantinedFrame } from './sink.ts';
import type { GatewayMetrics } from './metrics.ts';

export type CommitCallback = (durable: boolean) => void;

interface Pending {
  accepted: AcceptedFrame[];
  quarantined: QuarantinedFrame[];
  callbacks: CommitCallback[];
}

export interface CommitterOptions {
  /** Largest batch per transaction; a longer queue is split. */
  maxBatch?: number;
  /** Wait this long (ms) before a commit to gather more frames; 0 = next event-loop turn. */
  lingerMs?: number;
  /** Told of every batch of accepted frames once it is durable (live console updates, activity). */
  onCommitted?: (frames: readonly AcceptedFrame[]) => void;
}

export class GroupCommitter {
  private pending: Pending = { accepted: [], quarantined: [], callbacks: [] };
  private running: Promise<void> | null = null;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly lingerMs: number;
  private readonly onCommitted: ((frames: readonly AcceptedFrame[]) => void) | undefined;

  constructor(
    private readonly sink: DurableSink,
    private readonly metrics: GatewayMetrics,
    opts: CommitterOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 2000;
    this.lingerMs = opts.lingerMs ?? 0;
    this.onCommitted = opts.onCommitted;
  }

  /** Frames waiting for a commit (not counting the batch being written). */
  get queued(): number {
    return this.pending.callbacks.length;
  }

  addAccepted(frame: AcceptedFrame, done: CommitCallback): void {
    this.pending.accepted.push(frame);
    this.pending.callbacks.push(done);
    this.schedule();
  }

  /** Quarantined frames are stored in the same transactions; nobody waits for them. */
  addQuarantined(frame: QuarantinedFrame): void {
    this.pending.quarantined.push(frame);
    this.schedule();
  }

  /**
   * Resolves true when everything queued so far is committed (used by graceful shutdown), or false after
   * `timeoutMs` if the store does not answer: a hung store must not hang the shutdown. Frames not committed
   * by then are not acknowledged, so their loggers retransmit them.
   */
  async drain(timeoutMs = Infinity): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.running !== null || this.pending.accepted.length > 0 || this.pending.quarantined.length > 0) {
      if (this.running === null) this.kick();
      const left = deadline - performance.now();
      if (left <= 0) return false;
      if (this.running === null) continue;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        this.running.then(() => false),
        new Promise<boolean>((r) => {
          if (Number.isFinite(left)) timer = setTimeout(() => r(true), left);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut) return false;
    }
    return true;
  }

  private schedule(): void {
    if (this.scheduled || this.running !== null) return;
    this.scheduled = true;
    const fire = (): void => {
      this.scheduled = false;
      this.kick();
    };
    if (this.lingerMs > 0) setTimeout(fire, this.lingerMs);
    else setImmediate(fire);
  }

  private kick(): void {
    if (this.running !== null) return;
    if (this.pending.accepted.length === 0 && this.pending.quarantined.length === 0) return;
    const batch = this.take();
    this.metrics.inflightFrames.set(this.pending.callbacks.length + batch.callbacks.length);
    this.running = this.commit(batch).finally(() => {
      this.running = null;
      this.metrics.inflightFrames.set(this.pending.callbacks.length);
      if (this.pending.accepted.length > 0 || this.pending.quarantined.length > 0) this.schedule();
    });
  }

  private take(): Pending {
    const p = this.pending;
    if (p.accepted.length <= this.maxBatch && p.quarantined.length <= this.maxBatch) {
      this.pending = { accepted: [], quarantined: [], callbacks: [] };
      return p;
    }
    const batch: Pending = {
      accepted: p.accepted.splice(0, this.maxBatch),
      quarantined: p.quarantined.splice(0, this.maxBatch),
      callbacks: p.callbacks.splice(0, this.maxBatch),
    };
    return batch;
  }

  private async commit(batch: Pending): Promise<void> {
    const started = performance.now();
    let durable = false;
    try {
      await this.sink.write(batch.accepted, batch.quarantined);
      durable = true;
      this.metrics.commitBatchSize.observe(batch.accepted.length + batch.quarantined.length);
      this.metrics.commitSeconds.observe((performance.now() - started) / 1000);
    } catch (err) {
      // Nothing of this batch is acknowledged: the loggers keep the frames and retransmit them.
      this.metrics.sinkErrors.inc();
      console.error(`gateway: group commit of ${batch.accepted.length} frames failed: ${String(err)}`);
    }
    if (durable && this.onCommitted !== undefined && batch.accepted.length > 0) {
      try {
        this.onCommitted(batch.accepted);
      } catch (err) {
        console.error(`gateway: onCommitted failed: ${String(err)}`);
      }
    }
    for (const cb of batch.callbacks) {
      // One connection's failure (a socket that throws on write) must not keep the others' acks back.
      try {
        cb(durable);
      } catch (err) {
        console.error(`gateway: commit callback failed: ${String(err)}`);
      }
    }
  }
}
