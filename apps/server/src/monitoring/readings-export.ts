// One point's readings of one period kind over a range as a table for Excel / CSV (issue 14): a row per
// period with its Beijing time, a column per factor (its Chinese name and unit in the header, the period's
// average — the real-time value for rtd — as a number), and the data flags that are not N in words.
import { factorInfo } from '@ecoenforce/hj212';
import { unitZh } from '../platform/export-labels.ts';
import type { PeriodKind } from './gateway/sink.ts';
import type { readingsRepository } from './repositories/readings.ts';
import type { StoredFactor } from './repositories/readings-codec.ts';

/** Beijing time is UTC+8 all year (no daylight saving). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** HJ 212-2017 data flags (数据标记, the Flag field); N (正常) is not repeated on every row. */
const FLAG_ZH: Record<string, string> = { N: '正常', F: '排放源停运', M: '维护', S: '手工输入', D: '故障', C: '校准', T: '超测定上限', B: '通讯异常' };

export interface ReadingsTable {
  columns: Array<{ key: string; header: string }>;
  rows: Array<Record<string, string | number | null>>;
  /** True when the range held more periods than `max` and only the first `max` are in the table. */
  truncated: boolean;
}

/** 'YYYY-MM-DD HH:mm' (with :ss for real-time data) in Beijing time. */
function beijingText(t: number, seconds: boolean): string {
  const iso = new Date(t + BEIJING_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, seconds ? 19 : 16)}`;
}

function valueOf(f: StoredFactor): number | null {
  const v = f.avg ?? f.rtd ?? null;
  return v === null || !Number.isFinite(v) ? null : v;
}

/** The factor's column key: its 2017 code when it has one, so a 2005 logger's columns line up with a 2017 one's. */
const keyOf = (f: StoredFactor): string => (f.code2017 === '' ? f.code : f.code2017);

export async function readingsTable(
  readings: ReturnType<typeof readingsRepository>,
  q: { pointId: number; periodKind: PeriodKind; from: number; to: number },
  max: number,
): Promise<ReadingsTable> {
  const order: string[] = [];
  const rows: Array<Record<string, string | number | null>> = [];
  let truncated = false;
  for await (const period of readings.stream(q, 2000)) {
    if (rows.length >= max) {
      truncated = true;
      break;
    }
    const row: Record<string, string | number | null> = { time: beijingText(period.periodStart, q.periodKind === 'rtd') };
    const flags: string[] = [];
    for (const f of period.factors) {
      const key = keyOf(f);
      if (!order.includes(key)) order.push(key);
      row[`f:${key}`] = valueOf(f);
      if (f.flag !== undefined && f.flag !== null && f.flag !== 'N') flags.push(`${factorInfo(key)?.nameZh ?? key}${FLAG_ZH[f.flag] ?? f.flag}`);
    }
    row.flags = flags.join('；');
    rows.push(row);
  }
  const columns = [
    { key: 'time', header: '时间' },
    ...order.map((code) => {
      const info = factorInfo(code);
      const unit = unitZh(info?.unit ?? '');
      return { key: `f:${code}`, header: `${info?.nameZh ?? code}${unit === '' ? '' : `（${unit}）`}` };
    }),
    { key: 'flags', header: '标记' },
  ];
  return { columns, rows, truncated };
}
