// Deterministic randomness for the simulator. Two kinds:
// - a stream (mulberry32) for choices made once, in order (demo device mix, jitter);
// - a stateless hash of (seed, integer key) for values that must be the same whatever order they are
//   asked in, so a backfilled minute after an outage carries exactly the values it would have had live.

/** mulberry32: a tiny 32-bit PRNG with good enough statistics for simulated data. Returns [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes integers into one 32-bit hash (murmur3 finaliser on each step). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    // Split so keys beyond 2^32 (epoch seconds × factor index) still mix all their bits.
    const lo = p >>> 0;
    const hi = Math.floor(p / 4294967296) >>> 0;
    h = mix(h ^ lo);
    h = mix(h ^ hi);
  }
  return h >>> 0;
}

function mix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform [0, 1) from a hash of the parts. */
export function uniformAt(...parts: number[]): number {
  return hash32(...parts) / 4294967296;
}

/** Standard normal from a hash of the parts (Box–Muller on two hashed uniforms). */
export function normalAt(...parts: number[]): number {
  const u1 = Math.max(uniformAt(...parts, 1), 1e-12);
  const u2 = uniformAt(...parts, 2);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Smooth noise in about [-1, 1]: normal values at knots `stepMs` apart, cosine-interpolated between them.
 * Gives slow wander (load swings, drift) that is continuous in time and order-independent.
 */
export function smoothNoise(seed: number, channel: number, t: number, stepMs: number): number {
  const k = Math.floor(t / stepMs);
  const f = (t - k * stepMs) / stepMs;
  const a = normalAt(seed, channel, k);
  const b = normalAt(seed, channel, k + 1);
  const w = (1 - Math.cos(Math.PI * f)) / 2;
  return (a * (1 - w) + b * w) / 2.5;
}
