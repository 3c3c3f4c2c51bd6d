// Double random, one public (双随机、一公开, issue 5 §2; rules.md §3 [W10] [W11]): the inspection objects are
// drawn at random from the region's directory with risk-tiered proportions, the officers are drawn at
// random for each object, and the result is published. The draw is a pure function of a public seed and
// its inputs, so anyone can re-run it (verifyDraw) and see that nobody picked or spared a unit.
//
// The published algorithm, version 1:
//  1. Check the inputs; sort every list by id (code-unit order), so input order never matters.
//  2. Positive-listed units (正面清单) without open warnings get off-site checks in principle [W10]: they
//     all go to the off-site list and are not visited. Every other unit is in the on-site pool.
//  3. Split the pool into strata by risk tier × key unit or not. A stratum of n units gets
//     ceil(n × percent / 100) units, where percent is the tier's, and for key units the higher of the
//     tier's and the statutory floor of the bureau's level (city 5 %, county 25 % per quarter [W11]); so
//     the floor holds for key units in every tier and therefore overall.
//  4. Each stratum is shuffled (Fisher–Yates) with its own stream, labelled by the algorithm, seed, region,
//     period, tier and kind (see labelFor), and its first `required` units are drawn.
//  5. Officers are drawn for the objects in record order from one more stream (draw-officers.ts), from the
//     policy's officer pool: the bureau's own staff, or for a city with its branches (draw-policy.ts).
// The random source and its references are in draw-random.ts; SHA-256 in draw-hash.ts.
import { regionLevel } from '../region.ts';
import { canonicalJson, sha256Hex } from './draw-hash.ts';
import { drawInputsDigest, drawInputsError, normaliseDrawInputs } from './draw-inputs.ts';
import { assignOfficers } from './draw-officers.ts';
import { DRAW_TIERS, drawQuota, officerPoolOf } from './draw-policy.ts';
import { PRNG_NAME, shuffled, streamFor } from './draw-random.ts';
import type { DrawAlgorithm, DrawCandidate, DrawInputs, DrawRecord, DrawResult, DrawStratum, DrawTierSummary, DrawnObject } from './draw-types.ts';

// The package's public surface for the draw; the hash and random primitives stay internal (their files are
// importable directly) so generic names such as sha256Hex do not crowd the domain package's root.
export * from './draw-types.ts';
export * from './draw-policy.ts';
export { PRNG_NAME } from './draw-random.ts';
export { drawSeed, drawInputsDigest, drawInputsError, normaliseDrawInputs } from './draw-inputs.ts';
export * from './draw-public.ts';

export const DRAW_ALGORITHM: Readonly<DrawAlgorithm> = {
  name: 'ecoenforce-double-random',
  version: 1,
  prng: PRNG_NAME,
  shuffle: 'Fisher–Yates from the last index down; bounded integers by rejection below the largest multiple of n in 2^32',
  countRule: 'per stratum (tier × key unit): ceil(pool × percent / 100); key units at max(tier percent, statutory floor)',
};

/** The label of one random stream: unambiguous JSON, so no two streams of any two draws share a label. */
export function labelFor(inputs: Pick<DrawInputs, 'seed' | 'regionCode' | 'period'>, ...parts: string[]): string {
  return canonicalJson([DRAW_ALGORITHM.name, DRAW_ALGORITHM.version, inputs.seed, inputs.regionCode, inputs.period, ...parts]);
}

const percentOf = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part * 10_000) / whole) / 100);

/** Draws the inspection objects and their officers; a typed error for bad or impossible inputs. */
export function drawInspection(raw: DrawInputs): DrawResult {
  const invalid = drawInputsError(raw);
  if (invalid) return { ok: false, error: invalid };
  const inputs = normaliseDrawInputs(raw);
  const { policy } = inputs;
  const level = regionLevel(inputs.regionCode);
  const floor = policy.keyUnitMinimumPercent[level];

  const offSiteUnits = inputs.candidates.filter((c) => c.positiveList && !c.openWarnings);
  const pool = inputs.candidates.filter((c) => !(c.positiveList && !c.openWarnings));

  const strata: DrawStratum[] = [];
  const drawn: DrawCandidate[] = [];
  for (const tier of DRAW_TIERS) {
    for (const keyUnit of [true, false]) {
      const members = pool.filter((c) => c.tier === tier && c.keyUnit === keyUnit);
      const percent = keyUnit ? Math.max(policy.tierPercent[tier], floor) : policy.tierPercent[tier];
      const required = drawQuota(members.length, percent);
      const rng = streamFor(labelFor(inputs, 'objects', tier, keyUnit ? 'key' : 'other'));
      drawn.push(...shuffled(rng, members).slice(0, required));
      strata.push({ tier, keyUnit, pool: members.length, percent, drawn: required });
    }
  }

  const assigned = assignOfficers(inputs, drawn.map((c) => ({ enterpriseId: c.id, regionCode: c.regionCode })), streamFor(labelFor(inputs, 'officers')));
  if (!assigned.ok) return assigned;

  const objects: DrawnObject[] = drawn.map((c, i) => ({
    enterpriseId: c.id, regionCode: c.regionCode, tier: c.tier, keyUnit: c.keyUnit, positiveList: c.positiveList, openWarnings: c.openWarnings,
    officers: assigned.value.officers[i]!,
  }));
  const offSite = offSiteUnits.map((c) => ({ enterpriseId: c.id, regionCode: c.regionCode, tier: c.tier, keyUnit: c.keyUnit }));

  const tiers: DrawTierSummary[] = DRAW_TIERS.map((tier) => {
    const inTier = strata.filter((s) => s.tier === tier);
    const p = inTier.reduce((n, s) => n + s.pool, 0);
    const d = inTier.reduce((n, s) => n + s.drawn, 0);
    return { tier, pool: p, drawn: d, achievedPercent: percentOf(d, p), policyPercent: policy.tierPercent[tier] };
  });
  const keyPool = pool.filter((c) => c.keyUnit).length;
  const keyDrawn = objects.filter((o) => o.keyUnit).length;

  const record: DrawRecord = {
    algorithm: { ...DRAW_ALGORITHM },
    seed: inputs.seed,
    regionCode: inputs.regionCode,
    period: inputs.period,
    drawnAt: inputs.drawnAt,
    publishableAfter: inputs.publishableAfter,
    // The pool is named only when it is not the default, so records from before the field re-run unchanged.
    policy: officerPoolOf(policy) === 'own' ? { id: policy.id, version: policy.version } : { id: policy.id, version: policy.version, officerPool: officerPoolOf(policy) },
    inputsDigest: drawInputsDigest(inputs),
    resultDigest: sha256Hex(canonicalJson({ objects, offSite })),
    strata,
    tiers,
    statutory: {
      bureauLevel: level,
      minimumPercent: floor,
      keyUnitsInDirectory: inputs.candidates.filter((c) => c.keyUnit).length,
      keyUnitsOnSitePool: keyPool,
      keyUnitsDrawn: keyDrawn,
      keyUnitsOffSite: offSite.filter((o) => o.keyUnit).length,
      achievedPercent: percentOf(keyDrawn, keyPool),
      met: keyDrawn >= drawQuota(keyPool, floor),
      source: 'rules.md §3 [W11]: city bureau ≥ 5 %, county bureau ≥ 25 % of key dischargers per quarter',
    },
    objects,
    offSite,
    exclusions: assigned.value.exclusions,
    officerLoad: assigned.value.load,
  };
  return { ok: true, record };
}

// A stored record may have been edited into anything; comparing must not throw.
const encode = (v: unknown): string => {
  try {
    return v === undefined ? 'undefined' : canonicalJson(v);
  } catch {
    return 'unencodable';
  }
};

export type DrawVerification = { ok: true } | { ok: false; problems: string[] };

/**
 * Re-runs the draw from `inputs` and compares it with `record` field by field. A record that was edited
 * after the draw, or inputs that are not the ones drawn from, show up as named problems.
 */
export function verifyDraw(record: DrawRecord, inputs: DrawInputs): DrawVerification {
  if (typeof record !== 'object' || record === null) return { ok: false, problems: ['the record is not an object'] };
  const again = drawInspection(inputs);
  if (!again.ok) return { ok: false, problems: [`the inputs do not draw: ${again.error.code}: ${again.error.message}`] };
  const problems: string[] = [];
  if (record.algorithm?.name !== DRAW_ALGORITHM.name || record.algorithm?.version !== DRAW_ALGORITHM.version) {
    problems.push(`algorithm ${String(record.algorithm?.name)} v${String(record.algorithm?.version)} is not ${DRAW_ALGORITHM.name} v${DRAW_ALGORITHM.version}`);
  }
  if (record.inputsDigest !== again.record.inputsDigest) problems.push('inputsDigest: the inputs are not the ones the record was drawn from');
  const fields = new Set([...Object.keys(again.record), ...Object.keys(record)]) as Set<keyof DrawRecord>;
  for (const key of fields) {
    if (key === 'algorithm' || key === 'inputsDigest') continue;
    if (encode(record[key]) !== encode(again.record[key])) problems.push(`${key}: differs from the re-run`);
  }
  if (record.resultDigest !== sha256Hex(encode({ objects: record.objects, offSite: record.offSite }))) {
    problems.push('resultDigest: does not match the record\'s own objects');
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
