// Scenario selection of the simulator (scenarios.ts): names, and which devices play them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoDevices } from './device.ts';
import { parseScenarios, planScenarios } from './scenarios.ts';

const T0 = Date.UTC(2026, 0, 1, 16);

void test('scenario names: repeated and comma-separated; unknown names are refused', () => {
  assert.deepEqual(parseScenarios(['exceedance,flatline', 'load', 'flatline']), ['exceedance', 'flatline', 'load']);
  assert.throws(() => parseScenarios(['nope']), /unknown scenario 'nope'/);
});

void test('scenarios go to distinct devices of the right kind, the same ones whatever the flag order', () => {
  const devices = demoDevices(12, 3);
  const all = parseScenarios(['exceedance,flatline,offline,modbus-crc,subpackets,clock-drift']);
  const a = planScenarios(devices, all, T0);
  const b = planScenarios(devices, [...all].reverse(), T0);
  assert.deepEqual([...a.plans], [...b.plans]);
  // exceedance: the first air device (index 0) and the first water device (index 2).
  assert.ok(a.plans.get(0)?.effects.exceedance !== undefined);
  assert.ok(a.plans.get(2)?.effects.exceedance !== undefined);
  assert.equal(devices[2]?.kind, 'water');
  const flat = [...a.plans].find(([, p]) => p.effects.flatline !== undefined);
  assert.equal(devices[flat?.[0] ?? -1]?.kind, 'air');
  assert.equal(flat?.[1].effects.flatline?.factor, 'a21026');
  assert.equal([...a.plans.values()].filter((p) => p.crcVariant === 'modbus-lo-first').length, 1);
  assert.equal([...a.plans.values()].filter((p) => p.minuteParts === 2).length, 1);
  assert.equal([...a.plans.values()].filter((p) => p.clock !== undefined).length, 1);
  assert.equal(a.plans.size, 7, 'one device each, two for exceedance');
  assert.equal(a.report.length, 7);
  assert.equal(a.load, false);
});

void test('with fewer devices than scenarios, devices take several', () => {
  const devices = demoDevices(1, 3);
  const plan = planScenarios(devices, parseScenarios(['modbus-crc,subpackets,clock-drift']), T0);
  const p = plan.plans.get(0);
  assert.equal(p?.crcVariant, 'modbus-lo-first');
  assert.equal(p?.minuteParts, 2);
  assert.ok(p?.clock !== undefined);
});
