// The gates before any fine (issue 5 §6): limitation (APL 36), no fault and minor-and-harmless (APL 33),
// Guangdong's list of minor violations not penalised [GD-A2], the first-violation waiver the officer decides
// (APL 33), and the mandatory-mitigation flags (APL 32) the discretion engine must honour. Pure: dates are
// Beijing local calendar dates 'YYYY-MM-DD'; the caller converts from UTC.

/** APL 32 (GD art. 11): cases that shall be penalised lightly or with reduction. */
export const MITIGATION_FLAGS = ['harmRemovedOrReduced', 'coercedOrDeceived', 'confessedUnknownViolation', 'meritoriousHelp', 'otherStatutory'] as const;
export type MitigationFlag = (typeof MITIGATION_FLAGS)[number];

/** Years of the limitation period: 2, or 5 where life and health are endangered with harm (APL 36, GD art. 16). */
export const LIMITATION_YEARS = { ordinary: 2, lifeHealth: 5 } as const;

export interface GateFacts {
  /** The day the act ended (a continuing act: its last day, APL 36); null when still going on. */
  actEndedOn: string | null;
  discoveredOn: string;
  /** The act endangered life or health and caused harm: five years (APL 36). */
  lifeHealthHarm?: boolean;
  /** The party proved it was not at fault (APL 33 ¶2). */
  noFaultProven: boolean;
  /** A law or administrative regulation excludes the no-fault defence here (APL 33 ¶2 proviso). */
  noFaultExcluded?: boolean;
  minor: boolean;
  correctedInTime: boolean;
  harm: 'none' | 'minor' | 'serious';
  /** No earlier violation of the party on record (APL 33 ¶1 second sentence). */
  firstViolation: boolean;
  /** Exceedance facts for the GD minor-violation list: each pollutant over its limit. */
  exceedance?: { firstInPastYear: boolean; pollutants: Array<{ factor: string; pollutantClass: 'A' | 'B'; multiple: number }> };
  /** Abnormal operation of abatement equipment [GD-A2]. */
  abnormalAbatement?: { suddenFault: boolean; reported: boolean; handledWithinHours: number; dailyMeanCompliant: boolean; firstInPastYear: boolean };
  mitigation?: MitigationFlag[];
}

/** GD-A2 thresholds: a single B-class pollutant under 0.1× over; abatement fault handled within 24 h. */
export const MINOR_LIST = { maxMultipleExclusive: 0.1, abatementHours: 24 } as const;

export interface Limitation {
  years: number;
  /** The last day on which discovery still allows a penalty; null while the act goes on. */
  lastDay: string | null;
  source: string;
}

export interface GateCheck {
  gate: 'limitation' | 'no_fault' | 'minor_no_harm' | 'gd_minor_exceedance' | 'gd_abnormal_abatement' | 'first_violation';
  applies: boolean;
  source: string;
  detail: string;
}

interface Common {
  reasons: string[];
  checks: GateCheck[];
  limitation: Limitation;
  mitigation: MitigationFlag[];
}

export type GateOutcome =
  | ({ outcome: 'time_barred'; article: string } & Common)
  | ({ outcome: 'no_penalty'; article: string; ground: 'no_fault' | 'minor_no_harm' | 'gd_minor_exceedance' | 'gd_abnormal_abatement' } & Common)
  | ({ outcome: 'may_waive'; article: string } & Common)
  | ({ outcome: 'proceed' } & Common);

export type GateErrorCode = 'bad_date' | 'bad_fact';
export type GateResult = { ok: true; value: GateOutcome } | { ok: false; error: { code: GateErrorCode; field: string; message: string } };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a calendar date strictly (no 2026-02-30); days since 1970-01-01, or null. */
export function dateDayNumber(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / 86_400_000;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * The date `years` later on the calendar; 29 February maps to 28 February in a common year (a period with no
 * corresponding day ends on the month's last day, the general rule of Chinese law on periods).
 */
export function addCalendarYears(date: string, years: number): string {
  const m = DATE_RE.exec(date);
  if (m === null || dateDayNumber(date) === null) throw new RangeError(`not a date: ${date}`);
  const y = Number(m[1]) + years;
  const mo = Number(m[2]);
  const lastOfMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return `${pad(y, 4)}-${pad(mo)}-${pad(Math.min(Number(m[3]), lastOfMonth))}`;
}

/**
 * APL 36: no penalty when the act is not discovered within 2 years (5 with life-and-health harm), counted
 * from the day the act ended. The period starts the next day and ends on the corresponding date, so an act
 * ending 2024-03-10 may still be penalised if discovered on 2026-03-10 and not from 2026-03-11.
 */
export function limitationOf(actEndedOn: string | null, lifeHealthHarm = false): Limitation {
  const years = lifeHealthHarm ? LIMITATION_YEARS.lifeHealth : LIMITATION_YEARS.ordinary;
  return { years, lastDay: actEndedOn === null ? null : addCalendarYears(actEndedOn, years), source: lifeHealthHarm ? 'APL 36 (life and health: 5 years)' : 'APL 36' };
}

export function evaluateGates(f: GateFacts): GateResult {
  const bad = (code: GateErrorCode, field: string, message: string): GateResult => ({ ok: false, error: { code, field, message } });
  const discovered = dateDayNumber(f.discoveredOn);
  if (discovered === null) return bad('bad_date', 'discoveredOn', 'discoveredOn must be a calendar date YYYY-MM-DD');
  if (f.actEndedOn !== null && dateDayNumber(f.actEndedOn) === null) return bad('bad_date', 'actEndedOn', 'actEndedOn must be a calendar date YYYY-MM-DD or null');
  if (!['none', 'minor', 'serious'].includes(f.harm)) return bad('bad_fact', 'harm', 'harm must be none, minor or serious');
  for (const k of f.mitigation ?? []) if (!(MITIGATION_FLAGS as readonly string[]).includes(k)) return bad('bad_fact', 'mitigation', `no mitigation flag ${String(k)}`);
  const ex = f.exceedance;
  if (ex !== undefined && ex.pollutants.some((p) => !Number.isFinite(p.multiple) || (p.pollutantClass !== 'A' && p.pollutantClass !== 'B'))) {
    return bad('bad_fact', 'exceedance.pollutants', 'each pollutant needs class A or B and a finite multiple');
  }
  const ab = f.abnormalAbatement;
  if (ab !== undefined && !(Number.isFinite(ab.handledWithinHours) && ab.handledWithinHours >= 0)) return bad('bad_fact', 'abnormalAbatement.handledWithinHours', 'hours must be a number ≥ 0');

  const limitation = limitationOf(f.actEndedOn, f.lifeHealthHarm === true);
  const mitigation = [...new Set(f.mitigation ?? [])];
  const checks: GateCheck[] = [];
  const common = (reasons: string[]): Common => ({ reasons, checks, limitation, mitigation });

  const lastDay = limitation.lastDay === null ? null : dateDayNumber(limitation.lastDay);
  const barred = lastDay !== null && discovered > lastDay;
  checks.push({
    gate: 'limitation', applies: barred, source: limitation.source,
    detail: limitation.lastDay === null ? 'the act is still going on: the period has not started' : `discovered ${f.discoveredOn}; last day ${limitation.lastDay}`,
  });
  if (barred) return { ok: true, value: { outcome: 'time_barred', article: limitation.source, ...common([`not discovered within ${limitation.years} years of ${f.actEndedOn}: the last day was ${limitation.lastDay}`]) } };

  const noFault = f.noFaultProven && f.noFaultExcluded !== true;
  checks.push({ gate: 'no_fault', applies: noFault, source: 'APL 33 ¶2; GD art. 13(2)', detail: f.noFaultProven && !noFault ? 'no fault proven, but a law excludes the defence' : `no fault proven: ${f.noFaultProven}` });
  if (noFault) return { ok: true, value: { outcome: 'no_penalty', article: 'APL 33 ¶2', ground: 'no_fault', ...common(['the party proved it was not at fault']) } };

  const minorNoHarm = f.minor && f.correctedInTime && f.harm === 'none';
  checks.push({ gate: 'minor_no_harm', applies: minorNoHarm, source: 'APL 33 ¶1; GD art. 13(1)', detail: `minor ${f.minor}, corrected in time ${f.correctedInTime}, harm ${f.harm}` });
  if (minorNoHarm) return { ok: true, value: { outcome: 'no_penalty', article: 'APL 33 ¶1', ground: 'minor_no_harm', ...common(['minor, corrected in time, no harmful consequence']) } };

  if (ex !== undefined) {
    const only = ex.pollutants.length === 1 ? ex.pollutants[0] : undefined;
    const ok = only !== undefined && ex.firstInPastYear && only.pollutantClass === 'B' && only.multiple < MINOR_LIST.maxMultipleExclusive && f.correctedInTime;
    checks.push({
      gate: 'gd_minor_exceedance', applies: ok, source: '[GD-A2]; GD art. 13(3)',
      detail: `first in the past year ${ex.firstInPastYear}, pollutants over ${ex.pollutants.length}${only ? ` (${only.factor}, class ${only.pollutantClass}, ${only.multiple}× over)` : ''}, corrected in time ${f.correctedInTime}`,
    });
    if (ok) return { ok: true, value: { outcome: 'no_penalty', article: '[GD-A2]', ground: 'gd_minor_exceedance', ...common([`a single B-class pollutant under ${MINOR_LIST.maxMultipleExclusive}× over, first in a year, corrected in time`]) } };
  }

  if (ab !== undefined) {
    const ok = ab.suddenFault && ab.reported && ab.handledWithinHours <= MINOR_LIST.abatementHours && ab.dailyMeanCompliant && ab.firstInPastYear;
    checks.push({
      gate: 'gd_abnormal_abatement', applies: ok, source: '[GD-A2]',
      detail: `sudden ${ab.suddenFault}, reported ${ab.reported}, handled in ${ab.handledWithinHours} h, daily mean compliant ${ab.dailyMeanCompliant}, first in a year ${ab.firstInPastYear}`,
    });
    if (ok) return { ok: true, value: { outcome: 'no_penalty', article: '[GD-A2]', ground: 'gd_abnormal_abatement', ...common([`a sudden abatement fault reported and handled within ${MINOR_LIST.abatementHours} h, daily mean compliant, first in a year`]) } };
  }

  // "危害后果轻微" (APL 33 ¶1) is met a fortiori by no harm at all: only serious harm bars the waiver.
  const waivable = f.firstViolation && f.harm !== 'serious' && f.correctedInTime;
  checks.push({ gate: 'first_violation', applies: waivable, source: 'APL 33 ¶1; GD art. 13(3)', detail: `first violation ${f.firstViolation}, harm ${f.harm}, corrected in time ${f.correctedInTime}` });
  if (waivable) return { ok: true, value: { outcome: 'may_waive', article: 'APL 33 ¶1', ...common([`first violation, ${f.harm === 'none' ? 'no' : 'minor'} harm, corrected in time: the penalty may be waived (decided by the head, decide_waiver)`]) } };

  const reasons = mitigation.length > 0 ? [`mandatory mitigation applies (APL 32): ${mitigation.join(', ')}`] : ['no gate applies'];
  return { ok: true, value: { outcome: 'proceed', ...common(reasons) } };
}

/**
 * What a case records of a may_waive outcome: the gate, its article and its reason, so that a later waiver
 * decision (decide_waiver) can only rest on what the gates said. Null for every other outcome: a no-penalty
 * gate is an exemption ("shall not"), not a waiver ("may"), and proceed or time_barred leave nothing to waive.
 */
export function waivableOf(outcome: GateOutcome): { gate: 'first_violation'; article: string; reason: string } | null {
  return outcome.outcome === 'may_waive' ? { gate: 'first_violation', article: outcome.article, reason: outcome.reasons.join('; ') } : null;
}

/** A recorded decision on a may_waive outcome (APL 33): never made by the engine. A case records it as decide_waiver (case-rules.ts). */
export interface WaiverDecision {
  waive: boolean;
  decidedBy: string;
  /** ISO 8601 instant, from the caller's clock. */
  decidedAt: string;
  reason: string;
  article: string;
}

export type WaiverResult = { ok: true; decision: WaiverDecision } | { ok: false; error: { code: 'not_waivable' | 'reason_required' | 'bad_officer' | 'bad_time'; message: string } };

export function recordWaiverDecision(outcome: GateOutcome, d: Omit<WaiverDecision, 'article'>): WaiverResult {
  if (outcome.outcome !== 'may_waive') return { ok: false, error: { code: 'not_waivable', message: `a ${outcome.outcome} outcome leaves nothing to waive` } };
  if (typeof d.decidedBy !== 'string' || d.decidedBy.trim() === '') return { ok: false, error: { code: 'bad_officer', message: 'decidedBy must name the officer' } };
  if (typeof d.decidedAt !== 'string' || Number.isNaN(Date.parse(d.decidedAt))) return { ok: false, error: { code: 'bad_time', message: 'decidedAt must be an ISO 8601 time' } };
  if (typeof d.reason !== 'string' || d.reason.trim().length < 4) return { ok: false, error: { code: 'reason_required', message: 'a waiver decision states its reason either way' } };
  return { ok: true, decision: { waive: d.waive, decidedBy: d.decidedBy, decidedAt: d.decidedAt, reason: d.reason.trim(), article: outcome.article } };
}
