// The admin's user administration (issue 14): list, create, disable and enable, reset a password, change a role
// or region. Safe by construction, like API tokens (routes/tokens.ts): a manager acts only on users of its own
// region subtree and places nobody outside it, the admin role is granted only by an admin, nobody disables
// itself and the last active admin is never disabled or demoted. Every change is audited with before and after,
// in the transaction that makes it. Generated passwords are returned once and never stored in clear.
import { randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ManagedUser, ListPage } from '@ecoenforce/contract';
import { isWithinRegion } from '@ecoenforce/domain';
import { recordAudit, type AuditActor } from '../platform/audit.ts';
import type { Schema } from '../platform/db/schema.ts';
import { can, matchesAny, regionPrefix, type Principal, type Role } from '../access/index.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';
import { createUser, UserError } from './users.ts';

/** Why a manager's request is refused, beyond UserError's validation codes (details.reason of the API error). */
export class UserAdminError extends Error {
  constructor(
    readonly code: 'outside_region' | 'admin_grant' | 'self' | 'last_admin' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

export interface Manager {
  principal: Principal;
  actor: AuditActor;
  ip: string | null;
  now: number;
}

/** Unambiguous letters and digits (no 0/O, 1/l/I): a password read out over the phone. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A random 16-character password that passes the policy for this user name. */
export function generatePassword(username: string): string {
  for (;;) {
    let p = '';
    for (let i = 0; i < 16; i++) p += ALPHABET[randomInt(ALPHABET.length)];
    try {
      checkPasswordPolicy(p, username);
      return p;
    } catch {
      // contains the user name by chance: draw again
    }
  }
}

/**
 * May `manager` give someone `role` in `regionCode`? Never more than it holds: the region lies within its
 * own, and the admin role (every management permission) only from an admin. API tokens never hold
 * users.manage (they cannot be admins), so the manager is a person.
 */
export function checkGrant(manager: Principal, role: Role, regionCode: string): void {
  if (!isWithinRegion(regionCode, manager.regionCode)) throw new UserAdminError('outside_region', `region ${regionCode} is outside your region ${manager.regionCode}`);
  if (role === 'admin' && (manager.role !== 'admin' || manager.kind !== 'user')) throw new UserAdminError('admin_grant', 'only an admin may make another admin');
}

export interface UserFilters {
  role?: Role;
  regionCode?: string;
  q?: string;
  disabled?: boolean;
  offset?: number;
  limit: number;
}

function managedQuery(db: Kysely<Schema> | Transaction<Schema>) {
  return db
    .selectFrom('users as u')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .leftJoin('enterprises as e', 'e.id', 'u.enterprise_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.region_code', 'r.name as region_name', 'u.enterprise_id', 'e.name as enterprise_name', 'u.active', 'u.created_at', 'u.password_changed_at']);
}

type ManagedRow = Awaited<ReturnType<ReturnType<typeof managedQuery>['executeTakeFirstOrThrow']>>;

function toManaged(u: ManagedRow): ManagedUser {
  return {
    id: Number(u.id), username: u.username, displayName: u.display_name, role: u.role, regionCode: u.region_code, regionName: u.region_name,
    enterpriseId: u.enterprise_id === null ? null : Number(u.enterprise_id), enterpriseName: u.enterprise_name ?? null,
    active: Number(u.active) === 1, createdAt: Number(u.created_at), passwordChangedAt: Number(u.password_changed_at),
  };
}

/** The users of the caller's region subtree (`scopePrefix`), filtered, by region then id, a page at a time. */
export async function listManagedUsers(db: Kysely<Schema>, scopePrefix: string, f: UserFilters): Promise<ListPage<ManagedUser>> {
  let q = managedQuery(db).where('u.region_code', 'like', `${scopePrefix}%`);
  if (f.role !== undefined) q = q.where('u.role', '=', f.role);
  if (f.regionCode !== undefined) {
    // A region outside the scope narrows nothing into view: its prefix is checked like the scope's.
    const prefix = regionPrefix(f.regionCode);
    q = q.where('u.region_code', 'like', `${prefix}%`);
  }
  if (f.disabled !== undefined) q = q.where('u.active', '=', f.disabled ? 0 : 1);
  if (f.q !== undefined && f.q !== '') {
    const text = f.q;
    q = q.where((eb) => matchesAny([eb.ref('u.username'), eb.ref('u.display_name')], text));
  }
  const offset = f.offset ?? 0;
  const total = Number((await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.orderBy('u.region_code').orderBy('u.id').limit(f.limit).offset(offset).execute();
  return { items: rows.map(toManaged), total, offset, nextCursor: offset + rows.length < total ? String(offset + rows.length) : null };
}

/** One user of the caller's scope; outside it, not found like one that does not exist. */
async function userInScope(trx: Transaction<Schema> | Kysely<Schema>, id: number, scopePrefix: string): Promise<ManagedRow> {
  const u = await managedQuery(trx).where('u.id', '=', id).executeTakeFirst();
  if (u === undefined || !u.region_code.startsWith(scopePrefix)) throw new UserAdminError('not_found', `user ${id} not found`);
  return u;
}

const snapshot = (u: ManagedRow) => ({ username: u.username, displayName: u.display_name, role: u.role, regionCode: u.region_code, enterpriseId: u.enterprise_id === null ? null : Number(u.enterprise_id), active: Number(u.active) === 1 });

export interface NewManagedUser {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  enterpriseId: number | null;
  /** Null: generate one and return it. */
  password: string | null;
}

export async function createManagedUser(db: Kysely<Schema>, m: Manager, u: NewManagedUser): Promise<{ user: ManagedUser; password: string | null }> {
  checkGrant(m.principal, u.role, u.regionCode);
  const generated = u.password === null ? generatePassword(u.username) : null;
  return db.transaction().execute(async (trx) => {
    const id = await createUser(trx, {
      username: u.username, displayName: u.displayName, password: generated ?? u.password!, role: u.role, regionCode: u.regionCode, enterpriseId: u.enterpriseId,
    }, m.now);
    const row = await managedQuery(trx).where('u.id', '=', id).executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: m.actor, action: 'create', entity: 'user', entityId: id, after: { ...snapshot(row), passwordGenerated: generated !== null }, ip: m.ip, at: m.now });
    return { user: toManaged(row), password: generated };
  });
}

/** Active admins other than `id`: the platform always keeps one. */
async function otherActiveAdmins(trx: Transaction<Schema>, id: number): Promise<number> {
  const r = await trx.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').where('active', '=', 1).where('id', '!=', id).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function endSessions(trx: Transaction<Schema>, userId: number, now: number): Promise<number> {
  const r = await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Disables (active false) or enables a user. A disabled user cannot log in, its sessions end now and the API
 * tokens it created stop working (sessions.ts accepts a token only while its creator is active).
 */
export async function setUserActive(db: Kysely<Schema>, m: Manager, id: number, active: boolean): Promise<ManagedUser> {
  return db.transaction().execute(async (trx) => {
    const before = await userInScope(trx, id, regionPrefix(m.principal.regionCode));
    if (!active && id === m.principal.userId) throw new UserAdminError('self', 'you cannot disable yourself');
    if (!active && before.role === 'admin' && Number(before.active) === 1 && (await otherActiveAdmins(trx, id)) === 0) throw new UserAdminError('last_admin', 'the last active admin cannot be disabled');
    if ((Number(before.active) === 1) === active) return toManaged(before);
    await trx.updateTable('users').set({ active: active ? 1 : 0 }).where('id', '=', id).execute();
    const ended = active ? 0 : await endSessions(trx, id, m.now);
    await recordAudit(trx, {
      actor: m.actor, action: active ? 'enable' : 'disable', entity: 'user', entityId: id,
      before: { active: Number(before.active) === 1 }, after: { active, ...(active ? {} : { sessionsEnded: ended }) }, ip: m.ip, at: m.now,
    });
    return toManaged({ ...before, active: active ? 1 : 0 });
  });
}

/** A new generated password (returned once); the user's sessions end. */
export async function resetUserPassword(db: Kysely<Schema>, m: Manager, id: number): Promise<{ user: ManagedUser; password: string }> {
  const before = await userInScope(db, id, regionPrefix(m.principal.regionCode));
  const password = generatePassword(before.username);
  const hash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const u = await userInScope(trx, id, regionPrefix(m.principal.regionCode));
    await trx.updateTable('users').set({ password_hash: hash, password_changed_at: m.now }).where('id', '=', id).execute();
    const ended = await endSessions(trx, id, m.now);
    await recordAudit(trx, {
      actor: m.actor, action: 'password_reset', entity: 'user', entityId: id,
      before: { passwordChangedAt: Number(u.password_changed_at) }, after: { passwordChangedAt: m.now, sessionsEnded: ended }, ip: m.ip, at: m.now,
    });
    return { user: toManaged({ ...u, password_changed_at: m.now }), password };
  });
}

export interface UserChangeRequest {
  role?: Role;
  regionCode?: string;
  enterpriseId?: number | null;
}

/**
 * A new role and/or region. The result must be one the manager could have created (checkGrant, and the
 * enterprise rules of createUser); the last admin keeps its role. API tokens the user created that the new
 * role or region no longer covers are revoked: a token never holds more than its holder.
 */
export async function changeUser(db: Kysely<Schema>, m: Manager, id: number, change: UserChangeRequest): Promise<ManagedUser> {
  return db.transaction().execute(async (trx) => {
    const before = await userInScope(trx, id, regionPrefix(m.principal.regionCode));
    const role = change.role ?? before.role;
    const regionCode = change.regionCode ?? before.region_code;
    let enterpriseId = change.enterpriseId !== undefined ? change.enterpriseId : (role === 'enterprise' ? before.enterprise_id : null);
    if (role !== 'enterprise') enterpriseId = null;
    checkGrant(m.principal, role, regionCode);
    if (before.role === 'admin' && role !== 'admin' && Number(before.active) === 1 && (await otherActiveAdmins(trx, id)) === 0) {
      throw new UserAdminError('last_admin', 'the last active admin keeps the admin role');
    }
    const region = await trx.selectFrom('regions').select('code').where('code', '=', regionCode).executeTakeFirst();
    if (region === undefined) throw new UserError('bad_region', `region ${regionCode} is not in the registry`);
    if (role === 'enterprise') {
      if (enterpriseId === null) throw new UserError('bad_enterprise', 'an enterprise user needs its enterprise');
      const e = await trx.selectFrom('enterprises').select('region_code').where('id', '=', enterpriseId).executeTakeFirst();
      if (e === undefined) throw new UserError('bad_enterprise', `enterprise ${enterpriseId} does not exist`);
      if (e.region_code !== regionCode) throw new UserError('bad_enterprise', `enterprise ${enterpriseId} is in region ${e.region_code}, not ${regionCode}`);
    }
    const unchanged = role === before.role && regionCode === before.region_code && enterpriseId === (before.enterprise_id === null ? null : Number(before.enterprise_id));
    if (unchanged) return toManaged(before);
    await trx.updateTable('users').set({ role, region_code: regionCode, enterprise_id: enterpriseId }).where('id', '=', id).execute();
    const tokens = await trx.selectFrom('api_tokens').select(['id', 'region_code']).where('created_by', '=', id).where('revoked_at', 'is', null).execute();
    const stale = tokens.filter((t) => !can(role, 'tokens.manage') || !isWithinRegion(t.region_code, regionCode)).map((t) => Number(t.id));
    if (stale.length > 0) await trx.updateTable('api_tokens').set({ revoked_at: m.now }).where('id', 'in', stale).execute();
    const after = await managedQuery(trx).where('u.id', '=', id).executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: m.actor, action: 'update', entity: 'user', entityId: id,
      before: { role: before.role, regionCode: before.region_code, enterpriseId: before.enterprise_id === null ? null : Number(before.enterprise_id) },
      after: { role, regionCode, enterpriseId, ...(stale.length > 0 ? { revokedTokens: stale } : {}) }, ip: m.ip, at: m.now,
    });
    return toManaged(after);
  });
}
