// Reports: the weekly serious-exceedance list (issue 4 §7), scoped to the caller's region, exportable.
import { z } from 'zod';
import type { WeeklyReport } from '@ecoenforce/contract';
import { sendExport } from '../../http/export.ts';
import { regionNames } from '../../platform/export-labels.ts';
import { timeParam } from '../../access/index.ts';
import { weekStart, weeklyList, WEEK } from '../weekly.ts';
import type { RouteContext } from '../../http/routes.ts';

const row = z.object({
  enterpriseId: z.number(), enterpriseName: z.string(), regionCode: z.string(), exceededHours: z.number(), exceededDays: z.number(), worstRatio: z.number(), serious: z.boolean(),
  factors: z.array(z.string()), factorNames: z.array(z.string()), factorNamesEn: z.array(z.string()), previousHours: z.number(), previousStatuses: z.record(z.string(), z.number()),
});
// The export (issue 14 §6): Chinese headers and values, the region by name.
const COLUMNS = [
  { key: 'enterpriseName', header: '单位' }, { key: 'region', header: '行政区划' }, { key: 'exceededHours', header: '超标小时数' }, { key: 'exceededDays', header: '超标天数' },
  { key: 'worstRatio', header: '最大超标倍数（监测值/限值）' }, { key: 'seriousText', header: '严重超标' }, { key: 'factorsText', header: '超标因子' },
  { key: 'previousHours', header: '上周超标小时数' },
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
        const regions = await regionNames(deps.database.db, rows.map((r) => r.regionCode));
        return sendExport(reply, req.query.format, 'weekly-exceedance', COLUMNS, rows.map((r) => ({
          enterpriseName: r.enterpriseName, region: regions.get(r.regionCode) ?? r.regionCode, exceededHours: r.exceededHours, exceededDays: r.exceededDays,
          worstRatio: r.worstRatio, seriousText: r.serious ? '是' : '否', factorsText: r.factorNames.join('、'), previousHours: r.previousHours,
        })), '超标周报');
      }
      const report: WeeklyReport = { weekStart: start, weekEnd: start + WEEK, rows };
      return report;
    },
  );
}
