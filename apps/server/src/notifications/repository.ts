// The notifications store: one query per method. Every read and write names the user it is for, so a caller
// reaches only its own rows (routes pass the principal's user id, never one from the request).
import type { Kysely, Transaction } from 'kysely';
import type { Notification } from '@ecoenforce/contract';
import type { NotificationKindColumn, Schema } from '../platform/db/schema.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

export interface NewNotification {
  userId: number;
  kind: NotificationKindColumn;
  /** Names the event; (user, event key) is unique, so a repeated event adds nothing. */
  eventKey: string;
  title: string;
  body: string;
  link: string;
}

/** Inserts what is new; returns how many rows were added (an already-notified (user, event) is skipped). */
export async function insertNotifications(db: Db, rows: readonly NewNotification[], at: number): Promise<number> {
  if (rows.length === 0) return 0;
  const added = await db
    .insertInto('notifications')
    .values(rows.map((r) => ({ user_id: r.userId, kind: r.kind, event_key: r.eventKey, title: r.title, body: r.body, link: r.link, created_at: at, read_at: null, webhook_claimed_at: null })))
    .onConflict((oc) => oc.columns(['user_id', 'event_key']).doNothing())
    .returning('id')
    .execute();
  return added.length;
}

const COLUMNS = ['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'] as const;
type Row = { id: number; kind: NotificationKindColumn; title: string; body: string; link: string; created_at: number; read_at: number | null };
const toApi = (r: Row): Notification => ({ id: Number(r.id), kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: Number(r.created_at), readAt: r.read_at === null ? null : Number(r.read_at) });

/** The user's notifications, newest first (keyset on id), `limit` rows. */
export async function listNotifications(db: Db, userId: number, opts: { unreadOnly: boolean; before?: number | undefined }, limit: number): Promise<Notification[]> {
  let q = db.selectFrom('notifications').select(COLUMNS).where('user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  if (opts.before !== undefined) q = q.where('id', '<', opts.before);
  return (await q.orderBy('id', 'desc').limit(limit).execute()).map(toApi);
}

export async function unreadCount(db: Db, userId: number): Promise<number> {
  const r = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Marks one of the user's notifications read; undefined when the user has no such notification. */
export async function markRead(db: Db, userId: number, id: number, at: number): Promise<{ wasUnread: boolean } | undefined> {
  const row = await db.selectFrom('notifications').select(['id', 'read_at']).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (row === undefined) return undefined;
  if (row.read_at !== null) return { wasUnread: false };
  await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('user_id', '=', userId).where('read_at', 'is', null).execute();
  return { wasUnread: true };
}

/** Marks all of the user's unread notifications read; returns how many. */
export async function markAllRead(db: Db, userId: number, at: number): Promise<number> {
  const r = await db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Notifications added after `afterId`, oldest first (the notifier's feed to the live hub and the webhook). */
export async function notificationsAfter(db: Db, afterId: number, limit: number): Promise<Array<Notification & { userId: number }>> {
  const rows = await db.selectFrom('notifications').select([...COLUMNS, 'user_id']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ ...toApi(r), userId: Number(r.user_id) }));
}

export async function lastNotificationId(db: Db): Promise<number> {
  const r = await db.selectFrom('notifications').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(r?.id ?? 0);
}

/** Takes a notification for the webhook; true for exactly one caller (one server) per notification. */
export async function claimForWebhook(db: Db, id: number, at: number): Promise<boolean> {
  const r = await db.updateTable('notifications').set({ webhook_claimed_at: at }).where('id', '=', id).where('webhook_claimed_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function recordDelivery(db: Db, d: { notificationId: number; attempt: number; at: number; ok: boolean; httpStatus: number | null; error: string | null }): Promise<void> {
  await db.insertInto('notification_deliveries').values({ notification_id: d.notificationId, attempt: d.attempt, at: d.at, ok: d.ok ? 1 : 0, http_status: d.httpStatus, error: d.error }).execute();
}
