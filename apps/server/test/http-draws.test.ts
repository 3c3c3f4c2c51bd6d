// The double-random draw over HTTP (issue 5 §2): conflicts declared and a unit positive-listed through the
// API, a draw for the demo officers' county, the stored record re-run by verify (and a tampered record
// caught), one task per drawn unit with two officers and never the conflicted one, the off-site task of the
// listed unit, a second draw of the same period refused until the first is voided with a reason, a draw
// that cannot be staffed refused with the domain's reason, and the audit rows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeUscc } from '@ecoenforce/domain';
import { DIALECTS } from './store-fixtures.ts';
import { call, errorCode, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';
import { userId } from './case-fixtures.ts';
import { thirdOfficer } from './publication-fixtures.ts';

interface Draw {
  id: number;
  regionCode: string;
  period: string;
  seed: string;
  record: { objects: Array<{ enterpriseId: string; officers: string[] }>; offSite: Array<{ enterpriseId: string }>; exclusions: Array<{ officerId: string; reason: string }>; resultDigest: string };
  tasks: Array<{ enterpriseId: number; uscc: string; taskId: number; offSite: boolean }>;
  voided: { reason: string } | null;
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
      const audit = await db.selectFrom('audit_log').select(['action', 'changes']).where('entity', '=', 'draw').where('entity_id', '=', String(d.id)).execute();
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
      const audit = await rig.store.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'draw').where('entity_id', '=', String(firstId)).execute();
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
  });
}
