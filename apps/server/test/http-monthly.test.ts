// The monthly notification over HTTP on both dialects: transmission, exceedance, warnings and supervision
// figures counted from the minutes and warnings seeded here (each expectation derived from the seed), the
// previous month for the trend, region scoping (a city user sees its counties only), the XLSX read back,
// and the PDF: a real PDF with the Noto Sans Hans font embedded and the Chinese title in its text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { WARNING_KIND_ZH } from '../src/compliance/index.ts';
import { assertChineseOnly, xlsxSheet } from './export-fixtures.ts';
import { pdfText } from './pdf-text.ts';
import { createFrameSink } from '../src/monitoring/repositories/frame-sink.ts';
import { monthRange } from '../src/reports/monthly.ts';
import type { MonthFigures, MonthlyReport } from '@ecoenforce/contract';
import { acceptedFrame, DIALECTS, flueGasMinute } from './store-fixtures.ts';
import { call, login, startHttpRig, type HttpRig } from './http-fixtures.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const OCT = monthRange('2026-10');
const SEP = monthRange('2026-09');
/** The other city's unit is registered on 16 October 00:00 Beijing: nothing is expected of it before. */
const REGISTERED = OCT.from + 15 * DAY;

interface SeedWarning {
  unit: 'inside' | 'other' | 'outside';
  kind: string;
  status: 'new' | 'confirmed' | 'dismissed' | 'dispatched' | 'closed';
  createdAt: number;
  times: number[];
  basis?: 'hourly' | 'daily';
}

const hours = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i * HOUR);
const WARNINGS: SeedWarning[] = [
  { unit: 'inside', kind: 'exceedance', status: 'closed', createdAt: OCT.from + 2 * DAY, times: hours(OCT.from + 2 * DAY, 5) },
  // Runs over the month boundary: two hours count in September, two in October; raised in October.
  { unit: 'inside', kind: 'exceedance', status: 'confirmed', createdAt: OCT.from + HOUR, times: hours(OCT.from - 2 * HOUR, 4) },
  // Dismissed: raised and dismissed, but its hours are not exceedances.
  { unit: 'inside', kind: 'exceedance', status: 'dismissed', createdAt: OCT.from + 5 * DAY, times: hours(OCT.from + 5 * DAY, 4) },
  { unit: 'inside', kind: 'transmission', status: 'new', createdAt: OCT.from + 7 * DAY, times: [OCT.from + 6 * DAY] },
  { unit: 'inside', kind: 'exceedance', status: 'confirmed', createdAt: SEP.from + 9 * DAY, times: hours(SEP.from + 9 * DAY, 3) },
  // Daily limits count days.
  { unit: 'other', kind: 'exceedance', status: 'closed', createdAt: REGISTERED + 3 * DAY, times: [REGISTERED + 2 * DAY, REGISTERED + 3 * DAY], basis: 'daily' },
  { unit: 'other', kind: 'flatline', status: 'closed', createdAt: REGISTERED + 4 * DAY, times: [REGISTERED + 4 * DAY] },
  { unit: 'outside', kind: 'exceedance', status: 'confirmed', createdAt: OCT.from + 3 * DAY, times: hours(OCT.from + 3 * DAY, 6) },
];
/** Orders to correct closed at re-inspection: only those found corrected count as rectified, in the month closed. */
const RECTIFICATIONS: Array<{ unit: SeedWarning['unit']; status: 'corrected' | 'not_corrected'; closedAt: number }> = [
  { unit: 'other', status: 'corrected', closedAt: REGISTERED + 5 * DAY },
  { unit: 'inside', status: 'not_corrected', closedAt: OCT.from + 4 * DAY },
  { unit: 'inside', status: 'corrected', closedAt: SEP.from + 10 * DAY },
  { unit: 'outside', status: 'corrected', closedAt: OCT.from + 4 * DAY },
];
/** Decisions served: a penalty decision punishes its unit in the month served; a no-penalty decision nobody. */
const SERVED: Array<{ unit: SeedWarning['unit']; decision: 'decided' | 'no_penalty'; at: number }> = [
  { unit: 'inside', decision: 'decided', at: OCT.from + 8 * DAY },
  { unit: 'inside', decision: 'decided', at: OCT.from + 9 * DAY },
  { unit: 'other', decision: 'no_penalty', at: OCT.from + 20 * DAY },
  { unit: 'other', decision: 'decided', at: SEP.from + 3 * DAY },
];
const inMonth = (ts: number[], m: { from: number; to: number }) => ts.filter((t) => t >= m.from && t < m.to).length;

/** What the seed says a set of units should show in month m (each figure by its definition). */
function expected(units: Array<SeedWarning['unit']>, m: { from: number; to: number }) {
  const ws = WARNINGS.filter((w) => units.includes(w.unit));
  const counted = ws.filter((w) => w.kind === 'exceedance' && w.status !== 'dismissed');
  const raised = ws.filter((w) => w.createdAt >= m.from && w.createdAt < m.to);
  const confirmedLike = raised.filter((w) => ['confirmed', 'dispatched', 'closed'].includes(w.status));
  const supervised = [...new Set(confirmedLike.map((w) => w.unit))];
  return {
    exceededHours: counted.filter((w) => w.basis !== 'daily').reduce((n, w) => n + inMonth(w.times, m), 0),
    exceededDays: counted.filter((w) => w.basis === 'daily').reduce((n, w) => n + inMonth(w.times, m), 0),
    exceedanceUnits: new Set(counted.filter((w) => inMonth(w.times, m) > 0).map((w) => w.unit)).size,
    warnings: raised.length,
    dismissed: raised.filter((w) => w.status === 'dismissed').length,
    confirmed: confirmedLike.length,
    closed: raised.filter((w) => w.status === 'closed').length,
    pending: raised.filter((w) => w.status === 'new').length,
    supervised: supervised.length,
    rectified: new Set(RECTIFICATIONS.filter((r) => units.includes(r.unit) && r.status === 'corrected' && r.closedAt >= m.from && r.closedAt < m.to).map((r) => r.unit)).size,
    punished: new Set(SERVED.filter((d) => units.includes(d.unit) && d.decision === 'decided' && d.at >= m.from && d.at < m.to).map((d) => d.unit)).size,
  };
}

const pick = (f: MonthFigures, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, f[k as keyof MonthFigures]]));

for (const dialect of DIALECTS) {
  void describe(`monthly notification on ${dialect}`, () => {
    let rig: HttpRig;
    let minutes: { inside: number[]; other: number[]; outside: number[] };
    const unitIds: Record<SeedWarning['unit'], { enterpriseId: number; pointId: number }> = {} as never;

    before(async () => {
      rig = await startHttpRig(dialect);
      const db = rig.store.database.db;
      unitIds.inside = rig.inside;
      unitIds.other = rig.otherCity;
      unitIds.outside = rig.outside;
      // Registered before both months, except the other city's unit (mid-October).
      await db.updateTable('enterprises').set({ created_at: Date.UTC(2026, 0, 1) }).execute();
      await db.updateTable('enterprises').set({ created_at: REGISTERED }).where('id', '=', rig.otherCity.enterpriseId).execute();
      minutes = {
        inside: [...Array.from({ length: 90 }, (_, i) => OCT.from + 3 * DAY + i * MIN), ...Array.from({ length: 45 }, (_, i) => SEP.from + DAY + i * MIN)],
        // Ten minutes stamped before the unit's registration: not expected, so not counted either.
        other: [...Array.from({ length: 10 }, (_, i) => REGISTERED - HOUR + i * MIN), ...Array.from({ length: 30 }, (_, i) => REGISTERED + DAY + i * MIN)],
        outside: Array.from({ length: 20 }, (_, i) => OCT.from + DAY + i * MIN),
      };
      const sink = createFrameSink(rig.store.database);
      for (const unit of ['inside', 'other', 'outside'] as const) {
        const point = await db.selectFrom('monitoring_points').select(['id', 'mn']).where('id', '=', unitIds[unit].pointId).executeTakeFirstOrThrow();
        await sink.write(minutes[unit].map((t, i) => acceptedFrame(point.id, point.mn, 'min', t, flueGasMinute(i), { qn: `m${unit}${t}`, receivedAt: t + 20_000 })), []);
      }
      for (const w of WARNINGS) {
        const place = await db
          .selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
          .select(['e.id', 'e.region_code']).where('p.id', '=', unitIds[w.unit].pointId).executeTakeFirstOrThrow();
        await db.insertInto('warnings').values({
          point_id: unitIds[w.unit].pointId, enterprise_id: place.id, region_code: place.region_code, kind: w.kind, factor: 'a21026', severity: 'medium', status: w.status,
          period_from: Math.min(...w.times), period_to: Math.max(...w.times) + (w.basis === 'daily' ? DAY : HOUR), message: 'seeded',
          evidence: JSON.stringify({ times: w.times, values: w.times.map(() => 50), rule: { limit: 35, basis: w.basis ?? 'hourly' } }),
          created_at: w.createdAt, updated_at: w.createdAt, decided_by: null, decision_reason: null, answer: null, answered_at: null,
        }).execute();
      }
      for (const [i, r] of RECTIFICATIONS.entries()) {
        const e = await db.selectFrom('enterprises').select(['id', 'region_code']).where('id', '=', unitIds[r.unit].enterpriseId).executeTakeFirstOrThrow();
        await db.insertInto('rectifications').values({
          chain_id: null, previous_id: null, round: 1, case_id: null, enterprise_id: e.id, region_code: e.region_code, status: r.status, requirement: `seeded ${i}`, deadline_days: 10,
          ordered_at: r.closedAt - 10 * DAY, deadline_at: r.closedAt, reinspect_by: r.closedAt + 20 * DAY, task_id: null, reinspected_at: r.closedAt, reinspection_officers: '[1,2]',
          findings: 'seeded', closed_at: r.closedAt, cancel_reason: null, escalated_at: null, created_at: r.closedAt - 10 * DAY, created_by: 1, updated_at: r.closedAt, version: 2,
        }).execute();
      }
      for (const [i, d] of SERVED.entries()) {
        const e = await db.selectFrom('enterprises').select(['id', 'region_code']).where('id', '=', unitIds[d.unit].enterpriseId).executeTakeFirstOrThrow();
        const c = await db.insertInto('cases').values({
          number: `MONTHLY-${i}`, number_year: 2026, number_seq: 9000 + i, region_code: e.region_code, enterprise_id: e.id, task_id: null, matter_code: 'AIR-99-2', matter_version: 1,
          state: d.decision === 'decided' ? 'served' : 'no_penalty', major: 0, discovered_at: d.at - 30 * DAY, filed_at: d.at - 29 * DAY, decided_at: d.at - DAY, closed_at: null, amount: 100_000,
          record: '{}', details: '{}', created_at: d.at - 30 * DAY, created_by: 1, updated_at: d.at, version: 2,
        }).returning('id').executeTakeFirstOrThrow();
        await db.insertInto('case_events').values({
          case_id: c.id, seq: 1, action: 'serve', actor_id: 1, actor_role: 'officer', at: d.at, input: '{}', duty: JSON.stringify({ action: 'serve', from: d.decision, to: d.decision === 'decided' ? 'served' : 'no_penalty', at: d.at }),
        }).execute();
      }
    });
    after(() => rig.close());

    /** Active points per row of a province user (cities), from the registry. */
    async function pointsByCity(): Promise<Map<string, number>> {
      const rows = await rig.store.database.db
        .selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
        .select(['e.region_code']).where('p.active', '=', 1).where('e.region_code', 'like', '44%').execute();
      const out = new Map<string, number>();
      for (const r of rows) out.set(`${r.region_code.slice(0, 4)}00`, (out.get(`${r.region_code.slice(0, 4)}00`) ?? 0) + 1);
      return out;
    }

    void test('province user: one row per city and a total; figures as seeded; previous month beside them', async () => {
      const head = await login(rig.app, 'head');
      const res = await call(rig.app, head, 'GET', '/api/reports/monthly');
      assert.equal(res.statusCode, 200, res.body);
      const r = res.json<MonthlyReport>();
      assert.equal(r.month, '2026-10', 'default: the previous full Beijing month of the platform clock (28 November)');
      assert.equal(r.previousMonth, '2026-09');
      assert.equal(r.region.code, '440000');
      const cities = await rig.store.database.db.selectFrom('regions').select('code').where('parent_code', '=', '440000').execute();
      assert.deepEqual(r.rows.map((x) => x.regionCode), cities.map((c) => c.code).sort(), 'every city of the province, with or without units');

      const byCity = await pointsByCity();
      const insideCity = `${(await rig.store.database.db.selectFrom('enterprises').select('region_code').where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow()).region_code.slice(0, 4)}00`;
      const otherCity = `${(await rig.store.database.db.selectFrom('enterprises').select('region_code').where('id', '=', rig.otherCity.enterpriseId).executeTakeFirstOrThrow()).region_code.slice(0, 4)}00`;
      const otherPoints = (await rig.store.database.db.selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').select('p.id').where('o.enterprise_id', '=', rig.otherCity.enterpriseId).where('p.active', '=', 1).execute()).length;
      const allPoints = [...byCity.values()].reduce((a, b) => a + b, 0);
      const monthMinutes = (OCT.to - OCT.from) / MIN;
      // Every point owes a minute value for every minute of October, except the other unit's points before registration.
      const expectedOct = allPoints * monthMinutes - otherPoints * ((REGISTERED - OCT.from) / MIN);
      const receivedOct = inMonth(minutes.inside, OCT) + minutes.other.filter((t) => t >= REGISTERED && t < OCT.to).length;
      assert.equal(r.total.current.points, allPoints);
      assert.equal(r.total.current.expectedMinutes, expectedOct);
      assert.equal(r.total.current.receivedMinutes, receivedOct);
      assert.equal(r.total.current.transmissionRate, receivedOct / expectedOct);
      assert.equal(r.total.previous.receivedMinutes, inMonth(minutes.inside, SEP));
      assert.equal(r.total.previous.expectedMinutes, (allPoints - otherPoints) * ((SEP.to - SEP.from) / MIN), 'the other unit was not registered in September');
      assert.equal(r.rows.reduce((n, x) => n + x.current.units, 0), r.total.current.units);

      const keys = ['exceededHours', 'exceededDays', 'exceedanceUnits', 'warnings', 'dismissed', 'confirmed', 'closed', 'pending', 'supervised', 'rectified', 'punished'] as const;
      assert.deepEqual(pick(r.total.current, keys), expected(['inside', 'other'], OCT), 'the province total leaves out the other province');
      assert.deepEqual(pick(r.total.previous, keys), expected(['inside', 'other'], SEP));
      const a = r.rows.find((x) => x.regionCode === insideCity)!;
      const b = r.rows.find((x) => x.regionCode === otherCity)!;
      assert.deepEqual(pick(a.current, keys), expected(['inside'], OCT));
      assert.deepEqual(pick(a.previous, keys), expected(['inside'], SEP));
      assert.deepEqual(pick(b.current, keys), expected(['other'], OCT));
      assert.equal(a.current.points, byCity.get(insideCity));
      assert.deepEqual(r.total.current.warningsByKind, countKinds(['inside', 'other'], OCT));
      // The seed moves both: a unit rectified and a unit punished in October (another in September), none outside.
      assert.equal(r.total.current.rectified, 1);
      assert.equal(r.total.current.punished, 1);
      assert.equal(r.total.previous.rectified, 1);
      assert.equal(r.total.previous.punished, 1);
    });

    void test('city user: its counties only; nothing of another city or province', async () => {
      const analyst = await login(rig.app, 'analyst');
      const r = (await call(rig.app, analyst, 'GET', '/api/reports/monthly?month=2026-10')).json<MonthlyReport>();
      const city = r.region.code;
      assert.equal(r.region.level, 'city');
      assert.ok(r.rows.length > 0 && r.rows.every((x) => x.regionCode.startsWith(city.slice(0, 4)) && x.regionCode !== city), r.rows.map((x) => x.regionCode).join(','));
      assert.equal(r.total.current.receivedMinutes, inMonth(minutes.inside, OCT));
      const mine = expected(['inside'], OCT);
      assert.deepEqual(pick(r.total.current, ['exceededHours', 'warnings', 'supervised']), { exceededHours: mine.exceededHours, warnings: mine.warnings, supervised: mine.supervised });
    });

    void test('a month in progress is counted up to the platform clock', async () => {
      const head = await login(rig.app, 'head');
      const r = (await call(rig.app, head, 'GET', '/api/reports/monthly?month=2026-11')).json<MonthlyReport>();
      const nov = monthRange('2026-11');
      const elapsed = (Math.floor(rig.clock.now / MIN) * MIN - nov.from) / MIN;
      assert.equal(r.total.current.expectedMinutes, r.total.current.points * elapsed);
      assert.equal(r.total.current.receivedMinutes, 60, 'the fixture\'s hour of minutes on 28 November');
      assert.equal((await call(rig.app, head, 'GET', '/api/reports/monthly?month=2026-13')).statusCode, 400);
    });

    void test('a month before any unit was registered: nothing expected (0/0), so no rate (null, "—"), never 0%', async () => {
      const head = await login(rig.app, 'head');
      const json = (await call(rig.app, head, 'GET', '/api/reports/monthly?month=2025-12')).json<MonthlyReport>();
      const withUnits = json.rows.filter((x) => x.current.units > 0);
      assert.ok(withUnits.length > 0, 'rows with units under monitoring');
      for (const x of withUnits) {
        assert.equal(x.current.expectedMinutes, 0, x.regionCode);
        assert.equal(x.current.receivedMinutes, 0, x.regionCode);
        assert.equal(x.current.transmissionRate, null, `${x.regionCode}: 0/0 is no rate`);
        assert.equal(x.previous.transmissionRate, null);
      }
      assert.equal(json.total.current.transmissionRate, null);
      assert.equal(json.total.previous.transmissionRate, null);

      const xlsx = await call(rig.app, head, 'GET', '/api/reports/monthly?month=2025-12&format=xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
      const ws = wb.worksheets[0]!;
      const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
      for (let i = 2; i <= ws.rowCount; i++) {
        assert.equal(ws.getRow(i).getCell(headers.indexOf('数据传输率(%)') + 1).value, '—', `row ${i}`);
        assert.equal(ws.getRow(i).getCell(headers.indexOf('上月数据传输率(%)') + 1).value, '—', `row ${i}`);
      }

      const pdf = await call(rig.app, head, 'GET', '/api/reports/monthly?month=2025-12&format=pdf');
      assert.equal(pdf.statusCode, 200);
      const text = await pdfText(pdf.rawPayload);
      assert.ok(text.includes('数据传输率—'), text.slice(0, 400));
      assert.ok(!text.includes('0.00%'), 'no 0.00% for a month with nothing expected');
    });

    void test('XLSX: Chinese headers, one row per city and a total that matches the JSON', async () => {
      const head = await login(rig.app, 'head');
      const json = (await call(rig.app, head, 'GET', '/api/reports/monthly?month=2026-10')).json<MonthlyReport>();
      const res = await call(rig.app, head, 'GET', '/api/reports/monthly?month=2026-10&format=xlsx');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-disposition']), /monthly-440000-2026-10\.xlsx/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
      const ws = wb.worksheets[0]!;
      const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
      for (const h of ['地区', '监控单位数', '数据传输率(%)', '超标小时数', '上月超标小时数', '督办单位数', '完成整改单位数']) assert.ok(headers.includes(h), `header ${h}`);
      assert.equal(ws.rowCount, json.rows.length + 2);
      const total = ws.getRow(ws.rowCount);
      const cell = (h: string) => total.getCell(headers.indexOf(h) + 1).value;
      assert.equal(cell('地区'), '合计');
      assert.equal(cell('超标小时数'), json.total.current.exceededHours);
      assert.equal(cell('上月超标小时数'), json.total.previous.exceededHours);
      assert.equal(cell('实传分钟数据'), json.total.current.receivedMinutes);
      assert.equal(cell('预警：超标'), json.total.current.warningsByKind.exceedance);
      // Issue 14 §6: nothing in English, the warning kinds by their Chinese names.
      const sheet = await xlsxSheet(res.rawPayload);
      assertChineseOnly(sheet);
      for (const kind of Object.keys(json.total.current.warningsByKind)) assert.ok(sheet.headers.includes(`预警：${WARNING_KIND_ZH[kind]!}`), kind);
    });

    void test('PDF: a PDF with Noto Sans Hans embedded and the notice in Chinese', async () => {
      const analyst = await login(rig.app, 'analyst');
      const res = await call(rig.app, analyst, 'GET', '/api/reports/monthly?month=2026-10&format=pdf');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      const bytes = res.rawPayload;
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.match(bytes.toString('latin1'), /\/FontFile3|\/FontFile2/, 'the font program is embedded');
      assert.match(bytes.toString('latin1'), /\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/, 'a subset of Noto Sans Hans');
      const json = (await call(rig.app, analyst, 'GET', '/api/reports/monthly?month=2026-10')).json<MonthlyReport>();
      const text = await pdfText(bytes);
      assert.ok(text.includes(`${json.region.name}重点排污单位自动监控月度通报（2026年10月）`), text.slice(0, 200));
      assert.ok(text.includes(`${json.region.name}生态环境局`));
      assert.ok(text.includes(`超标${json.total.current.exceededHours}小时`) || text.includes(`小时均值超标${json.total.current.exceededHours}小时`));
      assert.ok(text.includes('处罚数据来自执法办案模块'));
      for (const row of json.rows) assert.ok(text.includes(row.regionName), `row ${row.regionName}`);
    });
  });
}

function countKinds(units: Array<SeedWarning['unit']>, m: { from: number; to: number }): Record<string, number> {
  const out: Record<string, number> = {};
  for (const w of WARNINGS) if (units.includes(w.unit) && w.createdAt >= m.from && w.createdAt < m.to) out[w.kind] = (out[w.kind] ?? 0) + 1;
  return out;
}
