// `ecoenforce simulate`: virtual HJ 212 data loggers streaming to a gateway over TCP.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseBeijingTime } from '@ecoenforce/hj212';
import { openDatabase } from '../platform/db/connect.ts';
import { pointsRepository } from '../monitoring/index.ts';
import { SCENARIOS, demoDevices, devicesFromPoints, deviceSpecProblem, parseScenarios, startSimulator, type DeviceSpec, type SimulatorStats } from '../simulator/index.ts';

const USAGE = `usage: ecoenforce simulate --target host:port [options]

  --devices N          number of demo devices (default 10; ignored with --devices-file or --db)
  --devices-file FILE  JSON array of DeviceSpec {mn, pw, kind, factors, st, seed, crcVariant?}
  --db URL             one device per active monitoring point of that database (its MN, PW, factors)
  --seed S             seed of the demo devices (default 1)
  --speed X            simulated seconds per real second (60 = one hour per minute; default 1)
  --start TIME         start of simulated time: ISO 8601 or YYYYMMDDhhmmss Beijing (default now)
  --scenario NAME      ${SCENARIOS.join(' | ')}; repeat or comma-separate
  --window K           load scenario: minute frames in flight per device (default 8)
  --rate R             fixed total rate in frames/s (token bucket) instead of the schedule
  --overtime SECONDS   resend an unacknowledged frame after this long (default 10)
  --duration SECONDS   stop after this long (default: until Ctrl-C)
  --warmup SECONDS     leave the first SECONDS out of the ack-latency figures (connections opening)
  --progress           print a one-line summary every 5 s
Prints the final statistics as one JSON line on exit.`;

export interface LoadDevicesOptions {
  devices: number;
  seed: number;
  devicesFile?: string;
  db?: string;
}

/** The device list: the database's active points, a devices file, or generated demo devices. */
export async function loadDevices(opts: LoadDevicesOptions): Promise<DeviceSpec[]> {
  if (opts.db !== undefined) {
    const database = await openDatabase(opts.db);
    try {
      const devices = devicesFromPoints(await pointsRepository(database.db).listActive());
      if (devices.length === 0) throw new Error(`${opts.db}: no active monitoring points (run 'ecoenforce db seed' first)`);
      return devices;
    } finally {
      await database.close();
    }
  }
  if (opts.devicesFile !== undefined) {
    const parsed: unknown = JSON.parse(await readFile(opts.devicesFile, 'utf8'));
    if (!Array.isArray(parsed)) throw new Error(`${opts.devicesFile}: expected a JSON array of devices`);
    const list: unknown[] = parsed;
    list.forEach((d, i) => {
      const problem = deviceSpecProblem(d, i);
      if (problem !== null) throw new Error(`${opts.devicesFile}: ${problem}`);
    });
    return list as DeviceSpec[];
  }
  return demoDevices(opts.devices, opts.seed);
}

function parseStart(text: string): number {
  const beijing = /^\d{14}$/.test(text) ? parseBeijingTime(text) : null;
  if (beijing !== null) return beijing;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`--start: not a time: ${text}`);
  return ms;
}

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number, got '${text}'`);
  return v;
}

const summary = (s: SimulatorStats): string =>
  `${s.simTime} sent ${s.sent} acked ${s.acked} retx ${s.retransmitted} unacked ${s.unacked} open ${s.connectionsOpen}/${s.devices} ` +
  `reconnects ${s.reconnects} ${s.sentPerSecond}/s ack p50 ${s.ackLatencyMs.p50} p99 ${s.ackLatencyMs.p99} ms`;

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        devices: { type: 'string' },
        'devices-file': { type: 'string' },
        db: { type: 'string' },
        seed: { type: 'string' },
        target: { type: 'string' },
        speed: { type: 'string' },
        start: { type: 'string' },
        scenario: { type: 'string', multiple: true },
        window: { type: 'string' },
        rate: { type: 'string' },
        overtime: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        progress: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`simulate: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  let opts;
  try {
    const target = /^(.+):(\d+)$/.exec(values.target ?? '');
    if (target === null) throw new Error('--target host:port is required');
    const scenarios = parseScenarios(values.scenario ?? []);
    const devices = await loadDevices({
      devices: Math.floor(positive('devices', values.devices, 10)),
      seed: Math.floor(Number(values.seed ?? 1)),
      ...(values['devices-file'] === undefined ? {} : { devicesFile: values['devices-file'] }),
      ...(values.db === undefined ? {} : { db: values.db }),
    });
    opts = {
      devices,
      host: target[1] ?? '127.0.0.1',
      port: Number(target[2]),
      speed: positive('speed', values.speed, 1),
      ...(values.start === undefined ? {} : { start: parseStart(values.start) }),
      scenarios,
      window: Math.floor(positive('window', values.window, 8)),
      ...(values.rate === undefined ? {} : { rate: positive('rate', values.rate, 1) }),
      overTimeMs: positive('overtime', values.overtime, 10) * 1000,
      duration: values.duration === undefined ? undefined : positive('duration', values.duration, 1),
      ...(values.warmup === undefined ? {} : { latencyWarmupMs: positive('warmup', values.warmup, 1) * 1000 }),
    };
  } catch (err) {
    console.error(`simulate: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  const sim = startSimulator({ ...opts, log: (line) => console.error(line) });
  const progress = values.progress === true ? setInterval(() => console.error(summary(sim.stats())), 5000) : null;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      if (timer !== null) clearTimeout(timer);
      resolve();
    };
    const timer = opts.duration === undefined ? null : setTimeout(done, opts.duration * 1000);
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
  if (progress !== null) clearInterval(progress);
  await sim.stop();
  console.log(JSON.stringify(sim.stats()));
  return 0;
}
