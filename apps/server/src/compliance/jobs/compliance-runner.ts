// Closes hours as they end, on the platform's clock: every stored minute frame marks its (point, hour)
// due; an hour is closed once it has ended and a grace period for the last minutes has passed, and closed
// again whenever late or corrected minutes arrive for it. Due hours are closed in batches (close-batch.ts:
// one read per input and one transaction for hundreds of points). On a SQLite file the reading and computing
// of a batch runs on worker threads (hour-planner.ts) while this thread writes the batch before, with a turn
// of the event loop between batches so the gateway keeps committing. From half the grace on, hours are
// planned ahead, so that at the close only the writes are left. Beijing days (daily limits, day-level
// detectors, mass, months) are closed the same way once they have ended, in batches on this thread
// (close-day-batch.ts). A failed batch is retried on the next tick.
import { availableParallelism } from 'node:os';
import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/schema.ts';
import type { AcceptedFrame } from '../../monitoring/index.ts';
import { planHours, writeHours, type HourPair, type Planned } from '../close-batch.ts';
import { HOUR, type CloseResult } from '../compliance.ts';
import { beijingDayStart, DAY } from '../compliance-day.ts';
import { closeDays, type DayPair } from '../close-day-batch.ts';
import { HourPlanner, sqliteFileOf } from './hour-planner.ts';

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
  /** Plan hours ahead, from half their grace on, so that their close only writes (default true). */
  planAhead?: boolean;
  /** Hours closed together in one batch (one read per input, one transaction); default 250. */
  batchSize?: number;
  /** Days closed together in one batch (close-day-batch.ts); default 50 — a day holds 24 times an hour's minutes. */
  dayBatchSize?: number;
  /**
   * Read and compute batches on a worker thread with its own connection (SQLite files only): 'auto' (the
   * default) when a tick has more than one batch, 'always', or 'never'.
   */
  planInWorker?: 'auto' | 'always' | 'never';
  /**
   * Worker threads planning in turn. Reading and computing take about five times the writing, but a core is
   * left for this thread (gateway, API, writes): default 1 on two cores, 2 from three.
   */
  plannerThreads?: number;
}

export class ComplianceRunner {
  /** key `${pointId}:${hourStart}` → the hour to (re)close. */
  private readonly due = new Map<string, { pointId: number; hourStart: number }>();
  /** key `${pointId}:${dayStart}` → the Beijing day to (re)close (daily limits). */
  private readonly dueDays = new Map<string, { pointId: number; dayStart: number }>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Hours planned ahead, during their grace, by key; dropped when their minutes or markings change. */
  private readonly early = new Map<string, Planned>();
  /** Hours being planned ahead now, and those of them whose data changed meanwhile (their plan is dropped). */
  private readonly planning = new Set<string>();
  private readonly stale = new Set<string>();
  /** undefined until first needed; empty when planning stays on this thread. */
  private planners: HourPlanner[] | undefined;
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
      this.hourChanged({ pointId: f.pointId, hourStart });
      const dayStart = beijingDayStart(f.dataTime);
      this.dueDays.set(`${f.pointId}:${dayStart}`, { pointId: f.pointId, dayStart });
    }
  }

  /** Closes again every hour and day of the point that [from, to) touches (markings made or withdrawn). */
  reclose(pointId: number, from: number, to: number): void {
    for (let h = from - (from % HOUR); h < to; h += HOUR) this.hourChanged({ pointId, hourStart: h });
    for (let d = beijingDayStart(from); d < to; d += DAY) this.dueDays.set(`${pointId}:${d}`, { pointId, dayStart: d });
  }

  private hourChanged(h: HourPair): void {
    const key = keyOf(h);
    this.due.set(key, h);
    this.early.delete(key);
    if (this.planning.has(key)) this.stale.add(key);
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
    this.early.clear();
    await Promise.all((this.planners ?? []).map((p) => p.stop()));
    this.planners = undefined;
  }

  private async plannersFor(): Promise<HourPlanner[]> {
    if (this.planners === undefined) {
      const file = this.opts.planInWorker === 'never' ? null : await sqliteFileOf(this.db);
      this.planners = file === null ? [] : Array.from({ length: this.opts.plannerThreads ?? Math.max(1, Math.min(2, availableParallelism() - 1)) }, () => new HourPlanner(`sqlite:${file}`));
    }
    return this.planners;
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
    const due = [...this.due.values()].sort((a, b) => a.hourStart - b.hourStart || a.pointId - b.pointId);
    const ready = due.filter((h) => h.hourStart + HOUR + this.graceMs <= now);
    // Past half the grace a logger's last minutes are in: such hours are planned ahead, so that at the close
    // only the writing is left (issue 4 §6: a warning visible within 5 s of the close). An hour whose minutes
    // or markings change after its plan is planned again at the close (framesStored, reclose drop the plan).
    const ahead = this.opts.planAhead === false ? [] : due.filter((h) => h.hourStart + HOUR + this.graceMs > now && h.hourStart + HOUR + this.graceMs / 2 <= now && !this.early.has(keyOf(h)) && !this.planning.has(keyOf(h)));
    const size = this.opts.batchSize ?? 250;
    const chunks = (hs: HourPair[]): HourPair[][] => Array.from({ length: Math.ceil(hs.length / size) }, (_, i) => hs.slice(i * size, (i + 1) * size));
    const batches = chunks(ready);
    // Taken off before closing: minutes stored meanwhile make an hour due again, closed on a later tick.
    for (const h of ready) this.due.delete(keyOf(h));
    const detectors = this.opts.detectors !== false;
    // A planner whose worker could not start or died is left out: its batches are planned on this thread.
    const planners = ready.length + ahead.length > size || this.opts.planInWorker === 'always' ? (await this.plannersFor()).filter((p) => !p.broken) : [];
    let turn = 0;
    const plan = (b: HourPair[]): Promise<Planned[]> => (planners.length === 0 ? planHours(this.db, b, detectors) : planners[turn++ % planners.length]!.plan(b, detectors));
    const planOf = async (b: HourPair[]): Promise<Planned[]> => {
      const missing = b.filter((h) => !this.early.has(keyOf(h)));
      const fresh = new Map((missing.length === 0 ? [] : await plan(missing)).map((p) => [keyOf(p.close), p]));
      return b.map((h) => {
        const p = this.early.get(keyOf(h)) ?? fresh.get(keyOf(h))!;
        this.early.delete(keyOf(h));
        return p;
      });
    };
    // Up to one batch per planner is read and computed while this thread writes the one before.
    const inflight: Array<Promise<Planned[]>> = [];
    let planned = 0;
    const refill = (): void => {
      while (planned < batches.length && inflight.length < Math.max(1, planners.length)) inflight.push(planOf(batches[planned++]!));
    };
    refill();
    for (let k = 0; k < batches.length; k++) {
      try {
        const plans = await inflight.shift()!;
        refill();
        for (const r of await writeHours(this.db, plans, now)) {
          this.closed++;
          this.opts.onClosed?.(r.close);
          const warnings = [...r.close.warnings, ...r.detected];
          if (warnings.length > 0) this.opts.onWarnings?.(r.close.pointId, warnings);
        }
      } catch (err) {
        // The store is busy or closing: this batch and the ones after it are tried again on the next tick.
        this.failures++;
        for (const p of inflight) p.catch(() => undefined);
        for (const h of batches.slice(k).flat()) this.due.set(keyOf(h), h);
        console.error(`compliance: closing ${batches[k]!.length} hours from ${new Date(batches[k]![0]!.hourStart).toISOString()} failed: ${String(err)}`);
        return;
      }
      // better-sqlite3 works on this thread: let the gateway commit and acknowledge between batches.
      await new Promise((r) => setImmediate(r));
    }
    for (const h of ahead) this.planning.add(keyOf(h));
    await Promise.all(chunks(ahead).map(async (b) => {
      // A plan ahead that fails is no loss: the hour is planned at its close.
      const plans = await plan(b).catch(() => []);
      for (const h of b) this.planning.delete(keyOf(h));
      for (const p of plans) if (this.due.has(keyOf(p.close)) && !this.stale.delete(keyOf(p.close))) this.early.set(keyOf(p.close), p);
    }));
    this.stale.clear();
    await this.closeDueDays(now);
  }

  /** Closes every due day that has ended (plus grace) by now, in batches (close-day-batch.ts), by day then point. */
  private async closeDueDays(now: number): Promise<void> {
    const ready = [...this.dueDays.values()].filter((d) => d.dayStart + DAY + this.graceMs <= now).sort((a, b) => a.dayStart - b.dayStart || a.pointId - b.pointId);
    for (const d of ready) this.dueDays.delete(dayKey(d));
    const size = this.opts.dayBatchSize ?? 50;
    for (let i = 0; i < ready.length; i += size) {
      const batch = ready.slice(i, i + size);
      try {
        for (const r of await closeDays(this.db, batch, now)) if (r.warnings.length > 0) this.opts.onWarnings?.(r.pointId, r.warnings);
      } catch (err) {
        // The store is busy or closing: this batch and the ones after it are tried again on the next tick.
        this.failures++;
        for (const d of ready.slice(i)) this.dueDays.set(dayKey(d), d);
        console.error(`compliance: closing ${batch.length} days from ${new Date(batch[0]!.dayStart).toISOString()} failed: ${String(err)}`);
        return;
      }
      await new Promise((r) => setImmediate(r));
    }
  }
}

const dayKey = (d: DayPair): string => `${d.pointId}:${d.dayStart}`;
const keyOf = (h: HourPair): string => `${h.pointId}:${h.hourStart}`;
