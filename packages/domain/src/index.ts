export { validateUscc, isValidUscc, makeUscc, usccCheckChar, orgCodeCheckChar, USCC_BODY_CHARS } from './uscc.ts';
export type { UsccError, UsccResult, UsccParts } from './uscc.ts';
export { isValidRegionCode, regionLevel, parentRegionCode, provinceOf, isWithinRegion } from './region.ts';
export type { RegionLevel } from './region.ts';
export * from './compliance/index.ts';
export * from './detectors/index.ts';
export * from './risk/index.ts';
export * from './enforcement/index.ts';
