// Turning byte ranges of a data segment into strings. HJ 212-2017 §6.3 says the packet is ASCII except
// Chinese in UTF-8; 2005-era devices may send GBK. So: ASCII fast path, UTF-8 when the segment is valid
// UTF-8, GB18030 (a superset of GBK) otherwise.
import { Buffer, isUtf8 } from 'node:buffer';

const UTF8 = new TextDecoder('utf-8');
const GB18030 = new TextDecoder('gb18030');

/** A Buffer view of the same memory (no copy), for the fast latin1 slice. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Decode non-ASCII text of [start, end); `utf8` tells which encoding the whole segment is in. */
export function decodeText(bytes: Uint8Array, start: number, end: number, utf8: boolean): string {
  return (utf8 ? UTF8 : GB18030).decode(bytes.subarray(start, end));
}

export function segmentIsUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  return isUtf8(bytes.subarray(start, end));
}

// Intern table for short ASCII strings (keys like `a21026-Avg`, flags like `N`, ST/CN/PW/MN): frames of one
// station repeat them, and a hash probe plus a byte compare is cheaper than allocating a new string.
const SLOTS = 4096;
const MAX_LEN = 32;
const slotHash = new Int32Array(SLOTS);
const slotLen = new Int8Array(SLOTS).fill(-1);
const slotBytes = new Uint8Array(SLOTS * MAX_LEN);
const slotStr: string[] = new Array<string>(SLOTS).fill('');
let victim = 0;

// Buffer.prototype.latin1Slice is what toString('latin1') calls after argument checks; it exists in every
// Node release but is untyped, so fall back to toString where it is missing.
type Latin1 = { latin1Slice?: (start: number, end: number) => string };
const hasLatin1Slice = typeof (Buffer.prototype as unknown as Latin1).latin1Slice === 'function';

/** ASCII/latin1 bytes [start, end) as a string. */
export function latin1(buf: Buffer, start: number, end: number): string {
  return hasLatin1Slice ? (buf as unknown as Required<Latin1>).latin1Slice(start, end) : buf.toString('latin1', start, end);
}

/** The string of ASCII bytes [start, end) whose hash (`h = h * 31 + c`, int32) is `hash`. */
export function internAscii(buf: Buffer, start: number, end: number, hash: number): string {
  const n = end - start;
  if (n > MAX_LEN) return latin1(buf, start, end);
  // Two-way set associative: a key that collides with another in the same frame does not thrash.
  const mixed = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d);
  const set = (mixed >>> 20) & (SLOTS - 2);
  for (let way = 0; way < 2; way++) {
    const slot = set + way;
    if (slotHash[slot] === hash && slotLen[slot] === n) {
      const o = slot * MAX_LEN;
      let i = 0;
      while (i < n && slotBytes[o + i] === buf[start + i]) i++;
      if (i === n) return slotStr[slot]!;
    }
  }
  const slot = set + (victim ^= 1);
  // Internalise once (a string used as a property name is looked up in V8's string table; an already
  // internalised one skips that on every `values[key] = …`).
  const s = Object.keys({ [latin1(buf, start, end)]: 0 })[0]!;
  slotHash[slot] = hash;
  slotLen[slot] = n;
  slotBytes.set(buf.subarray(start, end), slot * MAX_LEN);
  slotStr[slot] = s;
  return s;
}

export function hashAscii(buf: Uint8Array, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + buf[i]!) | 0;
  return h;
}
