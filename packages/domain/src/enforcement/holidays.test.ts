import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beijing, isWorkingDay, beijingDayNumber, workingDayDeadline } from './calendar.ts';
import { calendarFromNotices, HOLIDAY_NOTICES, STATE_COUNCIL_CALENDAR } from './holidays.ts';

const weekday = (date: string) => ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${date}T00:00:00Z`).getUTCDay()];
const working = (date: string) => isWorkingDay(beijingDayNumber(beijing(date)), STATE_COUNCIL_CALENDAR);

void test('the data agree with the weekdays the notices state (a cross-check of every transcribed date)', () => {
  // As printed in the notices: e.g. 2026 "1月4日（周日）上班", "2月15日（…周日）至23日（…周一）".
  const stated: Array<[string, string]> = [
    ['2025-01-01', 'Wed'], ['2025-01-28', 'Tue'], ['2025-02-04', 'Tue'], ['2025-01-26', 'Sun'], ['2025-02-08', 'Sat'], ['2025-04-04', 'Fri'],
    ['2025-05-01', 'Thu'], ['2025-05-05', 'Mon'], ['2025-04-27', 'Sun'], ['2025-05-31', 'Sat'], ['2025-06-02', 'Mon'], ['2025-10-01', 'Wed'],
    ['2025-10-08', 'Wed'], ['2025-09-28', 'Sun'], ['2025-10-11', 'Sat'],
    ['2026-01-01', 'Thu'], ['2026-01-03', 'Sat'], ['2026-01-04', 'Sun'], ['2026-02-15', 'Sun'], ['2026-02-23', 'Mon'], ['2026-02-14', 'Sat'],
    ['2026-02-28', 'Sat'], ['2026-04-04', 'Sat'], ['2026-04-06', 'Mon'], ['2026-05-01', 'Fri'], ['2026-05-05', 'Tue'], ['2026-05-09', 'Sat'],
    ['2026-06-19', 'Fri'], ['2026-06-21', 'Sun'], ['2026-09-25', 'Fri'], ['2026-09-27', 'Sun'], ['2026-10-01', 'Thu'], ['2026-10-07', 'Wed'],
    ['2026-09-20', 'Sun'], ['2026-10-10', 'Sat'],
  ];
  for (const [date, day] of stated) assert.equal(weekday(date), day, date);
  // Holiday lengths as the notices count them (共 N 天).
  const lengths = HOLIDAY_NOTICES.flatMap((n) => n.holidays.map(([a, b]) => (Date.parse(b) - Date.parse(a)) / 86_400_000 + 1));
  assert.deepEqual(lengths, [1, 8, 3, 5, 3, 8, 3, 9, 3, 5, 3, 3, 7]);
  for (const n of HOLIDAY_NOTICES) assert.match(n.source, /^https:\/\//);
});

void test('working days in 2026 follow the notice: holidays off, make-up Saturdays and Sundays on', () => {
  assert.equal(working('2026-02-23'), false, 'Monday inside the Spring Festival');
  assert.equal(working('2026-02-14'), true, 'Saturday made a working day');
  assert.equal(working('2026-10-05'), false);
  assert.equal(working('2026-10-10'), true);
  assert.equal(working('2026-03-02'), true);
  // 5 working days from Wednesday 2026-09-30: 10-08, 10-09, 10-10 (Sat, working), 10-12, 10-13.
  assert.equal(workingDayDeadline(beijing('2026-09-30T10:00'), 5, STATE_COUNCIL_CALENDAR).lastDay, '2026-10-13');
});

void test('bad holiday data is refused when loaded', () => {
  const base = { year: 2030, notice: 'test', source: 'https://example.invalid' };
  assert.throws(() => calendarFromNotices([{ ...base, holidays: [], workdays: ['2030-01-02'] }]), /not a weekend day/);
  assert.throws(() => calendarFromNotices([{ ...base, holidays: [['2030-02-30', '2030-03-01']], workdays: [] }]), /bad date/);
  assert.throws(() => calendarFromNotices([{ ...base, holidays: [['2031-01-01', '2031-01-01']], workdays: [] }]), /outside 2030/);
  assert.throws(() => calendarFromNotices([{ ...base, holidays: [['2030-01-03', '2030-01-01']], workdays: [] }]), /backwards/);
  assert.throws(() => calendarFromNotices([{ ...base, holidays: [], workdays: [] }, { ...base, holidays: [], workdays: [] }]), /twice/);
});
