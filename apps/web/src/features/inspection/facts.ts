// The registry facts of a checklist item (enforcement/inspections/checklist.ts on the server) as label: value pairs in the UI
// language: an officer on site reads "许可限值: 100 mg/m3", not `limit: 100 · unit: mg/m3`. A range is one pair,
// a limit carries its unit, lists get spaces so they wrap on a phone. A key the messages do not know yet is
// shown as it is rather than hidden: the fact still matters on site.
import type { TFunction } from 'i18next';
import type { ChecklistItem } from '@ecoenforce/contract';

type Facts = ChecklistItem['facts'];

/** Keys folded into another pair (the limit's unit, the range's ends). */
const FOLDED = new Set(['unit', 'rangeLow', 'rangeHigh', 'rangeUnit']);

export function factPairs(facts: Facts, t: TFunction): Array<{ key: string; label: string; value: string }> {
  const has = (k: string) => facts[k] !== undefined && facts[k] !== null && facts[k] !== '';
  const out: Array<{ key: string; label: string; value: string }> = [];
  const add = (key: string, value: string) => out.push({ key, label: t(`inspection.facts.${key}`, { defaultValue: key }), value });
  for (const [k, v] of Object.entries(facts)) {
    if (v === null || v === '') continue;
    if (FOLDED.has(k) && !(k === 'unit' && !has('limit'))) continue;
    const s = String(v);
    if (k === 'limit') add(k, has('unit') ? `${s} ${String(facts.unit)}` : s);
    else if (k === 'sent') add(k, t(`inspection.factValues.${s === 'yes' ? 'yes' : 'no'}`));
    else if (k === 'role') add(k, t(`inspection.factValues.${s}`, { defaultValue: s }));
    else if (k === 'kind') add(k, t(`kind.${s}`, { defaultValue: s }));
    else if (k === 'basis') add(k, s.split(',').map((b) => t(`basis.${b}`, { defaultValue: b })).join(', '));
    else if (k === 'factorsSent') add(k, s.split(',').join(', '));
    else if (k === 'runningKw') add(k, `${s} kW`);
    else add(k, s);
  }
  if (has('rangeLow') || has('rangeHigh')) {
    const range = `${has('rangeLow') ? String(facts.rangeLow) : '?'}–${has('rangeHigh') ? String(facts.rangeHigh) : '?'}${has('rangeUnit') ? ` ${String(facts.rangeUnit)}` : ''}`;
    // Shown where the range's first key stood: just before `sent`, if there is one.
    const at = out.findIndex((p) => p.key === 'sent');
    const pair = { key: 'range', label: t('inspection.facts.range'), value: range };
    if (at < 0) out.push(pair);
    else out.splice(at, 0, pair);
  }
  return out;
}
