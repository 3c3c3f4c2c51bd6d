import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MINUTE_MS } from './common.ts';
import { treatmentOff } from './treatment-off.ts';
import { T0, meter, noisy } from './test-series.ts';

const prodKw = noisy(800, 0.1, 41);
const fgdKw = noisy(150, 0.08, 42);
const production = meter('production', 'kiln-1', 1440, prodKw);

void test('desulfuriser off for 40 minutes while the kiln runs yields one high finding with span and evidence', () => {
  const fgd = meter('treatment', 'fgd', 1440, (i) => (i >= 600 && i < 640 ? 1.5 : fgdKw(i)));
  const f = treatmentOff({ meters: [...production, ...fgd] });
  assert.equal(f.length, 1);
  const [x] = f;
  assert.equal(x!.kind, 'treatmentOff');
  assert.equal(x!.severity, 'high');
  assert.equal(x!.from, T0 + 600 * MINUTE_MS);
  assert.equal(x!.to, T0 + 640 * MINUTE_MS);
  assert.equal(x!.evidence.times.length, 40);
  assert.equal(x!.evidence.times[0], T0 + 600 * MINUTE_MS + 5_000);
  assert.ok(x!.evidence.values!.every((v) => v === 1.5));
  assert.equal(x!.evidence.rule?.treatmentMeter, 'fgd');
  assert.equal((x!.evidence.rule?.productionKw as number[]).length, 40);
  assert.equal(x!.evidence.params.minMinutes, 15);
});

void test('a clean day yields none; treatment off while production is also off yields none', () => {
  assert.deepEqual(treatmentOff({ meters: [...production, ...meter('treatment', 'fgd', 1440, fgdKw)] }), []);
  const prod = meter('production', 'kiln-1', 1440, (i) => (i >= 600 && i < 700 ? 3 : prodKw(i)));
  const fgd = meter('treatment', 'fgd', 1440, (i) => (i >= 605 && i < 695 ? 0.5 : fgdKw(i)));
  assert.deepEqual(treatmentOff({ meters: [...prod, ...fgd] }), []);
});

void test('14 minutes off yield none, 15 yield one', () => {
  const mk = (n: number) => [...production, ...meter('treatment', 'fgd', 1440, (i) => (i >= 300 && i < 300 + n ? 0 : fgdKw(i)))];
  assert.deepEqual(treatmentOff({ meters: mk(14) }), []);
  assert.equal(treatmentOff({ meters: mk(15) }).length, 1);
});

void test('treatment off all day is only caught with a registered running level', () => {
  const meters = [...production, ...meter('treatment', 'fgd', 1440, () => 2)];
  assert.deepEqual(treatmentOff({ meters }), []);
  const f = treatmentOff({ meters }, { runningKw: { fgd: 150 } });
  assert.equal(f.length, 1);
  assert.equal(f[0]!.to - f[0]!.from, 1440 * MINUTE_MS);
});
