// The yardstick: a decoder written the obvious way (whole-buffer toString, split on CR LF, split(';'),
// split(','), split('='), parseFloat, a bit-loop CRC). Correct on the benchmark corpora, nothing more.
import type { Buffer } from 'node:buffer';

function crcBitLoop(s: string): number {
  const bytes = new TextEncoder().encode(s);
  let reg = 0xffff;
  for (const b of bytes) {
    reg = (reg >> 8) ^ b;
    for (let i = 0; i < 8; i++) {
      const lsb = reg & 1;
      reg >>= 1;
      if (lsb) reg ^= 0xa001;
    }
  }
  return reg;
}

export interface NaivePacket {
  header: Record<string, string>;
  values: Record<string, number | string>;
  cp: Record<string, string>;
}

export function naiveDecodeAll(buf: Buffer): NaivePacket[] {
  const out: NaivePacket[] = [];
  for (const line of buf.toString('utf8').split('\r\n')) {
    if (!line.startsWith('##')) continue;
    const len = parseInt(line.slice(2, 6), 10);
    const seg = line.slice(6, 6 + len);
    const crc = line.slice(6 + len, 10 + len);
    if (crcBitLoop(seg).toString(16).toUpperCase().padStart(4, '0') !== crc) continue;
    const cpAt = seg.indexOf('CP=&&');
    const header: Record<string, string> = {};
    for (const f of seg.slice(0, cpAt).split(';')) {
      const eq = f.indexOf('=');
      if (eq > 0) header[f.slice(0, eq)] = f.slice(eq + 1);
    }
    const values: Record<string, number | string> = {};
    const cp: Record<string, string> = {};
    const body = seg.slice(cpAt + 5, seg.lastIndexOf('&&'));
    for (const item of body.split(';')) {
      for (const field of item.split(',')) {
        const [k, v] = field.split('=');
        if (k === undefined || v === undefined) continue;
        if (k.includes('-')) {
          const n = parseFloat(v);
          values[k] = Number.isNaN(n) ? v : n;
        } else cp[k] = v;
      }
    }
    out.push({ header, values, cp });
  }
  return out;
}
