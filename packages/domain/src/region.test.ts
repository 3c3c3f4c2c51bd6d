import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidRegionCode, isWithinRegion, parentRegionCode, provinceOf, regionLevel } from './region.ts';

void test('levels and parents of real GB/T 2260 codes', () => {
  assert.equal(regionLevel('440000'), 'province');
  assert.equal(regionLevel('440100'), 'city');
  assert.equal(regionLevel('440106'), 'county');
  assert.equal(regionLevel('441900'), 'city'); // 东莞市 has no counties
  assert.equal(parentRegionCode('440106'), '440100');
  assert.equal(parentRegionCode('440100'), '440000');
  assert.equal(parentRegionCode('440000'), null);
  assert.equal(parentRegionCode('110101'), '110100');
  assert.equal(provinceOf('440305'), '440000');
});

void test('validation', () => {
  for (const ok of ['110000', '440305', '650102', '820000']) assert.ok(isValidRegionCode(ok), ok);
  for (const bad of ['44030', '4403051', '990000', '440012', 'abcdef', '']) assert.equal(isValidRegionCode(bad), false, bad);
  assert.throws(() => regionLevel('990000'), RangeError);
});

void test('isWithinRegion', () => {
  assert.ok(isWithinRegion('440106', '440000'));
  assert.ok(isWithinRegion('440106', '440100'));
  assert.equal(isWithinRegion('440305', '440100'), false);
  assert.ok(isWithinRegion('440106', '440106'));
});
