// A case keeps the catalogue it was opened under (issue 5 §4, §6): cases.matter_version pins the matter
// (legal basis, penalty basis, statutory range) already; this pins the discretion table's version in force at
// opening too, so an edit of the table mid-case does not change a running case's fine. Null: no table (range
// mode), or a case opened before this column, whose table is then the version in force at its created_at.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('table_version', 'integer').execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
