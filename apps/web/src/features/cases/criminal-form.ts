// The criminal-transfer check's rules without React (issue 14 item 2, "涉嫌犯罪标记", flag_criminal): the
// thresholds of JI23 art. 1, 2 and 19 as the domain holds them (packages/domain criminal.ts), the evidence
// each asks for, the values filled from the case's record (the exceedance warnings' metals with their peak
// C and limit L, so the exceedance multiple is (C − L) ÷ L and never C ÷ L; the pollutants of the
// monitoring-data rule; the earlier decisions and the heavy-pollution warning of the repeat rule), the check
// of the evidence (the domain's own assessCriminalEvidence; the server checks again), and the input the
// action takes: { evidence }.
import {
  assessCriminalEvidence, metalSymbol, GROUP_3X, GROUP_10X, HAZARDOUS_WASTE_TONNES, MONEY_THRESHOLD, MONITORED_POLLUTANTS, REPEAT_MIN_PENALTIES,
  type CriminalEvidence, type CriminalFlag, type MetalSymbol,
} from '@ecoenforce/domain';
import type { CaseFineFacts } from '@ecoenforce/contract';
import { beijingDay, beijingDayStart, numberOf, provenanceOf, reasonsMissing, startValues, type Prefill, type Values } from './prefill.ts';
import type { Problem } from './exemption-form.ts';

/** The kinds of evidence the thresholds read, each a section of the form. */
export const CRIMINAL_GROUNDS = ['metals', 'hazardousWaste', 'monitoringFraud', 'evasiveDischarge', 'money', 'heavyPollutionRepeat'] as const;
export type CriminalGround = (typeof CRIMINAL_GROUNDS)[number];
/** The source of each (JI23 art. 1; the repeat rule counts its two years by art. 19). */
export const CRIMINAL_SOURCE: Record<CriminalGround, string> = {
  metals: 'JI23 art. 1', hazardousWaste: 'JI23 art. 1, 2', monitoringFraud: 'JI23 art. 1', evasiveDischarge: 'JI23 art. 1', money: 'JI23 art. 1, 2', heavyPollutionRepeat: 'JI23 art. 1, 19',
};
export const METALS: readonly MetalSymbol[] = [...GROUP_3X, ...GROUP_10X];
/** The JI23 line of a metal: 3 (Pb, Hg, Cd, Cr, As, Tl, Sb) or 10 times over the standard. */
export const metalThreshold = (m: MetalSymbol): number => ((GROUP_3X as readonly string[]).includes(m) ? 3 : 10);
/** The pollutants of the monitoring-data rule (COD, 氨氮, 二氧化硫, 氮氧化物), as the domain names them. */
export const MONITORED = ['COD', 'NH3-N', 'SO2', 'NOx'] as const;
export { HAZARDOUS_WASTE_TONNES, MONEY_THRESHOLD, REPEAT_MIN_PENALTIES };

/** The exceedance multiple (C − L) ÷ L of a sample, rounded to 2 places; null without a positive limit. */
export function overMultiple(value: number | null, limit: number | null): number | null {
  if (value === null || limit === null || !(limit > 0)) return null;
  return Math.round(((value - limit) / limit) * 100) / 100;
}

export const CRIMINAL_DEFAULTS: Values = {
  'hazardousWaste.tonnes': '', 'hazardousWaste.ref': '',
  'monitoringFraud.keyDischarger': 'no', 'monitoringFraud.tampered': 'no', 'monitoringFraud.pollutants': '', 'monitoringFraud.ref': '',
  'evasiveDischarge.toxic': 'no', 'evasiveDischarge.method': '', 'evasiveDischarge.ref': '',
  'money.gain': '', 'money.loss': '', 'money.ref': '',
  'repeat.actOn': '', 'repeat.pollutant': 'SO2', 'repeat.duringWarning': 'no', 'repeat.ref': '',
};

type Facts = Pick<CaseFineFacts, 'pollutants' | 'suggestions' | 'actAt'>;

/** What the form starts from: the values, the sections picked, and how many metal and earlier-penalty rows. */
export interface CriminalStart { prefills: Prefill[]; values: Values; grounds: CriminalGround[]; metalRows: number; penaltyRows: number }

/**
 * The values the case's record gives. `refs` words an evidence reference in the console's language (the
 * warning's number, an earlier decision's number).
 */
export function criminalStart(facts: Facts, refs: { warning: (id: number) => string; decision: (number: string) => string }): CriminalStart {
  const prefills: Prefill[] = [];
  const extra: Values = {};
  const grounds: CriminalGround[] = [];
  // Each warning whose pollutant is one of the JI23 metals: a sample with its peak and limit.
  const metals = facts.pollutants.map((p) => ({ p, symbol: metalSymbol(p.factor) ?? (p.factorName === null ? null : metalSymbol(p.factorName)) })).filter((x) => x.symbol !== null);
  metals.forEach(({ p, symbol }, i) => {
    const origin = { kind: 'warning' as const, pollutant: p };
    prefills.push({ field: `metals.${i}.metal`, value: symbol!, origin }, { field: `metals.${i}.value`, value: String(p.max), origin }, { field: `metals.${i}.limit`, value: String(p.limit), origin });
    extra[`metals.${i}.ref`] = refs.warning(p.warningId);
  });
  if (metals.length > 0) grounds.push('metals');
  // The monitoring-data rule's pollutants among the warnings'.
  const monitored = facts.pollutants.filter((p) => MONITORED_POLLUTANTS[p.factor] !== undefined);
  if (monitored.length > 0) {
    const codes = MONITORED.filter((c) => monitored.some((p) => MONITORED_POLLUTANTS[p.factor] === c));
    prefills.push({ field: 'monitoringFraud.pollutants', value: codes.join(','), origin: { kind: 'warnings', pollutants: monitored } });
  }
  // The repeat rule: the act's day, SO2 or NOx from the warnings, the heavy-pollution warning, the earlier decisions.
  prefills.push({ field: 'repeat.actOn', value: beijingDay(facts.actAt), origin: { kind: 'act', at: facts.actAt } });
  const gas = facts.pollutants.find((p) => ['SO2', 'NOx'].includes(MONITORED_POLLUTANTS[p.factor] ?? ''));
  if (gas !== undefined) prefills.push({ field: 'repeat.pollutant', value: MONITORED_POLLUTANTS[gas.factor]!, origin: { kind: 'warning', pollutant: gas } });
  const period = facts.suggestions.find((s) => s.origin.kind === 'specialPeriod' && s.origin.periodKind === 'heavy_pollution')?.origin;
  if (period !== undefined) prefills.push({ field: 'repeat.duringWarning', value: 'yes', origin: period });
  const decisions = facts.suggestions.find((s) => s.origin.kind === 'decisions')?.origin;
  const earlier = decisions?.kind === 'decisions' ? decisions.cases : [];
  earlier.forEach((c, i) => {
    prefills.push({ field: `repeat.${i}.on`, value: beijingDay(c.decidedAt), origin: decisions! });
    extra[`repeat.${i}.ref`] = refs.decision(c.number);
  });
  if (earlier.length >= REPEAT_MIN_PENALTIES && gas !== undefined && period !== undefined) grounds.push('heavyPollutionRepeat');
  if (grounds.length === 0) grounds.push(metals.length > 0 ? 'metals' : 'hazardousWaste');
  return { prefills, values: { ...startValues(CRIMINAL_DEFAULTS, prefills), ...extra }, grounds, metalRows: metals.length, penaltyRows: earlier.length };
}

export interface CriminalState { values: Values; reasons: Record<string, string>; grounds: readonly CriminalGround[]; metalRows: number; penaltyRows: number }

const yes = (v: Values, k: string): boolean => v[k] === 'yes';
const text = (v: Values, k: string): string => (v[k] ?? '').trim().slice(0, 200);

/** The evidence of the sections picked, or the first problem with what is typed. */
export function criminalEvidence(s: CriminalState): { ok: true; evidence: CriminalEvidence } | { ok: false; problem: NonNullable<Problem> } {
  const v = s.values;
  const e: { -readonly [K in keyof CriminalEvidence]: CriminalEvidence[K] } = {};
  const bad = (key: string, values?: Record<string, string>) => ({ ok: false as const, problem: values === undefined ? { key } : { key, values } });
  if (s.grounds.length === 0) return bad('criminal.validation.noGround');
  for (const g of s.grounds) {
    switch (g) {
      case 'metals': {
        if (s.metalRows === 0) return bad('criminal.validation.noSample');
        const metals = [];
        for (let i = 0; i < s.metalRows; i++) {
          const row = { index: String(i + 1) };
          const metal = v[`metals.${i}.metal`] ?? '';
          if (!(METALS as readonly string[]).includes(metal)) return bad('criminal.validation.metal', row);
          const value = numberOf(v[`metals.${i}.value`]);
          const limit = numberOf(v[`metals.${i}.limit`]);
          if (value === null || value < 0) return bad('criminal.validation.value', row);
          if (limit === null || !(limit > 0)) return bad('criminal.validation.limit', row);
          metals.push({ metal, value, limit, ref: text(v, `metals.${i}.ref`) });
        }
        e.metals = metals;
        break;
      }
      case 'hazardousWaste': {
        const tonnes = numberOf(v['hazardousWaste.tonnes']);
        if (tonnes === null || tonnes < 0) return bad('criminal.validation.tonnes');
        e.hazardousWaste = { tonnes, ref: text(v, 'hazardousWaste.ref') };
        break;
      }
      case 'monitoringFraud': {
        const pollutants = (v['monitoringFraud.pollutants'] ?? '').split(',').filter((p) => p !== '');
        if (pollutants.length === 0) return bad('criminal.validation.pollutants');
        e.monitoringFraud = { keyDischarger: yes(v, 'monitoringFraud.keyDischarger'), tampered: yes(v, 'monitoringFraud.tampered'), pollutants, ref: text(v, 'monitoringFraud.ref') };
        break;
      }
      case 'evasiveDischarge':
        if (text(v, 'evasiveDischarge.method') === '') return bad('criminal.validation.method');
        e.evasiveDischarge = { toxic: yes(v, 'evasiveDischarge.toxic'), method: text(v, 'evasiveDischarge.method'), ref: text(v, 'evasiveDischarge.ref') };
        break;
      case 'money': {
        const gain = numberOf(v['money.gain']);
        const loss = numberOf(v['money.loss']);
        if ((v['money.gain'] ?? '').trim() !== '' && gain === null) return bad('criminal.validation.gain');
        if ((v['money.loss'] ?? '').trim() !== '' && loss === null) return bad('criminal.validation.loss');
        if (gain === null && loss === null) return bad('criminal.validation.money');
        e.money = { ...(gain === null ? {} : { gain }), ...(loss === null ? {} : { loss }), ref: text(v, 'money.ref') };
        break;
      }
      case 'heavyPollutionRepeat': {
        const actAt = beijingDayStart(v['repeat.actOn'] ?? '');
        if (actAt === null) return bad('criminal.validation.actOn');
        const earlierPenalties = [];
        for (let i = 0; i < s.penaltyRows; i++) {
          const at = beijingDayStart(v[`repeat.${i}.on`] ?? '');
          if (at === null) return bad('criminal.validation.penaltyOn', { index: String(i + 1) });
          earlierPenalties.push({ effectiveAt: at, ref: text(v, `repeat.${i}.ref`) });
        }
        // The act's day, at noon Beijing time: the rule compares days, not instants.
        e.heavyPollutionRepeat = { actAt: actAt + 12 * 3_600_000, pollutant: v['repeat.pollutant'] === 'NOx' ? 'NOx' : 'SO2', duringWarning: yes(v, 'repeat.duringWarning'), earlierPenalties, ref: text(v, 'repeat.ref') };
        break;
      }
    }
  }
  return { ok: true, evidence: e };
}

/** The thresholds the evidence meets (the domain's check), or the form's problem. */
export function criminalCheck(s: CriminalState): { ok: true; flags: CriminalFlag[] } | { ok: false; problem: NonNullable<Problem> } {
  const e = criminalEvidence(s);
  if (!e.ok) return e;
  const r = assessCriminalEvidence(e.evidence);
  if (!r.ok) return { ok: false, problem: { key: 'criminal.validation.metal', values: { index: String(r.error.index + 1) } } };
  return { ok: true, flags: r.flags };
}

/** The input of flag_criminal, or the problem that keeps the form from sending it (no threshold met is one). */
export function criminalInput(
  s: CriminalState, prefills: readonly Prefill[], originText: (p: Prefill) => string, valueText: (field: string, value: string) => string,
): { ok: true; input: Record<string, unknown>; flags: CriminalFlag[] } | { ok: false; problem: NonNullable<Problem> } {
  // Only the sections picked are sent; a pre-filled value of a section not picked needs no reason.
  const used = prefills.filter((p) => s.grounds.includes(sectionOf(p.field)));
  const missing = reasonsMissing(used, s.values, s.reasons)[0];
  if (missing !== undefined) return { ok: false, problem: { key: 'reasonRequired', field: missing } };
  const c = criminalCheck(s);
  if (!c.ok) return c;
  if (c.flags.length === 0) return { ok: false, problem: { key: 'criminal.validation.noFlag' } };
  const e = criminalEvidence(s);
  if (!e.ok) return e;
  const provenance = provenanceOf(used, s.values, s.reasons, originText, valueText);
  return { ok: true, input: { evidence: e.evidence, ...(provenance.length > 0 ? { provenance } : {}) }, flags: c.flags };
}

/** The section a field belongs to. */
export function sectionOf(field: string): CriminalGround {
  const head = field.split('.')[0]!;
  return head === 'repeat' ? 'heavyPollutionRepeat' : (head as CriminalGround);
}
