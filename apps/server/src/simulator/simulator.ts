// The simulator: many virtual loggers on one event loop. One min-heap orders every device's next due
// time on the simulated clock and one timer wakes for the earliest; one sweep timer drives retransmits.
import { formatBeijingTime } from '@ecoenforce/hj212';
import { answerCommand } from './commands.ts';
import type { DeviceSpec } from './device.ts';
import { MinHeap } from './heap.ts';
import { Link, type LinkHost } from './link.ts';
import { VirtualLogger } from './logger.ts';
import { uploadPackets } from './packets.ts';
import { uniformAt } from './prng.ts';
import { parseScenarios, planScenarios, type DevicePlan } from './scenarios.ts';
import { LatencyHistogram, newCounters, type SimulatorStats } from './stats.ts';
import { RateDriver } from './rate.ts';

export interface SimulatorOptions {
  devices: DeviceSpec[];
  host: string;
  port: number;
  /** Simulated seconds per real second (60: one simulated hour per real minute). Default 1. */
  speed?: number;
  /** Start of simulated time, epoch ms. Default: now. */
  start?: number;
  scenarios?: string[];
  /** load mode: minute frames each device keeps in flight. Default 8. */
  window?: number;
  /** Fixed total rate (frames/s over all devices, token bucket) instead of the schedule. */
  rate?: number;
  /** Resend an unacknowledged frame after this many real ms (HJ 212 OverTime, default 10 s). */
  overTimeMs?: number;
  /** Unacknowledged frames a device keeps (oldest dropped and counted beyond). Default 10,000. */
  maxUnacked?: number;
  /** Most connection attempts in progress at once (spares the listener's accept backlog). Default 256. */
  maxConnecting?: number;
  log?: (line: string) => void;
  /**
   * The clock the gateway's 1012 SystemTime reads: 'real' (default, a production gateway) or 'simulated'
   * (the demo, whose gateway runs on the same accelerated clock as the simulator).
   */
  hostClock?: 'real' | 'simulated';
  /** Leave acks received in the first this-many real ms out of the latency histogram (benchmarks). */
  latencyWarmupMs?: number;
  /** Observer of every upload the gateway acknowledged with 9014 (reliability tests, audits). */
  onAck?: (mn: string, qn: string, bytes: Uint8Array) => void;
  /** Real clock (tests); default Date.now. */
  now?: () => number;
}

export interface SimulatorHandle {
  stats(): SimulatorStats;
  unacked(): number;
  /** Identities of the uploads not yet acknowledged, as MN and QN (reliability tests). */
  unackedFrames(): Array<{ mn: string; qn: string }>;
  /** Stop producing uploads; keep connecting and retransmitting until everything is acknowledged. */
  quiesce(): void;
  stop(): Promise<void>;
  /** Scenario assignments, as reported on startup. */
  readonly scenarioReport: readonly string[];
}

interface Device {
  spec: DeviceSpec;
  logger: VirtualLogger;
  link: Link;
  plan: DevicePlan | undefined;
  /** Delay after each boundary before sending (simulated ms): real loggers do not all send at :00. */
  stagger: number;
  /** load/rate modes: DataTime of the next minute frame. */
  nextMinute: number;
  offline: boolean;
}

const MINUTE = 60_000;
const SWEEP_MS = 250;

export function startSimulator(opts: SimulatorOptions): SimulatorHandle {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? ((): void => {});
  const speed = opts.speed ?? 1;
  if (!(speed > 0)) throw new Error('speed must be > 0');
  const realStart = now();
  const simStart = opts.start ?? realStart;
  const simNow = (): number => simStart + (now() - realStart) * speed;
  const realAt = (sim: number): number => realStart + (sim - simStart) / speed;
  const names = parseScenarios(opts.scenarios ?? []);
  const scenario = planScenarios(opts.devices, names, simStart);
  const window = Math.max(1, opts.window ?? 8);
  const mode: 'schedule' | 'load' | 'rate' = opts.rate !== undefined ? 'rate' : scenario.load ? 'load' : 'schedule';
  const counters = newCounters();
  const latency = new LatencyHistogram();
  const latencyWarmupMs = opts.latencyWarmupMs ?? 0;
  // FIFO of links waiting for a connection slot (array + head index: shift() is O(n) on 10,000 links).
  let connectQueue: Link[] = [];
  let queueHead = 0;
  let connecting = 0;
  const maxConnecting = opts.maxConnecting ?? 256;
  let stopped = false;
  /** quiesce(): no new uploads, only retransmissions of what is unacknowledged. */
  let quiet = false;

  const pump = (): void => {
    while (connecting < maxConnecting && queueHead < connectQueue.length) {
      const link = connectQueue[queueHead++];
      if (link === undefined) break;
      connecting++;
      link.connectNow();
    }
    if (queueHead === connectQueue.length) {
      connectQueue = [];
      queueHead = 0;
    }
  };

  const host: LinkHost = {
    host: opts.host,
    port: opts.port,
    counters,
    // Acks of frames sent during the warm-up (connections still opening) stay out of the histogram.
    latency: {
      record(ms: number): void {
        if (now() - realStart >= latencyWarmupMs) latency.record(ms);
      },
    },
    now,
    maxUnacked: opts.maxUnacked ?? 10_000,
    requestConnect(link) {
      if (stopped) return;
      connectQueue.push(link);
      pump();
    },
    connectDone() {
      connecting--;
      pump();
    },
    onOpen(link) {
      if (mode === 'load') fillWindow(devices[link.index]);
    },
    onAck(link, acked) {
      if (acked !== null) opts.onAck?.(link.mn, acked.qn, acked.bytes);
      if (mode === 'load') fillWindow(devices[link.index]);
    },
    onCommand(link, packet) {
      const d = devices[link.index];
      if (d === undefined) return;
      counters.commands++;
      answerCommand({ spec: d.spec, logger: d.logger, link, sim: simNow(), real: opts.hostClock === 'simulated' ? simNow() : now(), log }, packet);
    },
  };

  const devices: Device[] = opts.devices.map((spec, i) => {
    const plan = scenario.plans.get(i);
    const logger = new VirtualLogger(spec, simStart, {
      ...(plan?.effects === undefined ? {} : { effects: plan.effects }),
      ...(plan?.clock === undefined ? {} : { clock: plan.clock }),
    });
    const link = new Link(i, spec.mn, plan?.crcVariant ?? spec.crcVariant, host, opts.overTimeMs ?? 10_000, spec.seed);
    return {
      spec, logger, link, plan,
      stagger: Math.floor(uniformAt(spec.seed, 55) * 20_000),
      nextMinute: Math.floor(simStart / MINUTE) * MINUTE,
      offline: false,
    };
  });

  /** Send the next minute frame of a device (load and rate modes): DataTime advances a minute per frame. */
  const sendNextMinute = (d: Device): number => {
    const upload = d.logger.minuteUpload(d.nextMinute);
    d.nextMinute += MINUTE;
    const packets = uploadPackets(d.spec, upload, d.plan?.minuteParts ?? 1);
    for (const p of packets) d.link.send(p, d.logger.deviceTime(simNow()));
    return packets.length;
  };

  function fillWindow(d: Device | undefined): void {
    if (d === undefined || stopped || quiet || !d.link.open) return;
    d.link.batch(() => {
      while (d.link.unacked < window) sendNextMinute(d);
    });
  }



  // --- schedule mode: one heap of real due times.
  const heap = new MinHeap();
  let timer: NodeJS.Timeout | null = null;
  const dueOf = (d: Device): number => realAt(d.logger.nextDue() + d.stagger);

  const tick = (): void => {
    timer = null;
    if (stopped || quiet) return;
    const t = now();
    const sim = simNow();
    // Bounded work per wake-up keeps the loop responsive; whatever is left is due immediately.
    for (let n = 0; n < 5000; n++) {
      const due = heap.peek();
      if (due === undefined || due > t) break;
      const i = heap.pop();
      const d = i === undefined ? undefined : devices[i];
      if (d === undefined || i === undefined) continue;
      runDevice(d, sim - d.stagger);
      heap.push(dueOf(d), i);
    }
    arm();
  };

  const runDevice = (d: Device, sim: number): void => {
    const off = d.plan?.offline;
    const inOutage = off !== undefined && sim >= off.from && sim < off.to;
    if (inOutage && !d.offline) {
      d.offline = true;
      d.link.goOffline();
      log(`${d.spec.mn}: offline (scenario)`);
    } else if (!inOutage && d.offline) {
      d.offline = false;
      log(`${d.spec.mn}: back online, backfilling ${d.link.unacked} frames`);
      d.link.goOnline();
    }
    const deviceNow = d.logger.deviceTime(sim + d.stagger); // the device stamps its own clock at the true send time, not the staggered schedule time
    const uploads = d.logger.advance(sim);
    d.link.batch(() => {
      for (const u of uploads) {
        // Real-time values are worthless later; a logger keeps period data and backfills it.
        if (d.offline && u.cn === '2011') continue;
        const parts = u.cn === '2051' ? (d.plan?.minuteParts ?? 1) : 1;
        for (const p of uploadPackets(d.spec, u, parts)) d.link.send(p, deviceNow);
      }
    });
  };

  const arm = (): void => {
    if (stopped || quiet || timer !== null) return;
    const due = heap.peek();
    if (due === undefined) return;
    timer = setTimeout(tick, Math.min(1000, Math.max(0, due - now())));
  };

  // --- start
  for (const line of scenario.report) log(`scenario ${line}`);
  log(`simulating ${devices.length} devices → ${opts.host}:${opts.port}, mode ${mode}, speed ${speed}, start ${formatBeijingTime(simStart, 14)} (Beijing)`);
  for (const d of devices) d.link.start();
  let rate: RateDriver | null = null;
  let rrNext = -1;
  if (mode === 'schedule') {
    devices.forEach((d, i) => heap.push(dueOf(d), i));
    arm();
  } else if (mode === 'rate') {
    rate = new RateDriver(opts.rate ?? 1, now, () => {
      // Round-robin over connected devices; a device with a full buffer is skipped, not piled onto.
      for (let k = 0; k < devices.length; k++) {
        const d = devices[(rrNext = (rrNext + 1) % devices.length)];
        if (d !== undefined && d.link.open && d.link.unacked < host.maxUnacked) return sendNextMinute(d);
      }
      return 0;
    });
  }
  const sweep = setInterval(() => {
    const t = now();
    for (const d of devices) d.link.sweep(t);
  }, SWEEP_MS);

  const stats = (): SimulatorStats => {
    const elapsed = Math.max(1e-3, (now() - realStart) / 1000);
    let open = 0;
    let unacked = 0;
    for (const d of devices) {
      if (d.link.open) open++;
      unacked += d.link.unacked;
    }
    return {
      ...counters,
      devices: devices.length,
      connectionsOpen: open,
      unacked,
      simTime: formatBeijingTime(simNow(), 14),
      elapsedSeconds: Math.round(elapsed * 10) / 10,
      sentPerSecond: Math.round(counters.sent / elapsed),
      ackedPerSecond: Math.round(counters.acked / elapsed),
      ackLatencyMs: latency.summary(),
    };
  };

  return {
    scenarioReport: scenario.report,
    stats,
    unacked: () => devices.reduce((n, d) => n + d.link.unacked, 0),
    unackedFrames: () => devices.flatMap((d) => d.link.unackedQns().map((qn) => ({ mn: d.spec.mn, qn }))),
    quiesce() {
      quiet = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      rate?.stop();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      clearInterval(sweep);
      rate?.stop();
      connectQueue = [];
      queueHead = 0;
      await Promise.all(devices.map((d) => d.link.stop()));
    },
  };
}
