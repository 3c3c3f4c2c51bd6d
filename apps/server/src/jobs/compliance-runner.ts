// Closes hours as they end, on the platform's clock: every stored minute frame marks its (point, hour)
// due; an hour is closed once it has ended and a grace period for the last minutes has passed, and closed
// again whenever late or corrected minutes arrive for it. One close at a time, so the store is never
// flooded; a failed close is retried on the next tick.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { AcceptedFrame } from '../ingest/sink.ts';
import { closeHour, HOUR, type CloseResult } from '../services/compliance.ts';
import { beijingDayStart, closeDay, DAY } from '../services/compliance-day.ts';
import { detectHour } from '../services/detect-hour.ts';

export interface ComplianceRunnerOptions {
  /** Wait this long after an hour ends before closing it (the last minute frames are still coming). */
  graceMs?: number;
  /** Real milliseconds between ticks. */
  tickMs?: number;
  onClosed?: (r: CloseResult) => void;
  /** Warnings raised or extended by any close (exceedance, detectors, daily values). */
  onWarnings?: (pointId: number, warnings: ReadonlyArray<{ id: number; created: boolean }>) => void;
  /** Run the data-quality detectors on each closed hour (default true). */
  detectors?: boolean;
}

export class ComplianceRunner {
  /** key `${pointId}:${hourStart}` → the hour to (re)close. */
  private readonly due = new Map<string, { pointId: number; hourStart: number }>();
  /** key `${pointId}:${dayStart}` → the Beijing day to (re)close (daily limits). */
  private readonly dueDays = new Map<string, { pointId: number; dayStart: number }>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly graceMs: number;
  closed = 0;
  failures = 0;

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly now: () => number,
    private readonly opts: ComplianceRunnerOptions = {},
  ) {
    this.graceMs = opts.graceMs ?? 2 * 60_000;
  }

  /** Called after each durable commit. */
  framesStored(frames: readonly AcceptedFrame[]): void {
    for (const f of frames) {
      if (f.periodKind !== 'min' || f.dataTime === null) continue;
      const hourStart = f.dataTime - (f.dataTime % HOUR);
      this.due.set(`${f.pointId}:${hourStart}`, { pointId: f.pointId, hourStart });
      const dayStart = beijingDayStart(f.dataTime);
      this.dueDays.set(`${f.pointId}:${dayStart}`, { pointId: f.pointId, dayStart });
    }
  }

  /** Closes again every hour and day of the point that [from, to) touches (markings made or withdrawn). */
  reclose(pointId: number, from: number, to: number): void {
    for (let h = from - (from % HOUR); h < to; h += HOUR) this.due.set(`${pointId}:${h}`, { pointId, hourStart: h });
    for (let d = beijingDayStart(from); d < to; d += DAY) this.dueDays.set(`${pointId}:${d}`, { pointId, dayStart: d });
  }

  get pending(): number {
    return this.due.size;
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.opts.tickMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Closes every due hour that has ended (plus grace) by now; resolves when done. */
  tick(): Promise<void> {
    this.running ??= this.closeDue().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async closeDue(): Promise<void> {
    const now = this.now();
    for (const [key, h] of [...this.due]) {
      if (h.hourStart + HOUR + this.graceMs > now) continue;
      this.due.delete(key);
      try {
        const r = await closeHour(this.db, h.pointId, h.hourStart, now);
        const found = this.opts.detectors === false ? [] : await detectHour(this.db, h.pointId, h.hourStart, now);
        this.closed++;
        this.opts.onClosed?.(r);
        const warnings = [...r.warnings, ...found];
        if (warnings.length > 0) this.opts.onWarnings?.(h.pointId, warnings);
      } catch (err) {
        // The store is busy or closing: try again on the next tick.
        this.failures++;
        this.due.set(key, h);
        console.error(`compliance: closing point ${h.pointId} hour ${new Date(h.hourStart).toISOString()} failed: ${String(err)}`);
        return;
      }
    }
    for (const [key, d] of [...this.dueDays]) {
      if (d.dayStart + DAY + this.graceMs > now) continue;
      this.dueDays.delete(key);
      try {
        const r = await closeDay(this.db, d.pointId, d.dayStart, now);
        if (r.warnings.length > 0) this.opts.onWarnings?.(d.pointId, r.warnings);
      } catch (err) {
        this.failures++;
        this.dueDays.set(key, d);
        console.error(`compliance: closing point ${d.pointId} day ${new Date(d.dayStart).toISOString()} failed: ${String(err)}`);
        return;
      }
    }
  }
}
