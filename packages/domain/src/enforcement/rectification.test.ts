import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beijing } from './calendar.ts';
import { dailyPenalty } from './daily-penalty.ts';
import { orderRectification, rectificationClocks, recordReinspection, submitProof, toDailyPenaltyRound, type Rectification } from './rectification.ts';

const served = beijing('2026-03-02T10:00');
function order(): Rectification {
  const r = orderRectification('r1', served, 10, { caseId: 'c1' });
  assert.ok(r.ok);
  return r.value;
}

void test('order → proof from the enterprise → re-inspection → corrected', () => {
  const p = submitProof(order(), { at: beijing('2026-03-09T10:00'), by: 'ent-1', files: ['sha256:ab'], note: 'new scrubber' });
  assert.ok(p.ok && p.value.state === 'proof_submitted');
  const again = submitProof(p.value, { at: beijing('2026-03-10T10:00'), by: 'ent-1', files: [], note: 'operating log' });
  assert.ok(again.ok && again.value.proofs.length === 2);
  const done = recordReinspection(again.value, beijing('2026-03-15T10:00'), ['o1', 'o2'], true, 'SO2 compliant');
  assert.ok(done.ok && done.value.state === 'corrected');
  const clocks = rectificationClocks(done.value, beijing('2026-03-16T00:00'));
  assert.deepEqual(clocks.map((k) => [k.id, k.status]), [['rectification', 'done'], ['reinspection', 'done']]);
  // No further step once re-inspected.
  assert.ok(!submitProof(done.value, { at: beijing('2026-03-16T10:00'), by: 'ent-1', files: ['x'], note: '' }).ok);
  assert.ok(!recordReinspection(done.value, beijing('2026-03-16T10:00'), ['o1', 'o2'], false, '').ok);
});

void test('overdue rectification escalates; a covert re-inspection needs no proof; uncorrected feeds the daily penalty', () => {
  const r = order();
  // 10 days from 03-02 → last day 03-12.
  const k = (now: string) => rectificationClocks(r, beijing(now))[0]!;
  assert.equal(k('2026-03-05T10:00').status, 'ok');
  assert.equal(k('2026-03-12T12:00').status, 'due_soon');
  assert.deepEqual([k('2026-03-13T00:00').status, k('2026-03-13T00:00').escalation], ['overdue', 2]);
  assert.equal(k('2026-03-17T00:00').escalation, 3);
  // The bureau's re-inspection window is 30 days [DPM]: last day 04-01.
  assert.equal(rectificationClocks(r, beijing('2026-04-02T00:00'))[1]!.status, 'overdue');
  const covert = recordReinspection(r, beijing('2026-03-20T15:00'), ['o1', 'o2'], false, 'still bypassing');
  assert.ok(covert.ok && covert.value.state === 'not_corrected');
  const round = toDailyPenaltyRound(covert.value)!;
  const dp = dailyPenalty({ originalFine: 230_000, productionRestrictedAt: null, rounds: [round] });
  assert.ok(dp.ok && dp.value.total === 230_000 * 18);
  assert.equal(toDailyPenaltyRound(r), null);
});

void test('refusals: one officer, empty proof, bad deadline', () => {
  const r = order();
  const one = recordReinspection(r, beijing('2026-03-10T10:00'), ['o1', 'o1'], true, '');
  assert.ok(!one.ok && one.refusal.code === 'precondition_failed');
  const empty = submitProof(r, { at: beijing('2026-03-09T10:00'), by: 'ent-1', files: [], note: ' ' });
  assert.ok(!empty.ok && empty.refusal.code === 'precondition_failed');
  const early = submitProof(r, { at: served - 1, by: 'ent-1', files: ['x'], note: '' });
  assert.ok(!early.ok && early.refusal.code === 'bad_input');
  assert.ok(!orderRectification('r', served, 0).ok);
  assert.ok(!orderRectification('r', Number.NaN, 10).ok);
});
