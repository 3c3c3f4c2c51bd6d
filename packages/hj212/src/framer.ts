// Streaming framer over raw bytes. A frame is `##` + length + data segment + CRC + trailer
// (HJ 212-2017 §6.3.1; HJ/T 212-2005 §6.3.1). The declared length counts BYTES on the wire, the only reading
// under which the CRC (computed over bytes) is consistent (hj212.md §1). We frame by length, never by
// splitting on CR LF, and check the trailer leniently (CR LF, LF, none, or the 4 literal characters `\r\n`).
//
// Design (after node-postgres pg-protocol's parser): one retained buffer and a cursor; only leftover bytes
// are copied; frames are handed out as views of the buffer, which is never written where a view may point.
// Errors are values sent to the sink; push() never throws, and every loop step advances the cursor.
import { Buffer } from 'node:buffer';
import { matchCrc } from './crc.ts';
import type { FrameSink, FramerOptions, Hj212Error, Hj212ErrorCode, RawFrame } from './types.ts';

const HASH = 0x23;
const CR = 0x0d;
const LF = 0x0a;
const BACKSLASH = 0x5c;
const LOWER_R = 0x72;
const LOWER_N = 0x6e;
/** Bytes of a bad region or bad frame kept in an error for quarantine. */
const ERROR_BYTES_CAP = 256;
const EMPTY = new Uint8Array(0);
const NEED_MORE = -1;

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function latin1Text(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]!);
  return s;
}

interface BadRegion {
  offset: number;
  length: number;
  bytes: Uint8Array;
  kept: number;
}

export class Hj212Framer {
  private buf: Uint8Array = EMPTY;
  private pos = 0;
  private len = 0;
  /** True when `buf` was allocated here (so bytes after `len` may be written); never true for a caller's chunk. */
  private owned = false;
  /** Stream offset of buf[0]. */
  private base = 0;
  private total = 0;
  private bad: BadRegion | null = null;
  /** Bytes that were not part of any frame so far (garbage, skipped after errors), reported or not yet. */
  discarded = 0;
  /** After a frame error: drop bytes silently up to the next `##` (one error per bad region). */
  private skipping = false;
  /** A frame without trailer was emitted at the end of a chunk: a trailer arriving next is absorbed silently. */
  private skipTrailer = false;
  private readonly strict: boolean;
  private readonly maxSegment: number;

  constructor(opts: FramerOptions = {}) {
    this.strict = opts.strict === true;
    this.maxSegment = opts.maxSegment ?? (this.strict ? 1024 : 9999);
  }

  /** Bytes retained between pushes (at most maxSegment + 18: one incomplete frame, or a trailing `#`). */
  get bufferedBytes(): number {
    return this.len - this.pos;
  }

  push(chunk: Uint8Array, sink: FrameSink): void {
    if (chunk.length === 0) return;
    this.append(chunk);
    this.total += chunk.length;
    this.process(sink, false);
  }

  /** The stream ended: report an incomplete frame as `truncated`, flush a pending bad region, reset. */
  end(sink: FrameSink): void {
    this.process(sink, true);
    this.flushBad(sink);
    this.buf = EMPTY;
    this.pos = this.len = 0;
    this.owned = false;
    this.base = this.total;
    this.skipping = false;
    this.skipTrailer = false;
  }

  private append(chunk: Uint8Array): void {
    const left = this.len - this.pos;
    if (left === 0) {
      this.buf = chunk;
      this.pos = 0;
      this.len = chunk.length;
      this.owned = false;
      this.base = this.total;
      return;
    }
    if (this.owned && this.buf.length - this.len >= chunk.length) {
      // Appending after `len` never touches bytes a handed-out frame view points at (they lie before `pos`).
      this.buf.set(chunk, this.len);
      this.len += chunk.length;
      return;
    }
    // Headroom only for small totals (many small pushes append in place); a large chunk gets an exact fit,
    // not zero-filled: every byte up to `len` is written before it is read.
    const need = left + chunk.length;
    const next = Buffer.allocUnsafeSlow(need < 16384 ? Math.max(2 * need, 4096) : need);
    next.set(this.buf.subarray(this.pos, this.len), 0);
    next.set(chunk, left);
    this.base += this.pos;
    this.buf = next;
    this.pos = 0;
    this.len = left + chunk.length;
    this.owned = true;
  }

  private process(sink: FrameSink, final: boolean): void {
    const buf = this.buf;
    const len = this.len;
    let pos = this.pos;
    while (pos < len) {
      if (this.skipTrailer) {
        const n = this.trailerToSkip(pos, final);
        if (n === NEED_MORE) break;
        pos += n;
        this.skipTrailer = false;
        continue;
      }
      if (buf[pos] !== HASH || (pos + 1 < len && buf[pos + 1] !== HASH) || (pos + 2 < len && buf[pos + 2] === HASH)) {
        // Not the start of a frame (a `#` followed by `##` is a stray byte): garbage up to the next `##`.
        const next = this.findHashHash(pos + 1);
        this.garbage(pos, next);
        pos = next;
        continue;
      }
      if (pos + 1 >= len) {
        // A lone trailing `#` may be half of `##`: keep it unless the stream has ended.
        if (!final) break;
        this.garbage(pos, len);
        pos = len;
        continue;
      }
      const end = this.frameAt(pos, sink, final);
      if (end === NEED_MORE) break;
      pos = end;
    }
    this.pos = pos;
    if (pos === len) {
      this.buf = EMPTY;
      this.pos = this.len = 0;
      this.owned = false;
      this.base = this.total;
    }
  }

  /** Index of the next `##` at or after `from`; a final lone `#` counts (it may start `##`); else len. */
  private findHashHash(from: number): number {
    const buf = this.buf;
    const len = this.len;
    while (from < len) {
      const i = buf.indexOf(HASH, from);
      if (i < 0 || i >= len) return len;
      if (i + 1 >= len || buf[i + 1] === HASH) return i;
      from = i + 2;
    }
    return len;
  }

  private garbage(from: number, to: number): void {
    if (to <= from) return;
    this.discarded += to - from;
    if (this.skipping) return;
    let bad = this.bad;
    if (bad === null) {
      bad = { offset: this.base + from, length: 0, bytes: new Uint8Array(ERROR_BYTES_CAP), kept: 0 };
      this.bad = bad;
    }
    const room = ERROR_BYTES_CAP - bad.kept;
    if (room > 0) {
      const n = Math.min(room, to - from);
      bad.bytes.set(this.buf.subarray(from, from + n), bad.kept);
      bad.kept += n;
    }
    bad.length += to - from;
  }

  private flushBad(sink: FrameSink): void {
    const bad = this.bad;
    if (bad === null) return;
    this.bad = null;
    sink.error({
      code: 'bad_header',
      offset: bad.offset,
      detail: `${bad.length} byte(s) before a frame header '##'`,
      bytes: bad.bytes.slice(0, bad.kept),
    });
  }

  private fail(sink: FrameSink, code: Hj212ErrorCode, p: number, detail: string): number {
    const bytes = this.buf.slice(p, Math.min(this.len, p + ERROR_BYTES_CAP));
    const error: Hj212Error = { code, offset: this.base + p, detail, bytes };
    sink.error(error);
    this.skipping = true;
    // Resynchronise: the next `##` may lie inside the bytes this bad frame claimed.
    return p + 1;
  }

  /** Try a frame at `p` (which holds `##`). Returns the index after it, after an error, or NEED_MORE. */
  private frameAt(p: number, sink: FrameSink, final: boolean): number {
    const buf = this.buf;
    const len = this.len;
    const h = p + 2;
    let j = h;
    let declared = 0;
    while (j < len && j - h < 4) {
      const c = buf[j]!;
      if (c < 48 || c > 57) break;
      declared = declared * 10 + (c - 48);
      j++;
    }
    const digits = j - h;
    if (digits < 4 && j >= len) {
      if (!final) return NEED_MORE;
      this.flushBad(sink);
      return this.fail(sink, 'truncated', p, 'stream ended inside the length field');
    }
    this.flushBad(sink);
    if (digits === 0) return this.fail(sink, 'bad_length', p, 'length field is not decimal digits');
    // HJ 212-2017 §6.3.1: the length is 4 digits, zero-padded; `##81QN=` (sample 36) is tolerated unless strict.
    if (digits < 4 && this.strict) return this.fail(sink, 'bad_length', p, 'length field is not 4 digits');
    if (declared > this.maxSegment) {
      return this.fail(sink, 'oversize', p, `declared segment length ${declared} > ${this.maxSegment}`);
    }
    const segStart = j;
    const segEnd = j + declared;
    // CRC: 4 hex digits (3 accepted when lenient: unpadded CRC text, hj-t212-parser#25).
    let k = 0;
    while (k < 4 && segEnd + k < len && isHex(buf[segEnd + k]!)) k++;
    if (k < 4 && segEnd + k < len) {
      // A non-hex byte within the CRC field: the declared length does not land on CRC + trailer.
      if (k < 3 || this.strict) {
        return this.fail(sink, 'bad_length', p, `declared length ${declared} does not end at a CRC`);
      }
    } else if (k < 4) {
      if (!final) return NEED_MORE;
      if (k < 3 || this.strict || segEnd + k !== len) {
        return this.fail(sink, 'truncated', p, `stream ended inside a frame of declared length ${declared}`);
      }
    }
    const crcEnd = segEnd + k;
    let end: number;
    let trailer: RawFrame['trailer'];
    if (crcEnd >= len) {
      if (this.strict && !final) return NEED_MORE;
      if (this.strict) return this.fail(sink, 'truncated', p, 'stream ended before CR LF');
      // No trailer yet. A trailer-less device (samples 25, 27, 29) may be waiting for our reply, so when the
      // CRC verifies, emit now and absorb a trailer arriving in the next chunk. Otherwise wait for the next
      // byte: 4 hex digits at a wrong declared end (e.g. inside a DataTime) must not pass for a frame.
      if (!final && matchCrc(buf, segStart, segEnd, latin1Text(buf, segEnd, crcEnd)) === null) return NEED_MORE;
      end = crcEnd;
      trailer = 'none';
      if (!final) this.skipTrailer = true;
    } else {
      const b = buf[crcEnd]!;
      if (b === CR) {
        if (crcEnd + 1 >= len) {
          if (!final) return NEED_MORE;
          return this.fail(sink, 'bad_trailer', p, 'CR without LF after the CRC');
        }
        if (buf[crcEnd + 1] !== LF) return this.fail(sink, 'bad_trailer', p, 'CR without LF after the CRC');
        end = crcEnd + 2;
        trailer = 'crlf';
      } else if (this.strict) {
        return this.fail(sink, 'bad_trailer', p, 'trailer is not CR LF');
      } else if (b === LF) {
        end = crcEnd + 1;
        trailer = 'lf';
      } else if (b === HASH) {
        end = crcEnd;
        trailer = 'none';
      } else if (b === BACKSLASH) {
        const n = this.literalPrefix(crcEnd);
        if (n < 4 && crcEnd + n >= len && !final) return NEED_MORE;
        if (n < 4) return this.fail(sink, 'bad_trailer', p, 'bytes after the CRC are not a trailer');
        end = crcEnd + 4;
        trailer = 'literal';
      } else {
        return this.fail(sink, 'bad_trailer', p, 'bytes after the CRC are not a trailer');
      }
    }
    const crcText = latin1Text(buf, segEnd, crcEnd);
    this.skipping = false;
    sink.frame({
      bytes: buf.subarray(p, end),
      offset: this.base + p,
      segmentStart: segStart - p,
      segmentEnd: segEnd - p,
      crcText,
      trailer,
    });
    return end;
  }

  /** How many bytes from `i` match the literal 4 characters `\r\n` (copy-pasted logs, samples 8 and 26). */
  private literalPrefix(i: number): number {
    const buf = this.buf;
    const want = [BACKSLASH, LOWER_R, BACKSLASH, LOWER_N];
    let n = 0;
    while (n < 4 && i + n < this.len && buf[i + n] === want[n]) n++;
    return n;
  }

  /** Trailer bytes to absorb after a trailer-less frame emitted at a chunk end, or NEED_MORE. */
  private trailerToSkip(i: number, final: boolean): number {
    const buf = this.buf;
    const b = buf[i];
    if (b === LF) return 1;
    if (b === CR) {
      if (i + 1 >= this.len) return final ? 1 : NEED_MORE;
      return buf[i + 1] === LF ? 2 : 0;
    }
    if (b === BACKSLASH) {
      const n = this.literalPrefix(i);
      if (n === 4) return 4;
      if (i + n >= this.len && !final) return NEED_MORE;
      return 0;
    }
    return 0;
  }
}
