// The monthly notification (issue 4 §7) of the caller's region, as JSON for the console, as XLSX (one row
// per region, Chinese headers) and as PDF (the notice itself). Readable by whoever reads the weekly report.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { toXlsx, type TabularColumn } from '../../platform/tabular.ts';
import { monthlyPdf } from '../monthly-pdf.ts';
import { renderedOrApiError } from '../../http/pdf-reply.ts';
import { ApiError } from '../../platform/errors.ts';
import type { MonthFigures, MonthlyReport } from '@ecoenforce/contract';
import { MONTH_PATTERN, monthOf, monthlyReport, previousMonth } from '../monthly.ts';
import { WARNING_KIND_ZH } from '../../compliance/index.ts';
import type { RouteContext } from '../../http/routes.ts';

const figures = z.object({
  units: z.number(), points: z.number(), expectedMinutes: z.number(), receivedMinutes: z.number(), transmissionRate: z.number().nullable(),
  exceededHours: z.number(), exceededDays: z.number(), exceedanceUnits: z.number(),
  warnings: z.number(), warningsByKind: z.record(z.string(), z.number()), pending: z.number(), confirmed: z.number(), dismissed: z.number(), dispatched: z.number(), closed: z.number(),
  supervised: z.number(), rectified: z.number(), punished: z.number(),
});
const pair = { current: figures, previous: figures };
const reportSchema = z.object({
  month: z.string(), previousMonth: z.string(), from: z.number(), to: z.number(),
  region: z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'city', 'county']) }),
  rows: z.array(z.object({ regionCode: z.string(), regionName: z.string(), ...pair })),
  total: z.object(pair),
}) satisfies z.ZodType<MonthlyReport>;

const percent = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 10_000) / 100);

/** The sheet: one row per region and a total; last month beside this month for the trend. */
async function monthlyXlsx(r: MonthlyReport): Promise<Buffer> {
  const kinds = [...new Set([r.total.current, r.total.previous].flatMap((f) => Object.keys(f.warningsByKind)))].sort();
  const columns: TabularColumn[] = [
    { key: 'code', header: '行政区划代码' }, { key: 'name', header: '地区' }, { key: 'units', header: '监控单位数' }, { key: 'points', header: '监控点位数' },
    { key: 'expectedMinutes', header: '应传分钟数据' }, { key: 'receivedMinutes', header: '实传分钟数据' }, { key: 'rate', header: '数据传输率(%)' }, { key: 'prevRate', header: '上月数据传输率(%)' },
    { key: 'exceededHours', header: '超标小时数' }, { key: 'prevExceededHours', header: '上月超标小时数' }, { key: 'exceededDays', header: '超标天数' },
    { key: 'exceedanceUnits', header: '超标单位数' }, { key: 'prevExceedanceUnits', header: '上月超标单位数' },
    { key: 'warnings', header: '预警数' }, { key: 'prevWarnings', header: '上月预警数' },
    ...kinds.map((k) => ({ key: `kind:${k}`, header: `预警：${WARNING_KIND_ZH[k] ?? k}` })),
    { key: 'pending', header: '待处理' }, { key: 'confirmed', header: '已确认' }, { key: 'dismissed', header: '已排除' }, { key: 'dispatched', header: '已派发' }, { key: 'closed', header: '已办结' },
    { key: 'supervised', header: '督办单位数' }, { key: 'prevSupervised', header: '上月督办单位数' }, { key: 'rectified', header: '完成整改单位数' },
    { key: 'punished', header: '受到行政处罚单位数（当月送达处罚决定书）' },
  ];
  const line = (code: string, name: string, c: MonthFigures, p: MonthFigures): Record<string, unknown> => ({
    code, name, units: c.units, points: c.points, expectedMinutes: c.expectedMinutes, receivedMinutes: c.receivedMinutes,
    // No minute expected (0/0): '—' as in the notice, never 0 (a rate of nothing is not a poor rate).
    rate: percent(c.transmissionRate) ?? '—', prevRate: percent(p.transmissionRate) ?? '—', exceededHours: c.exceededHours, prevExceededHours: p.exceededHours, exceededDays: c.exceededDays,
    exceedanceUnits: c.exceedanceUnits, prevExceedanceUnits: p.exceedanceUnits, warnings: c.warnings, prevWarnings: p.warnings,
    ...Object.fromEntries(kinds.map((k) => [`kind:${k}`, c.warningsByKind[k] ?? 0])),
    pending: c.pending, confirmed: c.confirmed, dismissed: c.dismissed, dispatched: c.dispatched, closed: c.closed,
    supervised: c.supervised, prevSupervised: p.supervised, rectified: c.rectified, punished: c.punished,
  });
  const rows = [...r.rows.map((x) => line(x.regionCode, x.regionName, x.current, x.previous)), line('', '合计', r.total.current, r.total.previous)];
  return toXlsx(columns, rows, `月度通报 ${r.month}`);
}

export function monthlyRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/reports/monthly',
    {
      config: { access: { permission: 'monitoring.read' } },
      schema: {
        tags: ['reports'],
        description:
          'The monthly notification of a Beijing calendar month (default: the previous full month) for the caller\'s region, one row per city (province users) or county ' +
          '(city users) and a total, with the previous month for the trend: units and points under automatic monitoring, transmission rate (minute values received ÷ ' +
          'expected), exceeded hours and days, warnings raised by kind and their status, units supervised, rectified and punished. format=xlsx gives the table, ' +
          'format=pdf the notice (Chinese, fonts bundled), rendered on a worker thread: 503 with Retry-After while the render queue is full.',
        querystring: z.object({
          month: z.string().regex(MONTH_PATTERN, 'a month as YYYY-MM').optional(),
          format: z.enum(['json', 'xlsx', 'pdf']).default('json'),
        }),
        response: { 200: reportSchema },
      },
    },
    async (req, typedReply) => {
      // The schema describes the JSON answer; a file goes out through the untyped reply, as in export.ts.
      const reply: FastifyReply = typedReply;
      const now = deps.now();
      const report = await monthlyReport(deps.database.db, req.scope!, req.query.month ?? previousMonth(monthOf(now)), now);
      if (req.query.format === 'json') return report;
      const file = `monthly-${report.region.code}-${report.month}.${req.query.format}`;
      if (req.query.format === 'pdf') {
        if (deps.pdf === undefined) throw new ApiError('internal', 'no PDF renderer configured');
        // Rendered on a worker thread; a full queue answers 503 with Retry-After (http/pdf-reply.ts).
        const pdf = await renderedOrApiError(monthlyPdf(deps.pdf, report, now), reply);
        reply.header('content-disposition', `attachment; filename="${file}"`);
        return reply.type('application/pdf').send(pdf);
      }
      reply.header('content-disposition', `attachment; filename="${file}"`);
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await monthlyXlsx(report));
    },
  );
}
