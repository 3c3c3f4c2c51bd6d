// Jobs that run once per Beijing day of the platform clock (the risk score, issue 4 §6b). Croner fires at
// 00:05 Asia/Shanghai — after the compliance runner has closed the day before (its grace is 2 min) — and a
// light check each minute catches up whenever the platform's day has no run yet: after a start-up, after the
// process was down at 00:05, and in the demo, whose simulated clock passes a day every 24 real minutes.
// Which process runs a day's job is decided by the store, not by timers: a job_runs row (job, period_start)
// is claimed with INSERT … ON CONFLICT DO NOTHING, so there is one run per day on SQLite and on PostgreSQL
// with any number of servers. A failed run gives its claim back; a claim left unfinished by a killed
// process is taken over once it is older than `staleMs`.
import { Cron } from 'croner';
import type { Kysely } from 'kysely';
import type { Schema } from './db/schema.ts';
import { beijingDayNumber, startOfBeijingDay } from '@ecoenforce/domain';

export const TIMEZONE = 'Asia/Shanghai';
/** 00:05 every day, Beijing time. */
export const DAILY_PATTERN = '5 0 * * *';
/** Second 30 of every minute: the catch-up check (one indexed read when there is nothing to do). */
export const CATCH_UP_PATTERN = '30 * * * * *';

export interface DailyJob {
  name: string;
  /** Does the day's work; the returned text is kept in job_runs.result. */
  run(dayStart: number, now: number): Promise<string>;
}

export interface DailyJobsOptions {
  /** Wall clock for claim staleness (default Date.now); the platform clock decides the day. */
  wallNow?: () => number;
  /** An unfinished claim older than this (wall ms) is abandoned; default 30 min. */
  staleMs?: number;
  /** Schedule the timers (default true); tests drive runDue() themselves. */
  schedule?: boolean;
  onError?: (job: string, err: unknown) => void;
}

/** Claims (job, period) for this process; true when this process should run it. */
export async function claimRun(db: Kysely<Schema>, job: string, periodStart: number, wallNow: number, staleMs: number): Promise<boolean> {
  const inserted = await db
    .insertInto('job_runs')
    .values({ job, period_start: periodStart, claimed_at: wallNow, finished_at: null, result: null })
    .onConflict((oc) => oc.columns(['job', 'period_start']).doNothing())
    .returning('job')
    .executeTakeFirst();
  if (inserted !== undefined) return true;
  // Taken over only if still unfinished and stale; the WHERE makes the takeover atomic between processes.
  const taken = await db
    .updateTable('job_runs')
    .set({ claimed_at: wallNow })
    .where('job', '=', job)
    .where('period_start', '=', periodStart)
    .where('finished_at', 'is', null)
    .where('claimed_at', '<', wallNow - staleMs)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) > 0;
}

export class DailyJobs {
  private timers: Cron[] = [];
  private running: Promise<void> | null = null;
  private stopped = false;
  /** Runs completed by this process (for tests and the live line). */
  completed = 0;

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly now: () => number,
    private readonly jobs: readonly DailyJob[],
    private readonly opts: DailyJobsOptions = {},
  ) {}

  /** Schedules the timers and runs what today is missing right away (so a fresh start shows scores). */
  start(): void {
    if (this.opts.schedule !== false) {
      const tick = (): void => void this.runDue();
      // unref: the timers alone never keep the process alive; protect: no overlapping runs.
      this.timers = [
        new Cron(DAILY_PATTERN, { timezone: TIMEZONE, protect: true, unref: true }, tick),
        new Cron(CATCH_UP_PATTERN, { timezone: TIMEZONE, protect: true, unref: true }, tick),
      ];
    }
    void this.runDue();
  }

  /** The next 00:05 Beijing the daily timer fires at (wall clock), or null before start(). */
  nextScheduled(): Date | null {
    return this.timers[0]?.nextRun() ?? null;
  }

  /** Runs every job whose run for the platform's current Beijing day is missing; one pass at a time. */
  runDue(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) t.stop();
    this.timers = [];
    await this.running;
  }

  private async pass(): Promise<void> {
    const wallNow = this.opts.wallNow ?? Date.now;
    const staleMs = this.opts.staleMs ?? 30 * 60_000;
    for (const job of this.jobs) {
      const now = this.now();
      const day = startOfBeijingDay(beijingDayNumber(now));
      try {
        // A read first: the check runs every minute and should not write when the day is done or under way.
        const r = await this.db.selectFrom('job_runs').select(['finished_at', 'claimed_at']).where('job', '=', job.name).where('period_start', '=', day).executeTakeFirst();
        if (r !== undefined && (r.finished_at !== null || Number(r.claimed_at) >= wallNow() - staleMs)) continue;
        if (!(await claimRun(this.db, job.name, day, wallNow(), staleMs))) continue;
      } catch (err) {
        // The store is closing or busy: the next minute's check tries again.
        this.opts.onError?.(job.name, err);
        continue;
      }
      try {
        const result = await job.run(day, now);
        await this.db.updateTable('job_runs').set({ finished_at: wallNow(), result }).where('job', '=', job.name).where('period_start', '=', day).execute();
        this.completed++;
      } catch (err) {
        // Give the claim back so the next check (this process or another) retries the day.
        await this.db.deleteFrom('job_runs').where('job', '=', job.name).where('period_start', '=', day).execute().catch(() => undefined);
        this.opts.onError?.(job.name, err);
      }
    }
  }
}
