// In-app notifications and their webhook deliveries (migration 20261207T2310).
import type { Generated } from 'kysely';

export type NotificationKindColumn = 'task_assigned' | 'task_due_soon' | 'task_overdue' | 'warning_on_my_units';

/** One notification of one user; (user_id, event_key) unique. */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: NotificationKindColumn;
  event_key: string;
  title: string;
  body: string;
  /** A console hash route (#/dispatch/12, #/warnings/34). */
  link: string;
  created_at: number;
  read_at: number | null;
  /** When a server took it for the outgoing webhook (null: not yet, or no webhook configured). */
  webhook_claimed_at: number | null;
}

/** One attempt to POST a notification to the installation's webhook. */
export interface NotificationDeliveriesTable {
  id: Generated<number>;
  notification_id: number;
  attempt: number;
  at: number;
  ok: number;
  http_status: number | null;
  error: string | null;
}
