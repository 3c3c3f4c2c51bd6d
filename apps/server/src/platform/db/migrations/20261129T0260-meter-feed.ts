// Meters fed by an electricity-monitoring platform's API (issue 4 §5: "HJ 212-2025 electricity data or a
// meter feed"). A bureau gets 用电监控 data from the grid company or a third-party platform as JSON batches
// keyed by the meter's own id, not as HJ 212 frames. `feed_id` is that id: a meter row with one is fed by
// POST /api/meter-feed, whose readings land as minute readings of the row's (point_id, factor) — the same
// place an HJ 212 meter logger's minutes land — so the treatment-off detector and the marking check read
// both paths alike. Null: the meter is reported by an HJ 212 logger only.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('meters').addColumn('feed_id', 'text').execute();
  // One meter per external id (NULLs are distinct in a unique index on both dialects).
  await db.schema.createIndex('meters_feed_id').unique().on('meters').column('feed_id').execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
