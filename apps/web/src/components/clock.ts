// The platform clock in the console. The server's clock is the one that counts (in the demo it is simulated and
// runs faster than the wall clock); the console learns it from every /api/auth/me and login answer and
// extrapolates between them, so a form's default time or "this month" agrees with the records it will join.
import type { PlatformClock } from '@ecoenforce/contract';

let base = { server: Date.now(), local: Date.now(), rate: 1 };

export function setPlatformClock(c: PlatformClock): void {
  base = { server: c.now, local: Date.now(), rate: c.rate };
}

/** Epoch ms on the platform clock, now. */
export function platformNow(): number {
  return Math.round(base.server + (Date.now() - base.local) * base.rate);
}
