// API tokens for machine clients: created by an admin for a role and region no wider than the admin's own,
// shown once, stored as a SHA-256 digest, revocable.
import { z } from 'zod';
import { apiTokenSchema, createdTokenSchema, type ApiToken, type Items } from '@ecoenforce/contract';
import { isWithinRegion } from '@ecoenforce/domain';
import { recordAudit } from '../../platform/audit.ts';
import { ROLES } from '../../access/index.ts';
import { API_TOKEN_PREFIX, randomToken, sha256 } from '../sessions.ts';
import { ApiError } from '../../platform/errors.ts';
import { actorOf } from '../actor.ts';
import type { RouteContext } from '../../http/routes.ts';

export function tokenRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;

  app.get(
    '/api/tokens',
    {
      config: { access: { permission: 'tokens.manage' } },
      schema: {
        tags: ['auth'],
        description: "API tokens of the caller's region subtree, newest first, with the names of their region, enterprise and creator (never the secret).",
        response: { 200: z.object({ items: z.array(apiTokenSchema) }) },
      },
    },
    async (req): Promise<Items<ApiToken>> => {
      const rows = await db
        .selectFrom('api_tokens as t')
        .leftJoin('regions as r', 'r.code', 't.region_code')
        .leftJoin('enterprises as e', 'e.id', 't.enterprise_id')
        .leftJoin('users as u', 'u.id', 't.created_by')
        .selectAll('t')
        .select(['r.name as region_name', 'e.name as enterprise_name', 'u.display_name as creator_name'])
        .where('t.region_code', 'like', `${req.scope!.regionPrefix}%`)
        .orderBy('t.id', 'desc')
        .execute();
      return {
        items: rows.map((t) => ({
          id: Number(t.id), name: t.name, prefix: t.prefix, role: t.role, regionCode: t.region_code, regionName: t.region_name ?? t.region_code,
          enterpriseId: t.enterprise_id === null ? null : Number(t.enterprise_id), enterpriseName: t.enterprise_name ?? null, createdBy: t.creator_name ?? null,
          createdAt: Number(t.created_at), expiresAt: t.expires_at === null ? null : Number(t.expires_at), lastUsedAt: t.last_used_at === null ? null : Number(t.last_used_at),
          revokedAt: t.revoked_at === null ? null : Number(t.revoked_at),
        })),
      };
    },
  );

  app.post(
    '/api/tokens',
    {
      config: { access: { permission: 'tokens.manage' } },
      schema: {
        tags: ['auth'],
        body: z.object({
          name: z.string().min(1).max(100),
          role: z.enum(ROLES),
          regionCode: z.string().regex(/^\d{6}$/),
          enterpriseId: z.number().int().positive().nullable().default(null),
          expiresInDays: z.number().int().min(1).max(3650).nullable().default(365),
        }),
        response: { 201: createdTokenSchema },
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      const b = req.body;
      if (!isWithinRegion(b.regionCode, p.regionCode)) throw new ApiError('forbidden', `region ${b.regionCode} is outside your region ${p.regionCode}`, { reason: 'outside_region' });
      if (b.role === 'admin') throw new ApiError('forbidden', 'an API token cannot have the admin role', { reason: 'admin_grant' });
      if ((b.role === 'enterprise') !== (b.enterpriseId !== null)) throw new ApiError('bad_request', 'an enterprise token needs an enterpriseId, and only an enterprise token has one', { reason: 'bad_enterprise' });
      const region = await db.selectFrom('regions').select('code').where('code', '=', b.regionCode).executeTakeFirst();
      if (region === undefined) throw new ApiError('bad_request', `region ${b.regionCode} is not in the registry`, { reason: 'bad_region' });
      if (b.enterpriseId !== null) {
        // An enterprise token speaks for one enterprise of its region, as an enterprise user does (users.ts).
        const e = await db.selectFrom('enterprises').select('region_code').where('id', '=', b.enterpriseId).executeTakeFirst();
        if (e === undefined || e.region_code !== b.regionCode) throw new ApiError('bad_request', `enterprise ${b.enterpriseId} is not in region ${b.regionCode}`, { reason: 'bad_enterprise' });
      }
      const token = `${API_TOKEN_PREFIX}${randomToken()}`;
      const now = Date.now();
      const created = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('api_tokens')
          .values({
            name: b.name, token_hash: sha256(token), prefix: token.slice(0, 8), role: b.role, region_code: b.regionCode, enterprise_id: b.enterpriseId,
            created_by: p.userId, created_at: now, expires_at: b.expiresInDays === null ? null : now + b.expiresInDays * 86_400_000, last_used_at: null, revoked_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const id = Number(row.id);
        await recordAudit(trx, { actor: actorOf(p), action: 'create', entity: 'api_token', entityId: id, after: { name: b.name, role: b.role, regionCode: b.regionCode, enterpriseId: b.enterpriseId }, ip: req.ip, at: deps.now() });
        return id;
      });
      return reply.status(201).send({ id: created, token, prefix: token.slice(0, 8) });
    },
  );

  app.delete(
    '/api/tokens/:id',
    { config: { access: { permission: 'tokens.manage', resource: 'token' } }, schema: { tags: ['auth'], params: z.object({ id: z.coerce.number().int().positive() }) } },
    async (req) => {
      const now = Date.now();
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('api_tokens').select(['revoked_at']).where('id', '=', req.params.id).executeTakeFirstOrThrow();
        if (before.revoked_at !== null) return;
        await trx.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', req.params.id).execute();
        await recordAudit(trx, { actor: actorOf(req.principal!), action: 'revoke', entity: 'api_token', entityId: req.params.id, before: { revokedAt: null }, after: { revokedAt: now }, ip: req.ip, at: deps.now() });
      });
      return { ok: true };
    },
  );
}
