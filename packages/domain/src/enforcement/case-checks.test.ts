// checkAction: what the case console may offer. It evaluates the state, the role and the preconditions on the
// record without applying anything, and agrees with `transition` on every refusal that does not depend on the
// action's input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beijing } from './calendar.ts';
import { actionChecks, checkAction, dutyRecord, transition } from './case-machine.ts';
import { newCase, type Actor, type CaseAction, type CaseActionType, type CaseRecord } from './case-types.ts';

const OFFICER: Actor = { id: 'o1', roles: ['officer'] };
const HEAD: Actor = { id: 'head', roles: ['head'] };
const REVIEWER: Actor = { id: 'rev', roles: ['legalReviewer'] };
const D = beijing('2026-03-02T09:00');

function apply(c: CaseRecord, a: CaseAction, actor: Actor, at: number): CaseRecord {
  const r = transition(c, a, actor, at);
  assert.ok(r.ok, `${a.type}: ${r.ok ? '' : r.refusal.reason}`);
  return r.case;
}

/** Filed, investigated by two officers, fined, ordered to correct, notified: the hearing window is open. */
function notified(): CaseRecord {
  let c = apply(newCase('c1', 'AIR-99-2', D), { type: 'file' }, HEAD, beijing('2026-03-03T10:00'));
  c = apply(c, { type: 'start_investigation', officers: ['o1', 'o2'] }, OFFICER, beijing('2026-03-04T10:00'));
  c = apply(c, { type: 'order_correction' }, OFFICER, beijing('2026-03-05T10:00'));
  c = apply(c, { type: 'record_discretion', amount: 50_000, ref: 'disc-1' }, OFFICER, beijing('2026-03-06T10:00'));
  return apply(c, { type: 'issue_advance_notice' }, OFFICER, beijing('2026-03-09T10:00'));
}

const offered = (c: CaseRecord, actor: Actor, at: number): CaseActionType[] => actionChecks(c, actor, at).filter((x) => x.ok).map((x) => x.action);
const failedIds = (c: CaseRecord, type: CaseActionType, actor: Actor, at: number): string[] => {
  const r = checkAction(c, type, actor, at);
  return r.ok ? [] : (r.refusal.failed ?? []).map((f) => f.id);
};

void test('a case never transferred offers neither the police receipt nor a reconsideration, and says why', () => {
  const c = notified();
  const at = beijing('2026-03-10T10:00');
  assert.deepEqual(failedIds(c, 'record_transfer_receipt', OFFICER, at), ['transfer_sent']);
  assert.deepEqual(failedIds(c, 'request_reconsideration', HEAD, at), ['police_declined', 'within_reconsideration_window']);
  assert.ok(!offered(c, OFFICER, at).includes('record_transfer_receipt'));
  assert.ok(!offered(c, HEAD, at).includes('request_reconsideration'));
  // Still listed among the state's actions, with the refusal the machine would give.
  const receipt = actionChecks(c, OFFICER, at).find((x) => x.action === 'record_transfer_receipt');
  assert.ok(receipt !== undefined && !receipt.ok && receipt.refusal.code === 'precondition_failed');
});

void test('after the party waives a hearing neither the waiver nor a hearing request is offered; submitting for review is', () => {
  const at = beijing('2026-03-10T10:00');
  let c = notified();
  assert.deepEqual(offered(c, OFFICER, at).filter((a) => ['waive_hearing', 'request_hearing', 'submit_for_review'].includes(a)), ['waive_hearing', 'request_hearing']);
  c = apply(c, { type: 'waive_hearing' }, OFFICER, at);
  assert.deepEqual(failedIds(c, 'waive_hearing', OFFICER, at + 1), ['hearing_not_waived']);
  assert.deepEqual(failedIds(c, 'request_hearing', OFFICER, at + 1), ['hearing_window_open']);
  assert.ok(offered(c, OFFICER, at + 1).includes('submit_for_review'));
  // The machine refuses a second waiver too.
  const again = transition(c, { type: 'waive_hearing' }, OFFICER, at + 2);
  assert.ok(!again.ok && again.refusal.failed?.[0]?.id === 'hearing_not_waived');
});

void test('the legal review is offered once, to a reviewer who did not investigate; its opinion is kept', () => {
  let c = apply(notified(), { type: 'waive_hearing' }, OFFICER, beijing('2026-03-10T10:00'));
  c = apply(c, { type: 'submit_for_review' }, OFFICER, beijing('2026-03-10T11:00'));
  const at = beijing('2026-03-11T10:00');
  assert.ok(offered(c, REVIEWER, at).includes('complete_legal_review'));
  assert.deepEqual(failedIds(c, 'complete_legal_review', { id: 'o1', roles: ['legalReviewer'] }, at), ['reviewer_not_investigator']);
  c = apply(c, { type: 'complete_legal_review', opinion: '  事实清楚，证据确凿，程序合法，同意拟处罚意见。 ' }, REVIEWER, at);
  assert.deepEqual(c.legalReview, { by: 'rev', at, opinion: '事实清楚，证据确凿，程序合法，同意拟处罚意见。' });
  assert.equal(dutyRecord(c).at(-1)?.note, '事实清楚，证据确凿，程序合法，同意拟处罚意见。');
  assert.deepEqual(failedIds(c, 'complete_legal_review', REVIEWER, at + 1), ['legal_review_not_done']);
  assert.ok(offered(c, HEAD, at + 1).includes('decide'));
  // No opinion: the record says nothing rather than an empty text; a non-text opinion is bad input.
  const bare = transition({ ...c, legalReview: null }, { type: 'complete_legal_review', opinion: ' ' }, REVIEWER, at + 2);
  assert.ok(bare.ok && bare.case.legalReview !== null && !('opinion' in bare.case.legalReview));
  const bad = transition({ ...c, legalReview: null }, { type: 'complete_legal_review', opinion: 7 } as unknown as CaseAction, REVIEWER, at + 2);
  assert.ok(!bad.ok && bad.refusal.code === 'bad_input');
});

void test('preconditions on the input are left to the form: naming the investigators and a waiver reason stay on offer', () => {
  const filed = apply(newCase('c2', 'AIR-99-2', D), { type: 'file' }, HEAD, beijing('2026-03-03T10:00'));
  assert.ok(checkAction(filed, 'start_investigation', OFFICER, beijing('2026-03-03T11:00')).ok);
  assert.ok(checkAction(filed, 'terminate', HEAD, beijing('2026-03-03T11:00')).ok);
  // Wrong state and wrong role give the machine's codes.
  const wrong = checkAction(filed, 'decide', HEAD, beijing('2026-03-03T11:00'));
  assert.ok(!wrong.ok && wrong.refusal.code === 'illegal_transition');
  const role = checkAction(filed, 'terminate', OFFICER, beijing('2026-03-03T11:00'));
  assert.ok(!role.ok && role.refusal.code === 'role_not_allowed');
});

void test('checkAction agrees with transition: an action it refuses on the record, transition refuses with the same preconditions', () => {
  const at = beijing('2026-03-10T10:00');
  const records = [newCase('c3', 'AIR-99-2', D), notified(), apply(notified(), { type: 'waive_hearing' }, OFFICER, at)];
  for (const c of records) {
    for (const actor of [OFFICER, HEAD, REVIEWER]) {
      for (const check of actionChecks(c, actor, at + 1)) {
        if (check.ok) continue;
        const r = transition(c, { type: check.action, reason: 'x', officers: ['a', 'b'], participants: ['a', 'b'], summary: 'x', amount: 1e9, flags: ['f'], ref: 'r', gate: 'g', article: 'a', kind: 'police_receipt' } as unknown as CaseAction, actor, at + 1);
        assert.ok(!r.ok, `${check.action} refused by checkAction but applied by transition`);
        assert.deepEqual((r.refusal.failed ?? []).map((f) => f.id), (check.refusal.failed ?? []).map((f) => f.id), check.action);
      }
    }
  }
});
