// HJ 212 packets of a simulated logger: the CP of the data uploads (HJ 212-2017 §6.6, Appendix C.8–C.26)
// and the replies a logger owes the host for its requests (§6.4, 9011/9012).
import { flagFor, formatBeijingTime, type PacketInput } from '@ecoenforce/hj212';
import { type FactorStats, aggregateFlag } from './aggregate.ts';
import type { DeviceSpec } from './device.ts';
import { type Kind, profileOf } from './factors.ts';
import type { Reading } from './values.ts';

export type UploadCn = '2011' | '2051' | '2061' | '2031';
type Field = readonly [string, string | number];
export type CpItem = ReadonlyArray<Field>;

/** One data upload before it is framed: DataTime is the sampling instant (2011) or the period start. */
export interface Upload {
  cn: UploadCn;
  dataTime: number;
  /** One CP item per factor, without the DataTime item. */
  items: CpItem[];
}

const fmt = (v: number, decimals: number): string => v.toFixed(decimals);

/** 2011 real-time CP items: `code-Rtd`, `code-ZsRtd` when converted, `code-Flag`. */
export function rtdItems(readings: Map<string, Reading>): CpItem[] {
  const items: CpItem[] = [];
  for (const [code, r] of readings) {
    const d = profileOf(code).decimals;
    const item: Field[] = [[`${code}-Rtd`, fmt(r.value, d)]];
    if (r.zs !== undefined) item.push([`${code}-ZsRtd`, fmt(r.zs, d)]);
    item.push([`${code}-Flag`, r.flag]);
    items.push(item);
  }
  return items;
}

/** 2051/2061/2031 CP items: Min/Avg/Max, their converted values, -Cou where it is a total, -Flag. */
export function periodItems(kind: Kind, stats: Map<string, FactorStats>): CpItem[] {
  const items: CpItem[] = [];
  for (const s of stats.values()) {
    const d = profileOf(s.code).decimals;
    const item: Field[] = [
      [`${s.code}-Min`, fmt(s.min, d)],
      [`${s.code}-Avg`, fmt(s.avg, d)],
      [`${s.code}-Max`, fmt(s.max, d)],
    ];
    if (s.zsAvg !== undefined && s.zsMin !== undefined && s.zsMax !== undefined) {
      item.push([`${s.code}-ZsMin`, fmt(s.zsMin, d)], [`${s.code}-ZsAvg`, fmt(s.zsAvg, d)], [`${s.code}-ZsMax`, fmt(s.zsMax, d)]);
    }
    // Volumes (m3) to 2 decimals; pollutant masses (kg) to 4 so a minute's few grams are not rounded away.
    if (s.cou !== undefined) item.push([`${s.code}-Cou`, fmt(s.cou, s.code.endsWith('00000') ? 2 : 4)]);
    item.push([`${s.code}-Flag`, aggregateFlag(kind, s.flags)]);
    items.push(item);
  }
  return items;
}

/** HJ 212-2017 §6.3.1: data segment at most 1024 bytes, of which CP at most 950. */
const MAX_SEGMENT = 1024;
const MAX_CP = 950;

const cpLength = (items: readonly CpItem[]): number =>
  items.reduce((n, item) => n + 1 + item.reduce((m, [k, v]) => m + 2 + k.length + String(v).length, -1), -1);

/** Whether `n` parts of about equal factor count each fit the standard's limits. */
function fits(header: number, dataTime: CpItem, items: readonly CpItem[], n: number): boolean {
  const per = Math.ceil(items.length / n);
  for (let i = 0; i < n; i++) {
    const cp = cpLength([dataTime, ...items.slice(i * per, (i + 1) * per)]);
    // `CP=&&` … `&&` plus `PNUM=n;PNO=i;` when split.
    if (cp > MAX_CP || header + cp + 7 + (n > 1 ? 18 : 0) > MAX_SEGMENT) return false;
  }
  return true;
}

/**
 * The packets of one upload. An upload too long for one packet is split, as the standard requires; `parts`
 * asks for at least that many (the subpackets scenario). Parts (HJ 212-2017 C.49/C.50) have the D bit,
 * `PNUM`/`PNO`, the same DataTime and a self-contained CP holding some of the factors. The caller gives every
 * part its own QN.
 */
export function uploadPackets(spec: DeviceSpec, upload: Upload, parts = 1): Omit<PacketInput, 'qn'>[] {
  const dataTime: CpItem = [['DataTime', formatBeijingTime(upload.dataTime, 14)]];
  const base = { st: spec.st, cn: upload.cn, pw: spec.pw, mn: spec.mn };
  // QN (17 digits) + ST + CN + PW + MN + Flag and their separators.
  const header = 'QN=;ST=;CN=;PW=;MN=;Flag=;'.length + 17 + spec.st.length + 4 + spec.pw.length + spec.mn.length + 1;
  let n = Math.max(1, Math.min(parts, upload.items.length));
  while (n < upload.items.length && !fits(header, dataTime, upload.items, n)) n++;
  if (n === 1) return [{ ...base, flag: flagFor('2017', { ack: true }), cp: [dataTime, ...upload.items] }];
  const per = Math.ceil(upload.items.length / n);
  const count = Math.ceil(upload.items.length / per);
  const out: Omit<PacketInput, 'qn'>[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      ...base,
      flag: flagFor('2017', { ack: true, subpacket: true }),
      pnum: count,
      pno: i + 1,
      cp: [dataTime, ...upload.items.slice(i * per, (i + 1) * per)],
    });
  }
  return out;
}

/** 9011 request answer (QnRtn) or 9012 execution result (ExeRtn), echoing the request's QN (§6.4). */
export function resultPacket(spec: DeviceSpec, qn: string | null, cn: '9011' | '9012', code: number): PacketInput {
  const key = cn === '9011' ? 'QnRtn' : 'ExeRtn';
  return { qn, st: '91', cn, pw: spec.pw, mn: spec.mn, flag: flagFor('2017', { ack: false }), cp: [[[key, String(code)]]] };
}
