// Double random (apps/server/src/enforcement/draws): the policy, stored draws, their verification, the positive
// list, officers' conflicts of interest and the yearly quota, as /api/draws… answer them.
import type { CaseStaff } from './cases.ts';
import type { DrawAlgorithm, DrawPolicy, DrawRecord, OfficerPool, RegionLevel } from '@ecoenforce/domain';

/** Whose officers a draw sends: the bureau's own, or a city's with its branches' (分局); absent in a policy = 'own'. */
export type DrawOfficerPool = OfficerPool;

/** GET /api/draws/policy: the default draw policy and the published algorithm. */
export interface DrawPolicyAnswer { policy: DrawPolicy; algorithm: DrawAlgorithm }

export interface DrawTaskLink {
  enterpriseId: number;
  uscc: string;
  taskId: number;
  /** A positive-listed unit without warnings: an off-site check, no officers sent [W10]. */
  offSite: boolean;
}

/** A draw as stored (GET /api/draws, /api/draws/:id; the answer of running or voiding one). */
export interface StoredDraw {
  id: number;
  regionCode: string;
  period: string;
  publishedValue: string;
  seed: string;
  drawnAt: number;
  drawnBy: number;
  publishableAfter: number;
  /** The domain's DrawRecord (draw-types.ts), as stored. */
  record: DrawRecord;
  tasks: DrawTaskLink[];
  enterprises: Record<string, string>;
  /** Display names of the officers the record names, by id (the record holds ids only). */
  officers: Record<string, string>;
  voided: { at: number; by: number; reason: string } | null;
}

/** GET /api/draws/:id/verify: verifyDraw re-run on the stored inputs, compared with the stored record. */
export interface DrawVerification { ok: boolean; problems: string[]; inputsDigest: string; resultDigest: string }

/** An entry of the positive list (GET /api/positive-list). */
export interface PositiveListing {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  uscc: string;
  regionCode: string;
  listedAt: number;
  validTo: number | null;
  reason: string;
  removedAt: number | null;
  removeReason: string | null;
  /** In force now: listed, not removed, not expired. */
  inForce: boolean;
}

/** An officer's declared conflict of interest with an enterprise (GET /api/officer-conflicts). */
export interface OfficerConflict {
  id: number;
  officerId: number;
  officerName: string;
  enterpriseId: number;
  enterpriseName: string;
  reason: string;
  declaredAt: number;
  withdrawnAt: number | null;
}

export interface OfficerQuota {
  officerId: number;
  name: string;
  /** An active officer of the bureau now; one deactivated or moved during the year still shows what they were drawn for. */
  current: boolean;
  /** General units drawn onto the officer for an on-site check by standing draws of the year. */
  drawn: number;
  /** Of those, the tasks that are done. */
  done: number;
  /** Inspections done is what the quota counts; null where the level has no quota. */
  met: boolean | null;
  /** How many inspections are missing to the quota (0 when met); null where the level has no quota. */
  short: number | null;
}

/** GET /api/draws/quota: officers' yearly quota of general units [W11]. */
export interface DrawQuota {
  regionCode: string;
  year: number;
  level: RegionLevel;
  quota: number | null;
  source: string;
  /** Standing draws of the region itself whose period is in the year (its officers' units from the city's draws count too). */
  draws: number;
  officers: OfficerQuota[];
}

/** GET /api/draws/officers: the active officers of the caller's region (its subtree), for a conflict of interest; `certificateNo` is the 执法证号. */
export interface DrawOfficers { items: CaseStaff[] }
