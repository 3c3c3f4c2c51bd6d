// Search, date range, sort and paging on the warnings and case lists (issue 14), on both databases: a search
// hits and misses, the Beijing date bounds are inclusive, sorts and page totals, another region's rows never
// appear, bad parameters are a 400 with a code, and the case export reads back with Chinese headers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { assertChineseOnly, csvSheet, xlsxSheet } from './export-fixtures.ts';
import { DIALECTS } from './store-fixtures.ts';
import { call, errorCode, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';
import { filedCase } from './case-fixtures.ts';

/** Epoch ms of a Beijing wall-clock time. */
const bj = (y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0): number => Date.UTC(y, m - 1, d, h - 8, min, s, ms);

interface ListAnswer<T> { items: T[]; nextCursor: string | null; total: number; offset: number | null }
interface W { id: number; enterpriseName: string; outletCode: string; severity: string; createdAt: number }
interface C { id: number; number: string; enterpriseName: string; filedAt: number | null; amount: number | null }

for (const dialect of DIALECTS) {
  void describe(`list search, dates, sort and paging on ${dialect}`, () => {
    let rig: HttpRig;
    let analyst: Session;
    let head: Session;
    let officer: Session;
    const w: Record<string, number> = {};
    const c: Record<string, { id: number; number: string }> = {};
    let insideName = '';
    let otherName = '';

    before(async () => {
      rig = await startHttpRig(dialect);
      const db = rig.store.database.db;
      // Warnings raised in March 2025 (apart from anything the rig made): the first two on the range's edges.
      const raise = async (key: string, pointId: number, at: number, severity: 'low' | 'medium' | 'high') => {
        w[key] = await rig.newWarning(pointId);
        await db.updateTable('warnings').set({ created_at: at, severity }).where('id', '=', w[key]).execute();
      };
      await raise('first', rig.inside.pointId, bj(2025, 3, 1), 'low');
      await raise('last', rig.inside.pointId, bj(2025, 3, 2, 23, 59, 59, 999), 'high');
      await raise('after', rig.inside.pointId, bj(2025, 3, 3), 'medium');
      await raise('before', rig.inside.pointId, bj(2025, 2, 28, 23, 59, 59, 999), 'medium');
      await raise('far', rig.otherCity.pointId, bj(2025, 3, 1, 12), 'high');
      // Cases filed in April 2025: two of the first enterprise, one of another city.
      const file = async (key: string, enterpriseId: number, at: number, cause: string, amount: number | null) => {
        const made = await filedCase(db, enterpriseId, at);
        await db.updateTable('cases').set({ details: JSON.stringify({ cause, source: '日常巡查' }), amount }).where('id', '=', made.id).execute();
        const row = await db.selectFrom('cases').select('number').where('id', '=', made.id).executeTakeFirstOrThrow();
        c[key] = { id: made.id, number: row.number };
      };
      await file('a', rig.inside.enterpriseId, bj(2025, 4, 1), '超标排放大气污染物案', 230_000);
      await file('b', rig.inside.enterpriseId, bj(2025, 4, 3, 23, 59), '未按规定安装自动监测设备案', null);
      await file('far', rig.otherCity.enterpriseId, bj(2025, 4, 2), '超标排放大气污染物案', 100_000);
      insideName = (await db.selectFrom('enterprises').select('name').where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow()).name;
      otherName = (await db.selectFrom('enterprises').select('name').where('id', '=', rig.otherCity.enterpriseId).executeTakeFirstOrThrow()).name;
      [analyst, head, officer] = [await login(rig.app, 'analyst'), await login(rig.app, 'head'), await login(rig.app, 'officer')];
    });
    after(() => rig.close());

    const warnings = async (s: Session, query: string) => {
      const res = await call(rig.app, s, 'GET', `/api/warnings?${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json<ListAnswer<W>>();
    };
    const cases = async (s: Session, query: string) => {
      const res = await call(rig.app, s, 'GET', `/api/cases?${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json<ListAnswer<C>>();
    };

    void test('warnings: the date range is Beijing days with both ends included, by when the warning was raised', async () => {
      const r = await warnings(head, 'from=2025-03-01&to=2025-03-02');
      assert.deepEqual(r.items.map((x) => x.id).sort((a, b) => a - b), [w.first!, w.last!, w.far!].sort((a, b) => a - b), '00:00 of the first day and 23:59:59.999 of the last are in; the minute before and the day after are not');
      assert.equal(r.total, 3);
      assert.deepEqual((await warnings(head, 'from=2025-03-03&to=2025-03-03')).items.map((x) => x.id), [w.after!]);
      assert.deepEqual((await warnings(head, 'to=2025-02-28')).items.filter((x) => x.createdAt >= bj(2025, 1, 1)).map((x) => x.id), [w.before!], 'to alone: up to the end of that day');
    });

    void test('warnings: another city\'s warnings never appear for a city user, with or without a search for them', async () => {
      const mine = await warnings(analyst, 'from=2025-03-01&to=2025-03-02');
      assert.deepEqual(mine.items.map((x) => x.id).sort((a, b) => a - b), [w.first!, w.last!].sort((a, b) => a - b));
      assert.equal(mine.total, 2, 'the total counts only the scope');
      const searched = await warnings(analyst, `q=${encodeURIComponent(otherName)}`);
      assert.equal(searched.total, 0, 'searching another city\'s enterprise by name finds nothing');
      assert.ok((await warnings(head, `q=${encodeURIComponent(otherName)}&from=2025-03-01&to=2025-03-31`)).items.some((x) => x.id === w.far), 'the province sees it');
    });

    void test('warnings: search by part of the enterprise name or the outlet code, case-insensitive; a miss and a literal % find nothing', async () => {
      const part = insideName.slice(1, 4);
      const hit = await warnings(head, `q=${encodeURIComponent(part)}&from=2025-03-01&to=2025-03-31`);
      assert.deepEqual(hit.items.map((x) => x.id).sort((a, b) => a - b), [w.first!, w.last!, w.after!].sort((a, b) => a - b));
      const outlet = hit.items[0]!.outletCode;
      assert.equal((await warnings(head, `q=${encodeURIComponent(outlet.toLowerCase())}&enterpriseId=${rig.inside.enterpriseId}&from=2025-03-01&to=2025-03-31`)).total, 3, 'the outlet code in lower case');
      assert.equal((await warnings(head, `q=${encodeURIComponent('不存在的单位名称')}`)).total, 0);
      assert.equal((await warnings(head, 'q=%25&from=2025-03-01&to=2025-03-31')).total, 0, '% is a character searched for, not a wildcard');
    });

    void test('warnings: sort by raised time and severity both ways, offset pages with the total', async () => {
      const span = 'from=2025-02-28&to=2025-03-03&enterpriseId=' + String(rig.inside.enterpriseId);
      const asc = await warnings(head, `${span}&sort=raised&order=asc`);
      assert.deepEqual(asc.items.map((x) => x.id), [w.before, w.first, w.last, w.after]);
      assert.equal(asc.offset, 0);
      const desc = await warnings(head, `${span}&sort=raised&order=desc`);
      assert.deepEqual(desc.items.map((x) => x.id), [w.after, w.last, w.first, w.before]);
      const sev = await warnings(head, `${span}&sort=severity&order=desc`);
      assert.deepEqual(sev.items.map((x) => x.severity), ['high', 'medium', 'medium', 'low'], 'by rank, not by spelling');
      const second = await warnings(head, `${span}&sort=raised&order=asc&limit=3&offset=3`);
      assert.deepEqual(second.items.map((x) => x.id), [w.after], 'page 2 of 3 a page');
      assert.equal(second.total, 4);
      assert.equal(second.nextCursor, null);
      const cursorPage = await warnings(head, `${span}&limit=3`);
      assert.equal(cursorPage.total, 4, 'the cursor paging counts too');
      assert.equal(cursorPage.items.length, 3);
      assert.notEqual(cursorPage.nextCursor, null);
    });

    void test('warnings: bad parameters are 400 bad_request', async () => {
      for (const query of ['from=2025-03-05&to=2025-03-01', 'from=2025-02-30', 'to=20250301', 'sort=w.id;drop', 'order=sideways', 'offset=-1', `q=${'长'.repeat(101)}`, 'sort=raised&cursor=WzFd']) {
        const res = await call(rig.app, head, 'GET', `/api/warnings?${query}`);
        assert.equal(res.statusCode, 400, query);
        assert.equal(errorCode(res), 'bad_request', query);
      }
      const reversed = await call(rig.app, head, 'GET', '/api/warnings?from=2025-03-05&to=2025-03-01');
      assert.equal(reversed.json<{ error: { details: { reason: string } } }>().error.details.reason, 'bad_range');
    });

    void test('cases: search by name, number and 案由; the filing date range inclusive; scope kept', async () => {
      const april = 'from=2025-04-01&to=2025-04-30';
      assert.deepEqual((await cases(head, april)).items.map((x) => x.id), [c.far!.id, c.b!.id, c.a!.id].sort((a, b) => b - a));
      assert.deepEqual((await cases(officer, april)).items.map((x) => x.id), [c.b!.id, c.a!.id], 'the county officer never sees the other city\'s case');
      assert.equal((await cases(officer, `q=${encodeURIComponent(otherName)}`)).total, 0);
      assert.deepEqual((await cases(head, `${april}&q=${encodeURIComponent('超标排放')}`)).items.map((x) => x.id).sort(), [c.a!.id, c.far!.id].sort(), 'by 案由');
      assert.deepEqual((await cases(officer, `${april}&q=${encodeURIComponent('超标排放')}`)).items.map((x) => x.id), [c.a!.id]);
      assert.deepEqual((await cases(head, `q=${encodeURIComponent(c.b!.number)}`)).items.map((x) => x.id), [c.b!.id], 'by the whole case number');
      assert.equal((await cases(head, `q=${encodeURIComponent(insideName.slice(0, 3))}&${april}`)).total, 2, 'by part of the name');
      assert.equal((await cases(head, `q=${encodeURIComponent('无此案由')}`)).total, 0);
      assert.deepEqual((await cases(head, 'from=2025-04-02&to=2025-04-03')).items.map((x) => x.id), [c.b!.id, c.far!.id].sort((a, b) => b - a), '23:59 of the last day is in, the day before is out');
      assert.deepEqual((await cases(head, 'from=2025-04-01&to=2025-04-01')).items.map((x) => x.id), [c.a!.id]);
    });

    void test('cases: sort by amount (no amount last), enterprise and date, offset pages and totals; a trace keeps its own from/to', async () => {
      const april = 'from=2025-04-01&to=2025-04-30';
      assert.deepEqual((await cases(head, `${april}&sort=amount&order=desc`)).items.map((x) => x.amount), [230_000, 100_000, null]);
      assert.deepEqual((await cases(head, `${april}&sort=amount&order=asc`)).items.map((x) => x.amount), [100_000, 230_000, null]);
      assert.deepEqual((await cases(head, `${april}&sort=date&order=asc`)).items.map((x) => x.id), [c.a!.id, c.far!.id, c.b!.id]);
      const byName = (await cases(head, `${april}&sort=enterprise&order=asc`)).items.map((x) => x.enterpriseName);
      assert.deepEqual(byName, [...byName].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const p2 = await cases(head, `${april}&sort=date&order=asc&limit=2&offset=2`);
      assert.deepEqual(p2.items.map((x) => x.id), [c.b!.id]);
      assert.equal(p2.total, 3);
      assert.equal(p2.offset, 2);
      const traced = await cases(head, 'event=file&from=2025-04-01&to=2025-04-02');
      assert.deepEqual(traced.items.map((x) => x.id).sort(), [c.a!.id, c.far!.id].sort(), 'with event, from/to are the period of the action');
      for (const query of ['from=2025-04-05&to=2025-04-01', 'sort=number;', 'order=up', 'offset=100001', 'from=2025-13-01', 'sort=date&cursor=WzFd']) {
        const res = await call(rig.app, head, 'GET', `/api/cases?${query}`);
        assert.equal(res.statusCode, 400, query);
        assert.equal(errorCode(res), 'bad_request', query);
      }
    });

    void test('cases: the XLSX export is the filtered list in its order with Chinese headers only, and never another region\'s case', async () => {
      const res = await call(rig.app, officer, 'GET', '/api/cases?from=2025-04-01&to=2025-04-30&sort=date&order=asc&format=xlsx');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
      const ws = wb.worksheets[0]!;
      assert.equal(ws.name, '案件');
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      assert.deepEqual(header, ['案件编号', '当事人', '违法事项', '案由', '办理状态', '发现时间', '立案时间', '决定时间', '结案时间', '罚款金额（元）', '重大案件', '期限状况']);
      for (const h of header) assert.doesNotMatch(String(h), /[A-Za-z]/, 'no English in a header');
      assert.equal(ws.rowCount, 3, 'the header and the officer\'s two cases');
      const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
      assert.deepEqual(row(2).slice(0, 2), [c.a!.number, insideName]);
      assert.equal(row(2)[3], '超标排放大气污染物案');
      assert.equal(row(2)[4], '已立案');
      assert.equal(row(2)[6], '2025-04-01 00:00');
      assert.equal(row(2)[9], 230_000, 'the amount stays a number');
      assert.doesNotMatch(String(row(2)[2]), /^[A-Z]+-/, 'the matter by its name');
      assert.deepEqual(row(3).slice(0, 1), [c.b!.number]);
      assert.equal(row(3)[6], '2025-04-03 23:59');
      assert.ok(!JSON.stringify([row(2), row(3)]).includes(otherName));
      const csv = await call(rig.app, officer, 'GET', `/api/cases?q=${encodeURIComponent('自动监测')}&format=csv`);
      assert.equal(csv.statusCode, 200);
      const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.equal(lines.length, 2);
      assert.ok(lines[0]!.startsWith('案件编号,当事人,违法事项,案由'));
      assert.ok(lines[1]!.startsWith(`${c.b!.number},`));
      // Issue 14 §6: no English in any header or cell (case numbers are typed, and allowed as they are).
      assertChineseOnly(await xlsxSheet(res.rawPayload), ['案件编号']);
      assertChineseOnly(csvSheet(csv.body), ['案件编号']);
    });
  });
}
