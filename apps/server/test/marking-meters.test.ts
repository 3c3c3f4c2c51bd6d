// A marking that claims the unit stood still (shutdown, production stopped) over a span in which the
// enterprise's production electricity meters read running power is itself a finding (issue 4 §3), the same
// marking_covers_production warning the flow check raises, citing the meter, its minutes, kW and frames.
// Markings are assessed as the route does (without the kind) and, where noted, with the kind.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { Schema } from '../src/platform/db/schema.ts';
import { createFrameSink } from '../src/monitoring/repositories/frame-sink.ts';
import { assessMarking, DEFAULT_MARKING_RULES, raiseMarkingFindings, type Assessment } from '../src/compliance/markings.ts';
import { locate } from '../src/access/locate.ts';
import { airPointWithLimit } from './compliance-fixtures.ts';
import { acceptedFrame, factor, freshStore, DIALECTS, type TestStore } from './store-fixtures.ts';

const T0 = Date.UTC(2026, 10, 28, 2, 0, 0);
const MIN = 60_000;
const SPAN = { from: T0, to: T0 + 60 * MIN };
/** Marked half an hour after the span began: not late, so only the production finding can appear. */
const NOW = T0 + 30 * MIN;

/** A meter logger on the point's outlet with production meter e10001 (running 200 kW when registered). */
async function meterLogger(store: TestStore, pointId: number, runningKw: number | null): Promise<{ loggerId: number; mn: string }> {
  const db = store.database.db;
  const o = await db.selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').select(['o.id', 'o.enterprise_id']).where('p.id', '=', pointId).executeTakeFirstOrThrow();
  const mn = 'MKMETER0000000000000001';
  const p = await db.insertInto('monitoring_points').values({ outlet_id: o.id, mn, pw: '123456', crc_variants: 'hj212', protocol_version: '2017', st: '51', factors: '["e10001"]', active: 1 }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('meters').values({ enterprise_id: o.enterprise_id, point_id: p.id, factor: 'e10001', role: 'production', outlet_id: null, name: '1号生产线', unit: 'kW', running_kw: runningKw }).execute();
  return { loggerId: Number(p.id), mn };
}

/** One minute frame per minute of the span with the meter's kW. */
async function meterMinutes(store: TestStore, loggerId: number, mn: string, kw: (m: number) => number): Promise<void> {
  const frames = [];
  for (let m = 0; m < 60; m++) frames.push(acceptedFrame(loggerId, mn, 'min', T0 + m * MIN, [factor('e10001', kw(m))], { qn: `${mn}-${m}`, receivedAt: T0 + m * MIN + 1000 }));
  await createFrameSink(store.database).write(frames, []);
}

/** Stores the marking and raises its findings in one transaction, as the markings route does. */
async function mark(db: Kysely<Schema>, pointId: number, kind: 'shutdown' | 'calibration', a: Assessment): Promise<{ id: number; warningIds: number[] }> {
  const place = (await locate(db, 'point', pointId))!;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('markings')
      .values({
        point_id: pointId, enterprise_id: place.enterpriseId!, region_code: place.regionCode!, kind, invalid: 1, span_from: SPAN.from, span_to: SPAN.to,
        reason: '停机', attachments: '[]', created_by: 0, created_at: NOW, withdrawn_at: null, late: a.late ? 1 : 0, production_seen: a.productionSeen ? 1 : 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    const span = { id, pointId, enterpriseId: place.enterpriseId!, regionCode: place.regionCode!, kind, from: SPAN.from, to: SPAN.to, createdAt: NOW };
    return { id, warningIds: await raiseMarkingFindings(trx, span, a) };
  });
}

interface Evidence {
  markingId: number; times: number[]; values: number[]; factors: string[]; frameIds: number[];
  meters: { count: number; byMeter: Array<{ code: string; name: string; minutes: number; thresholdKw: number; maxKw: number | null }> };
  params: { meterRunningMinutes: number; meterRunningFraction: number };
}

for (const dialect of DIALECTS) {
  void describe(`markings against production meters on ${dialect}`, () => {
    void test('a shutdown while the production meter reads running power is flagged with the meter evidence', async () => {
      const store = await freshStore(dialect);
      try {
        const db = store.database.db;
        const { pointId } = await airPointWithLimit(store, { orgBody: 'MA5MKMT1', mn: 'MKMTR0000000000000000001', name: '电表热电' });
        const { loggerId, mn } = await meterLogger(store, pointId, 200);
        // Running (150–159 kW) for the first 40 minutes, then stopped (2 kW, under 30 % of 200).
        await meterMinutes(store, loggerId, mn, (m) => (m < 40 ? 150 + (m % 10) : 2));

        const a = await assessMarking(db, pointId, SPAN.from, SPAN.to, NOW);
        assert.deepEqual([a.late, a.productionSeen, a.metersRunning, a.meters.count], [false, false, true, 40], 'no flow; the meter ran 40 minutes');
        assert.equal((await assessMarking(db, pointId, SPAN.from, SPAN.to, NOW, DEFAULT_MARKING_RULES, 'shutdown')).productionSeen, true, 'with the kind, the claim is contradicted');
        assert.equal((await assessMarking(db, pointId, SPAN.from, SPAN.to, NOW, DEFAULT_MARKING_RULES, 'calibration')).productionSeen, false, 'production may run during a calibration');

        const { id, warningIds } = await mark(db, pointId, 'shutdown', a);
        assert.equal(warningIds.length, 1);
        const w = await db.selectFrom('warnings').selectAll().where('id', '=', warningIds[0]!).executeTakeFirstOrThrow();
        assert.deepEqual([w.kind, w.point_id, w.period_from, w.period_to], ['marking_covers_production', pointId, SPAN.from, SPAN.to]);
        assert.match(w.message, /e10001 1号生产线/);
        const ev = JSON.parse(w.evidence) as Evidence;
        assert.equal(ev.markingId, id);
        assert.deepEqual(ev.times, Array.from({ length: 40 }, (_, m) => T0 + m * MIN));
        assert.deepEqual(ev.values, Array.from({ length: 40 }, (_, m) => 150 + (m % 10)));
        assert.ok(ev.factors.every((f) => f === 'e10001'));
        assert.deepEqual(ev.meters.byMeter.map((b) => [b.code, b.name, b.minutes, b.thresholdKw, b.maxKw]), [['e10001', '1号生产线', 40, 60, 159]]);
        assert.deepEqual([ev.params.meterRunningMinutes, ev.params.meterRunningFraction], [40, 0.3]);
        const frames = await db.selectFrom('raw_frames').select(['id', 'point_id', 'data_time']).where('id', 'in', ev.frameIds).execute();
        assert.equal(frames.length, 40);
        assert.ok(frames.every((f) => f.point_id === loggerId && Number(f.data_time) < T0 + 40 * MIN), 'the running minutes of the meter logger are cited');
        const stored = await db.selectFrom('markings').select('production_seen').where('id', '=', id).executeTakeFirstOrThrow();
        assert.equal(Number(stored.production_seen), 1, 'the marking records that its span shows production');

        // The same power under a calibration marking proves nothing.
        assert.deepEqual((await mark(db, pointId, 'calibration', a)).warningIds, []);
      } finally {
        await store.dispose();
      }
    });

    void test('a shutdown while the production meter reads about zero is not flagged; without running_kw the kW floor applies, for productionMinutes', async () => {
      const store = await freshStore(dialect);
      try {
        const db = store.database.db;
        const { pointId } = await airPointWithLimit(store, { orgBody: 'MA5MKMT2', mn: 'MKMTR0000000000000000002', name: '电表热电' });
        const { loggerId, mn } = await meterLogger(store, pointId, null);
        // Standby load 0–0.9 kW, but for 9 minutes 12 kW: above the 10 kW floor, yet under the 10-minute rule.
        await meterMinutes(store, loggerId, mn, (m) => (m >= 20 && m < 29 ? 12 : (m % 10) / 10));
        const near0 = await assessMarking(db, pointId, SPAN.from, SPAN.to, NOW, DEFAULT_MARKING_RULES, 'shutdown');
        assert.deepEqual([near0.meters.count, near0.metersRunning, near0.productionSeen], [9, false, false]);
        assert.equal(near0.meters.byMeter[0]?.maxKw, 12);
        assert.equal(near0.meters.byMeter[0]?.thresholdKw, DEFAULT_MARKING_RULES.meterRunningKw);
        assert.deepEqual((await mark(db, pointId, 'shutdown', near0)).warningIds, []);
        assert.equal(await db.selectFrom('warnings').select('id').executeTakeFirst(), undefined);
      } finally {
        await store.dispose();
      }
    });

    void test('an enterprise without meters: the assessment is the flow one', async () => {
      const store = await freshStore(dialect);
      try {
        const db = store.database.db;
        const { pointId } = await airPointWithLimit(store, { orgBody: 'MA5MKMT3', mn: 'MKMTR0000000000000000003', name: '无表热电' });
        const a = await assessMarking(db, pointId, SPAN.from, SPAN.to, NOW, DEFAULT_MARKING_RULES, 'shutdown');
        assert.deepEqual([a.productionSeen, a.metersRunning, a.meters.count, a.meters.byMeter], [false, false, 0, []]);
        assert.deepEqual((await mark(db, pointId, 'shutdown', a)).warningIds, []);
      } finally {
        await store.dispose();
      }
    });
  });
}
