// Bad input at the gateway: each kind rejected, quarantined with its reason, counted on /metrics, never
// acknowledged; the same connection's later good frames are still stored and acknowledged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { serveMetrics } from '../src/ingest/metrics.ts';
import { framesRepository } from '../src/repositories/frames.ts';
import { TestLogger, benchMn, countRows, eventually, minuteFrame, qnOf, startRig } from './ingest-fixtures.ts';

/** Flips the CRC's last hex digit, keeping it a valid hex digit. */
function breakCrc(frame: Buffer): Buffer {
  const out = Buffer.from(frame);
  const at = out.length - 3; // …CRC(4) CR LF
  out[at] = out[at] === 0x30 ? 0x31 : 0x30;
  return out;
}

function metricValue(text: string, name: string, label?: string): number {
  const line = text.split('\n').find((l) => l.startsWith(label === undefined ? `${name} ` : `${name}{${label}}`));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

void test('unknown MN, wrong PW, bad CRC, unregistered MODBUS, oversize: quarantined, counted, not acked; good frames go on', async () => {
  const rig = await startRig(2, { gateway: { maxSegment: 1024 } });
  const metricsServer = await serveMetrics(rig.gateway.metrics.registry, '127.0.0.1', 0);
  const metricsUrl = `http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}/metrics`;
  const logger = await TestLogger.open(rig.gateway.port);
  try {
    const bad = {
      unknown_mn: minuteFrame(benchMn(99), 0),
      wrong_pw: minuteFrame(benchMn(1), 1, { pw: '654321' }),
      crc_mismatch: breakCrc(minuteFrame(benchMn(1), 2)),
      crc_variant_not_allowed: minuteFrame(benchMn(1), 3, { crcVariant: 'modbus-lo-first' }),
      oversize: Buffer.from(`##2000QN=1;${'x'.repeat(1994)}1234\r\n`, 'latin1'),
    };
    const good: Buffer[] = [];
    let minute = 10;
    // Each bad frame is followed on the same connection by a good one.
    for (const frame of Object.values(bad)) {
      logger.send(frame);
      const ok = minuteFrame(benchMn(2), minute++);
      good.push(ok);
      logger.send(ok);
    }
    await logger.until(() => good.every((g) => logger.acksFor(qnOf(g)) === 1), 15_000, 'acks of the good frames');
    for (const [reason, frame] of Object.entries(bad)) {
      if (reason !== 'oversize') assert.equal(logger.acksFor(qnOf(frame)), 0, `${reason} must not be acknowledged`);
    }
    assert.equal(logger.replies.filter((r) => r.cn === '9014').length, good.length, 'exactly one ack per good frame');
    assert.equal(logger.closed, false, 'the connection stays open');

    const frames = framesRepository(rig.database.db);
    await eventually(async () => (await countRows(rig.database, 'raw_frames', { verdict: 'quarantined' })) === 5, 10_000, 'quarantine rows');
    const byReason = await frames.quarantineReasonCounts();
    assert.deepEqual(byReason, { unknown_mn: 1, wrong_pw: 1, crc_mismatch: 1, crc_variant_not_allowed: 1, oversize: 1 });
    // Evidence: the quarantined bytes are the bytes received.
    const [wrongPw] = await frames.listQuarantine({ reason: 'wrong_pw' });
    assert.ok(wrongPw);
    const row = await frames.get(wrongPw.id);
    assert.deepEqual(Buffer.from(row!.bytes), bad.wrong_pw);
    assert.equal(await countRows(rig.database, 'raw_frames', { verdict: 'accepted' }), good.length);

    const text = await (await fetch(metricsUrl)).text();
    for (const reason of Object.keys(bad)) {
      assert.equal(metricValue(text, 'hj212_frames_rejected_total', `reason="${reason}"`), 1, `${reason} counted`);
    }
    assert.equal(metricValue(text, 'hj212_frames_accepted_total', 'cn="2051"'), good.length);
    assert.equal(metricValue(text, 'hj212_connections'), 1);
    assert.equal(metricValue(text, 'hj212_acks_sent_total'), good.length);
    assert.ok(metricValue(text, 'hj212_commit_batch_frames_count') >= 1, 'commit batch histogram');
    assert.equal(metricValue(text, 'hj212_ack_latency_seconds_count'), good.length, 'ack latency histogram');
    const health = await fetch(metricsUrl.replace('/metrics', '/healthz'));
    assert.equal(health.status, 200);
  } finally {
    logger.close();
    await new Promise<void>((r) => metricsServer.close(() => r()));
    await rig.dispose();
  }
});

void test('quarantine is rate-limited per connection, and the flood is still counted', async () => {
  const rig = await startRig(1, { gateway: { quarantinePerMinute: 3 } });
  const logger = await TestLogger.open(rig.gateway.port);
  try {
    for (let i = 0; i < 10; i++) logger.send(minuteFrame(benchMn(50), i));
    const ok = minuteFrame(benchMn(1), 0);
    logger.send(ok);
    await logger.until(() => logger.acksFor(qnOf(ok)) === 1, 10_000, 'ack');
    await eventually(async () => (await countRows(rig.database, 'raw_frames', { verdict: 'quarantined' })) === 3, 10_000, 'three quarantine rows');
    const snapshot = await rig.gateway.metrics.framesRejected.get();
    assert.equal(snapshot.values.find((v) => v.labels.reason === 'unknown_mn')?.value, 10);
  } finally {
    logger.close();
    await rig.dispose();
  }
});
