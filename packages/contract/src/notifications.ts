// In-app notifications (apps/server/src/notifications): the caller's own notifications as /api/notifications
// answers them, and the `notification` event of GET /api/live, sent only to its recipient.
import { z } from 'zod';

export const NOTIFICATION_KINDS = ['task_assigned', 'task_due_soon', 'task_overdue', 'warning_on_my_units'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationSchema = z.object({
  id: z.number(),
  kind: z.enum(NOTIFICATION_KINDS),
  /** Chinese title and text, written when the notification was made. */
  title: z.string(),
  body: z.string(),
  /** The console route of the thing it is about (#/dispatch/12, #/warnings/34). */
  link: z.string(),
  createdAt: z.number(),
  readAt: z.number().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationPageSchema = z.object({ items: z.array(notificationSchema), nextCursor: z.string().nullable(), unread: z.number() });
/** GET /api/notifications: newest first, with the caller's unread count. */
export type NotificationPage = z.infer<typeof notificationPageSchema>;

/** GET /api/notifications/unread-count. */
export interface NotificationCount {
  unread: number;
}

/** The `notification` event of GET /api/live: a new notification of the subscriber, and its unread count. */
export interface NotificationEvent {
  id: number;
  kind: NotificationKind;
  title: string;
  link: string;
}
