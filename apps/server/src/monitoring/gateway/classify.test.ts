// How the gateway classifies a decoded frame (classify.ts): its reading period, allowed CRC variants, clock drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clockDrift, crcAllowed, needsCalibration, periodKindOf } from './classify.ts';
import type { RegisteredPoint } from './sink.ts';

const point = (crcVariants: RegisteredPoint['crcVariants']): RegisteredPoint => ({
  pointId: 1,
  mn: 'M',
  pw: '123456',
  crcVariants,
  version: '2017',
});

void test('data CNs map to reading periods, others carry none', () => {
  assert.equal(periodKindOf('2011'), 'rtd');
  assert.equal(periodKindOf('2051'), 'min');
  assert.equal(periodKindOf('2061'), 'hour');
  assert.equal(periodKindOf('2031'), 'day');
  assert.equal(periodKindOf('2081'), null);
  assert.equal(periodKindOf('9014'), null);
});

void test('formatting variants of the standard CRC are always allowed, MODBUS only when registered', () => {
  assert.equal(crcAllowed('hj212-lowercase', point(['hj212'])), true);
  assert.equal(crcAllowed('hj212-unpadded', point(['hj212'])), true);
  assert.equal(crcAllowed('modbus-lo-first', point(['hj212'])), false);
  assert.equal(crcAllowed('modbus-lo-first', point(['hj212', 'modbus-lo-first'])), true);
  assert.equal(crcAllowed('modbus', point(['hj212', 'modbus-lo-first'])), false);
});

void test('drift is judged from QN, and a 1012 goes out at most once an hour per logger', () => {
  const now = Date.UTC(2026, 10, 28, 2, 0, 0);
  assert.equal(clockDrift(null, now), null);
  assert.equal(clockDrift(now + 5 * 60_000, now), 300_000);
  assert.equal(needsCalibration(30_000, undefined, now), false, 'under the threshold');
  assert.equal(needsCalibration(300_000, undefined, now), true);
  assert.equal(needsCalibration(-300_000, now - 10 * 60_000, now), false, 'sent ten minutes ago');
  assert.equal(needsCalibration(-300_000, now - 61 * 60_000, now), true);
  assert.equal(needsCalibration(null, undefined, now), false, 'no QN, no judgement');
});
