// The head's command-centre overview (issue 14): a handful of aggregate queries over the caller's region, each
// figure defined where it is computed. "Today" is the Beijing day (UTC+8) holding the platform clock's now.
// Plain Kysely that runs on SQLite and PostgreSQL: GROUP BY on columns, conditional counts, no date functions.
import type { Kysely } from 'kysely';
import type { Overview } from '@ecoenforce/contract';
import { type Scope, inScope } from '../access/index.ts';
import type { PointActivity } from '../monitoring/index.ts';
import type { Schema } from '../platform/db/schema.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BEIJING = 8 * HOUR;
/** How many serious warnings the overview lists. */
const SERIOUS_LIMIT = 5;
/** Task statuses still to be worked (enforcement/tasks ACTIVE_STATUSES: not done, not cancelled). */
const RUNNING = ['open', 'assigned', 'in_progress'] as const;

/** 00:00 Beijing of the day holding `t`, and that day as 'YYYY-MM-DD'. */
export function beijingDay(t: number): { day: string; start: number; end: number } {
  const start = Math.floor((t + BEIJING) / DAY) * DAY - BEIJING;
  return { day: new Date(start + BEIJING).toISOString().slice(0, 10), start, end: start + DAY };
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export interface OverviewDeps {
  db: Kysely<Schema>;
  activity: PointActivity;
}

/**
 * Today's warnings (table warnings, joined to enterprises for the scope): those created (created_at) in the
 * Beijing day [dayStart, dayEnd), counted by kind and by severity; open = status 'new' (awaiting triage),
 * handled = any other status (confirmed, dismissed, dispatched, closed); serious = severity 'high'.
 */
async function todaysWarnings(db: Kysely<Schema>, scope: Scope, from: number, to: number): Promise<Overview['warnings']> {
  const rows = await inScope(
    db.selectFrom('warnings as w').innerJoin('enterprises as e', 'e.id', 'w.enterprise_id').where('w.created_at', '>=', from).where('w.created_at', '<', to),
    scope,
  )
    .select((eb) => ['w.kind', 'w.severity', 'w.status', eb.fn.countAll().as('n')])
    .groupBy(['w.kind', 'w.severity', 'w.status'])
    .execute();
  const out: Overview['warnings'] = { total: 0, open: 0, handled: 0, serious: 0, byKind: [], bySeverity: { high: 0, medium: 0, low: 0 } };
  const kinds = new Map<string, number>();
  for (const r of rows) {
    const n = num(r.n);
    out.total += n;
    if (r.status === 'new') out.open += n;
    else out.handled += n;
    out.bySeverity[r.severity] += n;
    kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + n);
  }
  out.serious = out.bySeverity.high;
  out.byKind = [...kinds].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
  return out;
}

/**
 * Tasks (table tasks) the scope sees as the dispatch board does (worked in its region or requested by it) that are
 * still running (open, assigned, in progress). Overdue: due_at (the exclusive expiry instant) ≤ now, the board's
 * "overdue" filter. Due today: not yet overdue and expiring by the end of today, now < due_at ≤ dayEnd, i.e. the
 * last day is today.
 */
async function taskFigures(db: Kysely<Schema>, scope: Scope, now: number, dayEnd: number): Promise<Overview['tasks']> {
  const like = `${scope.regionPrefix}%`;
  const r = await db
    .selectFrom('tasks as t')
    .where((eb) => eb.or([eb('t.region_code', 'like', like), eb('t.requesting_region_code', 'like', like)]))
    .where('t.status', 'in', [...RUNNING])
    .select((eb) => [
      eb.fn.count(eb.case().when('t.due_at', '<=', now).then(eb.ref('t.id')).end()).as('overdue'),
      eb.fn.count(eb.case().when(eb.and([eb('t.due_at', '>', now), eb('t.due_at', '<=', dayEnd)])).then(eb.ref('t.id')).end()).as('dueToday'),
    ])
    .executeTakeFirst();
  return { overdue: num(r?.overdue), dueToday: num(r?.dueToday) };
}

/** Penalty cases (table cases, joined to enterprises for the scope) by their current state, every state held. */
async function caseFigures(db: Kysely<Schema>, scope: Scope): Promise<Overview['cases']> {
  const rows = await inScope(db.selectFrom('cases as c').innerJoin('enterprises as e', 'e.id', 'c.enterprise_id'), scope)
    .select((eb) => ['c.state', eb.fn.countAll().as('n')])
    .groupBy('c.state')
    .execute();
  const byState = rows.map((r) => ({ state: r.state, count: num(r.n) }));
  return { total: byState.reduce((s, r) => s + r.count, 0), byState };
}

/**
 * Active monitoring points (monitoring_points.active = 1, joined through outlets to enterprises for the scope) by
 * the city of their enterprise (its region code's first four digits + '00', named from regions), with their
 * status now as the map shows it (monitoring PointActivity: a frame within the online window). online = status
 * online or warning (both sending); warning = the part of those whose latest reading carries a fault flag;
 * offline = the rest; rate = online ÷ active (null without active points).
 */
async function onlineFigures(deps: OverviewDeps, scope: Scope): Promise<Overview['online']> {
  const points = await inScope(
    deps.db.selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').innerJoin('enterprises as e', 'e.id', 'o.enterprise_id').where('p.active', '=', 1),
    scope,
  ).select(['p.id', 'e.region_code']).execute();
  const cities = new Map<string, { active: number; online: number; warning: number; offline: number }>();
  for (const p of points) {
    const city = `${p.region_code.slice(0, 4)}00`;
    const c = cities.get(city) ?? { active: 0, online: 0, warning: 0, offline: 0 };
    cities.set(city, c);
    c.active++;
    const status = deps.activity.status(Number(p.id));
    if (status === 'offline') c.offline++;
    else {
      c.online++;
      if (status === 'warning') c.warning++;
    }
  }
  const codes = [...cities.keys()].sort();
  const names = codes.length === 0 ? [] : await deps.db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
  const nameOf = new Map(names.map((r) => [r.code, r.name]));
  const rate = (c: { active: number; online: number }): number | null => (c.active === 0 ? null : c.online / c.active);
  const total = { active: 0, online: 0, warning: 0, offline: 0 };
  const rows = codes.map((code) => {
    const c = cities.get(code)!;
    total.active += c.active;
    total.online += c.online;
    total.warning += c.warning;
    total.offline += c.offline;
    return { code, name: nameOf.get(code) ?? code, ...c, rate: rate(c) };
  });
  return { cities: rows, total: { ...total, rate: rate(total) } };
}

/** The latest serious warnings (table warnings, severity 'high') of the scope, any day, newest first. */
async function latestSerious(db: Kysely<Schema>, scope: Scope): Promise<Overview['serious']> {
  const rows = await inScope(db.selectFrom('warnings as w').innerJoin('enterprises as e', 'e.id', 'w.enterprise_id').where('w.severity', '=', 'high'), scope)
    .select(['w.id', 'w.kind', 'w.enterprise_id', 'e.name', 'w.status', 'w.created_at'])
    .orderBy('w.created_at', 'desc')
    .orderBy('w.id', 'desc')
    .limit(SERIOUS_LIMIT)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), kind: r.kind, enterpriseId: Number(r.enterprise_id), enterpriseName: r.name, status: r.status, createdAt: Number(r.created_at) }));
}

export async function overview(deps: OverviewDeps, scope: Scope, region: { code: string; name: string }, now: number): Promise<Overview> {
  const { day, start, end } = beijingDay(now);
  const [warnings, tasks, cases, online, serious] = await Promise.all([
    todaysWarnings(deps.db, scope, start, end), taskFigures(deps.db, scope, now, end), caseFigures(deps.db, scope), onlineFigures(deps, scope), latestSerious(deps.db, scope),
  ]);
  return { at: now, day, dayStart: start, dayEnd: end, region, warnings, tasks, cases, online, serious };
}
