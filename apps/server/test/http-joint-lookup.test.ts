// A joint request's pickers over HTTP on both dialects (issue 14): the regions a dispatcher may ask are those
// outside its own, by name; a unit of one of them is found by a name or USCC fragment through a narrow lookup
// that answers names and USCCs only, at most JOINT_LOOKUP_MAX of them, refuses the caller's own region and a
// one-character fragment, and writes an audit row; the joint task's lists carry both regions' names.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { JOINT_LOOKUP_MAX } from '../src/enforcement/tasks/joint-lookup.ts';
import { DIALECTS } from './store-fixtures.ts';
import { call, errorCode, login, startHttpRig, T0, type HttpRig, type Session } from './http-fixtures.ts';

for (const dialect of DIALECTS) {
  void describe(`joint-request lookups on ${dialect}`, () => {
    let rig: HttpRig;
    let dispatcher: Session;
    const other = { regionCode: '', regionName: '', name: '', uscc: '' };
    let own = '';

    before(async () => {
      rig = await startHttpRig(dialect);
      dispatcher = await login(rig.app, 'dispatcher');
      const db = rig.store.database.db;
      const e = await db.selectFrom('enterprises as e').innerJoin('regions as r', 'r.code', 'e.region_code').select(['e.region_code', 'r.name as region_name', 'e.name', 'e.uscc'])
        .where('e.id', '=', rig.otherCity.enterpriseId).executeTakeFirstOrThrow();
      Object.assign(other, { regionCode: e.region_code, regionName: e.region_name, name: e.name, uscc: e.uscc });
      own = (await db.selectFrom('users').select('region_code').where('username', '=', 'dispatcher').executeTakeFirstOrThrow()).region_code;
    });
    after(() => rig.close());

    void test('the regions offered are those outside the caller\'s own, with their names', async () => {
      const res = await call(rig.app, dispatcher, 'GET', '/api/tasks/joint/regions');
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json<{ items: Array<{ code: string; name: string }> }>().items;
      assert.ok(items.some((r) => r.code === other.regionCode && r.name === other.regionName), 'the other city\'s county is offered');
      const prefix = own.endsWith('0000') ? own.slice(0, 2) : own.endsWith('00') ? own.slice(0, 4) : own;
      assert.ok(items.length > 0 && items.every((r) => !r.code.startsWith(prefix)), 'none of the caller\'s own');
      assert.equal((await call(rig.app, await login(rig.app, 'officer'), 'GET', '/api/tasks/joint/regions')).statusCode, 403, 'a dispatcher\'s tool only');
    });

    void test('a unit of the other region is found by name or USCC, names only, and the lookup is audited', async () => {
      const db = rig.store.database.db;
      const before = (await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number | string>().as('n')).where('action', '=', 'joint_lookup').executeTakeFirstOrThrow()).n;
      const q = other.name.slice(0, 3);
      const res = await call(rig.app, dispatcher, 'GET', `/api/tasks/joint/enterprises?regionCode=${other.regionCode}&q=${encodeURIComponent(q)}`);
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json<{ items: Array<Record<string, unknown>> }>().items;
      assert.ok(items.some((x) => x.id === rig.otherCity.enterpriseId && x.name === other.name && x.uscc === other.uscc), res.body);
      assert.ok(items.every((x) => Object.keys(x).sort().join() === 'id,name,uscc'), 'nothing but id, name and USCC');
      assert.ok(items.length <= JOINT_LOOKUP_MAX);
      const byUscc = await call(rig.app, dispatcher, 'GET', `/api/tasks/joint/enterprises?regionCode=${other.regionCode}&q=${other.uscc.slice(0, 10)}`);
      assert.ok(byUscc.json<{ items: Array<{ id: number }> }>().items.some((x) => x.id === rig.otherCity.enterpriseId));
      // A unit of the caller's own region is not found in the other one.
      const mine = await db.selectFrom('enterprises').select('name').where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow();
      const none = await call(rig.app, dispatcher, 'GET', `/api/tasks/joint/enterprises?regionCode=${other.regionCode}&q=${encodeURIComponent(mine.name)}`);
      assert.ok(!none.json<{ items: Array<{ id: number }> }>().items.some((x) => x.id === rig.inside.enterpriseId));
      const audit = await db.selectFrom('audit_log').select(['entity', 'entity_id', 'actor_name', 'at']).where('action', '=', 'joint_lookup').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      assert.equal(audit.entity, 'region');
      assert.equal(audit.entity_id, other.regionCode);
      assert.ok(Number(audit.at) >= T0, 'on the platform clock');
      const after = (await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number | string>().as('n')).where('action', '=', 'joint_lookup').executeTakeFirstOrThrow()).n;
      assert.equal(Number(after) - Number(before), 3, 'one row per lookup');
    });

    void test('the lookup refuses the caller\'s own region, a one-character fragment, and a role without dispatch', async () => {
      const ownRes = await call(rig.app, dispatcher, 'GET', `/api/tasks/joint/enterprises?regionCode=${own}&q=${encodeURIComponent('有限公司')}`);
      assert.equal(ownRes.statusCode, 400);
      assert.equal(ownRes.json<{ error: { details?: { field?: string } } }>().error.details?.field, 'regionCode');
      const short = await call(rig.app, dispatcher, 'GET', `/api/tasks/joint/enterprises?regionCode=${other.regionCode}&q=${encodeURIComponent(other.name.slice(0, 1))}`);
      assert.equal(short.statusCode, 400);
      assert.equal(errorCode(short), 'bad_request');
      const officer = await call(rig.app, await login(rig.app, 'officer'), 'GET', `/api/tasks/joint/enterprises?regionCode=${other.regionCode}&q=${encodeURIComponent(other.name.slice(0, 3))}`);
      assert.equal(officer.statusCode, 403);
    });

    void test('a joint task\'s lists name both regions', async () => {
      const res = await call(rig.app, dispatcher, 'POST', '/api/tasks', { source: 'joint', receivingRegionCode: other.regionCode, enterpriseId: rig.otherCity.enterpriseId, title: '跨市联合检查' });
      assert.equal(res.statusCode, 200, res.body);
      const id = res.json<{ id: number }>().id;
      const ownName = (await rig.store.database.db.selectFrom('regions').select('name').where('code', '=', own).executeTakeFirstOrThrow()).name;
      const list = (await call(rig.app, dispatcher, 'GET', '/api/tasks?source=joint')).json<{ items: Array<{ id: number; regionName: string; requestingRegionName: string | null }> }>().items;
      const t = list.find((x) => x.id === id)!;
      assert.equal(t.regionName, other.regionName);
      assert.equal(t.requestingRegionName, ownName);
    });
  });
}
