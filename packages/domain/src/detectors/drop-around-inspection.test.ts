import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HOUR_MS, MINUTE_MS } from './common.ts';
import { dropAroundInspection } from './drop-around-inspection.ts';
import { T0, noisy, series } from './test-series.ts';

const so2 = noisy(60, 0.2, 51);
// Inspection at 08:00 (minute 480); the drop starts after a tip-off at 07:00 (minute 420).
const at = T0 + 8 * HOUR_MS;

void test('SO2 falling to a third from the tip-off on yields one finding over the during window', () => {
  const s = series({ minutes: 720, factors: { a21026: (i) => (i >= 420 && i < 600 ? so2(i) / 3 : so2(i)) } });
  const f = dropAroundInspection({ samples: s, inspections: [at] }, { factors: ['a21026'] });
  assert.equal(f.length, 1);
  const [x] = f;
  assert.equal(x!.factor, 'a21026');
  assert.equal(x!.from, T0 + 420 * MINUTE_MS);
  assert.equal(x!.to, T0 + 600 * MINUTE_MS);
  // 180 minutes before + 180 minutes during (lead 60 + 120).
  assert.equal(x!.evidence.times.length, 360);
  assert.equal(x!.evidence.times[0], T0 + 240 * MINUTE_MS);
  const ratio = x!.evidence.rule?.observedRatio as number;
  assert.ok(ratio > 0.28 && ratio < 0.38, String(ratio));
  assert.equal(x!.evidence.rule?.inspection, at);
  assert.equal(x!.severity, 'medium');
});

void test('a clean series yields none, and so does a modest 30 % drop', () => {
  const clean = series({ minutes: 720, factors: { a21026: so2, a21002: { level: 90, noise: 0.15 }, a34013: { level: 5, noise: 0.3 } } });
  assert.deepEqual(dropAroundInspection({ samples: clean, inspections: [at] }), []);
  const modest = series({ minutes: 720, factors: { a21026: (i) => (i >= 420 ? 0.7 * so2(i) : so2(i)) } });
  assert.deepEqual(dropAroundInspection({ samples: modest, inspections: [at] }), []);
});

void test('a during window one valid minute short of minSamples yields none', () => {
  const spec = (lastMinute: number) =>
    series({ minutes: lastMinute, factors: { a21026: (i) => (i >= 420 ? 5 : 60) } });
  // Minutes 420..448 (29) vs 420..449 (30).
  assert.deepEqual(dropAroundInspection({ samples: spec(449), inspections: [at] }, { factors: ['a21026'] }), []);
  const f = dropAroundInspection({ samples: spec(450), inspections: [at] }, { factors: ['a21026'] });
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'high');
});
