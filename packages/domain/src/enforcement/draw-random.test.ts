import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, sha256Hex, utf8Bytes } from './draw-hash.ts';
import { boundedInt, shuffled, streamFor, xoshiro128ss, type RandomStream } from './draw-random.ts';
import { drawQuota } from './draw-policy.ts';

const nodeSha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

void test('SHA-256 reproduces the FIPS 180-4 example digests', () => {
  assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'), '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
});

void test('SHA-256 agrees with node:crypto on any text, across the 55/56/64-byte padding edges', () => {
  for (let n = 0; n <= 130; n++) assert.equal(sha256Hex('x'.repeat(n)), nodeSha('x'.repeat(n)), `length ${n}`);
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => sha256Hex(s) === nodeSha(s)), { numRuns: 300 });
});

void test('UTF-8 bytes match Buffer, lone surrogates become U+FFFD', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (s) => {
    assert.deepEqual(Buffer.from(utf8Bytes(s)), Buffer.from(s, 'utf8'));
  }), { numRuns: 300 });
  assert.deepEqual([...utf8Bytes('抽查\ud800')], [...Buffer.from('抽查\ud800', 'utf8')]);
  assert.deepEqual([...utf8Bytes('\ud800')], [0xef, 0xbf, 0xbd]);
});

void test('xoshiro128** matches the reference C code (prng.di.unimi.it) from state 1, 2, 3, 4', () => {
  // Printed by the reference next() compiled with gcc, state {1, 2, 3, 4}.
  const rng = xoshiro128ss([1, 2, 3, 4]);
  const out = Array.from({ length: 8 }, () => rng.nextUint32());
  assert.deepEqual(out, [11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849]);
  assert.throws(() => xoshiro128ss([0, 0, 0, 0]), RangeError);
});

void test('a stream is fixed by its label and differs between labels', () => {
  const take = (r: RandomStream) => Array.from({ length: 4 }, () => r.nextUint32());
  assert.deepEqual(take(streamFor('2026-Q2|350100')), take(streamFor('2026-Q2|350100')));
  assert.notDeepEqual(take(streamFor('2026-Q2|350100')), take(streamFor('2026-Q2|350102')));
});

void test('bounded integers reject the top remainder instead of folding it (no modulo bias)', () => {
  const words = [0xffff_ffff, 5];
  const scripted: RandomStream = { nextUint32: () => words.shift() ?? assert.fail('asked for too many words') };
  // 2^32 mod 3 = 1, so 0xFFFFFFFF is the one word that would bias 0 and is drawn again; 5 mod 3 = 2.
  assert.equal(boundedInt(scripted, 3), 2);
  assert.throws(() => boundedInt(scripted, 0), RangeError);
  assert.throws(() => boundedInt(scripted, 1.5), RangeError);
  fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 32 }), fc.string(), (n, label) => {
    const x = boundedInt(streamFor(label), n);
    return Number.isInteger(x) && x >= 0 && x < n;
  }));
});

void test('Fisher–Yates returns a permutation and leaves its input alone', () => {
  fc.assert(fc.property(fc.array(fc.integer()), fc.string(), (items, label) => {
    const before = [...items];
    const out = shuffled(streamFor(label), items);
    assert.deepEqual(items, before);
    assert.deepEqual([...out].sort((a, b) => a - b), [...items].sort((a, b) => a - b));
  }));
});

void test('every permutation of 3 items is about equally likely', () => {
  const counts = new Map<string, number>();
  const rng = streamFor('permutations');
  const runs = 60_000;
  for (let i = 0; i < runs; i++) {
    const key = shuffled(rng, ['a', 'b', 'c']).join('');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  assert.equal(counts.size, 6);
  const expected = runs / 6;
  const chi2 = [...counts.values()].reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
  // 5 degrees of freedom: P(χ² > 30) ≈ 1.5e-5; the stream is fixed, so this cannot flake.
  assert.ok(chi2 < 30, `chi-square ${chi2.toFixed(2)}`);
});

void test('canonical JSON does not depend on key order and refuses non-finite numbers', () => {
  assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: 'x' }], u: undefined }), '{"a":[{"c":"x","d":2}],"b":1}');
  assert.equal(canonicalJson({ a: [{ c: 'x', d: 2 }], b: 1 }), canonicalJson({ b: 1, a: [{ d: 2, c: 'x' }] }));
  assert.throws(() => canonicalJson({ x: Number.NaN }), RangeError);
});

void test('the count rule rounds up in exact arithmetic', () => {
  assert.equal(drawQuota(20, 15), 3);
  assert.equal(drawQuota(100, 7), 7); // 0.07 × 100 is 7.000000000000001 in floating point
  assert.equal(drawQuota(19, 25), 5); // 4.75 → 5
  assert.equal(drawQuota(1, 5), 1); // a non-empty stratum with a positive percent yields a unit
  assert.equal(drawQuota(0, 25), 0);
  assert.equal(drawQuota(3, 0), 0);
  assert.equal(drawQuota(10, 100), 10);
  assert.equal(drawQuota(200, 2.5), 5);
  fc.assert(fc.property(fc.nat(100_000), fc.integer({ min: 0, max: 10_000 }), (n, hundredths) => {
    const k = drawQuota(n, hundredths / 100);
    // k is the least count whose share is at least the percent: k/n ≥ p and (k−1)/n < p.
    return k * 10_000 >= n * hundredths && (k === 0 || (k - 1) * 10_000 < n * hundredths);
  }));
});
