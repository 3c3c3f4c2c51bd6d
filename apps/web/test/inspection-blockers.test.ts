// What stops an inspection from being finished (features/inspection/blockers.ts), without a browser: every
// checklist item needs a verdict that can reach the server, in checklist order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChecklistItem } from '@ecoenforce/contract';
import { finishBlockers, itemsSettled } from '../src/features/inspection/blockers.ts';
import type { LocalItem } from '../src/features/inspection/store.ts';

const item = (key: string): ChecklistItem => ({ key, section: 'template', group: '通用', zh: key, en: key, source: null, facts: {}, attention: [] }) as unknown as ChecklistItem;
const local = (itemKey: string, patch: Partial<LocalItem>): LocalItem => ({
  id: `u|${itemKey}`, inspection: 'u', itemKey, result: 'compliant', note: null, matterCode: null, baseVersion: 1, opId: `op-${itemKey}`, state: 'synced', message: null, conflict: null, ...patch,
});

void test('an unanswered item, a violation without its matter, a refused and a conflicting edit each block, in checklist order', () => {
  const checklist = ['a', 'b', 'c', 'd', 'e', 'f'].map(item);
  const items = [
    local('f', { state: 'conflict' }),
    local('b', { result: 'violation', matterCode: null, state: 'pending' }),
    local('c', { state: 'rejected', message: 'matter X is not in the catalogue' }),
    local('d', { result: 'violation', matterCode: 'AIR-100', state: 'pending' }),
    local('e', { result: 'not_applicable' }),
  ];
  assert.deepEqual(finishBlockers(checklist, items).map((b) => [b.item.key, b.reason, b.message]), [
    ['a', 'unanswered', null],
    ['b', 'needsMatter', null],
    ['c', 'rejected', 'matter X is not in the catalogue'],
    ['f', 'conflict', null],
  ]);
});

void test('a fully answered checklist has no blockers; the finish waits until every item is synced', () => {
  const checklist = ['a', 'b'].map(item);
  const pending = [local('a', {}), local('b', { result: 'violation', matterCode: 'AIR-100', state: 'pending' })];
  assert.deepEqual(finishBlockers(checklist, pending), []);
  assert.equal(itemsSettled(pending), false);
  assert.equal(itemsSettled([local('a', {}), local('b', { result: 'violation', matterCode: 'AIR-100' })]), true);
});
