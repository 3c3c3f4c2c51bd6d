// Double random over HTTP (issue 5 §2): run a draw for a region and period, read it, re-run it to verify,
// void it with a reason; keep the positive list and officers' conflicts of interest; the officers' yearly quota. The rules live in
// enforcement/draws/draws.ts and draw-lists.ts; every mutation there writes its audit row in its transaction.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { DEFAULT_DRAW_POLICY, DRAW_ALGORITHM, OFFICER_POOLS } from '@ecoenforce/domain';
import { ApiError, notFound } from '../../platform/errors.ts';
import { canSee } from '../../access/index.ts';
import type { DrawOfficers, DrawPolicyAnswer, DrawVerification, StoredDraw } from '@ecoenforce/contract';
import { drawById, listDraws, PublicationError, runDraw, verifyStoredDraw, voidDraw } from './draws.ts';
import { drawQuota } from './draw-quota.ts';
import { addPositive, declareConflict, drawOfficers, listConflicts, listPositive, removePositive, withdrawConflict } from './draw-lists.ts';
import type { TaskContext } from '../tasks/tasks.ts';
import { actorOf } from '../../accounts/index.ts';
import type { RouteContext } from '../../http/routes.ts';

const tags = ['draws'];
const id = z.object({ id: z.coerce.number().int().positive() });
const reason = z.object({ reason: z.string().trim().min(2).max(2000) });
const ok = z.object({ ok: z.literal(true) });
const policySchema = z.object({
  id: z.string().min(1).max(60), version: z.number().int(), source: z.string().max(500),
  tierPercent: z.object({ high: z.number(), medium: z.number(), low: z.number() }),
  keyUnitMinimumPercent: z.object({ province: z.number(), city: z.number(), county: z.number() }),
  officersPerObject: z.number().int(), recentInspectionDays: z.number().int(),
  // Whose officers are drawn; absent = 'own'. withBranches only for a city bureau (its 分局), else 400.
  officerPool: z.enum(OFFICER_POOLS).optional(),
});
const drawSchema = z.object({
  id: z.number(), regionCode: z.string(), period: z.string(), publishedValue: z.string(), seed: z.string(), drawnAt: z.number(), drawnBy: z.number(), publishableAfter: z.number(),
  // The domain DrawRecord (packages/domain/src/enforcement/draw-types.ts), as stored.
  record: z.record(z.string(), z.unknown()),
  tasks: z.array(z.object({ enterpriseId: z.number(), uscc: z.string(), taskId: z.number(), offSite: z.boolean() })),
  enterprises: z.record(z.string(), z.string()),
  officers: z.record(z.string(), z.string()),
  voided: z.object({ at: z.number(), by: z.number(), reason: z.string() }).nullable(),
});
const quotaSchema = z.object({
  regionCode: z.string(), year: z.number(), level: z.enum(['province', 'city', 'county']), quota: z.number().nullable(), source: z.string(), draws: z.number(),
  officers: z.array(z.object({ officerId: z.number(), name: z.string(), current: z.boolean(), drawn: z.number(), done: z.number(), met: z.boolean().nullable(), short: z.number().nullable() })),
});
const listing = z.object({
  id: z.number(), enterpriseId: z.number(), enterpriseName: z.string(), uscc: z.string(), regionCode: z.string(), listedAt: z.number(), validTo: z.number().nullable(),
  reason: z.string(), removedAt: z.number().nullable(), removeReason: z.string().nullable(), inForce: z.boolean(),
});
const conflict = z.object({
  id: z.number(), officerId: z.number(), officerName: z.string(), enterpriseId: z.number(), enterpriseName: z.string(), reason: z.string(), declaredAt: z.number(), withdrawnAt: z.number().nullable(),
});

export async function runPublication<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof PublicationError) throw new ApiError(err.code, err.message, err.details);
    throw err;
  }
}

export const contextOf = (req: FastifyRequest, now: number): TaskContext => ({
  actor: actorOf(req.principal!), userId: req.principal!.userId, regionCode: req.principal!.regionCode, scope: req.scope!, ip: req.ip, at: now,
});

const asResponse = (d: StoredDraw) => ({ ...d, record: d.record as unknown as Record<string, unknown> });

export function drawRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;
  const read = { access: { permission: 'draws.read' as const } };
  const write = { access: { permission: 'draws.run' as const } };
  /** The draw's tasks go on the live board only once the draw is committed (runDraw has returned). */
  const tellBoard = async (d: StoredDraw): Promise<void> => {
    const ids = d.tasks.map((t) => t.taskId);
    if (ids.length === 0) return;
    const rows = await db.selectFrom('tasks').select(['id', 'region_code', 'status', 'escalation']).where('id', 'in', ids).execute();
    for (const t of rows) deps.live.task({ regionCode: t.region_code, enterpriseId: null }, { id: Number(t.id), status: t.status, escalation: Number(t.escalation) });
  };
  const visible = (req: FastifyRequest, d: StoredDraw | undefined): StoredDraw => {
    if (d === undefined || !canSee(req.scope!, { regionCode: d.regionCode, enterpriseId: null })) throw notFound('draw');
    return d;
  };

  app.get('/api/draws/policy', {
    config: read,
    schema: { tags, description: 'The default draw policy (proportions by risk tier, statutory floors [W11]) and the published algorithm', response: { 200: z.object({ policy: policySchema, algorithm: z.record(z.string(), z.unknown()) }) } },
  }, () => ({ policy: { ...DEFAULT_DRAW_POLICY }, algorithm: { ...DRAW_ALGORITHM } }) satisfies DrawPolicyAnswer);

  app.get('/api/draws', { config: read, schema: { tags, response: { 200: z.object({ items: z.array(drawSchema) }) } } }, async (req) => ({ items: (await listDraws(db, req.scope!)).map(asResponse) }));

  app.post('/api/draws', {
    config: write,
    schema: {
      tags, description: 'Draws inspection objects and officers for a region (default: the caller\'s) and period; one standing draw per region and period (409)',
      body: z.object({
        regionCode: z.string().regex(/^\d{6}$/).optional(), period: z.string().trim().min(4).max(40), published: z.string().trim().min(1).max(200),
        publishableAfter: z.number().int().positive().optional(), policy: policySchema.optional(),
      }),
      response: { 200: drawSchema },
    },
  }, async (req) => {
    const b = req.body;
    const d = await runPublication(() => runDraw(db, { regionCode: b.regionCode ?? req.principal!.regionCode, period: b.period, published: b.published, publishableAfter: b.publishableAfter, policy: b.policy }, contextOf(req, deps.now())));
    await tellBoard(d);
    return asResponse(d);
  });

  app.get('/api/draws/quota', {
    config: read,
    schema: {
      tags, description: 'Each officer of the region\'s bureau: general units drawn onto them by standing draws of the year, done, and the yearly quota (city 5, county 10 [W11])',
      querystring: z.object({ regionCode: z.string().regex(/^\d{6}$/).optional(), year: z.coerce.number().int().min(1000).max(9999).optional() }),
      response: { 200: quotaSchema },
    },
  }, async (req) => {
    const year = req.query.year ?? new Date(deps.now() + 8 * 3600_000).getUTCFullYear();
    return runPublication(() => drawQuota(db, req.query.regionCode ?? req.principal!.regionCode, year, req.scope!));
  });

  app.get('/api/draws/officers', {
    config: read,
    schema: {
      tags, description: 'The active officers of the caller\'s region and its subtree, by name with their enforcement certificate numbers (执法证号): whom a conflict of interest may be declared for',
      response: { 200: z.object({ items: z.array(z.object({ id: z.number(), displayName: z.string(), role: z.string(), regionCode: z.string(), certificateNo: z.string().nullable() })) }) },
    },
  }, async (req): Promise<DrawOfficers> => drawOfficers(db, req.scope!));

  app.get('/api/draws/:id', { config: read, schema: { tags, params: id, response: { 200: drawSchema } } }, async (req) => asResponse(visible(req, await drawById(db, req.params.id))));

  app.get('/api/draws/:id/verify', {
    config: read,
    schema: { tags, description: 'Re-runs verifyDraw on the stored inputs and compares it with the stored record', params: id, response: { 200: z.object({ ok: z.boolean(), problems: z.array(z.string()), inputsDigest: z.string(), resultDigest: z.string() }) } },
  }, async (req): Promise<DrawVerification> => {
    visible(req, await drawById(db, req.params.id));
    const v = await runPublication(() => verifyStoredDraw(db, req.params.id));
    return { ok: v.ok, problems: v.ok ? [] : v.problems, inputsDigest: v.inputsDigest, resultDigest: v.resultDigest };
  });

  app.post('/api/draws/:id/void', { config: write, schema: { tags, params: id, body: reason, response: { 200: drawSchema } } }, async (req) =>
    asResponse(await runPublication(() => voidDraw(db, req.params.id, req.body.reason, contextOf(req, deps.now())))));

  app.get('/api/positive-list', { config: read, schema: { tags, response: { 200: z.object({ items: z.array(listing) }) } } }, async (req) => ({ items: await listPositive(db, req.scope!, deps.now()) }));

  app.post('/api/positive-list', {
    config: write,
    schema: { tags, body: z.object({ enterpriseId: z.number().int().positive(), reason: z.string().trim().min(2).max(2000), validTo: z.number().int().positive().nullable().optional() }), response: { 200: z.object({ id: z.number() }) } },
  }, async (req) => ({ id: await runPublication(() => addPositive(db, req.body, contextOf(req, deps.now()))) }));

  app.post('/api/positive-list/:id/remove', { config: write, schema: { tags, params: id, body: reason, response: { 200: ok } } }, async (req) => {
    await runPublication(() => removePositive(db, req.params.id, req.body.reason, contextOf(req, deps.now())));
    return { ok: true as const };
  });

  app.get('/api/officer-conflicts', { config: read, schema: { tags, response: { 200: z.object({ items: z.array(conflict) }) } } }, async (req) => ({ items: await listConflicts(db, req.scope!) }));

  app.post('/api/officer-conflicts', {
    config: write,
    schema: { tags, body: z.object({ officerId: z.number().int().positive(), enterpriseId: z.number().int().positive(), reason: z.string().trim().min(2).max(2000) }), response: { 200: z.object({ id: z.number() }) } },
  }, async (req) => ({ id: await runPublication(() => declareConflict(db, req.body, contextOf(req, deps.now()))) }));

  app.post('/api/officer-conflicts/:id/withdraw', { config: write, schema: { tags, params: id, response: { 200: ok } } }, async (req) => {
    await runPublication(() => withdrawConflict(db, req.params.id, contextOf(req, deps.now())));
    return { ok: true as const };
  });
}
