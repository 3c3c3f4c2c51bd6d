// The headline figures in the seed's style (issue 5 §10), without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellText, count, yuan } from '../src/features/stats/figures.ts';

void test('the seed\'s style: 1,281 cases, 107.07 million yuan / 10,707 万元', () => {
  assert.equal(count(1281), '1,281');
  assert.equal(yuan(107_070_000, 'en'), '107.07 million yuan');
  assert.equal(yuan(107_070_000, 'zh'), '10,707 万元');
  assert.equal(yuan(230_000, 'zh'), '23 万元');
  assert.equal(yuan(230_000, 'en'), '230,000 yuan');
  assert.equal(yuan(5_000, 'zh'), '5,000 元');
});

void test('cells: the rate in per cent, a missing table as a dash', () => {
  assert.equal(cellText('rectRate', { value: 2 / 3, link: null }, 'en'), '66.7%');
  assert.equal(cellText('rectOrdered', { value: null, link: null }, 'zh'), '—');
  assert.equal(cellText('fineAmount', { value: 460_000, link: null }, 'zh'), '46 万元');
});
