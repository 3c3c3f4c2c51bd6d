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
//   State Council holiday calendar, which changes yearly, so it is passed in as data (`WorkCalendar`,
//   holidays.ts). For a year the calendar does not cover only Saturdays and Sundays are skipped, and the
//   clock says so (`calendarWarning`).
// - A calendar-day period that binds the party or the police (payment, APL 67; the police's 3/7/30 days,
//   TRF 8, LNK 9) and ends on a weekend or holiday ends on the next working day instead (`rolledDeadline`):
//   LNK art. 38 (期间的最后一日为节假日的，以节假日后的第一日为期满日期), and the same rule of CPL art. 85;
//   neither is in rules.md (cited from the texts). The agency's own internal limits (filing, decision, the
//   head's 3 days, the daily-penalty recheck) are not rolled: the agency meets them even over a holiday.

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
  /** The years whose notice is included (holidays.ts); absent or missing a year: that year is not covered. */
  years?: ReadonlySet<number>;
}

export const WEEKENDS_ONLY: WorkCalendar = { holidays: new Set(), workdays: new Set() };

/** Whether the calendar holds the State Council notice for `year`; without it holidays of that year are unknown. */
export function calendarCovers(cal: WorkCalendar, year: number): boolean {
  return cal.years?.has(year) ?? false;
}

/**
 * A warning when a period from `from` to the deadline runs through a year the calendar does not cover:
 * a working day or a roll-forward there was counted with weekends only and may be wrong.
 */
export function calendarWarning(cal: WorkCalendar, from: number, deadline: Deadline): string | undefined {
  const first = Number(beijingDate(from).slice(0, 4));
  const last = Number(deadline.lastDay.slice(0, 4));
  const missing: number[] = [];
  for (let y = first; y <= last; y += 1) if (!calendarCovers(cal, y)) missing.push(y);
  if (missing.length === 0) return undefined;
  return `no State Council holiday notice for ${missing.join(', ')} in the calendar: working days counted with weekends only; check this deadline against the notice`;
}

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
 * A deadline moved to the next working day when its last day is a weekend day or holiday (CPL art. 85,
 * LNK art. 38): for periods that bind the party or the police, never for the agency's own limits.
 */
export function rolledDeadline(d: Deadline, cal: WorkCalendar = WEEKENDS_ONLY): Deadline {
  let day = beijingDayNumber(d.expiresAt - 1);
  if (isWorkingDay(day, cal)) return d;
  while (!isWorkingDay(day, cal)) day += 1;
  return deadlineOnDay(day);
}

/** `days` calendar days from `from`, rolled to the next working day when the last one is not (see rolledDeadline). */
export function rolledCalendarDeadline(from: number, days: number, cal: WorkCalendar = WEEKENDS_ONLY): Deadline {
  return rolledDeadline(calendarDeadline(from, days), cal);
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

/**
 * The values a clock's rule is worded from (days, hours, the police track, ...), so a client can word the
 * rule in its own language from the id; the English `rule` stays for clients that do not.
 */
export type ClockParams = Readonly<Record<string, number | string>>;

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
  /** Set when the deadline counts working days or rolls past holidays in a year the calendar does not cover. */
  calendarWarning?: string;
  /** The values in `rule`, by name (e.g. { days: 7 }, { days: 3, track: 'ordinary' }). */
  params?: ClockParams;
}

/** The clock with its calendarWarning, for clocks whose deadline depends on the holiday calendar. */
export function withCalendarWarning(clock: Clock, cal: WorkCalendar): Clock {
  const warning = calendarWarning(cal, clock.startedAt, clock.deadline);
  return warning === undefined ? clock : { ...clock, calendarWarning: warning };
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
  params?: ClockParams,
): Clock {
  const base = { id, rule, startedAt, deadline, doneAt, ...(params === undefined ? {} : { params }) };
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
