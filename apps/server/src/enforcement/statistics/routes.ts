// Enforcement statistics (issue 5 §10) of the caller's region: JSON with a list link per cell, or XLSX.
import { z } from 'zod';
import { ApiError } from '../../platform/errors.ts';
import { sendExport } from '../../http/export.ts';
import { enforcementStats, statsTable, STATS_COLUMNS } from './enforcement-stats.ts';
import { isCalendarDate, PeriodError, statsPeriod } from './stats-period.ts';
import { caseTraceOf, type CaseTrace } from '../cases/case-trace.ts';
import type { RouteContext } from '../../http/routes.ts';

const date = z.string().refine(isCalendarDate, 'a date YYYY-MM-DD');

/** A period the service refuses (end before start, too long) as the API's 400. */
function badPeriod<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof PeriodError) throw new ApiError('bad_request', err.message);
    throw err;
  }
}

/** GET /api/cases' trace filters (case-trace.ts) from its query, a bad period being a 400. */
export function traceOrBadRequest(q: Parameters<typeof caseTraceOf>[0], now: number): CaseTrace | undefined {
  return badPeriod(() => caseTraceOf(q, now));
}

export function enforcementStatsRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/stats/enforcement',
    {
      config: { access: { permission: 'stats.read' } },
      schema: {
        tags: ['stats'],
        description:
          'Cases opened (filed) and decided, fines (count, yuan), exemptions (no-penalty decisions: `exempted` = `noPenalty` on a gate that says shall not + `waived`, first-violation waivers of APL 33 ¶1), transfers to the police (proposed, sent, accepted), ' +
          'rectification orders, closures, rate (corrected ÷ closed) and on time/late, daily penalties, in the caller\'s region for a period of Beijing ' +
          'dates (from/to included; or preset month|quarter|year holding today; default this year), grouped by the next region level, matter, industry or month. ' +
          'Each cell has `link`: the list request (path and query) of what it counts. format=xlsx downloads the same numbers.',
        querystring: z.object({
          from: date.optional(),
          to: date.optional(),
          preset: z.enum(['month', 'quarter', 'year']).optional(),
          groupBy: z.enum(['region', 'matter', 'industry', 'month']).default('region'),
          format: z.enum(['json', 'xlsx']).default('json'),
        }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const period = badPeriod(() => statsPeriod({ from: q.from, to: q.to, preset: q.preset }, deps.now()));
      const stats = await enforcementStats(deps.database.db, req.scope!, req.principal!.regionCode, period, q.groupBy);
      if (q.format === 'xlsx') return sendExport(reply, 'xlsx', `enforcement-${q.groupBy}-${period.from}-${period.to}`, [...STATS_COLUMNS], statsTable(stats), '执法统计');
      return stats;
    },
  );
}
