// Decode throughput: framing, CRC verification, every field, numbers parsed; one core, in process.
// Run directly: node --import tsx packages/hj212/bench/bench-decode.ts [frames]
import { Buffer } from 'node:buffer';
import { decodeFrame as decodeFrameImport } from '../src/decode.ts';
import { Hj212Framer } from '../src/framer.ts';
import type { FrameSink } from '../src/types.ts';
import { makeCorpus2011, makeCorpus2051 } from './corpus.ts';
import { naiveDecodeAll } from './naive.ts';

// Bound once: loaders that compile ES modules to CommonJS (tsx) otherwise call through a getter per frame.
const decodeFrame = decodeFrameImport;

export interface BenchResult {
  frames: number;
  bytes: number;
  seconds: number;
  framesPerSecond: number;
}

/** Frames decoded OK in one pass over `buf` with our framer + decoder. */
export function decodeAllOurs(buf: Uint8Array, chunkSize = 65536): number {
  let ok = 0;
  const framer = new Hj212Framer();
  const sink: FrameSink = {
    frame(f) {
      if (decodeFrame(f).ok) ok++;
    },
    error() {},
  };
  for (let i = 0; i < buf.length; i += chunkSize) framer.push(buf.subarray(i, i + chunkSize), sink);
  framer.end(sink);
  return ok;
}

/** Median of `runs` timed passes after one warm-up pass. */
export function benchDecode(buf: Buffer, runs: number, decoder: 'ours' | 'naive' = 'ours', onRun?: (r: BenchResult, i: number) => void): BenchResult {
  const once = (): number => (decoder === 'ours' ? decodeAllOurs(buf) : naiveDecodeAll(buf).length);
  once();
  const results: BenchResult[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) {
    const t0 = process.hrtime.bigint();
    const frames = once();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const r = { frames, bytes: buf.length, seconds, framesPerSecond: Math.round(frames / seconds) };
    onRun?.(r, i);
    results.push(r);
  }
  results.sort((a, b) => a.seconds - b.seconds);
  return results[Math.floor(results.length / 2)]!;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 50_000);
  for (const [name, make] of [['2051', makeCorpus2051], ['2011', makeCorpus2011]] as const) {
    const buf = Buffer.from(make(n));
    const ours = benchDecode(buf, 5, 'ours');
    const naive = benchDecode(buf, 5, 'naive');
    console.log(
      JSON.stringify({
        corpus: name,
        frames: ours.frames,
        bytesPerFrame: Math.round(buf.length / n),
        ours: ours.framesPerSecond,
        naive: naive.framesPerSecond,
        ratio: Number((ours.framesPerSecond / naive.framesPerSecond).toFixed(2)),
      }),
    );
  }
}
