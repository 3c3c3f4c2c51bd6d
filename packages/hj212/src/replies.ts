// Replies and host commands (HJ 212-2017 §6.6 and Appendix C; hj212.md §6). Replies use ST=91, echo the
// request's QN, PW and MN, keep its version bits with A (and D) cleared, and carry an empty CP (`CP=&&&&`).
import type { Buffer } from 'node:buffer';
import { encodePacket } from './encode.ts';
import { formatBeijingTime } from './time.ts';
import type { Hj212Version, Packet, PacketInput } from './types.ts';
import { FLAG_A, flagFor } from './version.ts';

/** Notices the receiver answers with 9013 (HJ 212-2017 §6.6.4); 9015 is the 2025 heartbeat, also answered 9013. */
const NOTICES = new Set(['1013', '2012', '2022', '9015']);

function reply(p: Packet, cn: string, cp: PacketInput['cp']): Buffer {
  return encodePacket({
    qn: p.qn,
    st: '91',
    cn,
    pw: p.pw,
    mn: p.mn,
    // Version bits kept; A and D cleared (a reply asks for no reply and is never split). No Flag in, none out.
    flag: p.flag === null ? null : p.flag & 0xfc,
    cp,
  });
}

/** 9014 data response (HJ 212-2017 §6.6.3). */
export function dataAck(p: Packet): Buffer {
  return reply(p, '9014', []);
}

/** 9011 request response with QnRtn (1 ready, 2 refused, 3 PW, 4 MN, 5 ST, 6 Flag, 7 QN, 8 CN, 9 CRC, 100). */
export function requestAck(p: Packet, qnRtn: number): Buffer {
  return reply(p, '9011', [[['QnRtn', qnRtn]]]);
}

/** 9012 execution result with ExeRtn (1 ok, 2 failed, 3 condition, 4 timeout, 5 busy, 6 fault, 100 no data). */
export function execResult(p: Packet, exeRtn: number): Buffer {
  return reply(p, '9012', [[['ExeRtn', exeRtn]]]);
}

/** 9013 notice response (HJ 212-2017 §6.6.4). */
export function noticeAck(p: Packet): Buffer {
  return reply(p, '9013', []);
}

/**
 * What a host should send back for a received packet, or null:
 * - a notice (1013, 2012, 2022) or the 2025 heartbeat 9015 → 9013, whatever its A bit;
 * - any other 90xx (a reply) → nothing;
 * - anything else with the A bit set → 9014 echoing that packet's QN (each subpacket part is answered).
 * A packet without Flag (2005 style) has no A bit and gets no 9014. (caoyiliang's server also answers
 * Flag-less uploads; the standard does not ask for it, and 2005 devices do not wait for one.)
 */
export function replyFor(p: Packet): Buffer | null {
  if (NOTICES.has(p.cn)) return noticeAck(p);
  if (p.cn.startsWith('90')) return null;
  if (p.flag !== null && (p.flag & FLAG_A) !== 0) return dataAck(p);
  return null;
}

export interface CommandTarget {
  mn: string;
  pw: string;
  version: Hj212Version;
  /** System code of the target device (default 32); use the ST the device itself sends. */
  st?: string;
  qn: string;
}

/** 1012 set the device clock (HJ 212-2017 C.3): `CP=&&SystemTime=YYYYMMDDhhmmss&&`, Beijing time, A=1. */
export function setTimeCommand(t: CommandTarget & { systemTime: number }): Buffer {
  return command(t, '1012', [[['SystemTime', formatBeijingTime(t.systemTime, 14)]]]);
}

/** 1000 set response timeout (s, 1–99) and retry count (1–99) (HJ 212-2017 C.1): `CP=&&OverTime=…;ReCount=…&&`. */
export function setTimeoutCommand(t: CommandTarget & { overTime: number; reCount: number }): Buffer {
  return command(t, '1000', [[['OverTime', t.overTime]], [['ReCount', t.reCount]]]);
}

function command(t: CommandTarget, cn: string, cp: PacketInput['cp']): Buffer {
  return encodePacket({ qn: t.qn, st: t.st ?? '32', cn, pw: t.pw, mn: t.mn, flag: flagFor(t.version, { ack: true }), cp });
}
