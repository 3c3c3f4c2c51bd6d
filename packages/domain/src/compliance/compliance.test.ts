import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_VALIDITY, aggregateDay, aggregateHour, convertO2, massKg } from './aggregate.ts';
import { episodes, isSerious, judge, type LimitRow } from './exceedance.ts';
import { STANDARD_ROWS, overrideStandards } from './standards.ts';
import type { PointSample } from './types.ts';

const H0 = Date.UTC(2026, 10, 28, 2); // 10:00 Beijing
/** 60 minutes of flue gas: SO2 `so2(i)` at O2 `o2`, flow 50 m³/s, flags from `flag(i)`. */
function hour(start: number, so2: (i: number) => number | null, o2 = 9, flag: (i: number) => string = () => 'N', n = 60): PointSample[] {
  return Array.from({ length: n }, (_, i) => ({
    t: start + i * 60_000,
    frameId: 1000 + i,
    factors: { a21026: { value: so2(i), flag: flag(i), zs: null }, a19001: { value: o2, flag: 'N' }, a00000: { value: 50, flag: 'N' } },
  }));
}

void test('O2 conversion is C′·(21 − ref)/(21 − meas), and impossible at 21 % O2', () => {
  assert.equal(convertO2(100, 9, 6), 125);
  assert.equal(convertO2(100, 6, 6), 100);
  assert.equal(convertO2(100, 21, 6), null);
});

void test('an hour of valid minutes is normal; its mean, extremes and converted mean are right', () => {
  const a = aggregateHour(hour(H0, (i) => 40 + (i % 3)), 'a21026', H0, { rule: DEFAULT_VALIDITY.air, referenceO2: 6 });
  assert.equal(a.status, 'normal');
  assert.equal(a.valid, 60);
  assert.equal(a.mean, 41);
  assert.deepEqual([a.min, a.max], [40, 42]);
  assert.ok(Math.abs(a.converted! - 41 * 1.25) < 1e-9);
  assert.equal(a.times.length, 60);
  assert.equal(a.frameIds[0], 1000);
});

void test('validity: 44 valid minutes are insufficient, flagged minutes never count, markings exclude', () => {
  const short = aggregateHour(hour(H0, () => 40, 9, () => 'N', 44), 'a21026', H0, { rule: DEFAULT_VALIDITY.air });
  assert.equal(short.status, 'insufficient');
  const flagged = aggregateHour(hour(H0, () => 40, 9, (i) => (i < 16 ? 'C' : 'N')), 'a21026', H0, { rule: DEFAULT_VALIDITY.air });
  assert.equal(flagged.valid, 44);
  assert.equal(flagged.status, 'insufficient');
  assert.equal(flagged.flags.C, 16);
  // 46 valid of 60: enough minutes but below 75 % normal, so abnormal for flue gas.
  const mixed = aggregateHour(hour(H0, () => 40, 9, (i) => (i < 14 ? 'D' : 'N')), 'a21026', H0, { rule: { ...DEFAULT_VALIDITY.air, normalShare: 0.8 } });
  assert.equal(mixed.status, 'abnormal');
  const marked = aggregateHour(hour(H0, () => 40), 'a21026', H0, { rule: DEFAULT_VALIDITY.air, markings: [{ from: H0, to: H0 + 20 * 60_000, kind: 'startup', invalid: true }] });
  assert.equal(marked.valid, 40);
  assert.equal(marked.status, 'insufficient');
  const water = aggregateHour(hour(H0, () => 40, 9, (i) => (i === 5 ? 'D' : 'N')), 'a21026', H0, { rule: DEFAULT_VALIDITY.water });
  assert.equal(water.status, 'abnormal', 'for wastewater one abnormal (fault) value makes the aggregate abnormal');
  // Ten calibration minutes and one maintenance minute are set aside: the other 49 still make a normal hour.
  const calibrated = aggregateHour(hour(H0, () => 40, 9, (i) => (i < 10 ? 'C' : i === 30 ? 'M' : 'N')), 'a21026', H0, { rule: DEFAULT_VALIDITY.water });
  assert.equal(calibrated.valid, 49);
  assert.equal(calibrated.status, 'normal', 'a calibration does not spoil a wastewater hour');
  const missing = aggregateHour(hour(H0, (i) => (i === 7 ? null : 40)), 'a21026', H0, { rule: DEFAULT_VALIDITY.water });
  assert.equal(missing.status, 'abnormal', 'a minute sent without a value is abnormal for wastewater');
});

void test('a day from its hours needs 20 normal hours', () => {
  const hours = Array.from({ length: 24 }, (_, h) => aggregateHour(hour(H0 + h * 3600_000, () => (h < 21 ? 30 : null)), 'a21026', H0 + h * 3600_000, { rule: DEFAULT_VALIDITY.air }));
  const day = aggregateDay(hours, 'a21026', H0, DEFAULT_VALIDITY.air);
  assert.equal(day.valid, 21);
  assert.equal(day.status, 'normal', '21 normal hours of 24');
  assert.equal(day.mean, 30);
  const short = aggregateDay([...hours.slice(0, 19), ...hours.slice(21)], 'a21026', H0, DEFAULT_VALIDITY.air);
  assert.equal(short.valid, 19);
  assert.equal(short.status, 'insufficient', '19 normal hours are not a daily value');
});

void test('mass: concentration × flow × 60 s per valid minute', () => {
  assert.equal(massKg(hour(H0, () => 100), 'a21026', H0), (100 * 50 * 60 * 60) / 1e6);
});

void test('exceedance judged only on normal aggregates, on the converted value when the limit has a reference O2', () => {
  const limit: LimitRow = { factor: 'a21026', limit: 35, unit: 'mg/m3', basis: 'hourly', referenceO2: 6, source: 'permit 91440000…001P' };
  const over = aggregateHour(hour(H0, () => 30), 'a21026', H0, { rule: DEFAULT_VALIDITY.air, referenceO2: 6 });
  const j = judge(over, limit)!;
  assert.equal(j.value, 37.5, '30 mg/m³ at 9 % O2 is 37.5 at 6 %');
  assert.equal(j.exceeded, true);
  assert.ok(Math.abs(j.multiple - 2.5 / 35) < 1e-12);
  const invalid = aggregateHour(hour(H0, () => 300, 9, () => 'D'), 'a21026', H0, { rule: DEFAULT_VALIDITY.air, referenceO2: 6 });
  assert.equal(judge(invalid, limit), null, 'fault-flagged data never prove an exceedance');
  assert.equal(judge(over, { ...limit, basis: 'daily' }), null, 'an hourly value does not answer a daily limit');
});

void test('consecutive exceeded hours merge into one episode with its evidence; a gap starts another', () => {
  const limit: LimitRow = { factor: 'a21026', limit: 35, unit: 'mg/m3', basis: 'hourly', referenceO2: null, source: 'GB13223' };
  const levels = [50, 80, 90, 20, 100];
  const periods = levels.map((v, h) => {
    const agg = aggregateHour(hour(H0 + h * 3600_000, () => v), 'a21026', H0 + h * 3600_000, { rule: DEFAULT_VALIDITY.air });
    return { agg, judgement: judge(agg, limit)!, limit };
  });
  const eps = episodes(periods);
  assert.equal(eps.length, 2);
  assert.deepEqual([eps[0]!.from, eps[0]!.to], [H0, H0 + 3 * 3600_000]);
  assert.deepEqual(eps[0]!.evidence.values, [50, 80, 90]);
  assert.equal(eps[0]!.severity, 'high', '90 is over twice 35');
  assert.equal(eps[0]!.evidence.frameIds!.length, 180);
  assert.deepEqual(eps[1]!.evidence.times, [H0 + 4 * 3600_000]);
  assert.equal(isSerious(periods.map((p) => p.judgement)), true);
  assert.equal(isSerious(periods.slice(0, 1).map((p) => p.judgement)), false);
});

void test('standard rows: unique ids, the ultra-low and boiler values of rules.md, overrides checked', () => {
  assert.equal(new Set(STANDARD_ROWS.map((r) => r.id)).size, STANDARD_ROWS.length);
  const ultra = STANDARD_ROWS.filter((r) => r.applicability === 'ultra-low emission').map((r) => [r.factor, r.limit, r.referenceO2]);
  assert.deepEqual(ultra, [['a34013', 10, 6], ['a21026', 35, 6], ['a21002', 50, 6]]);
  const gasNew = STANDARD_ROWS.find((r) => r.standard === 'GB 13271-2014' && r.applicability === 'gas boiler, new from 2014-07' && r.factor === 'a21002');
  assert.deepEqual([gasNew?.limit, gasNew?.referenceO2], [200, 3.5]);
  assert.ok(STANDARD_ROWS.some((r) => !r.confirmed && r.note !== undefined), 'unconfirmed values say so');
  const nh3cold = STANDARD_ROWS.find((r) => r.id.includes('grade-1A-water-at-or-below-12') && r.factor === 'w21003');
  assert.equal(nh3cold?.limit, 8);
  const turbine = STANDARD_ROWS.find((r) => r.applicability === 'natural-gas turbine')!;
  assert.equal(overrideStandards({ [turbine.id]: { referenceO2: 16 } }).find((r) => r.id === turbine.id)?.referenceO2, 16);
  assert.throws(() => overrideStandards({ nope: { limit: 1 } }), RangeError);
});

void test('a wastewater day: an abnormal hour spoils it, hours set aside (calibration, a stop) do not', () => {
  const water = DEFAULT_VALIDITY.water;
  const at = (h: number, flag: (i: number) => string, so2: (i: number) => number | null = () => 30) => aggregateHour(hour(H0 + h * 3600_000, so2, 9, flag), 'a21026', H0 + h * 3600_000, { rule: water });
  // 24 hours: a daily calibration in hour 2, the plant stopped (F) in hours 22-23.
  const hours = Array.from({ length: 24 }, (_, h) => at(h, (i) => (h === 2 && i < 10 ? 'C' : h >= 22 ? 'F' : 'N')));
  const day = aggregateDay(hours, 'a21026', H0, water);
  assert.equal(day.valid, 22);
  assert.equal(day.status, 'normal');
  const faulty = aggregateDay(hours.map((h, k) => (k === 5 ? at(5, (i) => (i === 0 ? 'T' : 'N')) : h)), 'a21026', H0, water);
  assert.equal(faulty.status, 'abnormal', 'one hour with a value above range makes the day abnormal');
});
