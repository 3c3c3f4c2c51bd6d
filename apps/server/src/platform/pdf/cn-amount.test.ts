// The capital-numeral form of amounts: round and odd amounts (0, 10, 230,000, 1,000,000, 1,234,567.89, 100,005), the zero rules inside and between
// groups of four digits, jiao and fen, and the typed error for an amount that is no amount.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AmountError, amountBothForms, capitalYuan, figureYuan } from './cn-amount.ts';

void test('the named cases', () => {
  assert.equal(capitalYuan(0), '零元整');
  assert.equal(capitalYuan(10), '壹拾元整');
  assert.equal(capitalYuan(230_000), '贰拾叁万元整');
  assert.equal(capitalYuan(1_000_000), '壹佰万元整');
  assert.equal(capitalYuan(1_234_567.89), '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分');
  assert.equal(capitalYuan(100_005), '壹拾万零伍元整');
});

void test('one 零 for a run of zeros, inside a group and across groups', () => {
  assert.equal(capitalYuan(1001), '壹仟零壹元整');
  assert.equal(capitalYuan(1010), '壹仟零壹拾元整');
  assert.equal(capitalYuan(10_050_000), '壹仟零伍万元整');
  assert.equal(capitalYuan(100_000_000), '壹亿元整');
  assert.equal(capitalYuan(100_010_000), '壹亿零壹万元整');
  assert.equal(capitalYuan(100_000_001), '壹亿零壹元整');
  assert.equal(capitalYuan(100_000_500), '壹亿零伍佰元整');
  assert.equal(capitalYuan(20_000), '贰万元整');
});

void test('jiao and fen: 整 after 角, none after 分', () => {
  assert.equal(capitalYuan(0.5), '伍角整');
  assert.equal(capitalYuan(0.05), '伍分');
  assert.equal(capitalYuan(10.05), '壹拾元零伍分');
  assert.equal(capitalYuan(20_000_000.1), '贰仟万元壹角整');
  assert.equal(capitalYuan(0.1 + 0.2), '叁角整', 'binary fractions are rounded to the fen');
});

void test('figures and both forms', () => {
  assert.equal(figureYuan(0), '0.00');
  assert.equal(figureYuan(230_000), '230,000.00');
  assert.equal(figureYuan(1_234_567.89), '1,234,567.89');
  assert.equal(amountBothForms(100_000), '人民币壹拾万元整（¥100,000.00）');
});

void test('no amount: a typed error', () => {
  for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1e12]) assert.throws(() => capitalYuan(bad), AmountError, String(bad));
  assert.throws(() => figureYuan(-0.01), AmountError);
});
