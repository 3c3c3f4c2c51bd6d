// An enterprise's annual permitted quantities (issue 4 §4): per outlet and pollutant, the mass emitted in
// the Beijing calendar year so far, the year-end forecast and the quantity the permit in force sets; read
// like the enterprise's other monitoring data (the company its own, the bureau its region).
import { z } from 'zod';
import type { AnnualReport } from '@ecoenforce/contract';
import { annualReport, beijingYearOf } from '../annual.ts';
import type { RouteContext } from '../../http/routes.ts';

const annualSchema = z.object({
  enterpriseId: z.number(),
  year: z.number(),
  from: z.number(),
  to: z.number(),
  asOf: z.number(),
  method: z.string(),
  rows: z.array(z.object({
    outletId: z.number(), outletCode: z.string(), outletKind: z.enum(['air', 'water']), factor: z.string(), factorName: z.string().nullable(), factorNameEn: z.string().nullable(),
    permittedT: z.number().nullable(), permitNumber: z.string().nullable(), ytdT: z.number(), hours: z.number(), recentDailyT: z.number().nullable(), forecastT: z.number(),
    status: z.enum(['within', 'forecast_over', 'over', 'no_quantity']),
  })),
}) satisfies z.ZodType<AnnualReport>;

export function annualRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/enterprises/:id/annual',
    {
      config: { access: { permission: 'monitoring.read', resource: 'enterprise' } },
      schema: {
        tags: ['compliance'],
        description:
          'Annual permitted quantities of a Beijing calendar year (default: this year): per outlet and pollutant the mass emitted to date (t), ' +
          'the year-end forecast (year to date + the mean hourly mass of the last 30 days with data × the hours left) and the permitted quantity in force',
        params: z.object({ id: z.coerce.number().int().positive() }),
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: annualSchema },
      },
    },
    async (req): Promise<AnnualReport> => {
      const now = deps.now();
      return annualReport(deps.database.db, req.params.id, req.query.year ?? beijingYearOf(now), now);
    },
  );
}
