import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MINUTE_MS } from './common.ts';
import { pinnedAtRange } from './pinned-at-range.ts';
import { T0, noisy, series } from './test-series.ts';

const so2 = noisy(120, 0.25, 21);
const ranges = { a21026: 200 };

void test('SO2 at its 200 mg/m³ range for 40 minutes yields one finding with span and evidence', () => {
  const s = series({ minutes: 300, factors: { a21026: (i) => (i >= 100 && i < 140 ? 199.5 + (i % 2) * 0.5 : so2(i)) } });
  const f = pinnedAtRange({ samples: s }, { ranges });
  assert.equal(f.length, 1);
  const [x] = f;
  assert.equal(x!.factor, 'a21026');
  assert.equal(x!.from, T0 + 100 * MINUTE_MS);
  assert.equal(x!.to, T0 + 140 * MINUTE_MS);
  assert.equal(x!.evidence.times.length, 40);
  assert.equal(x!.evidence.rule?.rangeHigh, 200);
  assert.deepEqual(x!.evidence.params.ranges, ranges);
  assert.equal(x!.severity, 'high');
});

void test('a clean series yields none; no range registered yields none', () => {
  const clean = series({ minutes: 1440, factors: { a21026: so2 } });
  assert.deepEqual(pinnedAtRange({ samples: clean }, { ranges }), []);
  const pinned = series({ minutes: 60, factors: { a21026: () => 200 } });
  assert.deepEqual(pinnedAtRange({ samples: pinned }), []);
});

void test('14 minutes at range yield none, 15 yield one; T-flagged samples count, D-flagged do not', () => {
  const mk = (n: number) => series({ minutes: 100, factors: { a21026: (i) => (i >= 20 && i < 20 + n ? 200 : so2(i)) } });
  assert.deepEqual(pinnedAtRange({ samples: mk(14) }, { ranges }), []);
  assert.equal(pinnedAtRange({ samples: mk(15) }, { ranges }).length, 1);
  const t = series({ minutes: 30, factors: { a21026: () => 205 }, flag: () => 'T' });
  assert.equal(pinnedAtRange({ samples: t }, { ranges }).length, 1);
  const d = series({ minutes: 30, factors: { a21026: () => 205 }, flag: () => 'D' });
  assert.deepEqual(pinnedAtRange({ samples: d }, { ranges }), []);
});
