import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeFrame, decodeSegment } from './decode.ts';
import { encodePacket } from './encode.ts';
import { frameEvents } from './fixtures/events.ts';
import { Hj212Framer } from './framer.ts';
import type { DecodeResult, Packet, RawFrame } from './types.ts';

const seg = (s: string | Buffer) => decodeSegment(typeof s === 'string' ? Buffer.from(s, 'utf8') : s);
function ok(s: string | Buffer): Packet {
  const r = seg(s);
  assert.ok(r.ok, JSON.stringify(r));
  return r.packet;
}
const H = 'QN=20260101000000000;ST=32;CN=2011;PW=123456;MN=M1;Flag=4;';

void test('fields by name in any order; spaces, empty items, trailing ; and duplicates tolerated', () => {
  const p = ok('MN=M1;CN=2011;Flag=5;ST=32;PW=9;CP=&& DataTime=20260101080000;;a-Rtd=1,a-Rtd=2;b-Flag=N;&&');
  assert.equal(p.mn, 'M1');
  assert.equal(p.flag, 5);
  assert.deepEqual(p.values, { 'a-Rtd': 2, 'b-Flag': 'N' });
  assert.equal(p.dataTime, Date.UTC(2026, 0, 1, 0, 0, 0));
});

void test('numbers: decimals, negatives, exponents as numbers; everything else as text', () => {
  const p = ok(`${H}CP=&&a-Rtd=-0.21,b-Rtd=007,c-Rtd=1e3,d-Rtd=1.2.3,e-Rtd=,f-Rtd=N,g-Rtd=.5,h-Rtd=12345678901234567890,i-Rtd=0.1&&`);
  assert.deepEqual(p.values, {
    'a-Rtd': -0.21, 'b-Rtd': 7, 'c-Rtd': 1000, 'd-Rtd': '1.2.3', 'e-Rtd': '', 'f-Rtd': 'N', 'g-Rtd': 0.5,
    'h-Rtd': 12345678901234567890, 'i-Rtd': 0.1,
  });
});

void test('number parsing equals Number() on random decimals', () => {
  for (let k = 0; k < 2000; k++) {
    const text = (Math.random() * 10 ** Math.floor(Math.random() * 8) * (Math.random() < 0.2 ? -1 : 1)).toFixed(Math.floor(Math.random() * 7));
    assert.equal(ok(`${H}CP=&&x-Rtd=${text}&&`).values['x-Rtd'], Number(text), text);
  }
});

void test('Info text is opaque: ; , ## and Chinese; goes to cp', () => {
  const p = ok(`${H}CP=&&DataTime=20260101080000;i12001-Info=//清洗;管路,##完成//,i12002-Info=abc;x-Rtd=1&&`);
  assert.deepEqual(p.cp, { DataTime: '20260101080000', 'i12001-Info': '//清洗;管路,##完成//', 'i12002-Info': 'abc' });
  assert.deepEqual(p.values, { 'x-Rtd': 1 });
});

void test('GB18030 fallback when the segment is not valid UTF-8', () => {
  const gbk = Buffer.concat([Buffer.from(`${H}CP=&&i12001-Info=//`), Buffer.from([0xc7, 0xe5, 0xcf, 0xb4]), Buffer.from('//&&')]);
  assert.equal(ok(gbk).cp['i12001-Info'], '//清洗//');
});

void test('errors as values: missing fields, bad Flag, bad DataTime, no CP', () => {
  const code = (s: string) => {
    const r = seg(s);
    return r.ok ? 'ok' : r.error.code;
  };
  assert.equal(code('ST=32;CN=2011;PW=1;CP=&&&&'), 'missing_field');
  assert.equal(code('ST=32;MN=1;PW=1;CP=&&&&'), 'missing_field');
  assert.equal(code('ST=32;CN=1;MN=1;Flag=x;CP=&&&&'), 'bad_field');
  assert.equal(code('ST=32;CN=1;MN=1;PNUM=a;CP=&&&&'), 'bad_field');
  assert.equal(code('ST=32;CN=1;MN=1;CP=&&DataTime=20261301000000&&'), 'bad_time');
  assert.equal(code('ST=32;CN=1;MN=1;CP=&&DataTime=2026010100000&&'), 'bad_time');
  assert.equal(code('ST=32;CN=1;MN=1;'), 'bad_segment');
  assert.equal(code('garbage'), 'missing_field');
  assert.equal(code('ST=32;CN=1;MN=1;CP=&&a=1'), 'ok'); // unclosed CP tolerated (sample 35)
  assert.equal(decodeSegment(Buffer.from('ST=32;CN=1;MN=1;PW=1;CP=&&a=1'), { strict: true }).ok, false);
  assert.equal(decodeSegment(Buffer.from('ST=32;CN=1;MN=1;CP=&&&&'), { strict: true }).ok, false); // PW
});

void test('a __proto__ key is kept as data and does not touch the prototype', () => {
  const p = ok(`${H}CP=&&__proto__=x;a-Rtd=1&&`);
  assert.equal(Object.getPrototypeOf(p.cp), Object.prototype);
  assert.equal(p.cp.__proto__, 'x');
});

void test('decodeFrame: CRC verified unless crc=false; acceptCrc restricts; offset reported', () => {
  const f = encodePacket({ st: '32', cn: '2011', pw: '1', mn: 'M', flag: 4, cp: [] }, { crcVariant: 'modbus-lo-first' });
  const raw: RawFrame[] = [];
  frameEvents([Buffer.concat([Buffer.from('xx'), f])], undefined, raw);
  const r1: DecodeResult = decodeFrame(raw[0]!);
  assert.ok(r1.ok && r1.crcVariant === 'modbus-lo-first');
  const r2 = decodeFrame(raw[0]!, { acceptCrc: ['hj212'] });
  assert.ok(!r2.ok && r2.error.code === 'crc_mismatch' && r2.error.offset === 2);
  const r3 = decodeFrame(raw[0]!, { acceptCrc: ['hj212'], crc: false });
  assert.ok(r3.ok && r3.crcVariant === null);
});

void test('same layout repeated (compiled factory path) gives fresh, correct objects', () => {
  const framer = new Hj212Framer();
  const got: Packet[] = [];
  const sink = { frame: (f: RawFrame) => { const r = decodeFrame(f); if (r.ok) got.push(r.packet); }, error() {} };
  for (let i = 0; i < 5; i++) framer.push(encodePacket({ st: '32', cn: '2011', pw: '1', mn: 'M', cp: [[['a-Rtd', i], ['a-Flag', 'N'], ['a-Rtd', i + 1]]] }), sink);
  assert.deepEqual(got.map((p) => p.values), [0, 1, 2, 3, 4].map((i) => ({ 'a-Rtd': i + 1, 'a-Flag': 'N' })));
  got[0]!.values['a-Rtd'] = 99;
  assert.equal(got[1]!.values['a-Rtd'], 2);
});

void test('many distinct layouts (each seen twice) stay correct and bounded', () => {
  for (let i = 0; i < 2000; i++) {
    for (let rep = 0; rep < 2; rep++) {
      const p = ok(`${H}CP=&&k${i}-Rtd=${i},x-Flag=N&&`);
      assert.deepEqual(p.values, { [`k${i}-Rtd`]: i, 'x-Flag': 'N' });
    }
  }
  for (let rep = 0; rep < 3; rep++) assert.equal(ok(`${H}CP=&&a-Rtd=1;__proto__-x=2&&`).values['__proto__-x'], 2);
});
