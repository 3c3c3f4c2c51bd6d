// Closing hours on stored data, on SQLite and PostgreSQL: minute readings become hourly values; hours over
// the permit's limit become one warning per episode whose evidence points at the stored raw frames; closing
// again (late data) duplicates nothing; the runner closes hours as the platform clock passes them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ComplianceRunner } from '../src/compliance/jobs/compliance-runner.ts';
import { createFrameSink } from '../src/monitoring/repositories/frame-sink.ts';
import { closeHour, HOUR } from '../src/compliance/compliance.ts';
import { beijingDayStart, closeDay, DAY } from '../src/compliance/compliance-day.ts';
import { airPointWithLimit } from './compliance-fixtures.ts';
import { acceptedFrame, factor, freshStore, DIALECTS, type TestStore } from './store-fixtures.ts';

const H0 = Date.UTC(2026, 10, 28, 2); // 10:00 Beijing

const plant = (store: TestStore) => airPointWithLimit(store, { orgBody: 'MA5PLANT', mn: 'PLANT000000000000000001', name: '测试热电' });

/** Minute frames for `hours` hours from H0: SO2 `so2[h]` mg/m³ at 6 % O2 (so converted = measured). */
async function stream(store: TestStore, pointId: number, mn: string, so2: number[], from = 0, to = 60) {
  const frames = so2.flatMap((v, h) =>
    Array.from({ length: to - from }, (_, k) => {
      const m = from + k;
      const t = H0 + h * HOUR + m * 60_000;
      return acceptedFrame(pointId, mn, 'min', t, [factor('a21026', v), factor('a19001', 6)], { qn: `q${h}-${m}`, receivedAt: t + 30_000 });
    }),
  );
  await createFrameSink(store.database).write(frames, []);
  return frames;
}

for (const dialect of DIALECTS) {
  void describe(`closing hours on ${dialect}`, () => {
    void test('exceeded hours merge into one warning with the readings and the permit row as evidence', async () => {
      const store = await freshStore(dialect);
      try {
        const { pointId, mn } = await plant(store);
        await stream(store, pointId, mn, [50, 80, 20]);
        const results = [];
        for (let h = 0; h < 3; h++) results.push(await closeHour(store.database.db, pointId, H0 + h * HOUR, H0 + 4 * HOUR));
        const db = store.database.db;
        const values = await db.selectFrom('period_values').selectAll().where('factor', '=', 'a21026').orderBy('period_start').execute();
        assert.deepEqual(values.map((v) => [v.status, v.valid, v.mean, v.converted]), [['normal', 60, 50, 50], ['normal', 60, 80, 80], ['normal', 60, 20, 20]]);
        const warnings = await db.selectFrom('warnings').selectAll().execute();
        assert.equal(warnings.length, 1, 'two consecutive hours are one episode');
        const w = warnings[0]!;
        assert.deepEqual([w.kind, w.factor, w.period_from, w.period_to, w.status, w.severity], ['exceedance', 'a21026', H0, H0 + 2 * HOUR, 'new', 'high']);
        const ev = JSON.parse(w.evidence) as { times: number[]; values: number[]; frameIds: number[]; rule: { limit: number; source: string } };
        assert.deepEqual(ev.times, [H0, H0 + HOUR]);
        assert.deepEqual(ev.values, [50, 80]);
        assert.equal(ev.rule.limit, 35);
        assert.match(ev.rule.source, /^permit 91440000/);
        assert.equal(ev.frameIds.length, 120);
        const found = await db.selectFrom('raw_frames').select('id').where('id', 'in', ev.frameIds).execute();
        assert.equal(found.length, 120, 'every evidence frame id is a stored raw frame');
        const audit = await db.selectFrom('audit_log').select(['action', 'entity']).where('entity', '=', 'warning').orderBy('seq').execute();
        assert.deepEqual(audit.map((a) => a.action), ['create', 'extend']);

        // Late data: closing the hours again changes nothing.
        for (let h = 0; h < 3; h++) await closeHour(db, pointId, H0 + h * HOUR, H0 + 5 * HOUR);
        assert.equal((await db.selectFrom('warnings').selectAll().execute()).length, 1);
        assert.equal((await db.selectFrom('period_values').selectAll().execute()).length, 6);
      } finally {
        await store.dispose();
      }
    });

    void test('a wastewater day over its daily limit becomes a warning; a day with too few hours proves nothing', async () => {
      const store = await freshStore(dialect);
      try {
        const { pointId, mn } = await plant(store);
        const db = store.database.db;
        const outlet = await db.selectFrom('monitoring_points').select('outlet_id').where('id', '=', pointId).executeTakeFirstOrThrow();
        const permit = await db.selectFrom('permits').select('id').executeTakeFirstOrThrow();
        await db.insertInto('permit_limits').values({ permit_id: permit.id, outlet_id: outlet.outlet_id, factor: 'w01018', limit_value: 50, unit: 'mg/L', basis: 'daily', reference_o2: null, annual_quantity_t: null, standard: 'GB 18918-2002', note: null }).execute();
        const day = beijingDayStart(H0);
        const frames = [];
        for (let m = 0; m < 24 * 60; m++) {
          const t = day + m * 60_000;
          frames.push(acceptedFrame(pointId, mn, 'min', t, [factor('w01018', m < 12 * 60 ? 40 : 80)], { qn: `d${m}`, receivedAt: t + 1000 }));
        }
        await createFrameSink(store.database).write(frames, []);
        const r = await closeDay(db, pointId, day, day + DAY + HOUR);
        assert.equal(r.warnings.length, 1);
        const w = await db.selectFrom('warnings').selectAll().executeTakeFirstOrThrow();
        assert.deepEqual([w.factor, w.period_from, w.period_to], ['w01018', day, day + DAY]);
        assert.equal((JSON.parse(w.evidence) as { values: number[] }).values[0], 60, 'the daily mean of 12 h at 40 and 12 h at 80');
        const v = await db.selectFrom('period_values').selectAll().where('period_kind', '=', 'day').executeTakeFirstOrThrow();
        assert.deepEqual([v.status, v.valid, v.mean], ['normal', 24, 60]);
        // The next day holds 10 hours only: no daily value can prove anything.
        const next = day + DAY;
        const few = [];
        for (let m = 0; m < 10 * 60; m++) few.push(acceptedFrame(pointId, mn, 'min', next + m * 60_000, [factor('w01018', 500)], { qn: `e${m}`, receivedAt: next + m * 60_000 + 1000 }));
        await createFrameSink(store.database).write(few, []);
        // (Only 10 of 24 hours arrived: the transmission detector speaks, the daily limit does not.)
        assert.deepEqual((await closeDay(db, pointId, next, next + DAY + HOUR)).warnings.filter((w) => w.kind !== 'transmission'), []);
      } finally {
        await store.dispose();
      }
    });

    void test('hours with too few valid minutes or fault flags prove nothing', async () => {
      const store = await freshStore(dialect);
      try {
        const { pointId, mn } = await plant(store);
        await stream(store, pointId, mn, [500], 0, 40); // 40 minutes only
        const r = await closeHour(store.database.db, pointId, H0, H0 + 2 * HOUR);
        assert.equal(r.values.find((v) => v.factor === 'a21026')?.status, 'insufficient');
        assert.equal(r.exceeded.length, 0);
        assert.equal((await store.database.db.selectFrom('warnings').selectAll().execute()).length, 0);
      } finally {
        await store.dispose();
      }
    });

    void test('the runner closes an hour once it has ended and the grace has passed, and again after late data', async () => {
      const store = await freshStore(dialect);
      try {
        const { pointId, mn } = await plant(store);
        const clock = { now: H0 + 30 * 60_000 };
        const closed: number[] = [];
        // The stream here is flat by construction; the detectors have their own tests.
        const runner = new ComplianceRunner(store.database.db, () => clock.now, { graceMs: 2 * 60_000, detectors: false, onClosed: (r) => closed.push(r.hourStart) });
        runner.framesStored(await stream(store, pointId, mn, [90], 0, 50));
        await runner.tick();
        assert.deepEqual(closed, [], 'the hour has not ended');
        clock.now = H0 + HOUR + 60_000;
        await runner.tick();
        assert.deepEqual(closed, [], 'within the grace');
        clock.now = H0 + HOUR + 2 * 60_000;
        await runner.tick();
        assert.deepEqual(closed, [H0]);
        assert.equal((await store.database.db.selectFrom('warnings').selectAll().execute()).length, 1);
        runner.framesStored(await stream(store, pointId, mn, [90], 50, 60)); // the late ten minutes
        await runner.tick();
        assert.deepEqual(closed, [H0, H0]);
        const v = await store.database.db.selectFrom('period_values').select('valid').where('factor', '=', 'a21026').executeTakeFirstOrThrow();
        assert.equal(v.valid, 60, 'recomputed with the late minutes');
        assert.equal((await store.database.db.selectFrom('warnings').selectAll().execute()).length, 1, 'and no second warning');
        // A marking made over part of the hour: the hour is judged again.
        runner.reclose(pointId, H0 + 10 * 60_000, H0 + 20 * 60_000);
        await runner.tick();
        assert.deepEqual(closed, [H0, H0, H0]);
      } finally {
        await store.dispose();
      }
    });
  });
}
