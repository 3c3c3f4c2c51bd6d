// What of a draw may be shown to the public, and when (issue 5 §2 "one public"; rules.md §3 [W11]: the
// lists stay secret until the visit). Two views:
//  - commitmentView, publishable at once: the algorithm, the region and period, the counts and two
//    digests. It names no unit and no officer, and leaves out the seed (with the seed and the directory
//    anyone could recompute the lists), yet it fixes the result: a list edited later no longer matches
//    resultDigest.
//  - publicView, from `publishableAfter` on: the seed, the objects and the officers sent, the off-site
//    list and the proportions achieved. It leaves out the officers' conflicts of interest and past visits
//    (personal matters of the officers, kept in the audited record) and which units had open warnings.
import type { RiskTier } from '../risk/weights.ts';
import type { DrawAlgorithm, DrawRecord, DrawStatutory, DrawTierSummary } from './draw-types.ts';

export interface DrawCommitmentView {
  algorithm: DrawAlgorithm;
  regionCode: string;
  period: string;
  drawnAt: number;
  publishableAfter: number;
  inputsDigest: string;
  resultDigest: string;
  tiers: DrawTierSummary[];
  offSiteCount: number;
}

export interface DrawPublicView extends DrawCommitmentView {
  seed: string;
  statutory: DrawStatutory;
  objects: Array<{ enterpriseId: string; regionCode: string; tier: RiskTier; keyUnit: boolean; officers: string[] }>;
  offSite: Array<{ enterpriseId: string; regionCode: string; tier: RiskTier; keyUnit: boolean }>;
  /** How many officer exclusions were applied, without who or why. */
  exclusionCount: number;
}

export type DrawPublicResult =
  | { ok: true; view: DrawPublicView }
  | { ok: false; error: { code: 'not_yet_publishable'; publishableAfter: number; message: string } };

export function commitmentView(record: DrawRecord): DrawCommitmentView {
  return {
    algorithm: { ...record.algorithm },
    regionCode: record.regionCode,
    period: record.period,
    drawnAt: record.drawnAt,
    publishableAfter: record.publishableAfter,
    inputsDigest: record.inputsDigest,
    resultDigest: record.resultDigest,
    tiers: record.tiers.map((t) => ({ ...t })),
    offSiteCount: record.offSite.length,
  };
}

/** The after-the-fact public view, or a refusal before `publishableAfter` (`now` in epoch ms). */
export function publicView(record: DrawRecord, now: number): DrawPublicResult {
  if (!(now >= record.publishableAfter)) {
    return {
      ok: false,
      error: { code: 'not_yet_publishable', publishableAfter: record.publishableAfter, message: 'the lists stay secret until the visits are done (rules.md §3 [W11])' },
    };
  }
  return {
    ok: true,
    view: {
      ...commitmentView(record),
      seed: record.seed,
      statutory: { ...record.statutory },
      objects: record.objects.map((o) => ({ enterpriseId: o.enterpriseId, regionCode: o.regionCode, tier: o.tier, keyUnit: o.keyUnit, officers: [...o.officers] })),
      offSite: record.offSite.map((o) => ({ enterpriseId: o.enterpriseId, regionCode: o.regionCode, tier: o.tier, keyUnit: o.keyUnit })),
      exclusionCount: record.exclusions.length,
    },
  };
}
