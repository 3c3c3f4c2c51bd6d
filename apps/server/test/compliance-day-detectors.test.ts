// Closing a day runs the day-level detectors (issue 4 §5) on SQLite and PostgreSQL: transmission rate, C/M/D
// flag share, the logger's own 2061/2031 values against its minutes, wastewater analysers stuck for hours,
// and treatment equipment off while production runs, from meter loggers registered in `meters`. Each becomes
// one warning with its evidence; closing the day again duplicates nothing; clean days and a plant that is
// simply shut down raise nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeUscc } from '@ecoenforce/domain';
import type { FactorValues } from '@ecoenforce/hj212';
import { createFrameSink } from '../src/monitoring/repositories/frame-sink.ts';
import { closeHour, HOUR } from '../src/compliance/compliance.ts';
import { beijingDayStart, closeDay, DAY } from '../src/compliance/compliance-day.ts';
import { dayFindings, dayMismatch, expectedMinutes } from '../src/compliance/detect-day.ts';
import { airPointWithLimit } from './compliance-fixtures.ts';
import { acceptedFrame, factor, freshStore, DIALECTS, type TestStore } from './store-fixtures.ts';

const D0 = beijingDayStart(Date.UTC(2026, 10, 28, 2));
const AFTER = D0 + DAY + 10 * 60_000;
const MIN = 60_000;

type Minute = (m: number) => FactorValues[] | null;

/** Writes one minute frame per minute of the day whose `values` are not null. */
async function day(store: TestStore, pointId: number, mn: string, values: Minute): Promise<void> {
  const frames = [];
  for (let m = 0; m < 1440; m++) {
    const f = values(m);
    if (f !== null) frames.push(acceptedFrame(pointId, mn, 'min', D0 + m * MIN, f, { qn: `${mn}-${m}`, receivedAt: D0 + m * MIN + 1000 }));
  }
  await createFrameSink(store.database).write(frames, []);
}

/** A second enterprise with one point on a new outlet of `kind`. */
async function otherPoint(store: TestStore, kind: 'air' | 'water', orgBody: string, mn: string): Promise<{ pointId: number; outletId: number; enterpriseId: number }> {
  const db = store.database.db;
  await db.insertInto('regions').values({ code: '440000', name: '广东省', level: 'province', parent_code: null }).onConflict((oc) => oc.column('code').doNothing()).execute();
  const e = await db.insertInto('enterprises').values({ uscc: makeUscc({ authority: '9', kind: '1', region: '440000', orgBody }), name: orgBody, region_code: '440000', industry: 'wastewater', address: '—', lat: 23, lng: 113, created_at: 0 }).returning('id').executeTakeFirstOrThrow();
  const o = await db.insertInto('outlets').values({ enterprise_id: e.id, code: kind === 'air' ? 'DA001' : 'DW001', kind, name: '排口' }).returning('id').executeTakeFirstOrThrow();
  const p = await db.insertInto('monitoring_points').values({ outlet_id: o.id, mn, pw: '123456', crc_variants: 'hj212', protocol_version: '2017', st: kind === 'air' ? '31' : '32', factors: '[]', active: 1 }).returning('id').executeTakeFirstOrThrow();
  return { pointId: Number(p.id), outletId: Number(o.id), enterpriseId: Number(e.id) };
}

/** A meter logger on the outlet with a production meter e10001 and a treatment meter e20001 for that outlet. */
async function meterLogger(store: TestStore, outletId: number, mn: string): Promise<number> {
  const db = store.database.db;
  const o = await db.selectFrom('outlets').select('enterprise_id').where('id', '=', outletId).executeTakeFirstOrThrow();
  const p = await db.insertInto('monitoring_points').values({ outlet_id: outletId, mn, pw: '123456', crc_variants: 'hj212', protocol_version: '2017', st: '51', factors: '["e10001","e20001"]', active: 1 }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('meters').values([
    { enterprise_id: o.enterprise_id, point_id: p.id, factor: 'e10001', role: 'production', outlet_id: null, name: '生产线', unit: 'kW', running_kw: null },
    { enterprise_id: o.enterprise_id, point_id: p.id, factor: 'e20001', role: 'treatment', outlet_id: outletId, name: '脱硫', unit: 'kW', running_kw: null },
  ]).execute();
  return Number(p.id);
}

const noisy = (m: number, base: number): number => base + ((m * 7) % 11) / 10;

for (const dialect of DIALECTS) {
  void describe(`day-level detectors on ${dialect}`, () => {
    void test('transmission, flag share and the logger hour and day values become warnings once', async () => {
      const store = await freshStore(dialect);
      try {
        const { pointId, mn } = await airPointWithLimit(store, { orgBody: 'MA5DAYDE', mn: 'DAYDET0000000000000000001', name: '测试热电' });
        const db = store.database.db;
        // 300 minutes missing (600–899); SO2 flagged C for 200 minutes (100–299): 200 / 1140 > 10 %.
        await day(store, pointId, mn, (m) => (m >= 600 && m < 900 ? null : [factor('a21026', noisy(m, 20), { flag: m >= 100 && m < 300 ? 'C' : 'N' }), factor('a19001', 6)]));
        // The logger's hour 05:00 says SO2 40 (its minutes say about 20.5); its day says 30.
        await createFrameSink(store.database).write([
          acceptedFrame(pointId, mn, 'hour', D0 + 5 * HOUR, [factor('a21026', 40)], { qn: 'h5' }),
          acceptedFrame(pointId, mn, 'hour', D0 + 6 * HOUR, [factor('a21026', 20.5)], { qn: 'h6' }),
          acceptedFrame(pointId, mn, 'day', D0, [factor('a21026', 30)], { qn: 'd0' }),
        ], []);
        const r = await closeDay(db, pointId, D0, AFTER);
        const warnings = await db.selectFrom('warnings').selectAll().orderBy('id').execute();
        const kinds = warnings.map((w) => [w.kind, w.factor, w.period_from, w.period_to]);
        assert.deepEqual(kinds.filter(([k]) => k === 'transmission'), [['transmission', null, D0, D0 + DAY]]);
        assert.deepEqual(kinds.filter(([k]) => k === 'flagShare'), [['flagShare', 'a21026', D0, D0 + DAY]]);
        assert.deepEqual(kinds.filter(([k]) => k === 'periodMismatch'), [['periodMismatch', 'a21026', D0 + 5 * HOUR, D0 + 6 * HOUR], ['periodMismatch', 'a21026', D0, D0 + DAY]]);
        assert.equal(r.warnings.length, warnings.length);
        const tr = JSON.parse(warnings.find((w) => w.kind === 'transmission')!.evidence) as { rule: { received: number; expected: number; gaps: Array<[number, number]> } };
        assert.deepEqual([tr.rule.received, tr.rule.expected], [1140, 1440]);
        assert.deepEqual(tr.rule.gaps, [[D0 + 600 * MIN, D0 + 900 * MIN]]);
        const hour = JSON.parse(warnings.find((w) => w.kind === 'periodMismatch')!.evidence) as { rule: { hourlyValue: number; hourlyFrameId: number; recomputed: number } };
        assert.equal(hour.rule.hourlyValue, 40);
        const frame = await db.selectFrom('raw_frames').select('cn').where('id', '=', hour.rule.hourlyFrameId).executeTakeFirstOrThrow();
        assert.equal(frame.cn, '2061', "the logger's own hourly frame is cited");
        const dayEv = JSON.parse(warnings.find((w) => w.kind === 'periodMismatch' && w.period_to - w.period_from === DAY)!.evidence) as { rule: { dailyValue: number; recomputed: number } };
        assert.equal(dayEv.rule.dailyValue, 30);
        assert.ok(Math.abs(dayEv.rule.recomputed - 20.5) < 0.1, `recomputed ${dayEv.rule.recomputed}`);
        // Closing the day again (late data) raises nothing new.
        await closeDay(db, pointId, D0, AFTER + HOUR);
        assert.equal((await db.selectFrom('warnings').selectAll().execute()).length, warnings.length);
      } finally {
        await store.dispose();
      }
    });

    void test('a full clean day raises nothing; a logger commissioned mid-day owes only the minutes after its first', async () => {
      const store = await freshStore(dialect);
      try {
        const { pointId, mn } = await airPointWithLimit(store, { orgBody: 'MA5CLEAN', mn: 'CLEAN00000000000000000001', name: '清洁热电' });
        const db = store.database.db;
        // Starts at 20:00 Beijing and sends every minute after.
        await day(store, pointId, mn, (m) => (m < 20 * 60 ? null : [factor('a21026', noisy(m, 20)), factor('a19001', 6)]));
        await closeDay(db, pointId, D0, AFTER);
        assert.deepEqual(await db.selectFrom('warnings').select('kind').execute(), []);
      } finally {
        await store.dispose();
      }
    });

    void test('a wastewater analyser repeating one result for hours is a flat line; hourly analysis cycles are not', async () => {
      const store = await freshStore(dialect);
      try {
        const stuck = await otherPoint(store, 'water', 'MA5WATR1', 'WATER0000000000000000001');
        const cycling = await otherPoint(store, 'water', 'MA5WATR2', 'WATER0000000000000000002');
        const db = store.database.db;
        // COD held for each hour (a new analysis every hour), except 08:00–16:00 when it repeats 31.2.
        const cod = (m: number): number => (m >= 8 * 60 && m < 16 * 60 ? 31.2 : 30 + (Math.floor(m / 60) % 5));
        await day(store, stuck.pointId, 'WATER0000000000000000001', (m) => [factor('w01018', cod(m)), factor('w00000', noisy(m, 20))]);
        await day(store, cycling.pointId, 'WATER0000000000000000002', (m) => [factor('w01018', 30 + (Math.floor(m / 60) % 5)), factor('w00000', noisy(m, 20))]);
        await closeDay(db, stuck.pointId, D0, AFTER);
        await closeDay(db, cycling.pointId, D0, AFTER);
        const flat = await db.selectFrom('warnings').selectAll().where('kind', '=', 'flatline').execute();
        assert.deepEqual(flat.map((w) => [w.point_id, w.factor, w.period_from, w.period_to]), [[stuck.pointId, 'w01018', D0 + 8 * HOUR, D0 + 16 * HOUR]]);
        const ev = JSON.parse(flat[0]!.evidence) as { times: number[]; values: number[] };
        assert.equal(ev.times.length, 480);
        assert.deepEqual(new Set(ev.values), new Set([31.2]));
      } finally {
        await store.dispose();
      }
    });

    void test('treatment off while production runs is a warning on the treated outlet with the meter evidence', async () => {
      const store = await freshStore(dialect);
      try {
        const { pointId, mn } = await airPointWithLimit(store, { orgBody: 'MA5TRET1', mn: 'TREAT0000000000000000001', name: '停运热电' });
        const db = store.database.db;
        const outlet = await db.selectFrom('monitoring_points').select('outlet_id').where('id', '=', pointId).executeTakeFirstOrThrow();
        const meters = await meterLogger(store, Number(outlet.outlet_id), 'METER0000000000000000001');
        // Clean enterprise: a meter logger whose treatment never stops; at night the whole plant is off.
        const clean = await otherPoint(store, 'air', 'MA5TRET2', 'TREAT0000000000000000002');
        const cleanMeters = await meterLogger(store, clean.outletId, 'METER0000000000000000002');
        const off = (m: number): boolean => m >= 10 * 60 && m < 11 * 60 + 30; // 10:00–11:30 Beijing
        const night = (m: number): boolean => m < 5 * 60; // plant shut down: production and treatment both off
        const production = (m: number): number => (night(m) ? 3 + (m % 3) : noisy(m, 1200));
        await day(store, meters, 'METER0000000000000000001', (m) => [factor('e10001', production(m)), factor('e20001', night(m) || off(m) ? 1 + (m % 2) / 10 : noisy(m, 180))]);
        await day(store, cleanMeters, 'METER0000000000000000002', (m) => [factor('e10001', production(m)), factor('e20001', night(m) ? 1 : noisy(m, 150))]);
        await day(store, pointId, mn, (m) => [factor('a21026', off(m) ? noisy(m, 120) : noisy(m, 20)), factor('a19001', 6)]);
        for (let h = 9; h < 12; h++) await closeHour(db, pointId, D0 + h * HOUR, AFTER);
        await closeDay(db, meters, D0, AFTER);
        await closeDay(db, cleanMeters, D0, AFTER);
        const found = await db.selectFrom('warnings').selectAll().where('kind', '=', 'treatmentOff').execute();
        assert.deepEqual(found.map((w) => [w.point_id, w.factor, w.severity, w.period_from, w.period_to]), [[pointId, 'e20001', 'high', D0 + 10 * HOUR, D0 + 11 * HOUR + 30 * MIN]]);
        const ev = JSON.parse(found[0]!.evidence) as { times: number[]; values: number[]; frameIds: number[]; rule: { treatmentMeter: string; productionKw: number[]; offBelowKw: number; meterNames: Record<string, string>; outletHours: Array<{ factor: string; hourStart: number; mean: number }> } };
        assert.equal(ev.times.length, 90);
        assert.ok(ev.values.every((v) => v < ev.rule.offBelowKw));
        assert.ok(ev.rule.productionKw.every((kw) => kw > 1000), 'production ran in every minute of the run');
        assert.equal(ev.rule.meterNames.e20001, '脱硫');
        const frames = await db.selectFrom('raw_frames').select(['point_id', 'cn']).where('id', 'in', ev.frameIds).execute();
        assert.equal(frames.length, 90);
        assert.ok(frames.every((f) => f.point_id === meters && f.cn === '2051'), 'the meter logger minute frames are cited');
        const so2 = ev.rule.outletHours.filter((h) => h.factor === 'a21026');
        assert.deepEqual(so2.map((h) => h.hourStart), [D0 + 9 * HOUR, D0 + 10 * HOUR, D0 + 11 * HOUR]);
        assert.ok(so2[1]!.mean > 4 * so2[0]!.mean, 'the outlet concentrations rose while treatment was off');
        // Closed again: still one.
        await closeDay(db, meters, D0, AFTER + HOUR);
        assert.equal((await db.selectFrom('warnings').selectAll().where('kind', '=', 'treatmentOff').execute()).length, 1);
      } finally {
        await store.dispose();
      }
    });
  });
}

void test('expected minutes leave out the time before the first minute and silent markings', () => {
  const m = (kind: string, from: number, to: number) => ({ kind, from: D0 + from * MIN, to: D0 + to * MIN, invalid: true });
  const silent = ['shutdown', 'production_stopped'];
  assert.equal(expectedMinutes({ dayStart: D0, firstMinute: D0 - DAY, markings: [] }, silent), 1440);
  assert.equal(expectedMinutes({ dayStart: D0, firstMinute: D0 + 600 * MIN, markings: [] }, silent), 840);
  // Overlapping shutdown spans count once; a maintenance marking still owes data.
  assert.equal(expectedMinutes({ dayStart: D0, firstMinute: null, markings: [m('shutdown', 100, 300), m('production_stopped', 200, 400), m('maintenance', 500, 600)] }, silent), 1140);
  assert.equal(expectedMinutes({ dayStart: D0, firstMinute: D0 + 600 * MIN, markings: [m('shutdown', 500, 700)] }, silent), 740);
});

void test("the logger's day value is compared with the day's valid minutes only when enough of them exist", () => {
  const samples = Array.from({ length: 1000 }, (_, i) => ({ t: D0 + i * MIN, factors: { w01018: { value: 10 + (i % 3), flag: i < 100 ? 'D' : 'N' } } }));
  const params = { factors: null, relTolerance: 0.05, absTolerance: 0, minValidMinutes: 900 };
  const loggerDay = (v: number) => ({ t: D0, factors: { w01018: { value: v, flag: 'N' } }, frameId: 7 });
  assert.deepEqual(dayMismatch(samples, loggerDay(11), D0, params), []);
  const found = dayMismatch(samples, loggerDay(14), D0, params);
  assert.equal(found.length, 1);
  assert.equal(found[0]?.evidence.times.length, 900, 'the flagged minutes are left out');
  assert.equal(found[0]?.evidence.rule?.dailyFrameId, 7);
  assert.deepEqual(dayMismatch(samples, loggerDay(14), D0, { ...params, minValidMinutes: 901 }), []);
});

void test("the logger's hourly values are compared on the judged factors only: a rounded flue pressure near zero is no finding, a lowered SO2 is", () => {
  // 45 minutes of an hour: SO2 20 mg/m3, flue pressure about 0.02 kPa (the logger rounds its hourly mean).
  const samples = Array.from({ length: 60 }, (_, i) => ({ t: D0 + i * MIN, factors: { a21026: { value: 20, flag: 'N' }, a01013: { value: 0.02 + (i % 2) * 0.004, flag: 'N' } } }));
  const hour = (so2: number) => [{ t: D0, factors: { a21026: { value: so2, flag: 'N' }, a01013: { value: 0.03, flag: 'N' } }, frameId: 3 }];
  const input = (so2: number) => ({ kind: 'air' as const, dayStart: D0, samples, loggerHours: hour(so2), loggerDay: undefined, firstMinute: D0, markings: [] });
  const mismatches = (so2: number) => dayFindings(input(so2)).filter((f) => f.kind === 'periodMismatch');
  assert.deepEqual(mismatches(20), [], 'pressure off by 36 % of a tiny value is not judged');
  const lowered = mismatches(12);
  assert.equal(lowered.length, 1);
  assert.equal(lowered[0]?.factor, 'a21026');
});
