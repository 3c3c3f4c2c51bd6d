import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc16Hj212, crc16Modbus, formatCrc, matchCrc } from './crc.ts';

const enc = (s: string) => Buffer.from(s, 'utf8');
const SEG1 = 'QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&';
const REPLY = 'QN=20160801085857223;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&';

void test('HJ 212-2017 Appendix A test vectors (hj212.md §2)', () => {
  assert.equal(crc16Hj212(enc(SEG1)), 0x1c80);
  assert.equal(crc16Hj212(enc(REPLY)), 0x3240);
  assert.equal(crc16Hj212(enc(REPLY.replace('CN=9014', 'CN=9011').replace('&&&&', '&&QnRtn=1&&'))), 0x1b00);
  assert.equal(crc16Hj212(enc(REPLY.replace('CN=9014', 'CN=9012').replace('&&&&', '&&ExeRtn=1&&'))), 0x6240);
  assert.equal(crc16Hj212(enc('123456789')), 0x2f80);
  assert.equal(crc16Modbus(enc('123456789')), 0x4b37);
  assert.equal(crc16Modbus(enc(SEG1)), 0x0759);
  assert.equal(crc16Modbus(enc(REPLY)), 0x44bc);
});

void test('start/end select a range; empty input gives the initial register', () => {
  const b = enc(`xx${SEG1}yy`);
  assert.equal(crc16Hj212(b, 2, b.length - 2), 0x1c80);
  assert.equal(crc16Hj212(new Uint8Array(0)), 0xffff);
});

void test('equals the bit loop of Appendix A on random inputs of every length 0..64', () => {
  const bitLoop = (b: Uint8Array) => {
    let reg = 0xffff;
    for (const x of b) {
      reg = (reg >> 8) ^ x;
      for (let i = 0; i < 8; i++) reg = reg & 1 ? (reg >> 1) ^ 0xa001 : reg >> 1;
    }
    return reg;
  };
  for (let n = 0; n <= 64; n++) {
    const b = new Uint8Array(n).map(() => Math.floor(Math.random() * 256));
    assert.equal(crc16Hj212(b), bitLoop(b), `length ${n}`);
  }
});

void test('only 256 values exist; the low byte is one of 00 01 40 41 80 81 C0 C1', () => {
  const seen = new Set<number>();
  const allowed = new Set([0x00, 0x01, 0x40, 0x41, 0x80, 0x81, 0xc0, 0xc1]);
  for (let a = 0; a < 256; a++)
    for (let b = 0; b < 256; b += 3) {
      const v = crc16Hj212(new Uint8Array([a, b, 0x26]));
      seen.add(v);
      assert.ok(allowed.has(v & 0xff));
    }
  assert.equal(seen.size, 256);
});

void test('matchCrc names the variant; formatCrc writes it', () => {
  const b = enc(SEG1);
  assert.equal(matchCrc(b, 0, b.length, '1C80'), 'hj212');
  assert.equal(matchCrc(b, 0, b.length, '1c80'), 'hj212-lowercase');
  assert.equal(matchCrc(b, 0, b.length, '1C08'), null);
  assert.equal(matchCrc(b, 0, b.length, '5907'), 'modbus-lo-first');
  assert.equal(matchCrc(b, 0, b.length, '0759'), 'modbus');
  assert.equal(matchCrc(b, 0, b.length, '5907', ['hj212']), null);
  assert.equal(matchCrc(b, 0, b.length, 'zz'), null);
  assert.equal(formatCrc(0x0880, 'hj212-unpadded'), '880');
  assert.equal(formatCrc(0x0759, 'modbus-lo-first'), '5907');
  assert.equal(formatCrc(0x1c80, 'hj212-lowercase'), '1c80');
  // Find a segment whose CRC has a leading zero, then check the unpadded text matches.
  for (let i = 0; ; i++) {
    const s = enc(`CN=${i}`);
    const v = crc16Hj212(s);
    if (v < 0x1000) {
      assert.equal(matchCrc(s, 0, s.length, v.toString(16).toUpperCase()), 'hj212-unpadded');
      assert.equal(matchCrc(s, 0, s.length, formatCrc(v, 'hj212')), 'hj212');
      break;
    }
  }
});
