// The discretion form's rules without a browser (features/cases/fine-form.ts): a changed suggestion needs a
// reason, and the input sent is the FineInput the engine takes, with the origins and reasons beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AIR_99_2_TABLE } from '@ecoenforce/domain';
import type { CaseFineFacts, FinePollutant } from '@ecoenforce/contract';
import { buildFineInput, changedFields, initialValues, missingReasons, sameValue } from '../src/features/cases/fine-form.ts';

const so2: FinePollutant = { warningId: 7, factor: 'a21026', factorName: '二氧化硫', factorNameEn: 'SO2', max: 175.5, limit: 50, unit: 'mg/m3', ratio: 3.51, multiple: 2.51, kind: 'bClass' };
const decisions = { kind: 'decisions' as const, since: 0, until: 1, cases: [] };
const facts: Pick<CaseFineFacts, 'table' | 'suggestions' | 'pollutants' | 'priorDecisions' | 'matter'> = {
  matter: { code: 'AIR-99-2', version: 1, penaltyKind: 'range', name: { zh: '', en: '' } },
  table: { id: AIR_99_2_TABLE.id, version: 1, table: AIR_99_2_TABLE },
  pollutants: [so2],
  priorDecisions: { pastTwoYears: 0, pastYear: 0 },
  suggestions: [
    { field: 'facts.exceedanceMultiple', value: 2.51, origin: { kind: 'warning', pollutant: so2 } },
    { field: 'facts.pollutantKind', value: 'bClass', origin: { kind: 'pollutantClass', pollutant: so2 } },
    { field: 'gates.firstViolation', value: true, origin: decisions },
  ],
};
const form = (values: Record<string, string>, reasons: Record<string, string> = {}) => ({ values, reasons, aggravating: [], mitigating: [], proposed: '', instances: '1', base: '' });

void test('numbers compare by value; a change of a suggestion needs a reason', () => {
  assert.ok(sameValue('2.510', '2.51'));
  assert.ok(!sameValue('3.51', '2.51'));
  const v = initialValues(facts);
  assert.deepEqual([v['facts.exceedanceMultiple'], v['facts.pollutantKind'], v['gates.firstViolation']], ['2.51', 'bClass', 'yes']);
  assert.deepEqual(changedFields(facts.suggestions, v), []);
  const edited = { ...v, 'facts.exceedanceMultiple': '3.51', 'gates.firstViolation': 'no' };
  assert.deepEqual(changedFields(facts.suggestions, edited), ['facts.exceedanceMultiple', 'gates.firstViolation']);
  assert.deepEqual(missingReasons(facts.suggestions, edited, { 'gates.firstViolation': '一年前曾受处罚' }), ['facts.exceedanceMultiple']);
  assert.deepEqual(missingReasons(facts.suggestions, edited, { 'facts.exceedanceMultiple': ' ', 'gates.firstViolation': 'x' }), ['facts.exceedanceMultiple']);
});

void test('the input: proven facts, unproven left out, the gates, and each origin with its reason', () => {
  const v = { ...initialValues(facts), 'facts.exceedanceMultiple': '2.2', 'facts.area': 'restricted' };
  const body = buildFineInput(facts, form(v, { 'facts.exceedanceMultiple': '读数无效' }), () => '来自预警 #7', (_f, x) => x) as {
    facts: Record<string, unknown>; gates: Record<string, unknown>; provenance: Array<Record<string, string>>;
  };
  assert.deepEqual(body.facts, {
    pollutantKind: { proven: true, levels: ['bClass'], evidence: ['来自预警 #7'] },
    area: { proven: true, levels: ['restricted'] },
    exceedanceMultiple: { proven: true, value: 2.2, evidence: ['来自预警 #7', '2.2：读数无效'] },
  });
  assert.deepEqual(body.gates, {
    actEndedOn: null, harm: 'minor', firstViolation: true, minor: false, correctedInTime: false,
    exceedance: { firstInPastYear: true, pollutants: [{ factor: 'a21026', pollutantClass: 'B', multiple: 2.2 }] },
  });
  assert.deepEqual(body.provenance[0], { field: 'facts.exceedanceMultiple', value: '2.2', suggested: '2.51', origin: '来自预警 #7', reason: '读数无效' });
  assert.equal(body.provenance[1]?.reason, undefined);
});

void test('an act that ended gives its date', () => {
  const v = { ...initialValues(facts), 'gates.actOngoing': 'no', 'gates.actEndedOn': '2026-03-01' };
  const body = buildFineInput(facts, form(v), () => '', (_f, x) => x) as { gates: { actEndedOn: string | null } };
  assert.equal(body.gates.actEndedOn, '2026-03-01');
});
