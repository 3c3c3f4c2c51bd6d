// Login throttling per account and per client address: after `max` failures inside `windowMs`, further
// attempts are refused until the oldest failure leaves the window. In memory: the embedded server is one
// process; the limits are small enough that a restart resetting them is acceptable.
export interface ThrottleOptions {
  max: number;
  windowMs: number;
}

export class Throttle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly opts: ThrottleOptions) {}

  /** Seconds until `key` may try again, or 0. */
  retryAfter(key: string, now: number): number {
    const times = this.prune(key, now);
    if (times.length < this.opts.max) return 0;
    return Math.max(1, Math.ceil((times[0]! + this.opts.windowMs - now) / 1000));
  }

  fail(key: string, now: number): void {
    const times = this.prune(key, now);
    times.push(now);
    this.failures.set(key, times);
    // Bound memory against a spray of distinct keys: forget the oldest entries.
    if (this.failures.size > 100_000) {
      const first = this.failures.keys().next();
      if (first.done !== true) this.failures.delete(first.value);
    }
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private prune(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => now - t < this.opts.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }
}
