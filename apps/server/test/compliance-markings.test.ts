// Markings in the exceedance judgement, on stored data: an hour over the permit's limit whose minutes the
// enterprise marked invalid proves nothing; a withdrawn marking, or one that invalidates nothing, does not
// hide the exceedance.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFrameSink } from '../src/monitoring/repositories/frame-sink.ts';
import { closeHour, HOUR } from '../src/compliance/compliance.ts';
import { airPointWithLimit } from './compliance-fixtures.ts';
import { insertMarking } from './marking-fixtures.ts';
import { acceptedFrame, factor, freshStore, DIALECTS, type TestStore } from './store-fixtures.ts';

const H0 = Date.UTC(2026, 10, 28, 2); // 10:00 Beijing

/** One air point with an hourly SO2 limit of 35 mg/m³ at 6 % O2, and an hour of 80 mg/m³ from H0. */
async function exceededHour(store: TestStore): Promise<number> {
  const { pointId, mn } = await airPointWithLimit(store, { orgBody: 'MA5MARK1', mn: 'MARKS000000000000000001', name: '标记热电' });
  const frames = Array.from({ length: 60 }, (_, m) => acceptedFrame(pointId, mn, 'min', H0 + m * 60_000, [factor('a21026', 80), factor('a19001', 6)], { qn: `q${m}`, receivedAt: H0 + m * 60_000 + 30_000 }));
  await createFrameSink(store.database).write(frames, []);
  return pointId;
}

for (const dialect of DIALECTS) {
  void describe(`markings in the judgement on ${dialect}`, () => {
    void test('an invalid marking over an exceeded hour prevents the warning; withdrawn, it no longer does', async () => {
      const store = await freshStore(dialect);
      try {
        const db = store.database.db;
        const pointId = await exceededHour(store);
        const id = await insertMarking(db, pointId, { from: H0 - 10 * 60_000, to: H0 + 20 * 60_000 });
        const r = await closeHour(db, pointId, H0, H0 + 2 * HOUR);
        const so2 = r.values.find((v) => v.factor === 'a21026');
        assert.deepEqual([so2?.valid, so2?.status], [40, 'insufficient'], 'twenty marked minutes leave too few valid ones');
        assert.equal(r.exceeded.length, 0);
        assert.equal((await db.selectFrom('warnings').selectAll().execute()).length, 0);

        await db.updateTable('markings').set({ withdrawn_at: H0 + 2 * HOUR }).where('id', '=', id).execute();
        const again = await closeHour(db, pointId, H0, H0 + 3 * HOUR);
        assert.equal(again.exceeded.length, 1);
        const warnings = await db.selectFrom('warnings').select(['kind', 'factor']).execute();
        assert.deepEqual(warnings.map((w) => [w.kind, w.factor]), [['exceedance', 'a21026']]);
      } finally {
        await store.dispose();
      }
    });

    void test('a marking that invalidates nothing, or lies outside the hour, does not hide the exceedance', async () => {
      const store = await freshStore(dialect);
      try {
        const db = store.database.db;
        const pointId = await exceededHour(store);
        await insertMarking(db, pointId, { from: H0, to: H0 + HOUR, invalid: false });
        await insertMarking(db, pointId, { from: H0 + HOUR, to: H0 + 2 * HOUR });
        const r = await closeHour(db, pointId, H0, H0 + 2 * HOUR);
        assert.equal(r.exceeded.length, 1);
        assert.equal((await db.selectFrom('warnings').selectAll().execute()).length, 1);
      } finally {
        await store.dispose();
      }
    });
  });
}
