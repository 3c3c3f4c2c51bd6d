// The console's lists and wording for warnings; the warnings' shapes are in the API contract (@ecoenforce/contract).
import type { Role, Warning, WarningStatus } from '@ecoenforce/contract';

export const STATUSES = ['new', 'confirmed', 'dismissed', 'dispatched', 'closed'] as const satisfies readonly WarningStatus[];
export const SEVERITIES = ['high', 'medium', 'low'] as const;
/** The kinds the platform raises: exceedance, the markings' own findings and the data-quality detectors. */
export const KINDS = [
  'exceedance', 'marking_late', 'marking_covers_production', 'offline', 'transmission', 'flatline', 'zeroWhileFlowing', 'pinnedAtRange',
  'o2Dilution', 'dropAroundInspection', 'flagShare', 'periodMismatch', 'treatmentOff',
] as const;

/** Who confirms or dismisses warnings (warnings.decide in the server's access.ts). */
export const DECIDERS: Role[] = ['analyst', 'dispatcher', 'head', 'admin'];

/** A rule's source as stored in evidence ('permit <number>'), worded in the console's language. */
export function sourceText(source: unknown, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (typeof source !== 'string') return '—';
  const m = /^permit (.+)$/.exec(source);
  return m === null ? source : t('chart.permit', { number: m[1] });
}

/** The warning's factor by name in the console's language ('二氧化硫'), its code when the table lacks it, '' without one. */
export function factorText(w: Pick<Warning, 'factor' | 'factorName' | 'factorNameEn'>, language: string): string {
  if (w.factor === null) return '';
  return (language.startsWith('en') ? w.factorNameEn : w.factorName) ?? w.factor;
}
