// Figures in the style the bureaus publish them: "1,281 起案件，罚款 10,707 万元" / "1,281 cases, 107.07
// million yuan". Chinese counts money in 万 (10^4), English in millions; small sums stay in yuan.
import type { Measure, StatsCell } from '@ecoenforce/contract';

/** A count with thousands separators: 1281 → "1,281". */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** An amount of yuan as words of the language: 107_070_000 → "10,707 万元" / "107.07 million yuan". */
export function yuan(amount: number, lang: string): string {
  if (lang.startsWith('zh')) {
    if (Math.abs(amount) < 10_000) return `${count(amount)} 元`;
    const wan = amount / 10_000;
    return `${wan.toLocaleString('en-US', { maximumFractionDigits: 2 })} 万元`;
  }
  if (Math.abs(amount) < 1_000_000) return `${count(amount)} yuan`;
  return `${(amount / 1_000_000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} million yuan`;
}

const MONEY: ReadonlySet<Measure> = new Set(['fineAmount', 'dailyPenaltyAmount']);

/** A table cell's text: counts with separators, money in the language's unit, the rate in per cent. */
export function cellText(m: Measure, cell: StatsCell | undefined, lang: string): string {
  const v = cell?.value;
  if (v === null || v === undefined) return '—';
  if (m === 'rectRate') return `${(v * 100).toFixed(1)}%`;
  return MONEY.has(m) ? yuan(v, lang) : count(v);
}
