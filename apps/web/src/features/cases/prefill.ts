// Values a case form fills in from the case's evidence (issue 14 item 2), without React: each pre-filled
// field keeps its suggestion and where it came from; a value the officer changed needs a reason, and what
// was suggested, where from and why it was changed is sent with the action's input (`provenance`, kept with
// the event). Shared by the exemption and criminal-transfer forms; the discretion form has its own
// (fine-form.ts), on the same rules.
import type { FineFactOrigin } from '@ecoenforce/contract';
import { sameValue } from './fine-form.ts';

/** Where a pre-filled value came from: the fine facts' origins, the case's discovery, the act's time. */
export type PrefillOrigin = FineFactOrigin | { kind: 'discovery'; at: number } | { kind: 'act'; at: number };

/** A value the form filled in, as the form holds it (text; 'yes' / 'no' for a yes-no choice). */
export interface Prefill { field: string; value: string; origin: PrefillOrigin }

export type Values = Record<string, string>;

/** The form's starting values: the defaults, then every pre-filled value. */
export function startValues(defaults: Values, prefills: readonly Prefill[]): Values {
  const v = { ...defaults };
  for (const p of prefills) v[p.field] = p.value;
  return v;
}

/** The pre-filled fields whose value the officer changed. */
export function changedPrefills(prefills: readonly Prefill[], values: Values): string[] {
  return prefills.filter((p) => !sameValue(values[p.field] ?? '', p.value)).map((p) => p.field);
}

/** The changed fields still without a reason (a reason of blanks is none). */
export function reasonsMissing(prefills: readonly Prefill[], values: Values, reasons: Record<string, string>): string[] {
  return changedPrefills(prefills, values).filter((f) => (reasons[f] ?? '').trim() === '');
}

/** The provenance sent with the input: each pre-filled field, its value, suggestion, origin and (if changed) reason. */
export function provenanceOf(
  prefills: readonly Prefill[], values: Values, reasons: Record<string, string>,
  originText: (p: Prefill) => string, valueText: (field: string, value: string) => string,
): Array<{ field: string; value: string; suggested: string; origin: string; reason?: string }> {
  return prefills.map((p) => {
    const v = values[p.field] ?? '';
    const changed = !sameValue(v, p.value);
    return {
      field: p.field.slice(0, 60), value: valueText(p.field, v).slice(0, 200), suggested: valueText(p.field, p.value).slice(0, 200), origin: originText(p).slice(0, 500),
      ...(changed ? { reason: (reasons[p.field] ?? '').trim().slice(0, 2000) } : {}),
    };
  });
}

/** A Beijing calendar day 'YYYY-MM-DD' of an instant. */
export function beijingDay(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The start of a Beijing calendar day, as an instant; null for a text that is no date. */
export function beijingDayStart(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (m === null) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return beijingDay(t) === day.trim() ? t - 8 * 3_600_000 : null;
}

/** A number typed in a field: the number, or null when it is empty or not a number. */
export function numberOf(text: string | undefined): number | null {
  const s = (text ?? '').trim();
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}
