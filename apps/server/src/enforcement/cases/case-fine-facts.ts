// The facts of a case's fine that its evidence already holds (issue 14 item 2), suggested to the officer with
// where each came from, so the discretion form is filled from the record and not retyped:
// - the exceedance warnings linked to the case's task: the pollutants over their limits, their class (GD
//   art. 18) and the exceedance multiple (C − L) ÷ L [rules.md rule 4] computed from the warning's own
//   values and limit. A warning words its peak as C ÷ L ("最高为限值的 3.51 倍"); the engine wants
//   (C − L) ÷ L = 2.51, so the conversion is done here, never by the officer;
// - the repeat count: penalty decisions of the same matter (same article and item, GD art. 21–22) against
//   the enterprise in the two years before the act, this act included;
// - a special period (重污染天气预警 / 重大活动保障) declared over the enterprise's region and in force at the act.
// Nothing is stored; the officer may change any value (with a reason, kept with the action's input).
import type { Kysely } from 'kysely';
import { AGGRAVATING_CASES, MITIGATION_FLAGS, exceedanceMultiple } from '@ecoenforce/domain';
import { factorInfo } from '@ecoenforce/hj212';
import type { CaseFineFacts, FineFactSuggestion, FinePollutant } from '@ecoenforce/contract';
import type { Schema } from '../../platform/db/schema.ts';
import { effectiveEnd } from '../../compliance/index.ts';
import { pinnedCatalogue } from './case-matter.ts';
import type { CaseRow } from './cases.ts';

/**
 * GD art. 18 A-class: GB 8978 first-class pollutants, the MEE toxic air-pollutant list (2018) and Tl, Sb,
 * Ni, Cu, Zn, V, Mn, Co; matched on the HJ 212 Chinese name. Everything else is B-class, VOCs scored apart.
 */
const A_CLASS_NAMES = [
  '汞', '镉', '铬', '砷', '铅', '镍', '苯并', '铍', '银', '放射性', '铊', '锑', '铜', '锌', '钒', '锰', '钴',
  '二氯甲烷', '甲醛', '三氯甲烷', '三氯乙烯', '四氯乙烯', '乙醛',
];

/** The pollutant's kind for the table's 污染物类别 factor (GD art. 18). */
export function pollutantKind(factor: string): FinePollutant['kind'] {
  const name = factorInfo(factor)?.nameZh ?? '';
  if (A_CLASS_NAMES.some((n) => name.includes(n))) return 'aClass';
  // HJ 212 groups the organic compounds under a24 (hydrocarbons) and a25 (aromatics); NMHC stands for VOCs.
  if (/^a2[45]/.test(factor) || name.includes('挥发性有机物')) return 'vocs';
  return 'bClass';
}

const HEAVIER: Record<FinePollutant['kind'], number> = { vocs: 0, bClass: 1, aClass: 2 };
const round2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * The peak of an exceedance warning from its evidence (rule.limit, values): C, L, C ÷ L and (C − L) ÷ L.
 * Undefined when the evidence lacks a positive limit or a value over it.
 */
export function peakOf(evidence: unknown): { max: number; limit: number; unit: string; ratio: number; multiple: number } | undefined {
  if (evidence === null || typeof evidence !== 'object') return undefined;
  const e = evidence as { values?: unknown; rule?: { limit?: unknown; unit?: unknown } };
  const limit = e.rule?.limit;
  if (typeof limit !== 'number' || !(limit > 0) || !Array.isArray(e.values)) return undefined;
  const over = e.values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v > limit);
  if (over.length === 0) return undefined;
  const max = Math.max(...over);
  return { max, limit, unit: typeof e.rule?.unit === 'string' ? e.rule.unit : '', ratio: round2(max / limit), multiple: round2(exceedanceMultiple(max, limit)) };
}

/** The same instant `years` calendar years earlier (UTC fields; a leap day falls on 1 March). */
const yearsBefore = (at: number, years: number): number => {
  const d = new Date(at);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.getTime();
};

export async function caseFineFacts(db: Kysely<Schema>, row: CaseRow): Promise<CaseFineFacts> {
  const pinned = await pinnedCatalogue(db, row);
  const factors = new Set((pinned.table?.table.factors ?? []).map((f) => f.key));
  const warnings = row.task_id === null ? [] : await db
    .selectFrom('task_warnings as tw')
    .innerJoin('warnings as w', 'w.id', 'tw.warning_id')
    .select(['w.id', 'w.kind', 'w.factor', 'w.period_from', 'w.evidence'])
    .where('tw.task_id', '=', Number(row.task_id))
    .orderBy('w.id')
    .execute();

  // The worst warning per factor: one pollutant counted once, at its highest multiple.
  const byFactor = new Map<string, FinePollutant>();
  for (const w of warnings) {
    if (w.kind !== 'exceedance' || w.factor === null) continue;
    let evidence: unknown;
    try {
      evidence = JSON.parse(w.evidence);
    } catch {
      continue;
    }
    const peak = peakOf(evidence);
    if (peak === undefined) continue;
    const info = factorInfo(w.factor);
    const p: FinePollutant = { warningId: Number(w.id), factor: w.factor, factorName: info?.nameZh ?? null, factorNameEn: info?.nameEn ?? null, ...peak, kind: pollutantKind(w.factor) };
    const had = byFactor.get(w.factor);
    if (had === undefined || p.multiple > had.multiple) byFactor.set(w.factor, p);
  }
  const pollutants = [...byFactor.values()];
  const starts = warnings.map((w) => Number(w.period_from));
  const actAt = starts.length > 0 ? Math.min(...starts) : Number(row.discovered_at);

  const suggestions: FineFactSuggestion[] = [];
  const suggest = (key: string, value: number | string, origin: FineFactSuggestion['origin']): void => {
    if (factors.has(key)) suggestions.push({ field: `facts.${key}`, value, origin });
  };
  if (pollutants.length > 0) {
    suggest('pollutantCount', pollutants.length, { kind: 'warnings', pollutants });
    const worst = pollutants.reduce((a, b) => (b.multiple > a.multiple ? b : a));
    suggest('exceedanceMultiple', worst.multiple, { kind: 'warning', pollutant: worst });
    const heaviest = pollutants.reduce((a, b) => (HEAVIER[b.kind] > HEAVIER[a.kind] ? b : a));
    suggest('pollutantKind', heaviest.kind, { kind: 'pollutantClass', pollutant: heaviest });
    // The water table scores toxic (A-class) pollutants as its own factor.
    suggest('toxic', heaviest.kind === 'aClass' ? 'toxic' : 'none', { kind: 'pollutantClass', pollutant: heaviest });
  }

  // Penalty decisions of the same matter against the enterprise before the act (GD art. 21–22).
  const since = yearsBefore(actAt, 2);
  const decided = await db
    .selectFrom('cases')
    .select(['id', 'number', 'decided_at', 'record'])
    .where('enterprise_id', '=', Number(row.enterprise_id))
    .where('matter_code', '=', row.matter_code)
    .where('id', '!=', Number(row.id))
    .where('decided_at', 'is not', null)
    .where('decided_at', '>=', since)
    .where('decided_at', '<', actAt)
    .orderBy('decided_at')
    .execute();
  const prior = decided
    .filter((c) => (JSON.parse(c.record) as { outcome?: string }).outcome === 'penalty')
    .map((c) => ({ id: Number(c.id), number: c.number, decidedAt: Number(c.decided_at) }));
  const decisions = { kind: 'decisions' as const, since, until: actAt, cases: prior };
  suggest('repeats', prior.length + 1, decisions);
  suggestions.push({ field: 'gates.firstViolation', value: prior.length === 0, origin: decisions });
  const yearAgo = yearsBefore(actAt, 1);

  // A special period declared over the enterprise's region (or the city or province above it) in force at the act.
  const region = row.region_code;
  const periods = await db
    .selectFrom('special_periods')
    .selectAll()
    .where('region_code', 'in', [...new Set([region, region.slice(0, 4).padEnd(6, '0'), region.slice(0, 2).padEnd(6, '0')])])
    .where('starts_at', '<=', actAt)
    .orderBy('starts_at', 'desc')
    .execute();
  const inForce = periods.filter((p) => effectiveEnd(p) > actAt);
  // A heavy-pollution warning weighs more than a special event (GD art. 17: the heavier case).
  const period = inForce.find((p) => p.kind === 'heavy_pollution') ?? inForce[0];
  if (period !== undefined) {
    suggest('period', period.kind === 'heavy_pollution' ? 'heavyPollutionWarning' : 'specialEvent', {
      kind: 'specialPeriod', periodId: Number(period.id), name: period.name, periodKind: period.kind, startsAt: Number(period.starts_at), endsAt: effectiveEnd(period),
    });
  }

  return {
    matter: { code: pinned.matter.code, version: pinned.matter.version, penaltyKind: pinned.matter.matter.penalty.kind, name: pinned.matter.matter.name },
    table: pinned.table,
    actAt,
    pollutants,
    priorDecisions: { pastTwoYears: prior.length, pastYear: prior.filter((c) => c.decidedAt >= yearAgo).length },
    suggestions,
    aggravating: [...AGGRAVATING_CASES],
    mitigating: [...MITIGATION_FLAGS],
  };
}
