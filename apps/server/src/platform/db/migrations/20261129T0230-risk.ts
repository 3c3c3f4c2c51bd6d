// The violation-risk score (issue 4 §6b): versioned weights (a new row per edit, never updated, so every
// stored score can name the weights it used), one score per enterprise per Beijing day with its
// explanation, and the claim table that makes a scheduled job run once per period on any number of
// processes (INSERT … ON CONFLICT DO NOTHING decides who runs).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('risk_weights')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    // JSON of RiskWeights (packages/domain/src/risk/weights.ts), validated when saved.
    .addColumn('weights', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // Null: the defaults the platform seeded.
    .addColumn('created_by', 'integer')
    .execute();

  await db.schema
    .createTable('risk_scores')
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    // Beijing midnight of the day the score is for.
    .addColumn('day_start', 'bigint', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull().check(sql`tier in ('high', 'medium', 'low')`))
    .addColumn('weights_version', 'integer', (c) => c.notNull().references('risk_weights.version'))
    // JSON: the contributions (factor, raw, weight, points, detail) that add up to the score.
    .addColumn('contributions', 'text', (c) => c.notNull())
    // The span of data the inputs were read from (warnings and markings; transmission ends at window_to too).
    .addColumn('window_from', 'bigint', (c) => c.notNull())
    .addColumn('window_to', 'bigint', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('risk_scores_pk', ['enterprise_id', 'day_start'])
    .execute();
  await db.schema.createIndex('risk_scores_day').on('risk_scores').columns(['day_start', 'score']).execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('period_start', 'bigint', (c) => c.notNull())
    // Wall-clock ms of the claim: an unfinished claim this old is taken to be abandoned (a killed process).
    .addColumn('claimed_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('result', 'text')
    .addPrimaryKeyConstraint('job_runs_pk', ['job', 'period_start'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
