// Administrative division codes, GB/T 2260: six digits PPCCDD. PP province, CC city (prefecture) within
// it, DD county (district, county-level city) within the city. 0000 / 00 suffixes mark the higher levels.

export type RegionLevel = 'province' | 'city' | 'county';

/** Province-level prefixes in GB/T 2260 (incl. 71 Taiwan, 81 Hong Kong, 82 Macao). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

export function isValidRegionCode(code: string): boolean {
  if (!/^[0-9]{6}$/.test(code)) return false;
  if (!PROVINCES.has(code.slice(0, 2))) return false;
  // A county code under city 00 does not exist: "PP00DD" with DD ≠ 00 is malformed.
  return !(code.slice(2, 4) === '00' && code.slice(4) !== '00');
}

export function regionLevel(code: string): RegionLevel {
  if (!isValidRegionCode(code)) throw new RangeError(`not a GB/T 2260 code: ${code}`);
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/**
 * The code one level up, or null for a province. Counties directly under a province (省直辖县级, e.g.
 * 429004 仙桃市) get their pseudo-city 429000 as parent, as GB/T 2260 lists it.
 */
export function parentRegionCode(code: string): string | null {
  switch (regionLevel(code)) {
    case 'province':
      return null;
    case 'city':
      return `${code.slice(0, 2)}0000`;
    case 'county':
      return `${code.slice(0, 4)}00`;
  }
}

/** The province code of any region code. */
export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/** True when `code` is `ancestor` itself or lies below it (region-scoped access, DESIGN.md §2). */
export function isWithinRegion(code: string, ancestor: string): boolean {
  switch (regionLevel(ancestor)) {
    case 'province':
      return code.slice(0, 2) === ancestor.slice(0, 2);
    case 'city':
      return code.slice(0, 4) === ancestor.slice(0, 4);
    case 'county':
      return code === ancestor;
  }
}
