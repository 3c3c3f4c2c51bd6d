// Users: creation (CLI, demo seed, admin API), lookup for login, password change, enforcement certificates.
// Roles and regions are checked here so every entry point applies the same rules.
import type { Kysely, Transaction } from 'kysely';
import type { CertificateHolder, UserCertificate } from '@ecoenforce/contract';
import { isValidRegionCode } from '@ecoenforce/domain';
import { recordAudit, type AuditActor } from '../platform/audit.ts';
import type { Schema } from '../platform/db/schema.ts';
import { ROLES, regionPrefix, type Role } from '../access/index.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';

export class UserError extends Error {
  constructor(
    readonly code: 'bad_role' | 'bad_region' | 'bad_enterprise' | 'duplicate' | 'bad_username' | 'bad_certificate' | 'not_found',
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

/** Roles that never hold an enforcement certificate: the regulated party and the third-party verifier. */
const NO_CERTIFICATE: readonly Role[] = ['enterprise', 'verifier'];

/**
 * A 执法证号 as issued: 粤环执字第012345号, a bare 11-digit number, letters for some national series. Spaces
 * are collapsed, not removed (some certificates print 第 012345 号). Null or blank clears it.
 */
export function parseCertificateNo(raw: string | null): string | null {
  if (raw === null) return null;
  const v = raw.trim().replace(/\s+/g, ' ');
  if (v === '') return null;
  if (!/^[\p{Script=Han}A-Za-z0-9 \-〔〕()（）]{4,40}$/u.test(v) || !/\d{4}/.test(v)) {
    throw new UserError('bad_certificate', 'a certificate number is 4–40 characters (Chinese characters, letters, digits, brackets) with at least four digits in a row, e.g. 粤环执字第012345号');
  }
  return v;
}

/**
 * Records (or clears) a user's certificate number, audited in the same transaction. `regionPrefix` is the
 * caller's scope: a user outside it is not found, like one that does not exist. A number is one person's:
 * recorded for another user it is a duplicate.
 */
export async function setCertificateNo(
  db: Kysely<Schema>, userId: number, raw: string | null, by: { actor: AuditActor; regionPrefix: string; ip?: string | null; now?: number },
): Promise<UserCertificate> {
  const value = parseCertificateNo(raw);
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'role', 'region_code', 'certificate_no']).where('id', '=', userId).executeTakeFirst();
    if (user === undefined || !user.region_code.startsWith(by.regionPrefix)) throw new UserError('not_found', `user ${userId} not found`);
    if (value !== null && NO_CERTIFICATE.includes(user.role)) throw new UserError('bad_certificate', `a ${user.role} user holds no enforcement certificate`);
    if (value === user.certificate_no) return { id: userId, certificateNo: value };
    if (value !== null) {
      const holder = await trx.selectFrom('users').select('id').where('certificate_no', '=', value).where('id', '!=', userId).executeTakeFirst();
      if (holder !== undefined) throw new UserError('duplicate', `certificate ${value} is recorded for another user (${Number(holder.id)})`);
    }
    await trx.updateTable('users').set({ certificate_no: value }).where('id', '=', userId).execute();
    await recordAudit(trx, {
      actor: by.actor, action: 'set_certificate', entity: 'user', entityId: userId,
      before: { certificateNo: user.certificate_no }, after: { certificateNo: value }, ip: by.ip ?? null, at: by.now ?? Date.now(),
    });
    return { id: userId, certificateNo: value };
  });
}

/**
 * The bureau users in the caller's scope (`regionPrefix`) who may hold a certificate (every role but
 * enterprise and verifier), with their numbers, for the admin's certificate panel. Ordered by region, then id.
 */
export async function listCertificateHolders(db: Kysely<Schema>, regionPrefix: string): Promise<CertificateHolder[]> {
  const rows = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'region_code', 'active', 'certificate_no'])
    .where('role', 'not in', [...NO_CERTIFICATE]).where('region_code', 'like', `${regionPrefix}%`)
    .orderBy('region_code').orderBy('id').execute();
  return rows.map((u) => ({
    id: Number(u.id), username: u.username, displayName: u.display_name, role: u.role, regionCode: u.region_code, active: Number(u.active) === 1, certificateNo: u.certificate_no,
  }));
}

export interface StaffMember {
  id: number;
  displayName: string;
  role: string;
  regionCode: string;
  /** 执法证号; null when the registry holds none. */
  certificateNo: string | null;
}

/**
 * Active users of these roles whose own region covers `regionCode` (for a county: its own, its city's and
 * its province's staff), by id: who may be put on a task or named on a case there.
 */
export async function activeStaffCovering(db: Kysely<Schema>, regionCode: string, roles: readonly Role[]): Promise<StaffMember[]> {
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'role', 'region_code', 'certificate_no'])
    .where('role', 'in', [...roles]).where('active', '=', 1).orderBy('id').execute();
  return rows.filter((u) => regionCode.startsWith(regionPrefix(u.region_code)))
    .map((u) => ({ id: Number(u.id), displayName: u.display_name, role: u.role, regionCode: u.region_code, certificateNo: u.certificate_no }));
}

/** Display names of these user ids (as records keep them, strings), so no page shows a bare id; unknown ids are left out. */
export async function userNames(db: Kysely<Schema>, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].map(Number).filter((n) => Number.isInteger(n) && n > 0))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [String(r.id), r.display_name]));
}
