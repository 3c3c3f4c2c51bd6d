import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULT_TOLERANCE_SEED, FAULT_TOLERANCE_SEED_NOTE, validateFaultToleranceEntry, validateFaultToleranceList, type FaultToleranceEntry } from './fault-tolerance.ts';

const entry: FaultToleranceEntry = {
  id: 'new-rule-first-month', situation: { zh: '新规施行首月内的程序瑕疵', en: 'Procedural slip in the first month of a new rule' },
  handling: 'correct_and_continue', handlingNote: { zh: '补正后继续办理', en: 'Cure and continue' }, source: 'bureau notice 2026-1', active: true,
};

void test('the seed is empty and says why [W19]', () => {
  assert.deepEqual(FAULT_TOLERANCE_SEED, []);
  assert.match(FAULT_TOLERANCE_SEED_NOTE, /W19/);
  assert.deepEqual(validateFaultToleranceList(FAULT_TOLERANCE_SEED), []);
});

void test('entries are validated field by field; ids are unique', () => {
  assert.deepEqual(validateFaultToleranceEntry(entry), []);
  assert.deepEqual(validateFaultToleranceEntry('x').map((e) => e.code), ['not_an_object']);
  assert.deepEqual(validateFaultToleranceEntry({ ...entry, handling: 'ignore' }).map((e) => e.code), ['bad_handling']);
  assert.deepEqual(validateFaultToleranceEntry({ ...entry, source: '' }).map((e) => e.code), ['missing_source']);
  assert.deepEqual(validateFaultToleranceEntry({ ...entry, situation: { zh: 'x' } }).map((e) => e.path), ['situation.en']);
  assert.deepEqual(validateFaultToleranceEntry({ ...entry, id: 'a b', active: 'yes' }).map((e) => e.code), ['bad_id', 'bad_active']);
  assert.deepEqual(validateFaultToleranceList([entry, entry]).map((e) => [e.code, e.path]), [['duplicate_id', '1.id']]);
});
