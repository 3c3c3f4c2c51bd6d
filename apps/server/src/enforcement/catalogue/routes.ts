// The enforcement-matter catalogue, the discretion benchmark tables and the fault-tolerance list (issue 5
// §4, §6): readable by everyone who reads the registry, changed only with `rules.write` (the admin), each
// change a new version (the editor sends the version it edited: 409 when someone saved in between), audited.
// The fine preview runs the discretion engine on the versions in force; the published benchmarks are public
// (APL 34), the one read here that needs no login.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { DiscretionTableHistory, DiscretionTableList, FaultItemHistory, FaultItemList, MatterHistory, MatterList } from '@ecoenforce/contract';
import { APOLOGY_BARS, AGGRAVATING_CASES, FAULT_TOLERANCE_SEED_NOTE, MITIGATION_FLAGS } from '@ecoenforce/domain';
import {
  CatalogueError, currentFaultItems, currentMatters, currentTables, faultItemHistory, matterHistory, retireMatter, saveFaultItem, saveMatter, saveTable, tableHistory,
  type ChangeContext,
} from './catalogue.ts';
import { previewFine, publishedBenchmarks } from './discretion-preview.ts';
import { ApiError } from '../../platform/errors.ts';
import { actorOf } from '../../accounts/index.ts';
import type { RouteContext } from '../../http/routes.ts';

const meta = { version: z.number(), note: z.string(), createdAt: z.number(), createdBy: z.number().nullable(), createdByName: z.string().nullable() };
// Bodies are described in docs/api.md (and typed in packages/domain); the domain validators check them on save.
const storedMatter = z.object({ code: z.string(), retired: z.boolean(), matter: z.unknown().describe('EnforcementMatter'), ...meta });
const storedTable = z.object({ id: z.string(), table: z.unknown().describe('DiscretionTable'), ...meta });
const storedItem = z.object({ id: z.string(), item: z.unknown().describe('FaultToleranceEntry'), ...meta });

const note = z.string().trim().max(500).default('');
/** The version the editor started from; null for a new entry. */
const baseVersion = z.number().int().min(1).nullable();
const matterCode = z.string().min(1).max(60);
const key = z.string().min(1).max(60);

const fact = z.union([
  z.object({ proven: z.literal(false), note: z.string().max(500).optional() }),
  z.object({ proven: z.literal(true), levels: z.array(z.string().max(40)).min(1).max(20), evidence: z.array(z.string().max(500)).max(50).optional() }),
  z.object({ proven: z.literal(true), value: z.number(), evidence: z.array(z.string().max(500)).max(50).optional() }),
]);
const previewBody = z.object({
  matterCode,
  facts: z.record(z.string().max(40), fact).optional(),
  circumstance: z.enum(['ordinary', 'mitigated', 'aggravated']).optional(),
  aggravating: z.array(z.string().max(40)).max(20).optional(),
  mitigating: z.array(z.enum(MITIGATION_FLAGS)).max(10).optional(),
  proposedAmount: z.number().int().nonnegative().optional(),
  instances: z.number().int().optional(),
  base: z.number().nonnegative().optional(),
  apology: z.object({
    correctedBeforeDecision: z.boolean(), apologisedPublicly: z.boolean(), pledged: z.boolean(), reductionPercent: z.number(), bars: z.array(z.string().max(40)).max(20).optional(),
  }).optional(),
});
const preview = z.object({
  amount: z.number(),
  explanation: z.unknown().describe('FineExplanation: each factor with its level, weight and source, the formula and every step'),
  matter: z.object({ code: z.string(), version: z.number() }),
  table: z.object({ id: z.string(), version: z.number() }).nullable(),
});

/** The service's typed error as the one HTTP error shape. */
function asApiError(err: unknown): unknown {
  if (!(err instanceof CatalogueError)) return err;
  switch (err.code) {
    case 'invalid':
      return new ApiError('bad_request', err.message, err.details);
    case 'refused':
      // The discretion engine's refusal: its code (e.g. proposal_required) and, where it gives one, the band.
      return new ApiError('bad_request', err.message, err.details);
    case 'not_found':
      return new ApiError('not_found', err.message);
    case 'stale':
    case 'exists':
    case 'already_retired':
    case 'retired':
      return new ApiError('conflict', err.message, { reason: err.code, ...(typeof err.details === 'object' && err.details !== null ? err.details : {}) });
  }
}

async function run<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    throw asApiError(err);
  }
}

export function catalogueRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;
  const ctxOf = (req: FastifyRequest): ChangeContext => ({ actor: actorOf(req.principal!), userId: req.principal!.userId, ip: req.ip, at: deps.now() });
  const read = { access: { permission: 'registry.read' as const } };
  const write = { access: { permission: 'rules.write' as const } };
  const tags = ['catalogue'];

  app.get(
    '/api/matters',
    {
      config: read,
      schema: {
        tags, description: 'The enforcement-matter catalogue (执法事项): the newest version of every matter; retired ones with includeRetired',
        querystring: z.object({ includeRetired: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ items: z.array(storedMatter) }) },
      },
    },
    async (req): Promise<MatterList> => ({ items: await currentMatters(db, deps.now(), { includeRetired: req.query.includeRetired === 'true' }) }),
  );

  app.get(
    '/api/matters/:code/history',
    {
      config: read,
      schema: { tags, description: 'Every version of one matter, newest first', params: z.object({ code: matterCode }), response: { 200: z.object({ code: z.string(), items: z.array(storedMatter) }) } },
    },
    async (req): Promise<MatterHistory> => {
      const items = await matterHistory(db, req.params.code, deps.now());
      if (items.length === 0) throw new ApiError('not_found', `matter ${req.params.code} not found`);
      return { code: req.params.code, items };
    },
  );

  app.post(
    '/api/matters',
    {
      config: write,
      schema: {
        tags, description: 'Stores a new matter (baseVersion null) or the next version of one (baseVersion = the version edited; 409 when stale); validated, audited',
        body: z.object({ baseVersion, note, matter: z.record(z.string(), z.unknown()) }),
        response: { 201: storedMatter },
      },
    },
    async (req, reply) => reply.status(201).send(await run(() => saveMatter(db, req.body, ctxOf(req)))),
  );

  app.post(
    '/api/matters/:code/retire',
    {
      config: write,
      schema: {
        tags, description: 'Takes a matter out of force as its next version (audited); a later edit restores it',
        params: z.object({ code: matterCode }),
        body: z.object({ baseVersion: z.number().int().min(1), reason: z.string().trim().min(2).max(500) }),
        response: { 201: storedMatter },
      },
    },
    async (req, reply) => reply.status(201).send(await run(() => retireMatter(db, req.params.code, req.body.baseVersion, req.body.reason, ctxOf(req)))),
  );

  app.get(
    '/api/discretion-tables',
    {
      config: read,
      schema: {
        tags, description: 'The discretion benchmark tables in force (newest versions), and the aggravating cases, apology bars and mitigation flags the engine knows',
        response: {
          200: z.object({
            items: z.array(storedTable),
            aggravating: z.array(z.object({ key: z.string(), label: z.object({ zh: z.string(), en: z.string() }), source: z.string() })),
            apologyBars: z.array(z.object({ key: z.string(), label: z.object({ zh: z.string(), en: z.string() }), source: z.string() })),
            mitigating: z.array(z.string()),
          }),
        },
      },
    },
    async (): Promise<DiscretionTableList> => ({ items: await currentTables(db, deps.now()), aggravating: [...AGGRAVATING_CASES], apologyBars: [...APOLOGY_BARS], mitigating: [...MITIGATION_FLAGS] }),
  );

  app.get(
    '/api/discretion-tables/:id/history',
    {
      config: read,
      schema: { tags, description: 'Every version of one discretion table, newest first', params: z.object({ id: key }), response: { 200: z.object({ id: z.string(), items: z.array(storedTable) }) } },
    },
    async (req): Promise<DiscretionTableHistory> => {
      const items = await tableHistory(db, req.params.id, deps.now());
      if (items.length === 0) throw new ApiError('not_found', `discretion table ${req.params.id} not found`);
      return { id: req.params.id, items };
    },
  );

  app.post(
    '/api/discretion-tables',
    {
      config: write,
      schema: {
        tags, description: 'Stores a new discretion table or the next version of one (409 when stale); validated (GD art. 6 bands and weights), audited',
        body: z.object({ baseVersion, note, table: z.record(z.string(), z.unknown()) }),
        response: { 201: storedTable },
      },
    },
    async (req, reply) => reply.status(201).send(await run(() => saveTable(db, req.body, ctxOf(req)))),
  );

  app.get(
    '/api/fault-tolerance',
    {
      config: read,
      schema: { tags, description: 'The fault-tolerance list (容错清单): the newest version of every entry, active or withdrawn', response: { 200: z.object({ items: z.array(storedItem), seedNote: z.string() }) } },
    },
    async (): Promise<FaultItemList> => ({ items: await currentFaultItems(db), seedNote: FAULT_TOLERANCE_SEED_NOTE }),
  );

  app.get(
    '/api/fault-tolerance/:id/history',
    {
      config: read,
      schema: { tags, description: 'Every version of one fault-tolerance entry, newest first', params: z.object({ id: key }), response: { 200: z.object({ id: z.string(), items: z.array(storedItem) }) } },
    },
    async (req): Promise<FaultItemHistory> => {
      const items = await faultItemHistory(db, req.params.id);
      if (items.length === 0) throw new ApiError('not_found', `fault-tolerance entry ${req.params.id} not found`);
      return { id: req.params.id, items };
    },
  );

  app.post(
    '/api/fault-tolerance',
    {
      config: write,
      schema: {
        tags, description: 'Stores a new fault-tolerance entry or the next version of one (active false withdraws it; 409 when stale); audited',
        body: z.object({ baseVersion, note, item: z.record(z.string(), z.unknown()) }),
        response: { 201: storedItem },
      },
    },
    async (req, reply) => reply.status(201).send(await run(() => saveFaultItem(db, req.body, ctxOf(req)))),
  );

  app.post(
    '/api/discretion/preview',
    {
      config: read,
      schema: {
        tags, description: 'What the fine would be: the discretion engine on the matter and table in force, with the full explanation (nothing is stored)',
        body: previewBody,
        response: { 200: preview },
      },
    },
    async (req) => run(() => previewFine(db, req.body, deps.now())),
  );

  app.get(
    '/api/public/benchmarks',
    {
      config: { access: { public: true } },
      schema: {
        tags, description: 'Public, no login (APL 34): the enforcement matters and discretion benchmark tables in force, with their versions',
        response: {
          200: z.object({
            matters: z.array(storedMatter.omit({ createdBy: true, createdByName: true }).extend({ citations: z.object({ legalBasis: z.string(), penaltyBasis: z.string() }) })),
            tables: z.array(storedTable.omit({ createdBy: true, createdByName: true }).extend({ citations: z.object({ table: z.string(), start: z.string(), factors: z.record(z.string(), z.string()) }) })),
          }),
        },
      },
    },
    async () => publishedBenchmarks(db, deps.now()),
  );
}
