// One demo user per role (two officers), so a visitor can see how the console changes with the role and region: the
// province for admin, head and legal reviewer, a city for the analyst and dispatcher, a county with
// enterprises for two officers (and a team for that county and for the city: the dispatch board), one
// enterprise, and a verifier assigned to the thermal-power plants.
// The two officers carry enforcement certificate numbers (执法证号) for the case documents.
// Idempotent: users that exist are left alone (a missing certificate is filled in). The password is printed
// at start; it is a demo.
import type { Database } from '../platform/db/connect.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Role } from '../access/index.ts';
import { createUser, setCertificateNo } from '../accounts/index.ts';

export const DEMO_PASSWORD = 'ecoenforce-demo';

export interface DemoUser {
  username: string;
  role: Role;
  regionCode: string;
  regionName: string;
}

export async function seedDemoUsers(database: Database): Promise<DemoUser[]> {
  const db = database.db;
  const province = await db.selectFrom('regions').selectAll().where('level', '=', 'province').orderBy('code').executeTakeFirstOrThrow();
  // The enterprise with the lowest id, its county and city: the officer and the enterprise user share them.
  const first = await db.selectFrom('enterprises').select(['id', 'region_code']).orderBy('id').executeTakeFirstOrThrow();
  const county = await db.selectFrom('regions').selectAll().where('code', '=', first.region_code).executeTakeFirstOrThrow();
  const city = await db.selectFrom('regions').selectAll().where('code', '=', county.parent_code ?? county.code).executeTakeFirstOrThrow();
  const plan: Array<{ username: string; displayName: string; role: Role; region: typeof province; enterpriseId?: number; certificateNo?: string }> = [
    { username: 'admin', displayName: '系统管理员', role: 'admin', region: province },
    { username: 'head', displayName: '局负责人', role: 'head', region: province },
    { username: 'legal', displayName: '法制审核员', role: 'legalReviewer', region: province },
    { username: 'analyst', displayName: '监测分析员', role: 'analyst', region: city },
    { username: 'dispatcher', displayName: '指挥调度员', role: 'dispatcher', region: city },
    // Demo data, invented numbers in the form of Guangdong's enforcement certificates (粤环执字第NNNNNN号).
    { username: 'officer', displayName: '执法人员', role: 'officer', region: county, certificateNo: '粤环执字第010231号' },
    // A second officer: an on-site inspection needs two (APL art. 42), so the demo can dispatch one.
    { username: 'officer2', displayName: '执法人员二', role: 'officer', region: county, certificateNo: '粤环执字第010232号' },
    { username: 'company', displayName: '排污单位用户', role: 'enterprise', region: county, enterpriseId: first.id },
    { username: 'verifier', displayName: '第三方核查机构', role: 'verifier', region: province },
  ];
  const now = Date.now();
  for (const u of plan) {
    const exists = await db.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirst();
    if (exists !== undefined) continue;
    await db.transaction().execute(async (trx) => {
      const id = await createUser(trx, { username: u.username, displayName: u.displayName, password: DEMO_PASSWORD, role: u.role, regionCode: u.region.code, enterpriseId: u.enterpriseId ?? null }, now);
      if (u.role === 'verifier') {
        const plants = await trx.selectFrom('enterprises').select('id').where('industry', '=', 'thermal_power').orderBy('id').limit(3).execute();
        for (const p of plants) await trx.insertInto('verifier_assignments').values({ user_id: id, enterprise_id: p.id, assigned_at: now }).execute();
      }
      await recordAudit(trx, {
        actor: { kind: 'system', id: null, name: 'demo-seed' }, action: 'create', entity: 'user', entityId: id,
        after: { username: u.username, role: u.role, regionCode: u.region.code, enterpriseId: u.enterpriseId ?? null }, at: now,
      });
    });
  }
  const seedActor = { actor: { kind: 'system' as const, id: null, name: 'demo-seed' }, regionPrefix: '', now };
  for (const u of plan) {
    if (u.certificateNo === undefined) continue;
    const row = await db.selectFrom('users').select(['id', 'certificate_no']).where('username', '=', u.username).executeTakeFirstOrThrow();
    // Only where none is recorded: a number an admin entered stays.
    if (row.certificate_no === null) await setCertificateNo(db, Number(row.id), u.certificateNo, seedActor);
  }
  await seedDemoTeams(database, [county, city], now);
  return plan.map((u) => ({ username: u.username, role: u.role, regionCode: u.region.code, regionName: u.region.name }));
}

/** A team for the officers' county and one for the city, each with the demo officers (idempotent by name). */
async function seedDemoTeams(database: Database, regions: Array<{ code: string; name: string }>, now: number): Promise<void> {
  const db = database.db;
  const officers = await db.selectFrom('users').select('id').where('role', '=', 'officer').where('username', 'in', ['officer', 'officer2']).orderBy('id').execute();
  for (const region of regions) {
    const name = `${region.name}执法队`;
    if ((await db.selectFrom('teams').select('id').where('region_code', '=', region.code).where('name', '=', name).executeTakeFirst()) !== undefined) continue;
    await db.transaction().execute(async (trx) => {
      const team = await trx.insertInto('teams').values({ region_code: region.code, name, created_at: now, created_by: null }).returning('id').executeTakeFirstOrThrow();
      if (officers.length > 0) await trx.insertInto('team_members').values(officers.map((o) => ({ team_id: Number(team.id), user_id: Number(o.id), added_at: now }))).execute();
      await recordAudit(trx, { actor: { kind: 'system', id: null, name: 'demo-seed' }, action: 'create', entity: 'team', entityId: Number(team.id), after: { regionCode: region.code, name, members: officers.map((o) => Number(o.id)) }, at: now });
    });
  }
}
