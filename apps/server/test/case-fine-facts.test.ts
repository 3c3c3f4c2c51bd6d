// The fine facts' pure parts (enforcement/cases/case-fine-facts.ts): a warning's peak gives C ÷ L (its
// "限值的 X 倍") and the exceedance multiple (C − L) ÷ L the engine takes; pollutants get their GD art. 18 class.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { peakOf, pollutantKind } from '../src/enforcement/cases/case-fine-facts.ts';

void test('the peak: 175.5 against 50 is 3.51 times the limit, an exceedance multiple of 2.51', () => {
  assert.deepEqual(peakOf({ values: [120, null, 175.5, 40], rule: { limit: 50, unit: 'mg/m3' } }), { max: 175.5, limit: 50, unit: 'mg/m3', ratio: 3.51, multiple: 2.51 });
  assert.equal(peakOf({ values: [40], rule: { limit: 50 } }), undefined, 'nothing over the limit');
  assert.equal(peakOf({ values: [60], rule: { limit: 0 } }), undefined, 'no usable limit');
  assert.equal(peakOf({ times: [] }), undefined);
  assert.equal(peakOf(null), undefined);
});

void test('pollutant classes: the A-class list, VOCs, the rest B-class', () => {
  assert.equal(pollutantKind('a21026'), 'bClass'); // 二氧化硫
  assert.equal(pollutantKind('a21002'), 'bClass'); // 氮氧化物
  assert.equal(pollutantKind('a20057'), 'aClass'); // 汞及其化合物
  assert.equal(pollutantKind('a24003'), 'aClass'); // 二氯甲烷: MEE toxic list
  assert.equal(pollutantKind('a24088'), 'vocs'); // 非甲烷总烃
  assert.equal(pollutantKind('a25003'), 'vocs'); // 甲苯
  assert.equal(pollutantKind('w20111'), 'aClass'); // 总汞
  assert.equal(pollutantKind('w01018'), 'bClass'); // 化学需氧量
});
