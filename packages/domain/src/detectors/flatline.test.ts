import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MINUTE_MS } from './common.ts';
import { DEFAULT_FLATLINE_PARAMS, flatline } from './flatline.ts';
import { T0, noisy, series } from './test-series.ts';

const so2 = noisy(35, 0.15, 3);
const flow = noisy(60, 0.05, 4);

void test('a factor frozen for 90 minutes yields one finding with the run and its evidence', () => {
  const s = series({
    minutes: 300,
    factors: { a21026: (i) => (i >= 100 && i < 190 ? 31.4 : so2(i)), a00000: flow },
  });
  const f = flatline({ samples: s });
  assert.equal(f.length, 1);
  const [x] = f;
  assert.equal(x!.factor, 'a21026');
  assert.equal(x!.from, T0 + 100 * MINUTE_MS);
  assert.equal(x!.to, T0 + 190 * MINUTE_MS);
  assert.equal(x!.evidence.times.length, 90);
  assert.equal(x!.evidence.times[0], T0 + 100 * MINUTE_MS);
  assert.ok(x!.evidence.values!.every((v) => v === 31.4));
  assert.equal(x!.evidence.frameIds![0], 1100);
  assert.deepEqual(x!.evidence.params, DEFAULT_FLATLINE_PARAMS);
  assert.equal(x!.severity, 'low');
});

void test('a clean noisy series yields none', () => {
  const s = series({ minutes: 1440, factors: { a21026: so2, a21002: { level: 80, noise: 0.1 }, a00000: flow } });
  assert.deepEqual(flatline({ samples: s }), []);
});

void test('59 constant minutes yield none, 60 yield one', () => {
  const mk = (n: number) => series({ minutes: 200, factors: { a21026: (i) => (i >= 50 && i < 50 + n ? 20 : so2(i)) } });
  assert.deepEqual(flatline({ samples: mk(59) }), []);
  assert.equal(flatline({ samples: mk(60) }).length, 1);
});

void test('invalid-flagged minutes break the run; shutdown (flow 0) is skipped unless told otherwise', () => {
  const flagged = series({
    minutes: 200,
    factors: { a21026: () => 20 },
    flag: (i) => (i % 50 === 49 ? 'C' : 'N'),
  });
  assert.deepEqual(flatline({ samples: flagged }), []);
  const shut = series({ minutes: 200, factors: { a21026: () => 0, a00000: () => 0 } });
  assert.deepEqual(flatline({ samples: shut }), []);
  assert.equal(flatline({ samples: shut }, { skipShutdown: false, factors: ['a21026'] }).length, 1);
});

void test('tolerances: a ±0.05 wobble is flat with absTolerance 0.1 or relTolerance 0.01, not with 0', () => {
  const s = series({ minutes: 120, factors: { a21026: (i) => 20 + (i % 2) * 0.1 } });
  assert.deepEqual(flatline({ samples: s }), []);
  assert.equal(flatline({ samples: s }, { absTolerance: 0.1 }).length, 1);
  assert.equal(flatline({ samples: s }, { relTolerance: 0.01 }).length, 1);
});
