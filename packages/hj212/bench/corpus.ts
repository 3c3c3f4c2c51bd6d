// Benchmark corpora: realistic uploads with valid CRCs, CR LF trailers, varying values and times.
import { Buffer } from 'node:buffer';
import { encodePacket } from '../src/encode.ts';
import { formatBeijingTime, makeQn } from '../src/time.ts';
import type { PacketInput } from '../src/types.ts';

/** Small deterministic PRNG (mulberry32) so corpora are identical run to run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const T0 = Date.UTC(2026, 10, 28, 2, 14, 0); // 2026-11-28 10:14:00 Beijing
const STATIONS = Array.from({ length: 16 }, (_, i) => `33010200000${String(100 + i)}`.padEnd(24, '0').slice(0, 24));

/** Flue-gas outlet factors with typical magnitudes: SO2, NOx, PM, O2, flow, temperature, pressure, humidity… */
const GAS: ReadonlyArray<readonly [string, number, number]> = [
  ['a21026', 14, 3], // SO2 mg/m3
  ['a21002', 38, 3], // NOx
  ['a34013', 4.2, 3], // particulate
  ['a19001', 9.8, 2], // O2 %
  ['a01011', 12.6, 2], // flow velocity m/s
  ['a01012', 48.5, 1], // temperature °C
  ['a01013', -0.21, 3], // pressure kPa
  ['a01014', 7.4, 2], // humidity %
  ['a00000', 86500, 1], // flue gas flow m3/h
  ['a21005', 0.35, 3], // CO
];

function frames(n: number, make: (i: number, rnd: () => number) => PacketInput): Buffer {
  const rnd = prng(212);
  const parts: Buffer[] = [];
  for (let i = 0; i < n; i++) parts.push(encodePacket(make(i, rnd)));
  return Buffer.concat(parts);
}

/** `n` 2051 minute frames of a flue-gas outlet: 10 factors × Min/Avg/Max/Flag, Flag=5 (about 780 bytes each). */
export function makeCorpus2051(n: number): Buffer {
  return frames(n, (i, rnd) => {
    const t = T0 + i * 60_000;
    const cp: Array<Array<[string, string | number]>> = [[['DataTime', formatBeijingTime(t)]]];
    for (const [code, base, dp] of GAS) {
      const avg = base * (0.8 + 0.4 * rnd());
      const min = avg * (0.9 + 0.05 * rnd());
      const max = avg * (1.05 + 0.05 * rnd());
      cp.push([
        [`${code}-Min`, min.toFixed(dp)],
        [`${code}-Avg`, avg.toFixed(dp)],
        [`${code}-Max`, max.toFixed(dp)],
        [`${code}-Flag`, rnd() < 0.98 ? 'N' : 'M'],
      ]);
    }
    return { qn: makeQn(t + 1234), st: '31', cn: '2051', pw: '123456', mn: STATIONS[i % STATIONS.length]!, flag: 5, cp };
  });
}

/** `n` 2011 real-time frames: 6 factors × Rtd/Flag (about 300 bytes each). */
export function makeCorpus2011(n: number): Buffer {
  return frames(n, (i, rnd) => {
    const t = T0 + i * 30_000;
    const cp: Array<Array<[string, string | number]>> = [[['DataTime', formatBeijingTime(t)]]];
    for (const [code, base, dp] of GAS.slice(0, 6)) {
      cp.push([
        [`${code}-Rtd`, (base * (0.8 + 0.4 * rnd())).toFixed(dp)],
        [`${code}-Flag`, 'N'],
      ]);
    }
    return { qn: makeQn(t + 567), st: '31', cn: '2011', pw: '123456', mn: STATIONS[i % STATIONS.length]!, flag: 5, cp };
  });
}
