// The 42 real-world lines (fixtures/samples.txt), each with the verdict its notes imply.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeFrame, decodeSegment } from './decode.ts';
import { Hj212Framer } from './framer.ts';
import { SAMPLES, type Sample } from './fixtures/samples.ts';
import type { DecodeResult, Hj212Error, Packet, RawFrame } from './types.ts';

function run(s: Sample, opts: { strict?: boolean; crc?: boolean } = {}): Array<{ frame: RawFrame; result: DecodeResult } | Hj212Error> {
  const out: Array<{ frame: RawFrame; result: DecodeResult } | Hj212Error> = [];
  const framer = new Hj212Framer({ strict: opts.strict });
  const sink = { frame: (frame: RawFrame) => out.push({ frame, result: decodeFrame(frame, opts) }), error: (e: Hj212Error) => out.push(e) };
  framer.push(s.bytes, sink);
  framer.end(sink);
  return out;
}

function packetOf(line: number): Packet {
  const ev = run(SAMPLES[line - 1]!);
  assert.equal(ev.length, 1, `line ${line}: one event`);
  const e = ev[0]!;
  assert.ok('result' in e && e.result.ok, `line ${line} decodes`);
  return e.result.packet;
}

const CRC_FAIL = [2, 4, 11, 12, 16];
const MODBUS = [20, 21, 22];
// 35: declared 121, actual 119 → the 4 bytes at the declared end are `C0\r\n`, not a CRC → bad_length.
// 37: declared 215, actual 271 → the declared end lands mid-segment → bad_length (never reaches the CRC).
const BAD_LENGTH = [35, 37];

void test('there are 42 samples; lines 39–42 are unframed', () => {
  assert.equal(SAMPLES.length, 42);
  for (const s of SAMPLES.slice(38)) assert.ok(!s.text.startsWith('##'));
});

for (const s of SAMPLES.slice(0, 38)) {
  void test(`sample ${s.line} (${s.trailer}): ${s.crcStandard}`, () => {
    const ev = run(s);
    assert.equal(ev.length, 1, JSON.stringify(ev.map((e) => ('code' in e ? e.code : 'frame'))));
    const e = ev[0]!;
    if (BAD_LENGTH.includes(s.line)) {
      assert.ok('code' in e);
      assert.equal(e.code, 'bad_length');
      assert.equal(e.offset, 0);
      return;
    }
    assert.ok('result' in e, 'a frame');
    assert.equal(e.frame.trailer, s.trailer);
    if (CRC_FAIL.includes(s.line)) {
      assert.ok(!e.result.ok);
      assert.equal(e.result.error.code, 'crc_mismatch');
      // --no-crc still decodes it.
      const r = decodeFrame(e.frame, { crc: false });
      assert.ok(r.ok);
      assert.equal(r.crcVariant, null);
      return;
    }
    assert.ok(e.result.ok, JSON.stringify(e.result));
    if (MODBUS.includes(s.line)) assert.equal(e.result.crcVariant, 'modbus-lo-first');
    else {
      assert.equal(s.crcStandard.startsWith('yes'), true);
      assert.equal(e.result.crcVariant, s.crcStandard.includes('lowercase') ? 'hj212-lowercase' : 'hj212');
    }
  });
}

void test('sample 1: the standard example', () => {
  const p = packetOf(1);
  assert.deepEqual(
    { v: p.version, qn: p.qn, st: p.st, cn: p.cn, pw: p.pw, mn: p.mn, flag: p.flag, cp: p.cp, values: p.values },
    { v: '2017', qn: '20160801085857223', st: '32', cn: '1062', pw: '100000', mn: '010000A8900016F000169DC0', flag: 5, cp: { RtdInterval: '30' }, values: {} },
  );
});

void test('sample 3: 17-digit DataTime, 2005 codes, no Flag', () => {
  const p = packetOf(3);
  assert.equal(p.version, '2005');
  assert.equal(p.flag, null);
  assert.equal(p.qn, null);
  assert.equal(p.dataTimeText, '20160824003817000');
  assert.equal(p.dataTime, Date.UTC(2016, 7, 23, 16, 38, 17, 0));
  assert.deepEqual(p.values, { 'B01-Rtd': 36.91, '011-Rtd': 231, '011-Flag': 'N', '060-Rtd': 1.803, '060-Flag': 'N' });
});

void test('sample 15: padded PNO/PNUM in either order, no Flag, 2017 codes → 2017', () => {
  const p = packetOf(15);
  assert.equal(p.pnum, 2);
  assert.equal(p.pno, 2);
  assert.equal(p.flag, null);
  assert.equal(p.version, '2017');
  assert.equal(p.values['a01006-ValidNum'], 10);
});

void test('sample 17: real hourly data, Flag=5, long PW', () => {
  const p = packetOf(17);
  assert.equal(p.mn, 'Z13401000010301');
  assert.equal(p.pw, 'BF470F88957588DE902D1A52');
  assert.equal(p.flag, 5);
  assert.equal(p.cn, '2061');
  assert.deepEqual(p.values, {
    'a34006-Avg': 2.697, 'a34006-Flag': 'N', 'a34007-Avg': 7.966, 'a34007-Flag': 'N', 'a34048-Avg': 3.306,
    'a34048-Flag': 'N', 'a34047-Avg': 7.357, 'a34047-Flag': 'N', 'a34049-Avg': 10.663, 'a34049-Flag': 'N',
  });
  assert.equal(p.dataTime, Date.UTC(2019, 8, 24, 14, 0, 0));
});

void test('sample 19: mostly 3-digit 2005 codes without Flag → 2005; sample 23 Flag=8 → 2025', () => {
  assert.equal(packetOf(19).version, '2005');
  assert.equal(packetOf(23).version, '2025');
});

void test('sample 25: typo key LA-td kept, trailing empty item tolerated', () => {
  const p = packetOf(25);
  assert.equal(p.values['LA-td'], 50.1);
  assert.equal(p.flag, 7);
  assert.equal(p.pnum, undefined);
});

void test('sample 26: PW after MN', () => {
  const p = packetOf(26);
  assert.equal(p.mn, 'aqms-1100-2020110011');
  assert.equal(p.pw, '123456');
  assert.equal(p.values['lng-Rtd'], 120.32879);
});

void test('samples 27/28: BeginTime,EndTime joined by a comma, in either order', () => {
  for (const line of [27, 28]) {
    const p = packetOf(line);
    assert.deepEqual(p.cp, { BeginTime: '20040506111000', EndTime: '20040506151000' });
    assert.equal(p.dataTime, null);
  }
});

void test('sample 34: bare Flag=N inside CP goes to cp', () => {
  const p = packetOf(34);
  assert.equal(p.flag, 4);
  assert.equal(p.cp.Flag, 'N');
  assert.equal(p.values['a34001-Rtd'], 92);
});

void test('sample 36: unpadded length ##81 accepted (lenient), rejected when strict', () => {
  const p = packetOf(36);
  assert.equal(p.qn, null);
  assert.equal(p.cp.SystemTime, '20250221141050696');
  const strict = run(SAMPLES[35]!, { strict: true });
  assert.equal(strict.length, 1);
  assert.ok('code' in strict[0]! && strict[0].code === 'bad_length');
});

void test('sample 38: Flag emitted after CP is still read', () => {
  const p = packetOf(38);
  assert.equal(p.flag, 0);
  assert.equal(p.cp.PolId, 'w01018');
});

void test('strict mode: frames over 1024 bytes (sample 22) are oversize; LF trailer (sample 5) rejected', () => {
  const a = run(SAMPLES[21]!, { strict: true });
  assert.ok('code' in a[0]! && a[0].code === 'oversize');
  const b = run(SAMPLES[4]!, { strict: true });
  assert.ok('code' in b[0]! && b[0].code === 'bad_trailer');
});

void test('lines 39–42: unframed 2025 segments decode with decodeSegment', () => {
  const got = SAMPLES.slice(38).map((s) => decodeSegment(s.bytes));
  for (const r of got) assert.ok(r.ok);
  const [p39, p40, p41, p42] = got.map((r) => (r.ok ? r.packet : null));
  assert.equal(p39!.version, '2025');
  assert.equal(p39!.flag, 8);
  assert.equal(p39!.cn, '9014');
  assert.equal(p40!.flag, 9);
  assert.deepEqual(p40!.cp, { SKCreateTime: '20240601085857223', NewSK: '0000000000000000' });
  assert.deepEqual(p41!.cp, { 'i23005-Info': '6970000000001ABCDEFG1234' });
  assert.deepEqual(p42!.cp, { PolId: 'w01018', CalibrationType: '0' });
});
