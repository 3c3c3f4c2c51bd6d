// The weekly serious-exceedance list (issue 4 §7): per unit, the exceeded hours of the week from its
// exceedance warnings' evidence, judged with the configurable rule (any hour ≥ 2× its limit, or ≥ 12
// exceeded hours; no national definition exists), with last week's figures for the trend and the
// follow-up status of last week's warnings. Weeks start on Monday 00:00 Beijing time.
import type { Kysely } from 'kysely';
import type { WeeklyRow } from '@ecoenforce/contract';
import { DEFAULT_SERIOUS, type SeriousRule } from '@ecoenforce/domain';
import { factorInfo } from '@ecoenforce/hj212';
import type { Schema } from '../platform/db/schema.ts';
import { type Scope, inScope } from '../access/index.ts';

const HOUR = 3600_000;
export const WEEK = 7 * 24 * HOUR;
const BEIJING = 8 * HOUR;

/** Monday 00:00 Beijing of the week holding `t`. */
export function weekStart(t: number): number {
  const local = t + BEIJING;
  const day = Math.floor(local / (24 * HOUR));
  const weekday = (day + 3) % 7; // 1970-01-01 was a Thursday: Monday = 0
  return (day - weekday) * 24 * HOUR - BEIJING;
}

interface Evidence {
  times?: number[];
  values?: Array<number | null>;
  rule?: { limit?: number; basis?: string };
}

async function hoursByUnit(db: Kysely<Schema>, scope: Scope, from: number, to: number) {
  const rows = await inScope(
    db
      .selectFrom('warnings as w')
      .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
      .select(['w.enterprise_id', 'e.name', 'w.region_code', 'w.factor', 'w.status', 'w.evidence'])
      .where('w.kind', '=', 'exceedance')
      .where('w.period_from', '<', to)
      .where('w.period_to', '>', from),
    scope,
  ).execute();
  const out = new Map<number, { name: string; region: string; hours: number; days: number; worst: number; factors: Set<string>; statuses: Record<string, number> }>();
  for (const r of rows) {
    const ev = JSON.parse(r.evidence) as Evidence;
    const limit = ev.rule?.limit ?? 0;
    const u = out.get(r.enterprise_id) ?? { name: r.name, region: r.region_code, hours: 0, days: 0, worst: 0, factors: new Set<string>(), statuses: {} };
    // The follow-up shows every warning's status; a dismissed one (judged no exceedance, e.g. a start-up)
    // proves nothing, so its periods are not counted — as in the monthly notification.
    u.statuses[r.status] = (u.statuses[r.status] ?? 0) + 1;
    out.set(r.enterprise_id, u);
    if (r.status === 'dismissed') continue;
    const daily = ev.rule?.basis === 'daily';
    (ev.times ?? []).forEach((t, i) => {
      if (t < from || t >= to) return;
      if (daily) u.days++;
      else u.hours++;
      const v = ev.values?.[i];
      if (typeof v === 'number' && limit > 0) u.worst = Math.max(u.worst, v / limit);
    });
    if (r.factor !== null) u.factors.add(r.factor);
  }
  return out;
}

export async function weeklyList(db: Kysely<Schema>, scope: Scope, week: number, rule: SeriousRule = DEFAULT_SERIOUS): Promise<WeeklyRow[]> {
  const now = await hoursByUnit(db, scope, week, week + WEEK);
  const before = await hoursByUnit(db, scope, week - WEEK, week);
  const rows: WeeklyRow[] = [];
  for (const [id, u] of now) {
    const prev = before.get(id);
    const factors = [...u.factors].sort();
    rows.push({
      enterpriseId: id, enterpriseName: u.name, regionCode: u.region, exceededHours: u.hours, exceededDays: u.days, worstRatio: Math.round(u.worst * 100) / 100,
      serious: u.worst >= rule.ratio || u.hours >= rule.hours, factors, factorNames: factors.map((f) => factorInfo(f)?.nameZh ?? f), factorNamesEn: factors.map((f) => factorInfo(f)?.nameEn ?? f), previousHours: prev?.hours ?? 0, previousStatuses: prev?.statuses ?? {},
    });
  }
  return rows.filter((r) => r.exceededHours > 0 || r.exceededDays > 0).sort((a, b) => Number(b.serious) - Number(a.serious) || b.exceededHours - a.exceededHours);
}
