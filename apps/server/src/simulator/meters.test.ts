// Meter loggers and the treatment-off scenario: a registered point whose factors are meter codes becomes a
// meter logger; its production meter follows the process load, its treatment meter falls to standby power in
// the scenario's window while the analysers on the outlet it serves see the pollutants rise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeviceSpec } from './device.ts';
import { devicesFromPoints } from './from-points.ts';
import { VirtualLogger } from './logger.ts';
import { planScenarios, WINDOWS } from './scenarios.ts';
import { ValueModel } from './values.ts';

const T0 = Date.UTC(2026, 0, 1, 16); // 2026-01-02 00:00 Beijing
const MIN = 60_000;
const HOUR = 3_600_000;
const meter: DeviceSpec = { mn: 'M1', pw: '123456', kind: 'meter', factors: ['e10001', 'e20001'], st: '51', seed: 11, outletId: 1 };
const air: DeviceSpec = { mn: 'A1', pw: '123456', kind: 'air', factors: ['a21026', 'a21002', 'a34013', 'a19001', 'a00000'], st: '31', seed: 42, outletId: 1 };
const v = (m: ValueModel, t: number, code: string): number => m.sample(t).get(code)?.value ?? NaN;

void test('registered points with only meter codes become meter loggers; the outlet is kept for pairing', () => {
  const crc = ['hj212'] as const;
  const [m, w, a] = devicesFromPoints([
    { mn: 'M', pw: '1', st: '51', factors: ['e10001', 'e20001'], crcVariants: [...crc], outletId: 3 },
    { mn: 'W', pw: '1', st: '32', factors: ['w01018'], crcVariants: [...crc], outletId: 4 },
    { mn: 'A', pw: '1', st: '31', factors: ['a21026', 'e10001'], crcVariants: [...crc] },
  ]);
  assert.deepEqual([m?.kind, m?.st, m?.outletId], ['meter', '51', 3]);
  assert.deepEqual([w?.kind, w?.st, w?.outletId], ['water', '32', 4]);
  assert.deepEqual([a?.kind, a?.outletId], ['air', undefined]);
});

void test('production power follows the load; treatment power stays near its rating whatever the load', () => {
  const model = new ValueModel(meter);
  const prod: number[] = [];
  const treat: number[] = [];
  const load: number[] = [];
  for (let t = T0; t < T0 + 24 * HOUR; t += 10 * MIN) {
    prod.push(v(model, t, 'e10001'));
    treat.push(v(model, t, 'e20001'));
    load.push(model.load(t));
  }
  const ratio = (xs: number[]): number => Math.max(...xs) / Math.min(...xs);
  assert.ok(ratio(prod) > 2, `production swings with the load (${ratio(prod).toFixed(2)})`);
  assert.ok(ratio(treat) < 1.6, `treatment runs steadily (${ratio(treat).toFixed(2)})`);
  const iMax = load.indexOf(Math.max(...load));
  const iMin = load.indexOf(Math.min(...load));
  assert.ok((prod[iMax] ?? 0) > (prod[iMin] ?? 0));
});

void test('treatment-off: the treatment meter drops to standby, production goes on, the outlet pollutants rise', () => {
  const off = { from: T0 + HOUR, to: T0 + 4 * HOUR };
  const normal = new ValueModel(meter);
  const bent = new ValueModel(meter, { treatmentOff: off });
  const airNormal = new ValueModel(air);
  const airBent = new ValueModel(air, { treatmentOff: off });
  const mid = T0 + 2 * HOUR + 17 * MIN;
  assert.ok(v(bent, mid, 'e20001') < 0.02 * v(normal, mid, 'e20001'), 'standby power');
  assert.equal(v(bent, mid, 'e10001'), v(normal, mid, 'e10001'), 'production untouched');
  assert.ok(v(airBent, mid, 'a21026') > 4 * v(airNormal, mid, 'a21026'), 'SO2 untreated');
  assert.ok(v(airBent, mid, 'a34013') > 8 * v(airNormal, mid, 'a34013'), 'dust untreated');
  for (const t of [T0 + 30 * MIN, T0 + 5 * HOUR]) {
    assert.deepEqual([...bent.sample(t)], [...normal.sample(t)]);
    assert.deepEqual([...airBent.sample(t)], [...airNormal.sample(t)]);
  }
});

void test('a meter logger sends minute frames with power and energy (-Cou in kWh)', () => {
  const logger = new VirtualLogger(meter, T0);
  const ups = logger.advance(T0 + 2 * MIN);
  const minute = ups.find((u) => u.cn === '2051');
  const fields = new Map(minute?.items.flat() ?? []);
  const avg = Number(fields.get('e10001-Avg'));
  assert.ok(avg > 0);
  assert.ok(Math.abs(Number(fields.get('e10001-Cou')) - avg / 60) < 0.01, 'a minute of kW is kW/60 kWh');
  assert.equal(fields.get('e20001-Flag'), 'N');
});

void test('the scenario pairs a meter logger with the analysers of its outlet; meters take no other scenario', () => {
  const devices: DeviceSpec[] = [
    { ...air, mn: 'A0', outletId: 9 },
    { ...air, mn: 'A1' },
    { ...meter, mn: 'M9', outletId: 9 },
    { ...meter, mn: 'M1' },
  ];
  const plan = planScenarios(devices, ['exceedance', 'treatment-off'], T0);
  // Exceedance takes A0 first, so the scenario prefers the pair whose analyser is free: M1 with A1.
  assert.deepEqual(plan.plans.get(3)?.effects.treatmentOff, { from: T0 + WINDOWS.treatmentOff.from, to: T0 + WINDOWS.treatmentOff.to });
  assert.deepEqual(plan.plans.get(1)?.effects.treatmentOff, plan.plans.get(3)?.effects.treatmentOff);
  assert.equal(plan.plans.get(2), undefined);
  assert.match(plan.report.join('\n'), /treatment-off: M1 e20001 at standby power, A1 pollutants rise/);
  // More device scenarios than analysers: they double up on analysers, never on meter loggers.
  const crowded = planScenarios(devices, ['offline', 'modbus-crc', 'subpackets', 'clock-drift'], T0);
  assert.deepEqual([...crowded.plans.keys()].sort(), [0, 1]);
  // No meter logger: the scenario assigns nothing.
  assert.equal(planScenarios([air], ['treatment-off'], T0).plans.size, 0);
});
