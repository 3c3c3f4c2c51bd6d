// Guided on-site inspection over HTTP (issue 5 §3): the task's generated checklist, the phone's outbox sync
// (idempotent by client op id; a stale base version comes back as a conflict with both values), evidence
// upload with its SHA-256 checked again, and the inspections of a task. The rules are in
// enforcement/inspections/inspections.ts; working an inspection needs tasks.work and, there, being on the task.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { can } from '../../access/index.ts';
import { ApiError } from '../../platform/errors.ts';
import { ChecklistError, taskChecklist } from './checklist.ts';
import type { SyncOp } from '@ecoenforce/contract';
import { InspectionError, syncInspections, taskInspections } from './inspections.ts';
import { evidenceTarget, storeEvidence } from './inspection-evidence.ts';
import { inspectionLocation, inspectionRecordRequest } from './inspection-record.ts';
import { canSee } from '../../access/index.ts';
import { notFound } from '../../platform/errors.ts';
import { renderedOrApiError } from '../../http/pdf-reply.ts';
import type { FastifyReply } from 'fastify';
import { actorOf } from '../../accounts/index.ts';
import type { RouteContext } from '../../http/routes.ts';

const id = z.object({ id: z.coerce.number().int().positive() });
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a uuid');
const opId = z.string().min(8).max(100).regex(/^[\w:.-]+$/);
const itemKey = z.string().min(1).max(200).regex(/^[\w:.\-·]+$/);
const time = z.number().int().nonnegative();
const gps = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180), accuracy: z.number().nonnegative().max(1e6) });
const RESULT = z.enum(['compliant', 'violation', 'not_applicable']);
const op = z.discriminatedUnion('kind', [
  z.object({ opId, kind: z.literal('start'), inspection: uuid, taskId: z.number().int().positive(), checklistHash: z.string().regex(/^[0-9a-f]{64}$/), startedAt: time, deviceTime: time, gps: gps.nullable() }),
  z.object({ opId, kind: z.literal('item'), inspection: uuid, itemKey, baseVersion: z.number().int().nonnegative(), result: RESULT, note: z.string().max(2000).nullable(), matterCode: z.string().max(50).nullable() }),
  z.object({ opId, kind: z.literal('finish'), inspection: uuid, baseVersion: z.number().int().nonnegative(), finishedAt: time, summary: z.string().max(2000).nullable() }),
]);
const itemValue = z.object({ result: RESULT, note: z.string().nullable(), matterCode: z.string().nullable(), version: z.number() });
const opResult = z.union([
  z.object({ opId: z.string(), status: z.literal('applied'), version: z.number(), duplicate: z.boolean() }),
  z.object({ opId: z.string(), status: z.literal('conflict'), duplicate: z.boolean(), server: z.union([itemValue, z.object({ version: z.number(), finishedAt: z.number().nullable() })]), client: z.unknown() }),
  z.object({ opId: z.string(), status: z.literal('rejected'), duplicate: z.boolean(), code: z.enum(['bad_request', 'conflict']), message: z.string() }),
]);
const fact = z.union([z.string(), z.number(), z.null()]);
const checklistSchema = z.object({
  taskId: z.number(), enterpriseId: z.number(), enterpriseName: z.string(), industry: z.string(), generatedAt: z.number(), hash: z.string(),
  items: z.array(z.object({ key: z.string(), section: z.string(), group: z.string(), zh: z.string(), en: z.string(), source: z.string().nullable(), facts: z.record(z.string(), fact), attention: z.array(z.string()) })),
});
const evidenceQuery = z.object({
  evidence: uuid, itemKey, sha256: z.string().regex(/^[0-9a-fA-F]{64}$/), mime: z.string().regex(/^image\/[\w.+-]+$/), capturedAt: z.coerce.number().int().nonnegative(),
  lat: z.coerce.number().min(-90).max(90).optional(), lon: z.coerce.number().min(-180).max(180).optional(), accuracy: z.coerce.number().nonnegative().optional(),
});

async function run<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof InspectionError || err instanceof ChecklistError) throw new ApiError(err.code, err.message);
    throw err;
  }
}

export function inspectionRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;
  const ctxOf = (req: FastifyRequest) => ({
    task: { actor: actorOf(req.principal!), userId: req.principal!.userId, regionCode: req.principal!.regionCode, scope: req.scope!, ip: req.ip, at: deps.now() },
    dispatches: can(req.principal!.role, 'tasks.dispatch'),
  });

  app.get(
    '/api/tasks/:id/checklist',
    { config: { access: { permission: 'tasks.read', resource: 'task' } }, schema: { tags: ['inspections'], params: id, response: { 200: checklistSchema } } },
    async (req) => run(() => taskChecklist(db, req.params.id, deps.now())),
  );

  app.get(
    '/api/tasks/:id/inspections',
    { config: { access: { permission: 'tasks.read', resource: 'task' } }, schema: { tags: ['inspections'], params: id } },
    async (req) => ({ items: await taskInspections(db, req.params.id) }),
  );

  app.get(
    '/api/inspections/:uuid/record.pdf',
    {
      // Read like the task's inspections (tasks.read); the inspection is found by uuid, so its task's region is checked here.
      config: { access: { permission: 'tasks.read' } },
      schema: { tags: ['inspections'], description: 'The 现场检查笔录 of the stored inspection as a PDF: officers with their certificate numbers, time, place, position, each item\'s verdict, violations with their matters, the photos with SHA-256.', params: z.object({ uuid }) },
    },
    async (req, typedReply) => {
      const reply: FastifyReply = typedReply;
      const at = await inspectionLocation(db, req.params.uuid);
      if (at === undefined || !canSee(req.scope!, at)) throw notFound('inspection');
      const request = await inspectionRecordRequest(db, req.params.uuid, deps.now());
      if (request === undefined) throw notFound('inspection');
      const bytes = await renderedOrApiError(deps.pdf!.render(request), reply);
      reply.header('content-disposition', `inline; filename="inspection-${req.params.uuid}.pdf"`);
      return reply.type('application/pdf').send(bytes);
    },
  );

  app.post(
    '/api/inspections/sync',
    {
      config: { access: { permission: 'tasks.work' } },
      schema: { tags: ['inspections'], body: z.object({ ops: z.array(op).min(1).max(500) }), response: { 200: z.object({ results: z.array(opResult) }) } },
    },
    async (req) => ({ results: await run(() => syncInspections(db, req.body.ops as SyncOp[], ctxOf(req))) }),
  );

  app.post(
    '/api/inspections/:uuid/evidence',
    {
      config: { access: { permission: 'tasks.work' } },
      schema: {
        tags: ['inspections'],
        description: 'multipart/form-data with one file field; the query declares the evidence uuid, item, sha256 (hex, computed at capture), mime, capture time and GPS',
        params: z.object({ uuid }),
        querystring: evidenceQuery,
        response: { 200: z.object({ uuid: z.string(), sha256: z.string(), size: z.number(), duplicate: z.boolean() }) },
      },
    },
    async (req) => {
      // Scope and assignment first: an outsider learns nothing from how the body is malformed.
      await run(() => evidenceTarget(db, req.params.uuid, ctxOf(req)));
      const file = await req.file({ limits: { fileSize: 16 * 1024 * 1024, files: 1 } }).catch(() => undefined);
      if (file === undefined) throw new ApiError('bad_request', 'send the photo as multipart/form-data with a file field');
      const bytes = await file.toBuffer().catch(() => {
        throw new ApiError('bad_request', 'the file is too large');
      });
      const q = req.query;
      const meta = { evidenceUuid: q.evidence, itemKey: q.itemKey, sha256: q.sha256, mime: q.mime, capturedAt: q.capturedAt, lat: q.lat ?? null, lon: q.lon ?? null, accuracy: q.accuracy ?? null };
      return run(() => storeEvidence(db, req.params.uuid, meta, bytes, ctxOf(req)));
    },
  );
}
