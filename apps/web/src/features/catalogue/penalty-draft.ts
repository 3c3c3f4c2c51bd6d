// The matter editor's statutory penalty as a form (issue 14 item 2), without React: every kind the domain
// knows (packages/domain matters.ts StatutoryPenalty) with its own fields, kept as text while typed; the
// penalty the server takes is built from them, and what is missing or not a number is said by field
// (an i18n key under caseForms.penalty.validation) before anything is sent. The server checks it again
// (validateMatter).
import type { StatutoryPenalty } from '@ecoenforce/contract';

export const PENALTY_KINDS = ['range', 'perInstance', 'maximumOnly', 'multiple', 'daily', 'detention'] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];
export const MULTIPLE_OF = ['directLoss', 'illegalGain'] as const;

/** The fields of each kind, in the order the form shows them; orRange.* of a multiple may be left empty. */
export const PENALTY_FIELDS: Record<PenaltyKind, readonly string[]> = {
  range: ['min', 'max'], perInstance: ['min', 'max'], maximumOnly: ['max'],
  multiple: ['of', 'min', 'max', 'orRange.min', 'orRange.max'], daily: [], detention: ['days.min', 'days.max', 'minorDays.min', 'minorDays.max'],
};

export type PenaltyDraft = { kind: PenaltyKind } & Record<string, string>;

/** A stored penalty as the form holds it. */
export function penaltyDraft(p: StatutoryPenalty): PenaltyDraft {
  const s = (n: number | undefined): string => (n === undefined ? '' : String(n));
  switch (p.kind) {
    case 'range': case 'perInstance': return { kind: p.kind, min: s(p.min), max: s(p.max) };
    case 'maximumOnly': return { kind: p.kind, max: s(p.max) };
    case 'multiple': return { kind: p.kind, of: p.of, min: s(p.min), max: s(p.max), 'orRange.min': s(p.orRange?.min), 'orRange.max': s(p.orRange?.max) };
    case 'daily': return { kind: p.kind };
    case 'detention': return { kind: p.kind, 'days.min': s(p.days.min), 'days.max': s(p.days.max), 'minorDays.min': s(p.minorDays.min), 'minorDays.max': s(p.minorDays.max) };
  }
}

/** A field's problem: the i18n key (caseForms.penalty.validation.*) and the field it belongs to. */
export interface PenaltyProblem { key: 'required' | 'number' | 'order' | 'orRangeBoth'; field: string }

/** The penalty of the form, or its first problem. */
export function penaltyOf(d: PenaltyDraft): { ok: true; penalty: StatutoryPenalty } | { ok: false; problem: PenaltyProblem } {
  const read = (field: string): number | PenaltyProblem => {
    const text = (d[field] ?? '').trim();
    if (text === '') return { key: 'required', field };
    const n = Number(text);
    return Number.isFinite(n) && n >= 0 ? n : { key: 'number', field };
  };
  const nums: Record<string, number> = {};
  const optional = d.kind === 'multiple' ? ['orRange.min', 'orRange.max'].filter((f) => (d[f] ?? '').trim() === '') : [];
  if (optional.length === 1) return { ok: false, problem: { key: 'orRangeBoth', field: optional[0] === 'orRange.min' ? 'orRange.min' : 'orRange.max' } };
  for (const field of PENALTY_FIELDS[d.kind]) {
    if (field === 'of' || optional.includes(field)) continue;
    const v = read(field);
    if (typeof v !== 'number') return { ok: false, problem: v };
    nums[field] = v;
  }
  // A lower bound above its upper one, per pair.
  for (const [lo, hi] of [['min', 'max'], ['orRange.min', 'orRange.max'], ['days.min', 'days.max'], ['minorDays.min', 'minorDays.max']] as const) {
    if (nums[lo] !== undefined && nums[hi] !== undefined && nums[lo] > nums[hi]) return { ok: false, problem: { key: 'order', field: hi } };
  }
  const n = (f: string): number => nums[f]!;
  switch (d.kind) {
    case 'range': case 'perInstance': return { ok: true, penalty: { kind: d.kind, min: n('min'), max: n('max') } };
    case 'maximumOnly': return { ok: true, penalty: { kind: 'maximumOnly', max: n('max') } };
    case 'multiple': {
      const of = d.of === 'illegalGain' ? 'illegalGain' : 'directLoss';
      return { ok: true, penalty: { kind: 'multiple', of, min: n('min'), max: n('max'), ...(optional.length === 0 ? { orRange: { min: n('orRange.min'), max: n('orRange.max') } } : {}) } };
    }
    case 'daily': return { ok: true, penalty: { kind: 'daily', of: 'originalFine' } };
    case 'detention': return { ok: true, penalty: { kind: 'detention', days: { min: n('days.min'), max: n('days.max') }, minorDays: { min: n('minorDays.min'), max: n('minorDays.max') } } };
  }
}

/** Switching the kind keeps the values of the fields both kinds have (min, max). */
export function switchKind(d: PenaltyDraft, kind: PenaltyKind): PenaltyDraft {
  const out: PenaltyDraft = { kind };
  for (const f of PENALTY_FIELDS[kind]) out[f] = d[f] ?? (f === 'of' ? 'directLoss' : '');
  return out;
}

/** The i18n key of a field's label (under caseForms.penalty.labels): a multiple's bounds are multiples, not yuan. */
export function fieldLabelKey(kind: PenaltyKind, field: string): string {
  if (kind === 'multiple' && (field === 'min' || field === 'max')) return field === 'min' ? 'multipleMin' : 'multipleMax';
  return field.replace(/\.(\w)/, (_m, c: string) => c.toUpperCase());
}
