// The head's command-centre overview (apps/server/src/reports/overview.ts): GET /api/overview, today's
// warnings, the tasks overdue and due today, the cases by stage and the points online by city, of the
// caller's region, on the platform clock.
import { z } from 'zod';

const count = z.number().int().nonnegative();

export const overviewSchema = z.object({
  /** The platform time the figures were taken at. */
  at: z.number(),
  /** The Beijing day the "today" figures count: 'YYYY-MM-DD', and its bounds [dayStart, dayEnd). */
  day: z.string(),
  dayStart: z.number(),
  dayEnd: z.number(),
  region: z.object({ code: z.string(), name: z.string() }),
  warnings: z.object({
    total: count,
    /** Status new: not yet confirmed or dismissed. */
    open: count,
    /** Any other status: confirmed, dismissed, dispatched, closed. */
    handled: count,
    /** Severity high (严重). */
    serious: count,
    byKind: z.array(z.object({ kind: z.string(), count })),
    bySeverity: z.object({ high: count, medium: count, low: count }),
  }),
  tasks: z.object({ overdue: count, dueToday: count }),
  cases: z.object({ total: count, byState: z.array(z.object({ state: z.string(), count })) }),
  online: z.object({
    cities: z.array(z.object({ code: z.string(), name: z.string(), active: count, online: count, warning: count, offline: count, rate: z.number().nullable() })),
    total: z.object({ active: count, online: count, warning: count, offline: count, rate: z.number().nullable() }),
  }),
  /** The latest serious (high) warnings of the region, newest first, any day. */
  serious: z.array(z.object({ id: z.number(), kind: z.string(), enterpriseId: z.number(), enterpriseName: z.string(), status: z.string(), createdAt: z.number() })),
});
export type Overview = z.infer<typeof overviewSchema>;
