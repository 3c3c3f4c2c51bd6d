// The structured discretion-table editor's pure edits, without a browser: numeric bands stay in order when a
// level is added or removed, switching a factor's input rebuilds or drops its bands, the sum preview is
// capped at 100 % and floored [GD art. 6], and a server problem is placed at its field or listed above.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addLevel, editorPaths, removeLevel, setInput, unplacedProblems, weightPreview } from '../src/features/catalogue/table-draft.ts';
import type { DiscretionFactor, DiscretionTable } from '@ecoenforce/contract';

const label = { zh: '', en: '' };
const bands: DiscretionFactor = {
  key: 'multiple', label, input: 'number', source: 'GD art. 23',
  levels: [{ key: 'low', label, weight: 2, from: 0, to: 3 }, { key: 'high', label, weight: 8, from: 3, to: null }],
};
const kinds: DiscretionFactor = { key: 'kind', label, input: 'level', source: 'GD', levels: [{ key: 'a', label, weight: 3 }, { key: 'b', label, weight: 25 }] };
const table: DiscretionTable = {
  id: 'T', version: 1, label, matterCodes: ['AIR-99-2'], start: { weight: 10, source: 'GD' }, factors: [bands, kinds], floorPercent: 20, source: 'GD',
};

void test('a band added to a numeric factor starts where the last one ended, which now closes', () => {
  const f = addLevel(bands);
  assert.deepEqual(f.levels.map((l) => [l.key, l.from, l.to]), [['low', 0, 3], ['high', 3, 4], ['level3', 4, null]]);
  assert.deepEqual(addLevel(kinds).levels.map((l) => [l.key, l.from]), [['a', undefined], ['b', undefined], ['level3', undefined]]);
});

void test('removing the last band opens the one before it; switching the input rebuilds or drops bands', () => {
  assert.deepEqual(removeLevel(bands, 1).levels.map((l) => [l.key, l.to]), [['low', null]]);
  assert.deepEqual(removeLevel(kinds, 0).levels.map((l) => l.key), ['b']);
  assert.deepEqual(setInput(kinds, 'number').levels.map((l) => [l.from, l.to]), [[0, 1], [1, null]]);
  assert.ok(setInput(bands, 'level').levels.every((l) => !('from' in l) && !('to' in l)));
});

void test('the preview sums the start and each factor\'s lightest and heaviest level, capped at 100 % and floored', () => {
  assert.deepEqual(weightPreview(table), { lightest: 15, heaviest: 43, lightestApplied: 20, heaviestApplied: 43 });
  const heavy = { ...table, start: { weight: 90, source: 'GD' } };
  assert.equal(weightPreview(heavy).heaviest, 123);
  assert.equal(weightPreview(heavy).heaviestApplied, 100);
  // A field left empty (NaN) counts as nothing rather than poisoning the sum.
  assert.equal(weightPreview({ ...table, start: { weight: Number.NaN, source: '' } }).lightest, 5);
});

void test('a server problem with a field of its own is placed there; the rest are listed above the form', () => {
  assert.ok(editorPaths(table).has('table.factors.0.levels.1.weight'));
  const problems = [
    { path: 'table.factors.0.levels.1.weight', code: 'bad_table', message: 'weight' },
    { path: 'table.matterCodes.0', code: 'bad_shape', message: 'matter codes look like AIR-99-2' },
    { path: 'table.version', code: 'bad_table', message: 'version must be a whole number' },
  ];
  assert.deepEqual(unplacedProblems(problems, table).map((p) => p.path), ['table.version']);
});
