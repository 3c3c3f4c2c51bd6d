import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFrameSink } from '../src/monitoring/repositories/frame-sink.ts';
import { framesRepository } from '../src/monitoring/repositories/frames.ts';
import { readingsRepository } from '../src/monitoring/repositories/readings.ts';
import { pointsRepository } from '../src/monitoring/repositories/points.ts';
import { seedBenchPoints } from '../src/seed/demo-province.ts';
import type { DurableSink, QuarantinedFrame } from '../src/monitoring/gateway/sink.ts';
import { acceptedFrame, DIALECTS, factor, flueGasMinute } from './store-fixtures.ts';
import { freshStore } from './store-fixtures.ts';
import type { TestStore } from './store-fixtures.ts';

const T0 = Date.UTC(2026, 10, 28, 2, 0, 0); // 10:00 Beijing

for (const dialect of DIALECTS) {
  void describe(`frame sink (${dialect})`, () => {
    let store: TestStore;
    let sink: DurableSink;
    const points: { id: number; mn: string }[] = [];
    // Each test uses its own point so they stay independent within one database.
    let next = 0;
    const point = (): { id: number; mn: string } => points[next++]!;

    before(async () => {
      store = await freshStore(dialect);
      await seedBenchPoints(store.database, 12);
      for (const p of await pointsRepository(store.database.db).listActive()) points.push({ id: p.id, mn: p.mn });
      sink = createFrameSink(store.database);
    });
    after(async () => {
      await sink.close();
      await store.dispose();
    });

    const readings = () => readingsRepository(store.database.db);
    const frames = () => framesRepository(store.database.db);

    void test('a batch with accepted and quarantined frames', async () => {
      const p = point();
      const accepted = [0, 1, 2].map((i) => acceptedFrame(p.id, p.mn, 'min', T0 + i * 60_000, flueGasMinute(i)));
      const quarantined: QuarantinedFrame[] = [
        { mn: 'UNKNOWN00000000000000001', receivedAt: T0, peer: '10.0.0.9:4000', bytes: Buffer.from('##garbage'), reason: 'unknown_mn', detail: 'no such MN' },
        { mn: null, receivedAt: T0 + 1, peer: '10.0.0.9:4000', bytes: Buffer.from('##garbage'), reason: 'crc_mismatch', detail: 'CRC 1234 ≠ 5678' },
        // Identical garbage again is still stored: quarantine is never deduplicated.
        { mn: null, receivedAt: T0 + 2, peer: '10.0.0.9:4000', bytes: Buffer.from('##garbage'), reason: 'crc_mismatch', detail: 'CRC 1234 ≠ 5678' },
      ];
      const result = await sink.write(accepted, quarantined);
      assert.deepEqual(result, { framesStored: 6, readingsWritten: 3 });
      const rows = await readings().list({ pointId: p.id, periodKind: 'min' });
      assert.equal(rows.length, 3);
      assert.deepEqual(rows.map((r) => r.periodStart), [T0, T0 + 60_000, T0 + 120_000]);
      // The repository decodes exactly what was written.
      rows.forEach((r, i) => {
        assert.deepEqual(r.factors, accepted[i]!.factors);
        assert.equal(r.revision, 1);
        assert.equal(r.cn, '2051');
      });
      const raw = await frames().get(rows[0]!.sourceFrameId);
      assert.ok(raw !== undefined);
      assert.deepEqual(Buffer.from(raw.bytes), Buffer.from(accepted[0]!.bytes));
      assert.equal(raw.verdict, 'accepted');
      assert.equal(raw.point_id, p.id);
      assert.equal(raw.data_time, T0);
      const counts = await frames().quarantineReasonCounts();
      assert.deepEqual(counts, { crc_mismatch: 2, unknown_mn: 1 });
      const list = await frames().listQuarantine({ reason: 'crc_mismatch' });
      assert.equal(list.length, 2);
      assert.equal(list[0]!.received_at, T0 + 2);
      assert.equal(list[0]!.size, 9);
      const byPoint = await frames().listByPoint(p.id, T0, T0 + 10 * 60_000);
      assert.equal(byPoint.length, 3);
    });

    void test('a byte-identical retransmission stores one raw frame and one reading, revision unchanged', async () => {
      const p = point();
      const f = acceptedFrame(p.id, p.mn, 'min', T0, flueGasMinute(7));
      assert.deepEqual(await sink.write([f], []), { framesStored: 1, readingsWritten: 1 });
      // Again in a later batch (with a CR LF-less trailer) and twice within one batch.
      const noTrailer = { ...f, bytes: Buffer.from(f.bytes).subarray(0, f.bytes.length - 2), receivedAt: f.receivedAt + 5000 };
      assert.deepEqual(await sink.write([noTrailer, { ...f, receivedAt: f.receivedAt + 6000 }], []), { framesStored: 0, readingsWritten: 0 });
      const q = await frames().listByPoint(p.id, 0, Number.MAX_SAFE_INTEGER);
      assert.equal(q.length, 1);
      const r = await readings().get(p.id, 'min', T0);
      assert.equal(r?.revision, 1);

      const p2 = point();
      const g = acceptedFrame(p2.id, p2.mn, 'min', T0, flueGasMinute(8));
      assert.deepEqual(await sink.write([g, g], []), { framesStored: 1, readingsWritten: 1 });
      assert.equal((await readings().get(p2.id, 'min', T0))?.revision, 1);
    });

    void test('a correction keeps both raw frames and merges into one reading with revision 2', async () => {
      const p = point();
      const first = acceptedFrame(p.id, p.mn, 'hour', T0, [factor('a21026', 10), factor('a34013', 5)]);
      await sink.write([first], []);
      const fix = acceptedFrame(p.id, p.mn, 'hour', T0, [factor('a21026', 11, { flag: 'C' })], { qn: '20261128110000000', receivedAt: T0 + 3_600_000 });
      assert.deepEqual(await sink.write([fix], []), { framesStored: 1, readingsWritten: 1 });
      const raws = await frames().listByPoint(p.id, 0, Number.MAX_SAFE_INTEGER);
      assert.equal(raws.length, 2);
      const r = await readings().get(p.id, 'hour', T0);
      assert.ok(r !== undefined);
      assert.equal(r.revision, 2);
      assert.equal(r.sourceFrameId, raws[1]!.id);
      assert.equal(r.receivedAt, T0 + 3_600_000);
      assert.deepEqual(r.factors, [factor('a21026', 11, { flag: 'C' }), factor('a34013', 5)]);
    });

    void test('subpacket halves merge into one row, in one batch or in two', async () => {
      const all = flueGasMinute(3);
      for (const split of ['same batch', 'two batches'] as const) {
        const p = point();
        const a = acceptedFrame(p.id, p.mn, 'min', T0, all.slice(0, 5), { qn: '20261128100000001' });
        const b = acceptedFrame(p.id, p.mn, 'min', T0, all.slice(5), { qn: '20261128100000001' });
        if (split === 'same batch') assert.deepEqual(await sink.write([a, b], []), { framesStored: 2, readingsWritten: 1 });
        else {
          await sink.write([a], []);
          await sink.write([b], []);
        }
        const r = await readings().get(p.id, 'min', T0);
        assert.ok(r !== undefined, split);
        assert.deepEqual(r.factors, all, split);
        assert.equal(r.revision, 2, split);
      }
    });

    void test('frames without a period kind only get a raw frame', async () => {
      const p = point();
      const f = acceptedFrame(p.id, p.mn, null, T0, []);
      assert.deepEqual(await sink.write([f], []), { framesStored: 1, readingsWritten: 0 });
      assert.equal((await frames().listByPoint(p.id, 0, Number.MAX_SAFE_INTEGER)).length, 1);
      for (const kind of ['rtd', 'min', 'hour', 'day'] as const) assert.deepEqual(await readings().list({ pointId: p.id, periodKind: kind }), []);
    });

    void test('readings are queried by kind and time range, and streamed page by page', async () => {
      const p = point();
      const batch = Array.from({ length: 30 }, (_, i) => acceptedFrame(p.id, p.mn, 'rtd', T0 + i * 30_000, [{ code: 'a21026', code2017: 'a21026', rtd: i, zsRtd: i * 2, flag: 'N' }]));
      batch.push(acceptedFrame(p.id, p.mn, 'day', T0, [factor('a21026', 1)]));
      await sink.write(batch, []);
      const range = await readings().list({ pointId: p.id, periodKind: 'rtd', from: T0 + 60_000, to: T0 + 150_000 });
      assert.deepEqual(range.map((r) => r.factors[0]!.rtd), [2, 3, 4]);
      const streamed: number[] = [];
      for await (const r of readings().stream({ pointId: p.id, periodKind: 'rtd' }, 7)) streamed.push(r.factors[0]!.rtd!);
      assert.deepEqual(streamed, Array.from({ length: 30 }, (_, i) => i));
      assert.equal((await readings().list({ pointId: p.id, periodKind: 'day' })).length, 1);
    });

    void test('a failed batch stores nothing and rejects', async () => {
      const p = point();
      const good = acceptedFrame(p.id, p.mn, 'min', T0, flueGasMinute(1));
      // A NOT NULL violation in the same batch (peer is required).
      const bad = { ...acceptedFrame(p.id, p.mn, 'min', T0 + 60_000, flueGasMinute(2)), peer: null as unknown as string };
      await assert.rejects(sink.write([good, bad], []));
      assert.equal((await frames().listByPoint(p.id, 0, Number.MAX_SAFE_INTEGER)).length, 0);
      assert.deepEqual(await readings().list({ pointId: p.id, periodKind: 'min' }), []);
    });
  });
}
