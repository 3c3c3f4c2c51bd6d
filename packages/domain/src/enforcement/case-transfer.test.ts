// A fine never replaces a transfer [TRF 11]: a settled transfer settles only the flags it was about, and a
// police refusal under reconsideration is not settled until the police answer (LNK art. 11).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beijing } from './calendar.ts';
import { transition } from './case-machine.ts';
import { run } from './case-test-kit.ts';
import { newCase, type Actor, type CaseAction, type CaseRecord } from './case-types.ts';

const OFFICER: Actor = { id: 'o1', roles: ['officer'] };
const HEAD: Actor = { id: 'head', roles: ['head'] };

/** Filed 2026-03-02, in legal review with everything a penalty needs. */
function inReview(): CaseRecord {
  return {
    ...newCase('t1', 'WAT-01', beijing('2026-03-02T09:00')), state: 'legal_review',
    filedAt: beijing('2026-03-02T10:00'), investigators: ['o1', 'o2'], correctionOrderedAt: beijing('2026-03-05T10:00'),
    discretion: { amount: 80_000, ref: 'disc-1' }, advanceNoticeAt: beijing('2026-03-20T10:00'), hearingWaived: true,
    legalReview: { by: 'rev', at: beijing('2026-03-30T10:00') },
  };
}

const pendingRefusal = (c: CaseRecord, action: CaseAction, when: string): void => {
  const r = transition(c, action, HEAD, beijing(when));
  assert.ok(!r.ok, `${action.type} must be refused`);
  assert.ok(r.refusal.failed?.some((f) => f.id === 'no_pending_transfer'), r.refusal.reason);
  assert.match(r.refusal.reason, /a fine never replaces a transfer/);
};

void test('a flag raised after a declined transfer needs a transfer of its own before a decision [TRF 11]', () => {
  const declined = run(inReview(), [
    [{ type: 'flag_criminal', flags: ['heavy_metal_3x'] }, OFFICER, '2026-04-01T10:00'],
    [{ type: 'propose_transfer' }, OFFICER, '2026-04-01T11:00'],
    [{ type: 'decline_transfer', reason: 'below the threshold on re-test' }, HEAD, '2026-04-02T10:00'],
  ]);
  assert.equal(declined.state, 'legal_review');
  assert.ok(transition(declined, { type: 'decide' }, HEAD, beijing('2026-04-03T10:00')).ok, 'the declined flag is settled');

  const flagged = run(declined, [[{ type: 'flag_criminal', flags: ['hazardous_waste'] }, OFFICER, '2026-04-03T10:00']]);
  for (const a of [{ type: 'decide' }, { type: 'decide_no_penalty' }, { type: 'terminate', reason: 'no longer pursued' }] as CaseAction[]) pendingRefusal(flagged, a, '2026-04-03T11:00');

  // A second transfer on both flags, settled, lets the decision through.
  const again = run(flagged, [
    [{ type: 'propose_transfer' }, OFFICER, '2026-04-03T12:00'],
    [{ type: 'decline_transfer', reason: 'waste re-weighed: 1.2 t' }, HEAD, '2026-04-04T10:00'],
  ]);
  assert.deepEqual([...again.transfer!.flags].sort(), ['hazardous_waste', 'heavy_metal_3x']);
  assert.ok(transition(again, { type: 'decide' }, HEAD, beijing('2026-04-05T10:00')).ok);
});

void test('after a reconsideration request the police refusal is not settled until they answer; they may accept on reconsideration', () => {
  const declined = run(inReview(), [
    [{ type: 'flag_criminal', flags: ['heavy_metal_3x'] }, OFFICER, '2026-04-01T10:00'],
    [{ type: 'propose_transfer' }, OFFICER, '2026-04-01T11:00'],
    [{ type: 'approve_transfer' }, HEAD, '2026-04-02T09:00'],
    [{ type: 'send_transfer' }, OFFICER, '2026-04-02T15:00'],
    [{ type: 'police_decline' }, OFFICER, '2026-04-03T10:00'],
  ]);
  assert.equal(declined.state, 'legal_review');
  const early = transition(declined, { type: 'police_accept_on_reconsideration' }, OFFICER, beijing('2026-04-03T11:00'));
  assert.ok(!early.ok && early.refusal.failed!.some((f) => f.id === 'reconsideration_pending'), 'nothing to answer before a request');

  const asked = run(declined, [[{ type: 'request_reconsideration' }, HEAD, '2026-04-07T10:00']]);
  pendingRefusal(asked, { type: 'decide' }, '2026-04-07T11:00');
  pendingRefusal(asked, { type: 'terminate', reason: 'dropped' }, '2026-04-07T11:00');
  assert.ok(!transition(asked, { type: 'police_accept_on_reconsideration' }, { id: 'd', roles: ['dispatcher'] }, beijing('2026-04-08T10:00')).ok, 'who may: as police_accept');

  // The police uphold the refusal: the reconsideration decision settles it and the fine may follow.
  const upheld = run(asked, [[{ type: 'record_transfer_receipt', kind: 'reconsideration_decision', reference: '复议决定 2026-17' }, OFFICER, '2026-04-09T10:00']]);
  assert.ok(transition(upheld, { type: 'decide' }, HEAD, beijing('2026-04-10T10:00')).ok);

  // The police accept on reconsideration: the case goes to them, items follow within 3 days, it closes as transferred.
  const accepted = run(asked, [[{ type: 'police_accept_on_reconsideration' }, OFFICER, '2026-04-09T10:00']]);
  assert.equal(accepted.state, 'transferred');
  assert.equal(accepted.transfer!.policeDecision, 'accepted');
  assert.deepEqual(accepted.transfer!.receipts.map((r) => r.kind), ['non_filing_notice', 'reconsideration_decision', 'filing_notice']);
  assert.equal(accepted.duties.at(-1)!.action, 'police_accept_on_reconsideration');
  assert.equal(accepted.documents.at(-1)!.kind, 'transfer_receipt');
  const closed = run(accepted, [[{ type: 'hand_over_items' }, OFFICER, '2026-04-10T10:00'], [{ type: 'close' }, HEAD, '2026-04-11T10:00']]);
  assert.equal(closed.outcome, 'transferred');
  assert.equal(closed.duties.find((d) => d.action === 'hand_over_items')!.lateDays, undefined, 'items counted from the acceptance');
});
