// The caller's own notifications over HTTP: list (paged, newest first, unread only on request), the unread
// count (the bell), mark one read, mark all read. Every query is bound to the principal's user id: another
// user's notification answers 404 like a missing one. Marking read is audited like every other change.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { notificationPageSchema } from '@ecoenforce/contract';
import { decodeCursor, page, pageQuery } from '../access/index.ts';
import { actorOf } from '../accounts/index.ts';
import { recordAudit } from '../platform/audit.ts';
import { ApiError, notFound } from '../platform/errors.ts';
import type { RouteContext } from '../http/routes.ts';
import { listNotifications, markAllRead, markRead, unreadCount } from './repository.ts';

const countSchema = z.object({ unread: z.number() });

/** Notifications are a person's: an API token (a machine) has none. */
function userOf(req: FastifyRequest): number {
  const p = req.principal!;
  if (p.kind !== 'user') throw new ApiError('forbidden', 'notifications belong to a user login, not to an API token');
  return p.userId;
}

export function notificationRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;

  app.get(
    '/api/notifications',
    {
      config: { access: { permission: 'self' } },
      schema: {
        tags: ['notifications'],
        querystring: z.object({ ...pageQuery, unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }),
        response: { 200: notificationPageSchema },
      },
    },
    async (req) => {
      const userId = userOf(req);
      const q = req.query;
      const rows = await listNotifications(db, userId, { unreadOnly: q.unread === true, before: decodeCursor(q.cursor) }, q.limit + 1);
      return { ...page(rows, q.limit, (n) => n.id), unread: await unreadCount(db, userId) };
    },
  );

  app.get(
    '/api/notifications/unread-count',
    { config: { access: { permission: 'self' } }, schema: { tags: ['notifications'], response: { 200: countSchema } } },
    async (req) => ({ unread: await unreadCount(db, userOf(req)) }),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { access: { permission: 'self' } },
      schema: { tags: ['notifications'], params: z.object({ id: z.coerce.number().int().positive() }), response: { 200: countSchema } },
    },
    async (req) => {
      const userId = userOf(req);
      const at = deps.now();
      await db.transaction().execute(async (trx) => {
        const r = await markRead(trx, userId, req.params.id, at);
        if (r === undefined) throw notFound('notification');
        if (r.wasUnread) await recordAudit(trx, { actor: actorOf(req.principal!), action: 'read', entity: 'notification', entityId: req.params.id, after: { readAt: at }, ip: req.ip, at });
      });
      return { unread: await unreadCount(db, userId) };
    },
  );

  app.post(
    '/api/notifications/read-all',
    { config: { access: { permission: 'self' } }, schema: { tags: ['notifications'], response: { 200: countSchema } } },
    async (req) => {
      const userId = userOf(req);
      const at = deps.now();
      await db.transaction().execute(async (trx) => {
        const n = await markAllRead(trx, userId, at);
        if (n > 0) await recordAudit(trx, { actor: actorOf(req.principal!), action: 'read_all', entity: 'notification', entityId: `user:${userId}`, after: { marked: n, readAt: at }, ip: req.ip, at });
      });
      return { unread: await unreadCount(db, userId) };
    },
  );
}
