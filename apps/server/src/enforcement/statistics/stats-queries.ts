// The SQL of the enforcement statistics (issue 5 §10): one aggregate query per source table, grouped in the
// database by a key (the case's region code, matter, industry code, or the Beijing month of the event), so a
// province's year is a few hundred result rows, never its cases. Plain Kysely that runs on SQLite and
// PostgreSQL: conditional aggregates (CASE inside COUNT/SUM), the month as a CASE over the period's month
// bounds (no dialect date functions), GROUP BY the output alias (both dialects accept it; writing the
// expression twice would give PostgreSQL two parameter lists it cannot match).
import { sql, type AliasableExpression, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Schema } from '../../platform/db/schema.ts';
import { type Scope, inScope } from '../../access/index.ts';
import { CASE_MEASURE_ACTIONS, type CaseMeasure } from '../cases/case-trace.ts';
import type { StatsPeriod } from '@ecoenforce/contract';
import type { PeriodMonth } from './stats-period.ts';

/** How rows are keyed. 'none' is the total: one row, no GROUP BY. */
export type StatsKey = 'region' | 'matter' | 'industry' | 'month' | 'none';

export interface KeySpec {
  key: StatsKey;
  period: StatsPeriod;
  /** The period's months (for key 'month'). */
  months: readonly PeriodMonth[];
}

type Counts = Record<string, number>;
/** Raw key (region code, matter code, industry code or '', month) → figures. */
export type KeyedCounts = Map<string, Counts>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Eb = ExpressionBuilder<any, any>;

/** The month of an instant column as 'YYYY-MM', by the period's Beijing month bounds. */
function monthOf(eb: Eb, column: string, months: readonly PeriodMonth[]): AliasableExpression<string | null> {
  if (months.length === 0) return sql<string | null>`null`;
  // Bounds and labels are computed here, never user text, so they are inlined as literals.
  let c = eb.case().when(eb(column, '<', sql.lit(months[0]!.toAt))).then(sql.lit(months[0]!.month));
  for (const m of months.slice(1)) c = c.when(eb(column, '<', sql.lit(m.toAt))).then(sql.lit(m.month));
  return c.else(sql.lit<string | null>(null)).end();
}

function keyExpr(eb: Eb, s: KeySpec, cols: { region: string; matter: string; at: string }): AliasableExpression<unknown> {
  switch (s.key) {
    case 'region':
      return eb.ref(cols.region);
    case 'matter':
      return eb.fn.coalesce(eb.ref(cols.matter), sql.lit(''));
    case 'industry':
      return eb.fn.coalesce(eb.ref('e.industry_code'), sql.lit(''));
    case 'month':
      return monthOf(eb, cols.at, s.months);
    case 'none':
      return sql.lit('');
  }
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
/** A group key as text: the key columns are text, null for no matter or industry. */
const keyOf = (k: unknown): string => (typeof k === 'string' ? k : '');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function grouped<Q extends { groupBy: (g: any) => Q }>(q: Q, s: KeySpec): Q {
  return s.key === 'none' ? q : q.groupBy(sql.ref('k'));
}

/**
 * The case figures: each a count of distinct cases with one of its actions in the period, and the fines'
 * sum (cases.amount is the discretion result the decision imposed; a case is decided once).
 */
export async function caseCounts(db: Kysely<Schema>, scope: Scope, s: KeySpec): Promise<KeyedCounts> {
  const all = [...new Set(Object.values(CASE_MEASURE_ACTIONS).flat())];
  const q = inScope(
    db.selectFrom('case_events as ev').innerJoin('cases as c', 'c.id', 'ev.case_id').innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
      .where('ev.action', 'in', all).where('ev.at', '>=', s.period.fromAt).where('ev.at', '<', s.period.toAt),
    scope,
  ).select((eb) => {
    const measures = (Object.keys(CASE_MEASURE_ACTIONS) as CaseMeasure[]).map((m) =>
      eb.fn.count(eb.case().when('ev.action', 'in', [...CASE_MEASURE_ACTIONS[m]]).then(eb.ref('ev.case_id')).end()).distinct().as(m),
    );
    return [
      keyExpr(eb, s, { region: 'c.region_code', matter: 'c.matter_code', at: 'ev.at' }).as('k'),
      ...measures,
      eb.fn.sum(eb.case().when('ev.action', 'in', [...CASE_MEASURE_ACTIONS.fined]).then(eb.ref('c.amount')).end()).as('fineAmount'),
    ];
  });
  const rows = await grouped(q, s).execute();
  const out: KeyedCounts = new Map();
  for (const r of rows as Array<Record<string, unknown>>) {
    const counts: Counts = {};
    for (const m of [...Object.keys(CASE_MEASURE_ACTIONS), 'fineAmount']) counts[m] = num(r[m]);
    out.set(keyOf(r.k), counts);
  }
  return out;
}

const CLOSED = ['corrected', 'not_corrected'] as const;

/**
 * Rectification orders issued in the period, and orders closed in it: closed means decided at re-inspection
 * (corrected or not corrected); a cancelled order was never judged and is left out of the rate. On time: closed
 * as corrected no later than its deadline.
 */
export async function rectificationCounts(db: Kysely<Schema>, scope: Scope, s: KeySpec): Promise<KeyedCounts> {
  const base = () => db.selectFrom('rectifications as r').innerJoin('enterprises as e', 'e.id', 'r.enterprise_id').leftJoin('cases as c', 'c.id', 'r.case_id');
  const ordered = inScope(base().where('r.ordered_at', '>=', s.period.fromAt).where('r.ordered_at', '<', s.period.toAt), scope)
    .select((eb) => [keyExpr(eb, s, { region: 'r.region_code', matter: 'c.matter_code', at: 'r.ordered_at' }).as('k'), eb.fn.countAll().as('n')]);
  const closed = inScope(base().where('r.status', 'in', [...CLOSED]).where('r.closed_at', '>=', s.period.fromAt).where('r.closed_at', '<', s.period.toAt), scope)
    .select((eb) => {
      const corrected = eb('r.status', '=', 'corrected');
      return [
        keyExpr(eb, s, { region: 'r.region_code', matter: 'c.matter_code', at: 'r.closed_at' }).as('k'),
        eb.fn.countAll().as('n'),
        eb.fn.sum(eb.case().when(corrected).then(sql.lit(1)).else(sql.lit(0)).end()).as('corrected'),
        eb.fn.sum(eb.case().when(eb.and([corrected, eb('r.closed_at', '<=', eb.ref('r.deadline_at'))]) as Expression<SqlBool>).then(sql.lit(1)).else(sql.lit(0)).end()).as('onTime'),
      ];
    });
  const [o, c] = await Promise.all([grouped(ordered, s).execute(), grouped(closed, s).execute()]);
  const out: KeyedCounts = new Map();
  const at = (k: unknown): Counts => {
    const key = keyOf(k);
    let v = out.get(key);
    if (v === undefined) out.set(key, (v = { rectOrdered: 0, rectClosed: 0, rectCorrected: 0, rectOnTime: 0, rectLate: 0 }));
    return v;
  };
  for (const r of o) at(r.k).rectOrdered = num(r.n);
  for (const r of c) {
    const v = at(r.k);
    v.rectClosed = num(r.n);
    v.rectCorrected = num(r.corrected);
    v.rectOnTime = num(r.onTime);
    v.rectLate = v.rectCorrected - v.rectOnTime;
  }
  return out;
}

/** Daily continuous penalties [EPL 59, DPM]: the rounds re-inspected in the period that carried a fine, and their sum. */
export async function dailyPenaltyCounts(db: Kysely<Schema>, scope: Scope, s: KeySpec): Promise<KeyedCounts> {
  const q = inScope(
    db.selectFrom('daily_penalty_rounds as d').innerJoin('rectifications as r', 'r.id', 'd.rectification_id')
      .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id').leftJoin('cases as c', 'c.id', 'd.case_id')
      .where('d.reinspected_at', '>=', s.period.fromAt).where('d.reinspected_at', '<', s.period.toAt).where('d.amount', '>', 0),
    scope,
  ).select((eb) => [keyExpr(eb, s, { region: 'r.region_code', matter: 'c.matter_code', at: 'd.reinspected_at' }).as('k'), eb.fn.countAll().as('n'), eb.fn.sum('d.amount').as('amount')]);
  const out: KeyedCounts = new Map();
  for (const r of await grouped(q, s).execute()) out.set(keyOf(r.k), { dailyPenaltyRounds: num(r.n), dailyPenaltyAmount: num(r.amount) });
  return out;
}

/** Does the table exist where this connection looks (its search_path on PostgreSQL)? A query, not the catalogue:
 * PostgreSQL's introspection lists every schema's tables, and the tests put each store in its own schema. */
async function hasTable(db: Kysely<Schema>, table: 'rectifications' | 'daily_penalty_rounds'): Promise<boolean> {
  try {
    await db.selectFrom(table).select(sql.lit(1).as('one')).limit(1).execute();
    return true;
  } catch {
    return false;
  }
}

/** Which of the optional tables exist (rectification and daily penalties come from a later migration). */
export async function optionalTables(db: Kysely<Schema>): Promise<{ rectifications: boolean; dailyPenalties: boolean }> {
  const [rectifications, daily] = await Promise.all([hasTable(db, 'rectifications'), hasTable(db, 'daily_penalty_rounds')]);
  return { rectifications, dailyPenalties: rectifications && daily };
}
