// The warnings workflow over HTTP: the inbox is scoped, a decision needs a reason and happens once, the
// enterprise answers its own warning, and each step is in the audit trail.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from './store-fixtures.ts';
import { T0, call, errorCode, login, startHttpRig, type HttpRig } from './http-fixtures.ts';
import { weekStart } from '../src/reports/weekly.ts';
import { assertChineseOnly, csvSheet, xlsxSheet } from './export-fixtures.ts';

for (const dialect of DIALECTS) {
  void describe(`warnings API on ${dialect}`, () => {
    let rig: HttpRig;
    before(async () => {
      rig = await startHttpRig(dialect);
    });
    after(() => rig.close());

    void test('weekly list: 13 exceeded hours make a unit serious; a unit of another city is not in a city list', async () => {
      const db = rig.store.database.db;
      assert.equal(weekStart(Date.UTC(2026, 10, 28, 2)), Date.UTC(2026, 10, 22, 16), 'Saturday 10:00 Beijing is in the week from Monday 00:00 Beijing');
      assert.equal(weekStart(Date.UTC(2026, 10, 22, 15, 59)), Date.UTC(2026, 10, 15, 16), 'Sunday 23:59 Beijing is in the week before');
      const week = weekStart(T0);
      const id = await rig.newWarning(rig.inside.pointId);
      const times = Array.from({ length: 13 }, (_, h) => week + 24 * 3600_000 + h * 3600_000);
      await db.updateTable('warnings').set({ evidence: JSON.stringify({ times, values: times.map(() => 40), rule: { limit: 35 } }) }).where('id', '=', id).execute();
      const other = await rig.newWarning(rig.otherCity.pointId);
      await db.updateTable('warnings').set({ evidence: JSON.stringify({ times: [week + 3600_000], values: [100], rule: { limit: 35 } }) }).where('id', '=', other).execute();
      const analyst = await login(rig.app, 'analyst');
      const res = (await call(rig.app, analyst, 'GET', `/api/reports/weekly?week=${week + 1000}`)).json<{ weekStart: number; rows: Array<{ enterpriseId: number; exceededHours: number; serious: boolean; worstRatio: number }> }>();
      assert.equal(res.weekStart, week);
      const mine = res.rows.find((r) => r.enterpriseId === rig.inside.enterpriseId);
      assert.ok(mine !== undefined);
      assert.ok(mine.exceededHours >= 13);
      assert.equal(mine.serious, true);
      assert.ok(!res.rows.some((r) => r.enterpriseId === rig.otherCity.enterpriseId));
      const head = await login(rig.app, 'head');
      const all = (await call(rig.app, head, 'GET', `/api/reports/weekly?week=${week}`)).json<{ rows: Array<{ enterpriseId: number; serious: boolean; worstRatio: number }> }>();
      const far = all.rows.find((r) => r.enterpriseId === rig.otherCity.enterpriseId);
      assert.ok(far !== undefined && far.serious && far.worstRatio >= 2, 'one hour at 2.9× its limit is serious');
      const xlsx = await call(rig.app, head, 'GET', `/api/reports/weekly?week=${week}&format=xlsx`);
      assert.equal(xlsx.statusCode, 200);
      // Issue 14 §6: Chinese only, the region by name, the serious mark and the factors in words.
      const sheet = await xlsxSheet(xlsx.rawPayload);
      assert.deepEqual(sheet.headers, ['单位', '行政区划', '超标小时数', '超标天数', '最大超标倍数（监测值/限值）', '严重超标', '超标因子', '上周超标小时数']);
      const farRow = all.rows.findIndex((r) => r.enterpriseId === rig.otherCity.enterpriseId);
      const region = await db.selectFrom('enterprises as e').innerJoin('regions as r', 'r.code', 'e.region_code').select('r.name').where('e.id', '=', rig.otherCity.enterpriseId).executeTakeFirstOrThrow();
      assert.deepEqual([sheet.cell(farRow, '行政区划'), sheet.cell(farRow, '严重超标'), sheet.cell(farRow, '超标因子')], [region.name, '是', '二氧化硫']);
      assert.equal(typeof sheet.value(farRow, '最大超标倍数（监测值/限值）'), 'number');
      assertChineseOnly(sheet);
    });

    void test('weekly list: a daily-limit exceedance counts days, not hours; a dismissed warning counts no hours', async () => {
      const db = rig.store.database.db;
      const week = weekStart(T0) + 7 * 24 * 3600_000; // a week of its own, apart from the test above
      const days = [1, 2, 3].map((d) => week + d * 24 * 3600_000);
      const daily = await rig.newWarning(rig.inside.pointId);
      await db.updateTable('warnings').set({ period_from: days[0]!, period_to: days[2]! + 24 * 3600_000, evidence: JSON.stringify({ times: days, values: [12, 13, 30], rule: { limit: 10, basis: 'daily' } }) }).where('id', '=', daily).execute();
      const hours = Array.from({ length: 13 }, (_, h) => week + 5 * 24 * 3600_000 + h * 3600_000);
      const dismissed = await rig.newWarning(rig.inside.pointId);
      await db.updateTable('warnings').set({ status: 'dismissed', period_from: hours[0]!, period_to: hours[12]! + 3600_000, evidence: JSON.stringify({ times: hours, values: hours.map(() => 200), rule: { limit: 35 } }) }).where('id', '=', dismissed).execute();
      const analyst = await login(rig.app, 'analyst');
      const res = (await call(rig.app, analyst, 'GET', `/api/reports/weekly?week=${week}`)).json<{ rows: Array<{ enterpriseId: number; exceededHours: number; exceededDays: number; serious: boolean; worstRatio: number; previousStatuses: Record<string, number> }> }>();
      const mine = res.rows.find((r) => r.enterpriseId === rig.inside.enterpriseId);
      assert.ok(mine !== undefined, 'a unit with only daily exceedances is listed');
      assert.equal(mine.exceededHours, 0, 'neither the daily periods nor the dismissed hours count as exceeded hours');
      assert.equal(mine.exceededDays, 3);
      assert.equal(mine.worstRatio, 3);
      assert.equal(mine.serious, true, 'a daily mean at 3× its limit is serious');
    });

    void test('a warning names its factor from the HJ 212 table; an unknown code or no factor has no name', async () => {
      const db = rig.store.database.db;
      const [so2, vendor, none] = [await rig.newWarning(rig.inside.pointId), await rig.newWarning(rig.inside.pointId), await rig.newWarning(rig.inside.pointId)];
      await db.updateTable('warnings').set({ factor: 'a21026' }).where('id', '=', so2).execute();
      await db.updateTable('warnings').set({ factor: 'x99001' }).where('id', '=', vendor).execute();
      await db.updateTable('warnings').set({ factor: null }).where('id', '=', none).execute();
      const analyst = await login(rig.app, 'analyst');
      type Named = { id: number; factor: string | null; factorName: string | null; factorNameEn: string | null };
      const inbox = (await call(rig.app, analyst, 'GET', '/api/warnings?limit=500')).json<{ items: Named[] }>();
      const pick = (id: number) => {
        const w = inbox.items.find((x) => x.id === id)!;
        return { factor: w.factor, factorName: w.factorName, factorNameEn: w.factorNameEn };
      };
      assert.deepEqual(pick(so2), { factor: 'a21026', factorName: '二氧化硫', factorNameEn: 'Sulfur dioxide (SO2)' });
      assert.deepEqual(pick(vendor), { factor: 'x99001', factorName: null, factorNameEn: null });
      assert.deepEqual(pick(none), { factor: null, factorName: null, factorNameEn: null });
      const one = (await call(rig.app, analyst, 'GET', `/api/warnings/${so2}`)).json<Named>();
      assert.equal(one.factorName, '二氧化硫', 'the detail too');
    });

    void test('inbox scope, decision once with a reason, enterprise answer, audit', async () => {
      const inside = await rig.newWarning(rig.inside.pointId);
      const other = await rig.newWarning(rig.otherCity.pointId);
      const analyst = await login(rig.app, 'analyst');
      const inbox = (await call(rig.app, analyst, 'GET', '/api/warnings?status=new')).json<{ items: Array<{ id: number; enterpriseName: string }> }>();
      assert.ok(inbox.items.some((w) => w.id === inside));
      assert.ok(!inbox.items.some((w) => w.id === other), 'another city is out of the analyst\'s inbox');
      const detail = (await call(rig.app, analyst, 'GET', `/api/warnings/${inside}`)).json<{ evidence: { times: number[] } }>();
      assert.equal(detail.evidence.times.length, 1);

      const noReason = await call(rig.app, analyst, 'POST', `/api/warnings/${inside}/decision`, { decision: 'dismiss', reason: '' });
      assert.equal(noReason.statusCode, 400);
      assert.equal((await call(rig.app, analyst, 'POST', `/api/warnings/${inside}/decision`, { decision: 'confirm', reason: '小时均值连续超标' })).statusCode, 200);
      const again = await call(rig.app, analyst, 'POST', `/api/warnings/${inside}/decision`, { decision: 'dismiss', reason: 'changed my mind' });
      assert.equal(again.statusCode, 409);
      assert.equal(errorCode(again), 'conflict');

      const company = await login(rig.app, 'company');
      const own = (await call(rig.app, company, 'GET', '/api/warnings')).json<{ items: Array<{ id: number; enterpriseId: number }> }>();
      assert.ok(own.items.length > 0 && own.items.every((w) => w.enterpriseId === rig.inside.enterpriseId));
      assert.equal((await call(rig.app, company, 'POST', `/api/warnings/${inside}/answer`, { answer: '锅炉启动期间，已标记' })).statusCode, 200);
      assert.equal((await call(rig.app, company, 'POST', `/api/warnings/${inside}/decision`, { decision: 'dismiss', reason: 'not us' })).statusCode, 403);
      const after = (await call(rig.app, analyst, 'GET', `/api/warnings/${inside}`)).json<{ status: string; answer: string; decisionReason: string }>();
      assert.deepEqual([after.status, after.answer, after.decisionReason], ['confirmed', '锅炉启动期间，已标记', '小时均值连续超标']);
      const audit = await rig.store.database.db.selectFrom('audit_log').select(['action']).where('entity', '=', 'warning').where('entity_id', '=', String(inside)).orderBy('seq').execute();
      assert.deepEqual(audit.map((a) => a.action), ['confirm', 'answer']);
      const exceeded = await rig.newWarning(rig.inside.pointId);
      await rig.store.database.db.updateTable('warnings').set({ evidence: JSON.stringify({ times: [T0, T0 + 3600_000], values: [40, 70], rule: { limit: 35, unit: 'mg/m3', basis: 'hourly' } }) }).where('id', '=', exceeded).execute();
      const csv = await call(rig.app, analyst, 'GET', '/api/warnings?format=csv');
      assert.equal(csv.statusCode, 200);
      assert.ok(csv.body.includes(String(inside)));
      // Issue 14 §6: Chinese headers and values, Beijing times, a Chinese sentence instead of the stored message.
      const HEADERS = ['预警编号', '单位', '排放口', 'MN', '预警类型', '监测因子', '级别', '状态', '开始时间', '结束时间', '说明'];
      const text = csvSheet(csv.body);
      assert.deepEqual(text.headers, HEADERS);
      assertChineseOnly(text, ['MN']);
      const sheet = await xlsxSheet((await call(rig.app, analyst, 'GET', '/api/warnings?format=xlsx')).rawPayload);
      assert.deepEqual([sheet.name, sheet.headers], ['预警', HEADERS]);
      assertChineseOnly(sheet, ['MN']);
      const row = sheet.rows.findIndex((r) => r[0] === String(inside));
      assert.ok(row >= 0);
      const beijing = (t: number): string => new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
      assert.deepEqual(
        ['预警类型', '监测因子', '级别', '状态', '开始时间', '结束时间'].map((h) => sheet.cell(row, h)),
        ['超标', '二氧化硫（mg/m3）', '较重', '已确认', beijing(T0), beijing(T0 + 3600_000)],
      );
      assert.equal(sheet.cell(row, '说明'), `二氧化硫超标（${beijing(T0)} 至 ${beijing(T0 + 3600_000)}）`);
      const exceededRow = sheet.rows.findIndex((r) => r[0] === String(exceeded));
      assert.equal(sheet.cell(exceededRow, '说明'), '二氧化硫 超过小时排放限值 35 mg/m3，持续 2 小时，最高为限值的 2.00 倍', 'an exceedance as the console words it');
      assert.ok(!sheet.rows.some((r) => r.includes('fixture')), 'the stored English message is not exported');

      // The audit trail's export of these steps: the action, the object and the change in words.
      const head = await login(rig.app, 'head');
      const AUDIT = ['序号', '时间（北京时间）', '操作人', '地址', '操作', '对象类型', '对象编号', '变更内容（变更前 → 变更后）', '哈希值'];
      const trail = await xlsxSheet((await call(rig.app, head, 'GET', `/api/audit?entity=warning&entityId=${inside}&format=xlsx`)).rawPayload);
      assert.deepEqual([trail.name, trail.headers], ['审计日志', AUDIT]);
      assertChineseOnly(trail, ['哈希值']);
      assertChineseOnly(csvSheet((await call(rig.app, head, 'GET', `/api/audit?entity=warning&entityId=${inside}&format=csv`)).body), ['哈希值']);
      assert.deepEqual(trail.rows.map((_r, i) => [trail.cell(i, '操作'), trail.cell(i, '对象类型')]), [['企业说明', '预警'], ['确认预警', '预警']], 'newest first');
      assert.equal(trail.cell(1, '变更内容（变更前 → 变更后）'), '状态：新预警 → 已确认；理由：— → 小时均值连续超标');
      assert.match(trail.cell(1, '时间（北京时间）'), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    });
  });
}
