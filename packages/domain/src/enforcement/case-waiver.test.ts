// The first-violation waiver (APL 33 ¶1, rules.md "first violation with minor harm, corrected → may waive"):
// a decision outcome of its own, open only when the gates said may_waive, and never closing the way to a
// penalty on the same facts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beijing } from './calendar.ts';
import { transition } from './case-machine.ts';
import { newCase, type Actor, type CaseAction, type CaseRecord } from './case-types.ts';
import { evaluateGates, waivableOf, type GateFacts } from './gates.ts';

const OFFICER: Actor = { id: 'o1', roles: ['officer'] };
const HEAD: Actor = { id: 'head', roles: ['head'] };
const D = beijing('2026-03-02T09:00');
const AT = beijing('2026-03-20T10:00');

/** First violation, minor harm, corrected in time: the gates say may_waive. */
const FIRST: GateFacts = { actEndedOn: '2026-03-01', discoveredOn: '2026-03-02', noFaultProven: false, minor: false, correctedInTime: true, harm: 'minor', firstViolation: true };

function investigating(): CaseRecord {
  return { ...newCase('c1', 'AIR-99-2', D), state: 'investigating', filedAt: beijing('2026-03-03T10:00'), investigators: ['o1', 'o2'], correctionOrderedAt: beijing('2026-03-04T10:00') };
}

function apply(c: CaseRecord, a: CaseAction, actor: Actor, at = AT): CaseRecord {
  const r = transition(c, a, actor, at);
  assert.ok(r.ok, `${a.type}: ${r.ok ? '' : r.refusal.reason}`);
  return r.case;
}

void test('waivableOf: only a may_waive outcome can be waived', () => {
  const may = evaluateGates(FIRST);
  assert.ok(may.ok && may.value.outcome === 'may_waive');
  assert.deepEqual(waivableOf(may.value), { gate: 'first_violation', article: 'APL 33 ¶1', reason: may.value.reasons.join('; ') });
  for (const facts of [{ ...FIRST, harm: 'none' as const, minor: true }, { ...FIRST, firstViolation: false }, { ...FIRST, actEndedOn: '2020-01-01' }]) {
    const g = evaluateGates(facts);
    assert.ok(g.ok);
    assert.equal(waivableOf(g.value), null, `${g.value.outcome} is not waivable`);
  }
});

void test('a waiver is decided by the head on a may_waive gate and recorded as its own outcome with the gate, article and reason', () => {
  const g = evaluateGates(FIRST);
  assert.ok(g.ok);
  const w = waivableOf(g.value)!;
  let c = apply(investigating(), { type: 'record_discretion', amount: 50_000, ref: 'f1', waivable: w }, OFFICER);
  assert.deepEqual(c.waivable, w);
  // The officer may not decide; the head may, with a reason.
  const byOfficer = transition(c, { type: 'decide_waiver', reason: 'corrected the same day' }, OFFICER, AT);
  assert.ok(!byOfficer.ok && byOfficer.refusal.code === 'role_not_allowed');
  const noReason = transition(c, { type: 'decide_waiver', reason: '  ' }, HEAD, AT);
  assert.ok(!noReason.ok && noReason.refusal.failed!.some((f) => f.id === 'reason_given'));
  c = apply(c, { type: 'decide_waiver', reason: 'corrected the same day, no complaint' }, HEAD);
  assert.equal(c.state, 'no_penalty');
  assert.equal(c.outcome, 'waived');
  assert.deepEqual(c.waiver, { gate: 'first_violation', article: 'APL 33 ¶1', gateReason: w.reason, reason: 'corrected the same day, no complaint', by: 'head', at: AT });
  assert.equal(c.decidedAt, AT);
  assert.deepEqual(c.documents.at(-1), { kind: 'no_penalty_decision', at: AT, by: 'head' });
  assert.equal(c.duties.at(-1)!.note, 'corrected the same day, no complaint');
  // Served, then closed like any no-penalty decision; the outcome stays 'waived'.
  c = apply(c, { type: 'serve' }, OFFICER, AT + 3600_000);
  c = apply(c, { type: 'close' }, HEAD, AT + 7200_000);
  assert.equal(c.state, 'closed');
  assert.equal(c.outcome, 'waived');
});

void test('a waiver is refused when the gates did not say may_waive; a no-penalty exemption is not a waiver', () => {
  const none = transition(investigating(), { type: 'decide_waiver', reason: 'seems minor' }, HEAD, AT);
  assert.ok(!none.ok);
  assert.equal(none.refusal.code, 'precondition_failed');
  assert.deepEqual(none.refusal.failed!.map((f) => f.id), ['waiver_available']);
  assert.equal(none.refusal.failed![0]!.source, 'APL 33 ¶1');
  // An exemption (shall not penalise) opens decide_no_penalty, not decide_waiver.
  const exempt = apply(investigating(), { type: 'record_exemption', gate: 'minor_no_harm', article: 'APL 33 ¶1' }, OFFICER);
  assert.equal(transition(exempt, { type: 'decide_waiver', reason: 'x' }, HEAD, AT).ok, false);
  // A later assessment on other facts (proceed) withdraws the earlier may_waive.
  const g = evaluateGates(FIRST);
  assert.ok(g.ok);
  let c = apply(investigating(), { type: 'record_exemption', gate: 'first_violation', article: 'APL 33 ¶1', waivable: true, gateReason: 'first violation' }, OFFICER);
  assert.equal(c.exemption, null, 'a may_waive is not an exemption');
  assert.equal(c.waivable?.gate, 'first_violation');
  assert.equal(transition(c, { type: 'decide_no_penalty' }, HEAD, AT).ok, false, 'no exemption: no no-penalty decision');
  c = apply(c, { type: 'record_discretion', amount: 80_000, ref: 'f2' }, OFFICER);
  assert.equal(c.waivable, null);
  const after = transition(c, { type: 'decide_waiver', reason: 'first violation' }, HEAD, AT);
  assert.ok(!after.ok && after.refusal.failed![0]!.id === 'waiver_available');
});

void test('a penalty is still possible when the gates said may_waive', () => {
  const g = evaluateGates(FIRST);
  assert.ok(g.ok);
  let c = apply(investigating(), { type: 'record_discretion', amount: 50_000, ref: 'f1', waivable: waivableOf(g.value)! }, OFFICER, beijing('2026-03-05T10:00'));
  c = apply(c, { type: 'issue_advance_notice' }, OFFICER, beijing('2026-03-06T10:00'));
  c = apply(c, { type: 'waive_hearing' }, OFFICER, beijing('2026-03-06T11:00'));
  c = apply(c, { type: 'submit_for_review' }, OFFICER, beijing('2026-03-06T12:00'));
  c = apply(c, { type: 'complete_legal_review' }, { id: 'rev', roles: ['legalReviewer'] }, beijing('2026-03-09T10:00'));
  c = apply(c, { type: 'decide' }, HEAD, beijing('2026-03-10T10:00'));
  assert.equal(c.outcome, 'penalty');
  assert.equal(c.waiver ?? null, null);
});

void test('malformed waiver input is a typed refusal', () => {
  const bad = transition(investigating(), { type: 'record_discretion', amount: 1, ref: 'f', waivable: { gate: '', article: 'x', reason: 'y' } }, OFFICER, AT);
  assert.ok(!bad.ok && bad.refusal.code === 'bad_input');
  const noReason = transition(investigating(), { type: 'decide_waiver' } as unknown as CaseAction, HEAD, AT);
  assert.ok(!noReason.ok && noReason.refusal.code === 'bad_input');
  // A record stored before waivers existed (no waivable field) is refused, not crashed.
  const { waivable: _w, waiver: _v, ...old } = investigating();
  const r = transition(old, { type: 'decide_waiver', reason: 'x' }, HEAD, AT);
  assert.ok(!r.ok && r.refusal.code === 'precondition_failed');
});
