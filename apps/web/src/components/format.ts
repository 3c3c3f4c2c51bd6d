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
