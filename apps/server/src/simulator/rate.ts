// Token bucket for the fixed-rate load mode: `rate` frames per second in total, smoothed over 10 ms ticks,
// with at most 100 ms of burst so a stalled loop does not fire a flood afterwards.
export class RateDriver {
  private tokens = 0;
  private last: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly rate: number,
    private readonly now: () => number,
    /** Sends the next upload; returns the frames it took (0 when nothing could be sent: tokens are kept). */
    private readonly sendNext: () => number,
  ) {
    this.last = now();
    this.timer = setInterval(() => this.tick(), 10);
  }

  private tick(): void {
    const t = this.now();
    this.tokens = Math.min(Math.max(1, this.rate / 10), this.tokens + ((t - this.last) * this.rate) / 1000);
    this.last = t;
    while (this.tokens >= 1) {
      const frames = this.sendNext();
      if (frames === 0) return;
      // An upload split into subpackets spends a token per part, so the rate is in frames.
      this.tokens -= frames;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
