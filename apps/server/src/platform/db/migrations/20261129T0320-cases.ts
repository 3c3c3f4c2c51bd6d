// The administrative-penalty case, persisted (issue 5 §5–§6, §8). `record` is the domain CaseRecord
// (packages/domain/src/enforcement/case-types.ts) as JSON, the one source of truth of the procedure; the
// other columns of `cases` copy what lists filter and sort on. `version` is the optimistic-concurrency row
// version: an action names the version it was taken on and is refused (409) when someone acted in between.
// `case_events` keeps every performed action with its input and the duty entry the domain recorded; a
// refused action is never stored (refused is 0 by constraint). Documents keep their bytes and SHA-256, and
// each fine its explanation and the matter/table versions it was computed with, so a fine stays traceable
// after the catalogue changes.
import { sql, type Kysely } from 'kysely';
import { bytesType, withId } from './dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('cases'))
    // 粤环罚〔2026〕12号: the bureau's number, unique in its region and year.
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('number_year', 'integer', (c) => c.notNull())
    .addColumn('number_seq', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'integer', (c) => c.notNull())
    // The task (issue 5 dispatch) the case came from; null when opened directly.
    .addColumn('task_id', 'integer')
    .addColumn('matter_code', 'text', (c) => c.notNull())
    .addColumn('matter_version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('major', 'integer', (c) => c.notNull().check(sql`major in (0, 1)`))
    .addColumn('discovered_at', 'bigint', (c) => c.notNull())
    .addColumn('filed_at', 'bigint')
    .addColumn('decided_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    // Whole yuan: the discretion result once recorded.
    .addColumn('amount', 'bigint')
    .addColumn('record', 'text', (c) => c.notNull())
    // JSON: what the documents state and the domain record does not hold (source, cause, facts, evidence,
    // the correction required); enforcement/cases/case-documents.ts reads it.
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('cases_region_number', ['region_code', 'number'])
    .addUniqueConstraint('cases_region_year_seq', ['region_code', 'number_year', 'number_seq'])
    .execute();
  await db.schema.createIndex('cases_enterprise').on('cases').columns(['enterprise_id']).execute();
  await db.schema.createIndex('cases_state').on('cases').columns(['state', 'updated_at']).execute();

  await withId(db, db.schema.createTable('case_events'))
    .addColumn('case_id', 'integer', (c) => c.notNull())
    // 1, 2, … per case: the position of the duty entry in the record.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    // JSON: the API input as received (and what the server derived from it: flags, the fine reference).
    .addColumn('input', 'text', (c) => c.notNull())
    // JSON: the domain's DutyEntry.
    .addColumn('duty', 'text', (c) => c.notNull())
    // Refusals are counted, never stored: the column exists so a reader never has to wonder.
    .addColumn('refused', 'integer', (c) => c.notNull().defaultTo(0).check(sql`refused = 0`))
    .addUniqueConstraint('case_events_case_seq', ['case_id', 'seq'])
    .execute();

  await withId(db, db.schema.createTable('case_documents'))
    .addColumn('case_id', 'integer', (c) => c.notNull())
    // DocumentKind of the domain (penalty_decision, advance_notice, …).
    .addColumn('kind', 'text', (c) => c.notNull())
    // The document's own number (粤环罚告〔2026〕12号); null for forms without one.
    .addColumn('number', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', bytesType(db), (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_documents_case').on('case_documents').columns(['case_id']).execute();

  await withId(db, db.schema.createTable('case_fines'))
    .addColumn('case_id', 'integer', (c) => c.notNull())
    // The case event that recorded this fine; the record's discretion.ref names it.
    .addColumn('event_seq', 'integer', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    // JSON: FineExplanation of computeFine (each factor, level, weight, source; the steps and articles).
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('matter_code', 'text', (c) => c.notNull())
    .addColumn('matter_version', 'integer', (c) => c.notNull())
    .addColumn('table_id', 'text')
    .addColumn('table_version', 'integer')
    // JSON: the GateOutcome of evaluateGates that let the fine proceed.
    .addColumn('gates', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addUniqueConstraint('case_fines_case_event', ['case_id', 'event_seq'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
