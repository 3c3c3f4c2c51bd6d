// What a draw is drawn from (issue 5 §2): the region's directory as the registry, the risk scores, the
// positive list and the open warnings have it at the moment of the draw; the officers who may be sent; their
// declared conflicts of interest; and, when the policy asks, their past inspections. Every value is read
// here once and stored with the draw as its inputs, so verifyDraw can re-run it later without the database.
import type { Kysely } from 'kysely';
import { officerPoolOf, type DrawCandidate, type DrawOfficer, type OfficerConflict, type PastInspection, type DrawPolicy } from '@ecoenforce/domain';
import type { Schema } from '../../platform/db/schema.ts';
import { regionPrefix } from '../../access/index.ts';

/** Warning states that still need action: a listed unit with one is visited like any other [W10]. */
export const OPEN_WARNING_STATES = ['new', 'confirmed', 'dispatched'] as const;

/**
 * A unit with no risk score yet (newly registered, or the daily job has not run) is drawn as medium: it is
 * neither spared as low risk nor inspected as high risk on no evidence. Product default, not law.
 */
export const UNSCORED_TIER = 'medium' as const;

export interface GatheredInputs {
  candidates: DrawCandidate[];
  officers: DrawOfficer[];
  conflicts: OfficerConflict[];
  pastInspections: PastInspection[];
  /** USCC → enterprises.id and name, for the tasks and the pages (not part of the draw's inputs). */
  enterprises: Map<string, { id: number; name: string }>;
  /** Active officers of sub-regions left out because the policy's pool is the bureau's own staff. */
  officersOfSubRegions: number;
}

/** Is the listing in force at `at`? Listed, not removed, not expired. */
export const listedAt = (l: { listed_at: number; valid_to: number | null; removed_at: number | null }, at: number): boolean =>
  Number(l.listed_at) <= at && (l.removed_at === null || Number(l.removed_at) > at) && (l.valid_to === null || Number(l.valid_to) > at);

export async function gatherDrawInputs(db: Kysely<Schema>, regionCode: string, policy: DrawPolicy, at: number): Promise<GatheredInputs> {
  const prefix = regionPrefix(regionCode);
  const rows = await db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'region_code', 'management_category'])
    .where('region_code', 'like', `${prefix}%`).orderBy('id').execute();
  const ids = rows.map((r) => Number(r.id));
  const enterprises = new Map(rows.map((r) => [r.uscc, { id: Number(r.id), name: r.name }]));
  if (ids.length === 0) return { candidates: [], officers: [], conflicts: [], pastInspections: [], enterprises, officersOfSubRegions: 0 };

  // The latest score per enterprise: newest day first, the first row of each enterprise wins.
  const scores = await db.selectFrom('risk_scores').select(['enterprise_id', 'tier', 'day_start'])
    .where('enterprise_id', 'in', ids).where('day_start', '<=', at).orderBy('day_start', 'desc').execute();
  const tier = new Map<number, 'high' | 'medium' | 'low'>();
  for (const s of scores) if (!tier.has(Number(s.enterprise_id))) tier.set(Number(s.enterprise_id), s.tier);

  const listings = await db.selectFrom('positive_list').select(['enterprise_id', 'listed_at', 'valid_to', 'removed_at']).where('enterprise_id', 'in', ids).execute();
  const listed = new Set(listings.filter((l) => listedAt(l, at)).map((l) => Number(l.enterprise_id)));
  const warned = await db.selectFrom('warnings').select('enterprise_id').distinct()
    .where('enterprise_id', 'in', ids).where('status', 'in', [...OPEN_WARNING_STATES]).execute();
  const open = new Set(warned.map((w) => Number(w.enterprise_id)));

  const candidates: DrawCandidate[] = rows.map((r) => ({
    id: r.uscc,
    regionCode: r.region_code,
    tier: tier.get(Number(r.id)) ?? UNSCORED_TIER,
    // 重点管理 in the permit's management category is the registry's mark of a key discharge unit.
    keyUnit: r.management_category === 'key',
    positiveList: listed.has(Number(r.id)),
    openWarnings: open.has(Number(r.id)),
  }));

  // The policy's officer pool (draw-policy.ts OFFICER_POOLS). 'own': officers of the drawing region itself,
  // each with jurisdiction over every unit of the region; officers of sub-regions are left out and counted.
  // 'withBranches' (a city after the vertical reform): its branches' officers too; the domain sends each
  // only to units of the branch's own area, which is what task-work.ts accepts when it puts them on the task.
  // Conflicts and past inspections are read for every officer passed, so they bar branch officers alike.
  const users = await db.selectFrom('users').select(['id', 'region_code']).where('role', '=', 'officer').where('active', '=', 1)
    .where('region_code', 'like', `${prefix}%`).orderBy('id').execute();
  const withBranches = officerPoolOf(policy) === 'withBranches';
  const own = withBranches ? users : users.filter((u) => u.region_code === regionCode);
  const officers: DrawOfficer[] = own.map((u) => ({ id: String(u.id), regionCode: u.region_code }));
  const officerIds = own.map((u) => Number(u.id));
  const usccOf = new Map(rows.map((r) => [Number(r.id), r.uscc]));

  const conflicts: OfficerConflict[] = officerIds.length === 0 ? [] : (
    await db.selectFrom('officer_conflicts').select(['officer_id', 'enterprise_id', 'reason'])
      .where('officer_id', 'in', officerIds).where('enterprise_id', 'in', ids).where('withdrawn_at', 'is', null).where('declared_at', '<=', at).execute()
  ).map((c) => ({ officerId: String(c.officer_id), enterpriseId: usccOf.get(Number(c.enterprise_id))!, reason: c.reason }));

  let pastInspections: PastInspection[] = [];
  if (policy.recentInspectionDays > 0 && officerIds.length > 0) {
    const since = at - policy.recentInspectionDays * 86_400_000;
    const done = await db.selectFrom('tasks as t').innerJoin('task_assignments as a', 'a.task_id', 't.id')
      .select(['a.user_id', 't.enterprise_id', 't.done_at'])
      .where('t.status', '=', 'done').where('t.enterprise_id', 'in', ids).where('a.user_id', 'in', officerIds).where('a.released_at', 'is', null)
      .where('t.done_at', '>=', since).where('t.done_at', '<=', at).execute();
    pastInspections = done.map((d) => ({ officerId: String(d.user_id), enterpriseId: usccOf.get(Number(d.enterprise_id))!, at: Number(d.done_at) }));
  }
  return { candidates, officers, conflicts, pastInspections, enterprises, officersOfSubRegions: users.length - own.length };
}
