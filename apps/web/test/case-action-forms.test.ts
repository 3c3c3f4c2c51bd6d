// The exemption and criminal-transfer forms' rules without a browser (features/cases/exemption-form.ts,
// criminal-form.ts, prefill.ts): values filled from the case's record with their origin, the exceedance
// multiple (C − L) ÷ L and never C ÷ L, a changed value needs a reason, the ground checked against the facts
// with the domain's own rules, the inputs record_exemption and flag_criminal take, and the problems said in
// Chinese from the catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CaseFineFacts, FinePollutant } from '@ecoenforce/contract';
import { zh } from '../src/i18n/zh.ts';
import { exemptionInput, exemptionPrefills, exemptionStart, assessExemption, type Problem } from '../src/features/cases/exemption-form.ts';
import { criminalCheck, criminalInput, criminalStart, overMultiple, type CriminalState } from '../src/features/cases/criminal-form.ts';
import { beijingDay, changedPrefills, reasonsMissing } from '../src/features/cases/prefill.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 10, 2); // 2026-06-10 10:00 Beijing
const cd: FinePollutant = { warningId: 11, factor: 'a20025', factorName: '镉及其化合物', factorNameEn: 'Cadmium', max: 0.45, limit: 0.1, unit: 'mg/m3', ratio: 4.5, multiple: 3.5, kind: 'aClass' };
const so2: FinePollutant = { warningId: 12, factor: 'a21026', factorName: '二氧化硫', factorNameEn: 'SO2', max: 52, limit: 50, unit: 'mg/m3', ratio: 1.04, multiple: 0.04, kind: 'bClass' };
const earlier = [{ id: 1, number: '粤环罚〔2025〕3号', decidedAt: NOW - 400 * DAY }, { id: 2, number: '粤环罚〔2026〕1号', decidedAt: NOW - 100 * DAY }];
const decisions = (cases: typeof earlier) => ({ kind: 'decisions' as const, since: NOW - 730 * DAY, until: NOW, cases });
const period = { kind: 'specialPeriod' as const, periodId: 3, name: '重污染天气橙色预警', periodKind: 'heavy_pollution' as const, startsAt: NOW - 3 * DAY, endsAt: NOW + 3 * DAY };

function facts(pollutants: FinePollutant[], prior: typeof earlier, withPeriod = false): Pick<CaseFineFacts, 'pollutants' | 'priorDecisions' | 'suggestions' | 'actAt'> {
  return {
    actAt: NOW - 2 * DAY, pollutants,
    priorDecisions: { pastTwoYears: prior.length, pastYear: prior.filter((c) => c.decidedAt >= NOW - 365 * DAY).length },
    suggestions: [
      { field: 'gates.firstViolation', value: prior.length === 0, origin: decisions(prior) },
      ...(withPeriod ? [{ field: 'facts.period', value: 'heavyPollutionWarning', origin: period }] : []),
    ],
  };
}

/** A problem as the Chinese screen says it, from the catalogue (caseForms.*), with its values. */
function zhText(p: Problem, names: Record<string, string> = {}): string {
  assert.ok(p !== null);
  let node: unknown = zh.caseForms;
  for (const k of p.key.split('.')) node = (node as Record<string, unknown>)[k];
  assert.equal(typeof node, 'string', `caseForms.${p.key} is in the catalogue`);
  const values: Record<string, string> = { ...p.values, ...(p.field === undefined ? {} : { field: names[p.field] ?? p.field }) };
  return (node as string).replace(/\{\{(\w+)\}\}/g, (_m, k: string) => names[values[k] ?? ''] ?? values[k] ?? '');
}
const origin = () => '来源';
const asIs = (_f: string, v: string) => v;

void test('the exemption form starts from the record: the discovery day, first violation, (C − L) ÷ L and the class of each pollutant', () => {
  const f = facts([so2], []);
  const discoveredAt = NOW - DAY;
  const pre = exemptionPrefills(f, discoveredAt);
  const by = new Map(pre.map((p) => [p.field, p]));
  assert.equal(by.get('discoveredOn')?.value, beijingDay(discoveredAt));
  assert.equal(by.get('discoveredOn')?.origin.kind, 'discovery');
  assert.equal(by.get('firstViolation')?.value, 'yes');
  assert.equal(by.get('firstViolation')?.origin.kind, 'decisions');
  assert.equal(by.get('exceedance.0.multiple')?.value, '0.04', '(52 − 50) ÷ 50, not 52 ÷ 50');
  assert.deepEqual(by.get('exceedance.0.multiple')?.origin, { kind: 'warning', pollutant: so2 });
  assert.equal(by.get('exceedance.0.class')?.value, 'B');
  // An earlier decision within a year: not a first violation, not first in the past year.
  const again = new Map(exemptionPrefills(facts([so2], earlier), discoveredAt).map((p) => [p.field, p.value]));
  assert.deepEqual([again.get('firstViolation'), again.get('exceedance.firstInPastYear')], ['no', 'no']);
});

void test('the ground picked is checked against the facts with the gates; the input is record_exemption\'s', () => {
  const f = facts([so2], []);
  const pre = exemptionPrefills(f, NOW - DAY);
  const start = exemptionStart(f, NOW - DAY);
  // The GD-A2 list: one B-class pollutant 0.04× over, first in the year, corrected in time.
  const v = { ...start, ground: 'gd_minor_exceedance', correctedInTime: 'yes' };
  const a = assessExemption(f, v);
  assert.ok(a.ok && a.ground === 'gd_minor_exceedance');
  const r = exemptionInput(f, pre, v, {}, origin, asIs);
  assert.ok(r.ok);
  const gates = (r.input as { gates: Record<string, unknown> }).gates;
  assert.deepEqual(gates.exceedance, { firstInPastYear: true, pollutants: [{ factor: 'a21026', pollutantClass: 'B', multiple: 0.04 }] });
  assert.equal(gates.discoveredOn, beijingDay(NOW - DAY));
  assert.equal(gates.actEndedOn, null);

  // Not corrected in time: the list does not apply, nor any other ground.
  const none = exemptionInput(f, pre, { ...v, correctedInTime: 'no' }, {}, origin, asIs);
  assert.ok(!none.ok);
  assert.equal(zhText(none.problem), '按所填事实不符合任何不予处罚情形，不能认定。');
  // A ground other than the one the facts give is refused by name.
  const other = exemptionInput(f, pre, { ...v, ground: 'no_fault' }, {}, origin, asIs);
  assert.ok(!other.ok);
  const names = { no_fault: '无过错', gd_minor_exceedance: '轻微违法目录' };
  assert.equal(zhText(other.problem, names), '按所填事实不构成所选情形“无过错”，审查结果为“轻微违法目录”。');
  // An act that ended needs its day.
  const ended = exemptionInput(f, pre, { ...v, actOngoing: 'no' }, {}, origin, asIs);
  assert.ok(!ended.ok);
  assert.equal(zhText(ended.problem), '违法行为已终了的，请填写终了日期。');
  // Ended three years before discovery: time-barred (APL 36).
  const barred = assessExemption(f, { ...v, actOngoing: 'no', actEndedOn: '2023-01-01' });
  assert.ok(barred.ok && barred.ground === 'limitation');
  // First violation, minor harm, corrected, no exceedance on the list: 首违不罚 (may waive).
  const first = assessExemption(f, { ...start, harm: 'minor', correctedInTime: 'yes', 'exceedance.0.class': 'A' });
  assert.ok(first.ok && first.ground === 'first_violation');
});

void test('a changed value needs a reason; the reason and origin are sent with the input', () => {
  const f = facts([so2], []);
  const pre = exemptionPrefills(f, NOW - DAY);
  const v = { ...exemptionStart(f, NOW - DAY), ground: 'gd_minor_exceedance', correctedInTime: 'yes', 'exceedance.0.multiple': '0.08' };
  assert.deepEqual(changedPrefills(pre, v), ['exceedance.0.multiple']);
  assert.deepEqual(changedPrefills(pre, { ...v, 'exceedance.0.multiple': '0.040' }), [], 'a number compares by value');
  const r = exemptionInput(f, pre, v, { 'exceedance.0.multiple': '  ' }, origin, asIs);
  assert.ok(!r.ok);
  assert.equal(zhText(r.problem, { 'exceedance.0.multiple': '二氧化硫 超标倍数' }), '“二氧化硫 超标倍数”已改动预填值，请填写修改理由。');
  const ok = exemptionInput(f, pre, v, { 'exceedance.0.multiple': '复核读数' }, () => '来自预警 #12', asIs);
  assert.ok(ok.ok);
  const prov = (ok.input as { provenance: Array<Record<string, string>> }).provenance;
  assert.deepEqual(prov.find((p) => p.field === 'exceedance.0.multiple'), { field: 'exceedance.0.multiple', value: '0.08', suggested: '0.04', origin: '来自预警 #12', reason: '复核读数' });
  assert.equal(prov.find((p) => p.field === 'discoveredOn')?.reason, undefined);
});

const refs = { warning: (id: number) => `预警 #${id}`, decision: (n: string) => `处罚决定书 ${n}` };

void test('the criminal form: a cadmium warning gives a sample with C and L; the multiple is (C − L) ÷ L against the 3× line', () => {
  const s0 = criminalStart(facts([cd], []), refs);
  assert.deepEqual(s0.grounds, ['metals']);
  assert.equal(s0.metalRows, 1);
  assert.deepEqual([s0.values['metals.0.metal'], s0.values['metals.0.value'], s0.values['metals.0.limit'], s0.values['metals.0.ref']], ['Cd', '0.45', '0.1', '预警 #11']);
  assert.equal(s0.prefills.find((p) => p.field === 'metals.0.value')?.origin.kind, 'warning');
  const state = (values: Record<string, string>, reasons: Record<string, string> = {}): CriminalState => ({ values: { ...s0.values, ...values }, reasons, grounds: s0.grounds, metalRows: 1, penaltyRows: 0 });
  assert.equal(overMultiple(0.45, 0.1), 3.5);
  const c = criminalCheck(state({}));
  assert.ok(c.ok);
  assert.deepEqual(c.flags.map((f) => [f.id, f.article, Math.round((f.detail.multiple as number) * 100) / 100]), [['heavy_metal_3x', 'JI23 art. 1', 3.5]]);
  // 0.35 is 3.5 times the limit (C ÷ L) but only 2.5× over it: no flag, and the form says so in Chinese.
  const under = criminalInput(state({ 'metals.0.value': '0.35' }, { 'metals.0.value': '复测值' }), s0.prefills, origin, asIs);
  assert.ok(!under.ok);
  assert.equal(zhText(under.problem), '所填证据未达到任何移送标准，不能标记涉嫌犯罪。');
  // Exactly 3× over (0.4 against 0.1) meets it (以上 includes the number).
  const changed = state({ 'metals.0.value': '0.4' });
  const noReason = criminalInput(changed, s0.prefills, origin, asIs);
  assert.ok(!noReason.ok);
  assert.equal(zhText(noReason.problem, { 'metals.0.value': '样品 1 实测浓度' }), '“样品 1 实测浓度”已改动预填值，请填写修改理由。');
  const r = criminalInput({ ...changed, reasons: { 'metals.0.value': '以实验室复测为准' } }, s0.prefills, () => '来自预警 #11', asIs);
  assert.ok(r.ok);
  assert.deepEqual((r.input as { evidence: unknown }).evidence, { metals: [{ metal: 'Cd', value: 0.4, limit: 0.1, ref: '预警 #11' }] });
  assert.equal(r.flags[0]?.id, 'heavy_metal_3x');
  assert.deepEqual((r.input as { provenance: Array<Record<string, string>> }).provenance.find((p) => p.field === 'metals.0.value'), {
    field: 'metals.0.value', value: '0.4', suggested: '0.45', origin: '来自预警 #11', reason: '以实验室复测为准',
  });
  // A limit of 0 is no standard.
  const bad = criminalInput(state({ 'metals.0.limit': '0' }, { 'metals.0.limit': 'x' }), s0.prefills, origin, asIs);
  assert.ok(!bad.ok);
  assert.equal(zhText(bad.problem), '样品 1 的排放标准限值须为大于 0 的数字。');
});

void test('the repeat rule from the record: SO2 during a heavy-pollution warning after two decisions within two years', () => {
  const s0 = criminalStart(facts([so2], earlier, true), refs);
  assert.deepEqual(s0.grounds, ['heavyPollutionRepeat']);
  assert.equal(s0.penaltyRows, 2);
  assert.deepEqual([s0.values['repeat.pollutant'], s0.values['repeat.duringWarning'], s0.values['repeat.actOn'], s0.values['repeat.0.ref']], ['SO2', 'yes', beijingDay(NOW - 2 * DAY), '处罚决定书 粤环罚〔2025〕3号']);
  assert.equal(s0.prefills.find((p) => p.field === 'repeat.duringWarning')?.origin.kind, 'specialPeriod');
  assert.equal(s0.prefills.find((p) => p.field === 'monitoringFraud.pollutants')?.value, 'SO2');
  const state: CriminalState = { values: s0.values, reasons: {}, grounds: s0.grounds, metalRows: 0, penaltyRows: 2 };
  const r = criminalInput(state, s0.prefills, origin, asIs);
  assert.ok(r.ok);
  assert.deepEqual(r.flags.map((f) => [f.id, f.detail.penaltiesWithin2Years]), [['heavy_pollution_repeat', 2]]);
  // One decision only: the repeat count is under the line.
  const one = criminalInput({ ...state, penaltyRows: 1 }, s0.prefills, origin, asIs);
  assert.ok(!one.ok && one.problem.key === 'criminal.validation.noFlag');
  // No section picked; a section picked without its facts.
  const empty = criminalInput({ ...state, grounds: [] }, s0.prefills, origin, asIs);
  assert.ok(!empty.ok);
  assert.equal(zhText(empty.problem), '请至少选择一种涉嫌犯罪情形。');
  const waste = criminalInput({ ...state, grounds: ['hazardousWaste'] }, s0.prefills, origin, asIs);
  assert.ok(!waste.ok);
  assert.equal(zhText(waste.problem), '请填写危险废物数量（吨）。');
  // A pre-filled value of a section not picked needs no reason.
  const w = criminalInput({ ...state, grounds: ['hazardousWaste'], values: { ...s0.values, 'hazardousWaste.tonnes': '120', 'repeat.duringWarning': 'no' } }, s0.prefills, origin, asIs);
  assert.ok(w.ok);
  assert.deepEqual(w.flags.map((f) => [f.id, f.serious, f.article]), [['hazardous_waste', true, 'JI23 art. 1, 2']]);
  assert.deepEqual(Object.keys((w.input as { evidence: object }).evidence), ['hazardousWaste']);
  assert.equal(reasonsMissing(s0.prefills, { ...s0.values, 'repeat.duringWarning': 'no' }, {}).length, 1);
});
