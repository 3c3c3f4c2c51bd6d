// Building `Packet.values` fast. Adding ~40 properties one by one through one keyed-store site is the
// slowest thing a decoder can do in V8 (each store is a megamorphic transition, resolved in the runtime).
// Frames of one station repeat the same key sequence, so once a sequence has been seen twice we compile an
// object-literal factory for it (keys are JSON-escaped, so device text cannot inject code) and reuse it.
// Bounded: at most MAX_LAYOUTS factories, the cache is cleared when full, and compiles are rate-limited.

type Values = Record<string, number | string>;
type Factory = (v: ReadonlyArray<number | string>) => Values;

interface Layout {
  keys: string[];
  seen: number;
  make: Factory | null;
}

const MAX_LAYOUTS = 512;
const layouts = new Map<number, Layout>();
// Compiling costs tens of microseconds: a device cycling through ever new layouts must not make us compile
// on every other frame. Token bucket: 64 compiles, one more per 256 calls.
const MAX_BUDGET = 64;
let budget = MAX_BUDGET;
let calls = 0;

function sameKeys(a: readonly string[], b: readonly string[], n: number): boolean {
  if (a.length !== n) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

function compile(keys: readonly string[]): Factory | null {
  // Duplicate keys keep their first position and last value, as assignment would; `__proto__` as a literal
  // key would set the prototype, so such layouts stay on the generic path.
  if (keys.includes('__proto__')) return null;
  const body = keys.map((k, i) => `${JSON.stringify(k)}: v[${i}]`).join(',\n');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('v', `'use strict'; return {\n${body}\n};`) as Factory;
}

/** The values record for keys[0..n) / vals[0..n); `sig` is a hash of the key sequence. */
export function buildValues(keys: string[], vals: Array<number | string>, n: number, sig: number): Values {
  if ((++calls & 255) === 0 && budget < MAX_BUDGET) budget++;
  let layout = layouts.get(sig);
  if (layout !== undefined && sameKeys(layout.keys, keys, n)) {
    if (layout.make !== null) return layout.make(vals);
    if (++layout.seen >= 2 && budget > 0) {
      budget--;
      layout.make = compile(layout.keys);
      if (layout.make !== null) return layout.make(vals);
      layout.seen = Number.NEGATIVE_INFINITY; // never compilable (`__proto__`): stop trying
    }
  } else {
    if (layouts.size >= MAX_LAYOUTS) layouts.clear();
    layout = { keys: keys.slice(0, n), seen: 1, make: null };
    layouts.set(sig, layout);
  }
  const out: Values = {};
  for (let i = 0; i < n; i++) setOwn(out, keys[i]!, vals[i]!);
  return out;
}

/** `o[k] = v`, except that `__proto__` becomes an own property instead of setting the prototype. */
export function setOwn<T>(o: Record<string, T>, k: string, v: T): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}
