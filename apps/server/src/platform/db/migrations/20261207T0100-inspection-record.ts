// The officer's own record of an on-site inspection (现场检查笔录 的检查情况, issue 14 §10): the free text written
// when finishing, kept apart from the computed outcome so the 现场检查笔录 prints it as written. Nullable:
// inspections finished before this migration, and those finished without a record, have none.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('inspections').addColumn('record', 'text').execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
