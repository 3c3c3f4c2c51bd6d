// Authentication: who is calling. Browser sessions live in the database behind an HttpOnly cookie (only a
// SHA-256 of the cookie value is stored); machine clients send `Authorization: Bearer ee_…` API tokens,
// also stored hashed. Mutations authenticated by the cookie must carry the session's CSRF token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import type { Principal, Role } from '../access/index.ts';

export const SESSION_COOKIE = 'ee_session';
/** A session ends after this long without use… */
export const SESSION_IDLE_MS = 12 * 3600_000;
/** …and after this long in any case. */
export const SESSION_MAX_MS = 7 * 24 * 3600_000;
/** last_seen_at is written at most this often (a read-mostly console should not write on every request). */
const TOUCH_EVERY_MS = 60_000;

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  region_code: string;
  region_name: string;
  enterprise_id: number | null;
}

function userQuery(db: Kysely<Schema>) {
  return db
    .selectFrom('users')
    .innerJoin('regions', 'regions.code', 'users.region_code')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.region_code', 'regions.name as region_name', 'users.enterprise_id'])
    .where('users.active', '=', 1);
}

function principalOf(u: UserRow, extra: Pick<Principal, 'kind' | 'sessionId' | 'csrfToken'> & { id?: number }): Principal {
  return {
    kind: extra.kind,
    id: extra.id ?? u.id,
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    regionCode: u.region_code,
    regionName: u.region_name,
    enterpriseId: u.enterprise_id,
    sessionId: extra.sessionId,
    csrfToken: extra.csrfToken,
  };
}

export async function createSession(db: Kysely<Schema>, userId: number, now: number, meta: { ip: string | null; userAgent: string | null }): Promise<{ token: string; csrfToken: string; id: string }> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const id = sha256(token);
  await db
    .insertInto('sessions')
    .values({
      id, user_id: userId, csrf_token: csrfToken, created_at: now, last_seen_at: now,
      expires_at: now + SESSION_MAX_MS, ip: meta.ip, user_agent: meta.userAgent?.slice(0, 300) ?? null, revoked_at: null,
    })
    .execute();
  return { token, csrfToken, id };
}

export async function sessionPrincipal(db: Kysely<Schema>, token: string, now: number): Promise<Principal | null> {
  const id = sha256(token);
  const s = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (s === undefined || s.revoked_at !== null || s.expires_at <= now || now - s.last_seen_at > SESSION_IDLE_MS) return null;
  const u = await userQuery(db).where('users.id', '=', s.user_id).executeTakeFirst();
  if (u === undefined) return null;
  if (now - s.last_seen_at > TOUCH_EVERY_MS) await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  return principalOf(u, { kind: 'user', sessionId: id, csrfToken: s.csrf_token });
}

export const API_TOKEN_PREFIX = 'ee_';

export async function tokenPrincipal(db: Kysely<Schema>, token: string, now: number): Promise<Principal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const t = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
  if (t === undefined || t.revoked_at !== null || (t.expires_at !== null && t.expires_at <= now)) return null;
  const creator = await userQuery(db).where('users.id', '=', t.created_by).executeTakeFirst();
  if (creator === undefined) return null;
  const region = await db.selectFrom('regions').select('name').where('code', '=', t.region_code).executeTakeFirst();
  if (t.last_used_at === null || now - t.last_used_at > TOUCH_EVERY_MS) await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', t.id).execute();
  // The token acts with its own role and region, never more than it was created with.
  return principalOf(
    { ...creator, role: t.role, region_code: t.region_code, region_name: region?.name ?? t.region_code, enterprise_id: t.enterprise_id, username: `token:${t.name}`, display_name: t.name },
    { kind: 'token', id: Number(t.id), sessionId: null, csrfToken: null },
  );
}

export async function findLoginUser(db: Kysely<Schema>, username: string): Promise<(UserRow & { password_hash: string }) | undefined> {
  return userQuery(db).select('users.password_hash').where('users.username', '=', username).executeTakeFirst();
}

export function toPrincipal(u: UserRow, sessionId: string, csrfToken: string): Principal {
  return principalOf(u, { kind: 'user', sessionId, csrfToken });
}
