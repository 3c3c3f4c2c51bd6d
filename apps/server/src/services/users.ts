// Users: creation (CLI, demo seed, admin API), lookup for login, password change. Roles and regions are
// checked here so every entry point applies the same rules.
import type { Kysely, Transaction } from 'kysely';
import { isValidRegionCode } from '@ecoenforce/domain';
import type { Schema } from '../db/schema.ts';
import { ROLES, type Role } from '../http/access.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';

export class UserError extends Error {
  constructor(
    readonly code: 'bad_role' | 'bad_region' | 'bad_enterprise' | 'duplicate' | 'bad_username',
    message: string,
  ) {
    super(message);
  }
}

export interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  role: Role;
  regionCode: string;
  /** Required for the enterprise role (the enterprise's id); must be absent for the others. */
  enterpriseId?: number | null;
}

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

export async function createUser(db: Kysely<Schema> | Transaction<Schema>, u: NewUser, now = Date.now()): Promise<number> {
  if (!/^[A-Za-z0-9_.-]{3,64}$/.test(u.username)) throw new UserError('bad_username', 'a user name is 3–64 letters, digits, _ . or -');
  if (!isRole(u.role)) throw new UserError('bad_role', `unknown role '${String(u.role)}'`);
  checkPasswordPolicy(u.password, u.username);
  if (!isValidRegionCode(u.regionCode)) throw new UserError('bad_region', `'${u.regionCode}' is not a GB/T 2260 region code`);
  const region = await db.selectFrom('regions').select('code').where('code', '=', u.regionCode).executeTakeFirst();
  if (region === undefined) throw new UserError('bad_region', `region ${u.regionCode} is not in the registry`);
  let enterpriseId: number | null = null;
  if (u.role === 'enterprise') {
    if (u.enterpriseId === undefined || u.enterpriseId === null) throw new UserError('bad_enterprise', 'an enterprise user needs its enterprise');
    const e = await db.selectFrom('enterprises').select(['id', 'region_code']).where('id', '=', u.enterpriseId).executeTakeFirst();
    if (e === undefined) throw new UserError('bad_enterprise', `enterprise ${u.enterpriseId} does not exist`);
    if (e.region_code !== u.regionCode) throw new UserError('bad_enterprise', `enterprise ${u.enterpriseId} is in region ${e.region_code}, not ${u.regionCode}`);
    enterpriseId = e.id;
  } else if (u.enterpriseId !== undefined && u.enterpriseId !== null) {
    throw new UserError('bad_enterprise', 'only an enterprise user belongs to an enterprise');
  }
  const existing = await db.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirst();
  if (existing !== undefined) throw new UserError('duplicate', `user '${u.username}' already exists`);
  const row = await db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName ?? u.username,
      password_hash: await hashPassword(u.password),
      role: u.role,
      region_code: u.regionCode,
      enterprise_id: enterpriseId,
      active: 1,
      created_at: now,
      password_changed_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
