// Permits and their limits, edited in the console (issue 4 §1). Every route is about one enterprise (`:id`),
// so the access hook checks the caller's region on it; a permit or limit of another enterprise is a 404.
// After an edit the hours it may judge differently are closed again (registry/permit-edit.ts).
import { z } from 'zod';
import { factorInfo } from '@ecoenforce/hj212';
import { STANDARD_ROWS } from '@ecoenforce/domain';
import {
  editableLimitSchema, editablePermitSchema, permitsViewSchema, specialKindSchema, type EditableLimit, type EditablePermit, type PermitsView,
} from '@ecoenforce/contract';
import { ApiError } from '../../platform/errors.ts';
import { permitsRepository, type Permit, type PermitLimit } from '../repositories/permits.ts';
import {
  addLimit, createPermit, PermitEditError, reclosePlan, removeLimit, updateLimit, updatePermit, type Affected, type EditContext,
} from '../permit-edit.ts';
import { actorOf } from '../../accounts/index.ts';
import type { FastifyRequest } from 'fastify';
import type { RouteContext } from '../../http/routes.ts';

const STATUS = z.enum(['valid', 'expired', 'revoked', 'cancelled']);
const BASIS = z.enum(['hourly', 'daily', '24h_composite', 'instant']);
const time = z.number().int().nonnegative();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().transform((s) => (s === '' ? null : s));

const permitBody = z
  .object({ number: text(64), issuedAt: time, validFrom: time, validTo: time, issuer: text(200), status: STATUS.default('valid') })
  .refine((b) => b.validFrom < b.validTo, { message: 'validTo must be after validFrom', path: ['validTo'] });
const permitPatch = z.object({ number: text(64), issuedAt: time, validFrom: time, validTo: time, issuer: text(200), status: STATUS }).partial();
const limitShape = {
  outletId: z.number().int().positive(),
  factor: text(16),
  limit: z.number().positive().finite(),
  unit: text(16),
  basis: BASIS,
  // O2 is below 21 % in any flue gas; 21 would divide by zero in the conversion (GB 13271-2014 §5.2).
  referenceO2: z.number().min(0).lt(21).nullable(),
  annualQuantityT: z.number().nonnegative().finite().nullable(),
  standard: optionalText(64),
  note: optionalText(500),
  specialKind: specialKindSchema.nullable(),
};
const limitFields = z.object({
  ...limitShape,
  referenceO2: limitShape.referenceO2.default(null),
  annualQuantityT: limitShape.annualQuantityT.default(null),
  standard: limitShape.standard.default(null),
  note: limitShape.note.default(null),
  specialKind: limitShape.specialKind.default(null),
});
// No defaults: a field left out of a change keeps its value.
const limitPatch = z.object(limitShape).partial();


const enterpriseParams = z.object({ id: z.coerce.number().int().positive() });
const permitParams = enterpriseParams.extend({ permitId: z.coerce.number().int().positive() });
const limitParams = permitParams.extend({ limitId: z.coerce.number().int().positive() });

const toLimit = (l: PermitLimit): EditableLimit => ({
  id: Number(l.id), outletId: Number(l.outlet_id), factor: l.factor, factorName: factorInfo(l.factor)?.nameZh ?? l.factor, limit: l.limit_value, unit: l.unit, basis: l.basis,
  referenceO2: l.reference_o2, annualQuantityT: l.annual_quantity_t, standard: l.standard, note: l.note, specialKind: l.special_kind,
});
const toPermit = (p: Permit, limits: PermitLimit[]): EditablePermit => ({
  id: Number(p.id), number: p.number, issuedAt: Number(p.issued_at), validFrom: Number(p.valid_from), validTo: Number(p.valid_to), issuer: p.issuer, status: p.status,
  limits: limits.map(toLimit),
});

/** The service's typed error as the one HTTP error shape. */
function asApiError(err: unknown): unknown {
  if (!(err instanceof PermitEditError)) return err;
  const code = err.code === 'not_found' ? 'not_found' : err.code.startsWith('duplicate_') ? 'conflict' : 'bad_request';
  return new ApiError(code, err.message, { reason: err.code, field: err.field });
}

export function permitRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;
  const write = { access: { permission: 'registry.write', resource: 'enterprise' } } as const;
  const ctxOf = (req: FastifyRequest): EditContext => ({ actor: actorOf(req.principal!), ip: req.ip, at: deps.now() });
  async function run<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (err) {
      throw asApiError(err);
    }
  }
  // The compliance runner judges the affected hours again against the limits now in force.
  async function changed(a: Affected | null): Promise<void> {
    await deps.onRegistryChanged?.();
    if (a === null || deps.reclose === undefined) return;
    for (const p of await reclosePlan(db, a, deps.now())) deps.reclose(p.pointId, p.from, p.to);
  }

  app.get(
    '/api/enterprises/:id/permits',
    {
      config: { access: { permission: 'registry.read', resource: 'enterprise' } },
      schema: {
        tags: ['permits'],
        params: enterpriseParams,
        response: {
          200: permitsViewSchema,
        },
      },
    },
    async (req): Promise<PermitsView> => {
      const repo = permitsRepository(db);
      const permits = [];
      for (const p of await repo.listByEnterprise(req.params.id)) permits.push(toPermit(p, await repo.limitsOf(p.id)));
      const outlets = await db.selectFrom('outlets').select(['id', 'code', 'name', 'kind']).where('enterprise_id', '=', req.params.id).orderBy('code').execute();
      const standards = STANDARD_ROWS.map((s) => ({ id: s.id, standard: s.standard, applicability: s.applicability, factor: s.factor, limit: s.limit, unit: s.unit, basis: s.basis, referenceO2: s.referenceO2 }));
      return { permits, outlets: outlets.map((o) => ({ ...o, id: Number(o.id) })), standards };
    },
  );

  app.post(
    '/api/enterprises/:id/permits',
    { config: write, schema: { tags: ['permits'], params: enterpriseParams, body: permitBody, response: { 200: editablePermitSchema } } },
    async (req) => {
      const p = await run(() => createPermit(db, req.params.id, req.body, ctxOf(req)));
      await changed(null);
      return toPermit(p, []);
    },
  );

  app.patch(
    '/api/enterprises/:id/permits/:permitId',
    { config: write, schema: { tags: ['permits'], params: permitParams, body: permitPatch, response: { 200: editablePermitSchema } } },
    async (req) => {
      const { permit, affected } = await run(() => updatePermit(db, req.params.id, req.params.permitId, req.body, ctxOf(req)));
      await changed(affected);
      return toPermit(permit, await permitsRepository(db).limitsOf(permit.id));
    },
  );

  app.post(
    '/api/enterprises/:id/permits/:permitId/limits',
    { config: write, schema: { tags: ['permits'], params: permitParams, body: limitFields, response: { 200: editableLimitSchema } } },
    async (req) => {
      const { limit, affected } = await run(() => addLimit(db, req.params.id, req.params.permitId, req.body, ctxOf(req)));
      await changed(affected);
      return toLimit(limit);
    },
  );

  app.patch(
    '/api/enterprises/:id/permits/:permitId/limits/:limitId',
    { config: write, schema: { tags: ['permits'], params: limitParams, body: limitPatch, response: { 200: editableLimitSchema } } },
    async (req) => {
      const { limit, affected } = await run(() => updateLimit(db, req.params.id, req.params.permitId, req.params.limitId, req.body, ctxOf(req)));
      await changed(affected);
      return toLimit(limit);
    },
  );

  app.delete(
    '/api/enterprises/:id/permits/:permitId/limits/:limitId',
    { config: write, schema: { tags: ['permits'], params: limitParams, response: { 200: z.object({ removed: z.number() }) } } },
    async (req) => {
      const affected = await run(() => removeLimit(db, req.params.id, req.params.permitId, req.params.limitId, ctxOf(req)));
      await changed(affected);
      return { removed: req.params.limitId };
    },
  );
}
