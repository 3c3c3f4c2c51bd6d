import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodePacket } from './encode.ts';
import { frameEvents, type Event } from './fixtures/events.ts';
import { SAMPLES } from './fixtures/samples.ts';
import { Hj212Framer } from './framer.ts';

const FRAMED = SAMPLES.slice(0, 38);
const b = (s: string) => Buffer.from(s, 'latin1');
const FRAME1 = SAMPLES[0]!.bytes;

/** Events without the trailer (a split right after the CRC may report a frame as trailer-less, by design). */
function core(ev: Event[]) {
  return ev.map((e) => (e.kind === 'frame' ? { kind: e.kind, offset: e.offset, segment: e.segment, crc: e.crc } : e));
}

void test('every sample split at every byte gives the same events as unsplit', () => {
  for (const s of FRAMED) {
    const whole = frameEvents([s.bytes]);
    for (let k = 1; k < s.bytes.length; k++) {
      const split = frameEvents([s.bytes.subarray(0, k), s.bytes.subarray(k)]);
      assert.deepEqual(core(split), core(whole), `sample ${s.line} split at ${k}`);
      const f = whole[0]!;
      // Only a split exactly at the end of the CRC may change the reported trailer (emitted early as 'none').
      if (f.kind === 'frame' && k !== f.text.length - trailerLen(f.trailer)) assert.deepEqual(split, whole, `sample ${s.line} split at ${k}`);
    }
  }
});

function trailerLen(t: string): number {
  return t === 'crlf' ? 2 : t === 'lf' ? 1 : t === 'literal' ? 4 : 0;
}

void test('all samples in one chunk, and byte by byte, frame identically with correct offsets', () => {
  const all = Buffer.concat(FRAMED.map((s) => s.bytes));
  const whole = frameEvents([all]);
  assert.equal(whole.length, 38);
  let off = 0;
  for (let i = 0; i < 38; i++) {
    assert.equal(whole[i]!.offset, off, `sample ${i + 1}`);
    off += FRAMED[i]!.bytes.length;
  }
  const bytewise = frameEvents([...all].map((x) => new Uint8Array([x])));
  assert.deepEqual(core(bytewise), core(whole));
});

void test('two and three frames in one chunk', () => {
  const two = frameEvents([Buffer.concat([FRAME1, SAMPLES[16]!.bytes])]);
  assert.deepEqual(two.map((e) => e.kind), ['frame', 'frame']);
  assert.equal(two[1]!.offset, FRAME1.length);
  const three = frameEvents([Buffer.concat([FRAME1, FRAME1, FRAME1])]);
  assert.deepEqual(three.map((e) => e.offset), [0, 113, 226]);
});

void test('garbage before and between frames: one bad_header per contiguous region, across chunks', () => {
  const stream = Buffer.concat([b('hello'), FRAME1, b('xx#yy\r\n'), FRAME1, b('tail#')]);
  const ev = frameEvents([stream.subarray(0, 3), stream.subarray(3, 120), stream.subarray(120)]);
  assert.deepEqual(
    ev.map((e) => [e.kind, e.kind === 'error' ? e.code : e.trailer, e.offset]),
    [
      ['error', 'bad_header', 0],
      ['frame', 'crlf', 5],
      ['error', 'bad_header', 118],
      ['frame', 'crlf', 125],
      ['error', 'bad_header', 238],
    ],
  );
});

void test('a stray # before ## is garbage, not a frame error', () => {
  const ev = frameEvents([Buffer.concat([b('#'), FRAME1])]);
  assert.deepEqual(ev.map((e) => [e.kind, e.offset]), [['error', 0], ['frame', 1]]);
});

void test('trailer variants: CR LF, LF, none, literal \\r\\n', () => {
  const seg = 'QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&';
  const head = `##0101${seg}1C80`;
  const stream = b(`${head}\r\n${head}\n${head}${head}\\r\\n${head}`);
  const ev = frameEvents([stream]);
  assert.deepEqual(ev.map((e) => (e.kind === 'frame' ? e.trailer : e.code)), ['crlf', 'lf', 'none', 'literal', 'none']);
  for (const e of ev) assert.ok(e.kind === 'frame' && e.segment === seg && e.crc === '1C80');
});

void test('a frame without trailer at a chunk end is emitted at once; its CR LF arriving next is absorbed', () => {
  const raw = FRAME1.subarray(0, FRAME1.length - 2);
  const ev = frameEvents([raw, b('\r'), b('\n'), FRAME1]);
  assert.deepEqual(ev.map((e) => [e.kind, e.offset]), [['frame', 0], ['frame', 113]]);
});

void test('bad length resynchronises and finds the next frame, even inside the bad frame', () => {
  const bad = b(`##0150${SAMPLES[0]!.text}`); // claims 150 bytes, the next frame starts inside them
  const ev = frameEvents([Buffer.concat([bad, FRAME1, FRAME1])]);
  // The frame text inside the bad one (no trailer, followed by `##`) is itself recovered.
  assert.deepEqual(ev.map((e) => (e.kind === 'frame' ? 'frame' : e.code)), ['bad_length', 'frame', 'frame', 'frame']);
  assert.deepEqual(ev.map((e) => e.offset), [0, 6, bad.length, bad.length + FRAME1.length]);
});

void test('non-digit length, oversize, truncated at end', () => {
  assert.deepEqual(frameEvents([b('##QN=1;\r\n')]).map((e) => (e.kind === 'error' ? e.code : '')), ['bad_length']);
  assert.deepEqual(frameEvents([b('##9999QN=')], { maxSegment: 500 }).map((e) => (e.kind === 'error' ? e.code : '')), ['oversize']);
  assert.deepEqual(frameEvents([FRAME1.subarray(0, 50)]).map((e) => (e.kind === 'error' ? e.code : '')), ['truncated']);
});

void test('declared length counts bytes (UTF-8 Chinese)', () => {
  const f = encodePacket({ st: '32', cn: '3020', pw: '123456', mn: 'M1', flag: 4, cp: [[['i12001-Info', '//清洗管路//']]] });
  const ev = frameEvents([f]);
  assert.equal(ev.length, 1);
  assert.equal(ev[0]!.kind, 'frame');
});

void test('bounded memory: garbage is not retained, an incomplete frame at most maxSegment + 18', () => {
  const framer = new Hj212Framer({ maxSegment: 1024 });
  const sink = { frame() {}, error() {} };
  for (let i = 0; i < 1000; i++) framer.push(b('no frame here, just noise #'), sink);
  assert.ok(framer.bufferedBytes <= 1);
  framer.push(b('#1024'), sink);
  for (let i = 0; i < 200; i++) {
    framer.push(b('abcdefgh'), sink);
    assert.ok(framer.bufferedBytes <= 1024 + 18);
  }
});

void test('discarded counts junk as it arrives, before the bad region is reported', () => {
  const framer = new Hj212Framer();
  const errors: string[] = [];
  let frames = 0;
  const sink = { frame: () => void frames++, error: (e: { code: string }) => void errors.push(e.code) };
  framer.push(b('x'.repeat(5000)), sink);
  assert.equal(framer.discarded, 5000, 'counted while the region is still open');
  assert.deepEqual(errors, [], 'not reported until a header ends it');
  assert.ok(framer.bufferedBytes <= 1, 'junk is not buffered');
  framer.push(FRAME1, sink);
  assert.deepEqual(errors, ['bad_header']);
  assert.equal(frames, 1);
  assert.equal(framer.discarded, 5000, 'a frame adds nothing');
});
