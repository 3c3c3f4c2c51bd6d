// The decision and its aftermath: the decision period (late decisions go through with their lateness on
// the record), service in working days, payment rolled past holidays, and the latest gate assessment
// deciding between a penalty and a no-penalty decision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as domain from '../index.ts';
import { beijing } from './calendar.ts';
import { dutyRecord, transition } from './case-machine.ts';
import { run } from './case-test-kit.ts';
import { newCase, type Actor, type CaseAction, type CaseRecord } from './case-types.ts';
import { caseClocks } from './clocks.ts';
import { newTransfer } from './transfer.ts';

const OFFICER: Actor = { id: 'o1', roles: ['officer'] };
const HEAD: Actor = { id: 'head', roles: ['head'] };
const REVIEWER: Actor = { id: 'rev', roles: ['legalReviewer'] };

/** Filed 2026-01-01: day 90 is 04-01. In legal review with everything a penalty needs. */
function inReview(over: Partial<CaseRecord> = {}): CaseRecord {
  return {
    ...newCase('d1', 'AIR-99-2', beijing('2026-01-01T09:00')), state: 'legal_review',
    filedAt: beijing('2026-01-01T10:00'), investigators: ['o1', 'o2'], correctionOrderedAt: beijing('2026-01-05T10:00'),
    discretion: { amount: 50_000, ref: 'disc-1' }, advanceNoticeAt: beijing('2026-03-02T10:00'), hearingWaived: true,
    legalReview: { by: 'rev', at: beijing('2026-03-10T10:00') },
    ...over,
  };
}

void test('a decision after the decision period goes through, late on the duty record, and its clock shows it; extension stays refused', () => {
  const c = inReview();
  const clock = (k: CaseRecord, at: string) => caseClocks(k, beijing(at)).find((x) => x.id === 'decision')!;
  assert.equal(clock(c, '2026-04-03T10:00').status, 'overdue');
  const ext = transition(c, { type: 'extend_decision', reason: 'appraisal' }, HEAD, beijing('2026-04-02T10:00'));
  assert.ok(!ext.ok && ext.refusal.failed!.some((f) => f.id === 'decision_extension_available'), 'an expired period cannot be extended [W12]');

  const late = transition(c, { type: 'decide' }, HEAD, beijing('2026-04-03T10:00'));
  assert.ok(late.ok, late.ok ? '' : late.refusal.reason);
  assert.equal(late.case.state, 'decided');
  assert.equal(late.entry.lateDays, 2);
  assert.equal(dutyRecord(late.case).at(-1)!.lateDays, 2);
  const done = clock(late.case, '2026-04-05T10:00');
  assert.equal(done.status, 'done_late');
  assert.ok(done.remainingMs < 0);

  // The no-penalty decisions are measured against the same period.
  const exempt = transition({ ...c, exemption: { gate: 'minor_no_harm', article: 'APL 33 ¶1' } }, { type: 'decide_no_penalty' }, HEAD, beijing('2026-04-02T10:00'));
  assert.ok(exempt.ok && exempt.entry.lateDays === 1);
  const waived = transition(
    { ...c, waivable: { gate: 'first_violation', article: 'APL 33 ¶1', reason: 'first violation' } },
    { type: 'decide_waiver', reason: 'first violation, corrected the same day' }, HEAD, beijing('2026-04-04T10:00'),
  );
  assert.ok(waived.ok && waived.entry.lateDays === 3);
  const inTime = transition(c, { type: 'decide' }, HEAD, beijing('2026-04-01T23:59'));
  assert.ok(inTime.ok && inTime.entry.lateDays === undefined);
});

void test('the decision period does not count a pending transfer up to the act (LNK 16)', () => {
  // A transfer proposed 03-20 and not come back: by 04-05 it has paused 16 days, so the period runs to 04-17.
  const c = inReview({ transfer: newTransfer(beijing('2026-03-20T10:00'), 'o1', [], 'EPL 63 detention', 'legal_review') });
  const ext = transition(c, { type: 'extend_decision', reason: 'appraisal' }, HEAD, beijing('2026-04-05T10:00'));
  assert.ok(ext.ok, ext.ok ? '' : ext.refusal.reason);
  const decided = transition(c, { type: 'decide' }, HEAD, beijing('2026-04-05T10:00'));
  assert.ok(decided.ok && decided.entry.lateDays === undefined, 'not late: the transfer time does not count');
});

void test('service counts 7 working days (APL 61, 85) and payment 15 days rolled past a holiday (APL 67)', () => {
  // Decided Friday 03-20: seven working days end Tuesday 03-31 (seven calendar days would end 03-27).
  const decided = transition(inReview(), { type: 'decide' }, HEAD, beijing('2026-03-20T10:00'));
  assert.ok(decided.ok);
  const onTime = transition(decided.case, { type: 'serve' }, OFFICER, beijing('2026-03-30T10:00'));
  assert.ok(onTime.ok && onTime.entry.lateDays === undefined);
  const late = transition(decided.case, { type: 'serve' }, OFFICER, beijing('2026-04-01T10:00'));
  assert.ok(late.ok && late.entry.lateDays === 1);

  // Served 09-16: day 15 is 10-01, a National Day holiday; the party has until the next working day, 10-08.
  const served: CaseRecord = { ...decided.case, state: 'served', decidedAt: beijing('2026-09-15T10:00'), servedAt: beijing('2026-09-16T10:00'), outcome: 'penalty' };
  const early = transition(served, { type: 'execute' }, HEAD, beijing('2026-10-05T10:00'));
  assert.ok(!early.ok && early.refusal.failed![0]!.id === 'payment_overdue');
  assert.ok(transition(served, { type: 'execute' }, HEAD, beijing('2026-10-09T00:00')).ok);
});

void test('the latest gate assessment decides: a fine assessed after an exemption clears it, an exemption after a fine stops the penalty', () => {
  const start: CaseRecord = { ...inReview(), state: 'investigating', advanceNoticeAt: null, hearingWaived: false, legalReview: null, discretion: null };
  const exemption: CaseAction = { type: 'record_exemption', gate: 'minor_no_harm', article: 'APL 33 ¶1' };
  const discretion: CaseAction = { type: 'record_discretion', amount: 50_000, ref: 'disc-2' };
  const toReview: Array<[CaseAction, Actor, string]> = [
    [{ type: 'issue_advance_notice' }, OFFICER, '2026-02-02T10:00'],
    [{ type: 'waive_hearing' }, OFFICER, '2026-02-03T10:00'],
    [{ type: 'submit_for_review' }, OFFICER, '2026-02-03T11:00'],
    [{ type: 'complete_legal_review' }, REVIEWER, '2026-02-04T10:00'],
  ];

  // Exemption, then a fine: the fine stands and may be decided.
  const fineLast = run(start, [[exemption, OFFICER, '2026-02-01T10:00'], [discretion, OFFICER, '2026-02-01T11:00'], ...toReview]);
  assert.equal(fineLast.exemption, null);
  const penalty = transition(fineLast, { type: 'decide' }, HEAD, beijing('2026-02-05T10:00'));
  assert.ok(penalty.ok, penalty.ok ? '' : penalty.refusal.reason);
  assert.ok(!transition(fineLast, { type: 'decide_no_penalty' }, HEAD, beijing('2026-02-05T10:00')).ok);

  // A fine, then an exemption (APL 33 不予行政处罚): no penalty may be decided, the no-penalty decision may.
  const exemptLast = run(start, [[discretion, OFFICER, '2026-02-01T10:00'], [exemption, OFFICER, '2026-02-01T11:00'], ...toReview]);
  const refused = transition(exemptLast, { type: 'decide' }, HEAD, beijing('2026-02-05T10:00'));
  assert.ok(!refused.ok);
  assert.deepEqual(refused.refusal.failed!.map((f) => f.id), ['no_exemption']);
  assert.ok(transition(exemptLast, { type: 'decide_no_penalty' }, HEAD, beijing('2026-02-05T10:00')).ok);

  // A later may_waive assessment also replaces an exemption: the waiver is a choice, not a "shall not".
  const waivable = run(start, [[exemption, OFFICER, '2026-02-01T10:00'], [{ ...exemption, gate: 'first_violation', waivable: true, gateReason: 'first' }, OFFICER, '2026-02-01T11:00']]);
  assert.equal(waivable.exemption, null);
  assert.equal(waivable.waivable?.gate, 'first_violation');
});

void test('the package exports the holiday calendar and the calendar-warning helpers, and clocks carry the warning', () => {
  for (const name of ['rolledDeadline', 'rolledCalendarDeadline', 'calendarCovers', 'calendarWarning', 'withCalendarWarning', 'calendarFromNotices'] as const) {
    assert.equal(typeof domain[name], 'function', name);
  }
  assert.ok(domain.HOLIDAY_NOTICES.length > 0);
  assert.ok(domain.calendarCovers(domain.STATE_COUNCIL_CALENDAR, 2026));
  // A service period in a year without a State Council notice warns, in a sentence the console shows as it is.
  const decided: CaseRecord = { ...inReview(), state: 'decided', decidedAt: beijing('2031-03-20T10:00'), outcome: 'penalty' };
  const service = caseClocks(decided, beijing('2031-03-21T10:00')).find((k) => k.id === 'service')!;
  assert.match(service.calendarWarning ?? '', /no State Council holiday notice for 2031/);
});
