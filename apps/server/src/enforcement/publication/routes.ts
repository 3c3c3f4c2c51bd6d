// Typical cases for staff (issue 5 §9): preview a closed case's redaction, publish it in a named batch,
// withdraw it; and the public pages' API, served without login and rate-limited per client address:
// double-random results, typical cases, penalty decisions (structured summaries only, see
// enforcement/publication/public-pages.ts for why the decision PDF is not served).
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { ApiError, notFound } from '../../platform/errors.ts';
import { Throttle } from '../../accounts/index.ts';
import type { PublicTypical, TypicalCandidates, TypicalCase } from '@ecoenforce/contract';
import { listTypical, previewTypical, publishTypical, typicalById, typicalCandidates, withdrawTypical } from './typical-cases.ts';
import { publicDecisions, publicDraw, publicDraws } from './public-pages.ts';
import { contextOf, runPublication } from '../draws/routes.ts';
import type { RouteContext } from '../../http/routes.ts';

const id = z.object({ id: z.coerce.number().int().positive() });
const content = z.record(z.string(), z.unknown());
const typical = z.object({
  id: z.number(), caseId: z.number(), batch: z.string(), title: z.string(), regionCode: z.string(), content, publishedAt: z.number(), publishedBy: z.number(),
  withdrawn: z.object({ at: z.number(), by: z.number(), reason: z.string() }).nullable(),
});
const publicTypical = typical.omit({ caseId: true, publishedBy: true, withdrawn: true });
const listQuery = z.object({ region: z.string().regex(/^\d{2,6}$/).optional(), limit: z.coerce.number().int().min(1).max(100).default(50), before: z.coerce.number().int().positive().optional() });
const asResponse = (t: TypicalCase) => ({ ...t, content: t.content as unknown as Record<string, unknown> });
const asPublic = (t: TypicalCase) => {
  const p: PublicTypical = { id: t.id, batch: t.batch, title: t.title, regionCode: t.regionCode, content: t.content, publishedAt: t.publishedAt };
  return { ...p, content: p.content as unknown as Record<string, unknown> };
};

/**
 * Requests per client address and minute on the public pages: generous for a reader, a brake on scraping
 * loops. Product default, not law. In memory, like the login throttle (throttle.ts).
 */
export const PUBLIC_RATE = { max: 120, windowMs: 60_000 };

export function publicationRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;
  const tags = ['typical-cases'];

  app.get('/api/typical-cases', {
    config: { access: { permission: 'publication.read' } },
    schema: { tags, querystring: z.object({ batch: z.string().max(60).optional() }), response: { 200: z.object({ items: z.array(typical) }) } },
  }, async (req) => ({ items: (await listTypical(db, { regionPrefix: req.scope!.regionPrefix, batch: req.query.batch, publicOnly: false, limit: 500 })).map(asResponse) }));

  app.get('/api/typical-cases/candidates', {
    config: { access: { permission: 'publication.write' } },
    schema: {
      tags, description: 'The closed cases of the caller\'s region, newest first (at most 500), by number and party: what a typical case is chosen from',
      response: { 200: z.object({ items: z.array(z.object({ id: z.number(), number: z.string().nullable(), enterpriseName: z.string(), closedAt: z.number().nullable() })) }) },
    },
  }, async (req): Promise<TypicalCandidates> => typicalCandidates(db, req.scope!));

  app.post('/api/typical-cases/preview', {
    config: { access: { permission: 'publication.write' } },
    schema: { tags, description: 'The redacted content a closed case would be published with (nothing is stored)', body: z.object({ caseId: z.number().int().positive() }), response: { 200: content } },
  }, async (req) => (await runPublication(() => previewTypical(db, req.body.caseId, req.scope!))) as unknown as Record<string, unknown>);

  app.post('/api/typical-cases', {
    config: { access: { permission: 'publication.write' } },
    schema: { tags, body: z.object({ caseId: z.number().int().positive(), batch: z.string().trim().min(2).max(60), title: z.string().trim().min(2).max(200).optional() }), response: { 200: typical } },
  }, async (req) => asResponse(await runPublication(() => publishTypical(db, req.body, contextOf(req, deps.now())))));

  app.post('/api/typical-cases/:id/withdraw', {
    config: { access: { permission: 'publication.write' } },
    schema: { tags, params: id, body: z.object({ reason: z.string().trim().min(2).max(2000) }), response: { 200: typical } },
  }, async (req) => asResponse(await runPublication(() => withdrawTypical(db, req.params.id, req.body.reason, contextOf(req, deps.now())))));

  // ---- Public, no login -------------------------------------------------------------------------------------
  const throttle = new Throttle(PUBLIC_RATE);
  const pub = { access: { public: true as const } };
  const ptags = ['public'];
  const limited = (req: FastifyRequest, _reply: unknown, done: (err?: Error) => void): void => {
    // Wall-clock, not the platform clock: the limit protects the process whatever time the demo simulates.
    const now = Date.now();
    const wait = throttle.retryAfter(req.ip, now);
    if (wait > 0) {
      done(new ApiError('throttled', `too many requests; try again in ${wait} s`, { retryAfterSeconds: wait }));
      return;
    }
    // The throttle counts failures; here every request counts.
    throttle.fail(req.ip, now);
    done();
  };
  const drawView = z.object({
    id: z.number(), regionCode: z.string(), period: z.string(), published: z.boolean(),
    // commitmentView and publicView of packages/domain/src/enforcement/draw-public.ts.
    commitment: z.record(z.string(), z.unknown()), view: z.record(z.string(), z.unknown()).nullable(),
    voided: z.object({ at: z.number(), reason: z.string() }).nullable(),
  });
  const decision = z.object({
    caseId: z.number(), caseNumber: z.string(), regionCode: z.string(), regionName: z.string(), enterpriseName: z.string(), uscc: z.string(),
    matter: z.object({ code: z.string(), version: z.number(), name: z.string() }), legalBasis: z.array(z.string()), penaltyBasis: z.string(),
    amount: z.number().nullable(), decidedOn: z.string().nullable(), closedOn: z.string().nullable(), state: z.string(),
  });
  const asDraw = <T extends { commitment: object; view: object | null }>(d: T) => ({ ...d, commitment: d.commitment as Record<string, unknown>, view: d.view as Record<string, unknown> | null });

  app.get('/api/public/draws', {
    config: pub, onRequest: limited,
    schema: { tags: ptags, description: 'Public, no login: double-random draws; the lists once publishable, the commitment (digests) before', querystring: listQuery, response: { 200: z.object({ items: z.array(drawView) }) } },
  }, async (req) => ({ items: (await publicDraws(db, req.query, deps.now())).map(asDraw) }));

  app.get('/api/public/draws/:id', { config: pub, onRequest: limited, schema: { tags: ptags, params: id, response: { 200: drawView } } }, async (req) => {
    const d = await publicDraw(db, req.params.id, deps.now());
    if (d === undefined) throw notFound('draw');
    return asDraw(d);
  });

  app.get('/api/public/typical-cases', {
    config: pub, onRequest: limited,
    schema: { tags: ptags, description: 'Public, no login: published typical cases (redacted), newest first', querystring: listQuery.extend({ batch: z.string().max(60).optional() }), response: { 200: z.object({ items: z.array(publicTypical) }) } },
  }, async (req) => ({ items: (await listTypical(db, { regionPrefix: req.query.region, batch: req.query.batch, publicOnly: true, limit: req.query.limit, before: req.query.before })).map(asPublic) }));

  app.get('/api/public/typical-cases/:id', { config: pub, onRequest: limited, schema: { tags: ptags, params: id, response: { 200: publicTypical } } }, async (req) => {
    const t = await typicalById(db, req.params.id);
    if (t === undefined || t.withdrawn !== null) throw notFound('typical case');
    return asPublic(t);
  });

  app.get('/api/public/decisions', {
    config: pub, onRequest: limited,
    schema: { tags: ptags, description: 'Public, no login: penalty decisions served or later, as structured summaries (the PDF is not served: it holds personal data)', querystring: listQuery, response: { 200: z.object({ items: z.array(decision) }) } },
  }, async (req) => ({ items: await publicDecisions(db, req.query) }));
}
