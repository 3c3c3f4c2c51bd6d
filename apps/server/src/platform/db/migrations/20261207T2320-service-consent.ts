// Consent to electronic service (电子送达确认书, APL art. 61 ¶2: a document may be served electronically where
// the party agrees and signs a confirmation). One row per signature: who signed for the enterprise, the
// contact and address for service it gave, when; a withdrawal closes the row (a later signature is a new row).
// A document is served electronically only while a consent is in force; otherwise the enterprise's login gets
// a copy and the bureau serves it another way. document_service.mode records which: 'electronic' or 'copy'.
// The rows stored before this migration had no consent behind them: they are copies.
import { sql, type Kysely } from 'kysely';
import { withId } from './dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('service_consents'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull())
    .addColumn('signed_at', 'bigint', (c) => c.notNull())
    .addColumn('signed_by', 'integer', (c) => c.notNull())
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('signer_title', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'bigint')
    .addColumn('withdrawn_by', 'integer')
    .execute();
  await db.schema.createIndex('service_consents_enterprise').on('service_consents').columns(['enterprise_id', 'signed_at']).execute();
  await db.schema.alterTable('document_service').addColumn('mode', 'text', (c) => c.notNull().defaultTo('copy')).execute();
  await sql`update document_service set mode = 'copy'`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
