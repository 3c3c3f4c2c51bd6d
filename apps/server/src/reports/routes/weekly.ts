// Reports: the weekly serious-exceedance list (issue 4 §7), scoped to the caller's region, exportable.
import { z } from 'zod';
import type { WeeklyReport } from '@ecoenforce/contract';
import { sendExport } from '../../http/export.ts';
import { timeParam } from '../../access/index.ts';
import { weekStart, weeklyList, WEEK } from '../weekly.ts';
import type { RouteContext } from '../../http/routes.ts';

const row = z.object({
  enterpriseId: z.number(), enterpriseName: z.string(), regionCode: z.string(), exceededHours: z.number(), exceededDays: z.number(), worstRatio: z.number(), serious: z.boolean(),
  factors: z.array(z.string()), factorNames: z.array(z.string()), factorNamesEn: z.array(z.string()), previousHours: z.number(), previousStatuses: z.record(z.string(), z.number()),
});
const COLUMNS = [
  { key: 'enterpriseName', header: '单位 Enterprise' }, { key: 'regionCode', header: '行政区划 Region' }, { key: 'exceededHours', header: '超标小时 Exceeded hours' }, { key: 'exceededDays', header: '超标天数 Exceeded days' },
  { key: 'worstRatio', header: '最大超标倍数 Worst value/limit' }, { key: 'seriousText', header: '严重超标 Serious' }, { key: 'factorsText', header: '因子 Factors' },
  { key: 'previousHours', header: '上周超标小时 Last week' },
];

export function reportRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/reports/weekly',
    {
      config: { access: { permission: 'monitoring.read' } },
      schema: {
        tags: ['reports'],
        description: 'Units with exceedances in the week (Monday 00:00 Beijing), serious ones first; serious = any hour ≥ 2× its limit or ≥ 12 exceeded hours',
        querystring: z.object({ week: timeParam.optional(), format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
        response: { 200: z.object({ weekStart: z.number(), weekEnd: z.number(), rows: z.array(row) }) satisfies z.ZodType<WeeklyReport> },
      },
    },
    async (req, reply) => {
      const start = weekStart(req.query.week ?? deps.now());
      const rows = await weeklyList(deps.database.db, req.scope!, start);
      if (req.query.format !== 'json') {
        return sendExport(reply, req.query.format, 'weekly-exceedance', COLUMNS, rows.map((r) => ({ ...r, seriousText: r.serious ? '是 yes' : '否 no', factorsText: r.factorNames.join('、') })));
      }
      const report: WeeklyReport = { weekStart: start, weekEnd: start + WEEK, rows };
      return report;
    },
  );
}
