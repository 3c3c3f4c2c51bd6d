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
