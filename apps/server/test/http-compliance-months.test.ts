// The point compliance API on a monthly basis (issue 4 §2): `?basis=month` reads the monthly rows a closed day
// leaves in compliance_months — the month's emitted mass here, the point's flue-gas limits being hourly — and
// the default basis still answers hours.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { beijingDayStart, closeDay, DAY } from '../src/compliance/compliance-day.ts';
import { beijingMonth } from '../src/compliance/compliance-months.ts';
import { DIALECTS } from './store-fixtures.ts';
import { T0, call, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';

interface Month { month: string; t: number; days: number; validDays: number; mean: number | null; exceededDays: number; massKg: number | null; massDays: number }

for (const dialect of DIALECTS) {
  void describe(`point compliance by month on ${dialect}`, () => {
    let rig: HttpRig;
    let officer: Session;
    before(async () => {
      rig = await startHttpRig(dialect);
      officer = await login(rig.app, 'officer');
    });
    after(() => rig.close());

    void test('a closed day becomes its month; the month lists in the range; a bad basis is a 400', async () => {
      const db = rig.store.database.db;
      const day = beijingDayStart(T0);
      await closeDay(db, rig.inside.pointId, day, day + DAY + 5 * 60_000);
      const url = `/api/points/${rig.inside.pointId}/compliance?factor=a21026&basis=month&to=${day + DAY}`;
      const res = await call(rig.app, officer, 'GET', url);
      assert.equal(res.statusCode, 200);
      const body = res.json<{ basis: string; hours: unknown[]; months: Month[] }>();
      assert.equal(body.basis, 'month');
      assert.deepEqual(body.hours, []);
      const stored = await db.selectFrom('emission_mass').select('mass_kg').where('point_id', '=', rig.inside.pointId).where('factor', '=', 'a21026').executeTakeFirstOrThrow();
      const { month, from } = beijingMonth(day);
      // Flue gas has hourly limits: no daily value, so the month carries the mass only.
      assert.deepEqual(body.months.map((m) => [m.month, m.t, m.days, m.validDays, m.mean, m.exceededDays, m.massDays]), [[month, from, 0, 0, null, 0, 1]]);
      assert.ok(Math.abs(body.months[0]!.massKg! - stored.mass_kg) < 1e-9);
      const before = (await call(rig.app, officer, 'GET', `/api/points/${rig.inside.pointId}/compliance?factor=a21026&basis=month&to=${from}`)).json<{ months: Month[] }>();
      assert.deepEqual(before.months, [], 'a month that starts at `to` is outside the range');
      const hours = (await call(rig.app, officer, 'GET', `/api/points/${rig.inside.pointId}/compliance?factor=a21026&from=${T0}&to=${T0 + 3600_000}`)).json<{ basis: string; months?: unknown }>();
      assert.equal(hours.basis, 'hour');
      assert.equal(hours.months, undefined);
      assert.equal((await call(rig.app, officer, 'GET', `/api/points/${rig.inside.pointId}/compliance?factor=a21026&basis=week`)).statusCode, 400);
    });
  });
}
