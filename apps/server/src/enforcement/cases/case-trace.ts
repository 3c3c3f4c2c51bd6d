// The case-list filters that make each statistic traceable (issue 5 §10, DESIGN.md §7 "every number can be
// traced"): a figure of the statistics page counts the cases that had one of some actions performed in a period
// (opened = filed, decided, fined, exempted, transferred…), in a region, matter and industry; GET /api/cases
// with the same filters lists exactly those cases. The statistics queries and this list share the definitions
// below so the two cannot drift apart.
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { TRANSITIONS, isValidRegionCode, type CaseActionType } from '@ecoenforce/domain';
import { regionPrefix } from '../../access/index.ts';
import type { StatsPeriod } from '@ecoenforce/contract';
import { isCalendarDate, statsPeriod } from '../statistics/stats-period.ts';

/** The case figures and the actions (case_events.action) that count a case into each. */
export const CASE_MEASURE_ACTIONS = {
  // 立案: a case exists in law once filed (APL 54); a discovered, unfiled violation is not yet counted.
  opened: ['file'],
  decided: ['decide', 'decide_no_penalty', 'decide_waiver'],
  fined: ['decide'],
  // Exemptions: every 不予处罚决定, shown also apart: on a gate that says "shall not" (APL 33; [GD-A2]), and
  // the first-violation waivers where it says "may" (APL 33 ¶1).
  exempted: ['decide_no_penalty', 'decide_waiver'],
  noPenalty: ['decide_no_penalty'],
  waived: ['decide_waiver'],
  transferProposed: ['propose_transfer'],
  transferSent: ['send_transfer'],
  // The police open a criminal case at once or on reconsideration after a refusal (LNK art. 11).
  transferAccepted: ['police_accept', 'police_accept_on_reconsideration'],
} as const satisfies Record<string, readonly CaseActionType[]>;
export type CaseMeasure = keyof typeof CASE_MEASURE_ACTIONS;

/** 'none': enterprises without a GB/T 4754 industry code. */
export const NO_INDUSTRY = 'none';

export interface CaseTrace {
  actions: readonly CaseActionType[];
  period: StatsPeriod;
  /** A region code: its subtree (regionPrefix). */
  region?: string;
  matter?: string;
  /** A GB/T 4754 code, or NO_INDUSTRY. */
  industry?: string;
}

const ACTION_NAMES = new Set(Object.keys(TRANSITIONS));
const regionCode = z.string().max(6).refine(isValidRegionCode, 'a GB/T 2260 region code');

/** The query parameters GET /api/cases takes for a trace; all optional, `event` turns the trace on. */
export const caseTraceQuery = {
  event: z.string().max(200).refine((s) => s.split(',').every((a) => ACTION_NAMES.has(a)), 'comma-separated case actions').optional(),
  from: z.string().refine(isCalendarDate, 'a date YYYY-MM-DD').optional(),
  to: z.string().refine(isCalendarDate, 'a date YYYY-MM-DD').optional(),
  region: regionCode.optional(),
  matter: z.string().max(60).optional(),
  industry: z.string().max(20).optional(),
};

/** The trace of validated query parameters, or undefined when none is asked. Throws PeriodError. */
export function caseTraceOf(q: { event?: string | undefined; from?: string | undefined; to?: string | undefined; region?: string | undefined; matter?: string | undefined; industry?: string | undefined }, now: number): CaseTrace | undefined {
  if (q.event === undefined && q.from === undefined && q.to === undefined && q.region === undefined && q.matter === undefined && q.industry === undefined) return undefined;
  const actions = (q.event?.split(',') ?? []) as CaseActionType[];
  return {
    actions,
    period: statsPeriod({ from: q.from, to: q.to }, now),
    ...(q.region ? { region: q.region } : {}),
    ...(q.matter ? { matter: q.matter } : {}),
    ...(q.industry ? { industry: q.industry } : {}),
  };
}

/** Query parameters of GET /api/cases for a figure's cell. */
export function traceParams(t: CaseTrace): Record<string, string> {
  return {
    event: t.actions.join(','), from: t.period.from, to: t.period.to,
    ...(t.region ? { region: t.region } : {}), ...(t.matter ? { matter: t.matter } : {}), ...(t.industry ? { industry: t.industry } : {}),
  };
}

/**
 * The trace as SQL on a query over `cases as c` joined to `enterprises as e`: an event of the actions in the
 * period (EXISTS, so a case counts once however many events it has), and the region, matter and industry.
 * Without actions the period is not applied (a trace of region/matter/industry alone).
 */
export function withTrace<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, t: CaseTrace): SelectQueryBuilder<DB, TB, O> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let out = q as SelectQueryBuilder<any, any, O>;
  if (t.actions.length > 0) {
    out = out.where((eb: ExpressionBuilder<any, any>) => eb.exists( // eslint-disable-line @typescript-eslint/no-explicit-any
      eb.selectFrom('case_events as ev').select('ev.id').whereRef('ev.case_id', '=', 'c.id')
        .where('ev.action', 'in', [...t.actions]).where('ev.at', '>=', t.period.fromAt).where('ev.at', '<', t.period.toAt),
    ));
  }
  if (t.region !== undefined) out = out.where('e.region_code', 'like', `${regionPrefix(t.region)}%`);
  if (t.matter !== undefined) out = out.where('c.matter_code', '=', t.matter);
  if (t.industry !== undefined) out = t.industry === NO_INDUSTRY ? out.where('e.industry_code', 'is', null) : out.where('e.industry_code', '=', t.industry);
  return out as SelectQueryBuilder<DB, TB, O>;
}
