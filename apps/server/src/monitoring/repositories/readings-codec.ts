// Compact encoding of all factors of one frame-period (readings.vals). One row per period instead of one
// per value keeps a year of a city's minute data on one disk (stack.md §1 sizing).
//
// Format, little-endian, version 1:
//   u8  version (1)
//   u8  factor count (≤ 255)
//   per factor:
//     u8 n, n bytes    code as sent (UTF-8)
//     u16 mask         bits 0-8: presence of rtd, min, avg, max, cou, zsRtd, zsMin, zsAvg, zsMax
//                      bit 9: eflag present; bit 10: code2017 differs from code; bit 11: flag is not one
//                      ASCII character (stored length-prefixed instead of as one byte)
//     f64 × popcount   the present values, in the bit order above
//     u8 flag          flag's character code, 0 when absent (bit 11: u8 n, n bytes instead)
//     [u8 n, n bytes]  eflag, when bit 9
//     [u8 n, n bytes]  code2017, when bit 10
// Strings longer than 255 bytes are cut at 255 (codes and flags are a few characters; evidence of the
// exact text lives in raw_frames). `extra` suffixes (SampleTime, Info…) are not kept here, for the same reason.
import type { FactorValues } from '@ecoenforce/hj212';

export type StoredFactor = Omit<FactorValues, 'extra'>;

const VERSION = 1;
const FIELDS = ['rtd', 'min', 'avg', 'max', 'cou', 'zsRtd', 'zsMin', 'zsAvg', 'zsMax'] as const;
const EFLAG = 1 << 9;
const CODE2017 = 1 << 10;
const LONG_FLAG = 1 << 11;

export class ReadingsCodecError extends Error {
  readonly code = 'bad_readings_blob';
}

// Factor codes repeat in every frame; encoding each once saves an allocation per factor on the hot path.
const encoded = new Map<string, Buffer>();

function utf8(s: string): Buffer {
  const hit = encoded.get(s);
  if (hit !== undefined) return hit;
  let b = Buffer.from(s, 'utf8');
  if (b.length > 255) b = b.subarray(0, 255);
  if (encoded.size < 4096) encoded.set(s, b);
  return b;
}

function isShortFlag(flag: string): boolean {
  return flag.length === 1 && flag.charCodeAt(0) > 0 && flag.charCodeAt(0) < 128;
}

export function encodeFactors(factors: readonly StoredFactor[]): Buffer {
  if (factors.length > 255) throw new RangeError(`too many factors in one period: ${factors.length}`);
  // First pass: sizes, so the buffer is allocated once.
  const parts: { code: Buffer; mask: number; flag: Buffer | null; eflag: Buffer | null; code2017: Buffer | null; f: StoredFactor }[] = [];
  let size = 2;
  for (const f of factors) {
    const code = utf8(f.code);
    let mask = 0;
    let nvals = 0;
    for (let i = 0; i < FIELDS.length; i++) {
      if (f[FIELDS[i]!] !== undefined) {
        mask |= 1 << i;
        nvals++;
      }
    }
    let flag: Buffer | null = null;
    if (f.flag !== undefined && !isShortFlag(f.flag)) {
      mask |= LONG_FLAG;
      flag = utf8(f.flag);
    }
    const eflag = f.eflag === undefined ? null : utf8(f.eflag);
    if (eflag !== null) mask |= EFLAG;
    const code2017 = f.code2017 === f.code ? null : utf8(f.code2017);
    if (code2017 !== null) mask |= CODE2017;
    size += 1 + code.length + 2 + 8 * nvals + (flag === null ? 1 : 1 + flag.length);
    if (eflag !== null) size += 1 + eflag.length;
    if (code2017 !== null) size += 1 + code2017.length;
    parts.push({ code, mask, flag, eflag, code2017, f });
  }
  const out = Buffer.allocUnsafe(size);
  let o = 0;
  out[o++] = VERSION;
  out[o++] = factors.length;
  const str = (b: Buffer): void => {
    out[o++] = b.length;
    b.copy(out, o);
    o += b.length;
  };
  for (const p of parts) {
    str(p.code);
    out.writeUInt16LE(p.mask, o);
    o += 2;
    for (let i = 0; i < FIELDS.length; i++) {
      const v = p.f[FIELDS[i]!];
      if (v !== undefined) {
        out.writeDoubleLE(v, o);
        o += 8;
      }
    }
    if (p.flag !== null) str(p.flag);
    else out[o++] = p.f.flag === undefined ? 0 : p.f.flag.charCodeAt(0);
    if (p.eflag !== null) str(p.eflag);
    if (p.code2017 !== null) str(p.code2017);
  }
  return out;
}

export function decodeFactors(blob: Uint8Array): StoredFactor[] {
  const b = Buffer.isBuffer(blob) ? blob : Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (b.length < 2) throw new ReadingsCodecError(`readings blob truncated at byte ${b.length}`);
  const version = b[0]!;
  if (version !== VERSION) throw new ReadingsCodecError(`unknown readings blob version ${version}`);
  const count = b[1]!;
  // DataView reads are intrinsics in V8; Buffer's read methods check their arguments on every call.
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: StoredFactor[] = [];
  let o = 2;
  for (let k = 0; k < count; k++) {
    const code = readStr(b, o);
    o += 1 + b[o]!;
    need(b, o, 2);
    const mask = view.getUint16(o, true);
    o += 2;
    const f: StoredFactor = { code, code2017: code };
    for (let i = 0; i < FIELDS.length; i++) {
      if ((mask & (1 << i)) !== 0) {
        need(b, o, 8);
        f[FIELDS[i]!] = view.getFloat64(o, true);
        o += 8;
      }
    }
    if ((mask & LONG_FLAG) !== 0) {
      f.flag = readStr(b, o);
      o += 1 + b[o]!;
    } else {
      need(b, o, 1);
      const c = b[o++]!;
      if (c !== 0) f.flag = String.fromCharCode(c);
    }
    if ((mask & EFLAG) !== 0) {
      f.eflag = readStr(b, o);
      o += 1 + b[o]!;
    }
    if ((mask & CODE2017) !== 0) {
      f.code2017 = readStr(b, o);
      o += 1 + b[o]!;
    }
    out.push(f);
  }
  return out;
}

function need(b: Buffer, o: number, n: number): void {
  if (o + n > b.length) throw new ReadingsCodecError(`readings blob truncated at byte ${o}`);
}

/**
 * Factor codes and flags are a few short ASCII strings repeated in every row: they are interned by a hash
 * of their bytes, which spares decoding each (a closing hour reads 60 rows × 8 factors a point).
 */
const interned = new Map<number, string>();

/** The length-prefixed string at `o` (length byte, then UTF-8). */
function readStr(b: Buffer, o: number): string {
  need(b, o, 1);
  const n = b[o]!;
  need(b, o + 1, n);
  if (n > 12) return b.toString('utf8', o + 1, o + 1 + n);
  let h = n;
  for (let i = o + 1; i < o + 1 + n; i++) {
    const c = b[i]!;
    if (c >= 128) return b.toString('utf8', o + 1, o + 1 + n);
    h = (Math.imul(h, 31) + c) | 0;
  }
  const hit = interned.get(h);
  if (hit !== undefined && hit.length === n && sameAscii(hit, b, o + 1)) return hit;
  const s = b.toString('latin1', o + 1, o + 1 + n);
  if (interned.size < 4096) interned.set(h, s);
  return s;
}

function sameAscii(s: string, b: Buffer, at: number): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== b[at + i]) return false;
  return true;
}

/**
 * Merges a newer frame's factors into a period's stored factors: a factor with the same 2017 code is
 * replaced by the newer values, new factors are appended. This is how HJ 212 subpackets (each a subset of
 * factors with one DataTime) and corrections land in one row.
 */
export function mergeFactors(older: readonly StoredFactor[], newer: readonly StoredFactor[]): StoredFactor[] {
  const out = older.slice();
  for (const f of newer) {
    const i = out.findIndex((o) => o.code2017 === f.code2017);
    if (i >= 0) out[i] = f;
    else out.push(f);
  }
  return out;
}

/** Drops `extra`, which the compact format does not keep. */
export function toStored(f: FactorValues): StoredFactor {
  if (f.extra === undefined) return f;
  const { extra: _extra, ...rest } = f;
  return rest;
}
