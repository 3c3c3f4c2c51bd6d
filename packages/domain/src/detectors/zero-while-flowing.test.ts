import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MINUTE_MS } from './common.ts';
import { DEFAULT_ZERO_WHILE_FLOWING_PARAMS, zeroWhileFlowing } from './zero-while-flowing.ts';
import { T0, noisy, series } from './test-series.ts';

const nox = noisy(90, 0.2, 11);
const flow = noisy(45, 0.05, 12);
const base = { a21026: { level: 25, noise: 0.2 }, a34013: { level: 4, noise: 0.3 }, a00000: flow };

void test('NOx at 0 for 25 minutes while flowing yields one finding with span and evidence', () => {
  const s = series({ minutes: 240, factors: { ...base, a21002: (i) => (i >= 60 && i < 85 ? 0 : nox(i)) } });
  const f = zeroWhileFlowing({ samples: s });
  assert.equal(f.length, 1);
  const [x] = f;
  assert.equal(x!.factor, 'a21002');
  assert.equal(x!.from, T0 + 60 * MINUTE_MS);
  assert.equal(x!.to, T0 + 85 * MINUTE_MS);
  assert.equal(x!.evidence.times.length, 25);
  assert.ok(x!.evidence.values!.every((v) => v === 0));
  assert.deepEqual(x!.evidence.frameIds, Array.from({ length: 25 }, (_, i) => 1060 + i));
  assert.deepEqual(x!.evidence.params, DEFAULT_ZERO_WHILE_FLOWING_PARAMS);
  assert.equal(x!.severity, 'high');
});

void test('a clean realistic series yields none, and zeros during shutdown (no flow) yield none', () => {
  assert.deepEqual(zeroWhileFlowing({ samples: series({ minutes: 1440, factors: { ...base, a21002: nox } }) }), []);
  const shut = series({ minutes: 120, factors: { a21002: () => 0, a21026: () => 0, a34013: () => 0, a00000: () => 0.1 } });
  assert.deepEqual(zeroWhileFlowing({ samples: shut }), []);
});

void test('9 zero minutes yield none, 10 yield one', () => {
  const mk = (n: number) => series({ minutes: 120, factors: { ...base, a21002: (i) => (i >= 30 && i < 30 + n ? -0.2 : nox(i)) } });
  assert.deepEqual(zeroWhileFlowing({ samples: mk(9) }), []);
  assert.equal(zeroWhileFlowing({ samples: mk(10) })[0]?.severity, 'medium');
});

void test('zeros flagged C (calibration) do not count', () => {
  const s = series({
    minutes: 120,
    factors: { ...base, a21002: (i) => (i >= 30 && i < 60 ? 0 : nox(i)) },
    flag: (i, code) => (code === 'a21002' && i >= 30 && i < 60 ? 'C' : 'N'),
  });
  assert.deepEqual(zeroWhileFlowing({ samples: s }), []);
});
