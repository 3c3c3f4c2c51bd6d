// Data markings (issue 4 §3, the 2022 marking rules): the enterprise marks spans of its own points' data
// with a reason and attachment metadata; everyone who sees the point sees its markings. Creating and
// withdrawing are audited; a marking is never deleted. A late marking, or one over a span that shows
// production, raises a warning in the same transaction (compliance/markings.ts).
import { z } from 'zod';
import {
  markingAttachmentSchema, markingCreatedSchema, markingKindSchema, markingSchema, type Items, type Marking, type MarkingAttachment, type MarkingCreated,
} from '@ecoenforce/contract';
import { recordAudit } from '../../platform/audit.ts';
import { ApiError, notFound } from '../../platform/errors.ts';
import { assessMarking, DEFAULT_MARKING_RULES, raiseMarkingFindings } from '../markings.ts';
import { actorOf } from '../../accounts/index.ts';
import { locate } from '../../access/index.ts';
import type { RouteContext } from '../../http/routes.ts';

const MAX_SPAN = 31 * 24 * 3600_000;
const createBody = z
  .object({
    kind: markingKindSchema,
    /** Whether the span's data are invalid for the exceedance judgement; default: every kind but 'other'. */
    invalid: z.boolean().optional(),
    from: z.number().int().nonnegative(),
    to: z.number().int().positive(),
    reason: z.string().trim().min(2).max(2000),
    attachments: z.array(markingAttachmentSchema).max(20).default([]),
  })
  .refine((b) => b.to > b.from, { message: 'to must be after from', path: ['to'] })
  .refine((b) => b.to - b.from <= MAX_SPAN, { message: 'a marking spans at most 31 days', path: ['to'] });
const id = z.object({ id: z.coerce.number().int().positive() });

export function markingRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;
  const base = () => db.selectFrom('markings').selectAll();
  type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
  const toMarking = (r: Row): Marking => ({
    id: Number(r.id), pointId: Number(r.point_id), enterpriseId: Number(r.enterprise_id), kind: r.kind, invalid: Number(r.invalid) === 1, from: Number(r.span_from),
    to: Number(r.span_to), reason: r.reason, attachments: JSON.parse(r.attachments) as MarkingAttachment[], createdBy: Number(r.created_by),
    createdAt: Number(r.created_at), withdrawnAt: r.withdrawn_at === null ? null : Number(r.withdrawn_at), late: Number(r.late) === 1, productionSeen: Number(r.production_seen) === 1,
  });

  app.get(
    '/api/points/:id/markings',
    {
      config: { access: { permission: 'monitoring.read', resource: 'point' } },
      schema: {
        tags: ['markings'],
        params: id,
        querystring: z.object({
          from: z.coerce.number().int().optional(), to: z.coerce.number().int().optional(),
          withdrawn: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
        response: { 200: z.object({ items: z.array(markingSchema) }) },
      },
    },
    async (req): Promise<Items<Marking>> => {
      const q = req.query;
      let query = base().where('point_id', '=', req.params.id);
      if (q.from !== undefined) query = query.where('span_to', '>', q.from);
      if (q.to !== undefined) query = query.where('span_from', '<', q.to);
      if (!q.withdrawn) query = query.where('withdrawn_at', 'is', null);
      const rows = await query.orderBy('span_from', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
      return { items: rows.map(toMarking) };
    },
  );

  app.post(
    '/api/points/:id/markings',
    {
      config: { access: { permission: 'markings.write', resource: 'point' } },
      schema: { tags: ['markings'], params: id, body: createBody, response: { 200: markingCreatedSchema } },
    },
    async (req): Promise<MarkingCreated> => {
      const now = deps.now();
      const b = req.body;
      const invalid = b.invalid ?? b.kind !== 'other';
      const place = await locate(db, 'point', req.params.id);
      const regionCode = place?.regionCode;
      const enterpriseId = place?.enterpriseId;
      if (regionCode == null || enterpriseId == null) throw notFound('point');
      const a = await assessMarking(db, req.params.id, b.from, b.to, now, DEFAULT_MARKING_RULES, b.kind);
      const result = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('markings')
          .values({
            point_id: req.params.id, enterprise_id: enterpriseId, region_code: regionCode, kind: b.kind, invalid: invalid ? 1 : 0, span_from: b.from, span_to: b.to,
            reason: b.reason, attachments: JSON.stringify(b.attachments), created_by: req.principal!.userId, created_at: now, withdrawn_at: null,
            late: a.late ? 1 : 0, production_seen: a.productionSeen ? 1 : 0,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const markingId = Number(row.id);
        await recordAudit(trx, {
          actor: actorOf(req.principal!), action: 'create', entity: 'marking', entityId: markingId, ip: req.ip, at: now,
          after: { pointId: req.params.id, kind: b.kind, invalid, from: b.from, to: b.to, reason: b.reason, attachments: b.attachments, late: a.late, productionSeen: a.productionSeen },
        });
        const span = { id: markingId, pointId: req.params.id, enterpriseId, regionCode, kind: b.kind, from: b.from, to: b.to, createdAt: now };
        const warningIds = invalid ? await raiseMarkingFindings(trx, span, a) : [];
        return { ...toMarking(row), warningIds };
      });
      // Hours already closed over the span are judged again without the marked minutes.
      deps.reclose?.(req.params.id, b.from, b.to);
      return result;
    },
  );

  app.post(
    '/api/markings/:id/withdraw',
    {
      config: { access: { permission: 'markings.write', resource: 'marking' } },
      schema: { tags: ['markings'], params: id, body: z.object({ reason: z.string().trim().min(2).max(2000) }), response: { 200: markingSchema } },
    },
    async (req): Promise<Marking> => {
      const now = deps.now();
      const withdrawn = await db.transaction().execute(async (trx) => {
        const m = await trx.selectFrom('markings').select(['withdrawn_at']).where('id', '=', req.params.id).executeTakeFirst();
        if (m === undefined) throw notFound('marking');
        if (m.withdrawn_at !== null) throw new ApiError('conflict', 'the marking is already withdrawn');
        const row = await trx.updateTable('markings').set({ withdrawn_at: now }).where('id', '=', req.params.id).returningAll().executeTakeFirstOrThrow();
        await recordAudit(trx, {
          actor: actorOf(req.principal!), action: 'withdraw', entity: 'marking', entityId: req.params.id, ip: req.ip, at: now,
          before: { withdrawnAt: null }, after: { withdrawnAt: now, reason: req.body.reason },
        });
        return toMarking(row);
      });
      // The marked minutes count again: the hours they cover are judged again.
      deps.reclose?.(withdrawn.pointId, withdrawn.from, withdrawn.to);
      return withdrawn;
    },
  );
}
