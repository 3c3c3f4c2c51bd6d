// Hostile and slow clients cannot starve the others; graceful stop finishes in-flight commits and replies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestLogger, benchMn, countRows, eventually, gatedSink, minuteFrame, qnOf, startRig } from './ingest-fixtures.ts';
import type { DurableSink } from '../src/ingest/sink.ts';

const GOOD = 20;
const FRAMES_EACH = 15;

async function closedBy(rig: Awaited<ReturnType<typeof startRig>>, why: string): Promise<number> {
  const { values } = await rig.gateway.metrics.connectionsClosed.get();
  return values.find((v) => v.labels.why === why)?.value ?? 0;
}

void test('megabytes of junk and a one-byte drip are cut off while 20 loggers are all acknowledged', async () => {
  const rig = await startRig(GOOD, { gateway: { maxJunkBytes: 64 * 1024, frameTimeoutMs: 1000 } });
  const junk = await TestLogger.open(rig.gateway.port);
  const drip = await TestLogger.open(rig.gateway.port);
  const good = await Promise.all(Array.from({ length: GOOD }, () => TestLogger.open(rig.gateway.port)));
  let dripTimer: NodeJS.Timeout | undefined;
  try {
    // 8 MiB without a single `##`, written as fast as the socket takes it.
    const junkChunk = Buffer.alloc(64 * 1024, 'x');
    let junkSent = 0;
    const pump = (): void => {
      while (!junk.closed && junkSent < 8 * 1024 * 1024) {
        junkSent += junkChunk.length;
        if (!junk.socket.write(junkChunk)) {
          junk.socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
    // A frame, one byte every 100 ms: it would take over a minute to finish.
    const slow = minuteFrame(benchMn(1), 999);
    let at = 0;
    dripTimer = setInterval(() => {
      if (at < slow.length && !drip.closed) drip.send(slow.subarray(at, ++at));
    }, 100);

    const sent: Array<{ logger: TestLogger; qn: string }> = [];
    for (let m = 0; m < FRAMES_EACH; m++) {
      good.forEach((logger, i) => {
        const frame = minuteFrame(benchMn(i + 1), m);
        sent.push({ logger, qn: qnOf(frame) });
        logger.send(frame);
      });
      await new Promise((r) => setTimeout(r, 20));
    }
    await eventually(() => sent.every(({ logger, qn }) => logger.acksFor(qn) === 1), 30_000, 'every good frame acknowledged');
    await junk.until(() => junk.closed, 30_000, 'the junk connection to be cut');
    await drip.until(() => drip.closed, 30_000, 'the drip connection to be cut');

    assert.equal(await closedBy(rig, 'junk'), 1);
    assert.equal(await closedBy(rig, 'frame_timeout'), 1);
    // Memory stays bounded: the gateway stopped reading the junk long before the 8 MiB were offered.
    const { values } = await rig.gateway.metrics.bytesReceived.get();
    const received = values.reduce((s, v) => s + v.value, 0);
    assert.ok(received < 2 * 1024 * 1024, `read ${received} bytes; the junk client offered ${junkSent}`);
    assert.equal(await countRows(rig.database, 'raw_frames', { verdict: 'accepted' }), GOOD * FRAMES_EACH);
    assert.equal(good.filter((l) => l.closed).length, 0, 'no good logger was disconnected');
  } finally {
    clearInterval(dripTimer);
    for (const l of [junk, drip, ...good]) l.close();
    await rig.dispose();
  }
});

void test('graceful stop: commits what was received and answers it before closing', async () => {
  let gate: ReturnType<typeof gatedSink> | undefined;
  const rig = await startRig(4, { wrapSink: (s: DurableSink) => (gate = gatedSink(s)).sink });
  const loggers = await Promise.all([1, 2, 3, 4].map(() => TestLogger.open(rig.gateway.port)));
  try {
    assert.ok(gate);
    gate.hold();
    const frames = loggers.map((l, i) => {
      const f = minuteFrame(benchMn(i + 1), 0);
      l.send(f);
      return { l, qn: qnOf(f) };
    });
    await eventually(() => gate!.held > 0, 10_000, 'commits in flight');
    await eventually(() => rig.gateway.metrics.inflightFrames.get().then((m) => (m.values[0]?.value ?? 0) === 0 || gate!.held > 0), 10_000, 'frames queued');
    const stopped = rig.gateway.stop();
    let stopDone = false;
    void stopped.then(() => (stopDone = true));
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(stopDone, false, 'stop waits for the commit in flight');
    gate.release();
    await stopped;
    // Every logger got its ack before the gateway closed the connection.
    for (const { l, qn } of frames) {
      await l.until(() => l.closed, 10_000, 'the connection to close');
      assert.equal(l.acksFor(qn), 1, 'acknowledged before close');
    }
    assert.equal(await countRows(rig.database, 'raw_frames', { verdict: 'accepted' }), frames.length);
  } finally {
    for (const l of loggers) l.close();
    await rig.dispose();
  }
});
