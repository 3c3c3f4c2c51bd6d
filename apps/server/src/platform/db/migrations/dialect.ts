// The few places where the two dialects' DDL differs, so migrations stay one set for both.
import { SqliteAdapter, sql, type ColumnDataType, type CreateTableBuilder, type Expression, type Kysely } from 'kysely';

export function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** Binary column: BLOB in SQLite, bytea in PostgreSQL. */
export function bytesType(db: Kysely<unknown>): Expression<unknown> {
  return isSqlite(db) ? sql`blob` : sql`bytea`;
}

/** Adds an auto-incrementing integer primary key `id` (INTEGER … AUTOINCREMENT / bigserial). */
export function withId<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  // AUTOINCREMENT on SQLite: ids are evidence references and must never be reused after a deletion.
  return isSqlite(db)
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : table.addColumn('id', 'bigserial' as ColumnDataType, (c) => c.primaryKey());
}
