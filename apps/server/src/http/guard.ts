// The one place where access is decided, run for every /api request before its handler: who is calling
// (session cookie or bearer token), whether their role has the route's permission, whether a cookie-
// authenticated mutation carries the CSRF token, and whether the one resource the route is about lies in
// the caller's scope. Out of scope answers 404, the same as an id that does not exist.
import type { FastifyRequest } from 'fastify';
import { can, regionPrefix, canSee, type Access, type Principal, type Scope, locate } from '../access/index.ts';
import { SESSION_COOKIE, sameSecret, sessionPrincipal, tokenPrincipal } from '../accounts/index.ts';
import { ApiError } from '../platform/errors.ts';
import type { HttpDeps } from './app.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function authenticate(req: FastifyRequest, deps: HttpDeps): Promise<void> {
  const db = deps.database.db;
  const now = Date.now();
  const header = req.headers.authorization;
  let principal: Principal | null = null;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    principal = m === null ? null : await tokenPrincipal(db, m[1]!, now);
    // A bad token is an error even on public routes: the client meant to authenticate.
    if (principal === null) throw new ApiError('unauthenticated', 'invalid, expired or revoked API token');
  } else {
    const token = req.cookies[SESSION_COOKIE];
    if (token !== undefined && token !== '') principal = await sessionPrincipal(db, token, now);
  }
  req.principal = principal;
  req.scope = principal === null ? null : await scopeOf(deps, principal);
}

export async function scopeOf(deps: HttpDeps, p: Principal): Promise<Scope> {
  let enterpriseIds: number[] | null = null;
  if (p.role === 'enterprise') enterpriseIds = p.enterpriseId === null ? [] : [p.enterpriseId];
  else if (p.role === 'verifier') {
    const rows = await deps.database.db.selectFrom('verifier_assignments').select('enterprise_id').where('user_id', '=', p.userId).execute();
    enterpriseIds = rows.map((r) => Number(r.enterprise_id));
  }
  return { regionPrefix: regionPrefix(p.regionCode), enterpriseIds };
}

export async function enforce(req: FastifyRequest, access: Access, deps: HttpDeps): Promise<void> {
  if ('public' in access) return;
  const p = req.principal;
  if (p === null || req.scope === null) throw new ApiError('unauthenticated', 'log in first');
  if (!can(p.role, access.permission)) throw new ApiError('forbidden', `the ${p.role} role may not ${access.permission}`);
  if (p.kind === 'user' && !SAFE_METHODS.has(req.method)) checkCsrf(req, p);
  if (access.resource === undefined) return;
  const id = Number((req.params as Record<string, string | undefined>).id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new ApiError('not_found', `${access.resource} not found`);
  const at = await locate(deps.database.db, access.resource, id);
  if (at === undefined || !canSee(req.scope, at)) throw new ApiError('not_found', `${access.resource} ${id} not found`);
}

function checkCsrf(req: FastifyRequest, p: Principal): void {
  const sent = req.headers['x-csrf-token'];
  if (typeof sent !== 'string' || p.csrfToken === null || !sameSecret(sent, p.csrfToken)) {
    throw new ApiError('csrf', 'missing or wrong x-csrf-token header for a cookie-authenticated change');
  }
}
