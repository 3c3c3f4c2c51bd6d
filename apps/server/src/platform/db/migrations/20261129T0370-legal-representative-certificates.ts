// What the Chinese case documents name and the registry did not hold (issue 5 §5): the party's legal
// representative (法定代表人, from the business licence / permit platform) and each enforcement officer's
// certificate number (执法证号; officers show it on site and the filing form lists it [APL 42]). Both nullable:
// rows from before this migration, and users who are not enforcement staff, have none, and the documents say
// so in words rather than inventing one.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per ALTER: SQLite accepts a single ADD COLUMN per statement.
  await db.schema.alterTable('enterprises').addColumn('legal_representative', 'text').execute();
  await db.schema.alterTable('users').addColumn('certificate_no', 'text').execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
