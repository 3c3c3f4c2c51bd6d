// The period of a statistics query (issue 5 §10): Beijing calendar dates, both ends included, or a preset
// (the month, quarter or year holding the platform's today). Pure: the figures' queries take the instants.
import { beijing, beijingDate } from '@ecoenforce/domain';
import type { StatsPeriod } from '@ecoenforce/contract';

export type PeriodPreset = 'month' | 'quarter' | 'year';

export class PeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeriodError';
  }
}

/** Five years of months is the longest period: a month grouping stays a bounded CASE expression. */
export const MAX_PERIOD_DAYS = 5 * 366;
const DAY_MS = 86_400_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is `s` a real calendar date written YYYY-MM-DD (2026-02-30 is not)? */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' of the first day of month m (0-based, may overflow into later years) of year y. */
function firstOf(y: number, m: number): string {
  const d = new Date(Date.UTC(y, m, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-01`;
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/** The preset period holding the Beijing day of `now`. */
export function presetPeriod(preset: PeriodPreset, now: number): { from: string; to: string } {
  const today = beijingDate(now);
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1;
  const start = preset === 'month' ? m : preset === 'quarter' ? m - (m % 3) : 0;
  const months = preset === 'month' ? 1 : preset === 'quarter' ? 3 : 12;
  return { from: firstOf(y, start), to: dayBefore(firstOf(y, start + months)) };
}

/**
 * The period of a query: explicit dates win over a preset; with neither, the current year. Throws PeriodError
 * for a date that is not a calendar date, an end before the start, or more than MAX_PERIOD_DAYS.
 */
export function statsPeriod(q: { from?: string | undefined; to?: string | undefined; preset?: PeriodPreset | undefined }, now: number): StatsPeriod {
  const base = presetPeriod(q.preset ?? 'year', now);
  const from = q.from ?? (q.to !== undefined && q.preset === undefined ? q.to : base.from);
  const to = q.to ?? (q.from !== undefined && q.preset === undefined ? beijingDate(now) : base.to);
  for (const [name, v] of [['from', from], ['to', to]] as const) {
    if (!isCalendarDate(v)) throw new PeriodError(`${name} must be a date YYYY-MM-DD, got ${JSON.stringify(v)}`);
  }
  if (to < from) throw new PeriodError(`the period ends (${to}) before it starts (${from})`);
  const fromAt = beijing(from);
  const toAt = beijing(to) + DAY_MS;
  if ((toAt - fromAt) / DAY_MS > MAX_PERIOD_DAYS) throw new PeriodError(`a period is at most ${MAX_PERIOD_DAYS} days`);
  return { from, to, fromAt, toAt };
}

export interface PeriodMonth {
  /** 'YYYY-MM'. */
  month: string;
  /** The part of the month inside the period, as dates (included) and instants ([fromAt, toAt)). */
  from: string;
  to: string;
  fromAt: number;
  toAt: number;
}

/** The Beijing calendar months the period touches, each clipped to the period. */
export function periodMonths(p: StatsPeriod): PeriodMonth[] {
  const out: PeriodMonth[] = [];
  let y = Number(p.from.slice(0, 4));
  let m = Number(p.from.slice(5, 7)) - 1;
  for (;;) {
    const first = firstOf(y, m);
    if (first > p.to) break;
    const last = dayBefore(firstOf(y, m + 1));
    const from = first < p.from ? p.from : first;
    const to = last > p.to ? p.to : last;
    out.push({ month: first.slice(0, 7), from, to, fromAt: beijing(from), toAt: beijing(to) + DAY_MS });
    m += 1;
    if (m === 12) {
      m = 0;
      y += 1;
    }
  }
  return out;
}
