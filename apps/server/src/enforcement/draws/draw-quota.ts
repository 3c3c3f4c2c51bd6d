// Officers' yearly quota of general units in the double-random draws [W11]: "General units: 5 per inspector
// per year (city), 10 (county)". For a region and a year, each officer of the region's own bureau with the
// general (non-key) units that standing draws of that year sent them to on site, and how many of those
// inspections are done. Key units have their own floor per quarter (draw-policy.ts), so they are not counted
// here; off-site checks send nobody [W10]; voided draws sent nobody either.
import type { Kysely } from 'kysely';
import type { DrawQuota, DrawTaskLink, OfficerQuota } from '@ecoenforce/contract';
import { isValidRegionCode, regionLevel, type DrawRecord, type RegionLevel } from '@ecoenforce/domain';
import type { Schema } from '../../platform/db/schema.ts';
import { canSee, regionPrefix, type Scope } from '../../access/index.ts';
import { PublicationError } from './draws.ts';

/**
 * General units per inspector per year, by the level of the bureau [W11]. The rules name city and county
 * bureaus only; a provincial bureau gets no quota (null): its officers are drawn into few on-site checks of
 * their own, and a figure made up here would flag them as short against a rule that does not exist. Their
 * counts are still shown.
 */
export const GENERAL_UNIT_QUOTA: Readonly<Record<RegionLevel, number | null>> = { province: null, city: 5, county: 10 };
export const GENERAL_UNIT_QUOTA_SOURCE = '[W11] double-random scheme: general units 5 per inspector per year (city), 10 (county)';

/**
 * The quota of the officers of `regionCode`'s bureau (officers whose own region is exactly that region: the
 * ones its draws send, draw-candidates.ts) for `year`, counted by the draws' periods (2026-Q4 is in 2026).
 * A region outside the caller's scope is "not found", as for the draws themselves.
 */
export async function drawQuota(db: Kysely<Schema>, regionCode: string, year: number, scope: Scope): Promise<DrawQuota> {
  if (!isValidRegionCode(regionCode)) throw new PublicationError('bad_request', 'regionCode must be a GB/T 2260 code', { field: 'regionCode' });
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new PublicationError('bad_request', 'year must be a year such as 2026', { field: 'year' });
  if (!canSee(scope, { regionCode, enterpriseId: null }) || scope.enterpriseIds !== null) throw new PublicationError('not_found', `region ${regionCode} not found`);
  const region = await db.selectFrom('regions').select('code').where('code', '=', regionCode).executeTakeFirst();
  if (region === undefined) throw new PublicationError('not_found', `region ${regionCode} not found`);
  const level = regionLevel(regionCode);
  const quota = GENERAL_UNIT_QUOTA[level];

  // Periods always start with their four-digit year (draws.ts PERIOD_PATTERN), so the prefix is the year.
  // A city's draw may send its branches' officers (officerPool 'withBranches'): a county officer's units
  // count wherever the draw was made, so the draws of the region's city and province are read as well.
  const above = [`${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`].filter((c) => c !== regionCode);
  const rows = await db.selectFrom('draws').select(['region_code', 'record', 'tasks']).where('region_code', 'in', [regionCode, ...above])
    .where('voided_at', 'is', null).where('period', 'like', `${year}%`).orderBy('id').execute();
  const draws = rows.filter((d) => d.region_code === regionCode);
  // One entry per general unit and officer sent: the officer ids as drawn (the record), the task as linked.
  const sent: Array<{ officerId: number; taskId: number | null; own: boolean }> = [];
  for (const d of rows) {
    const record = JSON.parse(d.record) as DrawRecord;
    const links = JSON.parse(d.tasks) as DrawTaskLink[];
    for (const o of record.objects) {
      if (o.keyUnit) continue;
      const link = links.find((l) => l.uscc === o.enterpriseId && !l.offSite);
      for (const officer of o.officers) sent.push({ officerId: Number(officer), taskId: link?.taskId ?? null, own: d.region_code === regionCode });
    }
  }
  const taskIds = [...new Set(sent.flatMap((s) => (s.taskId === null ? [] : [s.taskId])))];
  const doneTasks = new Set(taskIds.length === 0 ? [] : (
    await db.selectFrom('tasks').select('id').where('id', 'in', taskIds).where('status', '=', 'done').execute()
  ).map((t) => Number(t.id)));

  // The bureau's active officers, and anyone drawn this year who has since left or moved.
  // (From the draws above, only this bureau's own officers are listed: the others belong to the city's list.)
  const drawnIds = [...new Set(sent.filter((s) => s.own).map((s) => s.officerId))];
  const users = await db.selectFrom('users').select(['id', 'display_name', 'active', 'region_code', 'role'])
    .where((eb) => {
      const own = eb.and([eb('role', '=', 'officer'), eb('active', '=', 1), eb('region_code', '=', regionCode)]);
      return drawnIds.length === 0 ? own : eb.or([own, eb('id', 'in', drawnIds)]);
    })
    .orderBy('id').execute();

  // A branch officer the city's draw sent is listed by the branch (the county's list reads the city's draws).
  const branch = (code: string) => code !== regionCode && code.startsWith(regionPrefix(regionCode));
  const officers = users.filter((u) => !branch(u.region_code)).map((u): OfficerQuota => {
    const id = Number(u.id);
    const mine = sent.filter((s) => s.officerId === id);
    const drawn = mine.length;
    const done = mine.filter((s) => s.taskId !== null && doneTasks.has(s.taskId)).length;
    return {
      officerId: id, name: u.display_name, current: u.active === 1 && u.role === 'officer' && u.region_code === regionCode, drawn, done,
      met: quota === null ? null : done >= quota, short: quota === null ? null : Math.max(0, quota - done),
    };
  });
  return { regionCode, year, level, quota, source: GENERAL_UNIT_QUOTA_SOURCE, draws: draws.length, officers };
}
