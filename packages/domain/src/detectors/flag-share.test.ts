import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAY_MS, MINUTE_MS } from './common.ts';
import { DEFAULT_FLAG_SHARE_PARAMS, flagShare } from './flag-share.ts';
import { T0, series } from './test-series.ts';

const factors = { a21026: { level: 40, noise: 0.2 }, a21002: { level: 90, noise: 0.15 } };

void test('NOx flagged C for 3 hours (12.5 %) yields one finding with the flagged minutes as evidence', () => {
  const s = series({ minutes: 1440, factors, flag: (i, code) => (code === 'a21002' && i >= 120 && i < 300 ? 'C' : 'N') });
  const f = flagShare({ samples: s, dayStart: T0 });
  assert.equal(f.length, 1);
  const [x] = f;
  assert.equal(x!.factor, 'a21002');
  assert.equal(x!.from, T0);
  assert.equal(x!.to, T0 + DAY_MS);
  assert.equal(x!.evidence.times.length, 180);
  assert.equal(x!.evidence.times[0], T0 + 120 * MINUTE_MS);
  assert.equal(x!.evidence.rule?.share, 0.125);
  assert.deepEqual(x!.evidence.rule?.counts, { C: 180 });
  assert.deepEqual(x!.evidence.params, DEFAULT_FLAG_SHARE_PARAMS);
  assert.equal(x!.severity, 'low');
});

void test('a clean day with a 30-minute calibration and some F flags yields none', () => {
  const s = series({ minutes: 1440, factors, flag: (i) => (i >= 600 && i < 630 ? 'C' : i >= 1000 && i < 1300 ? 'F' : 'N') });
  assert.deepEqual(flagShare({ samples: s, dayStart: T0 }), []);
});

void test('exactly 10 % (144 minutes) yields none, 145 minutes yields one', () => {
  const mk = (n: number) => series({ minutes: 1440, factors, flag: (i, code) => (code === 'a21026' && i < n ? 'M' : 'N') });
  assert.deepEqual(flagShare({ samples: mk(144), dayStart: T0 }), []);
  assert.equal(flagShare({ samples: mk(145), dayStart: T0 }).length, 1);
});

void test('the flag set is configurable: F counts when asked', () => {
  const s = series({ minutes: 1440, factors, flag: (i) => (i < 400 ? 'F' : 'N') });
  assert.deepEqual(flagShare({ samples: s, dayStart: T0 }), []);
  assert.equal(flagShare({ samples: s, dayStart: T0 }, { flags: ['F'] }).length, 2);
});
