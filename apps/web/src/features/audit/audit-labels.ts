// The audit trail's stored keys (actions, object types, changed fields) in the console's language, and a
// stored change ({"before":…,"after":…}) as field-by-field rows. A key without a label shows as "other";
// the stored key itself is kept in the export.
import type { i18n as I18n, TFunction } from 'i18next';

export interface ChangeRow {
  field: string;
  before: string;
  after: string;
}

function show(v: unknown, yes: string, no: string): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'boolean') return v ? yes : no;
  if (typeof v === 'number' || typeof v === 'string') return String(v);
  return JSON.stringify(v);
}

/** The fields a change touched, in order of first appearance, with their value before and after. */
export function auditChanges(changes: string, yes = '是', no = '否'): ChangeRow[] {
  let parsed: { before?: unknown; after?: unknown };
  try {
    parsed = JSON.parse(changes) as { before?: unknown; after?: unknown };
  } catch {
    return [{ field: '', before: '—', after: changes }];
  }
  const asRecord = (x: unknown): Record<string, unknown> => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : x === null || x === undefined ? {} : { '': x });
  const before = asRecord(parsed.before);
  const after = asRecord(parsed.after);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.map((field) => ({ field, before: show(before[field], yes, no), after: show(after[field], yes, no) }));
}

export function labelOf(t: TFunction, i18n: I18n): { action: (k: string) => string; entity: (k: string) => string; field: (k: string) => string; value: (field: string, v: string) => string } {
  return {
    // A status is stored as its key (new, confirmed…): shown by its name where the console has one.
    value: (field, v) => (field === 'status' && i18n.exists(`audit.statuses.${v}`) ? t(`audit.statuses.${v}`) : v),
    action: (k) => (i18n.exists(`audit.actions.${k}`) ? t(`audit.actions.${k}`) : i18n.exists(`cases.actions.${k}`) ? t(`cases.actions.${k}`) : t('audit.otherAction')),
    entity: (k) => (i18n.exists(`audit.entities.${k}`) ? t(`audit.entities.${k}`) : t('audit.otherEntity')),
    field: (k) => (k === '' ? t('audit.value') : i18n.exists(`audit.fields.${k}`) ? t(`audit.fields.${k}`) : k),
  };
}
