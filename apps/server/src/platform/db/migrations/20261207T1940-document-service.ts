// Electronic service (电子送达, issue 14 item 11): a case document issued to the party is served on the
// enterprise's login when it is stored, and the first time someone of the enterprise opens it is recorded,
// so the bureau can prove service. One row per served document (document_id unique): when it was served,
// on which enterprise, and the first opening (time and user; null until then). Every download is in the
// audit trail as well; this row keeps only the first, which is what service is proved by.
// Documents stored before this migration of the party-facing kinds are served at their issue time.
import { sql, type Kysely } from 'kysely';
import { withId } from './dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('document_service'))
    .addColumn('document_id', 'integer', (c) => c.notNull().unique())
    .addColumn('case_id', 'integer', (c) => c.notNull())
    .addColumn('enterprise_id', 'integer', (c) => c.notNull())
    .addColumn('served_at', 'bigint', (c) => c.notNull())
    .addColumn('first_opened_at', 'bigint')
    .addColumn('opened_by', 'integer')
    .execute();
  await db.schema.createIndex('document_service_enterprise').on('document_service').columns(['enterprise_id', 'served_at']).execute();
  await db.schema.createIndex('document_service_case').on('document_service').columns(['case_id']).execute();
  // The party-facing kinds as of this migration (enforcement/service/document-service.ts keeps the list).
  await sql`insert into document_service (document_id, case_id, enterprise_id, served_at)
    select d.id, d.case_id, c.enterprise_id, d.created_at from case_documents d join cases c on c.id = d.case_id
    where d.kind in ('order_to_correct', 'advance_notice', 'hearing_notice', 'penalty_decision', 'no_penalty_decision')`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
