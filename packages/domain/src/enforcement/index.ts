// The enforcement workflow's pure rules (issue 5): the matter catalogue, the discretion engine and its
// gates, the case state machine and its legal clocks, criminal-transfer thresholds, the double-random draw.
// Each file below owns one of them; this file only re-exports.
// The enforcement workflow's pure rules (issue 5): the matter catalogue, the discretion engine and its
// gates, the case state machine and its legal clocks, criminal-transfer thresholds, the double-random draw.
export * from './matters.ts';
export * from './discretion-tables.ts';
export * from './discretion.ts';
export * from './gates.ts';
export * from './fault-tolerance.ts';
