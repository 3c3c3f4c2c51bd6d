import assert from 'node:assert/strict';
import { test } from 'node:test';
import { beijingIso, formatBeijingTime, makeQn, parseBeijingTime } from './time.ts';
import { flagFor, versionFromFlag } from './version.ts';

void test('Beijing time parse/format (UTC+8), 14 and 17 digits, invalid → null', () => {
  const ms = Date.UTC(2026, 10, 28, 2, 14, 0);
  assert.equal(parseBeijingTime('20261128101400'), ms);
  assert.equal(parseBeijingTime('20261128101400123'), ms + 123);
  assert.equal(formatBeijingTime(ms), '20261128101400');
  assert.equal(makeQn(ms + 5), '20261128101400005');
  assert.equal(beijingIso(ms), '2026-11-28T10:14:00+08:00');
  assert.equal(beijingIso(ms + 7), '2026-11-28T10:14:00.007+08:00');
  for (const bad of ['2026112810140', '20261328101400', '20260230101400', '20261128241400', '2026112810140x', '']) assert.equal(parseBeijingTime(bad), null, bad);
  assert.equal(parseBeijingTime('20240229000000'), Date.UTC(2024, 1, 28, 16));
});

void test('version bits: Flag absent/0-3 → 2005, 4-7 → 2017, 8-11 → 2025; flagFor', () => {
  assert.deepEqual([null, 0, 3, 4, 7, 8, 11].map(versionFromFlag), ['2005', '2005', '2005', '2017', '2017', '2025', '2025']);
  assert.equal(flagFor('2017', { ack: true }), 5);
  assert.equal(flagFor('2017', { ack: true, subpacket: true }), 7);
  assert.equal(flagFor('2025', { ack: false }), 8);
  assert.equal(flagFor('2005', { ack: false }), 0);
});
