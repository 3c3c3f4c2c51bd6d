// What each simulated factor looks like: typical level, how it follows the process load, noise, range,
// and how a real data logger writes it. Codes and units follow HJ 212-2017 Tables B.1/B.2
// (shared/reference/hj212/factor-codes.tsv).

/** What a logger measures: a stack, a drain, or the enterprise's electricity meters (meters.ts). */
export type Kind = 'air' | 'water' | 'meter';

export interface FactorProfile {
  code: string;
  kind: Kind;
  /** Decimals as real loggers print them (2–3). */
  decimals: number;
  /** Pollutant whose converted value (-Zs…) is sent: flue-gas concentrations referenced to 6 % O2. */
  converted: boolean;
  /** -Cou is sent: emission mass (kg) for pollutants, volume (m3) for flows (HJ 212-2017 §6.6.4). */
  cou: boolean;
  /** Measuring range of the analyser; values above are clamped and flagged T (HJ 212-2017 Table 8). */
  range: number;
  /** Online wet-chemistry analysers (COD, NH3-N, TP, TN) measure once per cycle and hold the value. */
  holdMinutes: number;
  /** Gas or water-quality analyser that runs a daily zero/span calibration (flag C). */
  analyser: boolean;
}

const p = (
  code: string,
  kind: Kind,
  decimals: number,
  range: number,
  extra: Partial<FactorProfile> = {},
): FactorProfile => ({ code, kind, decimals, range, converted: false, cou: false, holdMinutes: 0, analyser: false, ...extra });

export const FACTORS: Readonly<Record<string, FactorProfile>> = {
  // Flue gas (CEMS). Concentrations in mg/m3, dry standard state.
  a21026: p('a21026', 'air', 3, 1000, { converted: true, cou: true, analyser: true }), // SO2
  a21002: p('a21002', 'air', 3, 1000, { converted: true, cou: true, analyser: true }), // NOx
  a34013: p('a34013', 'air', 3, 200, { converted: true, cou: true }), // particulate matter
  a21005: p('a21005', 'air', 3, 1000, { cou: true, analyser: true }), // CO
  a19001: p('a19001', 'air', 2, 25, { analyser: true }), // O2 %
  a01011: p('a01011', 'air', 2, 40), // flow speed m/s
  a01012: p('a01012', 'air', 2, 300), // temperature °C
  a01013: p('a01013', 'air', 3, 10), // pressure kPa
  a01014: p('a01014', 'air', 2, 40), // humidity %
  a00000: p('a00000', 'air', 2, 2000, { cou: true }), // flue-gas flow m3/s; -Cou in m3
  // Wastewater. Concentrations in mg/L.
  w01018: p('w01018', 'water', 2, 1000, { cou: true, holdMinutes: 60, analyser: true }), // COD
  w21003: p('w21003', 'water', 3, 100, { cou: true, holdMinutes: 60, analyser: true }), // NH3-N
  w21011: p('w21011', 'water', 3, 20, { cou: true, holdMinutes: 60, analyser: true }), // TP
  w21001: p('w21001', 'water', 3, 100, { cou: true, holdMinutes: 60, analyser: true }), // TN
  w01001: p('w01001', 'water', 2, 14), // pH
  w00000: p('w00000', 'water', 3, 5000, { cou: true }), // flow L/s; -Cou in m3
};

export const AIR_FACTORS = ['a21026', 'a21002', 'a34013', 'a19001', 'a01011', 'a01012', 'a01013', 'a01014', 'a00000'] as const;
export const AIR_FACTORS_WITH_CO = [...AIR_FACTORS, 'a21005'] as const;
export const WATER_FACTORS = ['w01018', 'w21003', 'w21011', 'w21001', 'w01001', 'w00000'] as const;

/**
 * Electricity meters on a meter logger: HJ 212-2017 has no code for equipment power (only i33200–i33202 for
 * a wastewater plant's current and energy), so the meter logger uses vendor codes, registered per meter in
 * the platform's `meters` table. The simulator's convention: e1nnnn production equipment, e2nnnn treatment
 * (abatement) equipment, active power in kW, nnnn the equipment number.
 */
export const METER_CODE = /^e[12]\d{4}$/;
export const isMeterCode = (code: string): boolean => METER_CODE.test(code);
export const meterRole = (code: string): 'production' | 'treatment' => (code.startsWith('e1') ? 'production' : 'treatment');

/** Profile of a code; unknown codes get a plain 3-decimal parameter (real loggers send vendor codes). */
export function profileOf(code: string): FactorProfile {
  // Meters: kW to 2 decimals; -Cou is the energy of the period, kWh.
  if (isMeterCode(code)) return FACTORS[code] ?? p(code, 'meter', 2, 1e5, { cou: true });
  return FACTORS[code] ?? p(code, code.startsWith('w') ? 'water' : 'air', 3, 1e6);
}

/** Reference O2 of the conversion (GB 13223 coal-fired boilers: 6 %); HJ 212-2017 Appendix D eq. 26. */
export const REFERENCE_O2 = 6;

/** Converted ("折算") concentration C × (21 − O2ref)/(21 − O2). O2 is capped below 21 to stay finite. */
export function convertToReferenceO2(c: number, o2: number): number {
  return (c * (21 - REFERENCE_O2)) / (21 - Math.min(o2, 19.5));
}
