// User administration over HTTP (issue 14): the admin's list of users with filters, creation (with a generated
// password shown once), disabling and enabling, password resets and changes of role or region (user-admin.ts
// holds the rules: nothing granted beyond the admin's own region, never the last admin removed, all audited);
// and the enforcement certificate number (执法证号) of bureau staff, which the case documents print beside the
// officers' names (立案审批表, APL 42). The CLI (`ecoenforce user add`) creates users too, with the same checks.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  certificateHolderSchema, managedUserPageSchema, managedUserSchema, newUserSchema, userCertificateSchema, userChangeSchema, userWithPasswordSchema,
  ROLES, type CertificateHolder, type Items,
} from '@ecoenforce/contract';
import { listCertificateHolders, setCertificateNo, UserError } from '../users.ts';
import { changeUser, createManagedUser, listManagedUsers, resetUserPassword, setUserActive, UserAdminError, type Manager } from '../user-admin.ts';
import { PasswordPolicyError } from '../passwords.ts';
import { ApiError, type ErrorCode } from '../../platform/errors.ts';
import { actorOf } from '../actor.ts';
import type { RouteContext } from '../../http/routes.ts';

const CODES: Record<UserError['code'], ErrorCode> = {
  bad_role: 'bad_request', bad_region: 'bad_request', bad_enterprise: 'bad_request', bad_username: 'bad_request', bad_certificate: 'bad_request',
  duplicate: 'conflict', not_found: 'not_found',
};
const ADMIN_CODES: Record<UserAdminError['code'], ErrorCode> = {
  outside_region: 'forbidden', admin_grant: 'forbidden', self: 'conflict', last_admin: 'conflict', not_found: 'not_found',
};

/** The service's refusals as API errors; details.reason names the rule so the console words it. */
function apiErrorOf(err: unknown): unknown {
  if (err instanceof UserAdminError) return new ApiError(ADMIN_CODES[err.code], err.message, { reason: err.code });
  if (err instanceof UserError) return new ApiError(CODES[err.code], err.message, { reason: err.code });
  if (err instanceof PasswordPolicyError) return new ApiError('bad_request', err.message, { reason: 'weak_password', path: '/password' });
  return err;
}

const idParams = z.object({ id: z.coerce.number().int().positive() });

export function userRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;
  const manager = (req: FastifyRequest): Manager => ({ principal: req.principal!, actor: actorOf(req.principal!), ip: req.ip, now: deps.now() });
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      throw apiErrorOf(err);
    }
  };

  app.get(
    '/api/users',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['auth'],
        description: "Users of the caller's region subtree, by region then id, with region and enterprise names. Filters: role, regionCode (that region and below), q (user name or name), disabled.",
        querystring: z.object({
          role: z.enum(ROLES).optional(),
          regionCode: z.string().regex(/^\d{6}$/).optional(),
          q: z.string().trim().max(100).optional(),
          disabled: z.enum(['true', 'false']).optional(),
          offset: z.coerce.number().int().min(0).max(100_000).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: managedUserPageSchema },
      },
    },
    async (req) => {
      const q = req.query;
      return listManagedUsers(db, req.scope!.regionPrefix, {
        role: q.role, regionCode: q.regionCode, q: q.q, disabled: q.disabled === undefined ? undefined : q.disabled === 'true', offset: q.offset, limit: q.limit,
      });
    },
  );

  app.post(
    '/api/users',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['auth'],
        description: "Creates a user in the caller's region subtree (the admin role only by an admin). Without a password one is generated and returned once. 403 beyond the caller's region; 409 a taken user name; 400 bad input (details.reason).",
        body: newUserSchema,
        response: { 201: userWithPasswordSchema },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const created = await run(() => createManagedUser(db, manager(req), {
        username: b.username, displayName: b.displayName, role: b.role, regionCode: b.regionCode, enterpriseId: b.enterpriseId, password: b.password,
      }));
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/users/:id/disable',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['auth'],
        description: 'Disables a user: no login, its sessions end, its API tokens stop working. 409 for oneself or the last active admin; 404 outside the region.',
        params: idParams,
        response: { 200: managedUserSchema },
      },
    },
    (req) => run(() => setUserActive(db, manager(req), req.params.id, false)),
  );

  app.post(
    '/api/users/:id/enable',
    { config: { access: { permission: 'users.manage' } }, schema: { tags: ['auth'], description: 'Enables a disabled user again.', params: idParams, response: { 200: managedUserSchema } } },
    (req) => run(() => setUserActive(db, manager(req), req.params.id, true)),
  );

  app.post(
    '/api/users/:id/password',
    {
      config: { access: { permission: 'users.manage' } },
      schema: { tags: ['auth'], description: "Resets a user's password to a generated one, returned once; the user's sessions end.", params: idParams, response: { 200: userWithPasswordSchema } },
    },
    (req) => run(() => resetUserPassword(db, manager(req), req.params.id)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['auth'],
        description: "Changes a user's role and/or region (and enterprise for the enterprise role). 403 beyond the caller's region or an admin role from a non-admin; 409 demoting the last admin.",
        params: idParams,
        body: userChangeSchema,
        response: { 200: managedUserSchema },
      },
    },
    (req) => run(() => changeUser(db, manager(req), req.params.id, req.body)),
  );

  // The admin's certificate panel: who in the region may hold a 执法证号 and what is recorded. A plain read of
  // the registry, so not audited.
  app.get(
    '/api/users/certificates',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['auth'],
        description: "Bureau users in the caller's region (every role but enterprise and verifier) with their enforcement certificate numbers (执法证号), by region then id.",
        response: {
          200: z.object({ items: z.array(certificateHolderSchema) }),
        },
      },
    },
    async (req): Promise<Items<CertificateHolder>> => ({ items: await listCertificateHolders(db, req.scope!.regionPrefix) }),
  );

  app.put(
    '/api/users/:id/certificate',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['auth'],
        description: "Records or clears (null) a bureau user's enforcement certificate number (执法证号). 400 for a malformed number or a user who holds none (enterprise, verifier); 404 for a user outside the caller's region; 409 when another user holds it.",
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({ certificateNo: z.string().max(200).nullable() }),
        response: { 200: userCertificateSchema },
      },
    },
    async (req) => {
      const p = req.principal!;
      try {
        return await setCertificateNo(db, req.params.id, req.body.certificateNo, { actor: actorOf(p), regionPrefix: req.scope!.regionPrefix, ip: req.ip, now: deps.now() });
      } catch (err) {
        if (err instanceof UserError) throw new ApiError(CODES[err.code], err.message, err.code === 'bad_certificate' ? [{ path: '/certificateNo', message: err.message }] : undefined);
        throw err;
      }
    },
  );
}
