// Warnings as the API returns them (apps/server/src/compliance/routes/warnings.ts).
import type { Role } from '../../api/types.ts';

export interface Warning {
  id: number;
  pointId: number;
  mn: string;
  enterpriseId: number;
  enterpriseName: string;
  outletCode: string;
  kind: string;
  factor: string | null;
  /** From the HJ 212 factor table; null without a factor or for a code the table lacks. */
  factorName: string | null;
  factorNameEn: string | null;
  severity: 'low' | 'medium' | 'high';
  status: string;
  from: number;
  to: number;
  message: string;
  decisionReason: string | null;
  answer: string | null;
}

export interface Evidence {
  times: number[];
  values?: Array<number | null>;
  frameIds?: number[];
  rule?: Record<string, unknown>;
  markingId?: number;
}

export const STATUSES = ['new', 'confirmed', 'dismissed', 'dispatched', 'closed'] as const;
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
