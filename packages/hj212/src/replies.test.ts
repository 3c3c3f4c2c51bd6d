import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeSegment } from './decode.ts';
import { SAMPLES } from './fixtures/samples.ts';
import { dataAck, execResult, noticeAck, replyFor, requestAck, setTimeCommand, setTimeoutCommand } from './replies.ts';
import { parseBeijingTime } from './time.ts';
import type { Packet } from './types.ts';

const pkt = (s: string): Packet => {
  const r = decodeSegment(Buffer.from(s));
  assert.ok(r.ok);
  return r.packet;
};
const text = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString('utf8'));
const SAMPLE1 = pkt(SAMPLES[0]!.text.slice(6, -4));

void test('9014 for sample 1 with PW=123456 is the hj212.md §2 vector (CRC 3240)', () => {
  assert.equal(
    text(dataAck({ ...SAMPLE1, pw: '123456' })),
    '##0087QN=20160801085857223;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&3240\r\n',
  );
  const r = text(replyFor(SAMPLE1))!;
  assert.ok(r.startsWith('##0087QN=20160801085857223;ST=91;CN=9014;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&'));
  assert.equal(r.length, 6 + 87 + 4 + 2);
});

void test('9011 and 9012 vectors (1B00, 6240)', () => {
  const p = { ...SAMPLE1, pw: '123456' };
  assert.ok(text(requestAck(p, 1))!.endsWith('CN=9011;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&QnRtn=1&&1B00\r\n'));
  assert.ok(text(execResult(p, 1))!.endsWith(';CP=&&ExeRtn=1&&6240\r\n'));
});

void test('replyFor: A bit → 9014; no A, no Flag → nothing; notices and 9015 → 9013; replies → nothing', () => {
  assert.equal(replyFor(pkt('QN=1;ST=32;CN=2011;PW=1;MN=M;Flag=4;CP=&&&&')), null);
  assert.equal(replyFor(pkt('ST=32;CN=2011;PW=1;MN=M;CP=&&&&')), null);
  assert.match(text(replyFor(pkt('QN=1;ST=32;CN=2051;PW=1;MN=M;Flag=7;PNUM=2;PNO=1;CP=&&&&')))!, /ST=91;CN=9014;PW=1;MN=M;Flag=4;CP=&&&&/);
  assert.match(text(replyFor(pkt('QN=5;ST=32;CN=1013;PW=1;MN=M;Flag=4;CP=&&&&')))!, /^##\d{4}QN=5;ST=91;CN=9013;/);
  assert.match(text(replyFor(pkt('QN=5;ST=32;CN=9015;PW=1;MN=M;Flag=8;CP=&&&&')))!, /CN=9013;PW=1;MN=M;Flag=8;CP=&&&&/);
  assert.equal(replyFor(pkt('QN=5;ST=91;CN=9014;PW=1;MN=M;Flag=5;CP=&&&&')), null);
  assert.match(text(noticeAck(pkt('ST=32;CN=1013;PW=1;MN=M;CP=&&&&')))!, /ST=91;CN=9013;PW=1;MN=M;CP=&&&&/);
});

void test('host commands: 1012 set time (Beijing), 1000 timeouts', () => {
  const t = parseBeijingTime('20261128101400')!;
  const s = text(setTimeCommand({ mn: 'M', pw: 'P', version: '2017', systemTime: t, qn: '20261128101400123' }))!;
  assert.match(s, /^##\d{4}QN=20261128101400123;ST=32;CN=1012;PW=P;MN=M;Flag=5;CP=&&SystemTime=20261128101400&&[0-9A-F]{4}\r\n$/);
  const o = text(setTimeoutCommand({ mn: 'M', pw: 'P', version: '2025', st: '22', overTime: 10, reCount: 3, qn: 'Q' }))!;
  assert.match(o, /QN=Q;ST=22;CN=1000;PW=P;MN=M;Flag=9;CP=&&OverTime=10;ReCount=3&&/);
});
