// Virtual loggers for registered monitoring points: the demo and `simulate --db` stream as the points the
// gateway knows, with their MN, PW and factors, so every frame is one the registry accepts.
import type { CrcVariant } from '@ecoenforce/hj212';
import type { DeviceSpec } from './device.ts';

/** What the simulator needs of a monitoring point (a structural subset of the store's MonitoringPoint). */
export interface SimulatedPoint {
  mn: string;
  pw: string;
  st: string;
  factors: readonly string[];
  crcVariants: readonly CrcVariant[];
}

/** FNV-1a of the MN: a stable per-device seed, so a point's values are the same run after run. */
function seedOf(mn: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < mn.length; i++) h = Math.imul(h ^ mn.charCodeAt(i), 0x01000193) >>> 0;
  return h & 0x7fffffff;
}

/**
 * One device per point. ST 32 (water) points become wastewater loggers, everything else flue gas. A point
 * registered for the MODBUS CRC variant gets a logger that writes it, as the real ones do.
 */
export function devicesFromPoints(points: readonly SimulatedPoint[]): DeviceSpec[] {
  return points.map((p) => {
    const water = p.st === '32';
    const device: DeviceSpec = { mn: p.mn, pw: p.pw, kind: water ? 'water' : 'air', factors: [...p.factors], st: water ? '32' : '31', seed: seedOf(p.mn) };
    if (p.crcVariants.includes('modbus-lo-first')) device.crcVariant = 'modbus-lo-first';
    return device;
  });
}
