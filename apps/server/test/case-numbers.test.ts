// Case numbers on both dialects (issue 14): a city bureau numbers its cases under the city's short name taken
// from the region's name (惠州市 → 惠市环罚〔2026〕N号), one sequence across its counties that continues after
// the numbers already issued; an issued number never changes, and a case's other documents take its prefix.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cityShortName, siblingNumber } from '../src/enforcement/cases/case-numbers.ts';
import { DIALECTS } from './store-fixtures.ts';
import { call, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';

void test('the short name comes from a city\'s name; other names give none', () => {
  assert.equal(cityShortName('惠州市'), '惠市');
  assert.equal(cityShortName('广州市'), '广市');
  assert.equal(cityShortName('市辖区'), null);
  assert.equal(cityShortName('惠城区'), null);
  assert.equal(cityShortName('广东省'), null);
  assert.equal(siblingNumber('惠市环罚〔2026〕3号', '责改'), '惠市环责改〔2026〕3号');
  assert.equal(siblingNumber('粤环罚〔2026〕7号', '不罚'), '粤环不罚〔2026〕7号', 'an old number keeps its prefix');
});

for (const dialect of DIALECTS) {
  void describe(`case numbers on ${dialect}`, () => {
    let rig: HttpRig;
    let dispatcher: Session;
    before(async () => {
      rig = await startHttpRig(dialect);
      dispatcher = await login(rig.app, 'dispatcher');
    });
    after(() => rig.close());

    const open = async (enterpriseId: number): Promise<string> => {
      const res = await call(rig.app, dispatcher, 'POST', '/api/cases', {
        enterpriseId, matterCode: 'AIR-99-2', discoveredAt: rig.clock.now, details: { cause: '超标排放大气污染物案', facts: '小时浓度超过排放标准。', evidence: [{ name: '自动监控数据', detail: 'DA001' }] },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ number: string }>().number;
    };

    void test('the city bureau\'s prefix, one sequence over its counties after the numbers already issued', async () => {
      const db = rig.store.database.db;
      const county = (await db.selectFrom('enterprises').select('region_code').where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow()).region_code;
      const city = await db.selectFrom('regions').select(['code', 'name']).where('code', '=', `${county.slice(0, 4)}00`).executeTakeFirstOrThrow();
      const prefix = `${[...city.name][0]}市环罚`;
      const year = 2026;
      // A number issued before the rule, in the old form: it stays as it is, and the sequence continues after it.
      const legacy = await db.insertInto('cases').values({
        number: `粤环罚〔${year}〕7号`, number_year: year, number_seq: 7, region_code: county, enterprise_id: rig.inside.enterpriseId, task_id: null, matter_code: 'AIR-99-2', matter_version: 1,
        table_version: null, state: 'decided', major: 0, discovered_at: 1, filed_at: 2, decided_at: 3, closed_at: null, amount: null, record: '{}', details: '{}', created_at: 1, created_by: 1, updated_at: 3, version: 5,
      }).returning('id').executeTakeFirstOrThrow();
      assert.equal(await open(rig.inside.enterpriseId), `${prefix}〔${year}〕8号`);
      // A unit in a sibling county of the same city: the same bureau, the next number.
      const sibling = await db.selectFrom('regions').select('code').where('parent_code', '=', city.code).where('code', '!=', county).orderBy('code').executeTakeFirstOrThrow();
      const other = await db.selectFrom('enterprises').select('id').where('region_code', 'not like', `${county.slice(0, 4)}%`).orderBy('id').executeTakeFirstOrThrow();
      await db.updateTable('enterprises').set({ region_code: sibling.code }).where('id', '=', other.id).execute();
      assert.equal(await open(Number(other.id)), `${prefix}〔${year}〕9号`);
      assert.equal((await db.selectFrom('cases').select('number').where('id', '=', legacy.id).executeTakeFirstOrThrow()).number, `粤环罚〔${year}〕7号`);
    });
  });
}
