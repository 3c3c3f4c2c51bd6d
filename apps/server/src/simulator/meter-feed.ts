// A simulated electricity-monitoring platform (用电监控平台): the grid company's or a third party's system
// that reads enterprises' meters and pushes the readings to the bureau as JSON over HTTP (POST
// /api/meter-feed with an API token), every N simulated minutes, one reading per meter per minute.
// The meters' kW come from the same value model as the HJ 212 meter loggers' (values.ts), so a fed
// enterprise looks like a logged one; the treatment-off scenario drops one fed treatment meter to standby.
// Readings that could not be delivered (network down, server busy) stay queued and go with the next batch.
import { formatBeijingTime } from '@ecoenforce/hj212';
import type { DeviceSpec } from './device.ts';
import { meterRole } from './factors.ts';
import { uniformAt } from './prng.ts';
import { parseScenarios, WINDOWS } from './scenarios.ts';
import { ValueModel, type Effects } from './values.ts';

const MINUTE = 60_000;
/** The value model's samples per minute (as the meter loggers average theirs: every 15 s). */
const SAMPLES = 4;
/** Readings kept for delivery at most; the oldest beyond are dropped and counted. */
const MAX_QUEUE = 200_000;

export interface FeedMeterSpec {
  /** The meter's id on the platform (meters.feed_id). */
  feedId: string;
  /** Its code in the platform's data (e1nnnn production, e2nnnn treatment: factors.ts), which sets its behaviour. */
  code: string;
  /** Meters of one group (an enterprise) share one process load, as one logger's meters do. */
  group: string;
}

export interface MeterFeedOptions {
  /** Base URL of the API, e.g. http://127.0.0.1:8080. */
  url: string;
  /** API token with meters.feed. */
  token: string;
  meters: readonly FeedMeterSpec[];
  /** Simulated seconds per real second. Default 1. */
  speed?: number;
  /** Start of simulated time, epoch ms. Default: now. */
  start?: number;
  /** Simulated minutes between pushes. Default 5. */
  everyMinutes?: number;
  /** Readings per request (the API takes at most 1000). Default 500. */
  maxBatch?: number;
  scenarios?: readonly string[];
  log?: (line: string) => void;
  /** Real clock (tests); default Date.now. */
  now?: () => number;
}

export interface MeterFeedStats {
  batches: number;
  failedBatches: number;
  sent: number;
  stored: number;
  duplicates: number;
  rejected: number;
  queued: number;
  dropped: number;
}

export interface MeterFeedHandle {
  stats(): MeterFeedStats;
  /** Pushes every complete minute up to now; resolves when the server has answered. */
  flush(): Promise<void>;
  /** Stops the timer after a last flush. */
  stop(): Promise<void>;
  readonly scenarioReport: readonly string[];
}

interface Reading {
  meter: string;
  at: string;
  kw: number;
  kwh: number;
}

/** FNV-1a: a stable seed per group, so its values are the same run after run. */
function seedOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h & 0x7fffffff;
}

/** ISO 8601 in Beijing time with its offset, as a Chinese platform writes it. */
const beijingIso = (ms: number): string => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

export function startMeterFeed(opts: MeterFeedOptions): MeterFeedHandle {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? ((): void => {});
  const speed = opts.speed ?? 1;
  if (!(speed > 0)) throw new Error('speed must be > 0');
  const realStart = now();
  const simStart = opts.start ?? realStart;
  const simNow = (): number => simStart + (now() - realStart) * speed;
  const everyMinutes = Math.max(1, opts.everyMinutes ?? 5);
  const maxBatch = Math.min(1000, Math.max(1, opts.maxBatch ?? 500));
  const endpoint = `${opts.url.replace(/\/$/, '')}/api/meter-feed`;

  // The treatment-off scenario: the first group with a treatment meter (canonical order: the meters as given).
  const report: string[] = [];
  const effects = new Map<string, Effects>();
  if (parseScenarios(opts.scenarios ?? []).includes('treatment-off')) {
    const victim = opts.meters.find((m) => meterRole(m.code) === 'treatment');
    if (victim !== undefined) {
      const w = { from: simStart + WINDOWS.treatmentOff.from, to: simStart + WINDOWS.treatmentOff.to };
      effects.set(victim.group, { treatmentOff: w });
      const ids = opts.meters.filter((m) => m.group === victim.group && meterRole(m.code) === 'treatment').map((m) => m.feedId).join(',');
      report.push(`treatment-off (meter feed): ${ids} at standby power ${formatBeijingTime(w.from, 14)}–${formatBeijingTime(w.to, 14)} (Beijing)`);
    }
  }
  const models = new Map<string, ValueModel>();
  for (const group of new Set(opts.meters.map((m) => m.group))) {
    const codes = [...new Set(opts.meters.filter((m) => m.group === group).map((m) => m.code))];
    const spec: DeviceSpec = { mn: group, pw: '', kind: 'meter', factors: codes, st: '51', seed: seedOf(group) };
    models.set(group, new ValueModel(spec, effects.get(group)));
  }
  // Energy registers (kWh) start somewhere in a meter's life and count up with the power drawn.
  const registers = new Map(opts.meters.map((m) => [m.feedId, Math.round(1e5 + 9e5 * uniformAt(seedOf(m.feedId), 1))]));

  const stats: MeterFeedStats = { batches: 0, failedBatches: 0, sent: 0, stored: 0, duplicates: 0, rejected: 0, queued: 0, dropped: 0 };
  let queue: Reading[] = [];
  let nextMinute = Math.floor(simStart / MINUTE) * MINUTE;
  let inflight: Promise<void> | null = null;
  let stopped = false;

  /** Readings of every minute completed since the last call. */
  const produce = (): void => {
    const until = simNow();
    while (nextMinute + MINUTE <= until) {
      const t = nextMinute;
      for (const m of opts.meters) {
        const model = models.get(m.group)!;
        let sum = 0;
        for (let k = 0; k < SAMPLES; k++) sum += model.sample(t + (k * MINUTE) / SAMPLES).get(m.code)?.value ?? 0;
        const kw = Math.round((sum / SAMPLES) * 100) / 100;
        const kwh = (registers.get(m.feedId) ?? 0) + kw / 60;
        registers.set(m.feedId, kwh);
        queue.push({ meter: m.feedId, at: beijingIso(t), kw, kwh: Math.round(kwh * 100) / 100 });
      }
      nextMinute += MINUTE;
    }
    if (queue.length > MAX_QUEUE) {
      stats.dropped += queue.length - MAX_QUEUE;
      queue = queue.slice(queue.length - MAX_QUEUE);
    }
  };

  const post = async (readings: Reading[]): Promise<boolean> => {
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ readings }),
      });
      const text = await res.text();
      if (!res.ok) {
        stats.failedBatches++;
        log(`meter feed: ${res.status} ${text.slice(0, 200)}`);
        // A 4xx other than 429 will not get better by sending the same batch again: drop it, counted.
        if (res.status >= 400 && res.status < 500 && res.status !== 429) {
          stats.rejected += readings.length;
          return true;
        }
        return false;
      }
      const out = JSON.parse(text) as { stored: number; duplicates: number; rejected: Array<{ index: number; reason: string; message: string }> };
      stats.batches++;
      stats.sent += readings.length;
      stats.stored += out.stored;
      stats.duplicates += out.duplicates;
      stats.rejected += out.rejected.length;
      for (const r of out.rejected.slice(0, 3)) log(`meter feed: reading ${readings[r.index]?.meter ?? r.index} rejected (${r.reason}): ${r.message}`);
      return true;
    } catch (err) {
      stats.failedBatches++;
      log(`meter feed: ${endpoint}: ${String(err)}`);
      return false;
    }
  };

  const push = async (): Promise<void> => {
    produce();
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      if (!(await post(batch))) return; // kept for the next push
      queue = queue.slice(batch.length);
    }
  };

  /** One push at a time, in order: a batch is never overtaken by a later one. */
  const flush = (): Promise<void> => {
    const run = (inflight ?? Promise.resolve()).then(push);
    const tracked: Promise<void> = run.finally(() => {
      if (inflight === tracked) inflight = null;
    });
    inflight = tracked;
    return run;
  };

  for (const line of report) log(`scenario ${line}`);
  log(`meter feed: ${opts.meters.length} meters → ${endpoint} every ${everyMinutes} simulated minutes`);
  const timer = setInterval(() => {
    if (!stopped && inflight === null) void flush();
  }, Math.max(20, (everyMinutes * MINUTE) / speed));
  timer.unref();

  return {
    scenarioReport: report,
    stats: () => ({ ...stats, queued: queue.length }),
    flush,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await flush();
    },
  };
}
