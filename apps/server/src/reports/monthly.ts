// The monthly notification (月度通报, issue 4 §7) of a Beijing calendar month, by region: a province user
// gets one row per city, a city user one per county, a county user its county; each with last month's
// figures beside it for the trend. Every figure is counted from stored rows (points, minute readings,
// warnings and their evidence), so each one can be traced back to what produced it.
import type { Kysely } from 'kysely';
import type { MonthFigures, MonthlyReport } from '@ecoenforce/contract';
import type { Schema } from '../platform/db/schema.ts';
import { type Scope, inScope } from '../access/index.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const BEIJING = 8 * HOUR;

/** 'YYYY-MM'. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Start and end (exclusive) of a Beijing calendar month. */
export function monthRange(month: string): { from: number; to: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: Date.UTC(y, m - 1, 1) - BEIJING, to: Date.UTC(y, m, 1) - BEIJING };
}

/** The Beijing calendar month holding `t`. */
export function monthOf(t: number): string {
  return new Date(t + BEIJING).toISOString().slice(0, 7);
}

export function previousMonth(month: string): string {
  return monthOf(monthRange(month).from - 1);
}


export function emptyFigures(): MonthFigures {
  return {
    units: 0, points: 0, expectedMinutes: 0, receivedMinutes: 0, transmissionRate: null, exceededHours: 0, exceededDays: 0, exceedanceUnits: 0,
    warnings: 0, warningsByKind: {}, pending: 0, confirmed: 0, dismissed: 0, dispatched: 0, closed: 0, supervised: 0, rectified: 0, punished: 0,
  };
}

/** The region a scope is rooted at: its prefix padded back to a six-digit GB/T 2260 code. */
export function scopeRegionCode(scope: Scope): string {
  return scope.regionPrefix.padEnd(6, '0');
}

/** The row an enterprise's region falls into: its city under a province, else the region itself. */
function groupOf(regionCode: string, scope: Scope): string {
  return scope.regionPrefix.length === 2 ? `${regionCode.slice(0, 4)}00` : regionCode;
}

/** Counts distinct enterprises per row. */
function unitsByGroup(rows: ReadonlyArray<{ id: number; region_code: string }>, scope: Scope): Map<string, number> {
  const sets = new Map<string, Set<number>>();
  for (const r of rows) {
    const g = groupOf(r.region_code, scope);
    (sets.get(g) ?? sets.set(g, new Set()).get(g)!).add(Number(r.id));
  }
  return new Map([...sets].map(([g, set]) => [g, set.size]));
}

/**
 * Units punished in the month, by row: those served a penalty decision (行政处罚决定书) in the month — the
 * case's `serve` act from state decided (a no-penalty decision is served too, but punishes nobody).
 */
export async function penalisedUnits(db: Kysely<Schema>, scope: Scope, from: number, to: number): Promise<Map<string, number>> {
  const served = await inScope(
    db
      .selectFrom('case_events as ev')
      .innerJoin('cases as c', 'c.id', 'ev.case_id')
      .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
      .select(['e.id', 'e.region_code', 'ev.duty'])
      .where('ev.action', '=', 'serve')
      .where('ev.at', '>=', from)
      .where('ev.at', '<', to),
    scope,
  ).execute();
  return unitsByGroup(served.filter((s) => (JSON.parse(s.duty) as { from?: string }).from === 'decided'), scope);
}

/** Units rectified in the month, by row: an order to correct found corrected at re-inspection (closed in the month). */
export async function rectifiedUnits(db: Kysely<Schema>, scope: Scope, from: number, to: number): Promise<Map<string, number>> {
  const rows = await inScope(
    db
      .selectFrom('rectifications as r')
      .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
      .select(['e.id', 'e.region_code'])
      .where('r.status', '=', 'corrected')
      .where('r.closed_at', '>=', from)
      .where('r.closed_at', '<', to),
    scope,
  ).execute();
  return unitsByGroup(rows, scope);
}

interface Evidence {
  times?: number[];
  rule?: { basis?: string };
}

/** Per row: the figures of [from, to), counted up to `now` (a month in progress is counted so far). */
async function figuresByGroup(db: Kysely<Schema>, scope: Scope, from: number, to: number, now: number): Promise<Map<string, MonthFigures>> {
  const out = new Map<string, MonthFigures>();
  const fig = (group: string): MonthFigures => {
    let f = out.get(group);
    if (f === undefined) out.set(group, (f = emptyFigures()));
    return f;
  };

  // Transmission. "Expected" = one minute value (HJ 212 CN 2051) per active point for every whole minute
  // from the later of the month start and the unit's registration, to the earlier of the month end and now:
  // a logger cannot send before its unit is registered (the gateway refuses unknown MNs), and a minute not
  // yet over cannot be missing. The registry keeps no history of points, so today's active points stand for
  // the whole month. "Received" = the distinct minute readings stored for those minutes (one row per point
  // and minute, so a retransmission is not counted twice).
  const end = Math.min(to, Math.floor(now / MINUTE) * MINUTE);
  const points = await inScope(
    db
      .selectFrom('monitoring_points as p')
      .innerJoin('outlets as o', 'o.id', 'p.outlet_id')
      .innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
      .select(['p.id as pointId', 'e.id as enterpriseId', 'e.region_code', 'e.created_at'])
      .where('p.active', '=', 1),
    scope,
  ).execute();
  const units = new Map<string, Set<number>>();
  for (const p of points) {
    const g = groupOf(p.region_code, scope);
    const f = fig(g);
    f.points++;
    (units.get(g) ?? units.set(g, new Set()).get(g)!).add(p.enterpriseId);
    const since = Math.max(from, Math.ceil(Number(p.created_at) / MINUTE) * MINUTE);
    f.expectedMinutes += Math.max(0, (end - since) / MINUTE);
  }
  for (const [g, set] of units) fig(g).units = set.size;
  if (end > from) {
    const received = await inScope(
      db
        .selectFrom('readings as r')
        .innerJoin('monitoring_points as p', 'p.id', 'r.point_id')
        .innerJoin('outlets as o', 'o.id', 'p.outlet_id')
        .innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
        .select(['e.region_code', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('p.active', '=', 1)
        .where('r.period_kind', '=', 'min')
        .where('r.period_start', '>=', from)
        .where('r.period_start', '<', end)
        .whereRef('r.period_start', '>=', 'e.created_at')
        .groupBy('e.region_code'),
      scope,
    ).execute();
    for (const r of received) fig(groupOf(r.region_code, scope)).receivedMinutes += Number(r.n);
  }

  // Exceedance: the periods in the month listed in the evidence of exceedance warnings. A dismissed warning
  // is one the bureau judged not to be an exceedance (e.g. a start-up), so its periods are not counted.
  const exceedances = await inScope(
    db
      .selectFrom('warnings as w')
      .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
      .select(['w.enterprise_id', 'w.point_id', 'w.factor', 'w.evidence', 'e.region_code'])
      .where('w.kind', '=', 'exceedance')
      .where('w.status', '!=', 'dismissed')
      .where('w.period_from', '<', to)
      .where('w.period_to', '>', from),
    scope,
  ).execute();
  const seen = new Set<string>();
  const exceeding = new Map<string, Set<number>>();
  for (const w of exceedances) {
    const ev = JSON.parse(w.evidence) as Evidence;
    const daily = ev.rule?.basis === 'daily';
    const g = groupOf(w.region_code, scope);
    for (const t of ev.times ?? []) {
      const key = `${w.point_id}|${w.factor ?? ''}|${daily ? 'd' : 'h'}|${t}`;
      if (t < from || t >= to || seen.has(key)) continue;
      seen.add(key);
      if (daily) fig(g).exceededDays++;
      else fig(g).exceededHours++;
      (exceeding.get(g) ?? exceeding.set(g, new Set()).get(g)!).add(w.enterprise_id);
    }
  }
  for (const [g, set] of exceeding) fig(g).exceedanceUnits = set.size;

  // Warnings raised in the month and their status now. The lifecycle is linear (new → confirmed or
  // dismissed → dispatched → closed, issue 4 §6), so a dispatched or closed warning was confirmed first and
  // a closed one was dispatched: each stage counts the warnings that reached it.
  const raised = await inScope(
    db
      .selectFrom('warnings as w')
      .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
      .select(['w.enterprise_id', 'w.kind', 'w.status', 'e.region_code'])
      .where('w.created_at', '>=', from)
      .where('w.created_at', '<', to),
    scope,
  ).execute();
  const byUnit = new Map<number, string>();
  for (const w of raised) {
    const g = groupOf(w.region_code, scope);
    const f = fig(g);
    f.warnings++;
    f.warningsByKind[w.kind] = (f.warningsByKind[w.kind] ?? 0) + 1;
    if (w.status === 'new') f.pending++;
    else if (w.status === 'dismissed') f.dismissed++;
    else {
      f.confirmed++;
      if (w.status !== 'confirmed') f.dispatched++;
      if (w.status === 'closed') f.closed++;
      byUnit.set(w.enterprise_id, g);
    }
  }
  const supervised = new Map<string, Set<number>>();
  for (const [unit, g] of byUnit) (supervised.get(g) ?? supervised.set(g, new Set()).get(g)!).add(unit);
  // Units where a task was done in the month (each unit once per row, with the warning units above).
  const tasksDone = await inScope(
    db
      .selectFrom('tasks as t')
      .innerJoin('enterprises as e', 'e.id', 't.enterprise_id')
      .select(['e.id', 'e.region_code'])
      .distinct()
      .where('t.status', '=', 'done')
      .where('t.done_at', '>=', from)
      .where('t.done_at', '<', to),
    scope,
  ).execute();
  for (const t of tasksDone) {
    const g = groupOf(t.region_code, scope);
    (supervised.get(g) ?? supervised.set(g, new Set()).get(g)!).add(Number(t.id));
  }
  for (const [g, set] of supervised) fig(g).supervised = set.size;
  for (const [g, n] of await penalisedUnits(db, scope, from, to)) fig(g).punished += n;
  for (const [g, n] of await rectifiedUnits(db, scope, from, to)) fig(g).rectified += n;

  for (const f of out.values()) f.transmissionRate = rate(f);
  return out;
}

function rate(f: MonthFigures): number | null {
  return f.expectedMinutes > 0 ? f.receivedMinutes / f.expectedMinutes : null;
}

const COUNTS = [
  'units', 'points', 'expectedMinutes', 'receivedMinutes', 'exceededHours', 'exceededDays', 'exceedanceUnits', 'warnings',
  'pending', 'confirmed', 'dismissed', 'dispatched', 'closed', 'supervised', 'rectified', 'punished',
] as const satisfies ReadonlyArray<keyof MonthFigures>;

/** The sum of rows (each unit belongs to one row, so unit counts add up too). */
export function sumFigures(list: readonly MonthFigures[]): MonthFigures {
  const t = emptyFigures();
  for (const f of list) {
    for (const k of COUNTS) t[k] += f[k];
    for (const [kind, n] of Object.entries(f.warningsByKind)) t.warningsByKind[kind] = (t.warningsByKind[kind] ?? 0) + n;
  }
  t.transmissionRate = rate(t);
  return t;
}

export async function monthlyReport(db: Kysely<Schema>, scope: Scope, month: string, now: number): Promise<MonthlyReport> {
  const { from, to } = monthRange(month);
  const prev = previousMonth(month);
  const p = monthRange(prev);
  const current = await figuresByGroup(db, scope, from, to, now);
  const previous = await figuresByGroup(db, scope, p.from, p.to, now);

  // Rows: every region one level below the caller's (so a city with nothing to report still shows), and
  // any other row the data fell into (a unit registered at the city's own code).
  const root = scopeRegionCode(scope);
  const children = await db.selectFrom('regions').select(['code', 'name']).where('parent_code', '=', root).execute();
  const codes = new Set<string>(children.length > 0 ? children.map((c) => c.code) : [root]);
  for (const g of [...current.keys(), ...previous.keys()]) codes.add(g);
  const named = await db.selectFrom('regions').select(['code', 'name', 'level']).where('code', 'in', [...codes, root]).execute();
  const nameOf = new Map(named.map((r) => [r.code, r.name]));
  const rows = [...codes].sort().map((code) => ({
    regionCode: code,
    regionName: nameOf.get(code) ?? code,
    current: current.get(code) ?? emptyFigures(),
    previous: previous.get(code) ?? emptyFigures(),
  }));
  const rootRow = named.find((r) => r.code === root);
  return {
    month, previousMonth: prev, from, to,
    region: { code: root, name: rootRow?.name ?? root, level: rootRow?.level ?? (root.endsWith('0000') ? 'province' : root.endsWith('00') ? 'city' : 'county') },
    rows,
    total: { current: sumFigures(rows.map((r) => r.current)), previous: sumFigures(rows.map((r) => r.previous)) },
  };
}
