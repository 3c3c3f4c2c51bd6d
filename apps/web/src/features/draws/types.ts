// The draw API's answers (apps/server/src/enforcement/draws/routes.ts).
export interface DrawPolicy {
  id: string; version: number; source: string;
  tierPercent: { high: number; medium: number; low: number };
  keyUnitMinimumPercent: { province: number; city: number; county: number };
  officersPerObject: number; recentInspectionDays: number;
  /** Whose officers are drawn; absent = 'own'. 'withBranches' only for a city bureau. */
  officerPool?: OfficerPool;
}

export type OfficerPool = 'own' | 'withBranches';

export interface StoredDraw {
  id: number;
  regionCode: string;
  period: string;
  publishedValue: string;
  seed: string;
  drawnAt: number;
  publishableAfter: number;
  record: {
    resultDigest: string; inputsDigest: string;
    /** officerPool only when it is not 'own'. */
    policy: { id: string; version: number; officerPool?: OfficerPool };
    objects: Array<{ enterpriseId: string; tier: string; keyUnit: boolean; officers: string[] }>;
    offSite: Array<{ enterpriseId: string }>;
    statutory: { minimumPercent: number; achievedPercent: number; met: boolean };
    exclusions: Array<{ officerId: string; enterpriseId: string | null; reason: string }>;
  };
  tasks: Array<{ enterpriseId: number; uscc: string; taskId: number; offSite: boolean }>;
  enterprises: Record<string, string>;
  /** Officers' display names by id. */
  officers: Record<string, string>;
  voided: { at: number; reason: string } | null;
}

export interface Listing { id: number; enterpriseId: number; enterpriseName: string; uscc: string; listedAt: number; validTo: number | null; reason: string; inForce: boolean; removeReason: string | null }
export interface Conflict { id: number; officerId: number; officerName: string; enterpriseId: number; enterpriseName: string; reason: string; declaredAt: number; withdrawnAt: number | null }

/** GET /api/draws/quota: officers' yearly quota of general units [W11]. */
export interface DrawQuota {
  regionCode: string; year: number; level: 'province' | 'city' | 'county'; quota: number | null; source: string; draws: number;
  officers: Array<{ officerId: number; name: string; current: boolean; drawn: number; done: number; met: boolean | null; short: number | null }>;
}
