// In-app notifications (issue 14, "features a bureau expected"): one row per recipient and event — a task
// assigned to an officer, a task's deadline near or passed, a warning raised on units in the user's care.
// (user_id, event_key) is unique, so the same event never notifies the same user twice whichever job, hook or
// server produces it. webhook_claimed_at lets exactly one server hand a notification to the outgoing webhook;
// notification_deliveries keeps every attempt of that webhook (time on the platform clock, outcome).
import type { Kysely } from 'kysely';
import { withId } from './dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('notifications'))
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .addColumn('webhook_claimed_at', 'bigint')
    .addUniqueConstraint('notifications_user_event', ['user_id', 'event_key'])
    .execute();
  await db.schema.createIndex('notifications_user_id').on('notifications').columns(['user_id', 'id']).execute();
  await withId(db, db.schema.createTable('notification_deliveries'))
    .addColumn('notification_id', 'integer', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('notification_deliveries_notification').on('notification_deliveries').columns(['notification_id']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
