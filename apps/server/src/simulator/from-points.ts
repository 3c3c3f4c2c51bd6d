// Virtual loggers for registered monitoring points: the demo and `simulate --db` stream as the points the
// gateway knows, with their MN, PW and factors, so every frame is one the registry accepts.
import type { CrcVariant } from '@ecoenforce/hj212';
import type { DeviceSpec } from './device.ts';
import { isMeterCode } from './factors.ts';

/** What the simulator needs of a monitoring point (a structural subset of the store's MonitoringPoint). */
export interface SimulatedPoint {
  mn: string;
  pw: string;
  st: string;
  factors: readonly string[];
  crcVariants: readonly CrcVariant[];
  /** The outlet of the point, when known (pairs a meter logger with the outlet's analysers). */
  outletId?: number;
}

/** FNV-1a of the MN: a stable per-device seed, so a point's values are the same run after run. */
function seedOf(mn: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < mn.length; i++) h = Math.imul(h ^ mn.charCodeAt(i), 0x01000193) >>> 0;
  return h & 0x7fffffff;
}

/**
 * One device per point. A point whose factors are all meter codes (factors.ts) becomes a meter logger;
 * otherwise ST 32 (water) points become wastewater loggers, everything else flue gas. A point registered
 * for the MODBUS CRC variant gets a logger that writes it, as the real ones do.
 */
export function devicesFromPoints(points: readonly SimulatedPoint[]): DeviceSpec[] {
  return points.map((p) => {
    const meter = p.factors.length > 0 && p.factors.every(isMeterCode);
    const water = p.st === '32';
    const device: DeviceSpec = meter
      ? { mn: p.mn, pw: p.pw, kind: 'meter', factors: [...p.factors], st: p.st === '52' ? '52' : '51', seed: seedOf(p.mn) }
      : { mn: p.mn, pw: p.pw, kind: water ? 'water' : 'air', factors: [...p.factors], st: water ? '32' : '31', seed: seedOf(p.mn) };
    if (p.crcVariants.includes('modbus-lo-first')) device.crcVariant = 'modbus-lo-first';
    if (p.outletId !== undefined) device.outletId = p.outletId;
    return device;
  });
}
