import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addCalendarYears, dateDayNumber, evaluateGates, limitationOf, recordWaiverDecision, type GateFacts, type GateOutcome, type GateResult } from './gates.ts';

/** A plain violation no gate excuses: serious harm, not corrected, discovered soon after. */
const base: GateFacts = {
  actEndedOn: '2026-03-10', discoveredOn: '2026-03-12', noFaultProven: false, minor: false, correctedInTime: false, harm: 'serious', firstViolation: false,
};
const outcome = (r: GateResult): GateOutcome => (r.ok ? r.value : assert.fail(`expected an outcome, got ${r.error.code}`));
const run = (more: Partial<GateFacts>) => outcome(evaluateGates({ ...base, ...more }));

void test('limitation: two years from the day the act ended; the last day still counts (APL 36)', () => {
  assert.equal(limitationOf('2024-03-10').lastDay, '2026-03-10');
  assert.equal(run({ actEndedOn: '2024-03-10', discoveredOn: '2026-03-10' }).outcome, 'proceed', 'discovered on the last day');
  const barred = run({ actEndedOn: '2024-03-10', discoveredOn: '2026-03-11' });
  assert.equal(barred.outcome, 'time_barred', 'the day after');
  assert.equal(barred.limitation.lastDay, '2026-03-10');
  assert.equal(barred.checks[0]!.gate, 'limitation');
  // A continuing act counts from its end, however long ago it started; one still going on is never barred.
  assert.equal(run({ actEndedOn: '2026-01-31', discoveredOn: '2026-02-01' }).outcome, 'proceed');
  assert.equal(run({ actEndedOn: null, discoveredOn: '2030-01-01' }).limitation.lastDay, null);
  assert.equal(run({ actEndedOn: null, discoveredOn: '2030-01-01' }).outcome, 'proceed');
  // Five years where life and health were endangered with harm.
  assert.equal(run({ actEndedOn: '2024-03-10', discoveredOn: '2026-03-11', lifeHealthHarm: true }).outcome, 'proceed');
  assert.equal(run({ actEndedOn: '2024-03-10', discoveredOn: '2029-03-11', lifeHealthHarm: true }).outcome, 'time_barred');
});

void test('calendar arithmetic: 29 February has no counterpart in a common year', () => {
  assert.equal(addCalendarYears('2024-02-29', 2), '2026-02-28');
  assert.equal(addCalendarYears('2024-02-29', 4), '2028-02-29');
  assert.equal(dateDayNumber('2026-02-30'), null);
  assert.equal(dateDayNumber('2026-2-3'), null);
  assert.equal(dateDayNumber('1970-01-02'), 1);
  assert.equal(run({ actEndedOn: '2024-02-29', discoveredOn: '2026-02-28' }).outcome, 'proceed');
  assert.equal(run({ actEndedOn: '2024-02-29', discoveredOn: '2026-03-01' }).outcome, 'time_barred');
});

void test('bad dates and facts are typed errors', () => {
  const e = evaluateGates({ ...base, discoveredOn: '2026-02-30' });
  assert.ok(!e.ok);
  assert.deepEqual([e.error.code, e.error.field], ['bad_date', 'discoveredOn']);
  const e2 = evaluateGates({ ...base, actEndedOn: 'yesterday' });
  assert.ok(!e2.ok && e2.error.field === 'actEndedOn');
  const e3 = evaluateGates({ ...base, mitigation: ['goodLooks' as never] });
  assert.ok(!e3.ok && e3.error.code === 'bad_fact');
  const e4 = evaluateGates({ ...base, exceedance: { firstInPastYear: true, pollutants: [{ factor: 'a21026', pollutantClass: 'B', multiple: Number.NaN }] } });
  assert.ok(!e4.ok && e4.error.field === 'exceedance.pollutants');
});

void test('no fault proven → no penalty, unless a law excludes the defence (APL 33 ¶2)', () => {
  const r = run({ noFaultProven: true });
  assert.equal(r.outcome, 'no_penalty');
  assert.ok(r.outcome === 'no_penalty' && r.ground === 'no_fault' && r.article === 'APL 33 ¶2');
  assert.equal(run({ noFaultProven: true, noFaultExcluded: true }).outcome, 'proceed');
  // Limitation is checked first: a time-barred act needs no further finding.
  assert.equal(run({ noFaultProven: true, actEndedOn: '2020-01-01' }).outcome, 'time_barred');
});

void test('minor, corrected in time, no harm → no penalty (APL 33 ¶1)', () => {
  const r = run({ minor: true, correctedInTime: true, harm: 'none' });
  assert.ok(r.outcome === 'no_penalty' && r.ground === 'minor_no_harm');
  assert.equal(run({ minor: true, correctedInTime: false, harm: 'none' }).outcome, 'proceed');
  assert.equal(run({ minor: true, correctedInTime: true, harm: 'minor' }).outcome, 'proceed', 'harm, and not a first violation');
});

void test('GD minor-violation list: one B-class pollutant under 0.1× over, first in a year, corrected in time [GD-A2]', () => {
  const ex = (multiple: number, more: Partial<NonNullable<GateFacts['exceedance']>> = {}) =>
    ({ exceedance: { firstInPastYear: true, pollutants: [{ factor: 'a21026', pollutantClass: 'B' as const, multiple }], ...more }, correctedInTime: true });
  const r = run(ex(0.09));
  assert.ok(r.outcome === 'no_penalty' && r.ground === 'gd_minor_exceedance' && r.article === '[GD-A2]');
  assert.equal(run(ex(0.1)).outcome, 'proceed', '0.1× is not below 0.1×');
  assert.equal(run(ex(0.05, { firstInPastYear: false })).outcome, 'proceed');
  assert.equal(run({ ...ex(0.05), correctedInTime: false }).outcome, 'proceed');
  assert.equal(run(ex(0.05, { pollutants: [{ factor: 'w20111', pollutantClass: 'A', multiple: 0.05 }] })).outcome, 'proceed', 'A-class');
  const two = run(ex(0.05, { pollutants: [{ factor: 'a21026', pollutantClass: 'B', multiple: 0.05 }, { factor: 'a21002', pollutantClass: 'B', multiple: 0.02 }] }));
  assert.equal(two.outcome, 'proceed', 'two pollutants');
  assert.ok(two.checks.some((c) => c.gate === 'gd_minor_exceedance' && !c.applies));
});

void test('abnormal abatement excused when sudden, reported, handled within 24 h, daily mean compliant, first in a year [GD-A2]', () => {
  const ab = (hours: number, more: Partial<NonNullable<GateFacts['abnormalAbatement']>> = {}) =>
    ({ abnormalAbatement: { suddenFault: true, reported: true, handledWithinHours: hours, dailyMeanCompliant: true, firstInPastYear: true, ...more } });
  const r = run(ab(24));
  assert.ok(r.outcome === 'no_penalty' && r.ground === 'gd_abnormal_abatement');
  assert.equal(run(ab(24.5)).outcome, 'proceed');
  assert.equal(run(ab(2, { reported: false })).outcome, 'proceed');
  assert.equal(run(ab(2, { dailyMeanCompliant: false })).outcome, 'proceed');
});

void test('first violation with minor harm, corrected → may waive; the officer records the decision', () => {
  const r = run({ firstViolation: true, harm: 'minor', correctedInTime: true, mitigation: ['harmRemovedOrReduced'] });
  assert.equal(r.outcome, 'may_waive');
  assert.deepEqual(r.mitigation, ['harmRemovedOrReduced'], 'mitigation travels with the outcome in case the officer does not waive');
  const d = recordWaiverDecision(r, { waive: true, decidedBy: 'officer-17', decidedAt: '2026-03-12T02:00:00Z', reason: 'corrected the same day' });
  assert.ok(d.ok);
  assert.deepEqual(d.decision, { waive: true, decidedBy: 'officer-17', decidedAt: '2026-03-12T02:00:00Z', reason: 'corrected the same day', article: 'APL 33 ¶1' });
  const noReason = recordWaiverDecision(r, { waive: false, decidedBy: 'officer-17', decidedAt: '2026-03-12T02:00:00Z', reason: '' });
  assert.ok(!noReason.ok && noReason.error.code === 'reason_required');
  const noOfficer = recordWaiverDecision(r, { waive: false, decidedBy: ' ', decidedAt: '2026-03-12T02:00:00Z', reason: 'serious enough' });
  assert.ok(!noOfficer.ok && noOfficer.error.code === 'bad_officer');
  const badTime = recordWaiverDecision(r, { waive: false, decidedBy: 'officer-17', decidedAt: 'soon', reason: 'serious enough' });
  assert.ok(!badTime.ok && badTime.error.code === 'bad_time');
  const notWaivable = recordWaiverDecision(run({}), { waive: true, decidedBy: 'officer-17', decidedAt: '2026-03-12T02:00:00Z', reason: 'kindness' });
  assert.ok(!notWaivable.ok && notWaivable.error.code === 'not_waivable');
  assert.equal(run({ firstViolation: true, harm: 'serious', correctedInTime: true }).outcome, 'proceed');
});

void test('first violation with no harm at all, corrected → may waive too: "危害后果轻微" is met by no harm (APL 33 ¶1)', () => {
  // Not minor (so not the minor-and-harmless "shall not"), but first, harmless and corrected: the head may waive.
  const r = run({ firstViolation: true, harm: 'none', correctedInTime: true });
  assert.equal(r.outcome, 'may_waive');
  assert.match(r.reasons[0]!, /no harm/);
  assert.equal(r.checks.find((c) => c.gate === 'first_violation')!.applies, true);
  assert.equal(run({ firstViolation: true, harm: 'none', correctedInTime: false }).outcome, 'proceed', 'not corrected in time');
  assert.equal(run({ firstViolation: false, harm: 'none', correctedInTime: true }).outcome, 'proceed', 'not a first violation');
});

void test('proceed carries the mandatory mitigation flags (APL 32) and every gate checked', () => {
  const r = run({ mitigation: ['confessedUnknownViolation', 'meritoriousHelp', 'meritoriousHelp'] });
  assert.equal(r.outcome, 'proceed');
  assert.deepEqual(r.mitigation, ['confessedUnknownViolation', 'meritoriousHelp']);
  assert.match(r.reasons[0]!, /APL 32/);
  assert.deepEqual(r.checks.map((c) => c.gate), ['limitation', 'no_fault', 'minor_no_harm', 'first_violation']);
  assert.ok(r.checks.every((c) => !c.applies && c.source !== ''));
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r, 'the outcome is plain JSON');
});
