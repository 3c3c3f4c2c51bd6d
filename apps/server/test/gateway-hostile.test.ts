// Hostile clients cannot starve the others or grow the gateway's memory: a junk flood, a flood of broken
// headers, a frame dripped a byte at a time, junk dripped a byte at a time, and a logger that never reads
// its replies; meanwhile 20 good loggers are all acknowledged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_GATEWAY_OPTIONS } from '../src/monitoring/gateway/context.ts';
import type { Gateway } from '../src/monitoring/gateway/gateway.ts';
import type { DurableSink } from '../src/monitoring/gateway/sink.ts';
import { TestLogger, benchMn, eventually, gatedSink, heartbeat, minuteFrame, qnOf, startRig, type GatewayRig } from './gateway-fixtures.ts';

const GOOD = 20;
const MAX_SEGMENT = DEFAULT_GATEWAY_OPTIONS.maxSegment;

async function counter(gateway: Gateway, metric: 'connectionsClosed' | 'backpressure', label: string): Promise<number> {
  const { values } = await gateway.metrics[metric].get();
  return values.filter((v) => Object.values(v.labels).includes(label)).reduce((s, v) => s + v.value, 0);
}

async function bytesRead(rig: GatewayRig): Promise<number> {
  return (await rig.gateway.metrics.bytesReceived.get()).values.reduce((s, v) => s + v.value, 0);
}

/** Records the largest per-connection buffers the gateway holds, sampled on every event-loop turn. */
function watchBuffers(gateway: Gateway): { stop(): { framer: number; replies: number } } {
  let framer = 0;
  let replies = 0;
  let on = true;
  const sample = (): void => {
    const b = gateway.bufferStats();
    framer = Math.max(framer, b.framerBytes);
    replies = Math.max(replies, b.replyBytes);
    if (on) setImmediate(sample);
  };
  sample();
  return {
    stop() {
      on = false;
      return { framer, replies };
    },
  };
}

/** Writes `total` bytes of `chunk` as fast as the socket takes them, until done or the socket closes. */
function flood(logger: TestLogger, chunk: Buffer, total: number): { readonly sent: number } {
  const state = { sent: 0 };
  const pump = (): void => {
    while (!logger.closed && state.sent < total) {
      state.sent += chunk.length;
      if (!logger.socket.write(chunk)) {
        logger.socket.once('drain', pump);
        return;
      }
    }
  };
  pump();
  return state;
}

void test('junk floods and drips are cut off and counted while 20 good loggers are all acknowledged', async () => {
  const rig = await startRig(GOOD, { gateway: { maxJunkBytes: 64 * 1024, frameTimeoutMs: 1000, idleTimeoutMs: 2000 } });
  const junk = await TestLogger.open(rig.gateway.port);
  const headers = await TestLogger.open(rig.gateway.port);
  const drip = await TestLogger.open(rig.gateway.port);
  const junkDrip = await TestLogger.open(rig.gateway.port);
  const good = await Promise.all(Array.from({ length: GOOD }, () => TestLogger.open(rig.gateway.port)));
  const buffers = watchBuffers(rig.gateway);
  const timers: NodeJS.Timeout[] = [];
  try {
    // 8 MiB without a single `##`; 8 MiB of `##` headers that never make a frame (each claims 9,999 bytes).
    const junkFlood = flood(junk, Buffer.alloc(64 * 1024, 'x'), 8 << 20);
    const headerFlood = flood(headers, Buffer.from(`##9999QN=1;${'y'.repeat(9990)}`.repeat(6), 'latin1'), 8 << 20);
    // A real frame, one byte per 100 ms (it would take a minute); and junk, one byte per 100 ms, forever.
    const slow = minuteFrame(benchMn(1), 999);
    let at = 0;
    timers.push(setInterval(() => at < slow.length && !drip.closed && drip.send(slow.subarray(at, ++at)), 100));
    timers.push(setInterval(() => !junkDrip.closed && junkDrip.send(Buffer.from('x')), 100));

    // The good loggers keep sending a minute frame every 50 ms each until every hostile client is gone.
    const sent: Array<{ logger: TestLogger; qn: string }> = [];
    const hostile = [junk, headers, drip, junkDrip];
    for (let minute = 0; hostile.some((h) => !h.closed) || minute < 10; minute++) {
      assert.ok(minute < 600, 'hang guard: hostile clients still open after 600 rounds');
      good.forEach((logger, i) => {
        const frame = minuteFrame(benchMn(i + 1), minute);
        sent.push({ logger, qn: qnOf(frame) });
        logger.send(frame);
      });
      await new Promise((r) => setTimeout(r, 50));
    }
    await eventually(() => sent.every(({ logger, qn }) => logger.repliesFor(qn) === 1), 'every good frame acknowledged');
    assert.equal(good.filter((l) => l.closed).length, 0, 'no good logger was disconnected');

    assert.equal(await counter(rig.gateway, 'connectionsClosed', 'junk'), 2, 'both floods cut as junk');
    assert.equal(await counter(rig.gateway, 'connectionsClosed', 'frame_timeout'), 1, 'the frame drip cut by frameTimeoutMs');
    assert.equal(await counter(rig.gateway, 'connectionsClosed', 'idle'), 1, 'the junk drip cut: no frame within idleTimeoutMs');
    assert.equal(rig.gateway.connectionCount, GOOD);
    // Memory stays bounded: the gateway stopped reading the floods long before they were all offered, and
    // no connection ever held more than one incomplete frame.
    const read = await bytesRead(rig);
    assert.ok(read < 4 << 20, `read ${read} bytes; the floods offered ${junkFlood.sent + headerFlood.sent}`);
    const max = buffers.stop();
    assert.ok(max.framer <= MAX_SEGMENT + 18, `a framer held ${max.framer} bytes`);
  } finally {
    buffers.stop();
    for (const t of timers) clearInterval(t);
    for (const l of [junk, headers, drip, junkDrip, ...good]) l.close();
    await rig.dispose();
  }
});

void test('a logger that never reads its replies is paused, not buffered; others are answered meanwhile', async () => {
  const cap = 64 * 1024;
  const rig = await startRig(2, { gateway: { maxQueuedReplyBytes: cap } });
  const deaf = await TestLogger.open(rig.gateway.port);
  const other = await TestLogger.open(rig.gateway.port);
  const buffers = watchBuffers(rig.gateway);
  try {
    deaf.socket.pause(); // reads nothing: every 9013 stays in flight
    const beats: Buffer[] = [];
    for (let i = 0; i < 2000; i++) beats.push(heartbeat(benchMn(1)));
    const block = Buffer.concat(beats);
    const total = 24 << 20;
    const rounds = Math.ceil(total / block.length);
    const offered = flood(deaf, block, rounds * block.length);
    await eventually(async () => (await counter(rig.gateway, 'backpressure', 'replies')) >= 1, 'the gateway to stop reading the deaf logger');
    const readWhilePaused = await bytesRead(rig);
    assert.ok(readWhilePaused < rounds * block.length, 'paused before the whole flood was read');

    const frame = minuteFrame(benchMn(2), 0);
    other.send(frame);
    await eventually(() => other.repliesFor(qnOf(frame)) === 1, 'the other logger acknowledged');

    // Reading again, the deaf logger gets a reply for every heartbeat it sent: nothing was dropped.
    deaf.socket.resume();
    await eventually(() => offered.sent === rounds * block.length, 'the whole flood written', 60_000);
    await eventually(() => deaf.replies.length === rounds * beats.length, 'a 9013 for every heartbeat', 60_000);
    assert.ok(deaf.replies.every((r) => r.cn === '9013'));
    const max = buffers.stop();
    // One read chunk of heartbeats may be answered past the cap before the pause takes effect.
    assert.ok(max.replies <= cap + 256 * 1024, `the gateway queued ${max.replies} reply bytes for one connection`);
  } finally {
    buffers.stop();
    deaf.close();
    other.close();
    await rig.dispose();
  }
});

void test('a logger that outruns the store is paused at maxInflightPerConnection and resumed after the commit', async () => {
  let gate: ReturnType<typeof gatedSink> | undefined;
  const rig = await startRig(1, { gateway: { maxInflightPerConnection: 4 }, wrapSink: (s: DurableSink) => (gate = gatedSink(s)).sink });
  const logger = await TestLogger.open(rig.gateway.port);
  try {
    assert.ok(gate);
    gate.hold();
    const frames = [0, 1, 2, 3].map((m) => minuteFrame(benchMn(1), m));
    logger.send(Buffer.concat(frames));
    await eventually(async () => (await counter(rig.gateway, 'backpressure', 'commits')) === 1, 'the gateway to stop reading');
    // Sent while reading is paused: read, and answered at once, only after the commits let it resume.
    const hb = heartbeat(benchMn(1));
    logger.send(hb);
    gate.release();
    await eventually(() => logger.repliesFor(qnOf(hb), '9013') === 1, 'the heartbeat answered after the resume');
    const order = logger.replies.filter((r) => r.cn.startsWith('90')).map((r) => r.qn);
    assert.deepEqual(order, [...frames.map(qnOf), qnOf(hb)], 'the four acks first: the heartbeat was not read while paused');
  } finally {
    logger.close();
    await rig.dispose();
  }
});
