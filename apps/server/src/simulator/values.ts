// The physics of a simulated outlet: one process load drives every factor, so values move together the
// way a real stack or drain does. Every value is a pure function of (device seed, time), which keeps runs
// reproducible and lets a logger backfill an outage with the values it would have sent live.
import type { DeviceSpec } from './device.ts';
import { convertToReferenceO2, meterRole, profileOf } from './factors.ts';
import { normalAt, smoothNoise, uniformAt } from './prng.ts';

/** HJ 212-2017 Table 8 data flags. */
export type DataFlag = 'N' | 'F' | 'M' | 'S' | 'D' | 'C' | 'T' | 'B';

export interface Reading {
  value: number;
  /** Converted to the reference O2 (flue-gas pollutants when the logger measures O2). */
  zs?: number;
  flag: DataFlag;
}

/** Time windows (simulated epoch ms) in which a scenario bends the values. */
export interface Effects {
  exceedance?: { from: number; to: number };
  flatline?: { from: number; to: number; factor: string };
  /**
   * Treatment (abatement) equipment switched off: on a meter logger its treatment meters fall to standby
   * power; on the outlet's analysers the pollutants rise towards their untreated levels.
   */
  treatmentOff?: { from: number; to: number };
}

/** Untreated ÷ treated concentration, roughly: wet FGD ~85 % SO2, SCR ~60 % NOx, bag filter ~92 % dust; a sewage plant's raw COD/NH3-N/TP/TN. */
const UNTREATED: Readonly<Record<string, number>> = { a21026: 6, a21002: 2.5, a34013: 13, w01018: 4, w21003: 5, w21011: 4, w21001: 2.5 };

/** 0 outside the window, rising linearly to 1 over `rampMs` after it starts and falling back before it ends. */
function rampIn(w: { from: number; to: number } | undefined, t: number, rampMs: number): number {
  if (w === undefined || t < w.from || t >= w.to) return 0;
  return Math.min(1, (t - w.from) / rampMs, (w.to - t) / rampMs);
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const BEIJING = 8 * HOUR; // HJ 212 times are Beijing time (UTC+8); the daily cycle follows local hours.

/** Fixed noise channels so adding a factor to a device never changes the others' values. */
const CHANNEL: Readonly<Record<string, number>> = {
  load: 1, a21026: 10, a21002: 11, a34013: 12, a21005: 13, a19001: 14, a01011: 15, a01012: 16, a01013: 17,
  a01014: 18, a00000: 19, w01018: 30, w21003: 31, w21011: 32, w21001: 33, w01001: 34, w00000: 35,
};
const channelOf = (code: string): number => CHANNEL[code] ?? 100 + (hashCode(code) % 1000);

function hashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h;
}

export class ValueModel {
  private readonly seed: number;
  private readonly frozen = new Map<number, Record<string, number>>();

  constructor(
    private readonly spec: DeviceSpec,
    private readonly effects: Effects = {},
  ) {
    this.seed = spec.seed >>> 0;
  }

  /** A device-specific constant in [lo, hi). */
  private param(k: number, lo: number, hi: number): number {
    return lo + (hi - lo) * uniformAt(this.seed, 7000 + k);
  }

  private fast(code: string, t: number): number {
    return normalAt(this.seed, channelOf(code), Math.floor(t / 1000));
  }

  private slow(code: string, t: number, stepMs = 30 * MINUTE): number {
    return smoothNoise(this.seed, channelOf(code) + 500, t, stepMs);
  }

  /** Process load, about 0.3–1.05: low at night, high in the afternoon, slow random swings on top. */
  load(t: number): number {
    const hour = (((t + BEIJING) % DAY) + DAY) % DAY / HOUR;
    const peak = this.param(1, 13, 17);
    const day = 0.5 + 0.5 * Math.cos((2 * Math.PI * (hour - peak)) / 24);
    const l = 0.42 + 0.45 * day + 0.12 * smoothNoise(this.seed, CHANNEL.load ?? 1, t, 20 * MINUTE) + 0.015 * normalAt(this.seed, 2, Math.floor(t / 1000));
    return Math.min(1.05, Math.max(0.3, l));
  }

  /** Raw physical values of every factor of the device at t, before flags and scenario effects. */
  private raw(t: number): Record<string, number> {
    if (this.spec.kind === 'meter') return this.rawMeter(t);
    const v = this.spec.kind === 'air' ? this.rawAir(t) : this.rawWater(t);
    const off = this.effects.treatmentOff;
    if (off === undefined) return v;
    for (const [code, k] of Object.entries(UNTREATED)) {
      const x = v[code];
      if (x === undefined) continue;
      // Held wet-chemistry results change only with the next analysis cycle.
      const at = profileOf(code).holdMinutes > 0 ? Math.floor(t / HOUR) * HOUR : t;
      v[code] = x * (1 + (k - 1) * rampIn(off, at, 15 * MINUTE));
    }
    return v;
  }

  /**
   * Electricity meters (kW): production equipment follows the process load from a base of 15 % (auxiliaries
   * keep running at low load); treatment equipment (fans, pumps, blowers) runs at 75–100 % of its rating
   * whatever the load, and at about 1 % (controls, instruments) when switched off.
   */
  private rawMeter(t: number): Record<string, number> {
    const l = this.load(t);
    const off = rampIn(this.effects.treatmentOff, t, 3 * MINUTE);
    const out: Record<string, number> = {};
    for (const code of this.spec.factors) {
      const n = Number(code.slice(2)) % 10;
      if (meterRole(code) === 'production') {
        out[code] = Math.max(0, this.param(40 + n, 400, 2500) * (0.15 + 0.85 * l) * (1 + 0.02 * this.fast(code, t)));
      } else {
        const rated = this.param(50 + n, 80, 400);
        const running = rated * (0.75 + 0.25 * l) * (1 + 0.03 * this.fast(code, t));
        const standby = rated * 0.01 * (1 + 0.2 * this.fast(code, t));
        out[code] = Math.max(0, running + (standby - running) * off);
      }
    }
    return out;
  }

  private rawAir(t: number): Record<string, number> {
    const l = this.load(t);
    // More fuel, less excess air: O2 falls as load rises (typical coal boiler 5–11 %).
    const o2 = clamp(this.param(2, 7.5, 10) - 4.5 * (l - 0.6) + 0.4 * this.slow('a19001', t) + 0.12 * this.fast('a19001', t), 3, 19);
    const speed = Math.max(0.5, this.param(3, 9, 15) * (0.45 + 0.6 * l) + 0.15 * this.fast('a01011', t));
    const temp = this.param(4, 70, 130) + 30 * (l - 0.6) + 2 * this.slow('a01012', t) + 0.3 * this.fast('a01012', t);
    const pressure = this.param(5, -0.25, 0.35) + 0.25 * (l - 0.6) + 0.01 * this.fast('a01013', t);
    const humidity = clamp(this.param(6, 5, 12) + 0.6 * this.slow('a01014', t) + 0.05 * this.fast('a01014', t), 0.5, 35);
    const area = this.param(7, 3, 12);
    // Dry standard-state flow (273 K, 101.325 kPa), what the emission -Cou is computed from.
    const flow = area * speed * (273 / (273 + temp)) * ((101.325 + pressure) / 101.325) * (1 - humidity / 100);
    const conc = (code: string, base: number, swing: number): number =>
      Math.max(0, base * (0.55 + 0.75 * l) * (1 + swing * this.slow(code, t)) * (1 + 0.04 * this.fast(code, t)));
    return {
      a19001: o2,
      a01011: speed,
      a01012: temp,
      a01013: pressure,
      a01014: humidity,
      a00000: flow,
      // Bases of a well-run plant: at peak load, a 3σ swing and the O2 conversion (together ≤ 1.7×) a
      // clean device stays under the strictest limits it may carry (ultra-low 35 / 50 / 10 mg/m³ at 6 %
      // O2), so only the scenarios' devices exceed; the risk bench counts on clean meaning clean.
      a21026: this.excess(t, conc('a21026', this.param(10, 6, 18), 0.25), 300),
      a21002: this.excess(t, conc('a21002', this.param(11, 14, 28), 0.2), 340),
      a34013: conc('a34013', this.param(12, 1, 4.5), 0.3),
      a21005: conc('a21005', this.param(13, 10, 45), 0.35),
    };
  }

  private rawWater(t: number): Record<string, number> {
    const l = this.load(t);
    const flow = Math.max(0, this.param(20, 5, 60) * (0.3 + 0.75 * l) * (1 + 0.05 * this.fast('w00000', t)));
    // Wet-chemistry analysers report once per cycle; the logger repeats that result until the next one.
    const held = (code: string, base: number, swing: number): number => {
      const th = Math.floor(t / HOUR) * HOUR;
      return Math.max(0, base * (0.75 + 0.45 * this.load(th)) * (1 + swing * normalAt(this.seed, channelOf(code), th / 1000)));
    };
    return {
      w00000: flow,
      w01001: clamp(this.param(21, 6.9, 7.8) + 0.3 * this.slow('w01001', t, 2 * HOUR) + 0.02 * this.fast('w01001', t), 5.5, 9.5),
      w01018: this.excess(t, held('w01018', this.param(22, 18, 55), 0.12), 260),
      w21003: this.excess(t, held('w21003', this.param(23, 0.4, 4), 0.15), 30),
      w21011: held('w21011', this.param(24, 0.08, 0.4), 0.15),
      w21001: held('w21001', this.param(25, 4, 12), 0.1),
    };
  }

  /** Exceedance episode: ramp over 15 minutes up to a level far above typical limits, hold, ramp down. */
  private excess(t: number, v: number, level: number): number {
    const e = this.effects.exceedance;
    if (e === undefined || t < e.from || t >= e.to) return v;
    const ramp = Math.min(1, (t - e.from) / (15 * MINUTE), (e.to - t) / (15 * MINUTE));
    const high = level * (1 + 0.08 * normalAt(this.seed, 77, Math.floor(t / 10_000)));
    return v + (high - v) * ramp;
  }

  /** Data flag of one factor at t (HJ 212-2017 Table 8): daily calibration, rare maintenance, faults. */
  private flag(code: string, index: number, t: number, value: number): DataFlag {
    const local = t + BEIJING;
    const dayIdx = Math.floor(local / DAY);
    const minuteOfDay = Math.floor((local - dayIdx * DAY) / MINUTE);
    const hourIdx = Math.floor(t / HOUR);
    const profile = profileOf(code);
    if (uniformAt(this.seed, 901, dayIdx) < 0.03 && Math.floor(minuteOfDay / 60) === Math.floor(uniformAt(this.seed, 902, dayIdx) * 24)) return 'M';
    if (uniformAt(this.seed, 903, hourIdx) < 0.003 && minuteOfDay % 60 < 5) return 'B';
    if (uniformAt(this.seed, 904, index, hourIdx) < 0.002 && minuteOfDay % 60 < 20) return 'D';
    // Automatic zero/span check once a day, 10 minutes, between 01:00 and 04:00 local.
    const cal = 60 + Math.floor(this.param(30, 0, 170));
    if (profile.analyser && minuteOfDay >= cal && minuteOfDay < cal + 10) return 'C';
    if (value > profile.range) return 'T';
    return 'N';
  }

  /** The instantaneous readings of the device's factors at t. */
  sample(t: number): Map<string, Reading> {
    const raw = this.raw(t);
    const fl = this.effects.flatline;
    if (fl !== undefined && t >= fl.from && t < fl.to) {
      // A stuck analyser or a logger replaying one number: the value at the episode start, flag N.
      let frozen = this.frozen.get(fl.from);
      if (frozen === undefined) {
        frozen = this.raw(fl.from);
        this.frozen.set(fl.from, frozen);
      }
      const v = frozen[fl.factor];
      if (v !== undefined) raw[fl.factor] = v;
    }
    const o2 = this.spec.factors.includes('a19001') ? raw.a19001 : undefined;
    const out = new Map<string, Reading>();
    this.spec.factors.forEach((code, i) => {
      const profile = profileOf(code);
      let value = raw[code] ?? 0;
      const flag = fl !== undefined && code === fl.factor && t >= fl.from && t < fl.to ? 'N' : this.flag(code, i, t, value);
      if (flag === 'T') value = profile.range; // the analyser saturates at full scale
      const reading: Reading = { value, flag };
      if (profile.converted && o2 !== undefined) reading.zs = convertToReferenceO2(value, o2);
      out.set(code, reading);
    });
    return out;
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
