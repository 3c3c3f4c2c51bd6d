// The public API's answers (apps/server/src/enforcement/publication/routes.ts, catalogue.ts /api/public/benchmarks).
export interface TierSummary { tier: 'high' | 'medium' | 'low'; pool: number; drawn: number; achievedPercent: number; policyPercent: number }

export interface PublicDraw {
  id: number;
  regionCode: string;
  period: string;
  published: boolean;
  commitment: { algorithm: { name: string; version: number; prng: string }; drawnAt: number; publishableAfter: number; inputsDigest: string; resultDigest: string; tiers: TierSummary[]; offSiteCount: number };
  view: null | {
    seed: string;
    statutory: { minimumPercent: number; achievedPercent: number; met: boolean; source: string };
    objects: Array<{ enterpriseId: string; regionCode: string; tier: string; keyUnit: boolean; officers: string[] }>;
    offSite: Array<{ enterpriseId: string; tier: string; keyUnit: boolean }>;
    enterprises: Record<string, string>;
    outcomes: Record<string, { status: string; outcome: string | null; offSite: boolean }>;
  };
  voided: { at: number; reason: string } | null;
}

export interface TypicalContent {
  caseNumber: string;
  regionName: string;
  enterpriseName: string;
  uscc: string;
  matter: { code: string; name: string };
  legalBasis: string[];
  penaltyBasis: string;
  amount: number | null;
  decidedOn: string | null;
  closedOn: string | null;
  cause: string;
  facts: string;
  evidence: string[];
  correction: string | null;
  redaction: { removed: Record<string, number>; rules: Array<{ kind: string; what: string; replacement: string }> };
}

export interface PublicTypical { id: number; batch: string; title: string; regionCode: string; content: TypicalContent; publishedAt: number }

export interface Decision {
  caseId: number; caseNumber: string; regionName: string; enterpriseName: string; uscc: string; matter: { code: string; name: string };
  legalBasis: string[]; penaltyBasis: string; amount: number | null; decidedOn: string | null;
}

export interface Benchmarks {
  matters: Array<{ code: string; version: number; matter: { name: { zh: string; en: string }; penalty: { kind: string; min?: number; max?: number } } }>;
  tables: Array<{ id: string; version: number }>;
}
