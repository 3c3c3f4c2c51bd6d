// Gateway end to end on SQLite, ack after durable commit: `ecoenforce serve` in one process, `ecoenforce
// simulate` (the load generator) in another, loopback only. Frames/s from the gateway's own /metrics over a
// steady window; ack latency as the loggers see it; peak RSS of the gateway (VmHWM); bytes on disk per
// stored minute frame after a WAL checkpoint.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openMigrated } from '../apps/server/src/container.ts';
import { benchMn, seedBenchPoints } from '../apps/server/src/seed/demo-province.ts';
import type { DeviceSpec } from '../apps/server/src/simulator/index.ts';

const BIN = fileURLToPath(new URL('../apps/server/bin/ecoenforce.js', import.meta.url));
/** A flue-gas stack without CO: nine factors, one 2051 frame per minute (no subpackets). */
const FACTORS = ['a21026', 'a21002', 'a34013', 'a19001', 'a01011', 'a01012', 'a01013', 'a01014', 'a00000'];

export interface GatewayRun {
  connections: number;
  mode: string;
  seconds: number;
  framesPerSecond: number;
  /** CPU time (user + system) the gateway process spent per stored frame in the steady window. */
  gatewayCpuUsPerFrame: number;
  /** Cores the gateway process kept busy in the steady window. */
  gatewayCores: number;
  /** Ack latency as the loggers see it (send to 9014 received), after the warm-up, 1 ms resolution. */
  ackP50Ms: number;
  ackP99Ms: number;
  /** Ack latency inside the gateway (frame received to 9014 written), steady window, bucket upper bound. */
  gatewayAckP50Ms: number;
  gatewayAckP99Ms: number;
  peakRssMiB: number;
  bytesPerFrame: number;
  framesStored: number;
  /** Mean length of the stored 2051 frames (the raw bytes as received). */
  avgFrameBytes: number;
  /** Frames the gateway quarantined (should be 0: every bench logger is registered). */
  quarantined: number;
}

interface Listening {
  port: number;
  metrics: string;
  pid: number;
}

function startServe(url: string): Promise<{ child: ChildProcess; info: Listening }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--db', url, '--port', '0', '--metrics-port', '0', '--http-port=-1'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('"event":"listening"'));
      if (line !== undefined) resolve({ child, info: JSON.parse(line) as Listening });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

function runSimulator(args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'simulate', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-4000)));
    child.once('exit', (code) => {
      const last = out.trim().split('\n').at(-1);
      if (code !== 0 || last === undefined) reject(new Error(`simulate exited with ${code}: ${err}`));
      else resolve(JSON.parse(last) as Record<string, unknown>);
    });
  });
}

/** Cumulative bucket counts of a histogram, by upper bound (seconds). */
async function buckets(url: string, name: string): Promise<Map<number, number>> {
  const text = await (await fetch(url)).text();
  const out = new Map<number, number>();
  for (const line of text.split('\n')) {
    const m = new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\S+)`).exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) out.set(m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2]));
  }
  return out;
}

/** Percentile (ms) of the observations between two bucket snapshots: the upper bound of its bucket. */
function percentileMs(before: Map<number, number>, after: Map<number, number>, p: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  const rank = Math.ceil((p / 100) * total);
  for (const b of bounds) if ((after.get(b) ?? 0) - (before.get(b) ?? 0) >= rank) return b * 1000;
  return Infinity;
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(url)).text();
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  return sum;
}

function statusKiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] === undefined ? 0 : Number(m[1]);
}

/** utime + stime of a process, seconds (Linux clock ticks are 100 Hz here). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Open-files limit a child process gets: Node raises its soft RLIMIT_NOFILE to the hard limit at startup,
 * so the hard limit of this (Node) process is what `serve` and `simulate` can use. `ulimit -n` in the
 * shell does not matter beyond that; the hard limit cannot be raised without privileges.
 */
export function openFilesLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  const soft = line?.trim().split(/\s+/)[3];
  return soft === undefined || soft === 'unlimited' ? Infinity : Number(soft);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * One run: `connections` loggers, either saturating (`load`: each keeps `window` minute frames in flight)
 * or at a fixed total `rate`. The steady window skips the first `warmup` seconds (connections opening).
 */
export async function benchGateway(opts: { connections: number; seconds: number; warmup: number; rate?: number; window?: number; dir: string }): Promise<GatewayRun> {
  // One socket per logger in each process, plus the database files, the metrics listener and stdio.
  const limit = openFilesLimit();
  if (limit < opts.connections + 256) {
    throw new Error(`open-files limit ${limit} is too low for ${opts.connections} connections; raise the hard limit (ulimit -Hn) to at least ${opts.connections + 256}`);
  }
  const dir = join(opts.dir, `gw-${opts.connections}-${opts.rate ?? 'load'}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'bench.db');
  const url = `sqlite:${file}`;
  const setup = await openMigrated(url);
  await seedBenchPoints(setup, opts.connections);
  if (setup.kind === 'sqlite') setup.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await setup.close();
  const sizeBefore = statSync(file).size;
  // Each run starts with the previous run's dirty pages on disk: their write-back would otherwise land in
  // this run's fsyncs (one run writes up to a gigabyte).
  spawnSync('sync');
  await sleep(2000);
  const devices: DeviceSpec[] = Array.from({ length: opts.connections }, (_, i) => ({
    mn: benchMn(i + 1), pw: '123456', kind: 'air', factors: [...FACTORS], st: '31', seed: i + 1,
  }));
  const devicesFile = join(dir, 'devices.json');
  writeFileSync(devicesFile, JSON.stringify(devices));

  const { child, info } = await startServe(url);
  const args = ['--target', `127.0.0.1:${info.port}`, '--devices-file', devicesFile, '--duration', String(opts.seconds), '--overtime', '60', '--warmup', String(opts.warmup)];
  if (opts.rate !== undefined) args.push('--rate', String(opts.rate));
  else args.push('--scenario', 'load', '--window', String(opts.window ?? 8));
  const sim = runSimulator(args);
  await sleep(opts.warmup * 1000);
  const a0 = await metric(info.metrics, 'hj212_frames_accepted_total');
  const h0 = await buckets(info.metrics, 'hj212_ack_latency_seconds');
  const c0 = cpuSeconds(info.pid);
  const t0 = performance.now();
  await sleep((opts.seconds - opts.warmup - 1) * 1000);
  const a1 = await metric(info.metrics, 'hj212_frames_accepted_total');
  const h1 = await buckets(info.metrics, 'hj212_ack_latency_seconds');
  const c1 = cpuSeconds(info.pid);
  const t1 = performance.now();
  const peakRssKiB = statusKiB(info.pid, 'VmHWM');
  const stats = await sim;
  child.kill('SIGTERM');
  await new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));

  const db = await openMigrated(url);
  let framesStored = 0;
  let avgFrameBytes = 0;
  let quarantined = 0;
  if (db.kind === 'sqlite') {
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const row = db.sqlite
      .prepare("select count(*) as n, coalesce(avg(length(bytes)), 0) as b from raw_frames where cn = '2051' and verdict = 'accepted'")
      .get() as { n: number; b: number };
    framesStored = Number(row.n);
    avgFrameBytes = Math.round(Number(row.b));
    quarantined = Number((db.sqlite.prepare("select count(*) as n from raw_frames where verdict = 'quarantined'").get() as { n: number }).n);
  }
  await db.close();
  const sizeAfter = statSync(file).size;
  const latency = stats.ackLatencyMs as { p50: number; p99: number };
  const result: GatewayRun = {
    connections: opts.connections,
    mode: opts.rate === undefined ? `load (window ${opts.window ?? 8})` : `rate ${opts.rate}/s`,
    seconds: Math.round((t1 - t0) / 100) / 10,
    framesPerSecond: Math.round(((a1 - a0) * 1000) / (t1 - t0)),
    gatewayCpuUsPerFrame: a1 > a0 ? Math.round(((c1 - c0) * 1e6) / (a1 - a0)) : 0,
    gatewayCores: Math.round(((c1 - c0) * 1000 * 100) / (t1 - t0)) / 100,
    ackP50Ms: latency.p50,
    ackP99Ms: latency.p99,
    gatewayAckP50Ms: percentileMs(h0, h1, 50),
    gatewayAckP99Ms: percentileMs(h0, h1, 99),
    peakRssMiB: Math.round(peakRssKiB / 102.4) / 10,
    bytesPerFrame: framesStored === 0 ? 0 : Math.round((sizeAfter - sizeBefore) / framesStored),
    framesStored,
    avgFrameBytes,
    quarantined,
  };
  rmSync(dir, { recursive: true, force: true });
  return result;
}
