// How the gateway classifies a decoded frame (classify.ts): its reading period, allowed CRC variants, clock drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clockDrift, crcAllowed, driftPolicyFor, needsCalibration, periodKindOf } from './classify.ts';
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

void test('a platform clock running fast (the demo) tolerates its magnified transit delays, not a real drift', () => {
  const now = 1_800_000_000_000;
  assert.equal(driftPolicyFor(1).thresholdMs, 60_000);
  assert.equal(driftPolicyFor(60).thresholdMs, 90_000);
  // 1.2 s of queueing at 60× reads as 72 s slow: a time-set at the normal rate, none in the demo.
  assert.equal(needsCalibration(-72_000, undefined, now, driftPolicyFor(1)), true);
  assert.equal(needsCalibration(-72_000, undefined, now, driftPolicyFor(60)), false);
  // The clock-drift scenario's 3 minutes ahead is set either way.
  assert.equal(needsCalibration(180_000, undefined, now, driftPolicyFor(60)), true);
});
