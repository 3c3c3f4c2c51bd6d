// The warnings workflow over HTTP: the inbox is scoped, a decision needs a reason and happens once, the
// enterprise answers its own warning, and each step is in the audit trail.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from './store-fixtures.ts';
import { T0, call, errorCode, login, startHttpRig, type HttpRig } from './http-fixtures.ts';
import { weekStart } from '../src/reports/weekly.ts';

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
      const csv = await call(rig.app, analyst, 'GET', '/api/warnings?format=csv');
      assert.equal(csv.statusCode, 200);
      assert.ok(csv.body.includes(String(inside)));
    });
  });
}
