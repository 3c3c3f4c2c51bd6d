// A point's readings over a chosen range as Excel and CSV on both dialects (issue 14): Chinese headers (时间,
// each factor's name with its unit, 标记), the range's periods only, Beijing times, numbers as numbers, a
// flag other than N in words; an empty or reversed range and a point outside the caller's region refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { assertChineseOnly, xlsxSheet } from './export-fixtures.ts';
import { factorInfo } from '@ecoenforce/hj212';
import { flueGasMinute, DIALECTS } from './store-fixtures.ts';
import { T0, call, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';
import { parseCsv, decodeText } from '../src/platform/tabular.ts';
import { readingsTable } from '../src/monitoring/readings-export.ts';
import type { readingsRepository, PeriodReadings } from '../src/monitoring/repositories/readings.ts';

void test('a flag other than N is written in words with its factor; a missing value stays empty; the cap is reported', async () => {
  const period = (t: number, flag: string, avg: number | undefined): PeriodReadings => ({
    pointId: 1, periodKind: 'hour', periodStart: t, cn: '2061', sourceFrameId: 1, revision: 0, receivedAt: t,
    factors: [{ code: '02', code2017: 'a21026', ...(avg === undefined ? {} : { avg }), flag }],
  });
  const rows = [period(T0, 'N', 12.5), period(T0 + 3_600_000, 'D', undefined), period(T0 + 7_200_000, 'F', 3)];
  async function* stream(): AsyncGenerator<PeriodReadings> {
    for (const r of rows) yield await Promise.resolve(r);
  }
  const fake = { stream } as unknown as ReturnType<typeof readingsRepository>;
  const table = await readingsTable(fake, { pointId: 1, periodKind: 'hour', from: T0, to: T0 + 86_400_000 }, 2);
  assert.deepEqual(table.columns.map((c) => c.header), ['时间', '二氧化硫（mg/m³）'.replace('mg/m³', factorInfo('a21026')!.unit), '标记']);
  assert.deepEqual(table.rows, [
    { time: '2026-11-28 10:00', 'f:a21026': 12.5, flags: '' },
    { time: '2026-11-28 11:00', 'f:a21026': null, flags: '二氧化硫故障' },
  ]);
  assert.equal(table.truncated, true);
});

for (const dialect of DIALECTS) {
  void describe(`point readings export on ${dialect}`, () => {
    let rig: HttpRig;
    let officer: Session;
    before(async () => {
      rig = await startHttpRig(dialect);
      officer = await login(rig.app, 'officer');
    });
    after(() => rig.close());

    const so2 = factorInfo('a21026')!;
    const url = (from: number, to: number, format: string, pointId = rig.inside.pointId) => `/api/points/${pointId}/readings?period=min&from=${from}&to=${to}&format=${format}`;

    void test('XLSX: the range\'s minutes with Chinese headers and numeric cells', async () => {
      // Minutes 10 to 19 of the fixture's hour (10:10 to 10:19 Beijing).
      const res = await call(rig.app, officer, 'GET', url(T0 + 10 * 60_000, T0 + 20 * 60_000, 'xlsx'));
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-disposition']), /attachment; filename="readings-.*-min-.*\.xlsx"/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      assert.equal(sheet.name, '监测数据');
      const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      assert.equal(header[0], '时间');
      assert.equal(header.at(-1), '标记');
      const so2Col = header.indexOf(`${so2.nameZh}（${so2.unit}）`) + 1;
      assert.ok(so2Col > 1, header.join(','));
      assert.ok(header.every((h) => !/\ba\d{5}\b/.test(h)), 'no factor codes in the headers');
      assert.equal(sheet.rowCount, 11);
      assert.equal(sheet.getRow(2).getCell(1).value, '2026-11-28 10:10');
      assert.equal(sheet.getRow(11).getCell(1).value, '2026-11-28 10:19');
      const cell = sheet.getRow(2).getCell(so2Col);
      assert.equal(cell.type, ExcelJS.ValueType.Number);
      assert.equal(cell.value, flueGasMinute(10)[0]!.avg);
      // Issue 14 §6: no English in a header or cell (units spelt in words, e.g. degC, are in Chinese).
      assertChineseOnly(await xlsxSheet(res.rawPayload));
    });

    void test('CSV: the same table', async () => {
      const res = await call(rig.app, officer, 'GET', url(T0, T0 + 3 * 60_000, 'csv'));
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /text\/csv/);
      const rows = parseCsv(decodeText(res.rawPayload));
      const header = rows[0]!;
      assert.equal(header[0], '时间');
      assert.equal(header.at(-1), '标记');
      const col = header.indexOf(`${so2.nameZh}（${so2.unit}）`);
      assert.deepEqual(rows.slice(1).filter((r) => r.length > 1).map((r) => [r[0], Number(r[col])]), [0, 1, 2].map((i) => [`2026-11-28 10:0${i}`, flueGasMinute(i)[0]!.avg]));
    });

    void test('a reversed range and a point of another province are refused', async () => {
      assert.equal((await call(rig.app, officer, 'GET', url(T0 + 60_000, T0, 'csv'))).statusCode, 400);
      assert.equal((await call(rig.app, officer, 'GET', url(T0, T0 + 60_000, 'csv', rig.outside.pointId))).statusCode, 404);
    });
  });
}
