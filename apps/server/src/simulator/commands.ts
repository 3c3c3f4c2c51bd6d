// Host requests a logger answers (HJ 212-2017 §6.4 request flow: 9011 QnRtn, the action, 9012 ExeRtn,
// all echoing the request's QN; hj212.md §6).
import { formatBeijingTime, parseBeijingTime, type Packet } from '@ecoenforce/hj212';
import type { DeviceSpec } from './device.ts';
import type { Link } from './link.ts';
import type { VirtualLogger } from './logger.ts';
import { resultPacket } from './packets.ts';

export interface CommandContext {
  spec: DeviceSpec;
  logger: VirtualLogger;
  link: Link;
  /** Simulated time now. */
  sim: number;
  /** The host's clock now: the real clock, or the simulated one when the gateway runs on it (the demo). */
  real: number;
  log: (line: string) => void;
}

export function answerCommand(c: CommandContext, p: Packet): void {
  const { spec, logger, link } = c;
  switch (p.cn) {
    case '1012': {
      // Set time (C.3). SystemTime is the host's wall clock: the difference between it and the real clock is
      // what the device had wrong, so that difference becomes the device's offset from simulated time. At
      // speed 1 starting now this is plain clock setting; accelerated, it still brings the device back to
      // true simulated time.
      const t = p.cp.SystemTime === undefined ? null : parseBeijingTime(p.cp.SystemTime);
      link.sendUntracked(resultPacket(spec, p.qn, '9011', t === null ? 2 : 1));
      if (t === null) return;
      const before = logger.clockError(c.sim);
      logger.setClock(c.sim, c.sim + (t - c.real));
      c.log(`${spec.mn}: clock set by 1012 (error was ${Math.round(before / 1000)} s)`);
      link.sendUntracked(resultPacket(spec, p.qn, '9012', 1));
      return;
    }
    case '1000': {
      // OverTime (s) and ReCount (C.1): they govern this logger's retransmissions from now on.
      link.sendUntracked(resultPacket(spec, p.qn, '9011', 1));
      const over = Number(p.cp.OverTime);
      const re = Number(p.cp.ReCount);
      if (Number.isInteger(over) && over > 0) link.overTimeMs = over * 1000;
      if (Number.isInteger(re) && re > 0) link.reCount = re;
      link.sendUntracked(resultPacket(spec, p.qn, '9012', 1));
      return;
    }
    case '1011': {
      // Get time (C.2): 9011, the time upload under the request's QN, 9012.
      link.sendUntracked(resultPacket(spec, p.qn, '9011', 1));
      link.sendUntracked({
        qn: p.qn, st: spec.st, cn: '1011', pw: spec.pw, mn: spec.mn, flag: 4,
        cp: [[['SystemTime', formatBeijingTime(logger.deviceTime(c.sim), 14)]]],
      });
      link.sendUntracked(resultPacket(spec, p.qn, '9012', 1));
      return;
    }
    default:
      // A request this logger does not implement: refuse it (QnRtn 2) rather than leave the host waiting.
      if (p.st !== '91') link.sendUntracked(resultPacket(spec, p.qn, '9011', 2));
  }
}
