import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAY_MS, MINUTE_MS } from './common.ts';
import { DEFAULT_OFFLINE_PARAMS, DEFAULT_TRANSMISSION_PARAMS, offline, transmission } from './transmission.ts';
import { T0, series } from './test-series.ts';

const day = (gaps?: (i: number) => boolean) => series({ minutes: 1440, factors: { a21026: { level: 30, noise: 0.1 } }, gaps });

void test('transmission: a day with 200 missing minutes (86.1 %) yields one finding with the gap', () => {
  const f = transmission({ samples: day((i) => i >= 600 && i < 800), dayStart: T0 });
  assert.equal(f.length, 1);
  const [x] = f;
  assert.equal(x!.kind, 'transmission');
  assert.equal(x!.from, T0);
  assert.equal(x!.to, T0 + DAY_MS);
  assert.equal(x!.evidence.times.length, 1240);
  assert.deepEqual(x!.evidence.rule?.gaps, [[T0 + 600 * MINUTE_MS, T0 + 800 * MINUTE_MS]]);
  assert.deepEqual(x!.evidence.params, DEFAULT_TRANSMISSION_PARAMS);
  assert.equal(x!.severity, 'low');
});

void test('transmission: a full day, and a day with a few scattered gaps, yield none', () => {
  assert.deepEqual(transmission({ samples: day(), dayStart: T0 }), []);
  assert.deepEqual(transmission({ samples: day((i) => i % 97 === 0), dayStart: T0 }), []);
});

void test('transmission: exactly 90 % (144 missing) yields none, 145 missing yields one', () => {
  assert.deepEqual(transmission({ samples: day((i) => i < 144), dayStart: T0 }), []);
  assert.equal(transmission({ samples: day((i) => i < 145), dayStart: T0 }).length, 1);
});

void test('transmission: samples outside the day are not counted', () => {
  const next = series({ minutes: 1440, start: T0 + DAY_MS, factors: { a21026: () => 1 } });
  assert.equal(transmission({ samples: next, dayStart: T0 })[0]?.severity, 'high');
});

void test('offline: silent 90 minutes before now yields one finding from the end of the last sample', () => {
  const s = series({ minutes: 120, factors: { a21026: { level: 30, noise: 0.1 } } });
  const now = T0 + 210 * MINUTE_MS;
  const f = offline({ samples: s, now });
  assert.equal(f.length, 1);
  assert.equal(f[0]!.from, T0 + 120 * MINUTE_MS);
  assert.equal(f[0]!.to, now);
  assert.deepEqual(f[0]!.evidence.times, [T0 + 119 * MINUTE_MS]);
  assert.deepEqual(f[0]!.evidence.frameIds, [1119]);
  assert.deepEqual(f[0]!.evidence.params, DEFAULT_OFFLINE_PARAMS);
});

void test('offline: a live point yields none; 59 silent minutes yields none, 60 yields one', () => {
  const s = series({ minutes: 120, factors: { a21026: { level: 30, noise: 0.1 } } });
  assert.deepEqual(offline({ samples: s, now: T0 + 121 * MINUTE_MS }), []);
  assert.deepEqual(offline({ samples: s, now: T0 + 179 * MINUTE_MS }), []);
  assert.equal(offline({ samples: s, now: T0 + 180 * MINUTE_MS }).length, 1);
});

void test('offline: no samples at all counts from `since`', () => {
  const f = offline({ samples: [], now: T0 + DAY_MS, since: T0 });
  assert.equal(f[0]?.from, T0);
  assert.equal(f[0]?.severity, 'high');
  assert.deepEqual(offline({ samples: [], now: T0 + DAY_MS }), []);
});
