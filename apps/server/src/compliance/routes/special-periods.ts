// Special periods (issue 4 §1): heavy-pollution weather warnings and special events, declared by a region.
// Everyone who reads the registry sees the periods of their region subtree and those declared above it
// (they bind the caller's outlets too); declaring and cancelling need `rules.write` and a region the caller
// manages — a period outside it is a 404, one declared above it a 403. Both are audited, and the hours they
// change are handed to the re-close hook (compliance/special-periods.ts).
import { z } from 'zod';
import { specialKindSchema, specialPeriodSchema, type Items, type SpecialPeriod as SpecialPeriodView } from '@ecoenforce/contract';
import { can } from '../../access/index.ts';
import { ApiError } from '../../platform/errors.ts';
import type { SpecialPeriod } from '../../registry/index.ts';
import {
  cancelPeriod, declarePeriod, effectiveEnd, listPeriods, manages, SpecialPeriodError, type PeriodContext, type Reclose,
} from '../special-periods.ts';
import { actorOf } from '../../accounts/index.ts';
import type { FastifyRequest } from 'fastify';
import type { RouteContext } from '../../http/routes.ts';

const time = z.number().int().nonnegative();
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null).transform((s) => (s === '' ? null : s));

const declareBody = z
  .object({
    regionCode: z.string().regex(/^\d{6}$/, 'a six-digit GB/T 2260 code'),
    kind: specialKindSchema,
    // Heavy-pollution warnings are graded by colour (yellow / orange / red); kept as text, shown as given.
    level: z.string().trim().min(1).max(16).nullable().default(null),
    name: z.string().trim().min(2).max(200),
    startsAt: time,
    endsAt: time,
    source: optionalText(200),
    note: optionalText(1000),
  })
  .refine((b) => b.startsAt < b.endsAt, { message: 'endsAt must be after startsAt', path: ['endsAt'] });
const cancelBody = z.object({
  reason: z.string().trim().min(2).max(1000),
  /** From when the period no longer binds; default now. At or before its start: it never did. */
  from: time.optional(),
});

/** The service's typed error as the one HTTP error shape. */
function asApiError(err: unknown): unknown {
  if (!(err instanceof SpecialPeriodError)) return err;
  const code = err.code === 'not_found' ? 'not_found' : err.code === 'out_of_scope' ? 'forbidden' : err.code === 'overlap' || err.code === 'already_cancelled' ? 'conflict' : 'bad_request';
  return new ApiError(code, err.message, { reason: err.code, field: err.field });
}

export function specialPeriodRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;
  const ctxOf = (req: FastifyRequest): PeriodContext => ({ actor: actorOf(req.principal!), userId: req.principal!.userId, ip: req.ip, at: deps.now() });
  const regionNames = async (codes: string[]): Promise<Map<string, string>> =>
    codes.length === 0 ? new Map() : new Map((await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute()).map((r) => [r.code, r.name]));
  const toPeriod = (p: SpecialPeriod, manager: string | null, names: Map<string, string>, now: number): SpecialPeriodView => ({
    id: Number(p.id), regionCode: p.region_code, regionName: names.get(p.region_code) ?? null, kind: p.kind, level: p.level, name: p.name, startsAt: Number(p.starts_at),
    endsAt: Number(p.ends_at), source: p.source, note: p.note, createdBy: Number(p.created_by), createdAt: Number(p.created_at),
    cancelledAt: p.cancelled_at === null ? null : Number(p.cancelled_at), cancelReason: p.cancel_reason, effectiveEnd: effectiveEnd(p),
    inForce: Number(p.starts_at) <= now && now < effectiveEnd(p), manageable: manager !== null && p.cancelled_at === null && manages(manager, p.region_code),
  });
  async function run<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (err) {
      throw asApiError(err);
    }
  }
  // The compliance runner judges the affected hours again against the limits now in force.
  function reclose(plan: Reclose): void {
    if (deps.reclose === undefined) return;
    for (const p of plan) deps.reclose(p.pointId, p.from, p.to);
  }
  /** Enterprise users and verifiers manage no region (rules.write is the admin's today; kept should that change). */
  const managerOf = (req: FastifyRequest): string => {
    if (req.scope!.enterpriseIds !== null) throw new ApiError('forbidden', 'special periods are declared by a bureau');
    return req.scope!.regionPrefix;
  };

  app.get(
    '/api/special-periods',
    {
      config: { access: { permission: 'registry.read' } },
      schema: {
        tags: ['special-periods'],
        description: 'Heavy-pollution warnings and special events that bind the outlets of your region: declared within it or above it, latest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
        response: { 200: z.object({ items: z.array(specialPeriodSchema) }) },
      },
    },
    async (req): Promise<Items<SpecialPeriodView>> => {
      const prefix = req.scope!.regionPrefix;
      const rows = await listPeriods(db, prefix, req.query.limit);
      const names = await regionNames([...new Set(rows.map((r) => r.region_code))]);
      const now = deps.now();
      const manager = can(req.principal!.role, 'rules.write') && req.scope!.enterpriseIds === null ? prefix : null;
      return { items: rows.map((r) => toPeriod(r, manager, names, now)) };
    },
  );

  app.post(
    '/api/special-periods',
    {
      config: { access: { permission: 'rules.write' } },
      schema: {
        tags: ['special-periods'],
        description: "Declares a special period in a region you manage (audited); the closed hours it covers in the last 31 days are judged again against the special limits",
        body: declareBody,
        response: { 200: specialPeriodSchema },
      },
    },
    async (req) => {
      const prefix = managerOf(req);
      // Out of the caller's region: the same answer as a region that does not exist for them.
      if (!manages(prefix, req.body.regionCode)) throw new ApiError('not_found', `region ${req.body.regionCode} not found`);
      const { period, reclose: plan } = await run(() => declarePeriod(db, req.body, ctxOf(req)));
      reclose(plan);
      return toPeriod(period, prefix, await regionNames([period.region_code]), deps.now());
    },
  );

  app.post(
    '/api/special-periods/:id/cancel',
    {
      config: { access: { permission: 'rules.write' } },
      schema: {
        tags: ['special-periods'],
        description: 'Calls a special period off from `from` (default now; at or before its start it never bound), with a reason (audited); the hours it no longer covers are judged again',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: cancelBody,
        response: { 200: specialPeriodSchema },
      },
    },
    async (req) => {
      const prefix = managerOf(req);
      const { period, reclose: plan } = await run(async () => {
        if (!(await sees(req.params.id, prefix))) throw new SpecialPeriodError('not_found', null, `special period ${req.params.id} not found`);
        return cancelPeriod(db, req.params.id, prefix, req.body.reason, req.body.from ?? null, ctxOf(req));
      });
      reclose(plan);
      return toPeriod(period, prefix, await regionNames([period.region_code]), deps.now());
    },
  );

  /** Whether the period exists and the caller sees it (within or above their region): else a 404, as for a missing id. */
  async function sees(id: number, prefix: string): Promise<boolean> {
    const p = await db.selectFrom('special_periods').select('region_code').where('id', '=', id).executeTakeFirst();
    if (p === undefined) return false;
    return manages(prefix, p.region_code) || prefix.startsWith(regionStem(p.region_code));
  }
}

/** The leading digits a region shares with everything within it (GB/T 2260: province 2, city 4, county 6). */
function regionStem(code: string): string {
  return code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
}
