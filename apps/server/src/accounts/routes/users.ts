// User administration over HTTP: for now the enforcement certificate number (执法证号) of bureau staff, which
// the case documents print beside the officers' names (立案审批表, APL 42). Users themselves are created with
// the CLI (`ecoenforce user add`); the admin sets certificates here.
import { z } from 'zod';
import { certificateHolderSchema, userCertificateSchema, type CertificateHolder, type Items } from '@ecoenforce/contract';
import { listCertificateHolders, setCertificateNo, UserError } from '../users.ts';
import { ApiError, type ErrorCode } from '../../platform/errors.ts';
import { actorOf } from '../actor.ts';
import type { RouteContext } from '../../http/routes.ts';

const CODES: Record<UserError['code'], ErrorCode> = {
  bad_role: 'bad_request', bad_region: 'bad_request', bad_enterprise: 'bad_request', bad_username: 'bad_request', bad_certificate: 'bad_request',
  duplicate: 'conflict', not_found: 'not_found',
};

export function userRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;

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
