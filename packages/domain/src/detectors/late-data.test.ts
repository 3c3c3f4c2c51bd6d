import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './common.ts';
import { DEFAULT_LATE_DATA_PARAMS, lateData, type Arrival } from './late-data.ts';
import { T0 } from './test-series.ts';

/** A full day of minutes, each arriving `delay(i)` ms after its data time. */
const day = (delay: (i: number) => number, frame = (i: number) => i + 1): Arrival[] =>
  Array.from({ length: 1440 }, (_, i) => ({ t: T0 + i * MINUTE_MS, receivedAt: T0 + i * MINUTE_MS + delay(i), frameId: frame(i) }));

const onTime = () => 65_000;

void test('lateData: a day sent on time yields none', () => {
  assert.deepEqual(lateData({ arrivals: day(onTime), dayStart: T0 }), []);
});

void test('lateData: four hours held and backfilled at once become one finding with the span and its arrival', () => {
  // Minutes 600–839 (10:00–14:00 of the series) arrive together at 14:00 + 30 s.
  const backfill = T0 + 840 * MINUTE_MS + 30_000;
  const arrivals = day(onTime).map((a, i) => (i >= 600 && i < 840 ? { ...a, receivedAt: backfill } : a));
  const [f, ...rest] = lateData({ arrivals, dayStart: T0 });
  assert.equal(rest.length, 0);
  assert.equal(f!.kind, 'lateData');
  assert.equal(f!.from, T0);
  assert.equal(f!.to, T0 + DAY_MS);
  // Minutes held less than an hour (those from 13:00 on) are not late by the default.
  const late = arrivals.filter((a) => a.receivedAt - a.t > 60 * MINUTE_MS);
  assert.equal(f!.evidence.times.length, late.length);
  assert.deepEqual(f!.evidence.frameIds, late.map((a) => a.frameId));
  assert.deepEqual(f!.evidence.rule?.spans, [{ from: T0 + 600 * MINUTE_MS, to: late.at(-1)!.t + MINUTE_MS, minutes: late.length, firstArrival: backfill, lastArrival: backfill }]);
  assert.equal(f!.evidence.rule?.expected, 1440);
  assert.equal(f!.severity, 'low');
  assert.deepEqual(f!.evidence.params, DEFAULT_LATE_DATA_PARAMS);
});

void test('lateData: the share threshold is inclusive, and is taken of the owed minutes', () => {
  const lateFirst = (n: number) => day((i) => (i < n ? 2 * HOUR_MS : 65_000));
  assert.deepEqual(lateData({ arrivals: lateFirst(143), dayStart: T0 }), []);
  assert.equal(lateData({ arrivals: lateFirst(144), dayStart: T0 }).length, 1);
  // Owing only 720 minutes (the rest marked shutdown), 72 late minutes are 10 %.
  assert.equal(lateData({ arrivals: lateFirst(72), dayStart: T0 }, { expectedMinutes: 720 }).length, 1);
  assert.deepEqual(lateData({ arrivals: lateFirst(72), dayStart: T0 }), []);
  assert.deepEqual(lateData({ arrivals: lateFirst(1440), dayStart: T0 }, { expectedMinutes: 0 }), []);
});

void test('lateData: exactly lateAfterMinutes is not late; two runs make two spans; severity grows with the share', () => {
  assert.deepEqual(lateData({ arrivals: day(() => 60 * MINUTE_MS), dayStart: T0 }), []);
  const [all] = lateData({ arrivals: day(() => 60 * MINUTE_MS + 1), dayStart: T0 });
  assert.equal(all!.severity, 'high');
  const twoRuns = day((i) => ((i >= 100 && i < 300) || (i >= 500 && i < 700) ? 3 * HOUR_MS : 65_000));
  const [f] = lateData({ arrivals: twoRuns, dayStart: T0 });
  assert.equal((f!.evidence.rule?.spans as unknown[]).length, 2);
  assert.equal(f!.severity, 'medium'); // 400 / 1440 = 27.8 %
  assert.deepEqual(lateData({ arrivals: twoRuns, dayStart: T0 }, { lateAfterMinutes: 240 }), []);
});

void test('lateData: minutes outside the day are ignored', () => {
  const before = day(() => 5 * HOUR_MS).map((a) => ({ ...a, t: a.t - DAY_MS, receivedAt: a.receivedAt - DAY_MS }));
  assert.deepEqual(lateData({ arrivals: before, dayStart: T0 }), []);
});
