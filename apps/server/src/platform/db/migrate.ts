// Forward-only migrations with a drift check (the Actual habit, STYLE.md): before migrating, the applied
// list in the database must be a prefix of the list the code knows. Anything else means this binary is
// older than the database, or history was edited: refuse to start rather than guess.
import { sql, type Kysely } from 'kysely';
import type { Database } from './connect.ts';
import { migrations as known } from './migrations/index.ts';

export class MigrationDriftError extends Error {
  readonly code = 'migration_drift';
  constructor(
    readonly unknown: readonly string[],
    readonly outOfOrder: readonly string[],
  ) {
    super(
      `database migrations disagree with the code: ` +
        (unknown.length > 0 ? `applied but unknown: ${unknown.join(', ')}; ` : '') +
        (outOfOrder.length > 0 ? `applied out of order: ${outOfOrder.join(', ')}` : ''),
    );
    this.name = 'MigrationDriftError';
  }
}

export class MigrationFailedError extends Error {
  readonly code = 'migration_failed';
  constructor(readonly migration: string | undefined, cause: unknown) {
    super(`migration ${migration ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MigrationFailedError';
  }
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  unknown: string[];
  outOfOrder: string[];
}


async function appliedNames(database: Database): Promise<string[]> {
  // Asked of the connection's own search path: introspection lists tables of every PostgreSQL schema, so
  // another schema's kysely_migration would be taken for this one's.
  const exists =
    database.kind === 'postgres'
      ? (await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(database.db)).rows[0]?.t != null
      : (await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(database.db)).rows[0]?.n === 1;
  if (!exists) return [];
  // kysely_migration is Kysely's own table and not in Schema, hence the raw (parameter-free) query.
  const rows = await sql<{ name: string }>`select name from kysely_migration order by timestamp, name`.execute(database.db);
  return rows.rows.map((r) => r.name);
}

/** Compares the applied list (in application order) with the known one. Pure, for tests. */
export function diffMigrations(applied: readonly string[], knownNames: readonly string[]): MigrationStatus {
  const names = [...knownNames].sort();
  const unknown = applied.filter((n) => !names.includes(n));
  const appliedKnown = applied.filter((n) => names.includes(n));
  // Applied migrations must be exactly the first N known ones, in the known order: a gap means one was
  // added before an already-applied one, and running it now would apply history out of order.
  const outOfOrder = appliedKnown.filter((n, i) => names[i] !== n);
  const pending = names.filter((n) => !applied.includes(n));
  return { applied: [...applied], pending, unknown, outOfOrder };
}

export async function migrationStatus(database: Database): Promise<MigrationStatus> {
  return diffMigrations(await appliedNames(database), Object.keys(known));
}

/** Throws MigrationDriftError when the database has migrations the code does not know or out of order. */
export async function assertNoDrift(database: Database): Promise<MigrationStatus> {
  const status = await migrationStatus(database);
  if (status.unknown.length > 0 || status.outOfOrder.length > 0) throw new MigrationDriftError(status.unknown, status.outOfOrder);
  return status;
}

/** Applies pending migrations after the drift check. Returns the names applied now (empty when current). */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const status = await assertNoDrift(database);
  if (status.pending.length === 0) return [];
  return applyPending(database);
}

/**
 * Runs the pending migrations in order, each with its bookkeeping row, in one transaction that holds the
 * migration lock (an advisory lock on PostgreSQL; SQLite's write lock), so two processes starting at once
 * apply each migration once. The bookkeeping table is Kysely's (`kysely_migration`: name, ISO timestamp),
 * so databases migrated by earlier versions read the same. Kysely's own Migrator is not used: it lists the
 * tables of every PostgreSQL schema through catalog functions, which fail when another schema is being
 * dropped at the same moment.
 */
async function applyPending(database: Database): Promise<string[]> {
  const db = database.db as unknown as Kysely<unknown>;
  await sql`create table if not exists kysely_migration (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(db);
  const names = Object.keys(known).sort();
  const applied: string[] = [];
  let current = '';
  try {
    await db.transaction().execute(async (trx) => {
      if (database.kind === 'postgres') await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
      else await sql`update kysely_migration set name = name where 0 = 1`.execute(trx); // take SQLite's write lock first
      const done = new Set((await sql<{ name: string }>`select name from kysely_migration`.execute(trx)).rows.map((r) => r.name));
      for (const name of names) {
        if (done.has(name)) continue;
        current = name;
        await known[name]!.up(trx);
        await sql`insert into kysely_migration (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(trx);
        applied.push(name);
      }
    });
  } catch (err) {
    throw new MigrationFailedError(current === '' ? undefined : current, err);
  }
  return applied;
}

/** pg_advisory_xact_lock key of schema migrations. */
const MIGRATION_LOCK = 2_122_017_002;
