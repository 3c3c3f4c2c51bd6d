// Pure decisions of the gateway about one decoded packet: which readings it carries, whether its CRC
// variant is allowed for the point, and whether the logger's clock needs a 1012.
import type { CrcVariant, Packet } from '@ecoenforce/hj212';
import type { PeriodKind, RegisteredPoint } from './sink.ts';

/** HJ 212-2017 §6.6.3 data CNs and the reading period they carry. */
export function periodKindOf(cn: string): PeriodKind | null {
  switch (cn) {
    case '2011':
      return 'rtd';
    case '2051':
      return 'min';
    case '2061':
      return 'hour';
    case '2031':
      return 'day';
    default:
      return null;
  }
}

/**
 * The standard CRC value written in lower case or without zero padding is the same check, only formatted
 * differently, so it is always allowed; a different algorithm (MODBUS) must be registered for the point.
 */
export function crcAllowed(variant: CrcVariant, point: RegisteredPoint): boolean {
  switch (variant) {
    case 'hj212':
    case 'hj212-lowercase':
    case 'hj212-unpadded':
      return true;
    case 'modbus':
    case 'modbus-lo-first':
      return point.crcVariants.includes(variant);
  }
}

/** HJ 212-2025 heartbeat: answered with 9013, nothing to store. */
export function isHeartbeat(p: Packet): boolean {
  return p.cn === '9015';
}

export interface DriftPolicy {
  /** Drift (ms, absolute) above which the logger's clock is set. */
  thresholdMs: number;
  /** At most one 1012 per logger in this interval (hj212.md §6: sCair resent 299 times). */
  minIntervalMs: number;
}

export const DEFAULT_DRIFT_POLICY: DriftPolicy = { thresholdMs: 60_000, minIntervalMs: 3_600_000 };

/**
 * The policy for a platform clock running `rate` times the wall clock (the demo's speed). Such a clock
 * magnifies transit and queueing delays — 1.5 s at 60× reads as 90 s of drift — so the threshold allows that
 * much; a real drift (the clock-drift scenario's 3 minutes) still draws a 1012. At rate 1 it is HJ 212's 60 s.
 */
export function driftPolicyFor(rate: number): DriftPolicy {
  return { ...DEFAULT_DRIFT_POLICY, thresholdMs: Math.max(DEFAULT_DRIFT_POLICY.thresholdMs, Math.round(1_500 * rate)) };
}

/**
 * Clock drift is judged from QN (the logger's clock when it sent the packet) against arrival time —
 * never from DataTime, which a logger backfilling missed hours legitimately sets in the past.
 * Returns the drift in ms (logger minus server) or null when the packet carries no usable QN.
 */
export function clockDrift(qnTime: number | null, arrivedAt: number): number | null {
  if (qnTime === null) return null;
  return qnTime - arrivedAt;
}

export function needsCalibration(
  driftMs: number | null,
  lastSentAt: number | undefined,
  now: number,
  policy: DriftPolicy = DEFAULT_DRIFT_POLICY,
): boolean {
  if (driftMs === null || Math.abs(driftMs) <= policy.thresholdMs) return false;
  return lastSentAt === undefined || now - lastSentAt >= policy.minIntervalMs;
}
