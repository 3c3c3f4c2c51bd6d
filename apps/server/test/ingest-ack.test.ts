// The gateway's promise: a 9014 only after the frame and its readings are durable; retransmissions never
// double a reading; corrections keep both raw frames; heartbeats answered; no reply without the A bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodePacket, formatBeijingTime } from '@ecoenforce/hj212';
import { TestLogger, benchMn, countRows, eventually, gatedSink, minuteFrame, qnOf, startRig, PW, T0 } from './ingest-fixtures.ts';
import { readingsRepository } from '../src/repositories/readings.ts';
import type { DurableSink } from '../src/ingest/sink.ts';

void test('9014 is sent only after the sink confirms the commit, echoing QN', async () => {
  let gate: ReturnType<typeof gatedSink> | undefined;
  const rig = await startRig(2, { wrapSink: (s: DurableSink) => (gate = gatedSink(s)).sink });
  const logger = await TestLogger.open(rig.gateway.port);
  try {
    assert.ok(gate);
    gate.hold();
    const frame = minuteFrame(benchMn(1), 0);
    logger.send(frame);
    await eventually(() => gate!.held > 0, 10_000, 'the commit to reach the sink');
    // The commit is held: nothing is durable and nothing may be acknowledged.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(logger.acksFor(qnOf(frame)), 0, 'no ack before the commit');
    assert.equal(await countRows(rig.database, 'raw_frames'), 0);
    gate.release();
    await logger.until(() => logger.acksFor(qnOf(frame)) === 1, 10_000, '9014');
    // When the ack arrives, the raw frame and its reading are already there.
    assert.equal(await countRows(rig.database, 'raw_frames', { verdict: 'accepted' }), 1);
    assert.equal(await countRows(rig.database, 'readings'), 1);
    const ack = logger.replies.find((r) => r.cn === '9014');
    assert.equal(ack?.st, '91');
    assert.equal(ack?.mn, benchMn(1));
  } finally {
    logger.close();
    await rig.dispose();
  }
});

void test('a retransmission is acked again but stored once; a correction keeps both raw frames', async () => {
  const rig = await startRig(2);
  const logger = await TestLogger.open(rig.gateway.port);
  try {
    const first = minuteFrame(benchMn(1), 0, { so2: 20 });
    logger.send(first);
    logger.send(first); // the logger's retransmission after a lost ack: identical bytes, same QN
    await logger.until(() => logger.acksFor(qnOf(first)) === 2, 10_000, 'two acks');
    assert.equal(await countRows(rig.database, 'raw_frames'), 1);
    assert.equal(await countRows(rig.database, 'readings'), 1);

    // A corrected packet for the same MN, CN and DataTime (new QN, new value).
    const corrected = minuteFrame(benchMn(1), 0, { so2: 25, qnAt: T0 + 600_000 });
    logger.send(corrected);
    await logger.until(() => logger.acksFor(qnOf(corrected)) === 1, 10_000, 'ack of the correction');
    assert.equal(await countRows(rig.database, 'raw_frames'), 2, 'both raw frames kept as evidence');
    assert.equal(await countRows(rig.database, 'readings'), 1, 'still one reading for the period');
    const rows = [];
    const point = await rig.database.db.selectFrom('monitoring_points').select('id').where('mn', '=', benchMn(1)).executeTakeFirstOrThrow();
    for await (const r of readingsRepository(rig.database.db).stream({ pointId: point.id, periodKind: 'min' })) rows.push(r);
    assert.equal(rows.length, 1);
    assert.equal(JSON.stringify(rows[0]).includes('25'), true, 'the reading carries the corrected value');
  } finally {
    logger.close();
    await rig.dispose();
  }
});

void test('no reply without the A bit (still stored); the 2025 heartbeat 9015 is answered with 9013', async () => {
  const rig = await startRig(1);
  const logger = await TestLogger.open(rig.gateway.port);
  try {
    const quiet = minuteFrame(benchMn(1), 3, { flag: 4 }); // 2017, A=0
    logger.send(quiet);
    await eventually(async () => (await countRows(rig.database, 'raw_frames')) === 1, 10_000, 'the frame to be stored');
    const heartbeat = encodePacket({ qn: formatBeijingTime(Date.now(), 17), st: '31', cn: '9015', pw: PW, mn: benchMn(1), flag: 9, cp: [] });
    logger.send(heartbeat);
    await logger.until(() => logger.replies.some((r) => r.cn === '9013' && r.qn === qnOf(heartbeat)), 10_000, '9013');
    assert.equal(logger.acksFor(qnOf(quiet)), 0, 'a frame without the A bit is not acknowledged');
    assert.equal(logger.replies.filter((r) => r.cn === '9014').length, 0);
  } finally {
    logger.close();
    await rig.dispose();
  }
});
