// QN, DataTime and SystemTime are Beijing local time (UTC+8, no DST), `YYYYMMDDhhmmss` (HJ 212-2017 §6.3.3
// Table 3 and Table 6) or with milliseconds `YYYYMMDDhhmmsszzz` (QN; 17-digit DataTime is common in
// practice: hj-t212-parser#5, samples 3 and 24).

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Epoch ms of a 14/17 digit Beijing time taken from `get(i)` char codes, or null if invalid. */
function parseDigits(n: number, get: (i: number) => number): number | null {
  if (n !== 14 && n !== 17) return null;
  const d = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const c = get(i) - 48;
    if (c < 0 || c > 9) return null;
    d[i] = c;
  }
  const y = d[0]! * 1000 + d[1]! * 100 + d[2]! * 10 + d[3]!;
  const mo = d[4]! * 10 + d[5]!;
  const day = d[6]! * 10 + d[7]!;
  const h = d[8]! * 10 + d[9]!;
  const mi = d[10]! * 10 + d[11]!;
  const s = d[12]! * 10 + d[13]!;
  const ms = n === 17 ? d[14]! * 100 + d[15]! * 10 + d[16]! : 0;
  if (y < 1970 || mo < 1 || mo > 12 || day < 1 || h > 23 || mi > 59 || s > 59) return null;
  const dim = mo === 2 && isLeap(y) ? 29 : DAYS[mo - 1]!;
  if (day > dim) return null;
  return Date.UTC(y, mo - 1, day, h, mi, s, ms) - BEIJING_OFFSET_MS;
}

/** `YYYYMMDDhhmmss` or `YYYYMMDDhhmmsszzz`, Beijing time → epoch ms; null when not a valid time. */
export function parseBeijingTime(text: string): number | null {
  return parseDigits(text.length, (i) => text.charCodeAt(i));
}

/** Same as parseBeijingTime over bytes[start, end) (decoder hot path: no string, no closure). */
export function parseBeijingTimeBytes(bytes: Uint8Array, start: number, end: number): number | null {
  const n = end - start;
  if (n !== 14 && n !== 17) return null;
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c < 48 || c > 57) return null;
  }
  // No inner closure here: loaders that keep function names (tsx) would re-wrap it on every call.
  const b = bytes;
  const y = (b[start]! - 48) * 1000 + (b[start + 1]! - 48) * 100 + (b[start + 2]! - 48) * 10 + (b[start + 3]! - 48);
  const mo = (b[start + 4]! - 48) * 10 + (b[start + 5]! - 48);
  const day = (b[start + 6]! - 48) * 10 + (b[start + 7]! - 48);
  const h = (b[start + 8]! - 48) * 10 + (b[start + 9]! - 48);
  const mi = (b[start + 10]! - 48) * 10 + (b[start + 11]! - 48);
  const s = (b[start + 12]! - 48) * 10 + (b[start + 13]! - 48);
  const ms = n === 17 ? (b[start + 14]! - 48) * 100 + (b[start + 15]! - 48) * 10 + (b[start + 16]! - 48) : 0;
  if (y < 1970 || mo < 1 || mo > 12 || day < 1 || h > 23 || mi > 59 || s > 59) return null;
  // Consecutive frames share the hour: reuse its epoch instead of calling Date.UTC for every DataTime.
  const hourKey = ((y * 100 + mo) * 100 + day) * 100 + h;
  if (hourKey !== lastHourKey) {
    const dim = mo === 2 && isLeap(y) ? 29 : DAYS[mo - 1]!;
    if (day > dim) return null;
    lastHourMs = Date.UTC(y, mo - 1, day, h) - BEIJING_OFFSET_MS;
    lastHourKey = hourKey;
  }
  return lastHourMs + mi * 60_000 + s * 1000 + ms;
}

let lastHourKey = -1;
let lastHourMs = 0;

function pad(v: number, w: number): string {
  return String(v).padStart(w, '0');
}

/** Epoch ms → `YYYYMMDDhhmmss` (14) or `YYYYMMDDhhmmsszzz` (17), Beijing time. */
export function formatBeijingTime(ms: number, digits: 14 | 17 = 14): string {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  const s =
    pad(d.getUTCFullYear(), 4) +
    pad(d.getUTCMonth() + 1, 2) +
    pad(d.getUTCDate(), 2) +
    pad(d.getUTCHours(), 2) +
    pad(d.getUTCMinutes(), 2) +
    pad(d.getUTCSeconds(), 2);
  return digits === 17 ? s + pad(d.getUTCMilliseconds(), 3) : s;
}

/** A QN (HJ 212-2017 Table 3: `YYYYMMDDhhmmsszzz`, request number) for the instant `ms`. */
export function makeQn(ms: number): string {
  return formatBeijingTime(ms, 17);
}

/** ISO 8601 in Beijing time, e.g. `2026-11-28T10:14:00+08:00`; `.SSS` only when the milliseconds are not 0. */
export function beijingIso(ms: number): string {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  const msPart = d.getUTCMilliseconds();
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}` +
    (msPart !== 0 ? `.${pad(msPart, 3)}` : '') +
    '+08:00'
  );
}
