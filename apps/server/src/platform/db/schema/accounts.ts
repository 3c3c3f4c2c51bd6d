// Users, sessions, API tokens, verifier assignments and the audit log.
import type { Generated } from 'kysely';

export type RoleColumn = 'officer' | 'dispatcher' | 'analyst' | 'legalReviewer' | 'head' | 'enterprise' | 'verifier' | 'admin';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: RoleColumn;
  region_code: string;
  enterprise_id: number | null;
  active: number;
  created_at: number;
  password_changed_at: number;
  /** 执法证号 of enforcement staff (migration 0370); null for everyone else and when not recorded. */
  certificate_no: string | null;
}

export interface SessionsTable {
  /** SHA-256 hex of the cookie value. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
  revoked_at: number | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  prefix: string;
  role: RoleColumn;
  region_code: string;
  enterprise_id: number | null;
  created_by: number;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface VerifierAssignmentsTable {
  user_id: number;
  enterprise_id: number;
  assigned_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  /** Contiguous from 1: a gap is a deleted row. */
  seq: number;
  at: number;
  actor_kind: 'user' | 'token' | 'system';
  actor_id: number | null;
  actor_name: string;
  ip: string | null;
  action: string;
  entity: string;
  entity_id: string;
  /** SHA-256 (hex) of the canonical JSON of the state before and after the change. */
  before_digest: string | null;
  after_digest: string | null;
  /** Canonical JSON of {before, after} as recorded. */
  changes: string | null;
  prev_hash: string;
  hash: string;
}
