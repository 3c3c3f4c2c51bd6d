// Graceful stop with frames in flight: stop() stops reading, lets the commits in progress finish, answers
// what they committed, then closes; every ack a logger got is for a stored frame, and stop() resolves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBeijingTime } from '@ecoenforce/hj212';
import type { DurableSink } from '../src/monitoring/gateway/sink.ts';
import { FLUE_GAS_FACTORS } from '../src/seed/demo-province.ts';
import { startSimulator, type DeviceSpec } from '../src/simulator/index.ts';
import { StoreReader, TestLogger, benchMn, eventually, gatedSink, minuteFrame, qnOf, startRig } from './gateway-fixtures.ts';

async function closedBy(metric: { get(): Promise<{ values: Array<{ labels: Record<string, unknown>; value: number }> }> }, why: string): Promise<number> {
  return (await metric.get()).values.find((v) => v.labels.why === why)?.value ?? 0;
}

void test('stop() with commits held: they finish and are answered; nothing sent after stop() is read or acked', async () => {
  let gate: ReturnType<typeof gatedSink> | undefined;
  const rig = await startRig(4, { wrapSink: (s: DurableSink) => (gate = gatedSink(s)).sink });
  const reader = new StoreReader(rig.file);
  const loggers = await Promise.all([1, 2, 3, 4].map(() => TestLogger.open(rig.gateway.port)));
  try {
    assert.ok(gate);
    gate.hold();
    const first = loggers.map((l, i) => {
      const f = minuteFrame(benchMn(i + 1), 0);
      l.send(f);
      return f;
    });
    for (const [i, l] of loggers.entries()) await l.barrier(benchMn(i + 1)); // every frame judged
    assert.ok(gate.held > 0, 'a commit is held in the sink');

    let resolved = false;
    const stopped = rig.gateway.stop().then(() => (resolved = true));
    // Sent after stop() began: must never be acknowledged (nor read: the gateway stopped reading).
    const late = loggers.map((l, i) => {
      const f = minuteFrame(benchMn(i + 1), 1);
      l.send(f);
      return f;
    });
    await new Promise((r) => setImmediate(r));
    assert.equal(resolved, false, 'stop() waits for the commit in flight');
    gate.release();
    await stopped;

    for (const [i, l] of loggers.entries()) {
      await eventually(() => l.closed, 'the gateway to close the connection');
      assert.equal(l.repliesFor(qnOf(first[i]!)), 1, 'the frame in flight at stop() was acknowledged before close');
      assert.equal(l.repliesFor(qnOf(late[i]!)), 0, 'nothing sent after stop() is acknowledged');
      assert.equal(reader.framesFor(benchMn(i + 1), qnOf(first[i]!)), 1, 'the acknowledged frame is stored');
      assert.equal(reader.framesFor(benchMn(i + 1), qnOf(late[i]!)), 0, 'a frame sent after stop() is not read');
    }
    // The loggers answered our FIN and their close was seen: nobody had to be cut at the deadline.
    assert.equal(await closedBy(rig.gateway.metrics.connectionsClosed, 'shutdown'), 0);
    assert.equal(await closedBy(rig.gateway.metrics.connectionsClosed, 'peer'), loggers.length);
    assert.equal(rig.gateway.connectionCount, 0);
  } finally {
    for (const l of loggers) l.close();
    reader.close();
    await rig.dispose();
  }
});

void test('stop() under a full stream from 8 simulated loggers: resolves, and every ack they got is for a stored frame', async () => {
  const DEVICES = 8;
  const rig = await startRig(DEVICES);
  const reader = new StoreReader(rig.file);
  const devices: DeviceSpec[] = Array.from({ length: DEVICES }, (_, i) => ({
    mn: benchMn(i + 1), pw: '123456', kind: 'air', factors: [...FLUE_GAS_FACTORS], st: '31', seed: i + 1,
  }));
  const acked: Array<{ mn: string; qn: string; dataTime: number }> = [];
  let stopped = false;
  let ackedAfterStop = 0;
  const sim = startSimulator({
    devices, host: '127.0.0.1', port: rig.gateway.port, scenarios: ['load'], window: 16, overTimeMs: 60_000,
    start: Date.UTC(2026, 10, 1, 16, 0, 0),
    onAck: (mn, qn, bytes) => {
      acked.push({ mn, qn, dataTime: parseBeijingTime(/DataTime=(\d{14})/.exec(Buffer.from(bytes).toString('latin1'))?.[1] ?? '') ?? NaN });
      if (stopped) ackedAfterStop++;
    },
  });
  try {
    await eventually(() => acked.length >= 1000, 'the stream to run');
    await rig.gateway.stop();
    stopped = true;
    const inFlight = sim.unacked();
    await sim.stop();
    assert.ok(inFlight > 0, 'frames were in flight when the gateway stopped');
    assert.equal(ackedAfterStop, 0, 'no ack after stop() resolved');
    const missing = acked.filter(({ mn, qn }) => reader.framesFor(mn, qn) !== 1);
    assert.deepEqual(missing, [], 'every acknowledged frame is stored exactly once');
    // (The 10-factor minutes go as two subpackets; each acknowledged part has its reading.)
    assert.deepEqual(acked.filter(({ mn, dataTime }) => reader.reading(mn, dataTime) === undefined), [], 'every acknowledged frame has its reading');
    assert.equal(await closedBy(rig.gateway.metrics.connectionsClosed, 'shutdown'), 0, 'every logger closed in answer to our FIN');
  } finally {
    await sim.stop();
    reader.close();
    await rig.dispose();
  }
});
