// The exemption form's rules without React (issue 14 item 2, "不予处罚情形认定", record_exemption): the
// grounds the gates know (packages/domain gates.ts, with their legal sources), the facts each ground rests
// on, the values filled from the case's evidence (the discovery day, the earlier decisions, the warning's
// exceedance multiple (C − L) ÷ L and pollutant class), the check of the facts against the ground picked
// (the domain's own evaluateGates, the server checks again), and the input the action takes: { gates }.
import { evaluateGates, type GateFacts, type GateOutcome } from '@ecoenforce/domain';
import type { CaseFineFacts } from '@ecoenforce/contract';
import { beijingDay, numberOf, provenanceOf, reasonsMissing, startValues, type Prefill, type Values } from './prefill.ts';

/** The grounds of 不予处罚, in the gates' order; first_violation is 首违不罚 (APL 33 ¶1 "may"), decided by the head. */
export const EXEMPTION_GROUNDS = ['limitation', 'no_fault', 'minor_no_harm', 'gd_minor_exceedance', 'gd_abnormal_abatement', 'first_violation'] as const;
export type ExemptionGround = (typeof EXEMPTION_GROUNDS)[number];

/** The legal source of each ground, as the gates cite it (shown by official title and article). */
export const GROUND_SOURCE: Record<ExemptionGround, string> = {
  limitation: 'APL 36', no_fault: 'APL 33 ¶2', minor_no_harm: 'APL 33 ¶1', gd_minor_exceedance: '[GD-A2]', gd_abnormal_abatement: '[GD-A2]', first_violation: 'APL 33 ¶1',
};

/** The facts shown for each ground (the act's dates are always shown: the limitation is checked first). */
export const GROUND_FIELDS: Record<ExemptionGround, readonly string[]> = {
  limitation: ['lifeHealthHarm'],
  no_fault: ['noFaultProven', 'noFaultExcluded'],
  minor_no_harm: ['minor', 'correctedInTime', 'harm'],
  gd_minor_exceedance: ['exceedance.firstInPastYear', 'exceedance.pollutants', 'correctedInTime'],
  gd_abnormal_abatement: ['abatement.suddenFault', 'abatement.reported', 'abatement.hours', 'abatement.dailyMeanCompliant', 'abatement.firstInPastYear'],
  first_violation: ['firstViolation', 'harm', 'correctedInTime'],
};

export const DEFAULTS: Values = {
  ground: 'minor_no_harm', actOngoing: 'yes', actEndedOn: '', discoveredOn: '', lifeHealthHarm: 'no', noFaultProven: 'no', noFaultExcluded: 'no',
  minor: 'no', correctedInTime: 'no', harm: 'minor', firstViolation: 'no', 'exceedance.firstInPastYear': 'no',
  'abatement.suddenFault': 'no', 'abatement.reported': 'no', 'abatement.hours': '', 'abatement.dailyMeanCompliant': 'no', 'abatement.firstInPastYear': 'no',
};

type Facts = Pick<CaseFineFacts, 'pollutants' | 'priorDecisions' | 'suggestions'>;

/** The values the case's record gives: the discovery day, first violation, first in the past year, each pollutant's multiple and class. */
export function exemptionPrefills(facts: Facts, discoveredAt: number): Prefill[] {
  const out: Prefill[] = [{ field: 'discoveredOn', value: beijingDay(discoveredAt), origin: { kind: 'discovery', at: discoveredAt } }];
  const decisions = facts.suggestions.find((s) => s.origin.kind === 'decisions')?.origin;
  if (decisions !== undefined) {
    out.push({ field: 'firstViolation', value: facts.priorDecisions.pastTwoYears === 0 ? 'yes' : 'no', origin: decisions });
    out.push({ field: 'exceedance.firstInPastYear', value: facts.priorDecisions.pastYear === 0 ? 'yes' : 'no', origin: decisions });
  }
  facts.pollutants.forEach((p, i) => {
    out.push({ field: `exceedance.${i}.multiple`, value: String(p.multiple), origin: { kind: 'warning', pollutant: p } });
    out.push({ field: `exceedance.${i}.class`, value: p.kind === 'aClass' ? 'A' : 'B', origin: { kind: 'pollutantClass', pollutant: p } });
  });
  return out;
}

export function exemptionStart(facts: Facts, discoveredAt: number): Values {
  return startValues(DEFAULTS, exemptionPrefills(facts, discoveredAt));
}

/** A problem the form reports before sending: an i18n key (under caseForms) and its values; null when it may be sent. */
export type Problem = { key: string; values?: Record<string, string>; field?: string } | null;

const yes = (v: Values, k: string): boolean => v[k] === 'yes';

/** The gate facts of the form (GateFacts as record_exemption takes them), or a problem with what is typed. */
export function gateFacts(facts: Pick<CaseFineFacts, 'pollutants'>, v: Values): { ok: true; gates: GateFacts } | { ok: false; problem: NonNullable<Problem> } {
  const ground = v.ground as ExemptionGround;
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(v.discoveredOn ?? '')) return { ok: false, problem: { key: 'exemption.validation.discoveredOn' } };
  const ongoing = yes(v, 'actOngoing');
  if (!ongoing && !day.test(v.actEndedOn ?? '')) return { ok: false, problem: { key: 'exemption.validation.actEndedOn' } };
  const gates: GateFacts = {
    actEndedOn: ongoing ? null : v.actEndedOn!, discoveredOn: v.discoveredOn!, lifeHealthHarm: yes(v, 'lifeHealthHarm'),
    noFaultProven: yes(v, 'noFaultProven'), noFaultExcluded: yes(v, 'noFaultExcluded'), minor: yes(v, 'minor'), correctedInTime: yes(v, 'correctedInTime'),
    harm: (['none', 'minor', 'serious'] as const).find((h) => h === v.harm) ?? 'minor', firstViolation: yes(v, 'firstViolation'),
  };
  if (facts.pollutants.length > 0) {
    const pollutants: NonNullable<GateFacts['exceedance']>['pollutants'] = [];
    for (const [i, p] of facts.pollutants.entries()) {
      const m = numberOf(v[`exceedance.${i}.multiple`]);
      if (m === null) return { ok: false, problem: { key: 'exemption.validation.multiple', values: { index: String(i + 1) } } };
      pollutants.push({ factor: p.factor, pollutantClass: v[`exceedance.${i}.class`] === 'A' ? 'A' : 'B', multiple: m });
    }
    gates.exceedance = { firstInPastYear: yes(v, 'exceedance.firstInPastYear'), pollutants };
  }
  if (ground === 'gd_abnormal_abatement') {
    const hours = numberOf(v['abatement.hours']);
    if (hours === null || hours < 0) return { ok: false, problem: { key: 'exemption.validation.hours' } };
    gates.abnormalAbatement = {
      suddenFault: yes(v, 'abatement.suddenFault'), reported: yes(v, 'abatement.reported'), handledWithinHours: hours,
      dailyMeanCompliant: yes(v, 'abatement.dailyMeanCompliant'), firstInPastYear: yes(v, 'abatement.firstInPastYear'),
    };
  }
  return { ok: true, gates };
}

/** The ground the gates give on these facts (null: they give none, a fine proceeds). */
export function groundOf(o: GateOutcome): ExemptionGround | null {
  switch (o.outcome) {
    case 'time_barred': return 'limitation';
    case 'no_penalty': return o.ground;
    case 'may_waive': return 'first_violation';
    case 'proceed': return null;
  }
}

/** What the gates say on the form's facts: the ground they give, or the form's problem. */
export function assessExemption(facts: Pick<CaseFineFacts, 'pollutants'>, v: Values): { ok: true; ground: ExemptionGround | null; outcome: GateOutcome } | { ok: false; problem: NonNullable<Problem> } {
  const g = gateFacts(facts, v);
  if (!g.ok) return g;
  const r = evaluateGates(g.gates);
  if (!r.ok) return { ok: false, problem: { key: r.error.field === 'actEndedOn' ? 'exemption.validation.actEndedOn' : 'exemption.validation.discoveredOn' } };
  return { ok: true, ground: groundOf(r.value), outcome: r.value };
}

/** The input of record_exemption, or the problem that keeps the form from sending it. */
export function exemptionInput(
  facts: Pick<CaseFineFacts, 'pollutants'>, prefills: readonly Prefill[], v: Values, reasons: Record<string, string>,
  originText: (p: Prefill) => string, valueText: (field: string, value: string) => string,
): { ok: true; input: Record<string, unknown> } | { ok: false; problem: NonNullable<Problem> } {
  const a = assessExemption(facts, v);
  if (!a.ok) return a;
  const missing = reasonsMissing(prefills, v, reasons)[0];
  if (missing !== undefined) return { ok: false, problem: { key: 'reasonRequired', field: missing } };
  const picked = v.ground as ExemptionGround;
  if (a.ground !== picked) return { ok: false, problem: { key: a.ground === null ? 'exemption.validation.noGround' : 'exemption.validation.otherGround', values: { picked, found: a.ground ?? '' } } };
  const g = gateFacts(facts, v);
  if (!g.ok) return g;
  const provenance = provenanceOf(prefills, v, reasons, originText, valueText);
  return { ok: true, input: { gates: g.gates, ...(provenance.length > 0 ? { provenance } : {}) } };
}
