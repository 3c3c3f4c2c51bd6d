// A simulated data logger's identity and what it measures.
import type { CrcVariant } from '@ecoenforce/hj212';
import { AIR_FACTORS, AIR_FACTORS_WITH_CO, WATER_FACTORS, type Kind } from './factors.ts';
import { mulberry32 } from './prng.ts';

export interface DeviceSpec {
  mn: string;
  pw: string;
  kind: Kind;
  factors: string[];
  /** CRC the logger writes; default the standard HJ 212 CRC (2017 Appendix A). */
  crcVariant?: CrcVariant;
  /**
   * HJ 212-2017 ST: 31 air pollution source, 32 surface-water pollution source; a meter logger 51 or 52
   * (flue-gas or wastewater process, the 50–69 "工况" range), after the outlet its treatment meters serve.
   */
  st: '31' | '32' | '51' | '52';
  seed: number;
  /** The outlet the logger sits on: scenarios that move two loggers together (treatment-off) pair by it. */
  outletId?: number;
}

/**
 * A deterministic mix of about 2/3 flue-gas and 1/3 wastewater loggers. MNs are 24 hex digits
 * (HJ 212-2017 §6.3.2, EPC-96): `EC0E` + the seed (8 hex) + the index (12 hex), so two simulators with
 * different seeds never collide.
 */
export function demoDevices(n: number, seed = 1): DeviceSpec[] {
  const rnd = mulberry32(seed);
  const seedHex = (seed >>> 0).toString(16).padStart(8, '0');
  const devices: DeviceSpec[] = [];
  for (let i = 0; i < n; i++) {
    // Every third logger is on a wastewater outlet; the rest on stacks, a third of those also measure CO.
    const kind: Kind = i % 3 === 2 ? 'water' : 'air';
    const factors = kind === 'water' ? [...WATER_FACTORS] : rnd() < 0.35 ? [...AIR_FACTORS_WITH_CO] : [...AIR_FACTORS];
    devices.push({
      mn: `EC0E${seedHex}${i.toString(16).padStart(12, '0')}`.toUpperCase(),
      pw: String(100000 + Math.floor(rnd() * 900000)),
      kind,
      factors,
      st: kind === 'water' ? '32' : '31',
      seed: Math.floor(rnd() * 2 ** 31),
    });
  }
  return devices;
}

/** Checks a device list read from a file (the CLI's --devices-file); returns a readable problem or null. */
export function deviceSpecProblem(d: unknown, index: number): string | null {
  if (typeof d !== 'object' || d === null) return `device ${index}: not an object`;
  const o = d as Record<string, unknown>;
  if (typeof o.mn !== 'string' || o.mn === '') return `device ${index}: mn must be a non-empty string`;
  if (typeof o.pw !== 'string') return `device ${index}: pw must be a string`;
  if (o.kind !== 'air' && o.kind !== 'water' && o.kind !== 'meter') return `device ${index}: kind must be 'air', 'water' or 'meter'`;
  if (!Array.isArray(o.factors) || !o.factors.every((f) => typeof f === 'string')) return `device ${index}: factors must be strings`;
  if (o.st !== '31' && o.st !== '32' && o.st !== '51' && o.st !== '52') return `device ${index}: st must be '31', '32', '51' or '52'`;
  if (typeof o.seed !== 'number' || !Number.isFinite(o.seed)) return `device ${index}: seed must be a number`;
  return null;
}
