// An enterprise's industry reads as its GB/T 4754-2017 class (issue 14): the demo's textile dyer is
// 1713 棉印染精加工, never the checklist template's category (锅炉); an unknown code has no name.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { industryClassName } from '../src/registry/industry-classes.ts';
import { DIALECTS } from './store-fixtures.ts';
import { call, login, startHttpRig, type HttpRig } from './http-fixtures.ts';

void test('class names by code', () => {
  assert.equal(industryClassName('1713'), '棉印染精加工');
  assert.equal(industryClassName('4412'), '热电联产');
  assert.equal(industryClassName('9999'), null);
  assert.equal(industryClassName(null), null);
});

for (const dialect of DIALECTS) {
  void describe(`enterprise industry name on ${dialect}`, () => {
    let rig: HttpRig;
    before(async () => {
      rig = await startHttpRig(dialect);
    });
    after(() => rig.close());

    void test('the seeded textile dyer answers its class name with its code', async () => {
      const db = rig.store.database.db;
      const dyer = await db.selectFrom('enterprises').select(['id', 'industry', 'region_code']).where('name', 'like', '%印染%').orderBy('id').executeTakeFirst();
      // The seed's twelve units may not hold a dyer; then the first unit is made one the way the seed does.
      const id = dyer === undefined ? rig.inside.enterpriseId : Number(dyer.id);
      if (dyer === undefined) await db.updateTable('enterprises').set({ industry: 'boiler', industry_code: '1713' }).where('id', '=', id).execute();
      const row = await db.selectFrom('enterprises').select(['industry', 'industry_code']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.industry_code, '1713');
      assert.equal(row.industry, 'boiler', 'the template category stays in the registry');
      const head = await login(rig.app, 'head');
      const res = await call(rig.app, head, 'GET', `/api/enterprises/${id}`);
      assert.equal(res.statusCode, 200, res.body);
      const e = res.json<{ industryCode: string; industryName: string | null }>();
      assert.deepEqual([e.industryCode, e.industryName], ['1713', '棉印染精加工']);
    });
  });
}
