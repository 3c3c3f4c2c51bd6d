// Markings in the exceedance judgement, on stored data: an hour over the permit's limit whose minutes the
// enterprise marked invalid proves nothing; a withdrawn marking, or one that invalidates nothing, does not
// hide the exceedance.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeUscc } from '@ecoenforce/domain';
import { createFrameSink } from '../src/repositories/frame-sink.ts';
import { closeHour, HOUR } from '../src/services/compliance.ts';
import { insertMarking } from './marking-fixtures.ts';
import { acceptedFrame, factor, freshStore, DIALECTS, type TestStore } from './store-fixtures.ts';

const H0 = Date.UTC(2026, 10, 28, 2); // 10:00 Beijing

/** One air point with an hourly SO2 limit of 35 mg/m³ at 6 % O2, and an hour of 80 mg/m³ from H0. */
async function exceededHour(store: TestStore): Promise<number> {
  const db = store.database.db;
  await db.insertInto('regions').values({ code: '440000', name: '广东省', level: 'province', parent_code: null }).execute();
  const uscc = makeUscc({ authority: '9', kind: '1', region: '440000', orgBody: 'MA5MARK1' });
  const e = await db.insertInto('enterprises').values({ uscc, name: '标记热电', region_code: '440000', industry: 'thermal_power', address: '—', lat: 23, lng: 113, created_at: 0 }).returning('id').executeTakeFirstOrThrow();
  const o = await db.insertInto('outlets').values({ enterprise_id: e.id, code: 'DA001', kind: 'air', name: '1号烟囱' }).returning('id').executeTakeFirstOrThrow();
  const mn = 'MARKS000000000000000001';
  const p = await db.insertInto('monitoring_points').values({ outlet_id: o.id, mn, pw: '123456', crc_variants: 'hj212', protocol_version: '2017', st: '31', factors: '["a21026","a19001"]', active: 1 }).returning('id').executeTakeFirstOrThrow();
  const permit = await db
    .insertInto('permits')
    .values({ enterprise_id: e.id, number: `${uscc}001P`, issued_at: 0, valid_from: Date.UTC(2026, 0, 1), valid_to: Date.UTC(2031, 0, 1), issuer: '广东省生态环境厅', status: 'valid' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('permit_limits').values({ permit_id: permit.id, outlet_id: o.id, factor: 'a21026', limit_value: 35, unit: 'mg/m3', basis: 'hourly', reference_o2: 6, annual_quantity_t: null, standard: 'GB 13223-2011', note: null }).execute();
  const pointId = Number(p.id);
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
