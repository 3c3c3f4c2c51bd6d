// Emission standards as versioned data (issue 4 §1), each row with its source in rules.md §2 and the
// source key of rules.md's list. Values marked `confirmed: false` were seen only as commonly cited
// figures; a deployment may override them (`overrideStandards`). Factors are HJ 212-2017 codes.
import type { LimitBasis } from './exceedance.ts';

export interface StandardRow {
  /** Stable id, e.g. 'GB13223-2011/coal-new/a21026'. */
  id: string;
  standard: 'GB 13223-2011' | 'GB 13271-2014' | 'GB 18918-2002' | 'GB 8978-1996';
  /** Who and what the row applies to, e.g. 'coal-fired unit, new'. */
  applicability: string;
  factor: string;
  limit: number;
  unit: 'mg/m3' | 'mg/L';
  basis: LimitBasis;
  referenceO2: number | null;
  /** rules.md source keys. */
  source: string;
  confirmed: boolean;
  note?: string;
}

const SO2 = 'a21026';
const NOX = 'a21002';
const PM = 'a34013';
const HG = 'a20057';

type Air = [applicability: string, factor: string, limit: number, o2: number | null, source: string, confirmed?: boolean, note?: string];

function air(standard: StandardRow['standard'], key: string, rows: Air[]): StandardRow[] {
  return rows.map(([applicability, factor, limit, o2, source, confirmed = true, note]) => ({
    id: `${standard.replace(/ /g, '')}/${key}/${applicability.replace(/[^A-Za-z0-9]+/g, '-')}/${factor}`,
    standard, applicability, factor, limit, unit: 'mg/m3', basis: 'hourly', referenceO2: o2, source, confirmed, ...(note === undefined ? {} : { note }),
  }));
}

/** GB 13223-2011 thermal power (Table 1; special limits; ultra-low emission). Coal reference O2 6 % [W8]. */
const GB13223 = air('GB 13223-2011', 'thermal', [
  ['coal-fired, new unit', SO2, 100, 6, 'W6'],
  ['coal-fired, existing unit', SO2, 200, 6, 'W6'],
  ['coal-fired', NOX, 100, 6, 'W6'],
  ['coal-fired, W-flame, existing CFB or built by 2003-12-31', NOX, 200, 6, 'W6'],
  ['natural-gas unit', SO2, 35, 3, 'W6', false, 'reference O2 3 % for gas boilers is commonly cited, not seen'],
  ['natural-gas boiler', NOX, 100, 3, 'W6', false, 'reference O2 3 % commonly cited, not seen'],
  ['natural-gas turbine', NOX, 50, 15, 'W6', false, 'reference O2 15 % for gas turbines commonly cited, not seen'],
  ['other gas turbine', NOX, 120, 15, 'W6', false, 'reference O2 15 % commonly cited, not seen'],
  ['coal-fired, special limits for key regions', PM, 20, 6, 'W7'],
  ['coal-fired, special limits for key regions', SO2, 50, 6, 'W7'],
  ['coal-fired, special limits for key regions', NOX, 100, 6, 'W7'],
  ['ultra-low emission', PM, 10, 6, 'W8'],
  ['ultra-low emission', SO2, 35, 6, 'W8'],
  ['ultra-low emission', NOX, 50, 6, 'W8'],
]);

/** GB 13271-2014 boilers (Table of in-use / new / special limits); reference O2 coal 9 %, oil and gas 3.5 % [B13271 Table 6]. */
const fuels = [['coal', 9], ['oil', 3.5], ['gas', 3.5]] as const;
const boiler = (period: string, pm: number[], so2: number[], nox: number[]): Air[] =>
  fuels.flatMap(([fuel, o2], i): Air[] => [
    [`${fuel} boiler, ${period}`, PM, pm[i]!, o2, 'B13271'],
    [`${fuel} boiler, ${period}`, SO2, so2[i]!, o2, 'B13271'],
    [`${fuel} boiler, ${period}`, NOX, nox[i]!, o2, 'B13271'],
  ]);
const GB13271 = air('GB 13271-2014', 'boiler', [
  ...boiler('in use', [80, 60, 30], [400, 300, 100], [400, 400, 400]),
  ['coal boiler, in use, Guangxi Chongqing Sichuan Guizhou', SO2, 550, 9, 'B13271'],
  ...boiler('new from 2014-07', [50, 30, 20], [300, 200, 50], [300, 250, 200]),
  ...boiler('special limits for key regions', [30, 30, 20], [200, 100, 50], [200, 200, 150]),
  ['coal boiler', HG, 0.05, 9, 'B13271'],
]);

type Water = [applicability: string, factor: string, limit: number, source: string, note?: string];
function water(standard: StandardRow['standard'], rows: Water[]): StandardRow[] {
  return rows.map(([applicability, factor, limit, source, note]) => ({
    id: `${standard.replace(/ /g, '')}/${applicability.replace(/[^A-Za-z0-9]+/g, '-')}/${factor}`,
    standard, applicability, factor, limit, unit: 'mg/L', basis: 'daily', referenceO2: null, source, confirmed: true, ...(note === undefined ? {} : { note }),
  }));
}

/** GB 18918-2002 municipal wastewater, daily means, grades 1A / 1B / 2 / 3 [B18918]. */
const grades = ['grade 1A', 'grade 1B', 'grade 2', 'grade 3'] as const;
const byGrade = (factor: string, values: Array<number | null>, extra = ''): Water[] =>
  values.flatMap((v, i): Water[] => (v === null ? [] : [[`${grades[i]}${extra}`, factor, v, 'B18918']]));
const GB18918 = water('GB 18918-2002', [
  ...byGrade('w01018', [50, 60, 100, 120]),
  ...byGrade('w01017', [10, 20, 30, 60]),
  ...byGrade('w01012', [10, 20, 30, 50]),
  ...byGrade('w21001', [15, 20, null, null]),
  ...byGrade('w21003', [5, 8, 25, null], ', water above 12 °C'),
  ...byGrade('w21003', [8, 15, 30, null], ', water at or below 12 °C'),
  ...byGrade('w21011', [0.5, 1, 3, 5], ', plant built from 2006'),
  ...byGrade('w21011', [1, 1.5, 3, 5], ', plant built before 2006'),
]);

/** GB 8978-1996 integrated wastewater, units built from 1998, grades 1 / 2 / 3 [W9]. */
const GB8978 = water('GB 8978-1996', [
  ['grade 1, other units', 'w01018', 100, 'W9'],
  ['grade 2, other units', 'w01018', 150, 'W9'],
  ['grade 3, other units', 'w01018', 500, 'W9'],
  ['grade 1', 'w21003', 15, 'W9'],
  ['grade 2', 'w21003', 25, 'W9'],
]);

export const STANDARD_ROWS: readonly StandardRow[] = [...GB13223, ...GB13271, ...GB18918, ...GB8978];

/** The rows with a deployment's overrides (by id) applied; unknown ids are an error, not ignored. */
export function overrideStandards(overrides: Readonly<Record<string, Partial<Pick<StandardRow, 'limit' | 'referenceO2'>>>>): StandardRow[] {
  const known = new Set(STANDARD_ROWS.map((r) => r.id));
  for (const id of Object.keys(overrides)) if (!known.has(id)) throw new RangeError(`no standard row '${id}'`);
  return STANDARD_ROWS.map((r) => (overrides[r.id] === undefined ? r : { ...r, ...overrides[r.id], note: `${r.note ?? ''} overridden by the deployment`.trim() }));
}
