// An enterprise's 12-month compliance grid (issue 4 §8): points × factors with a limit × Beijing months,
// read like the enterprise's other data (the company its own, the bureau its region).
import { z } from 'zod';
import type { ComplianceGrid } from '@ecoenforce/contract';
import { beijingMonthOf, complianceGrid } from '../compliance-grid.ts';
import type { RouteContext } from '../../http/routes.ts';

const STATUS = z.enum(['compliant', 'exceeded', 'insufficient', 'no_data', 'no_limit']);
const gridSchema = z.object({
  enterpriseId: z.number(),
  months: z.array(z.object({ month: z.string(), from: z.number(), to: z.number() })),
  minValidShare: z.number(),
  rows: z.array(z.object({
    pointId: z.number(), mn: z.string(), outletCode: z.string(), outletKind: z.enum(['air', 'water']), factor: z.string().nullable(), factorName: z.string().nullable(), factorNameEn: z.string().nullable(),
    limits: z.array(z.object({ basis: z.enum(['hourly', 'daily']), limit: z.number(), unit: z.string(), referenceO2: z.number().nullable(), permitNumber: z.string().nullable(), from: z.number(), to: z.number() })),
    cells: z.array(z.object({
      month: z.string(), status: STATUS, exceededHours: z.number().nullable(), exceededDays: z.number().nullable(), validHours: z.number(), expectedHours: z.number(),
      validShare: z.number().nullable(), warnings: z.record(z.string(), z.number()),
    })),
  })),
}) satisfies z.ZodType<ComplianceGrid>;

export function gridRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/enterprises/:id/compliance-grid',
    {
      config: { access: { permission: 'monitoring.read', resource: 'enterprise' } },
      schema: {
        tags: ['compliance'],
        description:
          'The last 12 Beijing calendar months up to `to` (default: this month): per point and factor with a limit, exceeded hours (hourly limits) and days (daily limits) ' +
          'against the limit in force, the share of hours with a valid value, warnings by kind, and a status (compliant, exceeded, insufficient, no_data, no_limit)',
        params: z.object({ id: z.coerce.number().int().positive() }),
        querystring: z.object({ to: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM').optional() }),
        response: { 200: gridSchema },
      },
    },
    async (req): Promise<ComplianceGrid> => {
      const now = deps.now();
      return complianceGrid(deps.database.db, req.params.id, req.query.to ?? beijingMonthOf(now), now);
    },
  );
}
