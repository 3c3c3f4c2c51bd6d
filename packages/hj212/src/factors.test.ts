import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { FACTOR_ROWS } from './factors-data.ts';
import { factorInfo, groupFactors, to2017Code } from './factors.ts';

void test('factors-data.ts equals data/factor-codes.tsv', () => {
  const rows = readFileSync(new URL('../data/factor-codes.tsv', import.meta.url), 'utf8').split('\n').filter((l) => l !== '').slice(1).map((l) => l.split('\t'));
  assert.deepEqual(FACTOR_ROWS.map((r) => [...r]), rows);
});

void test('2005 → 2017 mappings (hj212.md §5)', () => {
  const map = { '01': 'a34013', '02': 'a21026', '03': 'a21002', B02: 'a00000', S01: 'a19001', S08: 'a01013', '011': 'w01018', '060': 'w21003', B01: 'w00000' };
  for (const [c5, c17] of Object.entries(map)) assert.equal(to2017Code(c5), c17, c5);
  assert.equal(to2017Code('ua19004'), 'ua19004');
  assert.equal(factorInfo('a21026')?.code2005, '02');
  assert.equal(factorInfo('nope'), undefined);
});

void test('groupFactors groups suffixes and maps codes', () => {
  assert.deepEqual(groupFactors({ '011-Rtd': 231, '011-Flag': 'N', 'a21026-ZsAvg': 3, 'a21026-ValidNum': 10, 'a21026-Min': 'x', 'SB1-RS': 1 }), [
    { code: '011', code2017: 'w01018', rtd: 231, flag: 'N' },
    { code: 'a21026', code2017: 'a21026', zsAvg: 3, extra: { ValidNum: 10, Min: 'x' } },
    { code: 'SB1', code2017: 'SB1', extra: { RS: 1 } },
  ]);
});
