// The virtual logger (logger.ts): its upload schedule, minute and hour statistics and its drifting clock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeviceSpec } from './device.ts';
import { VirtualLogger } from './logger.ts';
import type { Upload } from './packets.ts';
import { DRIFT } from './scenarios.ts';

const T0 = Date.UTC(2026, 0, 1, 16); // 2026-01-02 00:00 Beijing
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const air: DeviceSpec = { mn: 'A1', pw: '123456', kind: 'air', factors: ['a21026', 'a21002', 'a34013', 'a19001', 'a01011', 'a01012', 'a01013', 'a01014', 'a00000'], st: '31', seed: 42 };

/** Steps a logger from `start` for `ms`, in uneven steps like a loaded event loop would. */
function run(logger: VirtualLogger, start: number, ms: number, step = 7_000): Upload[] {
  const out: Upload[] = [];
  for (let t = start; t <= start + ms; t += step) out.push(...logger.advance(t));
  out.push(...logger.advance(start + ms));
  return out;
}

const field = (u: Upload | undefined, key: string): string | number | undefined => {
  for (const item of u?.items ?? []) for (const [k, v] of item) if (k === key) return v;
  return undefined;
};

void test('schedule: 25 simulated hours give 2011 every 30 s, 2051 every minute, 2061 hourly, 2031 daily', () => {
  const out = run(new VirtualLogger(air, T0), T0, 25 * HOUR);
  const by = (cn: string): Upload[] => out.filter((u) => u.cn === cn);
  assert.equal(by('2011').length, 25 * 120);
  assert.equal(by('2051').length, 25 * 60);
  assert.equal(by('2061').length, 25);
  assert.equal(by('2031').length, 1);
  // DataTime is the period start (HJ 212-2017 §6.6.4), on period boundaries, consecutive.
  by('2051').forEach((u, i) => assert.equal(u.dataTime, T0 + i * MIN));
  by('2061').forEach((u, i) => assert.equal(u.dataTime, T0 + i * HOUR));
  assert.equal(by('2031')[0]?.dataTime, T0);
  by('2011').forEach((u, i) => assert.equal(u.dataTime, T0 + (i + 1) * 30_000));
  // The hour arrives after its last minute.
  const firstHour = out.findIndex((u) => u.cn === '2061');
  const lastMinuteOfHour = out.findIndex((u) => u.cn === '2051' && u.dataTime === T0 + 59 * MIN);
  assert.ok(lastMinuteOfHour < firstHour);
});

void test('the same counts whatever the step size (catch-up after a stalled loop)', () => {
  const a = run(new VirtualLogger(air, T0), T0, 3 * HOUR, 1_000);
  const b = run(new VirtualLogger(air, T0), T0, 3 * HOUR, 45 * MIN);
  assert.deepEqual(a, b);
});

void test('minute statistics are consistent: min ≤ avg ≤ max, flow total = mean × 60 s, hour = mean of minutes', () => {
  const out = run(new VirtualLogger(air, T0), T0, HOUR);
  const minutes = out.filter((u) => u.cn === '2051');
  for (const u of minutes) {
    const min = Number(field(u, 'a21026-Min'));
    const avg = Number(field(u, 'a21026-Avg'));
    const max = Number(field(u, 'a21026-Max'));
    assert.ok(min <= avg && avg <= max);
    assert.ok(field(u, 'a21026-ZsAvg') !== undefined);
    assert.ok(field(u, 'a21026-Cou') !== undefined);
    assert.equal(field(u, 'a01011-Cou'), undefined, 'no total for a speed');
    const flowCou = Number(field(u, 'a00000-Cou'));
    assert.ok(Math.abs(flowCou - Number(field(u, 'a00000-Avg')) * 60) < 1, `${flowCou}`);
    assert.match(String(field(u, 'a21026-Avg')), /^\d+\.\d{3}$/);
    assert.match(String(field(u, 'a19001-Avg')), /^\d+\.\d{2}$/);
  }
  const hour = out.find((u) => u.cn === '2061');
  const mean = minutes.reduce((s, u) => s + Number(field(u, 'a21026-Avg')), 0) / minutes.length;
  assert.ok(Math.abs(Number(field(hour, 'a21026-Avg')) - mean) < 0.01);
  const couSum = minutes.reduce((s, u) => s + Number(field(u, 'a00000-Cou')), 0);
  assert.ok(Math.abs(Number(field(hour, 'a00000-Cou')) - couSum) < 1);
});

void test('clock drift: ahead by minutes, drifting further, until set; a clock set back repeats nothing', () => {
  const logger = new VirtualLogger(air, T0, { clock: DRIFT });
  assert.equal(logger.clockError(T0), 3 * MIN);
  assert.equal(logger.clockError(T0 + 2 * HOUR), 5 * MIN);
  // Data is stamped by the device's clock: its first minute is 3 minutes "early".
  const early = run(logger, T0, 10 * MIN).filter((u) => u.cn === '2051');
  assert.ok((early[0]?.dataTime ?? 0) >= T0 + 3 * MIN);
  const last = early.at(-1)?.dataTime ?? 0;
  const sim = T0 + 10 * MIN;
  logger.setClock(sim, sim);
  assert.equal(logger.clockError(sim), 0);
  assert.ok(logger.nextDue() > sim, 'waits until its clock passes what it already sent');
  const after = run(logger, sim, 10 * MIN).filter((u) => u.cn === '2051');
  assert.ok((after[0]?.dataTime ?? 0) > last);
  assert.ok(Math.abs(logger.clockError(sim + HOUR) - MIN) < 1, 'keeps drifting at its rate');
});

void test('nextDue is when the device clock reaches the next 30-s boundary', () => {
  const logger = new VirtualLogger(air, T0 + 10_000, { clock: DRIFT });
  const due = logger.nextDue();
  assert.ok(Math.abs((logger.deviceTime(due) % 30_000) - 0) < 1 || Math.abs((logger.deviceTime(due) % 30_000) - 30_000) < 1);
  assert.equal(logger.advance(due - 5).length, 0);
  assert.equal(logger.advance(due).length >= 1, true);
});

void test('real-time can be switched off; a long gap is caught up to at most a day', () => {
  const logger = new VirtualLogger(air, T0, { realtime: false });
  const out = logger.advance(T0 + 3 * DAY);
  assert.equal(out.filter((u) => u.cn === '2011').length, 0);
  assert.equal(out.filter((u) => u.cn === '2051').length, 24 * 60);
});
