// Times are shown in Beijing time (the bureaus' and HJ 212's zone), whatever the browser's zone.
const fmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

export function beijing(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return fmt.format(new Date(ms)).replace(/\//g, '-');
}

export function num(v: unknown, digits = 2): string {
  if (typeof v === 'number') return (Math.round(v * 10 ** digits) / 10 ** digits).toString();
  return typeof v === 'string' ? v : '—';
}

const HOUR = 3600_000;
/** Beijing is UTC+8 all year (no daylight saving since 1991), so one constant offset is exact. */
const BEIJING_OFFSET = 8 * HOUR;

/**
 * ECharts draws a time axis in the browser's zone or, with `useUTC: true`, in UTC. Charts here set
 * `useUTC: true` and shift every time by +8 h, so ticks fall on Beijing hours and midnights and ECharts' own
 * labels read as Beijing time in any browser; values read back from the chart are shifted back.
 */
export const toChartTime = (ms: number): number => ms + BEIJING_OFFSET;
export const fromChartTime = (v: number): number => v - BEIJING_OFFSET;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Tooltip of an axis-triggered chart: the Beijing time of the hovered point, then each series' value. */
export function axisTooltip(params: unknown): string {
  const list = (Array.isArray(params) ? params : [params]) as Array<{ value?: unknown; marker?: string; seriesName?: string }>;
  const first = list.find((p) => Array.isArray(p.value));
  if (first === undefined) return '';
  const t = fromChartTime(Number((first.value as unknown[])[0]));
  const lines = list.filter((p) => Array.isArray(p.value)).map((p) => `${p.marker ?? ''}${escapeHtml(p.seriesName ?? '')} <b data-testid="chart-tooltip-value">${escapeHtml(num((p.value as unknown[])[1]))}</b>`);
  return [`<span data-testid="chart-tooltip-time">${beijing(t).slice(0, 16)}</span>`, ...lines].join('<br>');
}

/** The Beijing calendar month ('2026-11') holding `ms`. */
export function beijingMonth(ms: number): string {
  return beijing(ms).slice(0, 7);
}

/** Start and end (exclusive) of a Beijing calendar month given as 'YYYY-MM'. */
export function monthRange(month: string): { from: number; to: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: Date.UTC(y, m - 1, 1) - BEIJING_OFFSET, to: Date.UTC(y, m, 1) - BEIJING_OFFSET };
}

/** 'YYYY-MM-DDTHH:mm' in Beijing time, for a datetime-local input (which would otherwise use the browser's zone). */
export function beijingInput(ms: number): string {
  return beijing(ms).slice(0, 16).replace(' ', 'T');
}

/** A datetime-local value read as Beijing time; NaN when it is not one. */
export function parseBeijingInput(s: string): number {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s) ? Date.parse(`${s}:00+08:00`) : NaN;
}

/**
 * A session's browser in a few words ('Chrome · Linux') instead of the raw user-agent string, which a reader
 * cannot use; the full string stays in the element's title. '' without one.
 */
export function browserText(userAgent: string | null | undefined): string {
  if (userAgent === null || userAgent === undefined || userAgent === '') return '';
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : null;
  const system = /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Windows/.test(userAgent) ? 'Windows' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : null;
  return [browser, system].filter((x) => x !== null).join(' · ');
}

/** A unit as a Chinese screen writes it: HJ 212's 'degC' is ℃; others ('mg/m3', 'm3/h', '%') as they are. */
export function unitText(unit: string | null | undefined): string {
  if (unit === null || unit === undefined) return '';
  return unit === 'degC' ? '℃' : unit;
}

/**
 * A draw's period code ('2026-Q4', '2026-H2', '2026-11', '2026', as the API takes it) in words: 2026年第四季度,
 * 2026年下半年, 2026年11月, 2026年 (Chinese), or the code itself (English, or a form this does not know).
 */
export function periodText(period: string, language: string): string {
  if (language === 'en') return period;
  const m = /^(\d{4})(?:-(?:Q([1-4])|H([12])|(\d{2})))?$/.exec(period);
  if (m === null) return period;
  const [, year, quarter, half, month] = m;
  if (quarter !== undefined) return `${year}年第${'一二三四'[Number(quarter) - 1]}季度`;
  if (half !== undefined) return `${year}年${half === '1' ? '上' : '下'}半年`;
  if (month !== undefined) return `${year}年${Number(month)}月`;
  return `${year}年`;
}
