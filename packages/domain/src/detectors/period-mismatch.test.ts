import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PointSample } from '../compliance/types.ts';
import { HOUR_MS, mean } from './common.ts';
import { DEFAULT_PERIOD_MISMATCH_PARAMS, periodMismatch } from './period-mismatch.ts';
import { T0, series } from './test-series.ts';

const minutes = series({ minutes: 360, factors: { a21026: { level: 50, noise: 0.2 }, a21002: { level: 100, noise: 0.1 } } });

/** Hourly samples as an honest logger computes them (mean of N minutes), times `scale` at hour `bad`. */
function hourly(scale = 1, bad = -1, shift = 0): PointSample[] {
  return Array.from({ length: 6 }, (_, h) => {
    const t = T0 + h * HOUR_MS;
    const inHour = minutes.filter((s) => s.t >= t && s.t < t + HOUR_MS);
    const m = (code: string) => mean(inHour.map((s) => s.factors[code]!.value!));
    const so2 = h === bad ? m('a21026') * scale + shift : m('a21026');
    return { t, frameId: 9000 + h, factors: { a21026: { value: so2, flag: 'N' }, a21002: { value: m('a21002'), flag: 'N' } } };
  });
}

void test('an hourly SO2 value lowered by 30 % yields one finding for that hour with the minutes as evidence', () => {
  const f = periodMismatch({ samples: minutes, hourly: hourly(0.7, 3) });
  assert.equal(f.length, 1);
  const [x] = f;
  assert.equal(x!.factor, 'a21026');
  assert.equal(x!.from, T0 + 3 * HOUR_MS);
  assert.equal(x!.to, T0 + 4 * HOUR_MS);
  assert.equal(x!.evidence.times.length, 60);
  assert.equal(x!.evidence.frameIds![0], 1180);
  assert.equal(x!.evidence.rule?.hourlyFrameId, 9003);
  assert.ok(Math.abs((x!.evidence.rule?.relDiff as number) - 0.3) < 1e-9);
  assert.deepEqual(x!.evidence.params, DEFAULT_PERIOD_MISMATCH_PARAMS);
  assert.equal(x!.severity, 'high');
});

void test('honest hourly values (mean of the N minutes) yield none', () => {
  assert.deepEqual(periodMismatch({ samples: minutes, hourly: hourly() }), []);
});

void test('a difference just within 5 % yields none, just beyond yields one', () => {
  assert.deepEqual(periodMismatch({ samples: minutes, hourly: hourly(0.951, 2) }), []);
  assert.equal(periodMismatch({ samples: minutes, hourly: hourly(0.949, 2) }).length, 1);
});

void test('hours with fewer than 45 valid minutes, and invalid hourly values, are not judged', () => {
  const flagged = minutes.map((s, i) =>
    i >= 180 && i < 196 ? { ...s, factors: { ...s.factors, a21026: { ...s.factors.a21026!, flag: 'C' } } } : s,
  );
  // Hour 3 keeps 44 valid minutes: not judged even though the hourly value is off.
  assert.deepEqual(periodMismatch({ samples: flagged, hourly: hourly(0.5, 3) }), []);
  const bad = hourly(0.5, 1).map((h, i) => (i === 1 ? { ...h, factors: { ...h.factors, a21026: { value: h.factors.a21026!.value, flag: 'D' } } } : h));
  assert.deepEqual(periodMismatch({ samples: minutes, hourly: bad }), []);
});
