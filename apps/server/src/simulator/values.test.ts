// Simulated values (values.ts): deterministic, physically consistent with load, flagged like real loggers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoDevices, type DeviceSpec } from './device.ts';
import { convertToReferenceO2 } from './factors.ts';
import { ValueModel } from './values.ts';

const T0 = Date.UTC(2026, 0, 1, 16); // 2026-01-02 00:00 Beijing
const MIN = 60_000;
const HOUR = 3_600_000;
const air: DeviceSpec = { mn: 'A1', pw: '123456', kind: 'air', factors: ['a21026', 'a21002', 'a34013', 'a19001', 'a01011', 'a01012', 'a01013', 'a01014', 'a00000', 'a21005'], st: '31', seed: 42 };
const water: DeviceSpec = { mn: 'W1', pw: '123456', kind: 'water', factors: ['w01018', 'w21003', 'w21011', 'w21001', 'w01001', 'w00000'], st: '32', seed: 7 };

const v = (m: ValueModel, t: number, code: string): number => m.sample(t).get(code)?.value ?? NaN;

function corr(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

void test('values are a deterministic function of seed and time', () => {
  const a = new ValueModel(air);
  const b = new ValueModel(air);
  const c = new ValueModel({ ...air, seed: 43 });
  for (let t = T0; t < T0 + 2 * HOUR; t += 7 * MIN) {
    assert.deepEqual([...a.sample(t)], [...b.sample(t)]);
  }
  assert.notEqual(v(a, T0, 'a21026'), v(c, T0, 'a21026'));
  // Order of asking does not matter (backfill gives the live values).
  const late = v(a, T0 + HOUR, 'a21026');
  assert.equal(v(new ValueModel(air), T0 + HOUR, 'a21026'), late);
});

void test('O2 falls and flow speed and temperature rise with load; SO2 follows load', () => {
  const m = new ValueModel(air);
  const load: number[] = [];
  const o2: number[] = [];
  const speed: number[] = [];
  const temp: number[] = [];
  for (let t = T0; t < T0 + 3 * 24 * HOUR; t += 10 * MIN) {
    load.push(m.load(t));
    o2.push(v(m, t, 'a19001'));
    speed.push(v(m, t, 'a01011'));
    temp.push(v(m, t, 'a01012'));
  }
  assert.ok(corr(load, o2) < -0.7, `O2 corr ${corr(load, o2)}`);
  assert.ok(corr(load, speed) > 0.7, `speed corr ${corr(load, speed)}`);
  assert.ok(corr(load, temp) > 0.5, `temp corr ${corr(load, temp)}`);
  const avgO2 = o2.reduce((a, b) => a + b, 0) / o2.length;
  assert.ok(avgO2 > 4 && avgO2 < 14, `O2 ${avgO2} %`);
});

void test('converted concentration uses the 6 % reference O2', () => {
  const r = new ValueModel(air).sample(T0 + 5 * HOUR);
  const so2 = r.get('a21026');
  const o2 = r.get('a19001')?.value ?? 0;
  assert.ok(so2?.zs !== undefined);
  assert.ok(Math.abs(so2.zs - (so2.value * 15) / (21 - o2)) < 1e-9);
  assert.equal(convertToReferenceO2(10, 11), 15);
  // Pressure, speed and wastewater factors are never converted.
  assert.equal(r.get('a01011')?.zs, undefined);
});

void test('flags are mostly N with occasional calibration', () => {
  const m = new ValueModel(air);
  let n = 0;
  let total = 0;
  const seen = new Set<string>();
  for (let t = T0; t < T0 + 2 * 24 * HOUR; t += MIN) {
    for (const r of m.sample(t).values()) {
      total++;
      if (r.flag === 'N') n++;
      seen.add(r.flag);
    }
  }
  assert.ok(n / total > 0.97, `N share ${n / total}`);
  assert.ok(seen.has('C'), 'a daily zero/span calibration is flagged C');
});

void test('exceedance episode: SO2/NOx and COD well above typical limits inside the window only', () => {
  const w = { from: T0 + HOUR, to: T0 + 4 * HOUR };
  const a = new ValueModel(air, { exceedance: w });
  const plain = new ValueModel(air);
  const wa = new ValueModel(water, { exceedance: w });
  for (let t = w.from + 20 * MIN; t < w.to - 20 * MIN; t += 5 * MIN) {
    assert.ok(v(a, t, 'a21026') > 200, `SO2 ${v(a, t, 'a21026')}`);
    assert.ok(v(a, t, 'a21002') > 200, `NOx ${v(a, t, 'a21002')}`);
    assert.ok(v(wa, t, 'w01018') > 150, `COD ${v(wa, t, 'w01018')}`);
  }
  for (const t of [T0, T0 + 30 * MIN, w.to + MIN, w.to + 3 * HOUR]) {
    assert.equal(v(a, t, 'a21026'), v(plain, t, 'a21026'));
    assert.ok(v(a, t, 'a21026') < 100);
  }
});

void test('flatline: the factor is constant inside the window and moves outside', () => {
  const w = { from: T0 + HOUR, to: T0 + 5 * HOUR, factor: 'a21026' };
  const m = new ValueModel(air, { flatline: w });
  const inside = new Set<number>();
  for (let t = w.from; t < w.to; t += 30_000) {
    inside.add(v(m, t, 'a21026'));
    assert.equal(m.sample(t).get('a21026')?.flag, 'N');
  }
  assert.equal(inside.size, 1);
  const outside = new Set<number>();
  for (let t = w.to; t < w.to + HOUR; t += 30_000) outside.add(v(m, t, 'a21026'));
  assert.ok(outside.size > 50);
  // Other factors keep moving.
  assert.notEqual(v(m, w.from, 'a21002'), v(m, w.from + MIN, 'a21002'));
});

void test('wastewater analysers hold their value for a measuring cycle; flow and pH move', () => {
  const m = new ValueModel(water);
  assert.equal(v(m, T0 + 5 * MIN, 'w01018'), v(m, T0 + 55 * MIN, 'w01018'));
  assert.notEqual(v(m, T0 + 5 * MIN, 'w00000'), v(m, T0 + 6 * MIN, 'w00000'));
  const ph = v(m, T0, 'w01001');
  assert.ok(ph > 6 && ph < 9);
});

void test('demoDevices: deterministic mix, about 2/3 air, unique MNs of 24 hex digits', () => {
  const a = demoDevices(300, 9);
  assert.deepEqual(a, demoDevices(300, 9));
  const airCount = a.filter((d) => d.kind === 'air').length;
  assert.equal(airCount, 200);
  assert.equal(new Set(a.map((d) => d.mn)).size, 300);
  for (const d of a) {
    assert.match(d.mn, /^[0-9A-F]{24}$/);
    assert.equal(d.st, d.kind === 'air' ? '31' : '32');
  }
  assert.notDeepEqual(demoDevices(3, 1), demoDevices(3, 2));
});

void test('clean flue-gas devices stay under the ultra-low limits (35 / 50 / 10 mg/m³ at 6 % O2) in every hour of a week', () => {
  const limits: Record<string, number> = { a21026: 35, a21002: 50, a34013: 10 };
  let worst = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const m = new ValueModel({ ...air, mn: `A${seed}`, seed });
    for (let h = 0; h < 7 * 24; h++) {
      const sums: Record<string, number> = { a21026: 0, a21002: 0, a34013: 0 };
      for (let i = 0; i < 60; i += 5) {
        const s = m.sample(T0 + h * HOUR + i * MIN);
        const o2 = s.get('a19001')?.value ?? NaN;
        for (const code of Object.keys(sums)) sums[code] = (sums[code] ?? 0) + convertToReferenceO2(s.get(code)?.value ?? NaN, o2) / 12;
      }
      for (const [code, mean] of Object.entries(sums)) worst = Math.max(worst, mean / (limits[code] ?? 1));
    }
  }
  assert.ok(worst < 1, `worst hour at ${(worst * 100).toFixed(0)} % of its limit`);
  assert.ok(worst > 0.5, `values still come near the limits (${(worst * 100).toFixed(0)} %)`);
});
