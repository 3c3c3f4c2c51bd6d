// The hourly detectors judge analysers, not electricity meters: a meter logger's steady or zero power over
// an hour is equipment running or stopped (treatment-off judges it over the day), while the same flat
// line on an analyser's code is still a finding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PointSample } from '@ecoenforce/domain';
import { hourFindings } from '../src/compliance/detect-hour.ts';

const T0 = Date.UTC(2026, 10, 2, 0);

function hour(values: Record<string, number>): PointSample[] {
  return Array.from({ length: 60 }, (_, m) => ({
    t: T0 + m * 60_000,
    factors: Object.fromEntries(Object.entries(values).map(([code, value]) => [code, { value, flag: 'N' }])),
  }));
}

void test('a meter logger whose treatment meter reads 0 kW and production a steady 850 kW raises no flat line', () => {
  assert.deepEqual(hourFindings('air', hour({ e10001: 850, e20001: 0 }), {}), []);
});

void test('an analyser stuck at one value beside the meters is still a flat line, on its own code only', () => {
  const found = hourFindings('air', hour({ e10001: 850, a21026: 12.5 }), {});
  const flat = found.filter((f) => f.kind === 'flatline');
  assert.equal(flat.length, 1);
  assert.equal(flat[0]?.factor, 'a21026');
});
