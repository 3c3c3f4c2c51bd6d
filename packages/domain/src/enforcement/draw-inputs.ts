// Checking, ordering and digesting the inputs of the double-random draw (issue 5 §2). Inputs are put in a
// canonical order (by id, code-unit order) before anything is drawn, so the same directory listed in any
// order gives the same draw and the same digest.
import { isValidRegionCode, isWithinRegion, regionLevel } from '../region.ts';
import { canonicalJson, compareCodeUnits, sha256Hex } from './draw-hash.ts';
import { DRAW_TIERS, drawPolicyProblems, officerPoolOf } from './draw-policy.ts';
import type { DrawError, DrawInputs } from './draw-types.ts';

/**
 * A seed from a value published by someone other than the bureau (e.g. the day's official lottery result
 * or an exchange's closing index), the region and the period. Using an outside value that nobody knows
 * before the draw keeps the bureau from choosing a seed that spares a unit; naming region and period keeps
 * two draws from sharing a seed.
 */
export function drawSeed(parts: { published: string; regionCode: string; period: string }): string {
  return `${parts.published.trim()}|${parts.regionCode}|${parts.period.trim()}`;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= 64;
// ±8.64e15 ms is the range of a JavaScript Date (ECMA-262 §21.4.1.22), beyond which no date can be shown.
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 8.64e15;
const TIERS: ReadonlySet<unknown> = new Set(DRAW_TIERS);

/** The first problem with the inputs, or null. Checks shape as well as types: inputs may come from JSON. */
export function drawInputsError(inputs: DrawInputs): DrawError | null {
  const bad = (code: DrawError['code'], path: string, message: string): DrawError => ({ code, path, message });
  if (!isObj(inputs)) return bad('bad_seed', '', 'inputs must be an object');
  if (typeof inputs.seed !== 'string' || inputs.seed.trim() === '' || inputs.seed.length > 500) return bad('bad_seed', 'seed', 'the seed must be non-empty text of at most 500 characters');
  if (typeof inputs.regionCode !== 'string' || !isValidRegionCode(inputs.regionCode)) return bad('bad_region', 'regionCode', 'regionCode must be a GB/T 2260 code');
  if (typeof inputs.period !== 'string' || inputs.period.trim() === '' || inputs.period.length > 40) return bad('bad_period', 'period', 'period must be non-empty text, e.g. 2026-Q2');
  if (!isTime(inputs.drawnAt)) return bad('bad_time', 'drawnAt', 'drawnAt must be a time in epoch milliseconds');
  if (!isTime(inputs.publishableAfter) || inputs.publishableAfter < inputs.drawnAt) return bad('bad_time', 'publishableAfter', 'publishableAfter must be a time no earlier than drawnAt');
  if (!isObj(inputs.policy)) return bad('bad_policy', 'policy', 'policy must be an object');
  const problems = drawPolicyProblems(inputs.policy);
  if (problems[0]) return bad('bad_policy', `policy.${problems[0].path}`, problems[0].message);
  // Only a city bureau has branches (分局) since the vertical reform; other bureaus draw their own staff.
  if (officerPoolOf(inputs.policy) === 'withBranches' && regionLevel(inputs.regionCode) !== 'city') return bad('bad_policy', 'policy.officerPool', 'only a city bureau draws with its branches\' officers; other bureaus draw their own staff');
  for (const key of ['candidates', 'officers', 'conflicts', 'pastInspections'] as const) {
    if (!Array.isArray(inputs[key])) return bad(key === 'candidates' ? 'bad_candidate' : key === 'officers' ? 'bad_officer' : key === 'conflicts' ? 'bad_conflict' : 'bad_past_inspection', key, `${key} must be a list`);
  }

  const seen = new Set<string>();
  for (const [i, c] of inputs.candidates.entries()) {
    const at = `candidates.${i}`;
    if (!isObj(c) || !isId(c.id)) return bad('bad_candidate', `${at}.id`, 'a candidate needs an id of 1–64 characters');
    if (!TIERS.has(c.tier)) return bad('bad_candidate', `${at}.tier`, 'tier must be high, medium or low');
    for (const flag of ['keyUnit', 'positiveList', 'openWarnings'] as const) {
      if (typeof c[flag] !== 'boolean') return bad('bad_candidate', `${at}.${flag}`, `${flag} must be true or false`);
    }
    if (typeof c.regionCode !== 'string' || !isValidRegionCode(c.regionCode)) return bad('bad_candidate', `${at}.regionCode`, 'regionCode must be a GB/T 2260 code');
    // A unit of another region would change the statutory base; the caller passed the wrong directory.
    if (!isWithinRegion(c.regionCode, inputs.regionCode)) return bad('candidate_out_of_region', `${at}.regionCode`, `${c.id} lies in ${c.regionCode}, outside ${inputs.regionCode}`);
    if (seen.has(c.id)) return bad('duplicate_candidate', `${at}.id`, `${c.id} appears twice in the directory`);
    seen.add(c.id);
  }
  const officers = new Set<string>();
  for (const [i, o] of inputs.officers.entries()) {
    if (!isObj(o) || !isId(o.id)) return bad('bad_officer', `officers.${i}.id`, 'an officer needs an id of 1–64 characters');
    if (typeof o.regionCode !== 'string' || !isValidRegionCode(o.regionCode)) return bad('bad_officer', `officers.${i}.regionCode`, 'regionCode must be a GB/T 2260 code');
    if (officers.has(o.id)) return bad('duplicate_officer', `officers.${i}.id`, `${o.id} appears twice in the pool`);
    officers.add(o.id);
  }
  for (const [i, c] of inputs.conflicts.entries()) {
    if (!isObj(c) || !isId(c.officerId) || !isId(c.enterpriseId) || typeof c.reason !== 'string') return bad('bad_conflict', `conflicts.${i}`, 'a conflict needs officerId, enterpriseId and a reason');
  }
  for (const [i, p] of inputs.pastInspections.entries()) {
    if (!isObj(p) || !isId(p.officerId) || !isId(p.enterpriseId) || !isTime(p.at)) return bad('bad_past_inspection', `pastInspections.${i}`, 'a past inspection needs officerId, enterpriseId and a time');
  }
  return null;
}

const byKeys = <T>(...keys: Array<(x: T) => string | number>) => (a: T, b: T): number => {
  for (const k of keys) {
    const x = k(a);
    const y = k(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : compareCodeUnits(String(x), String(y));
    if (c !== 0) return c;
  }
  return 0;
};

/**
 * The inputs in canonical order with only the fields the draw reads, so extra fields a caller carries
 * (names, addresses) neither change the digest nor leak into the record.
 */
export function normaliseDrawInputs(inputs: DrawInputs): DrawInputs {
  const p = inputs.policy;
  return {
    seed: inputs.seed,
    regionCode: inputs.regionCode,
    period: inputs.period,
    drawnAt: inputs.drawnAt,
    publishableAfter: inputs.publishableAfter,
    policy: {
      id: p.id, version: p.version, source: p.source,
      tierPercent: { high: p.tierPercent.high, medium: p.tierPercent.medium, low: p.tierPercent.low },
      keyUnitMinimumPercent: { province: p.keyUnitMinimumPercent.province, city: p.keyUnitMinimumPercent.city, county: p.keyUnitMinimumPercent.county },
      officersPerObject: p.officersPerObject, recentInspectionDays: p.recentInspectionDays,
      // 'own' is left out, so 'own' and a missing field (inputs stored before the field) digest alike and
      // every earlier draw keeps its inputsDigest.
      ...(officerPoolOf(p) === 'own' ? {} : { officerPool: officerPoolOf(p) }),
    },
    candidates: inputs.candidates
      .map((c) => ({ id: c.id, regionCode: c.regionCode, tier: c.tier, keyUnit: c.keyUnit, positiveList: c.positiveList, openWarnings: c.openWarnings }))
      .sort(byKeys((c) => c.id)),
    officers: inputs.officers.map((o) => ({ id: o.id, regionCode: o.regionCode })).sort(byKeys((o) => o.id)),
    conflicts: inputs.conflicts
      .map((c) => ({ officerId: c.officerId, enterpriseId: c.enterpriseId, reason: c.reason }))
      .sort(byKeys((c) => c.officerId, (c) => c.enterpriseId, (c) => c.reason)),
    pastInspections: inputs.pastInspections
      .map((p) => ({ officerId: p.officerId, enterpriseId: p.enterpriseId, at: p.at }))
      .sort(byKeys((p) => p.officerId, (p) => p.enterpriseId, (p) => p.at)),
  };
}

/** SHA-256 of the canonical JSON of the normalised inputs. */
export function drawInputsDigest(inputs: DrawInputs): string {
  return sha256Hex(canonicalJson(normaliseDrawInputs(inputs)));
}
