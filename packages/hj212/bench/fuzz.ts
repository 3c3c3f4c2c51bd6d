// Long framer fuzz run: `npm run fuzz -- [cases] [seed]` (default 2,000,000 cases).
// Same properties as framer.fuzz.test.ts: no throw, bounded buffer, the sentinel after garbage recovered.
import type { Buffer } from 'node:buffer';
import { SAMPLES } from '../src/fixtures/samples.ts';
import { fuzzFramer } from '../src/fixtures/mutate.ts';
import { makeCorpus2011, makeCorpus2051 } from './corpus.ts';

const count = Number(process.argv[2] ?? 2_000_000);
const seed = Number(process.argv[3] ?? Date.now() % 1e9);

function split(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at < buf.length) {
    const n = 6 + Number(buf.subarray(at + 2, at + 6).toString('latin1')) + 6;
    out.push(buf.subarray(at, at + n));
    at += n;
  }
  return out;
}

const seeds = [
  ...SAMPLES.slice(0, 34).filter((s) => s.trailer === 'crlf').map((s) => s.bytes),
  ...split(makeCorpus2011(20)),
  ...split(makeCorpus2051(10)),
];
const t0 = Date.now();
console.log(JSON.stringify({ cases: count, seed, seeds: seeds.length }));
const stats = fuzzFramer(seeds, count, seed, 9999, (s) => console.log(JSON.stringify({ ...s, seconds: (Date.now() - t0) / 1000 })));
console.log(JSON.stringify({ done: true, ...stats, seconds: (Date.now() - t0) / 1000 }));
