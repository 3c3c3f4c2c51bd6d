// Login, logout, the current user, password change, and the user's own sessions.
import { z } from 'zod';
import { meSchema, sessionInfoSchema, type Items, type Me, type Principal as PublicPrincipal, type SessionInfo } from '@ecoenforce/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../platform/audit.ts';
import { actorOf } from '../actor.ts';
import { checkPasswordPolicy, dummyHash, hashPassword, PasswordPolicyError, verifyPassword } from '../passwords.ts';
import type { Principal } from '../../access/index.ts';
import { createSession, findLoginUser, SESSION_COOKIE, SESSION_MAX_MS, toPrincipal } from '../sessions.ts';
import { ApiError } from '../../platform/errors.ts';
import { Throttle } from '../login-throttle.ts';
import type { RouteContext } from '../../http/routes.ts';

export function publicPrincipal(p: Principal): PublicPrincipal {
  return { id: p.userId, username: p.username, displayName: p.displayName, role: p.role, regionCode: p.regionCode, regionName: p.regionName, enterpriseId: p.enterpriseId };
}


export function authRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;
  const clock = () => ({ now: deps.now(), rate: deps.clockRate ?? 1 });
  const perAccount = new Throttle({ max: 5, windowMs: 15 * 60_000 });
  const perAddress = new Throttle({ max: 30, windowMs: 15 * 60_000 });
  const certificateOf = async (p: Principal): Promise<string | null> =>
    p.kind === 'user' ? ((await db.selectFrom('users').select('certificate_no').where('id', '=', p.userId).executeTakeFirst())?.certificate_no ?? null) : null;

  function setCookie(reply: FastifyReply, token: string, maxAgeMs: number): void {
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, path: '/', maxAge: Math.floor(maxAgeMs / 1000) });
  }

  // What the login page needs before anyone logs in: whether this is the demo (whose accounts the terminal
  // lists). Public, and it says nothing else about the installation.
  app.get(
    '/api/auth/options',
    { config: { access: { public: true } }, schema: { tags: ['auth'], response: { 200: z.object({ demo: z.boolean() }) } } },
    () => ({ demo: deps.demo === true }),
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: { public: true } },
      schema: { tags: ['auth'], body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }), response: { 200: meSchema } },
    },
    async (req, reply): Promise<Me> => {
      const now = Date.now();
      const { username, password } = req.body;
      const wait = Math.max(perAccount.retryAfter(username, now), perAddress.retryAfter(req.ip, now));
      if (wait > 0) {
        deps.metrics?.logins.inc({ result: 'throttled' });
        throw new ApiError('throttled', `too many failed logins; try again in ${wait} s`, { retryAfterSeconds: wait });
      }
      const user = await findLoginUser(db, username);
      // Verify against a dummy hash when the user is unknown, so the answer takes as long either way.
      const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
      if (user === undefined || !ok) {
        perAccount.fail(username, now);
        perAddress.fail(req.ip, now);
        deps.metrics?.logins.inc({ result: 'bad_credentials' });
        throw new ApiError('unauthenticated', 'wrong user name or password');
      }
      perAccount.reset(username);
      const session = await db.transaction().execute(async (trx) => {
        const s = await createSession(trx, user.id, now, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
        await recordAudit(trx, { actor: { kind: 'user', id: user.id, name: user.username }, action: 'login', entity: 'session', entityId: s.id.slice(0, 16), ip: req.ip, at: deps.now() });
        return s;
      });
      deps.metrics?.logins.inc({ result: 'ok' });
      setCookie(reply, session.token, SESSION_MAX_MS);
      const principal = toPrincipal(user, session.id, session.csrfToken);
      return { user: publicPrincipal(principal), csrfToken: session.csrfToken, certificateNo: await certificateOf(principal), clock: clock() };
    },
  );

  app.get('/api/auth/me', { config: { access: { permission: 'self' } }, schema: { tags: ['auth'], response: { 200: meSchema } } }, async (req): Promise<Me> => {
    const p = req.principal!;
    return { user: publicPrincipal(p), csrfToken: p.csrfToken ?? '', certificateNo: await certificateOf(p), clock: clock() };
  });

  app.post('/api/auth/logout', { config: { access: { permission: 'self' } }, schema: { tags: ['auth'] } }, async (req, reply) => {
    const p = req.principal!;
    if (p.sessionId !== null) await revoke(req, p.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.post(
    '/api/auth/password',
    { config: { access: { permission: 'self' } }, schema: { tags: ['auth'], body: z.object({ current: z.string().max(200), next: z.string().max(200) }) } },
    async (req) => {
      const p = req.principal!;
      if (p.kind !== 'user') throw new ApiError('forbidden', 'an API token has no password');
      const user = await findLoginUser(db, p.username);
      if (user === undefined || !(await verifyPassword(user.password_hash, req.body.current))) throw new ApiError('unauthenticated', 'the current password is wrong');
      try {
        checkPasswordPolicy(req.body.next, p.username);
      } catch (err) {
        if (err instanceof PasswordPolicyError) throw new ApiError('bad_request', err.message, [{ path: '/next', message: err.message }]);
        throw err;
      }
      const hash = await hashPassword(req.body.next);
      const now = Date.now();
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ password_hash: hash, password_changed_at: now }).where('id', '=', p.userId).execute();
        // Every other session of this user ends: a changed password must lock out whoever knew the old one.
        await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', p.userId).where('id', '!=', p.sessionId ?? '').where('revoked_at', 'is', null).execute();
        await recordAudit(trx, { actor: actorOf(p), action: 'password_change', entity: 'user', entityId: p.userId, ip: req.ip, at: deps.now() });
      });
      return { ok: true };
    },
  );

  app.get('/api/auth/sessions', { config: { access: { permission: 'self' } }, schema: { tags: ['auth'], response: { 200: z.object({ items: z.array(sessionInfoSchema) }) } } }, async (req): Promise<Items<SessionInfo>> => {
    const p = req.principal!;
    const rows = await db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', p.userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', Date.now())
      .orderBy('last_seen_at', 'desc')
      .execute();
    // The public id of a session is a prefix of its stored hash: enough to revoke it, useless to log in.
    return { items: rows.map((s) => ({ id: s.id.slice(0, 16), createdAt: s.created_at, lastSeenAt: s.last_seen_at, ip: s.ip, userAgent: s.user_agent, current: s.id === p.sessionId })) };
  });

  app.delete(
    '/api/auth/sessions/:id',
    { config: { access: { permission: 'self' } }, schema: { tags: ['auth'], params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/) }) } },
    async (req) => {
      const p = req.principal!;
      const rows = await db.selectFrom('sessions').select('id').where('user_id', '=', p.userId).where('revoked_at', 'is', null).execute();
      const target = rows.find((r) => r.id.startsWith(req.params.id));
      if (target === undefined) throw new ApiError('not_found', 'session not found');
      await revoke(req, target.id);
      return { ok: true };
    },
  );

  async function revoke(req: FastifyRequest, sessionId: string): Promise<void> {
    const p = req.principal!;
    const now = Date.now();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).execute();
      await recordAudit(trx, { actor: actorOf(p), action: 'logout', entity: 'session', entityId: sessionId.slice(0, 16), ip: req.ip, at: deps.now() });
    });
  }
}
