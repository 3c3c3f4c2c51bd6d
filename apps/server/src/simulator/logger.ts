// A virtual data logger without I/O: its own (possibly wrong) clock, the 30-s real-time cycle and the
// minute → hour → day statistics, producing uploads in the order a logger sends them. Driving it is the
// scheduler's job; every method takes simulated time so tests can step it with no timers.
import { PeriodAccumulator, addTotals, statsOf, type FactorStats } from './aggregate.ts';
import type { DeviceSpec } from './device.ts';
import { type Upload, periodItems, rtdItems } from './packets.ts';
import { type Effects, type Reading, ValueModel } from './values.ts';

export const RTD_INTERVAL = 30_000; // RtdInterval 30 s, the smallest the standard allows (§6.5)
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const BEIJING = 8 * HOUR;
/** Minute values come from samples this far apart within the minute. */
const SAMPLE_STEP = 15_000;
/** Longest gap a logger catches up on in one go (after a clock jump forward). */
const MAX_CATCH_UP = DAY;

export interface ClockModel {
  /** Device clock minus true (simulated) time at `since`, in ms. */
  offsetMs: number;
  /** Extra ms the device clock gains per simulated hour. */
  driftMsPerHour: number;
}

export interface LoggerOptions {
  effects?: Effects;
  clock?: ClockModel;
  /** Send 2011 real-time data (default true). */
  realtime?: boolean;
}

export class VirtualLogger {
  readonly model: ValueModel;
  private offset: number;
  private drift: number;
  private driftSince: number;
  /** Last 30-s boundary (device clock) already processed. */
  private lastTick: number;
  private readonly hour = new PeriodAccumulator();
  private readonly day = new PeriodAccumulator();
  private readonly realtime: boolean;

  constructor(
    readonly spec: DeviceSpec,
    startSim: number,
    opts: LoggerOptions = {},
  ) {
    this.model = new ValueModel(spec, opts.effects);
    this.offset = opts.clock?.offsetMs ?? 0;
    this.drift = opts.clock?.driftMsPerHour ?? 0;
    this.driftSince = startSim;
    this.realtime = opts.realtime ?? true;
    this.lastTick = Math.floor(this.deviceTime(startSim) / RTD_INTERVAL) * RTD_INTERVAL;
    this.firstMinute = Math.ceil(this.lastTick / MINUTE) * MINUTE;
  }

  /** The first whole minute the logger observes: an hour or day that began before it sends no period value. */
  private readonly firstMinute: number;

  /** The device's clock reading at simulated time `sim` (what it writes into QN and DataTime). */
  deviceTime(sim: number): number {
    return sim + this.offset + (this.drift * (sim - this.driftSince)) / HOUR;
  }

  /** Device clock minus true time, at `sim`. */
  clockError(sim: number): number {
    return this.deviceTime(sim) - sim;
  }

  /** 1012: set the clock so it reads `deviceNow` at `sim`; the oscillator keeps its drift rate. */
  setClock(sim: number, deviceNow: number): void {
    this.offset = deviceNow - sim;
    this.driftSince = sim;
  }

  /** Simulated time at which the device clock reaches its next 30-s boundary. */
  nextDue(): number {
    const target = this.lastTick + RTD_INTERVAL;
    // Invert deviceTime(sim) = sim·(1 + r) + offset − r·since, r = drift per ms.
    const r = this.drift / HOUR;
    return (target - this.offset + r * this.driftSince) / (1 + r);
  }

  /** Uploads due at simulated time `sim`, oldest first, catching up on every boundary passed since the last call. */
  advance(sim: number): Upload[] {
    const now = this.deviceTime(sim);
    const out: Upload[] = [];
    // A clock set back (1012 on a fast clock) only waits: boundaries already sent are never repeated.
    if (now - this.lastTick > MAX_CATCH_UP) this.lastTick = Math.floor((now - MAX_CATCH_UP) / RTD_INTERVAL) * RTD_INTERVAL;
    while (this.lastTick + RTD_INTERVAL <= now + 1) {
      this.lastTick += RTD_INTERVAL;
      this.boundary(this.lastTick, out);
    }
    return out;
  }

  private boundary(b: number, out: Upload[]): void {
    if (this.realtime) out.push({ cn: '2011', dataTime: b, items: rtdItems(this.model.sample(b)) });
    if (b % MINUTE !== 0) return;
    const minute = this.minuteStats(b - MINUTE);
    out.push({ cn: '2051', dataTime: b - MINUTE, items: periodItems(this.spec.kind, minute) });
    this.hour.add(minute.values());
    if (b % HOUR !== 0) return;
    // DataTime of period data is the period start (HJ 212-2017 §6.6.4; 084000 covers 08:40–08:50).
    // An hour or day that began before the logger started is partial: its period value is not sent (a
    // reading dated before the unit was even registered otherwise reached the store).
    const hour = this.hour.take();
    if (hour.size > 0 && b - HOUR >= this.firstMinute - MINUTE) {
      out.push({ cn: '2061', dataTime: b - HOUR, items: periodItems(this.spec.kind, hour) });
      this.day.add(hour.values());
    }
    // Days run from Beijing midnight.
    if ((b + BEIJING) % DAY !== 0) return;
    const day = this.day.take();
    if (day.size > 0 && b - DAY >= this.firstMinute - MINUTE) out.push({ cn: '2031', dataTime: b - DAY, items: periodItems(this.spec.kind, day) });
  }

  /** Statistics of the minute starting at `start` (device clock), with totals. */
  minuteStats(start: number): Map<string, FactorStats> {
    const samples = new Map<string, Reading[]>();
    for (let t = start; t < start + MINUTE; t += SAMPLE_STEP) {
      for (const [code, r] of this.model.sample(t)) {
        let list = samples.get(code);
        if (list === undefined) samples.set(code, (list = []));
        list.push(r);
      }
    }
    const stats = new Map<string, FactorStats>();
    for (const [code, list] of samples) stats.set(code, statsOf(code, list));
    addTotals(this.spec.kind, stats, MINUTE / 1000);
    return stats;
  }

  /** A standalone 2051 upload for the minute starting at `start` (load mode: no schedule, no hour roll-up). */
  minuteUpload(start: number): Upload {
    return { cn: '2051', dataTime: start, items: periodItems(this.spec.kind, this.minuteStats(start)) };
  }
}
