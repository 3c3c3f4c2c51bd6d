// Factor (pollutant / parameter) codes: HJ 212-2017 Appendix B with the HJ/T 212-2005 "原编码" column,
// and grouping of `code-Suffix` CP keys (HJ 212-2017 §6.3.3 Table 5 suffixes: Rtd, Min, Avg, Max, Cou,
// ZsRtd…ZsMax, Flag, EFlag, SampleTime, Info…).
import { FACTOR_ROWS } from './factors-data.ts';
import type { FactorValues } from './types.ts';

export interface FactorInfo {
  /** 2017 code; empty for the few codes that exist only in 2005 (B03, 16, 025, 99). */
  code2017: string;
  /** 2005 code; empty when the factor had none. */
  code2005: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  /** Unit of the `-Cou` (period total) value; empty when the factor has no total. */
  couUnit: string;
}

const BY_CODE = new Map<string, FactorInfo>();
for (const [code2017, code2005, nameZh, nameEn, unit, couUnit] of FACTOR_ROWS) {
  const info: FactorInfo = { code2017, code2005, nameZh, nameEn, unit, couUnit };
  if (code2017 !== '') BY_CODE.set(code2017, info);
  // 2017 codes win over a 2005 code spelled the same way (none collide today).
  if (code2005 !== '' && !BY_CODE.has(code2005)) BY_CODE.set(code2005, info);
}

/** Table row for a 2017 or 2005 code; undefined for vendor or unknown codes (kept as sent elsewhere). */
export function factorInfo(code: string): FactorInfo | undefined {
  return BY_CODE.get(code);
}

/** The 2017 code for a 2005 code found in the table; any other code unchanged. */
export function to2017Code(code: string): string {
  const info = BY_CODE.get(code);
  return info !== undefined && info.code2017 !== '' ? info.code2017 : code;
}

type NumericField = 'rtd' | 'min' | 'avg' | 'max' | 'cou' | 'zsRtd' | 'zsMin' | 'zsAvg' | 'zsMax';
const NUMERIC: Record<string, NumericField> = {
  Rtd: 'rtd',
  Min: 'min',
  Avg: 'avg',
  Max: 'max',
  Cou: 'cou',
  ZsRtd: 'zsRtd',
  ZsMin: 'zsMin',
  ZsAvg: 'zsAvg',
  ZsMax: 'zsMax',
};

/**
 * Group `code-Suffix` values into one FactorValues per code, in order of first appearance. The code is what
 * precedes the last `-`. A numeric suffix whose value is not a number, and every other suffix, goes to
 * `extra` as sent; `-Flag`/`-EFlag` are kept as text.
 */
export function groupFactors(values: Readonly<Record<string, number | string>>): FactorValues[] {
  const out = new Map<string, FactorValues>();
  for (const key of Object.keys(values)) {
    const dash = key.lastIndexOf('-');
    if (dash <= 0) continue;
    const code = key.slice(0, dash);
    const suffix = key.slice(dash + 1);
    const value = values[key]!;
    let f = out.get(code);
    if (f === undefined) {
      f = { code, code2017: to2017Code(code) };
      out.set(code, f);
    }
    const field = NUMERIC[suffix];
    if (field !== undefined && typeof value === 'number') f[field] = value;
    else if (suffix === 'Flag') f.flag = String(value);
    else if (suffix === 'EFlag') f.eflag = String(value);
    else (f.extra ??= {})[suffix] = value;
  }
  return [...out.values()];
}
