// `npm run bench [-- decode|sink|gateway ...]`: the figures BENCHMARKS.md records.
//   decode   HJ 212 decode throughput on the two generated corpora, through `ecoenforce hj212 bench` (ours)
//            and in process for the straightforward split-based decoder, with the ratio
//   sink     the durable store alone (frames/s per batch, bytes on disk) — SQLite and PostgreSQL
//   gateway  end to end over TCP, ack after durable commit on SQLite: 1,000 and 10,000 connections
//            saturating, and 5,000 frames/s at a fixed rate for the latency target
// Prints a table per part and, last, one JSON line with every figure.
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDecode } from '../packages/hj212/bench/bench-decode.ts';
import { makeCorpus2011, makeCorpus2051 } from '../packages/hj212/bench/corpus.ts';
import { benchGateway, type GatewayRun } from './bench-gateway.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'apps/server/bin/ecoenforce.js');
const DIR = join(ROOT, '.bench');
const parts = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const want = (p: string): boolean => parts.length === 0 || parts.includes(p);
const summary: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '?', memGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
};

function table(rows: Array<Record<string, string | number>>): void {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]!);
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  console.log(line(keys));
  for (const r of rows) console.log(line(keys.map((k) => String(r[k]))));
  console.log();
}

mkdirSync(DIR, { recursive: true });

if (want('decode')) {
  console.log('== decode throughput, one core (median of 5 runs after a warm-up) ==');
  const rows = [];
  for (const [name, make, target] of [['2051 minute, flue gas', makeCorpus2051, 200_000], ['2011 real-time', makeCorpus2011, 500_000]] as const) {
    const corpus = make(100_000);
    const file = join(DIR, `corpus-${name.slice(0, 4)}.hj212`);
    writeFileSync(file, corpus);
    // Ours through the public CLI, exactly as a user runs it on a capture file.
    const cli = spawnSync(process.execPath, [BIN, 'hj212', 'bench', file, '--runs', '5'], { encoding: 'utf8' });
    const last = cli.stdout.trim().split('\n').at(-1) ?? '{}';
    const ours = JSON.parse(last) as { frames: number; framesPerSecond: number };
    const naive = benchDecode(Buffer.from(corpus), 5, 'naive');
    rows.push({
      corpus: name, frames: ours.frames, 'bytes/frame': Math.round(corpus.length / 100_000),
      'ours f/s': ours.framesPerSecond, 'naive f/s': naive.framesPerSecond,
      ratio: (ours.framesPerSecond / naive.framesPerSecond).toFixed(1), target, met: ours.framesPerSecond >= target ? 'yes' : 'NO',
    });
  }
  table(rows);
  summary.decode = rows;
}

if (want('sink')) {
  console.log('== durable sink alone (batches of 500 minute frames) ==');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/server/src/repositories/frame-sink.bench.ts'), '--frames', '100000'], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  process.stdout.write(r.stdout);
  if (r.status !== 0) process.stdout.write(r.stderr);
  console.log();
  summary.sink = r.stdout.trim().split('\n');
}

if (want('gateway')) {
  console.log('== gateway end to end, SQLite, ack after durable commit (serve and simulate in two processes) ==');
  const runs: GatewayRun[] = [];
  for (const connections of [1_000, 10_000]) {
    runs.push(await benchGateway({ connections, seconds: connections > 1000 ? 40 : 25, warmup: connections > 1000 ? 15 : 5, window: 8, dir: DIR }));
    console.log(JSON.stringify(runs.at(-1)));
  }
  // The latency target: 5,000 frames/s, below saturation, from 1,000 and from 10,000 loggers.
  for (const connections of [1_000, 10_000]) {
    runs.push(await benchGateway({ connections, seconds: connections > 1000 ? 40 : 25, warmup: connections > 1000 ? 15 : 5, rate: 5_000, dir: DIR }));
    console.log(JSON.stringify(runs.at(-1)));
  }
  console.log();
  table(runs.map((r) => ({
    connections: r.connections, mode: r.mode, 'frames/s': r.framesPerSecond, 'gw cores': r.gatewayCores, 'gw CPU µs/frame': r.gatewayCpuUsPerFrame, 'ack p50 ms': r.ackP50Ms, 'ack p99 ms': r.ackP99Ms, 'gw ack p50': r.gatewayAckP50Ms, 'gw ack p99': r.gatewayAckP99Ms,
    'peak RSS MiB': r.peakRssMiB, 'disk B/frame': r.bytesPerFrame, 'frame B': r.avgFrameBytes, stored: r.framesStored,
  })));
  summary.gateway = runs;
}

console.log(JSON.stringify(summary));
