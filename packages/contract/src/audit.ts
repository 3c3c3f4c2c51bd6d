// The audit trail (apps/server/src/http/audit-routes.ts, platform/audit.ts): its rows as GET /api/audit lists
// them and the chain check of GET /api/audit/verify.
import { z } from 'zod';

/** One audit row as stored (digests, not contents, of what changed). */
export const auditRowSchema = z.object({
  seq: z.number(), at: z.number(), actorKind: z.string(), actorId: z.number().nullable(), actorName: z.string(),
  /** The acting user's name as staff know it (null for a token or the system). */
  actorDisplayName: z.string().nullable(), ip: z.string().nullable(),
  action: z.string(), entity: z.string(), entityId: z.string(), beforeDigest: z.string().nullable(), afterDigest: z.string().nullable(),
  changes: z.string().nullable(), hash: z.string(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

/** How a broken chain was broken at its first bad row. */
export type AuditProblem = 'edited' | 'deleted' | 'inserted' | 'reordered';

/** GET /api/audit/verify: the chain holds to its head, or the first row that breaks it. */
export type AuditVerifyResult =
  | { ok: true; rows: number; headSeq: number; headHash: string }
  | { ok: false; rows: number; seq: number; problem: AuditProblem; detail: string };

/** GET /api/audit/facets: what the trail's filters can pick. */
export interface AuditFacets {
  actions: string[];
  entities: string[];
  actors: Array<{ id: number; username: string; displayName: string }>;
}

/** GET /api/audit/ingest: machine pushes of one Beijing day from one source (a feed's token), counted. */
export interface AuditIngestDay {
  day: string;
  source: string;
  pushes: number;
  first: number;
  last: number;
}
