// Failure paths around the gateway: a pipelining logger is not mistaken for a slow drip, a held store does
// not cut loggers nor hang the stop, a half-started server releases its port, and bad settings are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { ConfigError, loadConfig } from '../src/config.ts';
import { startServer } from '../src/container.ts';
import { DEFAULT_GATEWAY_OPTIONS } from '../src/monitoring/gateway/context.ts';
import type { DurableSink } from '../src/monitoring/gateway/sink.ts';
import { TestLogger, benchMn, eventually, gatedSink, minuteFrame, qnOf, seededStore, startRig, tempStore } from './gateway-fixtures.ts';

async function counter(metric: { get(): Promise<{ values: Array<{ labels: Record<string, unknown>; value: number }> }> }, label?: string): Promise<number> {
  const values = (await metric.get()).values;
  if (label === undefined) return values.reduce((a, v) => a + v.value, 0);
  return values.find((v) => Object.values(v.labels).includes(label))?.value ?? 0;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

void test('a logger whose every chunk ends inside its next frame is not cut as a slow drip', async () => {
  const rig = await startRig(1, { gateway: { frameTimeoutMs: 1000 } });
  const logger = await TestLogger.open(rig.gateway.port);
  try {
    const mn = benchMn(1);
    const frames = Array.from({ length: 40 }, (_, i) => minuteFrame(mn, i));
    // Every write carries the rest of one frame and the first half of the next, for 4 s: the framer always
    // holds a partial frame between chunks, but frames keep completing.
    const half = (f: Buffer): number => Math.floor(f.length / 2);
    logger.send(frames[0]!.subarray(0, half(frames[0]!)));
    for (let i = 0; i < frames.length - 1; i++) {
      await sleep(100);
      logger.send(Buffer.concat([frames[i]!.subarray(half(frames[i]!)), frames[i + 1]!.subarray(0, half(frames[i + 1]!))]));
    }
    await sleep(100);
    logger.send(frames.at(-1)!.subarray(half(frames.at(-1)!)));
    await eventually(() => frames.every((f) => logger.repliesFor(qnOf(f)) === 1), 'every frame acknowledged');
    assert.equal(logger.closed, false, 'the connection is still open');
    assert.equal(await counter(rig.gateway.metrics.connectionsClosed, 'frame_timeout'), 0);
  } finally {
    logger.close();
    await rig.dispose();
  }
});

void test('a logger held back by a slow store is not cut by the frame timeout while it waits for us', async () => {
  let gate: ReturnType<typeof gatedSink> | undefined;
  const rig = await startRig(1, {
    gateway: { frameTimeoutMs: 1000, maxInflightPerConnection: 2 },
    wrapSink: (s: DurableSink) => (gate = gatedSink(s)).sink,
  });
  const logger = await TestLogger.open(rig.gateway.port);
  try {
    assert.ok(gate);
    gate.hold();
    const mn = benchMn(1);
    const frames = Array.from({ length: 6 }, (_, i) => minuteFrame(mn, i));
    // Two whole frames fill the window; the third arrives in the same chunk and stays half-read.
    logger.send(Buffer.concat([frames[0]!, frames[1]!, frames[2]!.subarray(0, 100)]));
    await eventually(() => gate!.held > 0, 'a commit held in the store');
    await sleep(2500); // more than two sweeps past the frame timeout
    assert.equal(logger.closed, false, 'the waiting logger was not cut');
    gate.release();
    logger.send(Buffer.concat([frames[2]!.subarray(100), frames[3]!, frames[4]!, frames[5]!]));
    await eventually(() => frames.every((f) => logger.repliesFor(qnOf(f)) === 1), 'every frame acknowledged after the store resumed');
    assert.equal(await counter(rig.gateway.metrics.connectionsClosed, 'frame_timeout'), 0);
  } finally {
    logger.close();
    await rig.dispose();
  }
});

void test('stop() gives up on a store that never answers after stopDrainMs, and acknowledges nothing it did not store', async () => {
  let gate: ReturnType<typeof gatedSink> | undefined;
  const rig = await startRig(1, { gateway: { stopDrainMs: 300 }, wrapSink: (s: DurableSink) => (gate = gatedSink(s)).sink });
  const logger = await TestLogger.open(rig.gateway.port);
  try {
    assert.ok(gate);
    gate.hold();
    const frame = minuteFrame(benchMn(1), 0);
    logger.send(frame);
    await eventually(() => gate!.held > 0, 'a commit held in the store');
    await rig.gateway.stop(); // resolves although the store never answers
    await eventually(() => logger.closed, 'the connection closed');
    assert.equal(logger.repliesFor(qnOf(frame)), 0, 'a frame never stored is never acknowledged');
  } finally {
    logger.close();
    gate?.release();
    await rig.dispose();
  }
});

function listenAnywhere(): Promise<Server> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

void test('startServer whose metrics port is taken fails, and releases the gateway port and the store', async () => {
  const store = tempStore('half');
  const database = await seededStore(store.url, 1);
  await database.close();
  const taken = await listenAnywhere();
  const free = await listenAnywhere();
  const gatewayPort = (free.address() as AddressInfo).port;
  await new Promise((r) => free.close(r));
  try {
    const config = loadConfig(['--db', store.url, '--port', String(gatewayPort), '--http-port=-1', '--metrics-port', String((taken.address() as AddressInfo).port)], {}).config;
    await assert.rejects(startServer(config), /EADDRINUSE/);
    // The gateway that had started is closed again: nothing listens on its port.
    await assert.rejects(
      new Promise<void>((resolve, reject) => {
        const s = connect({ host: '127.0.0.1', port: gatewayPort }, () => {
          s.destroy();
          resolve();
        });
        s.once('error', reject);
      }),
      /ECONNREFUSED/,
    );
    // The store was closed too, so it can be opened and started again on free ports.
    const again = await startServer(loadConfig(['--db', store.url, '--port', '0', '--metrics-port', '0', '--http-port', '0'], {}).config);
    await again.stop();
  } finally {
    await new Promise((r) => taken.close(r));
    store.remove();
  }
});

void test('settings out of range are refused with a typed error before anything starts', () => {
  for (const args of [
    ['--idle-timeout', '0'],
    ['--idle-timeout=-5'],
    ['--idle-timeout', '1.5'],
    ['--max-segment', '0'],
    ['--max-segment', '10000'],
    ['--port', '70000'],
    ['--metrics-port=-2'],
  ]) {
    assert.throws(() => loadConfig(args, {}), (e: unknown) => e instanceof ConfigError && e.code === 'bad_config', args.join(' '));
  }
  const ok = loadConfig(['--idle-timeout', '60', '--max-segment', '1024', '--port', '0', '--metrics-port=-1'], {}).config;
  assert.equal(ok.gateway.idleTimeoutMs, 60_000);
  assert.equal(ok.gateway.maxSegment, 1024);
  assert.equal(ok.metricsPort, -1);
  assert.equal(ok.gateway.stopDrainMs, DEFAULT_GATEWAY_OPTIONS.stopDrainMs);
});
