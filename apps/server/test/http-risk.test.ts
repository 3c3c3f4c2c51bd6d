// The risk API (issue 4 §6b) over the real app: the ranked, scoped list with its tier filter and export,
// one enterprise's explained score and history, and the weights: readable, edited by the admin (validated,
// audited, a new version) and applied by a recompute. Access by role and region is in http-access.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RISK_WEIGHTS, tierOf, type RiskWeights } from '@ecoenforce/domain';
import { computeRiskScores } from '../src/risk/risk.ts';
import { DAY } from '../src/compliance/compliance-day.ts';
import { DIALECTS } from './store-fixtures.ts';
import { call, login, startHttpRig, type HttpRig } from './http-fixtures.ts';
import { assertChineseOnly, csvSheet, xlsxSheet } from './export-fixtures.ts';

interface RiskList {
  day: number | null;
  counts: Record<string, number>;
  total: number;
  items: Array<{ rank: number; enterpriseId: number; regionCode: string; enterpriseName: string; score: number; tier: string; previousScore: number | null; top: Array<{ factor: string; points: number }> }>;
}
interface EnterpriseRisk {
  current: { score: number; tier: string; weightsVersion: number; contributions: Array<{ factor: string; points: number; note?: string }> } | null;
  history: Array<{ day: number; score: number }>;
}

for (const dialect of DIALECTS) {
  void describe(`risk API on ${dialect}`, () => {
    let rig: HttpRig;
    before(async () => {
      rig = await startHttpRig(dialect);
      await rig.newWarning(rig.inside.pointId);
      await computeRiskScores(rig.store.database.db, rig.clock.now);
    });
    after(() => rig.close());

    void test('the list ranks the units in scope by score, filters by tier and exports', async () => {
      const head = await login(rig.app, 'head');
      const list = (await call(rig.app, head, 'GET', '/api/risk')).json<RiskList>();
      assert.ok(list.items.length > 1);
      assert.equal(list.total, list.items.length);
      assert.deepEqual(list.items.map((i) => i.rank), list.items.map((_, n) => n + 1));
      for (let n = 1; n < list.items.length; n++) assert.ok(list.items[n - 1]!.score >= list.items[n]!.score);
      const analyst = await login(rig.app, 'analyst');
      const city = (await call(rig.app, analyst, 'GET', '/api/auth/me')).json<{ user: { regionCode: string } }>().user.regionCode.slice(0, 4);
      const cityList = (await call(rig.app, analyst, 'GET', '/api/risk')).json<RiskList>();
      assert.ok(cityList.items.some((i) => i.enterpriseId === rig.inside.enterpriseId));
      assert.ok(cityList.items.every((i) => i.regionCode.startsWith(city)), 'only the analyst’s city');
      assert.ok(cityList.items.length < list.items.length);
      const first = list.items[0]!;
      assert.equal(first.enterpriseId, rig.inside.enterpriseId, 'the unit with an exceedance ranks first');
      assert.equal(first.top[0]!.factor, 'exceedance');
      assert.equal(Object.values(list.counts).reduce((a, b) => a + b, 0), list.total);

      const tier = first.tier === 'low' ? 'medium' : 'low';
      const filtered = (await call(rig.app, head, 'GET', `/api/risk?tier=${tier}`)).json<RiskList>();
      assert.equal(filtered.items.length, list.counts[tier]);
      assert.ok(filtered.items.every((i) => i.tier === tier));

      const csv = await call(rig.app, head, 'GET', '/api/risk?format=csv');
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.equal(csv.body.trim().split('\n').length, list.items.length + 1);
      // Issue 14 §6: Chinese headers and values; the region and industry by name, the tier and factors in words.
      const HEADERS = ['排名', '单位', '行政区划', '行业', '管理类别', '风险分', '风险等级', '较前一日', '主要因素（得分）'];
      assert.deepEqual(csvSheet(csv.body).headers, HEADERS);
      assertChineseOnly(csvSheet(csv.body));
      const sheet = await xlsxSheet((await call(rig.app, head, 'GET', '/api/risk?format=xlsx')).rawPayload);
      assert.deepEqual([sheet.name, sheet.headers], ['风险名录', HEADERS]);
      assertChineseOnly(sheet);
      const region = await rig.store.database.db.selectFrom('regions').select('name').where('code', '=', first.regionCode).executeTakeFirstOrThrow();
      assert.deepEqual([sheet.value(0, '排名'), sheet.cell(0, '单位'), sheet.cell(0, '行政区划'), sheet.value(0, '风险分')], [1, first.enterpriseName, region.name, first.score]);
      assert.equal(sheet.cell(0, '风险等级'), { high: '高风险', medium: '中风险', low: '低风险' }[first.tier]);
      assert.match(sheet.cell(0, '主要因素（得分）'), /^超标次数（段） \d/);
    });

    void test('the company sees only its own score', async () => {
      const company = await login(rig.app, 'company');
      const list = (await call(rig.app, company, 'GET', '/api/risk')).json<RiskList>();
      assert.deepEqual(list.items.map((i) => i.enterpriseId), [rig.inside.enterpriseId]);
      assert.equal((await call(rig.app, company, 'GET', `/api/enterprises/${rig.otherCity.enterpriseId}/risk`)).statusCode, 404);
    });

    void test('an enterprise’s score lists its contributions and its history by day', async () => {
      const head = await login(rig.app, 'head');
      const url = `/api/enterprises/${rig.inside.enterpriseId}/risk`;
      const r = (await call(rig.app, head, 'GET', url)).json<EnterpriseRisk>();
      assert.ok(r.current !== null);
      assert.equal(r.current.score, Math.round(r.current.contributions.reduce((s, c) => s + c.points, 0) * 10) / 10);
      assert.deepEqual(['penalties', 'rectification', 'tips'].map((f) => r.current!.contributions.find((c) => c.factor === f)!.note), [undefined, undefined, undefined], 'every input has its source now');
      assert.equal(r.history.length, 1);
      // The next day: a second history point, and the list shows the change since the day before.
      rig.clock.now += DAY;
      await computeRiskScores(rig.store.database.db, rig.clock.now);
      const next = (await call(rig.app, head, 'GET', url)).json<EnterpriseRisk>();
      assert.equal(next.history.length, 2);
      assert.equal(next.history[1]!.day - next.history[0]!.day, DAY);
      const list = (await call(rig.app, head, 'GET', '/api/risk')).json<RiskList>();
      const mine = list.items.find((i) => i.enterpriseId === rig.inside.enterpriseId)!;
      assert.equal(mine.previousScore, r.current.score);
    });

    void test('weights: readable, edited by the admin with validation and audit, applied by a recompute', async () => {
      const admin = await login(rig.app, 'admin');
      const w = (await call(rig.app, admin, 'GET', '/api/risk/weights')).json<{ version: number; weights: RiskWeights; defaults: RiskWeights }>();
      assert.deepEqual(w.weights, w.defaults);
      assert.deepEqual(w.defaults, DEFAULT_RISK_WEIGHTS);
      const bad = await call(rig.app, admin, 'PUT', '/api/risk/weights', { weights: { ...w.weights, tiers: { high: 10, medium: 30 } }, note: 'inverted tiers' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /tiers/);
      const heavier = { ...w.weights, perUnit: { ...w.weights.perUnit, exceedance: 40 }, caps: { ...w.weights.caps, exceedance: 40 } };
      const put = await call(rig.app, admin, 'PUT', '/api/risk/weights', { weights: heavier, note: 'exceedances first', recompute: true });
      assert.equal(put.statusCode, 200, put.body);
      const saved = put.json<{ version: number; recomputed: number }>();
      assert.equal(saved.version, w.version + 1);
      assert.ok(saved.recomputed > 0);
      const audit = await rig.store.database.db.selectFrom('audit_log').select(['actor_name', 'action']).where('entity', '=', 'risk_weights').where('entity_id', '=', String(saved.version)).orderBy('seq').execute();
      assert.deepEqual(audit, [{ actor_name: 'admin', action: 'update' }]);
      const r = (await call(rig.app, admin, 'GET', `/api/enterprises/${rig.inside.enterpriseId}/risk`)).json<EnterpriseRisk>();
      assert.equal(r.current!.weightsVersion, saved.version);
      assert.equal(r.current!.contributions.find((c) => c.factor === 'exceedance')!.points, 40);
      assert.equal(r.current!.tier, tierOf(r.current!.score, heavier.tiers));
      assert.notEqual(r.current!.tier, 'low');
    });
  });
}
