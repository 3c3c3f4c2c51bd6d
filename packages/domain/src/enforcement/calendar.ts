// Day counting for legal deadlines, in Beijing calendar days (UTC+8, no daylight saving), as pure
// functions of explicit instants: nothing here reads the real clock.
//
// The counting convention, used by every clock of the enforcement workflow:
// - The day on which a period starts (the day of discovery, filing, service, notice …) is not counted;
//   counting starts on the next day. The APL has no article of its own on this; the general rule of
//   Chinese statutory periods is the Civil Procedure Law's (art. 85 in the 2021/2023 numbering: 期间开始的
//   时和日，不计算在期间内), which administrative practice follows. That text is not in rules.md (cited from
//   the statute). The daily-penalty measures say the same in terms: days run "from the day after service"
//   [DPM, EPL 59].
// - The last day of the period counts in full: an act done at any time on the deadline day is in time;
//   the period ends at 24:00 Beijing time of that day.
// - "N days" are calendar days unless the law says working days. APL art. 85 makes the APL's 2-, 3-, 5- and
//   7-day periods working days, and LNK's reconsideration period is 3 working days; working days need the
//   State Council holiday calendar, which changes yearly, so it is passed in as data (`WorkCalendar`).
//   Without one, only Saturdays and Sundays are skipped.
// - Calendar-day periods are not rolled forward when they end on a holiday; these are the agency's own
//   internal limits (filing, decision), which the agency must meet even over a holiday.

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
/** Beijing time is UTC+8 all year. */
export const BEIJING_OFFSET_MS = 8 * HOUR_MS;

/** Days since 1970-01-01 of the Beijing calendar day that contains instant t (epoch ms UTC). */
export function beijingDayNumber(t: number): number {
  return Math.floor((t + BEIJING_OFFSET_MS) / DAY_MS);
}

/** 'YYYY-MM-DD' of a Beijing day number. */
export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' of the Beijing calendar day containing t. */
export function beijingDate(t: number): string {
  return dayString(beijingDayNumber(t));
}

/** The instant 00:00 Beijing time that starts a day number. */
export function startOfBeijingDay(day: number): number {
  return day * DAY_MS - BEIJING_OFFSET_MS;
}

/** Instant of 'YYYY-MM-DDTHH:mm' (or a date alone, at 00:00) read as Beijing time; for tests and seed data. */
export function beijing(local: string): number {
  const iso = local.length === 10 ? `${local}T00:00:00` : local;
  const t = Date.parse(`${iso}+08:00`);
  if (Number.isNaN(t)) throw new RangeError(`not a Beijing local time: ${local}`);
  return t;
}

/** A deadline: the last day on which the act is in time, and the instant it expires (exclusive). */
export interface Deadline {
  /** Beijing date of the last day that still counts, 'YYYY-MM-DD'. */
  lastDay: string;
  /** 24:00 Beijing time of that day, epoch ms; an act at or after this instant is late. */
  expiresAt: number;
}

function deadlineOnDay(day: number): Deadline {
  return { lastDay: dayString(day), expiresAt: startOfBeijingDay(day + 1) };
}

/** A period of `days` calendar days starting at instant `from`: the start day is not counted. */
export function calendarDeadline(from: number, days: number): Deadline {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`period must be a whole number of days: ${days}`);
  return deadlineOnDay(beijingDayNumber(from) + days);
}

/** A period counted in hours runs from the instant itself (TRF art. 5: sent within 24 hours of approval). */
export function hoursDeadline(from: number, hours: number): Deadline {
  const expiresAt = from + hours * HOUR_MS;
  return { lastDay: beijingDate(expiresAt - 1), expiresAt };
}

/** The State Council holiday calendar for the years concerned, as 'YYYY-MM-DD' strings. */
export interface WorkCalendar {
  /** Official holidays falling on weekdays (法定节假日 and the days off around them). */
  holidays: ReadonlySet<string>;
  /** Weekend days declared working days (调休补班). */
  workdays: ReadonlySet<string>;
}

export const WEEKENDS_ONLY: WorkCalendar = { holidays: new Set(), workdays: new Set() };

export function isWorkingDay(day: number, cal: WorkCalendar = WEEKENDS_ONLY): boolean {
  const date = dayString(day);
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** A period of `days` working days starting at `from`: the start day is not counted (APL art. 85). */
export function workingDayDeadline(from: number, days: number, cal: WorkCalendar = WEEKENDS_ONLY): Deadline {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`period must be a whole number of days: ${days}`);
  let day = beijingDayNumber(from);
  let left = days;
  while (left > 0) {
    day += 1;
    if (isWorkingDay(day, cal)) left -= 1;
  }
  return deadlineOnDay(day);
}

/**
 * Days of a day-count rule "from the day after A to day B" (both Beijing days): the count of days
 * A+1 … B inclusive, 0 when B is not after A. The daily penalty uses it [DPM].
 */
export function daysAfterThrough(a: number, b: number): number {
  return Math.max(0, beijingDayNumber(b) - beijingDayNumber(a));
}

/** Whole Beijing calendar days from the day of `a` to the day of `b` (negative when b is earlier). */
export function calendarDaysBetween(a: number, b: number): number {
  return beijingDayNumber(b) - beijingDayNumber(a);
}

// ---- Clock status ---------------------------------------------------------------------------------

export type ClockStatus = 'ok' | 'due_soon' | 'overdue' | 'done' | 'done_late';

/**
 * Escalation level of a running clock. A product policy, not a legal rule: 0 nothing to do; 1 due soon,
 * remind the person who holds the step; 2 overdue, the dispatcher / team lead is told; 3 overdue for longer
 * than `escalateAfterMs`, the bureau head is told.
 */
export type EscalationLevel = 0 | 1 | 2 | 3;

export interface ClockPolicy {
  /** A clock is due soon when less than this is left; capped at a third of the clock's whole span. */
  dueSoonMs: number;
  /** Overdue by more than this goes to the head (level 3). */
  escalateAfterMs: number;
}

export const DEFAULT_CLOCK_POLICY: ClockPolicy = { dueSoonMs: 3 * DAY_MS, escalateAfterMs: 3 * DAY_MS };

export interface Clock {
  /** Stable id, e.g. 'filing', 'decision', 'transfer_send'. */
  id: string;
  /** The rule and its source, e.g. 'decide within 90 days of filing [W12, APL 60]'. */
  rule: string;
  startedAt: number;
  deadline: Deadline;
  /** When the step was done, if it has been. */
  doneAt: number | null;
  status: ClockStatus;
  escalation: EscalationLevel;
  /** Time left until expiry (negative when overdue); for a done clock, at the time it was done. */
  remainingMs: number;
}

/** Evaluates a clock at `now`; every input explicit. */
export function evaluateClock(
  id: string,
  rule: string,
  startedAt: number,
  deadline: Deadline,
  doneAt: number | null,
  now: number,
  policy: ClockPolicy = DEFAULT_CLOCK_POLICY,
): Clock {
  const base = { id, rule, startedAt, deadline, doneAt };
  if (doneAt !== null) {
    const late = doneAt >= deadline.expiresAt;
    return { ...base, status: late ? 'done_late' : 'done', escalation: 0, remainingMs: deadline.expiresAt - doneAt };
  }
  const remainingMs = deadline.expiresAt - now;
  if (remainingMs <= 0) {
    return { ...base, status: 'overdue', escalation: -remainingMs > policy.escalateAfterMs ? 3 : 2, remainingMs };
  }
  const soon = Math.min(policy.dueSoonMs, (deadline.expiresAt - startedAt) / 3);
  return remainingMs <= soon ? { ...base, status: 'due_soon', escalation: 1, remainingMs } : { ...base, status: 'ok', escalation: 0, remainingMs };
}
