// Counters and the acknowledgement-latency histogram of a simulator run.

/**
 * Log-bucketed latency histogram: 1 ms buckets to 100 ms, then buckets 5 % wide to 10 minutes.
 * Percentiles are the bucket's upper bound, so they overstate by at most 5 %.
 */
export class LatencyHistogram {
  private static readonly bounds: number[] = (() => {
    const b: number[] = [];
    for (let v = 1; v <= 100; v++) b.push(v);
    for (let v = 100 * 1.05; v < 600_000; v *= 1.05) b.push(Math.ceil(v));
    b.push(Infinity);
    return b;
  })();
  private readonly counts = new Array<number>(LatencyHistogram.bounds.length).fill(0);
  private n = 0;
  private maxMs = 0;
  private sum = 0;

  record(ms: number): void {
    const v = Math.max(0, ms);
    const bounds = LatencyHistogram.bounds;
    // Binary search for the first bound ≥ v.
    let lo = 0;
    let hi = bounds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((bounds[mid] ?? Infinity) >= v) hi = mid;
      else lo = mid + 1;
    }
    this.counts[lo] = (this.counts[lo] ?? 0) + 1;
    this.n++;
    this.sum += v;
    if (v > this.maxMs) this.maxMs = v;
  }

  percentile(p: number): number {
    if (this.n === 0) return 0;
    const rank = Math.ceil((p / 100) * this.n);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return Math.min(LatencyHistogram.bounds[i] ?? this.maxMs, this.maxMs);
    }
    return this.maxMs;
  }

  summary(): { count: number; mean: number; p50: number; p90: number; p99: number; max: number } {
    return {
      count: this.n,
      mean: this.n === 0 ? 0 : Math.round((this.sum / this.n) * 10) / 10,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      max: Math.round(this.maxMs * 10) / 10,
    };
  }
}

/** Counters the links update directly (a plain mutable record keeps the hot path cheap). */
export interface Counters {
  /** Frames transmitted for the first time. */
  sent: number;
  /** Frames acknowledged by a 9014 (each counted once). */
  acked: number;
  /** Transmissions of a frame already sent once (timeout or reconnect). */
  retransmitted: number;
  /** Frames the host refused (9011 with QnRtn ≠ 1 for an upload). */
  rejected: number;
  /** Frames that went ReCount timeouts without a reply (still being retried). */
  unanswered: number;
  /** Unacknowledged frames dropped because a device's buffer was full. */
  dropped: number;
  /** 9014 for a QN that is not outstanding (already acked, or unknown). */
  duplicateAcks: number;
  connects: number;
  reconnects: number;
  connectFailures: number;
  disconnects: number;
  /** Host requests answered (1012, 1000, 1011…). */
  commands: number;
  /** Bytes that did not frame or decode on the way back. */
  badReplies: number;
}

export function newCounters(): Counters {
  return {
    sent: 0, acked: 0, retransmitted: 0, rejected: 0, unanswered: 0, dropped: 0, duplicateAcks: 0,
    connects: 0, reconnects: 0, connectFailures: 0, disconnects: 0, commands: 0, badReplies: 0,
  };
}

export interface SimulatorStats extends Counters {
  devices: number;
  connectionsOpen: number;
  unacked: number;
  /** Simulated time now (epoch ms) and how far it has run. */
  simTime: string;
  elapsedSeconds: number;
  sentPerSecond: number;
  ackedPerSecond: number;
  ackLatencyMs: ReturnType<LatencyHistogram['summary']>;
}
