// The rectification list's filters (issue 5 §7, §10): what a statistics cell counts — orders issued, closed
// (judged at re-inspection) or re-inspected in a period, in a region, matter and industry, by outcome, on time
// or late, with a daily-penalty round — and what the console asks for (overdue now). The statistics
// (stats-queries.ts rectificationCounts, dailyPenaltyCounts) and this list apply the same conditions, so a
// cell's number is the number of rows its link lists (DESIGN.md §7 "every number can be traced").
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { isValidRegionCode } from '@ecoenforce/domain';
import { regionPrefix } from '../../access/index.ts';
import { NO_INDUSTRY } from '../cases/case-trace.ts';
import { isCalendarDate, PeriodError, statsPeriod } from '../statistics/stats-period.ts';
import { RectificationError, type RectificationRow } from './rectification.ts';

export const RECTIFICATION_STATUSES = ['open', 'proof_submitted', 'reinspecting', 'corrected', 'not_corrected', 'cancelled'] as const;
type Status = RectificationRow['status'];

/** Which instant of an order the period applies to: its service, its closing, its re-inspection. */
export const PERIOD_DATES = ['ordered', 'closed', 'reinspected'] as const;
export type PeriodDate = (typeof PERIOD_DATES)[number];

/** 'none': orders made without a case (no matter); the statistics' matter row '' holds them. */
export const NO_MATTER = 'none';

const STATUS_SET = new Set<string>(RECTIFICATION_STATUSES);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** GET /api/rectifications' filter parameters, all optional; a bad value is the API's 400. */
export const rectificationListQuery = {
  status: z.string().max(120).refine((s) => s.split(',').every((x) => STATUS_SET.has(x)), `comma-separated statuses: ${RECTIFICATION_STATUSES.join(', ')}`).optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  caseId: z.coerce.number().int().positive().optional(),
  by: z.enum(PERIOD_DATES).optional(),
  from: z.string().refine(isCalendarDate, 'a date YYYY-MM-DD').optional(),
  to: z.string().refine(isCalendarDate, 'a date YYYY-MM-DD').optional(),
  region: z.string().max(6).refine(isValidRegionCode, 'a GB/T 2260 region code').optional(),
  matter: z.string().trim().min(1).max(60).optional(),
  industry: z.string().trim().min(1).max(20).optional(),
  onTime: bool.optional(),
  dailyPenalty: bool.optional(),
  overdue: bool.optional(),
};

type Query = { [K in keyof typeof rectificationListQuery]?: z.output<(typeof rectificationListQuery)[K]> };

export interface RectificationListFilter {
  statuses?: Status[];
  enterpriseId?: number;
  caseId?: number;
  /** [fromAt, toAt) on the order's `by` instant (with dailyPenalty and 'reinspected': the round's). */
  period?: { by: PeriodDate; from: string; to: string; fromAt: number; toAt: number };
  /** A region code: its subtree, on the order's region (as the statistics group it). */
  region?: string;
  /** A matter code of the order's case, or NO_MATTER. */
  matter?: string;
  /** A GB/T 4754 code of the enterprise, or NO_INDUSTRY. */
  industry?: string;
  /** Closed no later than the deadline (true) or after it (false). */
  onTime?: boolean;
  /** Has a daily-penalty round that carried a fine [EPL 59, DPM]. */
  dailyPenalty?: boolean;
  /** A clock overdue at the platform time: the enterprise's deadline or the 30-day re-inspection [DPM]. */
  overdue?: boolean;
}

/**
 * The filter of validated query parameters. The period applies when from, to or by is given (missing ends as
 * the statistics take them: the current year); by defaults to 'ordered'. A period the statistics would refuse
 * (end before start, too long) is bad_input.
 */
export function rectificationFilterOf(q: Query, now: number): RectificationListFilter {
  let period: RectificationListFilter['period'];
  if (q.from !== undefined || q.to !== undefined || q.by !== undefined) {
    try {
      period = { by: q.by ?? 'ordered', ...statsPeriod({ from: q.from, to: q.to }, now) };
    } catch (err) {
      if (err instanceof PeriodError) throw new RectificationError('bad_input', err.message, 'from');
      throw err;
    }
  }
  return {
    ...(q.status !== undefined ? { statuses: q.status.split(',') as Status[] } : {}),
    ...(q.enterpriseId !== undefined ? { enterpriseId: q.enterpriseId } : {}),
    ...(q.caseId !== undefined ? { caseId: q.caseId } : {}),
    ...(period ? { period } : {}),
    ...(q.region !== undefined ? { region: q.region } : {}),
    ...(q.matter !== undefined ? { matter: q.matter } : {}),
    ...(q.industry !== undefined ? { industry: q.industry } : {}),
    ...(q.onTime !== undefined ? { onTime: q.onTime } : {}),
    ...(q.dailyPenalty !== undefined ? { dailyPenalty: q.dailyPenalty } : {}),
    ...(q.overdue !== undefined ? { overdue: q.overdue } : {}),
  };
}

const DATE_COLUMN = { ordered: 'r.ordered_at', closed: 'r.closed_at', reinspected: 'r.reinspected_at' } as const;

/**
 * The filter as SQL on a query over `rectifications as r` joined to `enterprises as e` and (left) `cases as c`.
 * Overdue mirrors rectificationClocks (packages/domain): a clock is overdue once its deadline has expired and it
 * is not done — the enterprise's by its first proof or the re-inspection, the bureau's by the re-inspection; a
 * cancelled order has no clocks.
 */
export function withRectificationFilter<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, f: RectificationListFilter, now: number): SelectQueryBuilder<DB, TB, O> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let out = q as SelectQueryBuilder<any, any, O>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Eb = ExpressionBuilder<any, any>;
  if (f.statuses !== undefined) out = out.where('r.status', 'in', f.statuses);
  if (f.enterpriseId !== undefined) out = out.where('r.enterprise_id', '=', f.enterpriseId);
  if (f.caseId !== undefined) out = out.where('r.case_id', '=', f.caseId);
  const p = f.period;
  // The daily-penalty statistics date the round, not the order: the period moves into the EXISTS.
  const roundPeriod = p !== undefined && f.dailyPenalty === true && p.by === 'reinspected';
  if (p !== undefined && !roundPeriod) out = out.where(DATE_COLUMN[p.by], '>=', p.fromAt).where(DATE_COLUMN[p.by], '<', p.toAt);
  if (f.region !== undefined) out = out.where('r.region_code', 'like', `${regionPrefix(f.region)}%`);
  // 'none' is the statistics' key '' (COALESCE(column, '')): no value, or an empty one.
  const none = (column: string) => (eb: Eb) => eb.or([eb(column, 'is', null), eb(column, '=', '')]);
  if (f.matter !== undefined) out = f.matter === NO_MATTER ? out.where(none('c.matter_code')) : out.where('c.matter_code', '=', f.matter);
  if (f.industry !== undefined) out = f.industry === NO_INDUSTRY ? out.where(none('e.industry_code')) : out.where('e.industry_code', '=', f.industry);
  if (f.onTime !== undefined) out = out.where('r.closed_at', 'is not', null).where('r.closed_at', f.onTime ? '<=' : '>', (eb: Eb) => eb.ref('r.deadline_at'));
  if (f.dailyPenalty !== undefined) {
    const rounds = (eb: Eb) => {
      let s = eb.selectFrom('daily_penalty_rounds as d').select('d.id').whereRef('d.rectification_id', '=', 'r.id').where('d.amount', '>', 0);
      if (roundPeriod) s = s.where('d.reinspected_at', '>=', p.fromAt).where('d.reinspected_at', '<', p.toAt);
      return eb.exists(s);
    };
    out = out.where((eb: Eb) => (f.dailyPenalty === true ? rounds(eb) : eb.not(rounds(eb))));
  }
  if (f.overdue !== undefined) {
    const overdue = (eb: Eb) =>
      eb.and([
        eb('r.status', '!=', 'cancelled'),
        eb('r.reinspected_at', 'is', null),
        eb.or([
          eb('r.reinspect_by', '<=', now),
          eb.and([eb('r.deadline_at', '<=', now), eb.not(eb.exists(eb.selectFrom('rectification_proofs as pf').select('pf.id').whereRef('pf.rectification_id', '=', 'r.id')))]),
        ]),
      ]);
    out = out.where((eb: Eb) => (f.overdue === true ? overdue(eb) : eb.not(overdue(eb))));
  }
  return out as SelectQueryBuilder<DB, TB, O>;
}
