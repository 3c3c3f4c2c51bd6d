// The State Council's holiday calendar (国务院办公厅关于 20xx 年部分节假日安排的通知), as data with its source.
// Working-day periods (APL 85) and periods rolled past a holiday need it; rules.md does not hold it, so each
// year is taken from the notice's text as republished from Xinhua, and a year without a notice is left out
// (clocks then warn: calendarCovers in calendar.ts). Add a year only from the notice itself; never guess it.
import { DAY_MS, dayString, type WorkCalendar } from './calendar.ts';

export interface HolidayNotice {
  year: number;
  /** The notice's number and date. */
  notice: string;
  /** Where its full text was read. */
  source: string;
  /** Days off, as inclusive ranges 'YYYY-MM-DD' (放假调休). Weekend days inside a range are listed too. */
  holidays: ReadonlyArray<readonly [string, string]>;
  /** Weekend days declared working days (上班). */
  workdays: readonly string[];
}

export const HOLIDAY_NOTICES: readonly HolidayNotice[] = [
  {
    year: 2025,
    notice: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号），2024-11-12',
    source: 'https://m.gmw.cn/2024-11/12/content_1303894933.htm (Xinhua full text)',
    holidays: [
      ['2025-01-01', '2025-01-01'], // 元旦
      ['2025-01-28', '2025-02-04'], // 春节
      ['2025-04-04', '2025-04-06'], // 清明节
      ['2025-05-01', '2025-05-05'], // 劳动节
      ['2025-05-31', '2025-06-02'], // 端午节
      ['2025-10-01', '2025-10-08'], // 国庆节、中秋节
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    notice: '国务院办公厅关于2026年部分节假日安排的通知，2025-11-04',
    source: 'https://politics.gmw.cn/2025-11/04/content_38391083.htm (Xinhua full text)',
    holidays: [
      ['2026-01-01', '2026-01-03'], // 元旦
      ['2026-02-15', '2026-02-23'], // 春节
      ['2026-04-04', '2026-04-06'], // 清明节
      ['2026-05-01', '2026-05-05'], // 劳动节
      ['2026-06-19', '2026-06-21'], // 端午节
      ['2026-09-25', '2026-09-27'], // 中秋节
      ['2026-10-01', '2026-10-07'], // 国庆节
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function dayOf(date: string, year: number): number {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (!ISO.test(date) || Number.isNaN(t) || dayString(t / DAY_MS) !== date) throw new RangeError(`holiday data: bad date ${date}`);
  if (Number(date.slice(0, 4)) !== year) throw new RangeError(`holiday data: ${date} is outside ${year}`);
  return t / DAY_MS;
}

/** Builds a WorkCalendar from notices, validating them: real dates in their year, make-up days on weekends. */
export function calendarFromNotices(notices: readonly HolidayNotice[]): WorkCalendar {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  const years = new Set<number>();
  for (const n of notices) {
    if (years.has(n.year)) throw new RangeError(`holiday data: ${n.year} given twice`);
    years.add(n.year);
    for (const [from, to] of n.holidays) {
      const a = dayOf(from, n.year);
      const b = dayOf(to, n.year);
      if (b < a) throw new RangeError(`holiday data: ${from}..${to} runs backwards`);
      for (let d = a; d <= b; d += 1) holidays.add(dayString(d));
    }
    for (const w of n.workdays) {
      const weekday = new Date(dayOf(w, n.year) * DAY_MS).getUTCDay();
      if (weekday !== 0 && weekday !== 6) throw new RangeError(`holiday data: make-up working day ${w} is not a weekend day`);
      if (holidays.has(w)) throw new RangeError(`holiday data: ${w} is both a holiday and a working day`);
      workdays.add(w);
    }
  }
  return { holidays, workdays, years };
}

/** The calendar of every notice above; the production default (clocks.ts DEFAULT_CASE_OPTIONS). */
export const STATE_COUNCIL_CALENDAR: WorkCalendar = calendarFromNotices(HOLIDAY_NOTICES);
