import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { beijing, beijingDayNumber } from './calendar.ts';
import { transition, dutyRecord, availableActions } from './case-machine.ts';
import { run } from './case-test-kit.ts';
import { daysLate, TRANSITIONS } from './case-rules.ts';
import { decisionDeadline } from './clocks.ts';
import { CASE_STATES, newCase, type Actor, type CaseAction, type CaseActionType, type CaseRecord, type CaseState } from './case-types.ts';
import { newTransfer } from './transfer.ts';

const ALL_ROLES: Actor = { id: 'boss', roles: ['officer', 'dispatcher', 'legalReviewer', 'head'] };
const OFFICER: Actor = { id: 'o1', roles: ['officer'] };
const HEAD: Actor = { id: 'head', roles: ['head'] };
const REVIEWER: Actor = { id: 'rev', roles: ['legalReviewer'] };

const SAMPLE: { [K in CaseActionType]: Extract<CaseAction, { type: K }> } = {
  file: { type: 'file' }, extend_filing: { type: 'extend_filing', reason: 'sampling results pending' },
  start_investigation: { type: 'start_investigation', officers: ['o1', 'o2'] }, order_correction: { type: 'order_correction' },
  record_discretion: { type: 'record_discretion', amount: 230_000, ref: 'disc-1' }, record_exemption: { type: 'record_exemption', gate: 'minor', article: 'APL 33' },
  flag_criminal: { type: 'flag_criminal', flags: ['heavy_metal_3x'] }, issue_advance_notice: { type: 'issue_advance_notice' },
  record_statement: { type: 'record_statement', summary: 'the party disputes the sampling' }, waive_hearing: { type: 'waive_hearing' },
  request_hearing: { type: 'request_hearing' }, submit_for_review: { type: 'submit_for_review' }, complete_hearing: { type: 'complete_hearing' },
  complete_legal_review: { type: 'complete_legal_review' }, return_for_investigation: { type: 'return_for_investigation', reason: 'facts unclear' },
  refer_collective_discussion: { type: 'refer_collective_discussion' }, complete_collective_discussion: { type: 'complete_collective_discussion', participants: ['head', 'deputy'] },
  extend_decision: { type: 'extend_decision', reason: 'expert appraisal' }, decide: { type: 'decide' }, decide_no_penalty: { type: 'decide_no_penalty' },
  decide_waiver: { type: 'decide_waiver', reason: 'first violation, corrected the same day' },
  serve: { type: 'serve' }, record_payment: { type: 'record_payment', amount: 230_000 }, execute: { type: 'execute' }, close: { type: 'close' },
  terminate: { type: 'terminate', reason: 'no violation' }, propose_transfer: { type: 'propose_transfer', reason: 'Pb 4× the standard' },
  approve_transfer: { type: 'approve_transfer' }, decline_transfer: { type: 'decline_transfer', reason: 'below the threshold on re-test' },
  send_transfer: { type: 'send_transfer' }, record_transfer_receipt: { type: 'record_transfer_receipt', kind: 'police_receipt', track: 'verify' },
  police_accept: { type: 'police_accept' }, police_decline: { type: 'police_decline' }, request_reconsideration: { type: 'request_reconsideration' },
  police_accept_on_reconsideration: { type: 'police_accept_on_reconsideration' }, hand_over_items: { type: 'hand_over_items' },
};
const ACTIONS = Object.keys(SAMPLE) as CaseActionType[];

/**
 * The procedure written out independently of case-rules.ts, as issue 5 §5/§8 and the APL describe it:
 * the states in which each action is lawful. The matrix test holds the table to it.
 */
const PRE_DECISION: CaseState[] = ['filed', 'investigating', 'advance_notice', 'hearing', 'legal_review', 'collective_discussion'];
const OPEN: CaseState[] = ['discovered', ...PRE_DECISION, 'decided', 'served', 'paid', 'executed', 'no_penalty'];
const ALLOWED: Record<CaseActionType, CaseState[]> = {
  file: ['discovered'], extend_filing: ['discovered'], start_investigation: ['filed'], order_correction: ['investigating'],
  record_discretion: ['investigating'], record_exemption: ['investigating'], flag_criminal: OPEN, issue_advance_notice: ['investigating'],
  record_statement: ['advance_notice', 'hearing'], waive_hearing: ['advance_notice'], request_hearing: ['advance_notice'], submit_for_review: ['advance_notice'],
  complete_hearing: ['hearing'], complete_legal_review: ['legal_review'], return_for_investigation: ['legal_review'], refer_collective_discussion: ['legal_review'],
  complete_collective_discussion: ['collective_discussion'], extend_decision: PRE_DECISION, decide: ['legal_review', 'collective_discussion'],
  decide_no_penalty: ['investigating', 'legal_review', 'collective_discussion'], decide_waiver: ['investigating', 'legal_review', 'collective_discussion'], serve: ['decided', 'no_penalty'], record_payment: ['served'], execute: ['served'],
  close: ['paid', 'executed', 'no_penalty', 'transferred'], terminate: ['discovered', ...PRE_DECISION], propose_transfer: OPEN,
  approve_transfer: ['transfer_review'], decline_transfer: ['transfer_review'], send_transfer: ['transfer_approved'],
  record_transfer_receipt: ['transferred', ...OPEN], police_accept: ['transferred'], police_decline: ['transferred'], request_reconsideration: OPEN,
  police_accept_on_reconsideration: OPEN, hand_over_items: ['transferred', 'decided', 'served', 'paid', 'executed'],
};

const D = beijing('2026-03-02T09:00');
const AT = beijing('2026-04-10T10:00');

/** A case in `state` with everything an action could require already on the record. */
function ready(state: CaseState, action: CaseActionType): { c: CaseRecord; at: number } {
  const c: CaseRecord = {
    ...newCase('c1', 'AIR-99-2', D, true), state,
    filedAt: beijing('2026-03-03T10:00'), investigators: ['o1', 'o2'], correctionOrderedAt: beijing('2026-03-05T10:00'),
    discretion: { amount: 230_000, ref: 'disc-1' }, exemption: { gate: 'minor', article: 'APL 33' },
    waivable: { gate: 'first_violation', article: 'APL 33 ¶1', reason: 'first violation, minor harm, corrected in time' },
    advanceNoticeAt: beijing('2026-03-20T10:00'), hearingWaived: true,
    legalReview: { by: 'rev', at: beijing('2026-03-30T10:00') }, collectiveDiscussion: { at: beijing('2026-04-01T10:00'), participants: ['head', 'deputy'] },
    servedAt: beijing('2026-03-25T10:00'),
    transfer: { ...newTransfer(beijing('2026-04-08T10:00'), 'o1', [], 'reason', 'investigating'), sentAt: beijing('2026-04-09T09:00') },
  };
  let at = AT;
  // Only the actions whose preconditions conflict with the common fixture need a tweak.
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check
  switch (action) {
    case 'extend_filing': at = beijing('2026-03-05T10:00'); break;
    case 'request_hearing': c.hearingWaived = false; at = beijing('2026-03-23T10:00'); break;
    case 'waive_hearing': c.hearingWaived = false; break;
    case 'complete_legal_review': c.legalReview = null; break;
    case 'hand_over_items': c.transfer = { ...c.transfer!, policeDecision: 'accepted', policeDecisionAt: beijing('2026-04-09T10:00') }; break;
    case 'close': c.transfer = { ...c.transfer!, policeDecision: 'accepted', policeDecisionAt: beijing('2026-04-09T10:00') }; break;
    case 'request_reconsideration': c.transfer = { ...c.transfer!, policeDecision: 'declined', policeDecisionAt: beijing('2026-04-09T10:00') }; break;
    case 'police_accept_on_reconsideration':
      c.transfer = { ...c.transfer!, policeDecision: 'declined', policeDecisionAt: beijing('2026-04-09T10:00'), reconsiderationRequestedAt: beijing('2026-04-09T15:00') };
      break;
    // A penalty needs no no-penalty ground on record (the latest gate assessment).
    case 'decide': c.exemption = null; break;
    default: break;
  }
  return { c, at };
}

void test('the full action × state matrix: only the lawful pairs pass, every other pair is refused as illegal', () => {
  for (const action of ACTIONS) {
    assert.deepEqual([...TRANSITIONS[action].from].sort(), [...ALLOWED[action]].sort(), `table row for ${action}`);
    for (const state of CASE_STATES) {
      const { c, at } = ready(state, action);
      const r = transition(c, SAMPLE[action], ALL_ROLES, at);
      if (ALLOWED[action].includes(state)) {
        assert.ok(r.ok, `${action} in ${state} should pass: ${r.ok ? '' : r.refusal.reason}`);
      } else {
        assert.ok(!r.ok, `${action} in ${state} must be refused`);
        assert.equal(r.refusal.code, 'illegal_transition');
      }
    }
  }
});

void test('an ordinary case runs from discovery to closing, recording each duty and document', () => {
  const c = run(newCase('c2', 'AIR-99-2', D), [
    [SAMPLE.file, HEAD, '2026-03-10T10:00'],
    [SAMPLE.start_investigation, { id: 'disp', roles: ['dispatcher'] }, '2026-03-10T11:00'],
    [SAMPLE.order_correction, OFFICER, '2026-03-11T10:00'],
    [SAMPLE.record_discretion, OFFICER, '2026-03-12T10:00'],
    [SAMPLE.issue_advance_notice, OFFICER, '2026-03-13T10:00'],
    [SAMPLE.record_statement, OFFICER, '2026-03-16T10:00'],
    [SAMPLE.submit_for_review, OFFICER, '2026-03-23T10:00'],
    [SAMPLE.complete_legal_review, REVIEWER, '2026-03-24T10:00'],
    [SAMPLE.decide, HEAD, '2026-03-25T10:00'],
    [SAMPLE.serve, OFFICER, '2026-03-26T10:00'],
    [SAMPLE.record_payment, OFFICER, '2026-04-05T10:00'],
    [SAMPLE.close, HEAD, '2026-04-06T10:00'],
  ]);
  assert.equal(c.state, 'closed');
  assert.equal(c.outcome, 'penalty');
  assert.deepEqual(c.documents.map((d) => d.kind), [
    'case_filing_form', 'order_to_correct', 'advance_notice', 'statement_record', 'legal_review_opinion', 'penalty_decision', 'service_receipt', 'payment_receipt', 'closing_report',
  ]);
  const duties = dutyRecord(c);
  assert.equal(duties.length, 12);
  assert.deepEqual(duties[0], { action: 'file', duty: '立案审批', by: 'head', at: beijing('2026-03-10T10:00'), document: 'case_filing_form', lateDays: 0 });
  assert.equal(duties.find((d) => d.action === 'complete_legal_review')!.by, 'rev');
});

void test('late filing goes through but the duty record shows how late', () => {
  // Discovered 03-02: 15 days → last day 03-17; filed 03-19 is 2 days late.
  const r = transition(newCase('c', 'm', D), SAMPLE.file, HEAD, beijing('2026-03-19T10:00'));
  assert.ok(r.ok);
  assert.equal(r.entry.lateDays, 2);
  const inTime = transition(newCase('c', 'm', D), SAMPLE.file, HEAD, beijing('2026-03-17T23:59'));
  assert.ok(inTime.ok);
  assert.equal(inTime.entry.lateDays, undefined);
});

void test('preconditions are refused with every unmet one named and its source', () => {
  const { c } = ready('investigating', 'issue_advance_notice');
  const one = transition({ ...c, investigators: ['o1'], discretion: null }, SAMPLE.issue_advance_notice, OFFICER, AT);
  assert.ok(!one.ok);
  assert.equal(one.refusal.code, 'precondition_failed');
  assert.deepEqual(one.refusal.failed!.map((f) => f.id), ['two_investigators', 'discretion_result']);
  assert.equal(one.refusal.failed![0]!.source, 'APL 42');

  const started = transition(ready('filed', 'start_investigation').c, { type: 'start_investigation', officers: ['o1', 'o1'] }, OFFICER, AT);
  assert.ok(!started.ok && started.refusal.failed![0]!.id === 'two_investigators_named');

  const { c: lr } = ready('legal_review', 'decide');
  const noReview = transition({ ...lr, legalReview: null, major: false }, SAMPLE.decide, HEAD, AT);
  assert.ok(!noReview.ok && noReview.refusal.failed!.some((f) => f.id === 'legal_review_done'));
  const majorNoDiscussion = transition({ ...lr, collectiveDiscussion: null }, SAMPLE.decide, HEAD, AT);
  assert.ok(!majorNoDiscussion.ok && majorNoDiscussion.refusal.failed!.some((f) => f.id === 'collective_discussion_if_major'));
  const notMajor = transition({ ...lr, collectiveDiscussion: null, major: false }, SAMPLE.decide, HEAD, AT);
  assert.ok(notMajor.ok, 'an ordinary case needs no collective discussion');
  const refer = transition({ ...lr, major: false }, SAMPLE.refer_collective_discussion, HEAD, AT);
  assert.ok(!refer.ok && refer.refusal.failed![0]!.id === 'major_case');

  // The hearing host and the legal reviewer are not investigators.
  const host = transition(ready('hearing', 'complete_hearing').c, SAMPLE.complete_hearing, { id: 'o1', roles: ['head'] }, AT);
  assert.ok(!host.ok && host.refusal.failed![0]!.id === 'host_not_investigator');
  const rev = transition(ready('legal_review', 'complete_legal_review').c, SAMPLE.complete_legal_review, { id: 'o2', roles: ['legalReviewer'] }, AT);
  assert.ok(!rev.ok && rev.refusal.failed![0]!.id === 'reviewer_not_investigator');

  // No-penalty path needs an exemption from the gates.
  const np = transition({ ...ready('investigating', 'decide_no_penalty').c, exemption: null }, SAMPLE.decide_no_penalty, HEAD, AT);
  assert.ok(!np.ok && np.refusal.failed![0]!.id === 'exemption_recorded');
  // Execution only after the 15-day payment period: served 03-25 → last day 04-09.
  const early = transition(ready('served', 'execute').c, SAMPLE.execute, HEAD, beijing('2026-04-09T23:00'));
  assert.ok(!early.ok && early.refusal.failed![0]!.id === 'payment_overdue');
});

void test('the party may ask for a hearing within 5 working days of the advance notice, and the decision waits for it', () => {
  // Notice Friday 03-20 → Mon 23 … Fri 27 are the 5 working days.
  const { c } = ready('advance_notice', 'request_hearing');
  assert.ok(transition(c, SAMPLE.request_hearing, OFFICER, beijing('2026-03-27T23:59')).ok);
  const late = transition(c, SAMPLE.request_hearing, OFFICER, beijing('2026-03-28T00:00'));
  assert.ok(!late.ok && late.refusal.failed![0]!.id === 'hearing_window_open');
  const tooSoon = transition(c, SAMPLE.submit_for_review, OFFICER, beijing('2026-03-27T12:00'));
  assert.ok(!tooSoon.ok && tooSoon.refusal.failed![0]!.id === 'hearing_window_closed_or_waived');
  const waived = transition(c, SAMPLE.waive_hearing, OFFICER, beijing('2026-03-23T10:00'));
  assert.ok(waived.ok);
  assert.ok(transition(waived.case, SAMPLE.submit_for_review, OFFICER, beijing('2026-03-23T11:00')).ok);
});

void test('roles: an officer cannot decide, an enterprise user cannot do anything', () => {
  const { c } = ready('legal_review', 'decide');
  const r = transition(c, SAMPLE.decide, OFFICER, AT);
  assert.ok(!r.ok && r.refusal.code === 'role_not_allowed');
  const ent = transition(c, SAMPLE.decide, { id: 'e1', roles: ['enterprise'] }, AT);
  assert.ok(!ent.ok && ent.refusal.code === 'role_not_allowed');
  assert.deepEqual(availableActions(c, { id: 'e1', roles: ['enterprise'] }), []);
  assert.ok(availableActions(c, HEAD).includes('decide'));
});

void test('bad input is a typed refusal, never a crash', () => {
  const c = newCase('c', 'm', D);
  const cases: Array<[unknown, number]> = [
    [{ type: 'fly' }, AT], [null, AT], [{ type: 'file' }, Number.NaN],
    [{ type: 'record_discretion', amount: Number.NaN, ref: 'x' }, AT], [{ type: 'start_investigation', officers: 'o1' }, AT],
    [{ type: 'record_transfer_receipt', kind: 'postcard' }, AT],
  ];
  for (const [a, at] of cases) {
    const r = transition(c, a as CaseAction, ALL_ROLES, at);
    assert.ok(!r.ok);
    assert.equal(r.refusal.code, 'bad_input');
  }
  const noActor = transition(c, SAMPLE.file, { id: '', roles: ['head'] }, AT);
  assert.ok(!noActor.ok && noActor.refusal.code === 'bad_input');
});

void test('the decision period: 90 days, two extensions of 30, 150 days at most', () => {
  const filedAt = beijing('2026-01-01T10:00');
  // No transfer on the record: time in transfer would not count (LNK 16).
  let c: CaseRecord = { ...ready('legal_review', 'decide').c, filedAt, major: false, transfer: null };
  // Day 90 after 01-01 is 04-01; a decision the day after goes through, one day late on the record.
  assert.ok(transition(c, SAMPLE.decide, HEAD, beijing('2026-04-01T23:59')).ok);
  const lateDecision = transition(c, SAMPLE.decide, HEAD, beijing('2026-04-02T00:00'));
  assert.ok(lateDecision.ok && lateDecision.entry.lateDays === 1);
  const lapsed = transition(c, SAMPLE.extend_decision, HEAD, beijing('2026-04-02T09:00'));
  assert.ok(!lapsed.ok && lapsed.refusal.failed![0]!.id === 'decision_extension_available', 'cannot extend an expired period');
  for (const when of ['2026-03-30T10:00', '2026-04-25T10:00']) {
    const r = transition(c, SAMPLE.extend_decision, HEAD, beijing(when));
    assert.ok(r.ok);
    c = r.case;
  }
  const third = transition(c, SAMPLE.extend_decision, HEAD, beijing('2026-05-01T10:00'));
  assert.ok(!third.ok && third.refusal.failed![0]!.id === 'decision_extension_available');
  // 150 days after 01-01 is 05-31.
  const inTime = transition(c, SAMPLE.decide, HEAD, beijing('2026-05-31T23:59'));
  assert.ok(inTime.ok && inTime.entry.lateDays === undefined);
  const over = transition(c, SAMPLE.decide, HEAD, beijing('2026-06-01T00:00'));
  assert.ok(over.ok && over.entry.lateDays === 1, 'past 150 days: decided, and the lateness recorded');
  const reason = transition(c, { type: 'extend_decision', reason: '  ' }, HEAD, beijing('2026-05-01T10:00'));
  assert.ok(!reason.ok && reason.refusal.failed!.some((f) => f.id === 'reason_given'));
});

void test('a fine never replaces a transfer: flagged cases cannot be decided or closed until the transfer is settled', () => {
  const flagged = transition(ready('legal_review', 'decide').c, SAMPLE.flag_criminal, OFFICER, AT);
  assert.ok(flagged.ok);
  let c: CaseRecord = { ...flagged.case, transfer: null };
  for (const a of ['decide', 'decide_no_penalty', 'terminate'] as const) {
    const r = transition(c, SAMPLE[a], HEAD, AT);
    assert.ok(!r.ok && r.refusal.failed!.some((f) => f.id === 'no_pending_transfer'), a);
  }
  c = run(c, [
    [{ type: 'propose_transfer' }, OFFICER, '2026-04-10T11:00'],
    [SAMPLE.approve_transfer, HEAD, '2026-04-11T09:00'],
    [SAMPLE.send_transfer, OFFICER, '2026-04-11T15:00'],
  ]);
  assert.equal(c.state, 'transferred');
  assert.deepEqual(c.transfer!.flags, ['heavy_metal_3x']);
  assert.ok(!transition(c, SAMPLE.close, HEAD, AT).ok, 'not closable before the police decide');
  const declined = transition(c, SAMPLE.police_decline, OFFICER, beijing('2026-04-13T10:00'));
  assert.ok(declined.ok);
  assert.equal(declined.case.state, 'legal_review', 'the administrative case resumes where it was');
  assert.ok(transition(declined.case, SAMPLE.decide, HEAD, beijing('2026-04-14T10:00')).ok, 'now a fine may be imposed');
  // The police accept: a case not yet decided closes as transferred.
  const accepted = run(c, [[SAMPLE.police_accept, OFFICER, '2026-04-13T10:00'], [SAMPLE.hand_over_items, OFFICER, '2026-04-14T10:00'], [SAMPLE.close, HEAD, '2026-04-15T10:00']]);
  assert.equal(accepted.outcome, 'transferred');
  // The head may decline a transfer with reasons; the case returns to its state and is settled.
  const proposed = transition({ ...flagged.case, transfer: null }, { type: 'propose_transfer' }, OFFICER, AT);
  assert.ok(proposed.ok);
  assert.ok(!transition(proposed.case, { type: 'decline_transfer', reason: '' }, HEAD, AT).ok, 'declining needs reasons');
  const dec = transition(proposed.case, SAMPLE.decline_transfer, HEAD, AT);
  assert.ok(dec.ok && dec.case.state === 'legal_review');
});

void test('a transfer after the decision does not stop its execution [TRF 11]', () => {
  const { c } = ready('served', 'propose_transfer');
  const done = run({ ...c, transfer: null }, [
    [SAMPLE.flag_criminal, OFFICER, '2026-04-10T10:00'],
    [{ type: 'propose_transfer' }, OFFICER, '2026-04-10T11:00'],
    [SAMPLE.approve_transfer, HEAD, '2026-04-15T09:00'],
    [SAMPLE.send_transfer, OFFICER, '2026-04-16T15:00'],
    [SAMPLE.police_accept, OFFICER, '2026-04-17T10:00'],
  ]);
  assert.equal(done.state, 'served');
  const approve = done.duties.find((d) => d.action === 'approve_transfer')!;
  assert.equal(approve.lateDays, 2, 'proposed 04-10, head by 04-13: approved 04-15 is 2 days late');
  const send = done.duties.find((d) => d.action === 'send_transfer')!;
  assert.equal(send.lateDays, 1, 'approved 04-15 09:00, send by 04-16 09:00');
});

void test('property: any sequence of actions keeps the machine inside its table and its legal limits', () => {
  const actors = [ALL_ROLES, OFFICER, HEAD, REVIEWER, { id: 'x', roles: ['dispatcher'] }];
  fc.assert(
    fc.property(
      fc.array(fc.record({ a: fc.constantFrom(...ACTIONS), who: fc.nat(actors.length - 1), dt: fc.integer({ min: 0, max: 20 * 86_400_000 }) }), { maxLength: 60 }),
      (steps) => {
        let c = newCase('p', 'm', D, false);
        let at = D;
        for (const s of steps) {
          at += s.dt;
          const before = c;
          const r = transition(c, SAMPLE[s.a], actors[s.who]!, at);
          if (!r.ok) {
            assert.equal(c, before);
            continue;
          }
          assert.ok(TRANSITIONS[s.a].from.includes(before.state));
          assert.ok(CASE_STATES.includes(r.case.state));
          assert.equal(r.case.duties.length, before.duties.length + 1);
          c = r.case;
          if (s.a === 'decide') {
            // Past 150 days a decision still goes through, never silently: its lateness is on the record.
            assert.ok(beijingDayNumber(at) - beijingDayNumber(c.filedAt!) <= 150 || (r.entry.lateDays ?? 0) > 0);
            assert.equal(r.entry.lateDays ?? 0, daysLate(decisionDeadline(before, at), at));
            assert.ok(c.criminalFlags.length === 0 || c.transfer?.declinedAt != null || c.transfer?.policeDecision === 'declined');
          }
        }
      },
    ),
    { numRuns: 300 },
  );
});

const DETOURS: readonly CaseActionType[] = ['terminate', 'propose_transfer', 'flag_criminal', 'return_for_investigation', 'extend_decision', 'extend_filing', 'record_exemption'];

void test('property: walks through the available actions reach deep states and keep every legal limit', () => {
  fc.assert(
    fc.property(
      fc.boolean(),
      fc.array(fc.record({ pick: fc.nat(1000), dt: fc.integer({ min: 0, max: 3 * 86_400_000 }) }), { minLength: 40, maxLength: 120 }),
      (major, steps) => {
        let c = newCase('w', 'm', D, major);
        let at = D;
        for (const s of steps) {
          // Mostly forward steps; detours (termination, transfer, returns, extensions) now and then.
          const all = availableActions(c, ALL_ROLES);
          const avail = s.pick % 15 === 0 ? all : all.filter((x) => !DETOURS.includes(x));
          if (avail.length === 0) continue;
          const a = avail[s.pick % avail.length]!;
          at += s.dt;
          const r = transition(c, SAMPLE[a], { ...ALL_ROLES, id: `u${s.pick % 3}` }, at);
          if (!r.ok) {
            assert.notEqual(r.refusal.code, 'illegal_transition', 'available actions are never illegal in the state');
            continue;
          }
          const prior = c;
          c = r.case;
          if (c.state === 'decided' && a === 'decide') {
            assert.ok(c.legalReview !== null && c.discretion !== null && c.advanceNoticeAt !== null);
            assert.ok(!major || c.collectiveDiscussion !== null);
            assert.ok(new Set(c.investigators).size >= 2);
            assert.ok(c.exemption === null, 'no penalty over a no-penalty ground on record');
            assert.equal(r.entry.lateDays ?? 0, daysLate(decisionDeadline(prior, at), at));
          }
          if (c.state === 'closed') assert.ok(c.criminalFlags.length === 0 || c.transfer !== null);
        }
        // The duty record is chronological and chains: each entry starts where the previous one ended.
        c.duties.forEach((d, i) => {
          const prev = c.duties[i - 1];
          if (prev) assert.ok(d.at >= prev.at && d.from === prev.to);
        });
      },
    ),
    { numRuns: 500 },
  );
});
