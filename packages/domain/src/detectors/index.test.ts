import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DETECTORS, DEFAULT_FLATLINE_PARAMS, flatline } from './index.ts';
import { series } from './test-series.ts';

void test('the registry lists the ten detectors of issue 4 §5 once each, with defaults and docs', () => {
  assert.deepEqual(
    DETECTORS.map((d) => d.id),
    ['transmission', 'offline', 'flatline', 'zeroWhileFlowing', 'pinnedAtRange', 'o2Dilution', 'dropAroundInspection', 'flagShare', 'periodMismatch', 'treatmentOff'],
  );
  for (const d of DETECTORS) assert.ok(d.doc.length > 20 && Object.keys(d.defaults).length > 0, d.id);
  assert.equal(DETECTORS[2].run, flatline);
  assert.equal(DETECTORS[2].defaults, DEFAULT_FLATLINE_PARAMS);
});

void test('detectors do not mutate their input and are deterministic', () => {
  const s = series({ minutes: 200, factors: { a21026: (i) => (i < 100 ? 10 : i) } });
  const copy = structuredClone(s);
  const a = DETECTORS[2].run({ samples: s });
  assert.deepEqual(s, copy);
  assert.deepEqual(DETECTORS[2].run({ samples: s }), a);
  assert.equal(a.length, 1);
});
