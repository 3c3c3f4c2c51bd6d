// CRC of the data segment. HJ 212-2017 Appendix A (2005 Appendix A says the same in prose):
// reg = 0xFFFF; per byte reg = (reg >> 8) ^ byte, then 8 rounds of "shift right, XOR 0xA001 if the LSB was 1".
// Because `reg >> 8` drops the low byte every step, the register after the XOR is an 8-bit value, so the
// 8 rounds are a pure function of that byte: one table lookup per byte (and only 256 possible results).
import type { CrcVariant } from './types.ts';

/** TABLE[v] = 8 rounds of the reflected 0xA001 polynomial applied to v (shared by HJ 212 and MODBUS). */
const TABLE = new Uint16Array(256);
for (let v = 0; v < 256; v++) {
  let r = v;
  for (let i = 0; i < 8; i++) r = r & 1 ? (r >>> 1) ^ 0xa001 : r >>> 1;
  TABLE[v] = r;
}

// Only the high byte of the register survives a step, so the state between bytes is 8 bits:
// s' = S1[s ^ byte] with S1[v] = TABLE[v] >>> 8. The step is linear over GF(2) (S1[a ^ b] = S1[a] ^ S1[b]),
// so 8 bytes fold into one dependent lookup plus 7 independent ones ("slicing by 8"): with Sk = S1 applied
// k times, s8 = S8[s ^ b0] ^ S7[b1] ^ … ^ S1[b7]. Eight 256-byte tables (2 KiB) stay in L1; the loop is
// no longer bound by a chain of dependent loads. The last byte goes through TABLE for the 16-bit result.
const S: Uint8Array[] = [];
for (let k = 0; k < 8; k++) {
  const t = new Uint8Array(256);
  for (let v = 0; v < 256; v++) t[v] = k === 0 ? TABLE[v]! >>> 8 : TABLE[S[k - 1]![v]!]! >>> 8;
  S.push(t);
}
const [S1, S2, S3, S4, S5, S6, S7, S8] = S as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];

/** HJ 212 CRC (HJ 212-2017 Appendix A) of bytes[start, end). */
export function crc16Hj212(bytes: Uint8Array, start = 0, end: number = bytes.length): number {
  if (end <= start) return 0xffff;
  const last = end - 1;
  let s = 0xff;
  let i = start;
  for (; i + 7 < last; i += 8) {
    s =
      S8[s ^ bytes[i]!]! ^
      S7[bytes[i + 1]!]! ^
      S6[bytes[i + 2]!]! ^
      S5[bytes[i + 3]!]! ^
      S4[bytes[i + 4]!]! ^
      S3[bytes[i + 5]!]! ^
      S2[bytes[i + 6]!]! ^
      S1[bytes[i + 7]!]!;
  }
  for (; i < last; i++) s = S1[s ^ bytes[i]!]!;
  return TABLE[s ^ bytes[last]!]!;
}

/** Standard CRC-16/MODBUS (check value 0x4B37 for "123456789"); some loggers send it instead (samples 20–22). */
export function crc16Modbus(bytes: Uint8Array, start = 0, end: number = bytes.length): number {
  let reg = 0xffff;
  const t = TABLE;
  for (let i = start; i < end; i++) reg = (reg >>> 8) ^ t[(reg ^ bytes[i]!) & 0xff]!;
  return reg;
}

export const ALL_CRC_VARIANTS: readonly CrcVariant[] = ['hj212', 'hj212-lowercase', 'hj212-unpadded', 'modbus-lo-first', 'modbus'];

const HEX_UPPER = '0123456789ABCDEF';

function hex4(v: number): string {
  return HEX_UPPER[(v >>> 12) & 15]! + HEX_UPPER[(v >>> 8) & 15]! + HEX_UPPER[(v >>> 4) & 15]! + HEX_UPPER[v & 15]!;
}

function swapBytes(v: number): number {
  return ((v & 0xff) << 8) | (v >>> 8);
}

/** Text a device using `variant` would send for a CRC value (for MODBUS variants, the MODBUS value). */
export function formatCrc(value: number, variant: CrcVariant): string {
  switch (variant) {
    case 'hj212':
    case 'modbus':
      return hex4(value);
    case 'hj212-lowercase':
      return hex4(value).toLowerCase();
    case 'hj212-unpadded':
      return value.toString(16).toUpperCase();
    case 'modbus-lo-first':
      return hex4(swapBytes(value));
  }
}

/**
 * Which variant `crcText` matches for bytes[start, end), or null. Parses the text once and compares numbers
 * (no string formatting on the hot path). `accept` restricts the variants tried (default: all, in the
 * order of ALL_CRC_VARIANTS, so the standard wins when several match).
 */
export function matchCrc(
  bytes: Uint8Array,
  start: number,
  end: number,
  crcText: string,
  accept: readonly CrcVariant[] = ALL_CRC_VARIANTS,
): CrcVariant | null {
  const n = crcText.length;
  if (n < 1 || n > 4) return null;
  let val = 0;
  let lower = false;
  let upper = false;
  for (let i = 0; i < n; i++) {
    const c = crcText.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 65 && c <= 70) {
      d = c - 55;
      upper = true;
    } else if (c >= 97 && c <= 102) {
      d = c - 87;
      lower = true;
    } else return null;
    val = (val << 4) | d;
  }
  const all = accept === ALL_CRC_VARIANTS;
  const hj = crc16Hj212(bytes, start, end);
  if (val === hj) {
    if (n === 4) {
      if (!lower && (all || accept.includes('hj212'))) return 'hj212';
      if (!upper && (all || accept.includes('hj212-lowercase'))) return 'hj212-lowercase';
    } else if (!lower && val < 0x1000 && (all || accept.includes('hj212-unpadded'))) {
      // Unpadded text must be the shortest form (`880`, not `0880` minus one digit).
      if (n === hj.toString(16).length) return 'hj212-unpadded';
    }
  }
  if (n !== 4) return null;
  const wantLo = all || accept.includes('modbus-lo-first');
  const wantHi = all || accept.includes('modbus');
  if (!wantLo && !wantHi) return null;
  const mb = crc16Modbus(bytes, start, end);
  if (wantLo && val === swapBytes(mb)) return 'modbus-lo-first';
  if (wantHi && val === mb) return 'modbus';
  return null;
}
