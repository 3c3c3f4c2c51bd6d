// Bad input at the gateway: each kind is rejected, never acknowledged, quarantined with its reason and
// counted on the real /metrics endpoint; the same connection's next good frame is still stored and acked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { crc16Hj212, formatCrc } from '@ecoenforce/hj212';
import type { ServerConfig } from '../src/config.ts';
import { startServer, type RunningServer } from '../src/container.ts';
import { DEFAULT_GATEWAY_OPTIONS } from '../src/monitoring/gateway/context.ts';
import { startGateway } from '../src/monitoring/gateway/gateway.ts';
import { createFrameSink } from '../src/monitoring/repositories/frame-sink.ts';
import { loadRegistry } from '../src/monitoring/repositories/points.ts';
import {
  PW, StoreReader, TestLogger, benchMn, eventually, fetchMetrics, metricValue, minuteFrame, qnOf, seededStore, tempStore,
} from './gateway-fixtures.ts';

/** A frame around any data segment, with the standard CRC (so only the segment is wrong). */
function frameOf(segment: string): Buffer {
  const seg = Buffer.from(segment, 'latin1');
  return Buffer.concat([Buffer.from(`##${String(seg.length).padStart(4, '0')}`), seg, Buffer.from(`${formatCrc(crc16Hj212(seg), 'hj212')}\r\n`)]);
}

/** Flips the CRC's last hex digit, keeping it a hex digit. */
function breakCrc(frame: Buffer): Buffer {
  const out = Buffer.from(frame);
  const at = out.length - 3; // …CRC(4) CR LF
  out[at] = out[at] === 0x30 ? 0x31 : 0x30;
  return out;
}

/** The length field raised by `by`: the frame claims bytes that belong to the next one. */
function overclaim(frame: Buffer, by: number): Buffer {
  const out = Buffer.from(frame);
  out.write(String(Number(out.toString('latin1', 2, 6)) + by).padStart(4, '0'), 2, 'latin1');
  return out;
}

const MODBUS_MN = benchMn(3);

void describe('gateway rejections', () => {
  const store = tempStore('reject');
  let server: RunningServer;
  let reader: StoreReader;
  let metricsUrl: string;

  before(async () => {
    const database = await seededStore(store.url, 3, [MODBUS_MN]);
    const config: ServerConfig = {
      db: store.url,
      gateway: { ...DEFAULT_GATEWAY_OPTIONS, host: '127.0.0.1', port: 0, maxSegment: 1024, quarantinePerMinute: 1000 },
      metricsHost: '127.0.0.1',
      metricsPort: 0,
      httpHost: '127.0.0.1',
      httpPort: -1,
      secureCookies: false,
      trustProxy: false,
    };
    server = await startServer(config, database);
    assert.ok(server.metricsUrl !== null);
    metricsUrl = server.metricsUrl;
    reader = new StoreReader(store.file);
  });
  after(async () => {
    reader.close();
    await server.stop();
    store.remove();
  });

  void test('each bad frame is quarantined with its reason, counted, not acked; the next good frame on the connection is', async () => {
    const logger = await TestLogger.open(server.gateway.port);
    const mn = benchMn(1);
    const bad: Record<string, Buffer> = {
      bad_header: Buffer.from('AT+CIPSEND=1\r\n# not a frame\r\n', 'latin1'),
      unknown_mn: minuteFrame(benchMn(99), 0),
      wrong_pw: minuteFrame(mn, 1, { pw: '654321' }),
      crc_mismatch: breakCrc(minuteFrame(mn, 2)),
      crc_variant_not_allowed: minuteFrame(mn, 3, { crcVariant: 'modbus-lo-first' }),
      oversize: Buffer.from(`##2000QN=20261128100000000;ST=31;CN=2051;PW=${PW};MN=${mn};Flag=5;CP=&&${'x'.repeat(1930)}&&ABCD\r\n`, 'latin1'),
      bad_length: overclaim(minuteFrame(mn, 5), 60),
      missing_field: frameOf(`QN=20261128100600000;ST=31;CN=2051;PW=${PW};Flag=5;CP=&&DataTime=20261128100600&&`),
    };
    const good: Buffer[] = [];
    let minute = 10;
    for (const [reason, frame] of Object.entries(bad)) {
      logger.send(frame);
      const ok = minuteFrame(mn, minute++);
      good.push(ok);
      logger.send(ok);
      // One at a time, so each reason is judged alone and the good frame after it is its witness.
      await eventually(() => logger.repliesFor(qnOf(ok)) === 1, `the good frame after ${reason} to be acked`);
    }
    await logger.barrier(mn);
    for (const [reason, frame] of Object.entries(bad)) {
      assert.equal(logger.repliesFor(qnOf(frame)), 0, `${reason} must not be acknowledged`);
    }
    assert.equal(logger.replies.filter((r) => r.cn === '9014').length, good.length, 'one ack per good frame, none for the bad ones');
    assert.equal(logger.closed, false, 'the connection stays open');

    await eventually(() => reader.rawFrames('quarantined') === Object.keys(bad).length, 'every bad frame in quarantine');
    const expected = Object.fromEntries(Object.keys(bad).map((r) => [r, 1]));
    assert.deepEqual(reader.quarantine(), expected);
    // Frames that decoded are kept whole, exactly as received.
    for (const reason of ['bad_header', 'unknown_mn', 'wrong_pw', 'crc_mismatch', 'crc_variant_not_allowed', 'missing_field']) {
      assert.deepEqual(reader.quarantinedBytes(reason), [bad[reason]], `${reason}: the bytes received are the evidence`);
    }
    for (const g of good) assert.equal(reader.framesFor(mn, qnOf(g)), 1);
    assert.equal(reader.framesFor(mn, qnOf(bad.wrong_pw!)), 0, 'a rejected frame is never an accepted one');

    const text = await fetchMetrics(metricsUrl);
    for (const reason of Object.keys(bad)) {
      assert.equal(metricValue(text, 'hj212_frames_rejected_total', `reason="${reason}"`), 1, `${reason} counted on /metrics`);
    }
    assert.equal(metricValue(text, 'hj212_frames_accepted_total', 'cn="2051"'), good.length);
    assert.equal(metricValue(text, 'hj212_connections'), 1, 'open connections');
    assert.equal(metricValue(text, 'hj212_connections_total'), 1);
    const acks = metricValue(text, 'hj212_acks_sent_total');
    assert.equal(acks, good.length + 1, 'the good frames and the barrier heartbeat');
    assert.equal(metricValue(text, 'hj212_ack_latency_seconds_count'), acks, 'ack latency histogram: one sample per reply');
    assert.ok(metricValue(text, 'hj212_ack_latency_seconds_bucket', 'le="+Inf"') === acks);
    const commits = metricValue(text, 'hj212_commit_batch_frames_count');
    assert.ok(commits >= good.length, 'commit batch size histogram: one sample per commit');
    assert.equal(metricValue(text, 'hj212_commit_batch_frames_sum'), good.length + Object.keys(bad).length, 'every stored row in some batch');
    assert.equal(metricValue(text, 'hj212_commit_batch_frames_bucket', 'le="+Inf"'), commits);
    logger.close();
    await eventually(async () => metricValue(await fetchMetrics(metricsUrl), 'hj212_connections') === 0, 'the gauge to drop on close');
  });

  void test('MODBUS CRC from a point registered for it, and lower-case hex from anyone, are accepted', async () => {
    const logger = await TestLogger.open(server.gateway.port);
    const modbus = minuteFrame(MODBUS_MN, 0, { crcVariant: 'modbus-lo-first' });
    // A minute whose CRC has a hex letter, so lower case is visible.
    let minute = 1;
    while (!/[a-f]/.test(minuteFrame(benchMn(2), minute, { crcVariant: 'hj212-lowercase' }).subarray(-6, -2).toString('latin1'))) minute++;
    const lower = minuteFrame(benchMn(2), minute, { crcVariant: 'hj212-lowercase' });
    logger.send(modbus);
    logger.send(lower);
    await eventually(() => logger.repliesFor(qnOf(modbus)) === 1 && logger.repliesFor(qnOf(lower)) === 1, 'both acks');
    assert.deepEqual(
      reader.all<{ crc_variant: string }>(`select crc_variant from raw_frames where mn in (?, ?) and verdict = 'accepted' order by mn`, benchMn(2), MODBUS_MN).map((r) => r.crc_variant),
      ['hj212-lowercase', 'modbus-lo-first'],
    );
    logger.close();
  });

  void test('a flood of rejects is counted in full but quarantined at most quarantinePerMinute per connection', async () => {
    // A gateway of its own with a small quarantine budget, on the same store.
    const gw = await startGateway(
      { sink: createFrameSink(server.database), registry: await loadRegistry(server.database) },
      { host: '127.0.0.1', port: 0, quarantinePerMinute: 3 },
    );
    const before = reader.rawFrames('quarantined');
    const logger = await TestLogger.open(gw.port);
    try {
      for (let i = 0; i < 25; i++) logger.send(minuteFrame(benchMn(77), i));
      const ok = minuteFrame(benchMn(2), 50);
      logger.send(ok);
      await eventually(() => logger.repliesFor(qnOf(ok)) === 1, 'the good frame after the flood');
      await eventually(() => reader.rawFrames('quarantined') === before + 3, 'three quarantine rows');
      const { values } = await gw.metrics.framesRejected.get();
      assert.equal(values.find((v) => v.labels.reason === 'unknown_mn')?.value, 25, 'every reject counted');
      const dropped = await gw.metrics.quarantineDropped.get();
      assert.equal(dropped.values[0]?.value, 22, 'the rest counted as dropped');
    } finally {
      logger.close();
      await gw.stop();
    }
  });
});
