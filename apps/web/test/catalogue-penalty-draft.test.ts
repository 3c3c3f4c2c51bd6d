// The matter editor's statutory penalty as a form, without a browser (features/catalogue/penalty-draft.ts):
// every kind the domain knows round-trips through the form's fields, switching kinds keeps min and max, and
// a missing, negative or inverted bound is named by its field, in Chinese from the catalogue, before sending.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MATTER_SEED as MATTERS } from '@ecoenforce/domain';
import type { StatutoryPenalty } from '@ecoenforce/contract';
import { zh } from '../src/i18n/zh.ts';
import { fieldLabelKey, penaltyDraft, penaltyOf, switchKind, type PenaltyDraft } from '../src/features/catalogue/penalty-draft.ts';

const messages = zh.caseForms.penalty;
const say = (d: PenaltyDraft): string => {
  const r = penaltyOf(d);
  assert.ok(!r.ok);
  const field = (messages.labels as Record<string, string>)[fieldLabelKey(d.kind, r.problem.field)]!;
  return messages.validation[r.problem.key].replace('{{field}}', field);
};

void test('every penalty of the catalogue comes back unchanged from the form', () => {
  const kinds = new Set<string>();
  for (const m of MATTERS) {
    kinds.add(m.penalty.kind);
    const r = penaltyOf(penaltyDraft(m.penalty));
    assert.ok(r.ok, m.code);
    assert.deepEqual(r.penalty, m.penalty, m.code);
  }
  assert.ok(kinds.size >= 3, [...kinds].join());
  const samples: StatutoryPenalty[] = [
    { kind: 'multiple', of: 'illegalGain', min: 1, max: 3, orRange: { min: 100_000, max: 1_000_000 } },
    { kind: 'multiple', of: 'directLoss', min: 1, max: 2 },
    { kind: 'daily', of: 'originalFine' },
    { kind: 'detention', days: { min: 10, max: 15 }, minorDays: { min: 5, max: 10 } },
  ];
  for (const p of samples) assert.deepEqual((penaltyOf(penaltyDraft(p)) as { penalty: unknown }).penalty, p);
});

void test('switching the kind keeps the bounds both kinds have', () => {
  const d = switchKind(penaltyDraft({ kind: 'range', min: 100_000, max: 1_000_000 }), 'perInstance');
  assert.deepEqual(penaltyOf(d), { ok: true, penalty: { kind: 'perInstance', min: 100_000, max: 1_000_000 } });
  const m = switchKind(d, 'multiple');
  assert.equal(m.of, 'directLoss');
  assert.deepEqual(penaltyOf(switchKind(m, 'maximumOnly')), { ok: true, penalty: { kind: 'maximumOnly', max: 1_000_000 } });
});

void test('a missing, negative or inverted bound is named by its field, in Chinese', () => {
  assert.equal(say({ kind: 'range', min: '', max: '5' }), '请填写“下限（元）”。');
  assert.equal(say({ kind: 'range', min: '-1', max: '5' }), '“下限（元）”须为不小于 0 的数字。');
  assert.equal(say({ kind: 'range', min: '10', max: '5' }), '“上限（元）”不能小于对应的下限。');
  assert.equal(say({ kind: 'multiple', of: 'directLoss', min: '1', max: '三', 'orRange.min': '', 'orRange.max': '' }), '“倍数上限（倍）”须为不小于 0 的数字。');
  assert.equal(say({ kind: 'multiple', of: 'directLoss', min: '1', max: '3', 'orRange.min': '100', 'orRange.max': '' }), '“或处罚款”的下限和上限须同时填写或同时不填。');
  assert.equal(say({ kind: 'detention', 'days.min': '10', 'days.max': '15', 'minorDays.min': '5', 'minorDays.max': '' }), '请填写“情节较轻的拘留天数上限”。');
});
