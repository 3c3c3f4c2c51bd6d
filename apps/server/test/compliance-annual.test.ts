// Annual permitted quantity (issue 4 §4) on SQLite and PostgreSQL: closing a day stores the mass the point
// emitted (concentration × flow, minute by minute); the year-to-date figure and the year-end forecast come
// from those days plus the closed hours after them; a forecast above the permitted quantity is a warning,
// one per episode, extended day by day.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFrameSink } from '../src/monitoring/repositories/frame-sink.ts';
import { annualReport, beijingYearOf, beijingYearStart, dayMass, RECENT_DAYS } from '../src/compliance/annual.ts';
import { closeHour, HOUR } from '../src/compliance/compliance.ts';
import { beijingDayStart, closeDay, DAY } from '../src/compliance/compliance-day.ts';
import { airPointWithLimit } from './compliance-fixtures.ts';
import { acceptedFrame, factor, freshStore, DIALECTS, type TestStore } from './store-fixtures.ts';

const D0 = beijingDayStart(Date.UTC(2026, 10, 28, 2));
const MIN = 60_000;
const SO2 = 30; // mg/m³
const NOX = 50;
const FLOW = 100; // m³/s

async function minutes(store: TestStore, pointId: number, mn: string, from: number, count: number): Promise<void> {
  const frames = Array.from({ length: count }, (_, m) => {
    const t = from + m * MIN;
    return acceptedFrame(pointId, mn, 'min', t, [factor('a21026', SO2), factor('a21002', NOX), factor('a00000', FLOW), factor('a19001', 6)], { qn: `q${t}`, receivedAt: t + 1000 });
  });
  await createFrameSink(store.database).write(frames, []);
}

for (const dialect of DIALECTS) {
  void describe(`annual permitted quantity on ${dialect}`, () => {
    void test('year to date, forecast and a warning when the forecast exceeds the permitted quantity', async () => {
      const store = await freshStore(dialect);
      try {
        const { pointId, mn } = await airPointWithLimit(store, { orgBody: 'MA5ANNUA', mn: 'ANNUAL000000000000000001', name: '总量热电' });
        const db = store.database.db;
        const outlet = await db.selectFrom('monitoring_points').select('outlet_id').where('id', '=', pointId).executeTakeFirstOrThrow();
        const permit = await db.selectFrom('permits').select(['id', 'enterprise_id']).executeTakeFirstOrThrow();
        await db.updateTable('permit_limits').set({ annual_quantity_t: 1 }).where('factor', '=', 'a21026').execute();
        await db.insertInto('permit_limits').values({ permit_id: permit.id, outlet_id: outlet.outlet_id, factor: 'a21002', limit_value: 100, unit: 'mg/m3', basis: 'hourly', reference_o2: 6, annual_quantity_t: 1000, standard: null, note: null }).execute();
        await minutes(store, pointId, mn, D0, 1440 + 120);
        const closed = await closeDay(db, pointId, D0, D0 + DAY + 5 * MIN);

        const kgPerHour = (c: number) => (c * FLOW * 3600) / 1e6;
        const mass = await db.selectFrom('emission_mass').select(['factor', 'mass_kg', 'hours']).where('point_id', '=', pointId).orderBy('factor').execute();
        assert.deepEqual(mass.map((m) => [m.factor, m.hours]), [['a21002', 24], ['a21026', 24]]);
        assert.ok(Math.abs(mass[1]!.mass_kg - 24 * kgPerHour(SO2)) < 1e-6, `SO2 day mass ${mass[1]!.mass_kg}`);

        // Two more hours closed after the day: they count from their hourly means.
        for (const h of [0, 1]) await closeHour(db, pointId, D0 + DAY + h * HOUR, D0 + DAY + 3 * HOUR);
        const now = D0 + DAY + 3 * HOUR;
        const year = beijingYearOf(now);
        const report = await annualReport(db, permit.enterprise_id, year, now);
        assert.equal(report.from, beijingYearStart(year));
        assert.equal(report.asOf, now);
        const so2 = report.rows.find((r) => r.factor === 'a21026')!;
        const nox = report.rows.find((r) => r.factor === 'a21002')!;
        const ytd = (26 * kgPerHour(SO2)) / 1000;
        const left = (beijingYearStart(year + 1) - now) / HOUR;
        assert.ok(Math.abs(so2.ytdT - ytd) < 1e-9, `SO2 ytd ${so2.ytdT}`);
        assert.equal(so2.hours, 26);
        assert.ok(Math.abs(so2.forecastT - (ytd + (kgPerHour(SO2) * left) / 1000)) < 1e-9, `forecast ${so2.forecastT}`);
        assert.ok(Math.abs((so2.recentDailyT ?? 0) - (24 * kgPerHour(SO2)) / 1000) < 1e-9);
        assert.deepEqual([so2.permittedT, so2.status, nox.permittedT, nox.status], [1, 'forecast_over', 1000, 'within']);
        assert.match(report.method, new RegExp(`last ${RECENT_DAYS} days`));

        const w = await db.selectFrom('warnings').selectAll().where('kind', '=', 'annual_quantity').execute();
        assert.deepEqual(w.map((x) => [x.factor, x.period_from, x.period_to]), [['a21026', D0, D0 + DAY]]);
        assert.ok(closed.warnings.some((x) => x.id === Number(w[0]!.id) && x.created));
        const ev = JSON.parse(w[0]!.evidence) as { values: number[]; rule: { limit: number; ytdT: number; year: number } };
        assert.equal(ev.rule.limit, 1);
        assert.equal(ev.rule.year, year);
        assert.ok(Math.abs(ev.rule.ytdT - (24 * kgPerHour(SO2)) / 1000) < 1e-9, 'the warning cites the year to date at the closed day');
        assert.ok(ev.values[0]! > 1);

        // The same day again: nothing new. The next day still forecasts too much: the warning extends.
        await closeDay(db, pointId, D0, D0 + DAY + 4 * HOUR);
        assert.equal((await db.selectFrom('warnings').selectAll().where('kind', '=', 'annual_quantity').execute()).length, 1);
        await minutes(store, pointId, mn, D0 + DAY + 120 * MIN, 1440 - 120);
        await closeDay(db, pointId, D0 + DAY, D0 + 2 * DAY + 5 * MIN);
        const after = await db.selectFrom('warnings').selectAll().where('kind', '=', 'annual_quantity').execute();
        assert.deepEqual(after.map((x) => [x.period_from, x.period_to]), [[D0, D0 + 2 * DAY]]);
        // The year before the permit, without data: no rows.
        const empty = await annualReport(db, permit.enterprise_id, year - 1, now);
        assert.deepEqual([empty.asOf, empty.rows], [beijingYearStart(year), []]);
      } finally {
        await store.dispose();
      }
    });
  });
}

void test('an hour with some valid minutes counts at their mean rate; flagged minutes and hours without data count nothing', () => {
  const samples = [];
  for (let m = 0; m < 30; m++) samples.push({ t: D0 + m * MIN, factors: { a21026: { value: 10, flag: m < 10 ? 'C' : 'N' }, a00000: { value: 50, flag: 'N' } } });
  const [row] = dayMass(samples, D0, 'air', ['a21026']);
  // 20 valid minutes of 10 mg/m³ × 50 m³/s: 0.03 kg/min, × 60 for the hour.
  assert.equal(row?.hours, 1);
  assert.ok(Math.abs((row?.kg ?? 0) - (10 * 50 * 60 * 60) / 1e6) < 1e-9);
  assert.deepEqual(dayMass(samples, D0 + DAY, 'air', ['a21026']), []);
});
