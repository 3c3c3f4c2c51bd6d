// The gateway's promise to a logger: a 9014 echoing QN only once the frame is in raw_frames and its reading
// in readings (checked on a second SQLite connection the moment each reply arrives); a retransmission is
// answered again but stored once; a correction keeps both raw frames; 9015 is answered 9013; no reply
// without the A bit, though the frame is stored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Packet } from '@ecoenforce/hj212';
import type { DurableSink } from '../src/monitoring/gateway/sink.ts';
import { decodeFactors } from '../src/monitoring/repositories/readings-codec.ts';
import {
  StoreReader, T0, TestLogger, benchMn, eventually, gatedSink, heartbeat, minuteFrame, qnOf, startRig, type GatewayRig,
} from './gateway-fixtures.ts';

const at = (minute: number): number => T0 + minute * 60_000;

function so2Of(reader: StoreReader, mn: string, minute: number): number | undefined {
  const row = reader.reading(mn, at(minute));
  return row === undefined ? undefined : decodeFactors(row.vals).find((f) => f.code === 'a21026')?.avg;
}

/** Checks the store synchronously as each 9014 arrives; collects what was missing at that instant. Keyed `MN/QN`. */
function checkOnEveryAck(logger: TestLogger, reader: StoreReader, sent: Map<string, { mn: string; minute: number; so2: number }>): string[] {
  const missing: string[] = [];
  logger.onReply = (p: Packet) => {
    if (p.cn !== '9014' || p.qn === null) return;
    const f = sent.get(`${p.mn}/${p.qn}`);
    if (f === undefined) return void missing.push(`ack for unknown frame ${p.mn}/${p.qn}`);
    if (reader.framesFor(f.mn, p.qn) !== 1) missing.push(`${p.qn}: raw frame not committed when acked`);
    if (so2Of(reader, f.mn, f.minute) !== f.so2) missing.push(`${p.qn}: reading not committed when acked`);
  };
  return missing;
}

void describe('gateway acknowledgements', () => {
  let rig: GatewayRig;
  let reader: StoreReader;
  let gate: ReturnType<typeof gatedSink>;
  const loggers: TestLogger[] = [];
  const open = async (): Promise<TestLogger> => {
    const l = await TestLogger.open(rig.gateway.port);
    loggers.push(l);
    return l;
  };

  before(async () => {
    rig = await startRig(4, {
      wrapSink: (s: DurableSink) => {
        gate = gatedSink(s);
        return gate.sink;
      },
    });
    reader = new StoreReader(rig.file);
  });
  after(async () => {
    for (const l of loggers) l.close();
    reader.close();
    await rig.dispose();
  });

  void test('no 9014 while the commit is held; when it arrives the frame and its reading are committed', async () => {
    const logger = await open();
    const frame = minuteFrame(benchMn(1), 0, { so2: 42 });
    const missing = checkOnEveryAck(logger, reader, new Map([[`${benchMn(1)}/${qnOf(frame)}`, { mn: benchMn(1), minute: 0, so2: 42 }]]));
    gate.hold();
    logger.send(frame);
    await eventually(() => gate.held > 0, 'the commit to reach the sink');
    // The heartbeat after the frame is answered at once: the frame has been judged, its commit is held.
    await logger.barrier(benchMn(1));
    assert.equal(logger.repliesFor(qnOf(frame)), 0, 'no ack before the commit');
    assert.equal(reader.rawFrames(), 0, 'nothing committed yet');
    gate.release();
    await eventually(() => logger.repliesFor(qnOf(frame)) === 1, '9014 after release');
    assert.deepEqual(missing, []);
    const ack = logger.replies.find((r) => r.cn === '9014');
    assert.equal(ack?.qn, qnOf(frame), 'QN echoed');
    assert.equal(ack?.st, '91');
    assert.equal(ack?.mn, benchMn(1));
    assert.equal(ack?.flag, 4, 'reply keeps the version bits, A cleared');
  });

  void test('many frames from several loggers: each ack finds its frame and reading committed', async () => {
    const sent = new Map<string, { mn: string; minute: number; so2: number }>();
    const ls = await Promise.all([1, 2, 3].map(() => open()));
    const problems = ls.map((l) => checkOnEveryAck(l, reader, sent));
    for (let minute = 100; minute < 130; minute++) {
      ls.forEach((l, i) => {
        const mn = benchMn(i + 1);
        const so2 = minute * 10 + i;
        const frame = minuteFrame(mn, minute, { so2 });
        sent.set(`${mn}/${qnOf(frame)}`, { mn, minute, so2 });
        l.send(frame);
      });
    }
    await eventually(() => ls.reduce((n, l) => n + l.replies.filter((r) => r.cn === '9014').length, 0) === sent.size, 'all acks');
    assert.deepEqual(problems.flat(), []);
    for (const [key, f] of sent) assert.equal(ls[Number(f.mn.slice(-1)) - 1]!.repliesFor(key.slice(key.indexOf('/') + 1)), 1, `${key} acked once`);
  });

  void test('a retransmission is acked again but never doubles the frame or the reading', async () => {
    const logger = await open();
    const mn = benchMn(2);
    const frame = minuteFrame(mn, 200, { so2: 7 });
    const qn = qnOf(frame);
    logger.send(frame);
    await eventually(() => logger.repliesFor(qn) === 1, 'first ack');
    // Lost ack: the logger sends the same bytes again; twice back to back (one commit batch); with an LF
    // trailer; and over a new connection after a reconnect.
    logger.send(frame);
    logger.send(frame);
    logger.send(minuteFrame(mn, 200, { so2: 7, trailer: 'lf' }));
    await eventually(() => logger.repliesFor(qn) === 4, 'three more acks');
    const again = await open();
    again.send(frame);
    await eventually(() => again.repliesFor(qn) === 1, 'ack on the new connection');
    assert.equal(reader.framesFor(mn, qn), 1, 'one raw frame');
    const row = reader.reading(mn, at(200));
    assert.equal(row?.revision, 1, 'the reading was never rewritten');
    const periods = `select count(*) n from readings r join monitoring_points p on p.id = r.point_id where p.mn = ? and r.period_start = ?`;
    assert.equal(reader.count(periods, mn, at(200)), 1);
  });

  void test('a correction (same MN, CN, DataTime, new value) keeps both raw frames and revises the reading', async () => {
    const logger = await open();
    const mn = benchMn(3);
    const first = minuteFrame(mn, 300, { so2: 20 });
    const corrected = minuteFrame(mn, 300, { so2: 25, qnAt: at(300) + 600_000 });
    logger.send(first);
    await eventually(() => logger.repliesFor(qnOf(first)) === 1, 'ack of the first');
    logger.send(corrected);
    await eventually(() => logger.repliesFor(qnOf(corrected)) === 1, 'ack of the correction');
    const frames = reader.all<{ qn: string }>(`select qn from raw_frames where mn = ? and cn = '2051' and data_time = ? order by id`, mn, at(300));
    assert.deepEqual(frames.map((f) => f.qn), [qnOf(first), qnOf(corrected)], 'both raw frames kept as evidence');
    assert.equal(so2Of(reader, mn, 300), 25, 'the reading carries the corrected value');
    assert.equal(reader.reading(mn, at(300))?.revision, 2);
    // The same correction again is a retransmission of it: acked, not stored a third time.
    logger.send(corrected);
    await eventually(() => logger.repliesFor(qnOf(corrected)) === 2, 'second ack of the correction');
    assert.equal(reader.count(`select count(*) n from raw_frames where mn = ? and data_time = ?`, mn, at(300)), 2);
    assert.equal(reader.reading(mn, at(300))?.revision, 2);
  });

  void test('9015 heartbeat answered 9013; no reply without the A bit, but the frame is stored', async () => {
    const logger = await open();
    const mn = benchMn(4);
    const hb = heartbeat(mn);
    logger.send(hb);
    await eventually(() => logger.repliesFor(qnOf(hb), '9013') === 1, '9013');
    const reply = logger.replies.find((r) => r.cn === '9013');
    assert.equal(reply?.st, '91');
    assert.equal(reply?.mn, mn);
    assert.equal(reply?.flag, 8, '2025 version bits, A cleared');

    const quiet = minuteFrame(mn, 400, { flag: 4, so2: 11 }); // 2017, A = 0
    const noFlag = minuteFrame(mn, 401, { flag: null, so2: 12 }); // 2005 style: no Flag at all
    const loud = minuteFrame(mn, 402, { so2: 13 });
    logger.send(quiet);
    logger.send(noFlag);
    logger.send(loud);
    // Replies of one connection leave in commit order: once the later frame is acked, the earlier ones
    // are committed and would have been answered.
    await eventually(() => logger.repliesFor(qnOf(loud)) === 1, 'ack of the A-bit frame');
    assert.equal(logger.repliesFor(qnOf(quiet)), 0, 'A = 0: no 9014');
    assert.equal(logger.repliesFor(qnOf(noFlag)), 0, 'no Flag: no 9014');
    assert.deepEqual(
      logger.replies.map((r) => r.cn).filter((cn) => cn.startsWith('90')), // a 1012 (clock) may come too
      ['9013', '9014'],
      'nothing but the heartbeat answer and the one ack',
    );
    assert.equal(so2Of(reader, mn, 400), 11, 'A = 0 frame stored with its reading');
    assert.equal(so2Of(reader, mn, 401), 12, 'Flag-less frame stored with its reading');
    assert.equal(reader.count(`select count(*) n from raw_frames where cn = '9015'`), 0, 'a heartbeat is not evidence');
  });
});
