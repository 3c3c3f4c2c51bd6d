// decode(encode(p)) reproduces p for every packet the encoder can produce (fast-check property).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeFrame } from './decode.ts';
import { encodePacket } from './encode.ts';
import { Hj212Framer } from './framer.ts';
import { formatBeijingTime } from './time.ts';
import type { DecodeResult, PacketInput, RawFrame } from './types.ts';

const ident = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_'), minLength: min, maxLength: max });
const code = fc.oneof(fc.constantFrom('a21026', 'w01018', 'B01', '011', 'S02', 'ua19004', 'LA'), ident(1, 8));
const suffix = fc.constantFrom('Rtd', 'Min', 'Avg', 'Max', 'Cou', 'ZsRtd', 'Flag', 'EFlag', 'SampleTime', 'ValidNum');
const numberValue = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0) && !String(x).includes('e')),
);
const textValue = fc.oneof(fc.constantFrom('N', 'F', 'M', 'S', 'D', 'C', 'T', 'B'), ident(1, 6).filter((s) => !/^[0-9]/.test(s) && !/^[eE]/.test(s)));
const infoText = fc
  .array(fc.constantFrom('清', '洗', '管', '路', ';', ',', '##', 'a', ' ', '=', '/', '&'), { minLength: 0, maxLength: 12 })
  .map((xs) => `//${xs.join('')}//`)
  .filter((s) => !s.slice(2).includes('&&') && !/\/\/[;,]/.test(s.slice(2, -2) + '//x') && !s.slice(2, -2).endsWith('/'));
const time = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }).map((ms) => ms - (ms % 1000));

const packet: fc.Arbitrary<PacketInput> = fc
  .record({
    qn: fc.option(time.map((t) => formatBeijingTime(t, 17)), { nil: null }),
    st: fc.constantFrom('21', '22', '31', '32', '39', '91', '101'),
    cn: fc.constantFrom('2011', '2051', '2061', '1012', '3020', '9014'),
    pw: ident(1, 24),
    mn: ident(1, 24),
    flag: fc.option(fc.integer({ min: 0, max: 255 }), { nil: null }),
    sub: fc.option(fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 9999 })), { nil: null }),
    dataTime: fc.option(time, { nil: null }),
    factors: fc.uniqueArray(fc.tuple(code, suffix, fc.oneof(numberValue, textValue)), { maxLength: 12, selector: (t) => `${t[0]}-${t[1]}` }),
    infos: fc.uniqueArray(fc.tuple(fc.constantFrom('i12001', 'i12002', 'i13004'), infoText), { maxLength: 3, selector: (t) => t[0] }),
    plain: fc.uniqueArray(fc.tuple(fc.constantFrom('PolId', 'QnRtn', 'ExeRtn', 'BeginTime', 'RtdInterval'), ident(0, 10)), { maxLength: 3, selector: (t) => t[0] }),
  })
  .map((r) => {
    const cp: Array<Array<[string, string | number]>> = [];
    if (r.dataTime !== null) cp.push([['DataTime', formatBeijingTime(r.dataTime)]]);
    for (const [c, s, v] of r.factors) cp.push([[`${c}-${s}`, v]]);
    for (const [k, v] of r.infos) cp.push([[`${k}-Info`, v]]);
    if (r.plain.length > 0) cp.push(r.plain.map(([k, v]) => [k, v] as [string, string]));
    const p: PacketInput = { qn: r.qn, st: r.st, cn: r.cn, pw: r.pw, mn: r.mn, flag: r.flag, cp };
    if (r.sub !== null) {
      p.pnum = r.sub[0];
      p.pno = r.sub[1];
    }
    return p;
  });

function decodeOne(bytes: Uint8Array): DecodeResult {
  const got: DecodeResult[] = [];
  const framer = new Hj212Framer();
  const sink = { frame: (f: RawFrame) => got.push(decodeFrame(f)), error: () => assert.fail('framer error') };
  framer.push(bytes, sink);
  framer.end(sink);
  assert.equal(got.length, 1);
  return got[0]!;
}

void test('round trip: decode(encode(p)) equals p', () => {
  fc.assert(
    fc.property(packet, fc.constantFrom('hj212', 'hj212-lowercase', 'modbus-lo-first', 'modbus') , fc.constantFrom('crlf', 'lf', 'none'), (p, crcVariant, trailer) => {
      const r = decodeOne(encodePacket(p, { crcVariant, trailer }));
      assert.ok(r.ok, JSON.stringify(r));
      const q = r.packet;
      assert.equal(q.qn, p.qn ?? null);
      assert.deepEqual([q.st, q.cn, q.pw, q.mn, q.flag, q.pnum, q.pno], [p.st, p.cn, p.pw, p.mn, p.flag ?? null, p.pnum, p.pno]);
      const values: Record<string, number | string> = {};
      const cp: Record<string, string> = {};
      for (const item of p.cp)
        for (const [k, v] of item) {
          if (k.includes('-') && !k.endsWith('-Info')) values[k] = v;
          else cp[k] = String(v);
        }
      assert.deepEqual(q.values, values);
      assert.deepEqual(q.cp, cp);
      assert.equal(q.dataTimeText, cp.DataTime ?? null);
    }),
    { numRuns: 1500 },
  );
});
