// The double-random draw over HTTP (issue 5 §2): conflicts declared and a unit positive-listed through the
// API, a draw for the demo officers' county, the stored record re-run by verify (and a tampered record
// caught), one task per drawn unit with two officers and never the conflicted one, the off-site task of the
// listed unit, a second draw of the same period refused until the first is voided with a reason, a draw
// that cannot be staffed refused with the domain's reason, and the audit rows. Then: a draw whose task creation
// fails part-way stores nothing (one transaction) and tells the live board nothing; and the officers' yearly
// quota of general units [W11]; and a city's draw with its branches' officers (the policy's officer pool).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { DEFAULT_DRAW_POLICY, makeUscc } from '@ecoenforce/domain';
import type { Schema } from '../src/platform/db/schema.ts';
import { createUser } from '../src/accounts/users.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-users.ts';
import { DIALECTS } from './store-fixtures.ts';
import { call, errorCode, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';
import { userId } from './case-fixtures.ts';
import { thirdOfficer } from './publication-fixtures.ts';

interface Draw {
  id: number;
  regionCode: string;
  period: string;
  seed: string;
  record: {
    objects: Array<{ enterpriseId: string; regionCode: string; keyUnit: boolean; officers: string[] }>; offSite: Array<{ enterpriseId: string }>;
    exclusions: Array<{ officerId: string; enterpriseId: string | null; reason: string }>; resultDigest: string; policy: { id: string; version: number; officerPool?: string };
  };
  tasks: Array<{ enterpriseId: number; uscc: string; taskId: number; offSite: boolean }>;
  officers: Record<string, string>;
  voided: { reason: string } | null;
}

interface Quota {
  regionCode: string;
  year: number;
  level: string;
  quota: number | null;
  draws: number;
  officers: Array<{ officerId: number; name: string; current: boolean; drawn: number; done: number; met: boolean | null; short: number | null }>;
}

/** Every unit of the region drawn on site, so a draw has several tasks and its key units too. */
const EVERYONE = { ...DEFAULT_DRAW_POLICY, tierPercent: { high: 100, medium: 100, low: 100 }, keyUnitMinimumPercent: { ...DEFAULT_DRAW_POLICY.keyUnitMinimumPercent }, recentInspectionDays: 0 };

/**
 * A database trigger that refuses the second task of any draw: a failure after the draw row, its audit row,
 * the first task and its assignment are written, the way a real constraint or a lost connection would fail.
 */
async function refuseSecondDrawTask(db: Kysely<Schema>, dialect: string, on: boolean): Promise<void> {
  if (dialect === 'sqlite') {
    await sql.raw(on
      ? `create trigger refuse_second_draw_task before insert on tasks when new.source_kind = 'draw' and (select count(*) from tasks where source_kind = 'draw' and source_id = new.source_id) >= 1
         begin select raise(abort, 'refused by the test trigger'); end`
      : 'drop trigger refuse_second_draw_task').execute(db);
    return;
  }
  if (!on) {
    await sql.raw('drop trigger refuse_second_draw_task on tasks').execute(db);
    return;
  }
  await sql.raw(`create or replace function refuse_second_draw_task() returns trigger language plpgsql as $$
    begin
      if (select count(*) from tasks where source_kind = 'draw' and source_id = new.source_id) >= 1 then raise exception 'refused by the test trigger'; end if;
      return new;
    end $$`).execute(db);
  await sql.raw(`create trigger refuse_second_draw_task before insert on tasks for each row when (new.source_kind = 'draw') execute function refuse_second_draw_task()`).execute(db);
}

for (const dialect of DIALECTS) {
  void describe(`double-random draw over HTTP on ${dialect}`, () => {
    let rig: HttpRig;
    let dispatcher: Session;
    let county: string;
    let conflicted: number;
    let listed: { id: number; uscc: string };
    before(async () => {
      rig = await startHttpRig(dialect);
      const db = rig.store.database.db;
      await thirdOfficer(db);
      dispatcher = await login(rig.app, 'dispatcher');
      county = (await db.selectFrom('enterprises').select('region_code').where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow()).region_code;
      conflicted = await userId(db, 'officer');
      // Three more units in the county, so the draw has a directory to choose from (one a key unit).
      for (const [i, category] of (['key', 'simplified', 'registration'] as const).entries()) {
        await db.insertInto('enterprises').values({
          uscc: makeUscc({ authority: '9', kind: '1', region: county, orgBody: `MA5DRW0${i}` }), name: `抽查测试${i + 1}有限公司`, region_code: county, industry: 'boiler', address: '测试路1号',
          lat: 23.1, lng: 113.3, created_at: rig.clock.now, management_category: category,
        }).execute();
      }
    });
    after(() => rig.close());

    const countyUnits = () => rig.store.database.db.selectFrom('enterprises').select(['id', 'uscc']).where('region_code', '=', county).orderBy('id').execute();

    void test('a draw is stored, reproducible by verify, and dispatched with two officers per unit and never a conflicted one', async () => {
      const db = rig.store.database.db;
      const units = await countyUnits();
      assert.ok(units.length >= 2, `the county has ${units.length} units`);
      // The demo officer declares a conflict with every unit of the county: the draw may never send them.
      for (const u of units) {
        const res = await call(rig.app, dispatcher, 'POST', '/api/officer-conflicts', { officerId: conflicted, enterpriseId: u.id, reason: '亲属在该单位任职' });
        assert.equal(res.statusCode, 200, res.body);
      }
      const dup = await call(rig.app, dispatcher, 'POST', '/api/officer-conflicts', { officerId: conflicted, enterpriseId: units[0]!.id, reason: '重复申报' });
      assert.equal(dup.statusCode, 409);
      // The last unit of the county goes on the positive list; it has no warnings, so it is checked off site [W10].
      const last = units.at(-1)!;
      assert.notEqual(last.id, rig.inside.enterpriseId);
      const added = await call(rig.app, dispatcher, 'POST', '/api/positive-list', { enterpriseId: last.id, reason: '两年内无违法记录，自动监控联网正常' });
      assert.equal(added.statusCode, 200, added.body);
      listed = { id: last.id, uscc: last.uscc };

      const res = await call(rig.app, dispatcher, 'POST', '/api/draws', { regionCode: county, period: '2026-Q4', published: '福彩3D 2026320期 5 8 1' });
      assert.equal(res.statusCode, 200, res.body);
      const d = res.json<Draw>();
      assert.equal(d.seed, `福彩3D 2026320期 5 8 1|${county}|2026-Q4`);
      assert.ok(d.record.objects.length >= 1, 'at least one unit drawn');
      assert.deepEqual(d.record.offSite.map((o) => o.enterpriseId), [listed.uscc]);
      assert.ok(!d.record.objects.some((o) => o.enterpriseId === listed.uscc), 'the listed unit is not visited');
      assert.ok(d.record.exclusions.some((x) => x.officerId === String(conflicted) && x.reason === 'conflict_of_interest'));
      // The record holds officer ids; the answer names each of them (the page shows names, not ids).
      const names = new Map((await rig.store.database.db.selectFrom('users').select(['id', 'display_name']).execute()).map((u) => [String(u.id), u.display_name]));
      assert.deepEqual(d.officers, Object.fromEntries([...new Set(d.record.objects.flatMap((o) => o.officers))].map((id) => [id, names.get(id)])));

      // One task per drawn unit with exactly its two drawn officers, none of them the conflicted officer.
      const onSite = d.tasks.filter((t) => !t.offSite);
      assert.equal(onSite.length, d.record.objects.length);
      for (const o of d.record.objects) {
        assert.equal(o.officers.length, 2);
        assert.ok(!o.officers.includes(String(conflicted)));
        const link = onSite.find((t) => t.uscc === o.enterpriseId)!;
        const task = await db.selectFrom('tasks').select(['source_kind', 'source_id', 'status', 'enterprise_id']).where('id', '=', link.taskId).executeTakeFirstOrThrow();
        assert.deepEqual({ ...task, source_id: Number(task.source_id), enterprise_id: Number(task.enterprise_id) }, { source_kind: 'draw', source_id: d.id, status: 'assigned', enterprise_id: link.enterpriseId });
        const on = await db.selectFrom('task_assignments').select('user_id').where('task_id', '=', link.taskId).where('released_at', 'is', null).execute();
        assert.deepEqual(on.map((a) => String(a.user_id)).sort(), [...o.officers].sort());
      }
      // The off-site check: a task with nobody sent, marked off site in the draw and in its title.
      const off = d.tasks.find((t) => t.offSite)!;
      assert.equal(off.enterpriseId, listed.id);
      const offTask = await db.selectFrom('tasks').select(['title', 'status']).where('id', '=', off.taskId).executeTakeFirstOrThrow();
      assert.match(offTask.title, /^非现场检查 /);
      assert.equal(offTask.status, 'open');
      assert.equal((await db.selectFrom('task_assignments').select('id').where('task_id', '=', off.taskId).execute()).length, 0);

      // Verify re-runs the stored inputs: the same record.
      const v = await call(rig.app, dispatcher, 'GET', `/api/draws/${d.id}/verify`);
      assert.equal(v.statusCode, 200, v.body);
      assert.equal(v.json<{ ok: boolean }>().ok, true);
      assert.equal(v.json<{ resultDigest: string }>().resultDigest, d.record.resultDigest);
      // Any officer can read the draw of their region; the audit has the draw with its digests.
      const officer = await login(rig.app, 'officer2');
      assert.equal((await call(rig.app, officer, 'GET', `/api/draws/${d.id}`)).statusCode, 200);
      assert.equal((await call(rig.app, officer, 'POST', '/api/draws', { regionCode: county, period: '2026-Q3', published: 'x' })).statusCode, 403, 'an officer does not draw');
      const audit = await db.selectFrom('audit_log').select(['action', 'changes']).where('entity', '=', 'draw').where('entity_id', '=', String(d.id)).orderBy('seq').execute();
      assert.deepEqual(audit.map((a) => a.action), ['draw']);
      assert.match(audit[0]!.changes ?? '', new RegExp(d.record.resultDigest));
      assert.ok((await db.selectFrom('audit_log').select('seq').where('entity', '=', 'officer_conflict').execute()).length >= units.length);

      // A record edited after the draw (another officer swapped in) fails verification, naming the field.
      const row = await db.selectFrom('draws').select('record').where('id', '=', d.id).executeTakeFirstOrThrow();
      const tampered = JSON.parse(row.record) as Draw['record'];
      tampered.objects[0]!.officers[0] = String(conflicted);
      await db.updateTable('draws').set({ record: JSON.stringify(tampered) }).where('id', '=', d.id).execute();
      const bad = (await call(rig.app, dispatcher, 'GET', `/api/draws/${d.id}/verify`)).json<{ ok: boolean; problems: string[] }>();
      assert.equal(bad.ok, false);
      assert.ok(bad.problems.some((p) => p.startsWith('objects')), bad.problems.join('; '));
      await db.updateTable('draws').set({ record: row.record }).where('id', '=', d.id).execute();
    });

    void test('one draw per region and period: 409 until the first is voided with a reason, which stays visible', async () => {
      const body = { regionCode: county, period: '2026-Q4', published: '另一个数' };
      const again = await call(rig.app, dispatcher, 'POST', '/api/draws', body);
      assert.equal(again.statusCode, 409, again.body);
      const firstId = (again.json<{ error: { details: { drawId: number } } }>()).error.details.drawId;
      assert.equal((await call(rig.app, dispatcher, 'POST', `/api/draws/${firstId}/void`, { reason: '' })).statusCode, 400, 'a void needs a reason');
      const voided = await call(rig.app, dispatcher, 'POST', `/api/draws/${firstId}/void`, { reason: '公开号码录入错误' });
      assert.equal(voided.statusCode, 200, voided.body);
      assert.equal(voided.json<Draw>().voided?.reason, '公开号码录入错误');
      assert.equal((await call(rig.app, dispatcher, 'POST', `/api/draws/${firstId}/void`, { reason: '再次作废' })).statusCode, 409);
      const second = await call(rig.app, dispatcher, 'POST', '/api/draws', body);
      assert.equal(second.statusCode, 200, second.body);
      const list = (await call(rig.app, dispatcher, 'GET', '/api/draws')).json<{ items: Draw[] }>().items;
      const first = list.find((x) => x.id === firstId)!;
      assert.equal(first.voided?.reason, '公开号码录入错误');
      assert.ok(list.some((x) => x.id === second.json<Draw>().id && x.voided === null));
      const audit = await rig.store.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'draw').where('entity_id', '=', String(firstId)).orderBy('seq').execute();
      assert.deepEqual(audit.map((a) => a.action), ['draw', 'void']);
    });

    void test('bad input is a typed 400; a region without officers of its own cannot be staffed; another province is 404', async () => {
      assert.equal((await call(rig.app, dispatcher, 'POST', '/api/draws', { regionCode: county, period: 'soon', published: 'x' })).statusCode, 400);
      assert.equal((await call(rig.app, dispatcher, 'POST', '/api/draws', { regionCode: county, period: '2027-Q1', published: 'x', policy: { id: 'p', version: 1, source: 's', tierPercent: { high: 25, medium: 15, low: 5 }, keyUnitMinimumPercent: { province: 5, city: 1, county: 25 }, officersPerObject: 2, recentInspectionDays: 0 } })).statusCode, 400, 'below the statutory floor [W11]');
      // The other city's county has units but no officer of its own.
      const head = await login(rig.app, 'head');
      const other = (await rig.store.database.db.selectFrom('enterprises').select('region_code').where('id', '=', rig.otherCity.enterpriseId).executeTakeFirstOrThrow()).region_code;
      const unstaffed = await call(rig.app, head, 'POST', '/api/draws', { regionCode: other, period: '2026-Q4', published: 'x' });
      assert.equal(unstaffed.statusCode, 400, unstaffed.body);
      assert.equal(unstaffed.json<{ error: { details: { draw: { code: string } } } }>().error.details.draw.code, 'too_few_officers');
      assert.equal((await rig.store.database.db.selectFrom('draws').select('id').where('region_code', '=', other).execute()).length, 0, 'nothing stored');
      const outside = await call(rig.app, head, 'POST', '/api/draws', { regionCode: '450102', period: '2026-Q4', published: 'x' });
      assert.equal(errorCode(outside), 'not_found');
      // Removing the listing is audited and the unit is back in the on-site pool for the next period.
      const listing = (await call(rig.app, dispatcher, 'GET', '/api/positive-list')).json<{ items: Array<{ id: number; enterpriseId: number; inForce: boolean }> }>().items.find((l) => l.enterpriseId === listed.id)!;
      assert.equal(listing.inForce, true);
      assert.equal((await call(rig.app, dispatcher, 'POST', `/api/positive-list/${listing.id}/remove`, { reason: '发生超标排放' })).statusCode, 200);
      const next = (await call(rig.app, dispatcher, 'POST', '/api/draws', { regionCode: county, period: '2027-Q1', published: '2027' })).json<Draw>();
      assert.deepEqual(next.record.offSite, []);
    });

    void test('a draw whose task creation fails part-way stores nothing, tells the board nothing, and can be drawn again', async () => {
      const db = rig.store.database.db;
      const count = async (table: 'draws' | 'tasks' | 'task_assignments' | 'audit_log') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const counts = async () => ({ draws: await count('draws'), tasks: await count('tasks'), assignments: await count('task_assignments'), audit: await count('audit_log') });
      const told: number[] = [];
      const tell = rig.live.task.bind(rig.live);
      rig.live.task = (at, data) => {
        told.push((data as { id: number }).id);
        tell(at, data);
      };
      try {
        const body = { regionCode: county, period: '2029', published: '原子性', policy: EVERYONE };
        const was = await counts();
        await refuseSecondDrawTask(db, dialect, true);
        let failed;
        try {
          failed = await call(rig.app, dispatcher, 'POST', '/api/draws', body);
        } finally {
          await refuseSecondDrawTask(db, dialect, false);
        }
        assert.equal(failed.statusCode, 500, failed.body);
        assert.deepEqual(await counts(), was, 'no draw, no task, no assignment, no audit row');
        assert.equal((await db.selectFrom('draws').select('id').where('period', '=', '2029').execute()).length, 0);
        assert.deepEqual(told, [], 'nothing reaches the live board');

        const again = await call(rig.app, dispatcher, 'POST', '/api/draws', body);
        assert.equal(again.statusCode, 200, again.body);
        const d = again.json<Draw>();
        assert.ok(d.tasks.length >= 2, `${d.tasks.length} tasks`);
        assert.equal(d.tasks.length, d.record.objects.length + d.record.offSite.length);
        const now = await counts();
        assert.equal(now.draws, was.draws + 1);
        assert.equal(now.tasks, was.tasks + d.tasks.length);
        assert.equal(now.assignments, was.assignments + 2 * d.record.objects.length);
        // The draw, each task's creation and each on-site task's assignment.
        assert.equal(now.audit, was.audit + 1 + d.tasks.length + d.record.objects.length);
        assert.deepEqual([...told].sort((a, b) => a - b), d.tasks.map((t) => t.taskId).sort((a, b) => a - b), 'the committed tasks are told');
      } finally {
        rig.live.task = tell;
      }
    });

    void test('quota: general units drawn onto each officer by standing draws of the year, done, short of 10 in a county [W11]', async () => {
      const db = rig.store.database.db;
      const quota = async (who: Session, query: string) => {
        const res = await call(rig.app, who, 'GET', `/api/draws/quota?${query}`);
        assert.equal(res.statusCode, 200, res.body);
        return res.json<Quota>();
      };
      const res = await call(rig.app, dispatcher, 'POST', '/api/draws', { regionCode: county, period: '2028-Q1', published: '配额', policy: EVERYONE });
      assert.equal(res.statusCode, 200, res.body);
      const d = res.json<Draw>();
      const general = d.record.objects.filter((o) => !o.keyUnit);
      const key = d.record.objects.filter((o) => o.keyUnit);
      assert.ok(general.length >= 2 && key.length >= 1, `${general.length} general and ${key.length} key units drawn`);
      const expected = new Map<number, number>();
      for (const o of general) for (const id of o.officers) expected.set(Number(id), (expected.get(Number(id)) ?? 0) + 1);

      const q = await quota(dispatcher, `regionCode=${county}&year=2028`);
      assert.deepEqual({ level: q.level, quota: q.quota, draws: q.draws, year: q.year }, { level: 'county', quota: 10, draws: 1, year: 2028 });
      const ownOfficers = await db.selectFrom('users').select('id').where('role', '=', 'officer').where('region_code', '=', county).where('active', '=', 1).orderBy('id').execute();
      assert.deepEqual(q.officers.map((o) => o.officerId), ownOfficers.map((u) => Number(u.id)), 'every officer of the bureau, drawn or not');
      for (const o of q.officers) {
        assert.equal(o.drawn, expected.get(o.officerId) ?? 0, `officer ${o.officerId}: key units are not counted`);
        assert.deepEqual({ done: o.done, met: o.met, short: o.short, current: o.current }, { done: 0, met: false, short: 10, current: true });
      }
      assert.equal(q.officers.reduce((n, o) => n + o.drawn, 0), 2 * general.length);

      // One general and one key unit inspected: the general one counts as done for its two officers only.
      const finish = async (o: Draw['record']['objects'][number]) => {
        const taskId = d.tasks.find((t) => t.uscc === o.enterpriseId && !t.offSite)!.taskId;
        const { username } = await db.selectFrom('users').select('username').where('id', '=', Number(o.officers[0])).executeTakeFirstOrThrow();
        const officer = await login(rig.app, username);
        const started = await call(rig.app, officer, 'POST', `/api/tasks/${taskId}/start`, {});
        assert.equal(started.statusCode, 200, started.body);
        const done = await call(rig.app, officer, 'POST', `/api/tasks/${taskId}/done`, { outcome: '现场检查未发现问题' });
        assert.equal(done.statusCode, 200, done.body);
      };
      await finish(general[0]!);
      await finish(key[0]!);
      const after = await quota(dispatcher, `regionCode=${county}&year=2028`);
      for (const o of after.officers) {
        const on = general[0]!.officers.includes(String(o.officerId));
        assert.deepEqual({ done: o.done, short: o.short, met: o.met }, { done: on ? 1 : 0, short: on ? 9 : 10, met: false }, `officer ${o.officerId}`);
      }
      // Another year does not see the draw; a year without draws lists the officers with nothing drawn.
      assert.ok((await quota(dispatcher, `regionCode=${county}&year=2031`)).officers.every((o) => o.drawn === 0 && o.done === 0));

      // A voided draw sent nobody: its units leave the count.
      assert.equal((await call(rig.app, dispatcher, 'POST', `/api/draws/${d.id}/void`, { reason: '配额测试作废' })).statusCode, 200);
      const voided = await quota(dispatcher, `regionCode=${county}&year=2028`);
      assert.equal(voided.draws, 0);
      assert.ok(voided.officers.every((o) => o.drawn === 0 && o.done === 0 && o.short === 10));
    });

    void test('quota: 5 in a city, none set for a province; defaults to the caller\'s region and year; out of scope is 404', async () => {
      const db = rig.store.database.db;
      const city = `${county.slice(0, 4)}00`;
      const cityOfficer = await createUser(db, { username: 'cityofficer', displayName: '市局执法人员', password: DEMO_PASSWORD, role: 'officer', regionCode: city }, rig.clock.now);
      const c = await call(rig.app, dispatcher, 'GET', `/api/draws/quota?regionCode=${city}&year=2028`);
      assert.equal(c.statusCode, 200, c.body);
      const cq = c.json<Quota>();
      assert.deepEqual({ level: cq.level, quota: cq.quota }, { level: 'city', quota: 5 });
      assert.deepEqual(cq.officers.map((o) => ({ id: o.officerId, drawn: o.drawn, met: o.met, short: o.short })), [{ id: cityOfficer, drawn: 0, met: false, short: 5 }], 'only the city bureau\'s own officers');

      const head = await login(rig.app, 'head');
      const province = `${county.slice(0, 2)}0000`;
      const p = await call(rig.app, head, 'GET', `/api/draws/quota?regionCode=${province}&year=2028`);
      assert.equal(p.statusCode, 200, p.body);
      const pq = p.json<Quota>();
      assert.deepEqual({ level: pq.level, quota: pq.quota }, { level: 'province', quota: null });
      assert.ok(pq.officers.every((o) => o.met === null && o.short === null));

      // No parameters: the caller's own region and this year in Beijing.
      const own = await call(rig.app, dispatcher, 'GET', '/api/draws/quota');
      assert.equal(own.statusCode, 200, own.body);
      assert.deepEqual({ regionCode: own.json<Quota>().regionCode, year: own.json<Quota>().year }, { regionCode: city, year: new Date(rig.clock.now + 8 * 3600_000).getUTCFullYear() });

      // The city's dispatcher cannot read another city's county, nor anyone another province; bad input is 400.
      const other = (await db.selectFrom('enterprises').select('region_code').where('id', '=', rig.otherCity.enterpriseId).executeTakeFirstOrThrow()).region_code;
      assert.equal(errorCode(await call(rig.app, dispatcher, 'GET', `/api/draws/quota?regionCode=${other}&year=2028`)), 'not_found');
      assert.equal(errorCode(await call(rig.app, head, 'GET', '/api/draws/quota?regionCode=450102&year=2028')), 'not_found');
      assert.equal((await call(rig.app, dispatcher, 'GET', `/api/draws/quota?regionCode=${county}&year=soon`)).statusCode, 400);
      assert.equal((await call(rig.app, dispatcher, 'GET', '/api/draws/quota?regionCode=440099&year=2028')).statusCode, 400, 'not a GB/T 2260 code');
      assert.equal((await call(rig.app, await login(rig.app, 'company'), 'GET', `/api/draws/quota?regionCode=${county}&year=2028`)).statusCode, 403);
    });

    // Last: it adds officers to the city and its counties, which the quota tests above count.
    void test('a city with one officer of its own cannot staff a draw from its own pool, but can with its branches\' officers, each within their area', async () => {
      const db = rig.store.database.db;
      const city = `${county.slice(0, 4)}00`;
      // The city bureau's one officer of its own ('cityofficer' of the quota test, if that ran).
      if ((await db.selectFrom('users').select('id').where('username', '=', 'cityofficer').executeTakeFirst()) === undefined) {
        await createUser(db, { username: 'cityofficer', displayName: '市局执法人员', password: DEMO_PASSWORD, role: 'officer', regionCode: city }, rig.clock.now);
      }
      // Two branch officers in every other county of the city with units, so each unit can be staffed within its branch.
      const unitRegions = await db.selectFrom('enterprises').select('region_code').distinct().where('region_code', 'like', `${county.slice(0, 4)}%`).execute();
      for (const { region_code: code } of unitRegions) {
        assert.notEqual(code, city, 'a unit registered at the city itself would need two city officers');
        if (code === county) continue; // officer2 and officer3 (the demo officer has declared conflicts with every unit)
        for (const n of [1, 2]) await createUser(db, { username: `branch${code}n${n}`, displayName: `分局执法人员${n}`, password: DEMO_PASSWORD, role: 'officer', regionCode: code }, rig.clock.now);
      }

      // The own pool: one city officer for units that need two; the error says why and what a city may do.
      const own = await call(rig.app, dispatcher, 'POST', '/api/draws', { regionCode: city, period: '2030-Q1', published: '分局', policy: EVERYONE });
      assert.equal(own.statusCode, 400, own.body);
      const ownError = own.json<{ error: { message: string; details: { draw: { code: string; eligibleOfficers: number } } } }>().error;
      assert.deepEqual([ownError.details.draw.code, ownError.details.draw.eligibleOfficers], ['too_few_officers', 1]);
      assert.match(ownError.message, /withBranches/);
      assert.equal((await db.selectFrom('draws').select('id').where('region_code', '=', city).execute()).length, 0, 'nothing stored');

      // With the branches: drawn, dispatched and verifiable.
      const res = await call(rig.app, dispatcher, 'POST', '/api/draws', { regionCode: city, period: '2030-Q1', published: '分局', policy: { ...EVERYONE, officerPool: 'withBranches' } });
      assert.equal(res.statusCode, 200, res.body);
      const d = res.json<Draw>();
      assert.deepEqual(d.record.policy, { id: 'default', version: 1, officerPool: 'withBranches' });
      const regionOf = new Map((await db.selectFrom('users').select(['id', 'region_code']).where('role', '=', 'officer').execute()).map((u) => [String(u.id), u.region_code]));
      assert.ok(d.record.objects.length >= 4, `${d.record.objects.length} units drawn`);
      for (const o of d.record.objects) {
        assert.equal(new Set(o.officers).size, 2);
        for (const id of o.officers) assert.ok(regionOf.get(id) === city || regionOf.get(id) === o.regionCode, `officer ${id} of ${regionOf.get(id)} sent to ${o.enterpriseId} in ${o.regionCode}`);
        if (o.regionCode === county) assert.ok(!o.officers.includes(String(conflicted)), 'a declared conflict bars a branch officer too');
        const link = d.tasks.find((t) => t.uscc === o.enterpriseId && !t.offSite)!;
        const on = await db.selectFrom('task_assignments').select('user_id').where('task_id', '=', link.taskId).where('released_at', 'is', null).execute();
        assert.deepEqual(on.map((a) => String(a.user_id)).sort(), [...o.officers].sort(), 'the task board accepted the branch officers');
      }
      const sent = new Set(d.record.objects.flatMap((o) => o.officers));
      assert.ok([...sent].some((id) => regionOf.get(id) !== city), 'branch officers are drawn');
      assert.ok(d.record.exclusions.some((x) => x.officerId === String(conflicted) && x.reason === 'conflict_of_interest'));
      assert.ok(!d.record.exclusions.some((x) => x.reason === 'sub_region'));

      const v = await call(rig.app, dispatcher, 'GET', `/api/draws/${d.id}/verify`);
      assert.equal(v.statusCode, 200, v.body);
      assert.deepEqual(v.json<{ ok: boolean; problems: string[] }>().problems, []);
      assert.equal(v.json<{ ok: boolean }>().ok, true);
      const audit = await db.selectFrom('audit_log').select('changes').where('entity', '=', 'draw').where('entity_id', '=', String(d.id)).executeTakeFirstOrThrow();
      assert.match(audit.changes ?? '', /withBranches/);

      // The quota: a branch officer's units from the city's draw count on the branch's own list, not the city's.
      type Quota = { officers: Array<{ officerId: number; drawn: number }> };
      const quotaOf = async (code: string) => (await call(rig.app, dispatcher, 'GET', `/api/draws/quota?regionCode=${code}&year=2030`)).json<Quota>();
      const cityList = await quotaOf(city);
      assert.ok(cityList.officers.every((o) => regionOf.get(String(o.officerId)) === city), 'the city lists its own officers only');
      const general = d.record.objects.filter((o) => !o.keyUnit);
      for (const code of new Set([...sent].map((id) => regionOf.get(id)!).filter((c) => c !== city))) {
        const list = await quotaOf(code);
        for (const id of [...sent].filter((x) => regionOf.get(x) === code)) {
          const expected = general.filter((o) => o.officers.includes(id)).length;
          assert.equal(list.officers.find((o) => String(o.officerId) === id)?.drawn, expected, `branch officer ${id} of ${code}`);
        }
      }

      // Only a city has branches: a county asking for them is a typed 400; an unknown pool too.
      const countyWithBranches = await call(rig.app, dispatcher, 'POST', '/api/draws', { regionCode: county, period: '2030-Q1', published: '分局', policy: { ...EVERYONE, officerPool: 'withBranches' } });
      assert.equal(countyWithBranches.statusCode, 400, countyWithBranches.body);
      assert.equal(countyWithBranches.json<{ error: { details: { draw: { path: string } } } }>().error.details.draw.path, 'policy.officerPool');
      assert.equal((await call(rig.app, dispatcher, 'POST', '/api/draws', { regionCode: city, period: '2030-Q2', published: 'x', policy: { ...EVERYONE, officerPool: 'everyone' } })).statusCode, 400);
    });
  });
}
