import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MINUTE_MS } from './common.ts';
import { DEFAULT_O2_DILUTION_PARAMS, o2Dilution } from './o2-dilution.ts';
import { T0, meter, noisy, series } from './test-series.ts';

const o2 = noisy(9.5, 0.08, 31);
const flow = noisy(50, 0.05, 32);

void test('O2 at 20 % for 45 minutes while flowing yields one finding with span and evidence', () => {
  const s = series({ minutes: 300, factors: { a19001: (i) => (i >= 120 && i < 165 ? 20 + (i % 3) * 0.1 : o2(i)), a00000: flow } });
  const f = o2Dilution({ samples: s });
  assert.equal(f.length, 1);
  const [x] = f;
  assert.equal(x!.factor, 'a19001');
  assert.equal(x!.from, T0 + 120 * MINUTE_MS);
  assert.equal(x!.to, T0 + 165 * MINUTE_MS);
  assert.equal(x!.evidence.times.length, 45);
  assert.ok(x!.evidence.values!.every((v) => v !== null && v > 19));
  assert.deepEqual(x!.evidence.params, DEFAULT_O2_DILUTION_PARAMS);
});

void test('a clean series yields none; ambient O2 while stopped (no flow, no production) yields none', () => {
  assert.deepEqual(o2Dilution({ samples: series({ minutes: 1440, factors: { a19001: o2, a00000: flow } }) }), []);
  const stopped = series({ minutes: 120, factors: { a19001: () => 20.9, a00000: () => 0 } });
  assert.deepEqual(o2Dilution({ samples: stopped, meters: meter('production', 'kiln', 120, () => 1) }), []);
});

void test('29 minutes yield none, 30 yield one', () => {
  const mk = (n: number) => series({ minutes: 120, factors: { a19001: (i) => (i >= 40 && i < 40 + n ? 19.6 : o2(i)), a00000: flow } });
  assert.deepEqual(o2Dilution({ samples: mk(29) }), []);
  assert.equal(o2Dilution({ samples: mk(30) }).length, 1);
});

void test('a production meter on counts as running when the flow meter reads nothing', () => {
  const s = series({ minutes: 60, factors: { a19001: () => 20.5, a00000: () => 0 } });
  const f = o2Dilution({ samples: s, meters: meter('production', 'boiler-fan', 60, () => 220) });
  assert.equal(f.length, 1);
  assert.equal(f[0]!.to - f[0]!.from, 60 * MINUTE_MS);
});
