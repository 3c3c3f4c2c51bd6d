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
  let o = 0;
  const need = (n: number): void => {
    if (o + n > b.length) throw new ReadingsCodecError(`readings blob truncated at byte ${o}`);
  };
  const u8 = (): number => {
    need(1);
    return b[o++]!;
  };
  const str = (): string => {
    const n = u8();
    need(n);
    const s = b.toString('utf8', o, o + n);
    o += n;
    return s;
  };
  const version = u8();
  if (version !== VERSION) throw new ReadingsCodecError(`unknown readings blob version ${version}`);
  const count = u8();
  const out: StoredFactor[] = [];
  for (let k = 0; k < count; k++) {
    const code = str();
    need(2);
    const mask = b.readUInt16LE(o);
    o += 2;
    const f: StoredFactor = { code, code2017: code };
    for (let i = 0; i < FIELDS.length; i++) {
      if ((mask & (1 << i)) !== 0) {
        need(8);
        f[FIELDS[i]!] = b.readDoubleLE(o);
        o += 8;
      }
    }
    if ((mask & LONG_FLAG) !== 0) f.flag = str();
    else {
      const c = u8();
      if (c !== 0) f.flag = String.fromCharCode(c);
    }
    if ((mask & EFLAG) !== 0) f.eflag = str();
    if ((mask & CODE2017) !== 0) f.code2017 = str();
    out.push(f);
  }
  return out;
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
