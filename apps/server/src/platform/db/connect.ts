// Opens the store: `sqlite:path` (embedded default) or `postgres://…` (scale-out). Both give a Kysely
// instance over the same Schema plus the driver's own handle for the ingest fast path.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { userInfo } from 'node:os';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Schema } from './schema.ts';

export type Database =
  | { kind: 'sqlite'; url: string; db: Kysely<Schema>; sqlite: BetterSqlite3.Database; close(): Promise<void> }
  | { kind: 'postgres'; url: string; db: Kysely<Schema>; pool: pg.Pool; close(): Promise<void> };

export class DatabaseUrlError extends Error {
  readonly code = 'bad_database_url';
}

// int8 (20) → Number: ids and epoch-ms times fit in 2^53; strings would leak into every caller.
const INT8_OID = 20;
function getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8_OID && format !== 'binary') return Number;
  return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
}
const pgTypes: pg.CustomTypesConfig = { getTypeParser };

export async function openDatabase(url: string): Promise<Database> {
  if (url.startsWith('sqlite:')) return openSqlite(url);
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url);
  throw new DatabaseUrlError(`database URL must start with sqlite: or postgres:// (got '${url}')`);
}

function openSqlite(url: string): Promise<Database> {
  const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
  if (path === '') throw new DatabaseUrlError('sqlite: needs a file path (or :memory:)');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  // FULL, not NORMAL: in WAL mode NORMAL skips the fsync at commit, so a power cut could lose a batch the
  // gateway already acknowledged (9014). With group commit it is one fsync per batch, not per frame.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // Ingest rewrites the same hot index pages (one per point) in commit after commit; a 64 MiB WAL lets a
  // checkpoint write each page once for many commits, and a 64 MiB page cache keeps those pages in memory.
  sqlite.pragma('wal_autocheckpoint = 16384');
  sqlite.pragma('journal_size_limit = 67108864');
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return Promise.resolve({
    kind: 'sqlite',
    url,
    db,
    sqlite,
    // Kysely's SqliteDriver closes the better-sqlite3 handle on destroy.
    close: () => db.destroy(),
  });
}

async function openPostgres(url: string): Promise<Database> {
  const parsed = new URL(url);
  // pg falls back to $USER, which is unset in containers; the OS user is what peer/trust auth expects.
  const user = parsed.username === '' ? userInfo().username : undefined;
  const pool = new pg.Pool({ connectionString: url, ...(user === undefined ? {} : { user }), max: 10, types: pgTypes });
  // Fail fast on a wrong URL rather than on the first query.
  const client = await pool.connect();
  client.release();
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'postgres', url, db, pool, close: () => db.destroy() };
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/ecoenforce.db';

/** --db flag, else ECOENFORCE_DB, else the embedded default (the same order as config.ts). */
export function resolveDatabaseUrl(flag: string | boolean | undefined, env: NodeJS.ProcessEnv): string {
  return typeof flag === 'string' && flag !== '' ? flag : (env.ECOENFORCE_DB ?? DEFAULT_DATABASE_URL);
}
