// The audit trail for those who may read it (head, admin): newest first, filterable by entity, with the
// chain check on demand. Rows are shown as stored; nothing here can change them.
import { z } from 'zod';
import { auditRowSchema, pageSchema, type AuditRow, type Page } from '@ecoenforce/contract';
import { verifyAuditChain } from '../platform/audit.ts';
import { decodeCursor, page, pageQuery } from '../access/index.ts';
import type { RouteContext } from './routes.ts';

export function auditRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;
  app.get(
    '/api/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        querystring: z.object({ ...pageQuery, entity: z.string().max(40).optional(), entityId: z.string().max(64).optional(), actor: z.string().max(64).optional() }),
        response: { 200: pageSchema(auditRowSchema) },
      },
    },
    async (req): Promise<Page<AuditRow>> => {
      const { limit, cursor, entity, entityId, actor } = req.query;
      let q = db.selectFrom('audit_log').selectAll();
      if (entity !== undefined) q = q.where('entity', '=', entity);
      if (entityId !== undefined) q = q.where('entity_id', '=', entityId);
      if (actor !== undefined) q = q.where('actor_name', '=', actor);
      const before = decodeCursor(cursor);
      if (before !== undefined) q = q.where('seq', '<', before);
      const rows = await q.orderBy('seq', 'desc').limit(limit + 1).execute();
      return page(
        rows.map((r) => ({
          seq: Number(r.seq), at: Number(r.at), actorKind: r.actor_kind, actorId: r.actor_id === null ? null : Number(r.actor_id), actorName: r.actor_name, ip: r.ip,
          action: r.action, entity: r.entity, entityId: r.entity_id, beforeDigest: r.before_digest, afterDigest: r.after_digest, changes: r.changes, hash: r.hash,
        })),
        limit,
        (x) => x.seq,
      );
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: { access: { permission: 'audit.read' } },
      schema: { tags: ['audit'], response: { 200: z.object({ ok: z.boolean(), rows: z.number(), headSeq: z.number().optional(), headHash: z.string().optional(), seq: z.number().optional(), problem: z.string().optional(), detail: z.string().optional() }) } },
    },
    () => verifyAuditChain(db),
  );
}
