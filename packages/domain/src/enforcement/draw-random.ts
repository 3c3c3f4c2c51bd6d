// The random source of the double-random draw (issue 5 §2): published, small and re-implementable, so
// that anyone holding the seed and the inputs can re-run a draw in any language and get the same lists.
//
// - Generator: xoshiro128** 1.1, D. Blackman and S. Vigna, "Scrambled linear pseudorandom number
//   generators", ACM TOMS 47(4), 2021; reference C code at https://prng.di.unimi.it/xoshiro128starstar.c.
//   It is not cryptographic; it need not be, because the seed is public and fixed before the draw.
// - Seeding: the 128-bit state is the first 16 bytes (four big-endian words) of SHA-256 of the UTF-8
//   stream label, so each stream (each stratum, the officers) is independent of the others.
// - Bounded integers: rejection sampling. A word x is kept only below the largest multiple of n that fits
//   in 2^32, then x mod n is exactly uniform (no modulo bias).
// - Shuffle: Fisher–Yates ("Algorithm P", Knuth, TAOCP vol. 2 §3.4.2), from the last index down.
import { sha256Words, utf8Bytes } from './draw-hash.ts';

export const PRNG_NAME = 'xoshiro128** 1.1 seeded with SHA-256(label)[0..16)';

export interface RandomStream {
  /** The next 32-bit output, as an unsigned integer. */
  nextUint32(): number;
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** xoshiro128** from an explicit state (four 32-bit words, not all zero). */
export function xoshiro128ss(state: readonly [number, number, number, number]): RandomStream {
  let [s0, s1, s2, s3] = state.map((x) => x >>> 0) as [number, number, number, number];
  // The all-zero state is the generator's one fixed point; SHA-256 output hits it with probability 2^-128,
  // but an explicit state could, so it is refused rather than silently producing zeros.
  if ((s0 | s1 | s2 | s3) === 0) throw new RangeError('xoshiro128** state must not be all zero');
  return {
    nextUint32(): number {
      const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
      return result;
    },
  };
}

/** The stream for a label: xoshiro128** seeded with the first four words of SHA-256(label). */
export function streamFor(label: string): RandomStream {
  const h = sha256Words(utf8Bytes(label));
  return xoshiro128ss([h[0]!, h[1]!, h[2]!, h[3]!]);
}

const TWO_32 = 0x1_0000_0000;

/** A uniform integer in [0, n), n from 1 to 2^32, by rejection (no modulo bias). */
export function boundedInt(rng: RandomStream, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > TWO_32) throw new RangeError(`boundedInt: n must be an integer in [1, 2^32], got ${n}`);
  const limit = TWO_32 - (TWO_32 % n);
  for (;;) {
    const x = rng.nextUint32();
    if (x < limit) return x % n;
  }
}

/** A shuffled copy (Fisher–Yates); the input is not changed. */
export function shuffled<T>(rng: RandomStream, items: readonly T[]): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = boundedInt(rng, i + 1);
    const tmp = a[i]!;
    a[i] = a[j]!;
    a[j] = tmp;
  }
  return a;
}
