// Compliance's surface: closing hours and days (with the runner that closes them as the clock passes),
// permit limits in force, the hour detectors and the Chinese names of warning kinds.
export { DAY, beijingDayStart, closeDay } from './compliance-day.ts';
export { beijingMonth } from './compliance-months.ts';
export { HOUR, closeHour, limitsInForce, permitNumberOf } from './compliance.ts';
export { detectHour } from './detect-hour.ts';
export { ComplianceRunner } from './jobs/compliance-runner.ts';
export { WARNING_KIND_ZH } from './warning-kinds.ts';
export { effectiveEnd } from './special-periods.ts';
