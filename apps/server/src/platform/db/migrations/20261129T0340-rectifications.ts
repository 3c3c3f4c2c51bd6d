// Rectification (整改, issue 5 §7) and the daily continuous penalty (按日连续处罚, issue 5 §6; EPL 59, [DPM]).
// An order to correct is a `rectifications` row, from a case's order_correction act or made directly; an order
// that follows an uncorrected re-inspection names the one before it (previous_id) and shares its chain_id
// (the first order's id), so a chain's rounds and its measures are read together. The statistics page reads
// `rectifications` (status, ordered_at, deadline_at, closed_at, region_code, enterprise_id): keep those names.
// Proof files keep their bytes and SHA-256 (checked on upload against the hash the browser computed); each
// daily-penalty round keeps the domain's explanation as JSON so the amount stays traceable.
import { sql, type Kysely } from 'kysely';
import { bytesType, withId } from './dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('rectifications'))
    .addColumn('chain_id', 'integer')
    .addColumn('previous_id', 'integer')
    // 1 for the first order, 2 for the order served at the first uncorrected re-inspection, …
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('case_id', 'integer')
    .addColumn('enterprise_id', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open', 'proof_submitted', 'reinspecting', 'corrected', 'not_corrected', 'cancelled')`),
    )
    .addColumn('requirement', 'text', (c) => c.notNull())
    .addColumn('deadline_days', 'integer', (c) => c.notNull())
    // When the order was served; the deadline and the 30-day re-inspection window run from it [DPM].
    .addColumn('ordered_at', 'bigint', (c) => c.notNull())
    .addColumn('deadline_at', 'bigint', (c) => c.notNull())
    .addColumn('reinspect_by', 'bigint', (c) => c.notNull())
    .addColumn('task_id', 'integer')
    .addColumn('reinspected_at', 'bigint')
    // JSON array of users.id of the (at least two) re-inspecting officers [APL 42].
    .addColumn('reinspection_officers', 'text')
    .addColumn('findings', 'text')
    .addColumn('closed_at', 'bigint')
    .addColumn('cancel_reason', 'text')
    // 0–3 as calendar.ts's clock policy; raised by the daily escalation job, never lowered.
    .addColumn('escalation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectifications_enterprise').on('rectifications').columns(['enterprise_id', 'status']).execute();
  await db.schema.createIndex('rectifications_case').on('rectifications').columns(['case_id']).execute();
  await db.schema.createIndex('rectifications_region_status').on('rectifications').columns(['region_code', 'status', 'closed_at']).execute();
  await db.schema.createIndex('rectifications_chain').on('rectifications').columns(['chain_id']).execute();

  await withId(db, db.schema.createTable('rectification_proofs'))
    .addColumn('rectification_id', 'integer', (c) => c.notNull())
    // JSON array of { name, size, sha256 }; the bytes are in rectification_files.
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectification_proofs_rectification').on('rectification_proofs').columns(['rectification_id']).execute();

  await withId(db, db.schema.createTable('rectification_files'))
    .addColumn('proof_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', bytesType(db), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectification_files_proof').on('rectification_files').columns(['proof_id']).execute();

  // Restriction or suspension of production, or sealing: the daily penalty stops [DPM].
  await withId(db, db.schema.createTable('rectification_measures'))
    .addColumn('chain_id', 'integer', (c) => c.notNull())
    .addColumn('rectification_id', 'integer', (c) => c.notNull())
    .addColumn('case_id', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('restrict', 'suspend', 'seal')`))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectification_measures_chain').on('rectification_measures').columns(['chain_id']).execute();

  await withId(db, db.schema.createTable('daily_penalty_rounds'))
    .addColumn('rectification_id', 'integer', (c) => c.notNull())
    .addColumn('case_id', 'integer')
    .addColumn('round', 'integer', (c) => c.notNull())
    // Whole yuan: the original penalty decision's fine [EPL 59].
    .addColumn('original_fine', 'bigint')
    .addColumn('served_at', 'bigint', (c) => c.notNull())
    .addColumn('reinspected_at', 'bigint', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    // The domain's round status: penalised, recheck_late, production_restricted, after_stop, no_fine.
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON: the domain's DailyPenaltyRoundResult and the inputs it was computed from.
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addUniqueConstraint('daily_penalty_rounds_rectification', ['rectification_id'])
    .execute();
  await db.schema.createIndex('daily_penalty_rounds_case').on('daily_penalty_rounds').columns(['case_id']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
