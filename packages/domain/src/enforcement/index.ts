// The enforcement workflow's pure rules (issue 5): the matter catalogue, the discretion engine and its
// gates, the case state machine and its legal clocks, criminal-transfer thresholds, the double-random draw.
// Each file below owns one of them; this file only re-exports.
export { beijing, beijingDate, beijingDayNumber, startOfBeijingDay, calendarDeadline, hoursDeadline, workingDayDeadline, isWorkingDay, daysAfterThrough, calendarDaysBetween, evaluateClock, DEFAULT_CLOCK_POLICY, WEEKENDS_ONLY } from './calendar.ts';
export type { Deadline, WorkCalendar, Clock, ClockParams, ClockStatus, ClockPolicy, EscalationLevel } from './calendar.ts';
export * from './case-types.ts';
export * from './case-rules.ts';
export * from './case-machine.ts';
export * from './clocks.ts';
export * from './transfer.ts';
export * from './daily-penalty.ts';
export * from './rectification.ts';
export * from './criminal.ts';
export * from './matters.ts';
export * from './discretion-tables.ts';
export * from './discretion.ts';
export * from './gates.ts';
export * from './fault-tolerance.ts';
export * from './draw.ts';
export { articleRefZh, articleRefsZh, citationZh, cnNumber, SOURCE_TITLES_ZH } from './citation-zh.ts';
