// The JSON line contract of `ecoenforce hj212 decode` (one object per frame or bad region, stream order).
import type { CrcVariant, DecodeResult, Hj212Error, Hj212Version, RawFrame } from './types.ts';
import { beijingIso } from './time.ts';

export interface FrameJson {
  ok: true;
  version: Hj212Version;
  st: string;
  cn: string;
  mn: string;
  qn: string | null;
  pw: string;
  flag: number | null;
  pnum?: number;
  pno?: number;
  /** The CRC text as sent. */
  crc: string;
  crcVariant: CrcVariant | null;
  /** DataTime as ISO 8601 with +08:00, or null. */
  dataTime: string | null;
  values: Record<string, number | string>;
  cp: Record<string, string>;
}

export interface ErrorJson {
  ok: false;
  error: Hj212Error['code'];
  offset: number;
  detail: string;
}

export function errorToJson(e: Hj212Error): ErrorJson {
  return { ok: false, error: e.code, offset: e.offset, detail: e.detail };
}

export function frameToJson(frame: RawFrame, result: DecodeResult): FrameJson | ErrorJson {
  if (!result.ok) return errorToJson(result.error);
  const p = result.packet;
  // Key order as documented: header, pnum/pno only when present, then CRC, time, values, cp.
  const out = { ok: true, version: p.version, st: p.st, cn: p.cn, mn: p.mn, qn: p.qn, pw: p.pw, flag: p.flag } as FrameJson;
  if (p.pnum !== undefined) out.pnum = p.pnum;
  if (p.pno !== undefined) out.pno = p.pno;
  out.crc = frame.crcText;
  out.crcVariant = result.crcVariant;
  out.dataTime = p.dataTime === null ? null : beijingIso(p.dataTime);
  out.values = p.values;
  out.cp = p.cp;
  return out;
}
