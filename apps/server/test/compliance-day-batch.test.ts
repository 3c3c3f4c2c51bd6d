// Closing days in a batch (closeDays, what the runner does) gives exactly what closing them one by one
// (closeDay, pair by pair) gives, on SQLite and PostgreSQL: the same daily values, emitted masses and monthly
// rows, the same warnings opened or extended (daily exceedances running across days, the day-level detectors,
// late backfilled minutes, treatment off on another point, the annual quantity of two points of one outlet),
// the same audit rows and hash chain — and the same again after corrected minutes arrive late and the days
// close a second time.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeUscc } from '@ecoenforce/domain';
import type { FactorValues } from '@ecoenforce/hj212';
import { ComplianceRunner } from '../src/compliance/jobs/compliance-runner.ts';
import { createFrameSink } from '../src/monitoring/repositories/frame-sink.ts';
import { closeHours } from '../src/compliance/close-batch.ts';
import { closeDays, type DayPair } from '../src/compliance/close-day-batch.ts';
import { closeHour, HOUR } from '../src/compliance/compliance.ts';
import { beijingDayStart, closeDay, DAY } from '../src/compliance/compliance-day.ts';
import { acceptedFrame, factor, freshStore, DIALECTS, type TestStore } from './store-fixtures.ts';

const D0 = beijingDayStart(Date.UTC(2026, 10, 20, 2));
const MIN = 60_000;
const NOW = D0 + 2 * DAY + 10 * MIN;

type Role = 'flags' | 'late' | 'meters' | 'exceed' | 'flat';
interface Point { id: number; mn: string; role: Role }

const noisy = (m: number, base: number): number => base + ((m * 7) % 11) / 10;

/** The minute values of a point by role, on day `d` (0 or 1); null: no minute. */
function minute(role: Role, d: number, m: number): FactorValues[] | null {
  switch (role) {
    case 'flags': // 300 minutes missing on day 0; SO2 flagged C 100–299.
      if (d === 0 && m >= 600 && m < 900) return null;
      return [factor('a21026', noisy(m, 20), { flag: m >= 100 && m < 300 ? 'C' : 'N' }), factor('a19001', 6), factor('a00000', noisy(m, 50))];
    case 'late': // SO2 off treatment 10:00–11:30 (treatment-off on the meter logger).
      return [factor('a21026', m >= 600 && m < 690 ? noisy(m, 120) : noisy(m, 22)), factor('a19001', 6), factor('a00000', noisy(m, 45))];
    case 'meters': {
      const off = m >= 600 && m < 690;
      return [factor('e10001', noisy(m, 1200)), factor('e20001', off ? 1 + (m % 2) / 10 : noisy(m, 180))];
    }
    case 'exceed': // COD over the daily limit of 50 on both days.
      return [factor('w01018', noisy(m, 60)), factor('w00000', noisy(m, 20))];
    case 'flat': // COD repeated 08:00–16:00 on day 0.
      return [factor('w01018', d === 0 && m >= 480 && m < 960 ? 31.2 : 30 + (Math.floor(m / 60) % 5)), factor('w00000', noisy(m, 20))];
  }
}

/** An air and a water enterprise: hourly SO2 and daily COD limits, annual quantities, two points per outlet, a meter logger. */
async function seed(store: TestStore): Promise<Point[]> {
  const db = store.database.db;
  await db.insertInto('regions').values({ code: '440000', name: '广东省', level: 'province', parent_code: null }).execute();
  const points: Point[] = [];
  const enterprise = async (orgBody: string, kind: 'air' | 'water') => {
    const uscc = makeUscc({ authority: '9', kind: '1', region: '440000', orgBody });
    const e = await db.insertInto('enterprises').values({ uscc, name: orgBody, region_code: '440000', industry: kind === 'air' ? 'thermal_power' : 'wastewater', address: '—', lat: 23, lng: 113, created_at: 0 }).returning('id').executeTakeFirstOrThrow();
    const o = await db.insertInto('outlets').values({ enterprise_id: e.id, code: kind === 'air' ? 'DA001' : 'DW001', kind, name: '排口' }).returning('id').executeTakeFirstOrThrow();
    const permit = await db.insertInto('permits').values({ enterprise_id: e.id, number: `${uscc}001P`, issued_at: 0, valid_from: 0, valid_to: D0 + 400 * DAY, issuer: '厅', status: 'valid' }).returning('id').executeTakeFirstOrThrow();
    const limit = kind === 'air'
      ? { factor: 'a21026', limit_value: 35, unit: 'mg/m3', basis: 'hourly' as const, reference_o2: 6, annual_quantity_t: 1 }
      : { factor: 'w01018', limit_value: 50, unit: 'mg/L', basis: 'daily' as const, reference_o2: null, annual_quantity_t: 2 };
    await db.insertInto('permit_limits').values({ permit_id: permit.id, outlet_id: o.id, ...limit, standard: null, note: null }).execute();
    return { enterpriseId: Number(e.id), outletId: Number(o.id) };
  };
  const point = async (outletId: number, role: Role, st: string) => {
    const mn = `DAYB${String(points.length).padStart(20, '0')}`;
    const p = await db.insertInto('monitoring_points').values({ outlet_id: outletId, mn, pw: '123456', crc_variants: 'hj212', protocol_version: '2017', st, factors: '[]', active: 1 }).returning('id').executeTakeFirstOrThrow();
    points.push({ id: Number(p.id), mn, role });
    return Number(p.id);
  };
  const air = await enterprise('MA5DAYB1', 'air');
  await point(air.outletId, 'flags', '31');
  const late = await point(air.outletId, 'late', '31');
  const meters = await point(air.outletId, 'meters', '51');
  await db.insertInto('meters').values([
    { enterprise_id: air.enterpriseId, point_id: meters, factor: 'e10001', role: 'production', outlet_id: null, name: '生产线', unit: 'kW', running_kw: null },
    { enterprise_id: air.enterpriseId, point_id: meters, factor: 'e20001', role: 'treatment', outlet_id: air.outletId, name: '脱硫', unit: 'kW', running_kw: null },
  ]).execute();
  // The late logger's unit was shut down 00:00–02:00 (owes nothing then).
  await db.insertInto('markings').values({ point_id: late, enterprise_id: air.enterpriseId, region_code: '440000', kind: 'shutdown', invalid: 1, span_from: D0, span_to: D0 + 2 * HOUR, reason: '停炉', attachments: '[]', created_by: 0, created_at: D0, withdrawn_at: null, late: 0, production_seen: 0 }).execute();
  const water = await enterprise('MA5DAYB2', 'water');
  await point(water.outletId, 'exceed', '32');
  await point(water.outletId, 'flat', '32');
  return points;
}

/** Minute frames of days `days`; the late logger's 10:00–15:00 of day 0 arrive at 15:00 (backfilled). */
async function stream(store: TestStore, points: readonly Point[], days: readonly number[]): Promise<void> {
  const frames = [];
  for (const p of points) {
    for (const d of days) {
      for (let m = 0; m < 1440; m++) {
        const values = minute(p.role, d, m);
        if (values === null) continue;
        const t = D0 + d * DAY + m * MIN;
        const held = p.role === 'late' && d === 0 && m >= 600 && m < 900;
        frames.push(acceptedFrame(p.id, p.mn, 'min', t, values, { qn: `${p.id}-${d}-${m}`, receivedAt: held ? D0 + 900 * MIN + 30_000 : t + 65_000 }));
      }
    }
  }
  const flags = points.find((p) => p.role === 'flags')!;
  // The flags logger's own hour 05:00 (SO2 40 against minutes of about 20.5) and day values.
  frames.push(acceptedFrame(flags.id, flags.mn, 'hour', D0 + 5 * HOUR, [factor('a21026', 40)], { qn: 'h5' }), acceptedFrame(flags.id, flags.mn, 'day', D0, [factor('a21026', 30)], { qn: 'd0' }));
  const sink = createFrameSink(store.database);
  for (let i = 0; i < frames.length; i += 2000) await sink.write(frames.slice(i, i + 2000), []);
}

async function prepare(store: TestStore): Promise<Point[]> {
  const points = await seed(store);
  await stream(store, points, [0, 1]);
  // The treated outlet's hours around the treatment-off run, so its evidence carries their means.
  const flags = points.find((p) => p.role === 'flags')!;
  for (let h = 9; h < 12; h++) await closeHour(store.database.db, flags.id, D0 + h * HOUR, NOW);
  return points;
}

async function snapshot(store: TestStore) {
  const db = store.database.db;
  return {
    values: await db.selectFrom('period_values').selectAll().orderBy('point_id').orderBy('factor').orderBy('period_kind').orderBy('period_start').execute(),
    mass: await db.selectFrom('emission_mass').selectAll().orderBy('point_id').orderBy('factor').orderBy('day_start').execute(),
    months: await db.selectFrom('compliance_months').selectAll().orderBy('point_id').orderBy('factor').orderBy('month_start').execute(),
    warnings: await db.selectFrom('warnings').selectAll().orderBy('id').execute(),
    audit: await db.selectFrom('audit_log').select(['seq', 'at', 'action', 'entity', 'entity_id', 'changes', 'hash']).orderBy('seq').execute(),
  };
}

async function oneByOne(store: TestStore, pairs: readonly DayPair[], now: number) {
  const out = [];
  for (const p of pairs) out.push({ ...p, ...(await closeDay(store.database.db, p.pointId, p.dayStart, now)) });
  return out;
}

async function batched(store: TestStore, pairs: readonly DayPair[], now: number, size: number) {
  const out = [];
  for (let i = 0; i < pairs.length; i += size) out.push(...(await closeDays(store.database.db, pairs.slice(i, i + size), now)));
  return out;
}

/** The runner's order: by day, then point; a point that does not exist closes to nothing. */
const pairsOf = (points: readonly Point[]): DayPair[] => [0, 1].flatMap((d) => [...points.map((p) => ({ pointId: p.id, dayStart: D0 + d * DAY })), { pointId: 9999, dayStart: D0 + d * DAY }]);

for (const dialect of DIALECTS) {
  void describe(`closing days in a batch on ${dialect}`, () => {
    for (const size of [100, 2]) {
      void test(`batches of ${size} give what closing one by one gives, also after corrected minutes arrive late`, async () => {
        const [single, batch] = [await freshStore(dialect), await freshStore(dialect)];
        try {
          const points = await prepare(single);
          await prepare(batch);
          const pairs = pairsOf(points);
          const a = await oneByOne(single, pairs, NOW);
          assert.deepEqual(await batched(batch, pairs, NOW, size), a);
          const after = await snapshot(batch);
          assert.deepEqual(after, await snapshot(single));
          // The scenarios raised what they should, so the comparison is not between two empty stores.
          const kinds = [...new Set(after.warnings.map((w) => w.kind))].sort();
          assert.deepEqual(kinds, ['annual_quantity', 'exceedance', 'flagShare', 'flatline', 'lateData', 'periodMismatch', 'transmission', 'treatmentOff']);
          assert.ok(after.audit.some((r) => r.action === 'extend'), 'the daily exceedance ran on into day 1');
          const exceed = points.find((p) => p.role === 'exceed')!;
          const month = after.months.find((m) => m.point_id === exceed.id && m.factor === 'w01018')!;
          assert.deepEqual([month.days, month.valid_days, month.exceeded_days, month.mass_days], [2, 2, 2, 2]);
          assert.ok(month.mass_kg! > 0 && month.mean! > 50);
          const late = points.find((p) => p.role === 'late')!;
          const lateEv = JSON.parse(after.warnings.find((w) => w.kind === 'lateData')!.evidence) as { rule: { expected: number; spans: Array<{ from: number; firstArrival: number }> } };
          assert.equal(after.warnings.find((w) => w.kind === 'lateData')!.point_id, late.id);
          assert.equal(lateEv.rule.expected, 1440 - 120, 'the shutdown marking owes nothing');
          assert.deepEqual(lateEv.rule.spans.map((s) => [s.from, s.firstArrival]), [[D0 + 600 * MIN, D0 + 900 * MIN + 30_000]]);

          // Corrected minutes of the exceed point's day 0 arrive late; days close again, one of them unchanged.
          const fix = Array.from({ length: 60 }, (_, m) => acceptedFrame(exceed.id, exceed.mn, 'min', D0 + m * MIN, [factor('w01018', 200), factor('w00000', 20)], { qn: `fix-${m}`, receivedAt: NOW + m }));
          await createFrameSink(single.database).write(fix, []);
          await createFrameSink(batch.database).write(fix, []);
          const again: DayPair[] = [{ pointId: exceed.id, dayStart: D0 }, { pointId: points[4]!.id, dayStart: D0 }];
          assert.deepEqual(await batched(batch, again, NOW + HOUR, size), await oneByOne(single, again, NOW + HOUR));
          const fixed = await snapshot(batch);
          assert.deepEqual(fixed, await snapshot(single));
          const month2 = fixed.months.find((m) => m.point_id === exceed.id && m.factor === 'w01018')!;
          assert.ok(month2.mean! > month.mean!, 'the month follows the corrected day');
        } finally {
          await single.dispose();
          await batch.dispose();
        }
      });
    }

    void test('the runner closes due days in batches and gives what closing hours, then days one by one, gives', async () => {
      const [single, batch] = [await freshStore(dialect), await freshStore(dialect)];
      try {
        const points = await prepare(single);
        await prepare(batch);
        const pairs = pairsOf(points);
        const hours = pairs.flatMap((p) => Array.from({ length: 24 }, (_, h) => ({ pointId: p.pointId, hourStart: p.dayStart + h * HOUR }))).sort((x, y) => x.hourStart - y.hourStart || x.pointId - y.pointId);
        await closeHours(single.database.db, hours, NOW);
        await oneByOne(single, [...pairs].sort((x, y) => x.dayStart - y.dayStart || x.pointId - y.pointId), NOW);
        const runner = new ComplianceRunner(batch.database.db, () => NOW, { dayBatchSize: 3, planInWorker: 'never', planAhead: false });
        for (const p of pairs) runner.reclose(p.pointId, p.dayStart, p.dayStart + DAY);
        await runner.tick();
        await runner.stop();
        assert.equal(runner.failures, 0);
        assert.deepEqual(await snapshot(batch), await snapshot(single));
      } finally {
        await single.dispose();
        await batch.dispose();
      }
    });
  });
}
