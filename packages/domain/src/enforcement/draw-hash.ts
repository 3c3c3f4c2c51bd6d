// SHA-256 and canonical JSON for the double-random draw (issue 5 §2). The domain package stays free of Node
// modules, so the hash is @noble/hashes (audited, dependency-free, runs in any JS engine) rather than
// node:crypto; anyone can re-run a draw with any SHA-256 they trust, and the tests compare with node:crypto.
import { sha256 } from '@noble/hashes/sha2';

/** UTF-8 bytes of a string (RFC 3629); a lone surrogate becomes U+FFFD (TextEncoder's rule). */
export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** SHA-256 of bytes: the eight 32-bit big-endian words of the digest. */
export function sha256Words(message: Uint8Array): Uint32Array {
  const digest = sha256(message);
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  return Uint32Array.from({ length: 8 }, (_, i) => view.getUint32(i * 4));
}

/** SHA-256 of a string's UTF-8 bytes, as 64 lowercase hex digits. */
export function sha256Hex(text: string): string {
  return Array.from(sha256Words(utf8Bytes(text)), (x) => x.toString(16).padStart(8, '0')).join('');
}

/**
 * JSON with object keys in code-unit order at every level, so the same value always gives the same text
 * (and the same digest) whatever order its keys were built in. Undefined members are left out, as
 * JSON.stringify does; non-finite numbers are refused because JSON cannot carry them back.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`canonicalJson: non-finite number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort(compareCodeUnits);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
}

/**
 * Plain code-unit order. localeCompare would depend on the ICU data of the machine that re-runs the draw,
 * and a published algorithm must sort the same everywhere.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
