// Named scenarios: each bends a deterministic few devices in a way the platform must notice or survive.
// They are assigned by position (the first free device of the right kind) so a run is reproducible.
import { type CrcVariant, formatBeijingTime } from '@ecoenforce/hj212';
import type { DeviceSpec } from './device.ts';
import { meterRole } from './factors.ts';
import type { ClockModel } from './logger.ts';
import type { Effects } from './values.ts';

export const SCENARIOS = ['exceedance', 'flatline', 'offline', 'modbus-crc', 'subpackets', 'clock-drift', 'treatment-off', 'load'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** What a scenario changes on one device. */
export interface DevicePlan {
  effects: Effects;
  clock?: ClockModel;
  crcVariant?: CrcVariant;
  /** Number of subpackets each 2051 is split into (1 = none). */
  minuteParts: number;
  /** Simulated window in which the logger is disconnected and only stores data. */
  offline?: { from: number; to: number };
}

export interface ScenarioPlan {
  plans: Map<number, DevicePlan>;
  /** One line per assignment, for the startup report. */
  report: string[];
  load: boolean;
}

/** Splits `a,b` and repeated flags into known names; throws on an unknown one. */
export function parseScenarios(values: readonly string[]): ScenarioName[] {
  const out = new Set<ScenarioName>();
  for (const v of values) {
    for (const name of v.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
      if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`unknown scenario '${name}' (known: ${SCENARIOS.join(', ')})`);
      out.add(name as ScenarioName);
    }
  }
  return [...out];
}

/** Episode windows, relative to the start of simulated time. */
export const WINDOWS = {
  exceedance: { from: 30 * MINUTE, to: 3 * HOUR + 30 * MINUTE },
  flatline: { from: 30 * MINUTE, to: 4 * HOUR + 30 * MINUTE },
  offline: { from: 20 * MINUTE, to: HOUR + 20 * MINUTE },
  treatmentOff: { from: 30 * MINUTE, to: 3 * HOUR + 30 * MINUTE },
} as const;
/** clock-drift: starts 3 minutes ahead and gains another minute per simulated hour. */
export const DRIFT: ClockModel = { offsetMs: 3 * MINUTE, driftMsPerHour: MINUTE };

export function planScenarios(devices: readonly DeviceSpec[], names: readonly ScenarioName[], start: number): ScenarioPlan {
  const plans = new Map<number, DevicePlan>();
  const report: string[] = [];
  const used = new Set<number>();
  const when = (w: { from: number; to: number }): string =>
    `${formatBeijingTime(start + w.from, 14)}–${formatBeijingTime(start + w.to, 14)} (Beijing)`;
  const planOf = (i: number): DevicePlan => {
    let p = plans.get(i);
    if (p === undefined) plans.set(i, (p = { effects: {}, minuteParts: 1 }));
    used.add(i);
    return p;
  };
  const pick = (kind?: 'air' | 'water'): number | undefined => {
    // Meter loggers take only the scenario written for them (treatment-off).
    const fits = (d: DeviceSpec): boolean => (kind === undefined ? d.kind !== 'meter' : d.kind === kind);
    const free = devices.findIndex((d, i) => fits(d) && !used.has(i));
    if (free >= 0) return free;
    const any = devices.findIndex(fits);
    return any >= 0 ? any : undefined;
  };
  const abs = (w: { from: number; to: number }): { from: number; to: number } => ({ from: start + w.from, to: start + w.to });
  // Canonical order, whatever order the flags came in, so the same devices get the same scenarios.
  for (const name of SCENARIOS.filter((s) => names.includes(s))) {
    switch (name) {
      case 'exceedance':
        for (const kind of ['air', 'water'] as const) {
          const i = pick(kind);
          if (i === undefined) continue;
          planOf(i).effects.exceedance = abs(WINDOWS.exceedance);
          const what = kind === 'air' ? 'SO2 ≈300, NOx ≈340 mg/m3' : 'COD ≈260 mg/L, NH3-N ≈30 mg/L';
          report.push(`exceedance: ${devices[i]?.mn} ${what} ${when(WINDOWS.exceedance)}`);
        }
        break;
      case 'flatline': {
        const i = pick('air') ?? pick('water');
        const d = i === undefined ? undefined : devices[i];
        if (i === undefined || d === undefined) break;
        const factor = d.factors.find((f) => f === 'a21026' || f === 'w01018') ?? d.factors[0] ?? 'a21026';
        planOf(i).effects.flatline = { ...abs(WINDOWS.flatline), factor };
        report.push(`flatline: ${d.mn} ${factor} constant ${when(WINDOWS.flatline)}`);
        break;
      }
      case 'offline': {
        const i = pick();
        if (i === undefined) break;
        planOf(i).offline = abs(WINDOWS.offline);
        report.push(`offline: ${devices[i]?.mn} silent ${when(WINDOWS.offline)}, then backfills its minute data`);
        break;
      }
      case 'modbus-crc': {
        // A device whose point is registered for MODBUS already writes it; prefer it, so the frames are
        // accepted; otherwise the next free device, whose frames the gateway must reject.
        const registered = devices.findIndex((d) => d.crcVariant === 'modbus-lo-first');
        const i = registered >= 0 ? registered : pick();
        if (i === undefined) break;
        planOf(i).crcVariant = 'modbus-lo-first';
        report.push(`modbus-crc: ${devices[i]?.mn} writes CRC-16/MODBUS low byte first`);
        break;
      }
      case 'subpackets': {
        const i = pick('air') ?? pick();
        if (i === undefined) break;
        planOf(i).minuteParts = 2;
        report.push(`subpackets: ${devices[i]?.mn} splits each 2051 into PNUM=2 parts`);
        break;
      }
      case 'clock-drift': {
        const i = pick();
        if (i === undefined) break;
        planOf(i).clock = { ...DRIFT };
        report.push(`clock-drift: ${devices[i]?.mn} clock ${DRIFT.offsetMs / MINUTE} min ahead, gaining ${DRIFT.driftMsPerHour / 1000} s per hour until a 1012`);
        break;
      }
      case 'treatment-off': {
        // A meter logger with a treatment meter, and an analyser logger on the outlet it serves: the meter
        // falls to standby power while production runs, the outlet's pollutants rise. Prefer a pair whose
        // analyser no other scenario bends, so the finding stays this scenario's alone.
        const pairs = devices.flatMap((d, i) => {
          if (d.kind !== 'meter' || d.outletId === undefined || !d.factors.some((f) => meterRole(f) === 'treatment')) return [];
          const j = devices.findIndex((o) => o.kind !== 'meter' && o.outletId === d.outletId);
          return j >= 0 ? [[i, j] as const] : [];
        });
        const pair = pairs.find(([i, j]) => !used.has(i) && !used.has(j)) ?? pairs[0];
        if (pair === undefined) break;
        const [i, j] = pair;
        planOf(i).effects.treatmentOff = abs(WINDOWS.treatmentOff);
        planOf(j).effects.treatmentOff = abs(WINDOWS.treatmentOff);
        const meters = devices[i]?.factors.filter((f) => meterRole(f) === 'treatment').join(',') ?? '';
        report.push(`treatment-off: ${devices[i]?.mn} ${meters} at standby power, ${devices[j]?.mn} pollutants rise ${when(WINDOWS.treatmentOff)}`);
        break;
      }
      case 'load':
        report.push('load: no schedule; each device keeps its window of minute frames in flight');
        break;
    }
  }
  return { plans, report, load: names.includes('load') };
}
