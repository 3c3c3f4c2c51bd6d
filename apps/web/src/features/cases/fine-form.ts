// The discretion form's rules without React (issue 14 item 2): which values the officer changed from what
// the case's evidence suggested (each change needs a reason), and the record_discretion input the form sends
// (the same FineInput the JSON textarea took, plus the provenance the server keeps with the event).
import type { CaseFineFacts, DiscretionTable, FineFactSuggestion, FinePollutant } from '@ecoenforce/contract';

/** The form keeps every value as text: numbers as typed, level keys, and 'yes' / 'no' for the yes-no gates. */
export type FormValues = Record<string, string>;

/** A suggestion's value as the form holds it. */
export function formText(v: FineFactSuggestion['value']): string {
  return typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
}

/** Two form values mean the same (a number typed as 2.510 is 2.51). */
export function sameValue(a: string, b: string): boolean {
  const x = a.trim();
  const y = b.trim();
  if (x === y) return true;
  return x !== '' && y !== '' && Number.isFinite(Number(x)) && Number(x) === Number(y);
}

/** The suggested fields whose value the officer changed. */
export function changedFields(suggestions: readonly FineFactSuggestion[], values: FormValues): string[] {
  return suggestions.filter((s) => !sameValue(values[s.field] ?? '', formText(s.value))).map((s) => s.field);
}

/** The changed fields still without a reason: the form sends nothing while any is left. */
export function missingReasons(suggestions: readonly FineFactSuggestion[], values: FormValues, reasons: Record<string, string>): string[] {
  return changedFields(suggestions, values).filter((f) => (reasons[f] ?? '').trim() === '');
}

/** The form's starting values: the gates' defaults, then every suggestion of the evidence. */
export function initialValues(facts: Pick<CaseFineFacts, 'suggestions'>): FormValues {
  const v: FormValues = { 'gates.harm': 'minor', 'gates.firstViolation': 'yes', 'gates.correctedInTime': 'no', 'gates.minor': 'no', 'gates.actOngoing': 'yes', 'gates.actEndedOn': '' };
  for (const s of facts.suggestions) v[s.field] = formText(s.value);
  return v;
}

export interface FormState {
  values: FormValues;
  reasons: Record<string, string>;
  aggravating: string[];
  mitigating: string[];
  proposed: string;
  instances: string;
  base: string;
}

/** A problem the form reports before sending, as an i18n key with its values; null when it may be sent. */
export type FormProblem = { key: string; field?: string } | null;

/** The FineInput of the form: table factors left empty are unproven (GD art. 5, the engine scores the lowest level). */
export function buildFineInput(
  facts: Pick<CaseFineFacts, 'table' | 'suggestions' | 'pollutants' | 'priorDecisions' | 'matter'>,
  s: FormState,
  originText: (sg: FineFactSuggestion) => string,
  valueText: (field: string, value: string) => string,
): Record<string, unknown> {
  const table: DiscretionTable | undefined = facts.table?.table;
  const byField = new Map(facts.suggestions.map((x) => [x.field, x]));
  const note = (field: string): string[] => {
    const sg = byField.get(field);
    if (sg === undefined) return [];
    const out = [originText(sg)];
    const v = s.values[field] ?? '';
    if (!sameValue(v, formText(sg.value))) out.push(`${valueText(field, v)}：${(s.reasons[field] ?? '').trim()}`);
    return out.map((x) => x.slice(0, 200));
  };
  const body: Record<string, unknown> = {};
  if (table !== undefined) {
    const f: Record<string, unknown> = {};
    for (const factor of table.factors) {
      const field = `facts.${factor.key}`;
      const v = (s.values[field] ?? '').trim();
      if (v === '') continue;
      const evidence = note(field);
      const proven = factor.input === 'number' ? { proven: true, value: Number(v) } : { proven: true, levels: [v] };
      f[factor.key] = evidence.length === 0 ? proven : { ...proven, evidence };
    }
    body.facts = f;
  }
  const yes = (k: string): boolean => s.values[`gates.${k}`] === 'yes';
  const ongoing = yes('actOngoing');
  const gates: Record<string, unknown> = {
    actEndedOn: ongoing ? null : (s.values['gates.actEndedOn'] ?? '').trim() || null,
    harm: s.values['gates.harm'] ?? 'minor',
    firstViolation: yes('firstViolation'),
    minor: yes('minor'),
    correctedInTime: yes('correctedInTime'),
  };
  // The GD-A2 minor-exceedance check reads the pollutants over their limits; a single pollutant takes the
  // multiple as the form holds it (the officer may have corrected it).
  if (facts.pollutants.length > 0) {
    const typed = Number(s.values['facts.exceedanceMultiple']);
    const one = facts.pollutants.length === 1;
    gates.exceedance = {
      firstInPastYear: facts.priorDecisions.pastYear === 0,
      pollutants: facts.pollutants.map((p: FinePollutant) => ({
        factor: p.factor, pollutantClass: p.kind === 'aClass' ? 'A' : 'B', multiple: one && Number.isFinite(typed) && (s.values['facts.exceedanceMultiple'] ?? '').trim() !== '' ? typed : p.multiple,
      })),
    };
  }
  body.gates = gates;
  if (s.aggravating.length > 0) body.aggravating = s.aggravating;
  if (s.mitigating.length > 0) body.mitigating = s.mitigating;
  if (s.proposed.trim() !== '') body.proposedAmount = Number(s.proposed);
  if (facts.matter.penaltyKind === 'perInstance') body.instances = Number(s.instances);
  if (facts.matter.penaltyKind === 'multiple' && s.base.trim() !== '') body.base = Number(s.base);
  const provenance = facts.suggestions.map((sg) => {
    const v = s.values[sg.field] ?? '';
    const changed = !sameValue(v, formText(sg.value));
    return {
      field: sg.field, value: valueText(sg.field, v).slice(0, 200), suggested: valueText(sg.field, formText(sg.value)).slice(0, 200), origin: originText(sg).slice(0, 500),
      ...(changed ? { reason: (s.reasons[sg.field] ?? '').trim() } : {}),
    };
  });
  if (provenance.length > 0) body.provenance = provenance;
  return body;
}
