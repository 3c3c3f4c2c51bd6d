// Rectification (整改, issue 5 §7) and the daily continuous penalty (issue 5 §6): the list (the bureau's
// region, an enterprise's own), one order with its proofs, measures and daily-penalty rounds, a direct order,
// the enterprise's proof (files hashed in the browser, checked here), the start and outcome of the
// re-inspection, the measures that stop the daily penalty [DPM], cancelling, and a case's orders and rounds.
// Every mutation is audited in its own transaction (services/rectification*.ts).
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { RectificationOutcome, RectificationStaff } from '@ecoenforce/contract';
import { ApiError, notFound } from '../../platform/errors.ts';
import { pageQuery, type Principal, type Scope } from '../../access/index.ts';
import {
  cancelOrder, createOrder, recordMeasure, startReinspection, submitProofOf, MAX_PROOF_FILES, MEASURE_KINDS, RectificationError,
  type RectificationContext,
} from './rectification.ts';
import { recordOutcome } from './rectification-outcome.ts';
import { rectificationFilterOf, rectificationListQuery } from './rectification-filter.ts';
import { caseRectifications, listRectifications, proofFile, rectificationDetail, rectificationStaff } from './rectification-read.ts';
import { actorOf } from '../../accounts/index.ts';
import type { RouteContext } from '../../http/routes.ts';

const id = z.object({ id: z.coerce.number().int().positive() });
const STATUS: Record<RectificationError['code'], ApiError['code']> = { not_found: 'not_found', bad_input: 'bad_request', conflict: 'conflict', forbidden: 'forbidden' };

function asApiError(err: unknown): unknown {
  if (err instanceof RectificationError) return new ApiError(STATUS[err.code], err.message, err.field === null && err.reason === null ? undefined : { ...(err.field === null ? {} : { field: err.field }), ...(err.reason === null ? {} : { reason: err.reason }) });
  return err;
}

const contextOf = (p: Principal, scope: Scope, ip: string, at: number): RectificationContext => ({ actor: actorOf(p), userId: p.userId, scope, ip, at });

export function rectificationRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;
  const attempt = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (err) {
      throw asApiError(err);
    }
  };

  app.get(
    '/api/rectifications',
    {
      config: { access: { permission: 'rectification.read' } },
      schema: {
        tags: ['rectifications'],
        description:
          'Orders to correct in the caller\'s region (an enterprise user: its own), newest first, each with its clocks at the platform time: the deadline to correct and the 30-day re-inspection window [DPM]. ' +
          'Filters (the statistics cells\' links, GET /api/stats/enforcement): status (comma-separated), from/to (Beijing dates, both included) on the date `by` names (ordered, closed or reinspected; ' +
          'with dailyPenalty=true, reinspected is the round\'s), region (its subtree), matter (or none: no case), industry (or none), onTime (closed by the deadline or after), ' +
          'dailyPenalty (a round that carried a fine [EPL 59]), overdue (a clock overdue now).',
        querystring: z.object({ ...pageQuery, ...rectificationListQuery }),
      },
    },
    async (req) => {
      const q = req.query;
      const filter = await attempt(() => Promise.resolve(rectificationFilterOf(q, deps.now())));
      return listRectifications(db, req.scope!, { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}), ...filter }, deps.now());
    },
  );

  app.get(
    '/api/rectifications/:id',
    { config: { access: { permission: 'rectification.read', resource: 'rectification' } }, schema: { tags: ['rectifications'], params: id } },
    async (req) => attempt(() => rectificationDetail(db, req.params.id, req.scope!, deps.now())),
  );

  app.get(
    '/api/rectifications/:id/staff',
    {
      config: { access: { permission: 'cases.work', resource: 'rectification' } },
      schema: {
        tags: ['rectifications'],
        description: 'Who may be named as the re-inspecting officers of the order (two at least [APL 42]): the active officers and heads whose region covers the order\'s, each with the enforcement certificate number (执法证号, null when none is recorded). The outcome accepts no one else.',
        params: id,
      },
    },
    async (req): Promise<RectificationStaff> => attempt(() => rectificationStaff(db, req.params.id, req.scope!)),
  );

  app.get(
    '/api/rectifications/:id/files/:fileId',
    {
      config: { access: { permission: 'rectification.read', resource: 'rectification' } },
      schema: { tags: ['rectifications'], description: 'A proof file as uploaded; its SHA-256 in x-content-sha256.', params: z.object({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() }) },
    },
    async (req, typedReply) => {
      const reply: FastifyReply = typedReply;
      const f = await attempt(() => proofFile(db, req.params.id, req.params.fileId, req.scope!));
      if (f === undefined) throw notFound('file');
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
      reply.header('x-content-sha256', f.sha256);
      return reply.type('application/octet-stream').send(f.bytes);
    },
  );

  app.post(
    '/api/rectifications',
    {
      config: { access: { permission: 'cases.work' } },
      schema: {
        tags: ['rectifications'],
        description: 'An order to correct made directly for an enterprise of the caller\'s region (e.g. after an inspection finding without a case; a case\'s order_correction act makes one by itself), with its re-inspection task due within 30 days of service [DPM].',
        body: z.object({
          enterpriseId: z.number().int().positive(),
          caseId: z.number().int().positive().nullable().default(null),
          requirement: z.string().trim().min(1).max(2000),
          deadlineDays: z.number().int().min(1).max(365),
          orderedAt: z.number().int().nonnegative().optional(),
        }),
      },
    },
    async (req, reply) => {
      const b = req.body;
      const row = await attempt(() => createOrder(db, { enterpriseId: b.enterpriseId, caseId: b.caseId, requirement: b.requirement, deadlineDays: b.deadlineDays, ...(b.orderedAt === undefined ? {} : { orderedAt: b.orderedAt }) }, contextOf(req.principal!, req.scope!, req.ip, deps.now())));
      void reply.status(201);
      return rectificationDetail(db, row.id, req.scope!, deps.now());
    },
  );

  app.post(
    '/api/rectifications/:id/proofs',
    {
      config: { access: { permission: 'rectification.submit', resource: 'rectification' } },
      schema: {
        tags: ['rectifications'],
        description: 'The enterprise\'s proof of correction: a written explanation and files, each with the SHA-256 the browser computed and its bytes (base64). A file whose bytes do not hash to the sent SHA-256 is 400 and nothing is stored.',
        params: id,
        body: z.object({
          text: z.string().trim().max(8000).default(''),
          files: z.array(z.object({ name: z.string().trim().min(1).max(200), sha256: z.string().regex(/^[0-9a-fA-F]{64}$/), content: z.string().max(12 * 1024 * 1024) })).max(MAX_PROOF_FILES).default([]),
        }),
      },
    },
    async (req) => {
      const row = await attempt(() => submitProofOf(db, req.params.id, req.body, contextOf(req.principal!, req.scope!, req.ip, deps.now())));
      return rectificationDetail(db, row.id, req.scope!, deps.now());
    },
  );

  app.post(
    '/api/rectifications/:id/reinspection',
    {
      config: { access: { permission: 'cases.work', resource: 'rectification' } },
      schema: { tags: ['rectifications'], description: 'The officers begin the re-inspection: no more proof for this round.', params: id },
    },
    async (req) => {
      await attempt(() => startReinspection(db, req.params.id, contextOf(req.principal!, req.scope!, req.ip, deps.now())));
      return rectificationDetail(db, req.params.id, req.scope!, deps.now());
    },
  );

  app.post(
    '/api/rectifications/:id/outcome',
    {
      config: { access: { permission: 'cases.work', resource: 'rectification' } },
      schema: {
        tags: ['rectifications'],
        description:
          'The re-inspection\'s outcome (two officers [APL 42]). Not corrected: a daily-penalty round of the original fine × the days from the day after service through the re-inspection [EPL 59, DPM], ' +
          'stored with its explanation, and the next round\'s order served at the re-inspection, unless production was restricted, suspended or sealed by then [DPM].',
        params: id,
        body: z.object({
          corrected: z.boolean(),
          reinspectedAt: z.number().int().nonnegative(),
          officers: z.array(z.number().int().positive()).min(1).max(20),
          findings: z.string().trim().max(8000).default(''),
        }),
      },
    },
    async (req): Promise<RectificationOutcome> => {
      const r = await attempt(() => recordOutcome(db, req.params.id, req.body, contextOf(req.principal!, req.scope!, req.ip, deps.now())));
      return { rectification: await rectificationDetail(db, req.params.id, req.scope!, deps.now()), round: r.round, nextId: r.next?.id ?? null };
    },
  );

  app.post(
    '/api/rectifications/:id/measures',
    {
      config: { access: { permission: 'cases.decide', resource: 'rectification' } },
      schema: {
        tags: ['rectifications'],
        description: 'Production restricted, suspended or the facilities sealed (the head\'s decision): no daily-penalty round of this order\'s chain is counted from then on [DPM].',
        params: id,
        body: z.object({ kind: z.enum(MEASURE_KINDS), at: z.number().int().nonnegative(), note: z.string().trim().max(2000).default('') }),
      },
    },
    async (req, reply) => {
      const measureId = await attempt(() => recordMeasure(db, req.params.id, req.body, contextOf(req.principal!, req.scope!, req.ip, deps.now())));
      void reply.status(201);
      return { id: measureId };
    },
  );

  app.post(
    '/api/rectifications/:id/cancel',
    {
      config: { access: { permission: 'cases.decide', resource: 'rectification' } },
      schema: { tags: ['rectifications'], description: 'Withdraws an open order (the head), with the reason; its re-inspection task is cancelled.', params: id, body: z.object({ reason: z.string().trim().min(1).max(2000) }) },
    },
    async (req) => {
      await attempt(() => cancelOrder(db, req.params.id, req.body.reason, contextOf(req.principal!, req.scope!, req.ip, deps.now())));
      return rectificationDetail(db, req.params.id, req.scope!, deps.now());
    },
  );

  app.get(
    '/api/cases/:id/rectifications',
    {
      config: { access: { permission: 'cases.read', resource: 'case' } },
      schema: { tags: ['rectifications'], description: 'The case\'s orders to correct and every daily-penalty round stored for it, with the total.', params: id },
    },
    async (req) => caseRectifications(db, req.params.id, req.scope!, deps.now()),
  );
}
