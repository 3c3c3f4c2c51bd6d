// People and machines that use the API: users with roles and regions, their browser sessions, API tokens,
// and which enterprises a verifier is assigned to. Secrets are never stored: passwords as argon2id hashes,
// session and API tokens as SHA-256 digests of the random value the client holds.
import { sql, type Kysely } from 'kysely';
import { withId } from './dialect.ts';

const ROLES = sql`role in ('officer', 'dispatcher', 'analyst', 'legalReviewer', 'head', 'enterprise', 'verifier', 'admin')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('users'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(ROLES))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('enterprise_id', 'integer', (c) => c.references('enterprises.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('password_changed_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 (hex) of the cookie value: a copy of this table does not let anyone log in.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await withId(db, db.schema.createTable('api_tokens'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // Shown in lists so a token can be recognised without revealing it.
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(ROLES))
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('enterprise_id', 'integer', (c) => c.references('enterprises.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();

  await db.schema
    .createTable('verifier_assignments')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    .addColumn('assigned_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('verifier_assignments_pk', ['user_id', 'enterprise_id'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
