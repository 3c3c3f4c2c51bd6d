// The discretion engine (issue 5 §6): facts → fine in whole yuan, with an explanation a case stores as JSON.
// Two modes [GD art. 6]: weight accumulation where a benchmark table applies (Σ weights, capped at 100 %,
// × the statutory maximum, never below the minimum), else the range mode of GD art. 12 (ordinary = the
// midpoint, mitigated below it, aggravated not below it). Then the public-apology reduction (GD art. 14).
// Pure: the gates (gates.ts) run first and decide whether there is a fine at all.
import {
  AGGRAVATING_CASES, APOLOGY_BARS, APOLOGY_REDUCTION, lowestLevel,
  type DiscretionFactor, type DiscretionTable, type FactorLevel,
} from './discretion-tables.ts';
import { formatArticle, type Bilingual, type EnforcementMatter } from './matters.ts';
import { MITIGATION_FLAGS, type MitigationFlag } from './gates.ts';

/** What the investigation established for one factor; a factor left out counts as unproven (GD art. 5). */
export type FactorFact =
  | { proven: false; note?: string }
  | { proven: true; levels: string[]; evidence?: string[] }
  | { proven: true; value: number; evidence?: string[] };

export type Circumstance = 'ordinary' | 'mitigated' | 'aggravated';

export interface FineRequest {
  matter: EnforcementMatter;
  /** The table the matter names; required when matter.discretionTableId is set. */
  table?: DiscretionTable | null;
  facts?: Record<string, FactorFact>;
  /** The officer's class for the range mode (GD art. 12); findings below may override it. */
  circumstance?: Circumstance;
  /**
   * Aggravating cases the officer found (keys of AGGRAVATING_CASES). They set the class of the range mode
   * (GD art. 12); in the weights mode they are recorded but do not move the amount, which the table's
   * factors already score (GD art. 6); emergencyMeasures still bars the apology reduction (GD art. 14(4)).
   */
  aggravating?: string[];
  /** Mandatory mitigation found by the gates (APL 32, GD art. 11). */
  mitigating?: MitigationFlag[];
  /** The officer's amount where GD art. 12 gives a band rather than a point (mitigated, aggravated). */
  proposedAmount?: number;
  /** Instances for a per-instance fine (PRM 37). */
  instances?: number;
  /** Direct loss or illegal gain in yuan, for a multiple. */
  base?: number;
  apology?: { correctedBeforeDecision: boolean; apologisedPublicly: boolean; pledged: boolean; reductionPercent: number; bars?: string[] };
}

export type DiscretionErrorCode =
  | 'not_a_fine' | 'daily_fine' | 'base_required' | 'bad_base' | 'bad_instances' | 'table_required' | 'table_mismatch'
  | 'unknown_factor' | 'unknown_level' | 'bad_value' | 'value_out_of_bands' | 'proposal_required' | 'proposal_out_of_band'
  | 'bad_reduction' | 'unknown_bar' | 'unknown_aggravating' | 'unknown_mitigation';

export interface DiscretionError {
  code: DiscretionErrorCode;
  message: string;
  /** The band a proposal must fall in, [min, max] inclusive, when code is proposal_*. */
  band?: { min: number; max: number };
}

export interface FactorLine {
  key: string;
  label: Bilingual;
  source: string;
  proven: boolean;
  /** The measured value of a numeric factor, when proven. */
  value: number | null;
  /** The levels the facts claimed (several: the heaviest wins, GD art. 17). */
  claimed: string[];
  level: string;
  levelLabel: Bilingual;
  weight: number;
  rule: 'proven' | 'unproven_lowest_level' | 'heaviest_of_several';
}

export interface FineStep {
  rule: string;
  source: string;
  detail: string;
  amount: number;
}

export interface FineExplanation {
  matter: { code: string; version: number; penaltyBasis: string };
  method: 'weights' | 'range';
  table: { id: string; version: number } | null;
  statutory: { min: number; max: number; midpoint: number; basis: string };
  start: { weight: number; source: string } | null;
  factors: FactorLine[];
  percent: { sum: number; capped: number; applied: number } | null;
  formula: string;
  circumstance: { applied: Circumstance | null; requested: Circumstance | null; aggravating: string[]; mitigating: MitigationFlag[]; note: string | null };
  apology: { requested: boolean; applied: boolean; reductionPercent: number | null; barredBy: string[]; unmet: string[] } | null;
  steps: FineStep[];
  amount: number;
}

export type FineResult = { ok: true; amount: number; explanation: FineExplanation } | { ok: false; error: DiscretionError };

class Refusal extends Error {
  constructor(readonly error: DiscretionError) {
    super(error.message);
  }
}
const refuse = (code: DiscretionErrorCode, message: string, band?: { min: number; max: number }): never => {
  throw new Refusal(band === undefined ? { code, message } : { code, message, band });
};

const yuan = (v: number): string => Math.round(v).toLocaleString('en-US');

/** Exceedance multiple = (C − limit)/limit [rules.md rule 4]; 2.5 means 3.5 times the limit. */
export function exceedanceMultiple(value: number, limit: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(limit) || limit <= 0) throw new RangeError('limit must be a positive number');
  return (value - limit) / limit;
}

/** The band a numeric value falls in, bands read as [from, to) (GD art. 23); undefined below the first. */
export function bandOf(levels: readonly FactorLevel[], value: number): FactorLevel | undefined {
  return levels.find((l) => l.from !== undefined && value >= l.from && (l.to === null || l.to === undefined || value < l.to));
}

interface Bounds { min: number; max: number; midpoint: number; basis: string; maximumOnly: boolean }

/** The statutory range in yuan for this request (instances and the loss or gain applied). */
function boundsOf(req: FineRequest): Bounds {
  const p = req.matter.penalty;
  switch (p.kind) {
    case 'range':
      return { min: p.min, max: p.max, midpoint: (p.min + p.max) / 2, basis: `range ${yuan(p.min)}–${yuan(p.max)}`, maximumOnly: false };
    case 'perInstance': {
      const n = req.instances ?? 1;
      if (!Number.isInteger(n) || n < 1 || n > 10_000) refuse('bad_instances', 'instances must be a whole number from 1 to 10,000');
      return { min: p.min * n, max: p.max * n, midpoint: ((p.min + p.max) / 2) * n, basis: `${yuan(p.min)}–${yuan(p.max)} per instance × ${n}`, maximumOnly: false };
    }
    case 'maximumOnly':
      return { min: 0, max: p.max, midpoint: p.max / 2, basis: `maximum ${yuan(p.max)}`, maximumOnly: true };
    case 'multiple': {
      const b = req.base;
      if (b !== undefined && (!Number.isFinite(b) || b < 0)) refuse('bad_base', 'base must be a number of yuan ≥ 0');
      if (b !== undefined && b > 0) {
        const min = Math.round(p.min * b);
        const max = Math.round(p.max * b);
        return { min, max, midpoint: ((p.min + p.max) / 2) * b, basis: `${p.min}–${p.max} × ${p.of} ${yuan(b)}`, maximumOnly: false };
      }
      // CET 22, 23: with no gain to multiply the article's fixed range applies.
      if (p.orRange !== undefined) return { min: p.orRange.min, max: p.orRange.max, midpoint: (p.orRange.min + p.orRange.max) / 2, basis: `range ${yuan(p.orRange.min)}–${yuan(p.orRange.max)} (no ${p.of})`, maximumOnly: false };
      return refuse('base_required', `${formatArticle(req.matter.penaltyBasis)} multiplies the ${p.of}: give it as base`);
    }
    case 'daily':
      return refuse('daily_fine', 'a daily fine repeats the original fine per day (EPL 59): count it in the daily-penalty workflow');
    case 'detention':
      return refuse('not_a_fine', 'detention is decided by public security on transfer (EPL 63), not fined');
  }
}

/** Scores one factor: proven level(s) or value, else its lowest level (GD art. 5); several → heaviest (GD art. 17). */
function scoreFactor(f: DiscretionFactor, fact: FactorFact | undefined): FactorLine {
  const base = { key: f.key, label: f.label, source: f.source };
  if (fact === undefined || !fact.proven) {
    const lo = lowestLevel(f);
    return { ...base, proven: false, value: null, claimed: [], level: lo.key, levelLabel: lo.label, weight: lo.weight, rule: 'unproven_lowest_level' };
  }
  if (f.input === 'number') {
    if (!('value' in fact)) return refuse('bad_value', `factor ${f.key} takes a measured value`);
    if (!Number.isFinite(fact.value)) refuse('bad_value', `factor ${f.key}: value must be a finite number`);
    const band = bandOf(f.levels, fact.value);
    if (band === undefined) return refuse('value_out_of_bands', `factor ${f.key}: ${fact.value} is below its first band`);
    return { ...base, proven: true, value: fact.value, claimed: [band.key], level: band.key, levelLabel: band.label, weight: band.weight, rule: 'proven' };
  }
  if (!('levels' in fact) || fact.levels.length === 0) return refuse('unknown_level', `factor ${f.key} takes one or more level keys`);
  const found = fact.levels.map((k) => f.levels.find((l) => l.key === k) ?? refuse('unknown_level', `factor ${f.key} has no level ${k}`));
  const heaviest = found.reduce((a, b) => (b.weight > a.weight ? b : a));
  return {
    ...base, proven: true, value: null, claimed: [...fact.levels], level: heaviest.key, levelLabel: heaviest.label, weight: heaviest.weight,
    rule: new Set(fact.levels).size > 1 ? 'heaviest_of_several' : 'proven',
  };
}

function checkKeys(req: FineRequest): void {
  const agg = new Set(AGGRAVATING_CASES.map((c) => c.key));
  for (const k of req.aggravating ?? []) if (!agg.has(k)) refuse('unknown_aggravating', `no aggravating case ${k}`);
  for (const k of req.mitigating ?? []) if (!(MITIGATION_FLAGS as readonly string[]).includes(k)) refuse('unknown_mitigation', `no mitigation flag ${String(k)}`);
  const bars = new Set(APOLOGY_BARS.map((c) => c.key));
  for (const k of req.apology?.bars ?? []) if (!bars.has(k)) refuse('unknown_bar', `no apology bar ${k}`);
}

/**
 * The class GD art. 12 applies. Mandatory mitigation (APL 32: "shall") outranks the W13 aggravating cases
 * ("may"), so with both the case is mitigated and the note says the aggravation was outweighed.
 */
function classify(req: FineRequest): FineExplanation['circumstance'] {
  const aggravating = [...new Set(req.aggravating ?? [])];
  const mitigating = [...new Set(req.mitigating ?? [])];
  const requested = req.circumstance ?? null;
  let applied: Circumstance | null = requested;
  let note: string | null = null;
  if (mitigating.length > 0) {
    applied = 'mitigated';
    if (aggravating.length > 0) note = 'APL 32 mitigation is mandatory and outweighs the discretionary W13 aggravation';
  } else if (aggravating.length > 0) applied = 'aggravated';
  if (requested !== null && applied !== requested) note ??= `the findings make the case ${applied ?? 'ordinary'}, not ${requested}`;
  return { applied, requested, aggravating, mitigating, note };
}

function proposal(req: FineRequest, band: { min: number; max: number }, why: string): number {
  const p = req.proposedAmount;
  if (p === undefined) return refuse('proposal_required', `${why}: propose an amount from ${yuan(band.min)} to ${yuan(band.max)}`, band);
  if (!Number.isInteger(p) || p < band.min || p > band.max) return refuse('proposal_out_of_band', `${why}: ${p} is outside ${yuan(band.min)}–${yuan(band.max)}`, band);
  return p;
}

/** The band below the midpoint in whole yuan: [min, ⌈mid⌉ − 1], or the minimum alone when the range is a point. */
const mitigatedBand = (b: Bounds): { min: number; max: number } => ({ min: b.min, max: Math.max(b.min, Math.ceil(b.midpoint) - 1) });

export function computeFine(req: FineRequest): FineResult {
  try {
    return { ok: true, ...compute(req) };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.error };
    throw e;
  }
}

function compute(req: FineRequest): { amount: number; explanation: FineExplanation } {
  checkKeys(req);
  const b = boundsOf(req);
  const m = req.matter;
  const steps: FineStep[] = [];
  const circumstance = classify(req);
  const tableId = m.discretionTableId;
  const table = req.table ?? null;
  let amount: number;
  let factors: FactorLine[] = [];
  let percent: FineExplanation['percent'] = null;
  let formula: string;

  if (tableId !== null) {
    if (table === null) return refuse('table_required', `matter ${m.code} is fined by table ${tableId}`);
    if (table.id !== tableId || !table.matterCodes.includes(m.code)) return refuse('table_mismatch', `table ${table.id} does not apply to ${m.code}`);
    const facts = req.facts ?? {};
    const known = new Set(table.factors.map((f) => f.key));
    for (const k of Object.keys(facts)) if (!known.has(k)) refuse('unknown_factor', `table ${table.id} has no factor ${k}`);
    factors = table.factors.map((f) => scoreFactor(f, facts[f.key]));
    const sum = table.start.weight + factors.reduce((s, f) => s + f.weight, 0);
    const capped = Math.min(100, sum);
    const applied = Math.max(capped, table.floorPercent);
    percent = { sum, capped, applied };
    const raw = Math.round((applied * b.max) / 100);
    const terms = [table.start.weight, ...factors.filter((f) => f.weight !== 0).map((f) => f.weight)];
    formula = `(${terms.join(' + ')}) % = ${sum} %${capped < sum ? ' → capped 100 %' : ''}${applied > capped ? ` → floor ${applied} %` : ''} × ${yuan(b.max)} = ${yuan(raw)}`;
    steps.push({ rule: 'weights', source: joinSources('GD art. 6', table.source), detail: formula, amount: raw });
    amount = raw;
    if (amount < b.min) {
      amount = b.min;
      steps.push({ rule: 'statutory_minimum', source: `${formatArticle(m.penaltyBasis)}; GD art. 3(1)`, detail: `raised to the statutory minimum ${yuan(b.min)}`, amount });
    }
    // GD art. 6: Σ weights × maximum is the amount. The midpoint floor of GD art. 12 belongs to the range mode;
    // applied here it would count an aggravation the table already scores (a warning period, repeats) twice.
    if (circumstance.applied === 'aggravated') {
      const why = 'weights mode: aggravation is scored by the table factors (GD art. 6); the GD art. 12 midpoint applies to the range mode only';
      circumstance.note = circumstance.note === null ? why : `${circumstance.note}; ${why}`;
    } else if (circumstance.applied === 'mitigated' && amount >= b.midpoint && b.min < b.max) {
      amount = proposal(req, mitigatedBand(b), 'mitigated (APL 32): the weights reach the midpoint');
      steps.push({ rule: 'mitigated_below_midpoint', source: 'APL 32; GD art. 11, 12(2)', detail: `mitigated: the officer's amount below the midpoint ${yuan(b.midpoint)}`, amount });
    }
  } else {
    const cls = circumstance.applied ?? 'ordinary';
    const pointRange = b.min === b.max;
    if (pointRange) amount = b.min;
    else if (b.maximumOnly) {
      // GD art. 12(3): maximum only → mitigated 20 %, ordinary 50 %; aggravated is not stated: the band above 50 %.
      if (cls === 'mitigated') amount = Math.round(b.max * 0.2);
      else if (cls === 'ordinary') amount = Math.round(b.max * 0.5);
      else amount = proposal(req, { min: Math.ceil(b.max * 0.5), max: b.max }, 'aggravated under a maximum-only article');
    } else if (cls === 'ordinary') amount = Math.round(b.midpoint);
    else if (cls === 'mitigated') amount = proposal(req, mitigatedBand(b), 'mitigated: below the midpoint');
    else amount = proposal(req, { min: Math.ceil(b.midpoint), max: b.max }, 'aggravated: not below the midpoint');
    formula = pointRange ? `fixed ${yuan(amount)}` : `${cls}: ${b.basis}, midpoint ${yuan(b.midpoint)} → ${yuan(amount)}`;
    steps.push({ rule: `range_${cls}`, source: `GD art. 12; ${formatArticle(m.penaltyBasis)}`, detail: formula, amount });
  }

  const apology = applyApology(req, b, amount, circumstance.aggravating);
  if (apology !== null && apology.reductionPercent !== null) {
    const r = apology.reductionPercent;
    const reduced = Math.max(b.min, Math.round((amount * (100 - r)) / 100));
    steps.push({ rule: 'apology', source: 'GD art. 14', detail: `public apology and pledge: −${r} %${reduced === b.min ? ', not below the statutory minimum' : ''}`, amount: reduced });
    amount = reduced;
  }
  amount = Math.min(b.max, Math.max(b.min, Math.round(amount)));

  return {
    amount,
    explanation: {
      matter: { code: m.code, version: m.version, penaltyBasis: formatArticle(m.penaltyBasis) },
      method: tableId !== null ? 'weights' : 'range',
      table: table !== null && tableId !== null ? { id: table.id, version: table.version } : null,
      statutory: { min: b.min, max: b.max, midpoint: b.midpoint, basis: b.basis },
      start: table !== null && tableId !== null ? { ...table.start } : null,
      factors, percent, formula, circumstance, apology, steps, amount,
    },
  };
}

/** GD art. 14: −30–50 % when corrected before the decision, apologised publicly and pledged, unless barred. */
function applyApology(req: FineRequest, b: Bounds, amount: number, aggravating: string[]): FineExplanation['apology'] {
  const a = req.apology;
  if (a === undefined) return null;
  const r = a.reductionPercent;
  if (!Number.isFinite(r) || r < APOLOGY_REDUCTION.min || r > APOLOGY_REDUCTION.max) refuse('bad_reduction', `the apology reduction is ${APOLOGY_REDUCTION.min}–${APOLOGY_REDUCTION.max} % (GD art. 14)`);
  const unmet: string[] = [];
  if (!a.correctedBeforeDecision) unmet.push('correctedBeforeDecision');
  if (!a.apologisedPublicly) unmet.push('apologisedPublicly');
  if (!a.pledged) unmet.push('pledged');
  const barredBy = [...new Set(a.bars ?? [])];
  if (aggravating.includes('emergencyMeasures') && !barredBy.includes('emergencyAggravation')) barredBy.push('emergencyAggravation');
  if ((amount <= b.min || b.min === b.max) && !barredBy.includes('minimumOrFixedFine')) barredBy.push('minimumOrFixedFine');
  const applied = unmet.length === 0 && barredBy.length === 0;
  return { requested: true, applied, reductionPercent: applied ? r : null, barredBy, unmet };
}

/**
 * One act under several provisions of the same rank is fined under the one that gives the higher amount
 * (GD art. 7(4)). Returns the index of the heaviest successful result, or -1 when none succeeded.
 */
export function heaviestFine(results: readonly FineResult[]): number {
  let best = -1;
  results.forEach((r, i) => {
    const cur = best < 0 ? undefined : results[best];
    if (r.ok && (cur === undefined || !cur.ok || r.amount > cur.amount)) best = i;
  });
  return best;
}

/**
 * Citations joined without repeats or nested brackets: a table's own source ('[GD art. 6; GD-A1]') after
 * 'GD art. 6' read "GD art. 6; [GD art. 6; GD-A1]" on the case page.
 */
export function joinSources(...sources: readonly string[]): string {
  const parts = sources.flatMap((x) => x.replace(/[[\]]/g, '').split(';')).map((x) => x.trim()).filter((x) => x !== '');
  return [...new Set(parts)].join('; ');
}
