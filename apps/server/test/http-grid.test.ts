// The 12-month compliance grid over HTTP (issue 4 §8). Hourly and daily values are stored for one point
// over four months, and a second permit takes effect mid-October with a stricter hourly limit and a new
// daily one. Every cell is checked against an expectation derived independently: each stored value judged
// with the domain's judge() against limitsInForce() at its own period start.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { judge, type Aggregate } from '@ecoenforce/domain';
import type { Insertable } from 'kysely';
import type { PeriodValuesTable } from '../src/platform/db/schema.ts';
import { limitsInForce } from '../src/compliance/compliance.ts';
import { beijingDayStart } from '../src/compliance/compliance-day.ts';
import type { ComplianceGrid } from '@ecoenforce/contract';
import { DEFAULT_GRID_PARAMS } from '../src/compliance/compliance-grid.ts';
import { DIALECTS } from './store-fixtures.ts';
import { call, login, startHttpRig, T0, type HttpRig } from './http-fixtures.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Beijing midnight starting a day of 2026 (month 1-based). */
const bj = (month: number, day: number): number => Date.UTC(2026, month - 1, day) - 8 * HOUR;
/** A deterministic spread in [0, 1). */
const frac = (i: number): number => (i * 0.6180339887) % 1;

for (const dialect of DIALECTS) {
  void describe(`compliance grid API on ${dialect}`, () => {
    let rig: HttpRig;
    before(async () => {
      rig = await startHttpRig(dialect);
    });
    after(() => rig.close());

    void test('cells follow the limit in force per period: exceeded hours and days, valid share, warnings by kind, status', async () => {
      const db = rig.store.database.db;
      const pointId = rig.inside.pointId;
      const outletId = Number((await db.selectFrom('monitoring_points').select('outlet_id').where('id', '=', pointId).executeTakeFirstOrThrow()).outlet_id);
      const seeded = new Map([...(await limitsInForce(db, outletId, T0, 'daily')), ...(await limitsInForce(db, outletId, T0, 'hourly'))]);
      const [factor, seededLimit] = [...seeded][0]!;
      const base = seededLimit.limit;

      // A renewal from 15 October: a stricter hourly limit (the stricter of two permits counts) and a daily one.
      const permit = await db
        .insertInto('permits')
        .values({ enterprise_id: rig.inside.enterpriseId, number: 'GRID-TEST-002P', issued_at: bj(10, 15), valid_from: bj(10, 15), valid_to: Date.UTC(2031, 0, 1), issuer: '测试', status: 'valid' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('permit_limits').values([
        { permit_id: permit.id, outlet_id: outletId, factor, limit_value: base * 0.8, unit: seededLimit.unit, basis: 'hourly', reference_o2: seededLimit.referenceO2, annual_quantity_t: null, standard: null, note: null },
        { permit_id: permit.id, outlet_id: outletId, factor, limit_value: base * 0.9, unit: seededLimit.unit, basis: 'daily', reference_o2: seededLimit.referenceO2, annual_quantity_t: null, standard: null, note: null },
      ]).execute();

      // August: ten low days (too few hours); September: low (compliant); October and November: spread around the limits.
      const rows: Array<Insertable<PeriodValuesTable>> = [];
      const value = (t: number, i: number): number => (t < bj(10, 1) ? base * 0.3 : base * (0.5 + frac(i)));
      let i = 0;
      for (let t = bj(8, 1); t < T0 - HOUR; t += HOUR, i++) {
        if (t < bj(9, 1) && t >= bj(8, 11)) continue;
        if (t >= bj(10, 1) && t < bj(11, 1) && i % 5 === 0) continue;
        const v = value(t, i);
        const status = i % 7 === 0 ? 'insufficient' : i % 11 === 0 ? 'abnormal' : 'normal';
        rows.push({ point_id: pointId, factor, period_kind: 'hour', period_start: t, samples: 60, valid: 50, status, mean: v, min: v, max: v, converted: v * 1.1, logger_converted: null, flags: '{}', computed_at: 0 });
      }
      let d = 0;
      for (let t = bj(8, 1); t < beijingDayStart(T0); t += DAY, d++) {
        const v = t < bj(10, 1) ? base * 0.3 : base * (0.6 + frac(d + 3) * 0.6);
        rows.push({ point_id: pointId, factor, period_kind: 'day', period_start: t, samples: 24, valid: 24, status: d % 5 === 0 ? 'abnormal' : 'normal', mean: v, min: v, max: v, converted: v * 1.1, logger_converted: null, flags: '{}', computed_at: 0 });
      }
      for (let k = 0; k < rows.length; k += 500) await db.insertInto('period_values').values(rows.slice(k, k + 500)).execute();

      // A meter logger on the same outlet measures power, not the outlet's pollutants: no limit rows for it.
      const meterPoint = await db
        .insertInto('monitoring_points')
        .values({ outlet_id: outletId, mn: 'GRIDMETER0000001', pw: '123456', crc_variants: 'hj212', protocol_version: '2017', st: '51', factors: '["e10001","e20001"]', active: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();

      const exceedance = await rig.newWarning(pointId);
      const offline = await rig.newWarning(pointId);
      await db.updateTable('warnings').set({ kind: 'offline', factor: null }).where('id', '=', offline).execute();
      const dismissed = await rig.newWarning(pointId);
      await db.updateTable('warnings').set({ status: 'dismissed' }).where('id', '=', dismissed).execute();

      const analyst = await login(rig.app, 'analyst');
      const res = await call(rig.app, analyst, 'GET', `/api/enterprises/${rig.inside.enterpriseId}/compliance-grid`);
      assert.equal(res.statusCode, 200, res.body);
      const grid = res.json<ComplianceGrid>();
      assert.deepEqual(grid.months.map((m) => m.month), ['2025-12', ...Array.from({ length: 11 }, (_, k) => `2026-${String(k + 1).padStart(2, '0')}`)]);
      assert.equal(grid.months.at(-1)!.from, bj(11, 1));
      assert.equal(grid.months[0]!.to, grid.months[1]!.from);

      // The expectation: each stored row judged against the limit in force at its start.
      const memo = new Map<string, Awaited<ReturnType<typeof limitsInForce>>>();
      const limitAt = async (t: number, basis: 'hourly' | 'daily') => {
        const key = `${beijingDayStart(t)}:${basis}`;
        if (!memo.has(key)) memo.set(key, await limitsInForce(db, outletId, beijingDayStart(t), basis));
        return memo.get(key)!.get(factor);
      };
      const row = grid.rows.find((r) => r.pointId === pointId && r.factor === factor);
      assert.ok(row !== undefined, `a row for ${factor}`);
      assert.deepEqual(grid.rows.filter((r) => r.pointId === Number(meterPoint.id)).map((r) => r.factor), []);
      for (const [m, month] of grid.months.entries()) {
        const inMonth = rows.filter((r) => r.period_start >= month.from && r.period_start < month.to);
        let exceededHours = 0;
        let exceededDays = 0;
        for (const r of inMonth) {
          const basis = r.period_kind === 'hour' ? 'hourly' : 'daily';
          const limit = await limitAt(r.period_start, basis);
          const agg: Aggregate = {
            factor, periodKind: r.period_kind, periodStart: r.period_start, count: r.samples, valid: r.valid, status: r.status, mean: r.mean ?? null, min: null, max: null,
            converted: r.converted ?? null, loggerConverted: null, flags: {}, times: [], frameIds: [],
          };
          if (limit !== undefined && judge(agg, limit)?.exceeded === true) {
            if (basis === 'hourly') exceededHours++;
            else exceededDays++;
          }
        }
        const hourlyInForce = (await limitAt(month.from, 'hourly')) !== undefined || (await limitAt(month.to - 1, 'hourly')) !== undefined;
        const dailyInForce = (await limitAt(month.from, 'daily')) !== undefined || (await limitAt(month.to - 1, 'daily')) !== undefined;
        const validHours = inMonth.filter((r) => r.period_kind === 'hour' && r.status === 'normal').length;
        const expectedHours = Math.max(0, Math.floor((Math.min(month.to, rig.clock.now) - month.from) / HOUR));
        const share = expectedHours === 0 ? null : validHours / expectedHours;
        const cell: ComplianceGrid['rows'][number]['cells'][number] = row.cells[m]!;
        const status = !hourlyInForce && !dailyInForce ? 'no_limit'
          : exceededHours + exceededDays > 0 ? 'exceeded'
            : inMonth.length === 0 ? 'no_data'
              : share === null || share < DEFAULT_GRID_PARAMS.minValidShare ? 'insufficient' : 'compliant';
        assert.deepEqual(
          [cell.month, cell.status, cell.exceededHours, cell.exceededDays, cell.validHours, cell.expectedHours],
          [month.month, status, hourlyInForce ? exceededHours : null, dailyInForce ? exceededDays : null, validHours, expectedHours],
          month.month,
        );
      }
      // The scenario as built: the designed months show what they were built to show.
      const byMonth = Object.fromEntries(row.cells.map((c) => [c.month, c]));
      assert.equal(byMonth['2026-07']!.status, 'no_data');
      assert.equal(byMonth['2026-08']!.status, 'insufficient');
      assert.equal(byMonth['2026-09']!.status, 'compliant');
      assert.equal(byMonth['2026-11']!.status, 'exceeded');
      assert.equal(byMonth['2026-09']!.exceededDays, null, 'no daily limit before 15 October');
      assert.ok((byMonth['2026-10']!.exceededDays ?? 0) > 0 && (byMonth['2026-11']!.exceededDays ?? 0) > 0);
      assert.ok(row.limits.some((l) => l.basis === 'hourly' && l.permitNumber === 'GRID-TEST-002P' && l.from === bj(10, 15)), 'the stricter limit from the renewal');
      assert.ok(row.limits.some((l) => l.basis === 'daily' && l.limit === base * 0.9));

      // Warnings by kind in the month they overlap; dismissed ones do not count; factor-less ones get their own row.
      const exRow = grid.rows.find((r) => r.pointId === pointId && r.factor === 'a21026') ?? grid.rows.find((r) => r.pointId === pointId && r.factor === null)!;
      assert.equal(exRow.cells.at(-1)!.warnings.exceedance, 1, `warning ${exceedance} counted once, ${dismissed} not at all`);
      const pointRow = grid.rows.find((r) => r.pointId === pointId && r.factor === null)!;
      assert.equal(pointRow.cells.at(-1)!.warnings.offline, 1);
      assert.ok(pointRow.cells.slice(0, -1).every((c) => Object.keys(c.warnings).length === 0));

      // The company reads its own grid (the same answer) and nobody else's; a bad month is a 400.
      const company = await login(rig.app, 'company');
      const own = await call(rig.app, company, 'GET', `/api/enterprises/${rig.inside.enterpriseId}/compliance-grid?to=2026-11`);
      assert.deepEqual(own.json<ComplianceGrid>(), grid);
      assert.equal((await call(rig.app, company, 'GET', `/api/enterprises/${rig.otherCity.enterpriseId}/compliance-grid`)).statusCode, 404);
      assert.equal((await call(rig.app, analyst, 'GET', `/api/enterprises/${rig.inside.enterpriseId}/compliance-grid?to=2026-13`)).statusCode, 400);
      const earlier = (await call(rig.app, analyst, 'GET', `/api/enterprises/${rig.inside.enterpriseId}/compliance-grid?to=2026-09`)).json<ComplianceGrid>();
      assert.equal(earlier.months.at(-1)!.month, '2026-09');
      assert.deepEqual(earlier.rows.find((r) => r.factor === factor)!.cells.at(-1), byMonth['2026-09']);
    });

    void test('the compliance chart names the permit as a structured field', async () => {
      const officer = await login(rig.app, 'officer');
      const pointId = rig.inside.pointId;
      const db = rig.store.database.db;
      const outletId = Number((await db.selectFrom('monitoring_points').select('outlet_id').where('id', '=', pointId).executeTakeFirstOrThrow()).outlet_id);
      const hourly = [...(await limitsInForce(db, outletId, T0, 'hourly'))];
      const factor = hourly[0]?.[0] ?? 'a21026';
      const res = (await call(rig.app, officer, 'GET', `/api/points/${pointId}/compliance?factor=${factor}&to=${T0}`)).json<{ limit: { permitNumber: string | null } | null }>();
      if (hourly.length === 0) assert.equal(res.limit, null);
      else assert.equal(res.limit?.permitNumber, hourly[0]![1].source.replace(/^permit /, ''));
    });
  });
}
