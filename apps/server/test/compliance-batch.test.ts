// Closing hours in a batch (closeHours, what the runner does) gives exactly what closing them one by one
// (closeHour then detectHour, pair by pair) gives, on SQLite and PostgreSQL: the same hourly values, the
// same warnings opened, extended or left alone (covering, dismissed), the same audit rows and hash chain,
// and the same again after late minutes make an hour close a second time.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeUscc } from '@ecoenforce/domain';
import type { FactorValues } from '@ecoenforce/hj212';
import { ComplianceRunner } from '../src/compliance/jobs/compliance-runner.ts';
import { createFrameSink } from '../src/monitoring/repositories/frame-sink.ts';
import { closeHours, type HourPair } from '../src/compliance/close-batch.ts';
import { closeHour, HOUR } from '../src/compliance/compliance.ts';
import { detectHour } from '../src/compliance/detect-hour.ts';
import { acceptedFrame, freshStore, DIALECTS, type TestStore } from './store-fixtures.ts';

const H0 = Date.UTC(2026, 10, 28, 2); // 10:00 Beijing
const NOW = H0 + 4 * HOUR;

type Scenario = 'exceed' | 'flat' | 'o2-then-zero' | 'pinned';
const SCENARIOS: Scenario[] = ['exceed', 'flat', 'o2-then-zero', 'pinned'];

/** The minute values of a point by scenario: SO2, O2, gas flow (a00000). Values wobble unless flat. */
function values(s: Scenario, h: number, m: number): FactorValues[] {
  const w = (m % 3) * 0.1;
  let so2 = 20 + w;
  let o2 = 8 + w;
  const flow = 50 + w;
  if (s === 'exceed') so2 = [50, 80, 20][h]! + w;
  if (s === 'flat') return [f('a21026', 20), f('a19001', 8), f('a00000', 50)];
  if (s === 'o2-then-zero' && h === 1) o2 = 20;
  if (s === 'o2-then-zero' && h === 2 && m >= 30) so2 = 0;
  if (s === 'pinned' && m >= 20 && m < 45) so2 = 100;
  return [f('a21026', so2), f('a19001', o2), f('a00000', flow)];
}
const f = (code: string, avg: number): FactorValues => ({ code, code2017: code, min: avg, avg, max: avg, flag: 'N' });

/** Four air points with an hourly SO2 limit, an SO2 analyser ranging to 100, a marking and two older warnings. */
async function seed(store: TestStore): Promise<Array<{ id: number; mn: string; s: Scenario }>> {
  const db = store.database.db;
  await db.insertInto('regions').values({ code: '440000', name: '广东省', level: 'province', parent_code: null }).execute();
  const uscc = makeUscc({ authority: '9', kind: '1', region: '440000', orgBody: 'MA5BATCH' });
  const e = await db.insertInto('enterprises').values({ uscc, name: '批量热电', region_code: '440000', industry: 'thermal_power', address: '—', lat: 23, lng: 113, created_at: 0 }).returning('id').executeTakeFirstOrThrow();
  const o = await db.insertInto('outlets').values({ enterprise_id: e.id, code: 'DA001', kind: 'air', name: '1号烟囱' }).returning('id').executeTakeFirstOrThrow();
  const permit = await db.insertInto('permits').values({ enterprise_id: e.id, number: `${uscc}001P`, issued_at: 0, valid_from: 0, valid_to: H0 + 1000 * HOUR, issuer: '厅', status: 'valid' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('permit_limits').values({ permit_id: permit.id, outlet_id: o.id, factor: 'a21026', limit_value: 35, unit: 'mg/m3', basis: 'hourly', reference_o2: 6, annual_quantity_t: null, standard: null, note: null }).execute();
  const points = [];
  for (const [i, s] of SCENARIOS.entries()) {
    const mn = `BATCH${String(i).padStart(19, '0')}`;
    const p = await db.insertInto('monitoring_points').values({ outlet_id: o.id, mn, pw: '123456', crc_variants: 'hj212', protocol_version: '2017', st: '31', factors: '["a21026"]', active: 1 }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('devices').values({ point_id: p.id, factor: 'a21026', kind: 'analyzer', manufacturer: null, model: null, serial: null, range_low: 0, range_high: 100, unit: 'mg/m3', installed_at: null }).execute();
    points.push({ id: Number(p.id), mn, s });
  }
  const [exceed, flat, o2] = points;
  const warning = { enterprise_id: e.id, region_code: '440000', severity: 'low' as const, message: 'older', evidence: JSON.stringify({ times: [], values: [], params: {} }), created_at: 0, updated_at: 0, decided_by: null, decision_reason: null, answer: null, answered_at: null };
  // A dismissed episode ending where hour 0 starts is not extended; a flat line already covering hour 0 is left alone.
  await db.insertInto('warnings').values({ ...warning, point_id: exceed!.id, kind: 'exceedance', factor: 'a21026', status: 'dismissed', period_from: H0 - HOUR, period_to: H0 }).execute();
  await db.insertInto('warnings').values({ ...warning, point_id: flat!.id, kind: 'flatline', factor: 'a19001', status: 'new', period_from: H0 - HOUR, period_to: H0 + HOUR }).execute();
  // The enterprise marked ten minutes of hour 0 invalid at the O2 point.
  await db.insertInto('markings').values({ point_id: o2!.id, enterprise_id: e.id, region_code: '440000', kind: 'maintenance', invalid: 1, span_from: H0 + 10 * 60_000, span_to: H0 + 20 * 60_000, reason: '维护', attachments: '[]', created_by: 0, created_at: H0, withdrawn_at: null, late: 0, production_seen: 0 }).execute();
  return points;
}

/** Minutes [from, to) of hours 0–2 of the points (the exceed point's hour 2 only up to `exceedTo`). */
async function stream(store: TestStore, points: Awaited<ReturnType<typeof seed>>, from: number, to: number, only?: number) {
  const frames = [];
  for (const p of points) {
    if (only !== undefined && p.id !== only) continue;
    for (let h = 0; h < 3; h++) {
      for (let m = from; m < to; m++) {
        if (only === undefined && p.s === 'exceed' && h === 2 && m >= 40) continue; // late minutes, sent below
        const t = H0 + h * HOUR + m * 60_000;
        frames.push(acceptedFrame(p.id, p.mn, 'min', t, values(p.s, h, m), { qn: `${p.id}-${h}-${m}`, receivedAt: t + 30_000 }));
      }
    }
  }
  await createFrameSink(store.database).write(frames, []);
}

async function snapshot(store: TestStore) {
  const db = store.database.db;
  return {
    values: await db.selectFrom('period_values').selectAll().orderBy('point_id').orderBy('factor').orderBy('period_kind').orderBy('period_start').execute(),
    warnings: await db.selectFrom('warnings').selectAll().orderBy('id').execute(),
    audit: await db.selectFrom('audit_log').select(['seq', 'at', 'action', 'entity', 'entity_id', 'changes', 'hash']).orderBy('seq').execute(),
  };
}

async function oneByOne(store: TestStore, pairs: readonly HourPair[], now: number) {
  const out = [];
  for (const p of pairs) {
    const close = await closeHour(store.database.db, p.pointId, p.hourStart, now);
    out.push({ warnings: close.warnings, detected: await detectHour(store.database.db, p.pointId, p.hourStart, now), values: close.values.length });
  }
  return out;
}

async function batched(store: TestStore, pairs: readonly HourPair[], now: number, size: number) {
  const out = [];
  for (let i = 0; i < pairs.length; i += size) {
    for (const r of await closeHours(store.database.db, pairs.slice(i, i + size), now)) out.push({ warnings: r.close.warnings, detected: r.detected, values: r.close.values.length });
  }
  return out;
}

for (const dialect of DIALECTS) {
  void describe(`closing hours in a batch on ${dialect}`, () => {
    for (const size of [100, 3]) {
      void test(`batches of ${size} give what closing one by one gives, also after late data`, async () => {
        const [single, batch] = [await freshStore(dialect), await freshStore(dialect)];
        try {
          const points = await seed(single);
          await seed(batch);
          await stream(single, points, 0, 60);
          await stream(batch, points, 0, 60);
          // The runner's order: by hour, then point; a point that does not exist closes to nothing.
          const pairs: HourPair[] = [0, 1, 2].flatMap((h) => [...points.map((p) => ({ pointId: p.id, hourStart: H0 + h * HOUR })), { pointId: 9999, hourStart: H0 + h * HOUR }]);
          const a = await oneByOne(single, pairs, NOW);
          const b = await batched(batch, pairs, NOW, size);
          assert.deepEqual(b, a);
          const after = await snapshot(batch);
          assert.deepEqual(after, await snapshot(single));
          // The scenarios did raise what they should, so the comparison is not between two empty stores.
          const kinds = new Set(after.warnings.filter((w) => w.message !== 'older').map((w) => w.kind));
          assert.deepEqual([...kinds].sort(), ['exceedance', 'flatline', 'o2Dilution', 'pinnedAtRange', 'zeroWhileFlowing']);
          assert.ok(after.audit.some((r) => r.action === 'extend'), 'some episode was extended across hours');
          const dismissed = after.warnings.find((w) => w.status === 'dismissed')!;
          assert.equal(dismissed.period_to, H0, 'a dismissed episode is not extended');

          // The exceed point's late minutes of hour 2 arrive; that hour (and an unchanged one) close again.
          const exceed = points.find((p) => p.s === 'exceed')!;
          await stream(single, points.map((p) => ({ ...p })), 40, 60, exceed.id);
          await stream(batch, points.map((p) => ({ ...p })), 40, 60, exceed.id);
          const again: HourPair[] = [{ pointId: exceed.id, hourStart: H0 + 2 * HOUR }, { pointId: points[1]!.id, hourStart: H0 + 2 * HOUR }];
          assert.deepEqual(await batched(batch, again, NOW + HOUR, size), await oneByOne(single, again, NOW + HOUR));
          assert.deepEqual(await snapshot(batch), await snapshot(single));
        } finally {
          await single.dispose();
          await batch.dispose();
        }
      });
    }

    if (dialect === 'sqlite') {
      void test('the runner, planning on worker threads, gives what closing one by one gives', async () => {
        const [single, batch] = [await freshStore(dialect), await freshStore(dialect)];
        try {
          const points = await seed(single);
          await seed(batch);
          await stream(single, points, 0, 60);
          await stream(batch, points, 0, 60);
          const pairs: HourPair[] = [0, 1, 2].flatMap((h) => [...points.map((p) => ({ pointId: p.id, hourStart: H0 + h * HOUR })), { pointId: 9999, hourStart: H0 + h * HOUR }]);
          await oneByOne(single, pairs, NOW);
          const runner = new ComplianceRunner(batch.database.db, () => NOW, { batchSize: 3, planInWorker: 'always', plannerThreads: 2 });
          for (const p of pairs) runner.reclose(p.pointId, p.hourStart, p.hourStart + HOUR);
          await runner.tick();
          await runner.stop();
          assert.equal(runner.failures, 0);
          assert.equal(runner.closed, pairs.length);
          assert.deepEqual(await snapshot(batch), await snapshot(single));
        } finally {
          await single.dispose();
          await batch.dispose();
        }
      });
    }

    void test('an hour planned ahead during its grace is planned again when minutes arrive before its close', async () => {
      const store = await freshStore(dialect);
      try {
        const points = await seed(store);
        const exceed = points.find((p) => p.s === 'exceed')!;
        await stream(store, [exceed], 0, 60); // hour 2 only up to minute 40
        const clock = { now: H0 + 3 * HOUR + 60_000 };
        const runner = new ComplianceRunner(store.database.db, () => clock.now, { graceMs: 2 * 60_000 });
        runner.reclose(exceed.id, H0 + 2 * HOUR, H0 + 3 * HOUR);
        await runner.tick(); // half the grace: planned ahead, nothing written yet
        assert.equal(runner.closed, 0);
        assert.equal((await store.database.db.selectFrom('period_values').selectAll().execute()).length, 0);
        const late = [];
        for (let m = 40; m < 60; m++) {
          const t = H0 + 2 * HOUR + m * 60_000;
          late.push(acceptedFrame(exceed.id, exceed.mn, 'min', t, values('exceed', 2, m), { qn: `late-${m}`, receivedAt: t + 30_000 }));
        }
        await createFrameSink(store.database).write(late, []);
        runner.framesStored(late);
        clock.now = H0 + 3 * HOUR + 2 * 60_000;
        await runner.tick();
        assert.equal(runner.closed, 1);
        const so2 = await store.database.db.selectFrom('period_values').select('valid').where('factor', '=', 'a21026').executeTakeFirstOrThrow();
        assert.equal(so2.valid, 60, 'the close used the late minutes, not the plan made without them');
      } finally {
        await store.dispose();
      }
    });

    void test('a pair given twice is closed once; the runner reports every warning of a batch', async () => {
      const store = await freshStore(dialect);
      try {
        const points = await seed(store);
        await stream(store, points, 0, 60);
        const pair = { pointId: points[0]!.id, hourStart: H0 };
        assert.equal((await closeHours(store.database.db, [pair, pair], NOW)).length, 1);
        const seen = new Map<number, number>();
        const runner = new ComplianceRunner(store.database.db, () => NOW, { batchSize: 2, onWarnings: (pointId, ws) => seen.set(pointId, (seen.get(pointId) ?? 0) + ws.length) });
        runner.reclose(points[0]!.id, H0, H0 + 3 * HOUR);
        for (const p of points.slice(1)) runner.reclose(p.id, H0, H0 + 3 * HOUR);
        await runner.tick();
        assert.equal(runner.pending, 0);
        assert.equal(runner.closed, 12);
        assert.deepEqual([...seen.keys()].sort((x, y) => x - y), points.map((p) => p.id), 'every point had a finding to report');
      } finally {
        await store.dispose();
      }
    });
  });
}
