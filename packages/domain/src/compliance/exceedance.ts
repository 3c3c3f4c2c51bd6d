// Exceedance on closed periods (issue 4 §4): a normal aggregate against the limit in force, on the basis
// and reference O2 its standard or permit sets; multiple = (C − limit) / limit; consecutive periods of one
// factor merge into one episode. Only `normal` aggregates prove anything (rules.md §1).
import type { Aggregate } from './aggregate.ts';
import type { Finding, Severity } from './types.ts';

export type LimitBasis = 'hourly' | 'daily' | '24h_composite' | 'instant';

export interface LimitRow {
  factor: string;
  limit: number;
  unit: string;
  basis: LimitBasis;
  /** Judge the O2-converted value against this reference O2 (%); null: the measured value. */
  referenceO2: number | null;
  /** Where the limit comes from: a permit number or a standard row id, for the finding's evidence. */
  source: string;
}

export interface Judgement {
  exceeded: boolean;
  /** The value compared: converted when the limit has a reference O2, else the mean. */
  value: number;
  limit: number;
  /** (value − limit) / limit; negative when within the limit. */
  multiple: number;
}

/** The basis an aggregate's period kind answers. */
export function basisOf(periodKind: Aggregate['periodKind']): LimitBasis {
  return periodKind === 'hour' ? 'hourly' : 'daily';
}

/** Null when the aggregate cannot prove anything: not normal, wrong basis, or no comparable value. */
export function judge(agg: Aggregate, limit: LimitRow): Judgement | null {
  if (agg.status !== 'normal' || agg.factor !== limit.factor || basisOf(agg.periodKind) !== limit.basis) return null;
  const value = limit.referenceO2 === null ? agg.mean : agg.converted;
  if (value === null) return null;
  const multiple = (value - limit.limit) / limit.limit;
  return { exceeded: value > limit.limit, value, limit: limit.limit, multiple };
}

/** Severity of an episode by its worst multiple: ≥ 1 (twice the limit) is serious. */
export function severityOf(worstMultiple: number): Severity {
  if (worstMultiple >= 1) return 'high';
  if (worstMultiple >= 0.5) return 'medium';
  return 'low';
}

export interface ExceededPeriod {
  agg: Aggregate;
  judgement: Judgement;
  limit: LimitRow;
}

const PERIOD_MS = { hour: 3600_000, day: 86_400_000 } as const;

/** The warning's one-line summary; an extended warning gets it again over the whole episode. */
export function exceedanceMessage(factor: string, limit: { basis: string; limit: number; unit: string }, periods: number, periodKind: string, worstMultiple: number): string {
  return `${factor} over its ${limit.basis} limit ${limit.limit} ${limit.unit} for ${periods} ${periodKind}(s), up to ${(worstMultiple + 1).toFixed(2)}× the limit`;
}

/**
 * Consecutive exceeded periods of one factor and limit become one episode finding. Input in any order;
 * a gap of one or more periods starts a new episode.
 */
export function episodes(periods: readonly ExceededPeriod[]): Finding[] {
  const sorted = [...periods].filter((p) => p.judgement.exceeded).sort((a, b) => a.agg.factor.localeCompare(b.agg.factor) || a.agg.periodStart - b.agg.periodStart);
  const out: Finding[] = [];
  let run: ExceededPeriod[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const first = run[0]!;
    const last = run.at(-1)!;
    const step = PERIOD_MS[first.agg.periodKind];
    const worst = Math.max(...run.map((p) => p.judgement.multiple));
    out.push({
      kind: 'exceedance',
      severity: severityOf(worst),
      from: first.agg.periodStart,
      to: last.agg.periodStart + step,
      factor: first.agg.factor,
      message: exceedanceMessage(first.agg.factor, first.limit, run.length, first.agg.periodKind, worst),
      evidence: {
        times: run.map((p) => p.agg.periodStart),
        values: run.map((p) => p.judgement.value),
        frameIds: run.flatMap((p) => p.agg.frameIds),
        params: { periods: run.length, worstMultiple: worst, multiples: run.map((p) => p.judgement.multiple) },
        rule: { ...first.limit },
      },
    });
    run = [];
  };
  for (const p of sorted) {
    const prev = run.at(-1);
    if (prev !== undefined && (prev.agg.factor !== p.agg.factor || p.agg.periodStart - prev.agg.periodStart !== PERIOD_MS[p.agg.periodKind] || prev.limit.source !== p.limit.source)) flush();
    run.push(p);
  }
  flush();
  return out;
}

export interface SeriousRule {
  /** Any hourly value at or above this many times its limit (default 2). */
  ratio: number;
  /** Or at least this many exceedance hours in the week (default 12). */
  hours: number;
}

export const DEFAULT_SERIOUS: SeriousRule = { ratio: 2, hours: 12 };

/**
 * Weekly serious exceedance (issue 4 §7; no national definition: configurable): the unit's exceeded hours
 * of the week qualify when any value is ≥ ratio × limit or there are ≥ `hours` of them.
 */
export function isSerious(hours: readonly Judgement[], rule: SeriousRule = DEFAULT_SERIOUS): boolean {
  const exceeded = hours.filter((h) => h.exceeded);
  return exceeded.some((h) => h.value >= rule.ratio * h.limit) || exceeded.length >= rule.hours;
}
