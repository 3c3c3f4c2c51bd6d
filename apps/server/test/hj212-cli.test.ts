// The public contract of `ecoenforce hj212 decode` and `hj212 bench`, exercised through the real binary.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodePacket } from '@ecoenforce/hj212';

const ROOT = new URL('../../../', import.meta.url).pathname;

function cli(args: string[], stdin?: Buffer): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['apps/server/bin/ecoenforce.js', 'hj212', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (stdin !== undefined) {
      // Several writes, so frames straddle pipe reads.
      for (let i = 0; i < stdin.length; i += 100) child.stdin.write(stdin.subarray(i, i + 100));
    }
    child.stdin.end();
  });
}

const up = encodePacket({
  qn: '20261128101400123',
  st: '31',
  cn: '2051',
  pw: '123456',
  mn: '330102000001',
  flag: 7,
  pnum: 2,
  pno: 1,
  cp: [[['DataTime', '20261128101400']], [['a21026-Avg', '14.65'], ['a21026-Flag', 'N']], [['i12001-Info', '//清洗;管路//']]],
});
const bad = Buffer.from(up);
bad[bad.length - 3] = bad[bad.length - 3] === 0x30 ? 0x31 : 0x30; // corrupt the CRC's last digit
const noFlag = encodePacket({ st: '32', cn: '2011', pw: '1', mn: 'M', cp: [[['011-Rtd', 1]]] }, { crcVariant: 'modbus-lo-first', trailer: 'lf' });
const STREAM = Buffer.concat([Buffer.from('garbage!'), up, Buffer.from('more junk'), bad, noFlag, up.subarray(0, 30)]);

void test('decode -: one JSON line per frame and per bad region, in stream order', async () => {
  const { code, stdout } = await cli(['decode', '-'], STREAM);
  assert.equal(code, 3, 'a stream with bad regions exits 3 (its lines say which)');
  const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(lines.map((l) => (l.ok === true ? 'frame' : l.error)), ['bad_header', 'frame', 'bad_header', 'crc_mismatch', 'frame', 'truncated']);
  assert.deepEqual(lines[1], {
    ok: true,
    version: '2017',
    st: '31',
    cn: '2051',
    mn: '330102000001',
    qn: '20261128101400123',
    pw: '123456',
    flag: 7,
    crc: up.subarray(up.length - 6, up.length - 2).toString('latin1'),
    crcVariant: 'hj212',
    dataTime: '2026-11-28T10:14:00+08:00',
    values: { 'a21026-Avg': 14.65, 'a21026-Flag': 'N' },
    cp: { DataTime: '20261128101400', 'i12001-Info': '//清洗;管路//' },
    pnum: 2,
    pno: 1,
  });
  assert.deepEqual(lines[0], { ok: false, error: 'bad_header', offset: 0, detail: lines[0]!.detail });
  assert.equal(lines[2]!.offset, 8 + up.length);
  assert.equal(lines[3]!.offset, 8 + up.length + 9);
  assert.equal(lines[4]!.crcVariant, 'modbus-lo-first');
  assert.equal(lines[4]!.version, '2005');
  assert.equal(lines[4]!.flag, null);
  assert.equal(lines[4]!.pnum, undefined);
});

void test('decode --no-crc: the corrupted frame decodes with crcVariant null', async () => {
  const { code, stdout } = await cli(['decode', '--no-crc'], STREAM);
  assert.equal(code, 3);
  const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines[3]!.ok, true);
  assert.equal(lines[3]!.crcVariant, null);
});

void test('decode FILE, bad usage exits 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hj212-cli-'));
  const file = join(dir, 'in.bin');
  writeFileSync(file, Buffer.concat([up, up]));
  const r = await cli(['decode', file]);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim().split('\n').length, 2);
  assert.equal((await cli(['decode', '--bogus'])).code, 2);
  assert.equal((await cli(['frobnicate'])).code, 2);
  assert.equal((await cli(['bench'])).code, 2);
});

void test('bench FILE prints per-run lines and the median as the last JSON line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hj212-bench-'));
  const file = join(dir, 'corpus.bin');
  writeFileSync(file, Buffer.concat(Array.from({ length: 200 }, () => up)));
  const { code, stdout } = await cli(['bench', file, '--runs', '3']);
  assert.equal(code, 0);
  const lines = stdout.trim().split('\n');
  assert.equal(lines.length, 4);
  const last = JSON.parse(lines[3]!) as Record<string, number>;
  assert.deepEqual(Object.keys(last), ['frames', 'bytes', 'seconds', 'framesPerSecond']);
  assert.equal(last.frames, 200);
  assert.equal(last.bytes, 200 * up.length);
  assert.ok(last.framesPerSecond! > 0);
});
