// Data segment decoder (HJ 212-2017 §6.3.2–6.3.3, HJ/T 212-2005 §6.3): header fields `key=value;` by name
// in any order, then `CP=&&…&&` with items split by `;`, fields by `,`, each `key=value`. Works on bytes with
// a cursor: keys are interned, numbers parsed from bytes, strings created only for what the Packet holds.
import type { Buffer } from 'node:buffer';
import { matchCrc as matchCrcImport, crc16Hj212, formatCrc } from './crc.ts';
import { asBuffer as asBufferImport, decodeText, internAscii as internImport, latin1 as latin1Import, segmentIsUtf8 } from './text.ts';
import { parseBeijingTime, parseBeijingTimeBytes as parseTimeImport } from './time.ts';
import type { DecodeOptions, DecodeResult, Hj212Error, Hj212ErrorCode, Packet, RawFrame } from './types.ts';
import { inferVersion, versionFromFlag as versionImport } from './version.ts';
import { buildValues as buildValuesImport, setOwn as setOwnImport } from './layout.ts';

const SEMI = 59;
const COMMA = 44;
const EQ = 61;
const AMP = 38;
const SPACE = 32;
const SLASH = 47;
const DASH = 45;
const DOT = 46;
/** 10^k is exact as a double up to 10^22, so m / 10^k is correctly rounded for m < 2^53 (Clinger's fast path). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

// Hot imports bound to module constants: when a loader compiles ES modules to CommonJS (tsx does), every
// imported call otherwise goes through a property getter on the exporting module's namespace object.
const matchCrc = matchCrcImport;
const asBuffer = asBufferImport;
const internAscii = internImport;
const latin1 = latin1Import;
const parseBeijingTimeBytes = parseTimeImport;
const versionFromFlag = versionImport;
const buildValues = buildValuesImport;
const setOwn = setOwnImport;

class DecodeFailure {
  constructor(
    readonly code: Hj212ErrorCode,
    readonly detail: string,
  ) {}
}

/** Decode a framed packet: CRC first (unless opts.crc === false), then the segment. Never throws. */
export function decodeFrame(frame: RawFrame, opts: DecodeOptions = {}): DecodeResult {
  const bytes = frame.bytes;
  const s = frame.segmentStart;
  const e = frame.segmentEnd;
  const variant = matchCrc(bytes, s, e, frame.crcText, opts.acceptCrc);
  if (variant === null && opts.crc !== false) {
    const want = formatCrc(crc16Hj212(bytes, s, e), 'hj212');
    return fail('crc_mismatch', frame.offset, `CRC ${frame.crcText} matches no accepted variant (HJ 212 gives ${want})`, bytes);
  }
  const r = decodeRange(asBuffer(bytes), s, e, opts.strict === true);
  if (r instanceof DecodeFailure) return fail(r.code, frame.offset, r.detail, bytes);
  return { ok: true, packet: r, crcVariant: variant };
}

/** Decode an unframed data segment (no `##`, length, CRC or trailer), e.g. samples 39–42. */
export function decodeSegment(
  segment: Uint8Array,
  opts: DecodeOptions = {},
): { ok: true; packet: Packet } | { ok: false; error: Hj212Error } {
  const r = decodeRange(asBuffer(segment), 0, segment.length, opts.strict === true);
  if (r instanceof DecodeFailure) return fail(r.code, 0, r.detail, segment);
  return { ok: true, packet: r };
}

function fail(code: Hj212ErrorCode, offset: number, detail: string, bytes: Uint8Array): { ok: false; error: Hj212Error } {
  return { ok: false, error: { code, offset, detail, bytes: bytes.slice(0, 256) } };
}

/** Scratch arrays for the pollutant keys/values of the segment being decoded (decoding is synchronous). */
const KEYS: string[] = [];
const VALS: Array<number | string> = [];

// Key prediction state: the CP keys of the previous segment, in order (bounded by MAX_PRED).
const MAX_PRED = 512;
let predN = 0;
const predStr: string[] = [];
const predBytes: Uint8Array[] = [];
const predHash: number[] = [];
const predDash: number[] = [];

/** Whole segment text state: -1 unknown, 1 UTF-8, 0 GB18030 (decided once, at the first non-ASCII byte). */
let utf8State = -1;

function str(b: Buffer, s: number, e: number, h: number, high: boolean, seg0: number, seg1: number): string {
  if (!high) return e - s <= 12 ? internAscii(b, s, e, h) : latin1(b, s, e);
  if (utf8State < 0) utf8State = segmentIsUtf8(b, seg0, seg1) ? 1 : 0;
  return decodeText(b, s, e, utf8State === 1);
}

/** A non-numeric value: short ASCII ones (flags like `N`) interned, the rest sliced or text-decoded. */
function valueStr(b: Buffer, vs: number, ve: number, s: number, e: number): string {
  let h = 0;
  let high = false;
  for (let j = vs; j < ve; j++) {
    const c = b[j]!;
    if (c > 127) high = true;
    h = (Math.imul(h, 31) + c) | 0;
  }
  return str(b, vs, ve, h, high, s, e);
}

function intField(b: Buffer, s: number, e: number): number {
  if (e <= s || e - s > 9) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function decodeRange(b: Buffer, s: number, e: number, strict: boolean): Packet | DecodeFailure {
  utf8State = -1;
  let qn: string | null = null;
  let st: string | null = null;
  let cn: string | null = null;
  let pw: string | null = null;
  let mn: string | null = null;
  let flag: number | null = null;
  let pnum = -1;
  let pno = -1;
  let dataTimeText: string | null = null;
  let dataTime: number | null = null;
  let sawCp = false;
  let kIdx = 0;
  const keys = KEYS;
  const vals = VALS;
  let nv = 0;
  let sig = 0;
  const cp: Record<string, string> = {};
  let i = s;
  while (i < e) {
    let c = b[i]!;
    if (c === SEMI || c === SPACE) {
      i++;
      continue;
    }
    const ks = i;
    while (i < e && (c = b[i]!) !== EQ && c !== SEMI) i++;
    if (i >= e || c !== EQ) {
      if (strict) return new DecodeFailure('bad_segment', `header field without '=' at ${ks - s}`);
      continue;
    }
    const kl = i - ks;
    const k0 = b[ks]!;
    const k1 = b[ks + 1]!;
    i++;
    if (kl === 2 && k0 === 67 && k1 === 80) {
      // CP=&&…&& (HJ 212-2017 §6.3.3 Table 4).
      if (b[i] === AMP && b[i + 1] === AMP) i += 2;
      else if (strict) return new DecodeFailure('bad_segment', "CP does not start with '&&'");
      sawCp = true;
      // ---- CP items ----
      for (;;) {
        if (i >= e) {
          // Unclosed CP (sample 35's relay cut the closing `&&`): lenient keeps what was read.
          if (strict) return new DecodeFailure('bad_segment', "CP not closed by '&&'");
          break;
        }
        c = b[i]!;
        if (c === AMP && b[i + 1] === AMP) {
          i += 2;
          break;
        }
        if (c === SEMI || c === COMMA || c === SPACE) {
          i++;
          continue;
        }
        const cks = i;
        let h = 0;
        let dash = -1;
        let key: string | null = null;
        // Key prediction: frames of one station repeat the key sequence, so first compare against the key
        // that stood at this position last time (bytes up to '='), skipping hashing and interning.
        if (kIdx < predN) {
          const eb = predBytes[kIdx]!;
          const n = eb.length;
          if (i + n < e && b[i + n] === EQ) {
            let j = 0;
            while (j < n && b[i + j] === eb[j]) j++;
            if (j === n) {
              key = predStr[kIdx]!;
              h = predHash[kIdx]!;
              dash = predDash[kIdx]! < 0 ? -1 : cks + predDash[kIdx]!;
              i += n;
              c = EQ;
            }
          }
        }
        if (key === null) {
          let high = false;
          while (i < e) {
            c = b[i]!;
            // Letters (and non-ASCII) are above every delimiter: one comparison for most key bytes.
            if (c <= EQ) {
              if (c === EQ || c === SEMI || c === COMMA || (c === AMP && b[i + 1] === AMP)) break;
              if (c === DASH) dash = i;
            } else if (c > 127) high = true;
            h = (Math.imul(h, 31) + c) | 0;
            i++;
          }
          key = str(b, cks, i, h, high, s, e);
          // Only ASCII keys are predicted: a non-ASCII key's text depends on the segment's encoding.
          if (kIdx < MAX_PRED && !high) {
            predStr[kIdx] = key;
            predBytes[kIdx] = b.slice(cks, i);
            predHash[kIdx] = h;
            predDash[kIdx] = dash < 0 ? -1 : dash - cks;
          }
        }
        kIdx++;
        const cke = i;
        if (i >= e || c !== EQ) {
          setOwn(cp, key, '');
          continue;
        }
        const vs = ++i;
        // `xxx-Info=//text//`: opaque text that may hold `;`, `,` or `##` (HJ 212-2017 §6.3.3, Table 5 note).
        const info = dash > cks && cke - dash === 5 && b[dash + 1] === 73 && b[dash + 2] === 110 && b[dash + 3] === 102 && b[dash + 4] === 111;
        if (info && b[vs] === SLASH && b[vs + 1] === SLASH) {
          let ve = -1;
          for (let j = vs + 2; j + 1 < e; j++) {
            if (b[j] === SLASH && b[j + 1] === SLASH) {
              const n = j + 2;
              if (n >= e || b[n] === SEMI || b[n] === COMMA || (b[n] === AMP && b[n + 1] === AMP)) {
                ve = n;
                break;
              }
            }
          }
          if (ve > 0) {
            let hi = false;
            for (let j = vs; j < ve; j++) if (b[j]! > 127) hi = true;
            setOwn(cp, key, str(b, vs, ve, 0, hi, s, e));
            i = ve;
            continue;
          }
        }
        // Value: scan to `;`, `,`, `&&` or the end, parsing a decimal number on the way (digits take the
        // short path: no delimiter tests).
        let m = 0;
        let nd = 0;
        let dotAt = -1;
        let numeric = true;
        let slow = false;
        let neg = false;
        while (i < e) {
          c = b[i]!;
          const d = c - 48;
          if (d >= 0 && d <= 9) {
            m = m * 10 + d;
            nd++;
            i++;
            continue;
          }
          if (c === SEMI || c === COMMA || (c === AMP && b[i + 1] === AMP)) break;
          if (c === DOT && dotAt < 0 && !slow) dotAt = i;
          else if ((c === DASH || c === 43) && i === vs) neg = c === DASH;
          else if ((c === 101 || c === 69) && nd > 0 && !slow) slow = true;
          else if (!(slow && (c === DASH || c === 43) && (b[i - 1] === 101 || b[i - 1] === 69))) numeric = false;
          i++;
        }
        const ve = i;
        if (dash > cks && !info) {
          if (numeric && nd > 0) {
            const fd = dotAt < 0 ? 0 : ve - dotAt - 1;
            let v: number;
            if (!slow && nd <= 15 && fd <= 22) v = neg ? -(m / POW10[fd]!) : m / POW10[fd]!;
            else v = Number(latin1(b, vs, ve));
            if (!Number.isNaN(v)) {
              keys[nv] = key;
              vals[nv++] = v;
              sig = (Math.imul(sig, 0x9e3779b1) ^ h) | 0;
              continue;
            }
          }
          keys[nv] = key;
          vals[nv++] = valueStr(b, vs, ve, s, e);
          sig = (Math.imul(sig, 0x9e3779b1) ^ h) | 0;
          continue;
        }
        const text = valueStr(b, vs, ve, s, e);
        setOwn(cp, key, text);
        if (key === 'DataTime') {
          // 14 or 17 digits, Beijing time (HJ 212-2017 Table 6; 17 digits seen: hj-t212-parser#5).
          dataTime = parseBeijingTimeBytes(b, vs, ve);
          if (dataTime === null) return new DecodeFailure('bad_time', `DataTime '${text}' is not a 14/17-digit time`);
          dataTimeText = text;
        }
      }
      continue;
    }
    const vs = i;
    let h = 0;
    while (i < e && (c = b[i]!) !== SEMI) {
      h = (Math.imul(h, 31) + c) | 0;
      i++;
    }
    const ve = i;
    if (kl === 2) {
      if (k1 === 78 && k0 === 81) qn = ve > vs ? latin1(b, vs, ve) : null; // QN (empty `QN=` → null)
      else if (k0 === 83 && k1 === 84) st = internAscii(b, vs, ve, h); // ST
      else if (k0 === 67 && k1 === 78) cn = internAscii(b, vs, ve, h); // CN
      else if (k0 === 80 && k1 === 87) pw = internAscii(b, vs, ve, h); // PW
      else if (k0 === 77 && k1 === 78) mn = internAscii(b, vs, ve, h); // MN
    } else if (kl === 4 && k0 === 70 && k1 === 108 && b[ks + 2] === 97 && b[ks + 3] === 103) {
      // Flag (HJ 212-2017 §6.3.3: 0–255; not range-checked, it is extensible)
      flag = intField(b, vs, ve);
      if (flag < 0) return new DecodeFailure('bad_field', `Flag '${latin1(b, vs, ve)}' is not a number`);
    } else if (kl === 4 && k0 === 80 && k1 === 78 && b[ks + 2] === 85 && b[ks + 3] === 77) {
      pnum = intField(b, vs, ve); // PNUM, padded (`0002`) or not
      if (pnum < 0) return new DecodeFailure('bad_field', `PNUM '${latin1(b, vs, ve)}' is not a number`);
    } else if (kl === 3 && k0 === 80 && k1 === 78 && b[ks + 2] === 79) {
      pno = intField(b, vs, ve); // PNO
      if (pno < 0) return new DecodeFailure('bad_field', `PNO '${latin1(b, vs, ve)}' is not a number`);
    }
  }
  predN = Math.max(predN, Math.min(kIdx, MAX_PRED));
  const values = buildValues(keys, vals, nv, (sig ^ nv) | 0);
  if (st === null) return new DecodeFailure('missing_field', 'ST is missing');
  if (cn === null) return new DecodeFailure('missing_field', 'CN is missing');
  if (mn === null) return new DecodeFailure('missing_field', 'MN is missing');
  if (!sawCp) return new DecodeFailure('bad_segment', 'CP is missing');
  if (strict) {
    if (pw === null) return new DecodeFailure('missing_field', 'PW is missing');
    if (qn !== null && parseBeijingTime(qn) === null) {
      return new DecodeFailure('bad_time', `QN '${qn}' is not a 17-digit time`);
    }
  }
  const packet: Packet = {
    version: flag === null ? inferVersion(values) : versionFromFlag(flag),
    qn,
    st,
    cn,
    pw: pw ?? '',
    mn,
    flag,
    dataTimeText,
    dataTime,
    values,
    cp,
  };
  if (pnum >= 0) packet.pnum = pnum;
  if (pno >= 0) packet.pno = pno;
  return packet;
}
