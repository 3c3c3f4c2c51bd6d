// The compact readings blob (readings-codec.ts): exact round trips, merges and typed errors on corrupt bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFactors, encodeFactors, mergeFactors, ReadingsCodecError, type StoredFactor } from './readings-codec.ts';

const minute: StoredFactor[] = [
  { code: 'a21026', code2017: 'a21026', min: 10.5, avg: 12.25, max: 14, zsMin: 11, zsAvg: 13.5, zsMax: 15, flag: 'N' },
  { code: 'a01012', code2017: 'a01012', min: 101.2, avg: 101.3, max: 101.4, flag: 'N' },
  { code: '02', code2017: 'a21026', rtd: -0.0, cou: 1e-300, flag: 'D', eflag: 'ABC' },
  { code: 'w01018', code2017: 'w01018', rtd: Number.MAX_VALUE, flag: 'Mx' },
  { code: 'a00000', code2017: 'a00000', cou: 123456.789 },
  { code: '中文', code2017: '中文', avg: NaN },
];

void test('round-trips every field combination exactly', () => {
  const back = decodeFactors(encodeFactors(minute));
  assert.deepEqual(back, minute);
  assert.ok(Object.is(back[2]!.rtd, -0));
});

void test('empty and single-factor blobs', () => {
  assert.deepEqual(decodeFactors(encodeFactors([])), []);
  const one: StoredFactor[] = [{ code: 'a34013', code2017: 'a34013', rtd: 5 }];
  const blob = encodeFactors(one);
  // version, count, len+6, mask, one f64, flag byte
  assert.equal(blob.length, 2 + 7 + 2 + 8 + 1);
  assert.deepEqual(decodeFactors(new Uint8Array(blob)), one);
});

void test('corrupt blobs raise a typed error', () => {
  const blob = encodeFactors(minute);
  assert.throws(() => decodeFactors(blob.subarray(0, blob.length - 3)), ReadingsCodecError);
  assert.throws(() => decodeFactors(Buffer.from([9, 0])), ReadingsCodecError);
});

void test('merge replaces by 2017 code and appends new factors', () => {
  const a: StoredFactor[] = [
    { code: 'a21026', code2017: 'a21026', avg: 1 },
    { code: 'a21002', code2017: 'a21002', avg: 2 },
  ];
  const b: StoredFactor[] = [
    { code: 'a21002', code2017: 'a21002', avg: 20 },
    { code: 'a34013', code2017: 'a34013', avg: 3 },
  ];
  assert.deepEqual(mergeFactors(a, b), [a[0], b[0], b[1]]);
});

void test('codes and flags read back exactly whatever their form: ASCII (interned), non-ASCII, long, and more distinct codes than the intern table holds', () => {
  const codes = ['a21026', 'w01018', '温度', 'ua19004-with-a-long-vendor-suffix', 'ele01', ...Array.from({ length: 5000 }, (_, i) => `x${i.toString(36)}`)];
  for (let i = 0; i < codes.length; i += 50) {
    const batch = codes.slice(i, i + 50).map((code, k) => ({ code, code2017: k % 2 === 0 ? code : `${code}!`, avg: k, flag: k % 3 === 0 ? 'N' : 'Cx', ...(k % 5 === 0 ? { eflag: 'E温' } : {}) }));
    assert.deepEqual(decodeFactors(encodeFactors(batch)), batch);
    assert.deepEqual(decodeFactors(encodeFactors(batch)), batch, 'the second read, from the intern table, is the same');
  }
});
