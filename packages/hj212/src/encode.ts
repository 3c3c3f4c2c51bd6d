// Encoder: `##` + 4-digit zero-padded BYTE length + data segment + CRC + trailer (HJ 212-2017 §6.3.1).
import { Buffer } from 'node:buffer';
import { crc16Hj212, crc16Modbus, formatCrc } from './crc.ts';
import type { EncodeOptions, PacketInput } from './types.ts';

/**
 * The data segment text: header fields in the standard's order (QN, ST, CN, PW, MN, Flag, PNUM, PNO; §6.3.2)
 * then `CP=&&…&&`. Numbers are written with String(n); pass strings for fixed decimals.
 */
export function encodeSegment(p: PacketInput): string {
  let s = '';
  if (p.qn !== undefined && p.qn !== null) s += `QN=${p.qn};`;
  s += `ST=${p.st};CN=${p.cn};PW=${p.pw};MN=${p.mn};`;
  if (p.flag !== undefined && p.flag !== null) s += `Flag=${p.flag};`;
  if (p.pnum !== undefined) s += `PNUM=${p.pnum};`;
  if (p.pno !== undefined) s += `PNO=${p.pno};`;
  s += 'CP=&&';
  for (let i = 0; i < p.cp.length; i++) {
    if (i > 0) s += ';';
    const item = p.cp[i]!;
    for (let j = 0; j < item.length; j++) {
      const [k, v] = item[j]!;
      s += (j > 0 ? ',' : '') + k + '=' + String(v);
    }
  }
  return s + '&&';
}

const TRAILERS = { crlf: '\r\n', lf: '\n', none: '' } as const;

/**
 * A complete frame. The segment is UTF-8 and its length counts bytes (hj212.md §1). Throws RangeError when
 * the segment exceeds 9999 bytes (the 4-digit field cannot say it; split into subpackets instead).
 */
export function encodePacket(p: PacketInput, opts: EncodeOptions = {}): Buffer {
  const seg = Buffer.from(encodeSegment(p), 'utf8');
  if (seg.length > 9999) throw new RangeError(`HJ 212 data segment of ${seg.length} bytes exceeds 9999`);
  const variant = opts.crcVariant ?? 'hj212';
  const crcValue = variant === 'modbus' || variant === 'modbus-lo-first' ? crc16Modbus(seg) : crc16Hj212(seg);
  const tail = formatCrc(crcValue, variant) + TRAILERS[opts.trailer ?? 'crlf'];
  const out = Buffer.allocUnsafe(6 + seg.length + tail.length);
  out.write('##' + String(seg.length).padStart(4, '0'), 0, 'latin1');
  seg.copy(out, 6);
  out.write(tail, 6 + seg.length, 'latin1');
  return out;
}
