// Sessions, CSRF, throttling, password change, session revocation and API tokens, through the real app.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from './store-fixtures.ts';
import { DEMO_PASSWORD, call, errorCode, login, startHttpRig, type HttpRig } from './http-fixtures.ts';
import { createUser } from '../src/accounts/users.ts';

for (const dialect of DIALECTS) {
  void describe(`authentication on ${dialect}`, () => {
    let rig: HttpRig;
    before(async () => {
      rig = await startHttpRig(dialect);
    });
    after(() => rig.close());

    void test('the OpenAPI document lists every API route and the docs page is served', async () => {
      const doc = (await rig.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ openapi: string; paths: Record<string, object> }>();
      assert.match(doc.openapi, /^3\./);
      for (const r of rig.app.apiRoutes.filter((x) => x.url !== '/api/*' && x.url !== '/api/openapi.json')) {
        const path = r.url.replace(/:(\w+)/g, '{$1}');
        assert.ok(doc.paths[path] !== undefined, `${r.method} ${r.url} is in the OpenAPI document`);
      }
      const page = await rig.app.inject({ method: 'GET', url: '/api/docs/' });
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['content-type']), /text\/html/);
    });

    void test('login sets an HttpOnly SameSite=Lax cookie; the store keeps only a hash of it', async () => {
      const res = await rig.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'officer', password: DEMO_PASSWORD } });
      assert.equal(res.statusCode, 200);
      const c = res.cookies.find((x) => x.name === 'ee_session');
      assert.ok(c);
      assert.equal(c.httpOnly, true);
      assert.equal(c.sameSite, 'Lax');
      const body = res.json<{ user: { username: string; role: string; regionCode: string }; csrfToken: string }>();
      assert.equal(body.user.role, 'officer');
      const rows = await rig.store.database.db.selectFrom('sessions').select('id').execute();
      assert.ok(rows.length > 0);
      assert.ok(rows.every((r) => r.id !== c.value), 'the cookie value is not stored');
      const me = await call(rig.app, { cookie: `ee_session=${c.value}`, csrf: body.csrfToken }, 'GET', '/api/auth/me');
      assert.equal(me.json<{ user: { username: string } }>().user.username, 'officer');
    });

    void test('wrong password and unknown user give the same 401; the error has the one shape', async () => {
      const a = await rig.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'analyst', password: 'wrong-password-1' } });
      const b = await rig.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody-here', password: 'wrong-password-1' } });
      assert.equal(a.statusCode, 401);
      assert.equal(b.statusCode, 401);
      assert.deepEqual(a.json(), b.json());
      assert.equal(errorCode(a), 'unauthenticated');
      const bad = await rig.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 42 } });
      assert.equal(bad.statusCode, 400);
      const body = bad.json<{ error: { code: string; details: Array<{ path: string }> } }>();
      assert.equal(body.error.code, 'bad_request');
      assert.ok(body.error.details.length > 0);
    });

    void test('a cookie-authenticated change without the CSRF header is refused; with it, it works', async () => {
      const s = await login(rig.app, 'admin');
      const payload = { name: 'csrf-check', role: 'analyst', regionCode: '440000' };
      const without = await rig.app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie: s.cookie }, payload });
      assert.equal(without.statusCode, 403);
      assert.equal(errorCode(without), 'csrf');
      const wrong = await rig.app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(s.csrf.length) }, payload });
      assert.equal(errorCode(wrong), 'csrf');
      const ok = await call(rig.app, s, 'POST', '/api/tokens', payload);
      assert.equal(ok.statusCode, 201);
    });

    void test('five failures lock the account for a while (429 with retryAfterSeconds); other accounts are unaffected', async () => {
      for (let i = 0; i < 5; i++) {
        const r = await rig.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dispatcher', password: `wrong-${i}-password` } });
        assert.equal(r.statusCode, 401);
      }
      const locked = await rig.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dispatcher', password: DEMO_PASSWORD } });
      assert.equal(locked.statusCode, 429);
      const body = locked.json<{ error: { code: string; details: { retryAfterSeconds: number } } }>();
      assert.equal(body.error.code, 'throttled');
      assert.ok(body.error.details.retryAfterSeconds > 0);
      await login(rig.app, 'head');
    });

    void test('logout ends the session; a revoked session of the session list no longer works', async () => {
      const s1 = await login(rig.app, 'legal');
      const s2 = await login(rig.app, 'legal');
      const list = (await call(rig.app, s1, 'GET', '/api/auth/sessions')).json<{ items: Array<{ id: string; current: boolean }> }>();
      assert.ok(list.items.length >= 2);
      const other = list.items.find((x) => !x.current);
      assert.ok(other);
      // Revoke every session other than s1, s2 among them.
      for (const item of list.items.filter((x) => !x.current)) assert.equal((await call(rig.app, s1, 'DELETE', `/api/auth/sessions/${item.id}`)).statusCode, 200);
      assert.equal((await call(rig.app, s2, 'GET', '/api/auth/me')).statusCode, 401);
      assert.equal((await call(rig.app, s1, 'POST', '/api/auth/logout')).statusCode, 200);
      assert.equal((await call(rig.app, s1, 'GET', '/api/auth/me')).statusCode, 401);
    });

    void test('password change: wrong current refused, weak next refused, success ends the other sessions', async () => {
      const a = await login(rig.app, 'officer');
      const b = await login(rig.app, 'officer');
      assert.equal((await call(rig.app, a, 'POST', '/api/auth/password', { current: 'not-the-password', next: 'a-new-long-password' })).statusCode, 401);
      const weak = await call(rig.app, a, 'POST', '/api/auth/password', { current: DEMO_PASSWORD, next: 'short' });
      assert.equal(weak.statusCode, 400);
      assert.equal((await call(rig.app, a, 'POST', '/api/auth/password', { current: DEMO_PASSWORD, next: 'a-new-long-password' })).statusCode, 200);
      assert.equal((await call(rig.app, b, 'GET', '/api/auth/me')).statusCode, 401, 'the other session ended');
      assert.equal((await call(rig.app, a, 'GET', '/api/auth/me')).statusCode, 200, 'this session goes on');
      await assert.rejects(login(rig.app, 'officer'));
      await login(rig.app, 'officer', 'a-new-long-password');
      await call(rig.app, a, 'POST', '/api/auth/password', { current: 'a-new-long-password', next: DEMO_PASSWORD });
    });

    void test('every change above is in the audit trail, whose chain verifies; the head reads it, an officer may not', async () => {
      const head = await login(rig.app, 'head');
      const list = (await call(rig.app, head, 'GET', '/api/audit?limit=500')).json<{ items: Array<{ action: string; entity: string; actorName: string }> }>();
      const actions = new Set(list.items.map((r) => `${r.action} ${r.entity}`));
      for (const a of ['login session', 'logout session', 'password_change user', 'create api_token']) assert.ok(actions.has(a), `audit has ${a}`);
      const verify = (await call(rig.app, head, 'GET', '/api/audit/verify')).json<{ ok: boolean; rows: number }>();
      assert.equal(verify.ok, true);
      assert.ok(verify.rows >= list.items.length);
      assert.equal((await call(rig.app, await login(rig.app, 'officer'), 'GET', '/api/audit')).statusCode, 403);
    });

    void test('enforcement certificates: the admin records one (audited), the officer reads it; typed 400, 404 and 409', async () => {
      const db = rig.store.database.db;
      const idOf = async (username: string) => Number((await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
      const [officer2, company] = [await idOf('officer2'), await idOf('company')];
      const admin = await login(rig.app, 'admin');
      const put = (id: number, certificateNo: string | null, s = admin) => call(rig.app, s, 'PUT', `/api/users/${id}/certificate`, { certificateNo });

      // The seeded number, then a new one in the 11-digit form (spaces collapsed); the officer sees it read-only.
      const officerMe = async () => (await call(rig.app, await login(rig.app, 'officer2'), 'GET', '/api/auth/me')).json<{ certificateNo: string | null }>().certificateNo;
      assert.equal(await officerMe(), '粤环执字第010232号');
      const set = await put(officer2, '  4401  0012345 ');
      assert.equal(set.statusCode, 200, set.body);
      assert.deepEqual(set.json(), { id: officer2, certificateNo: '4401 0012345' });
      assert.equal(await officerMe(), '4401 0012345');
      const audit = await db.selectFrom('audit_log').select(['action', 'changes']).where('entity', '=', 'user').where('entity_id', '=', String(officer2)).where('action', '=', 'set_certificate').execute();
      assert.ok(audit.some((a) => String(a.changes).includes('4401 0012345') && String(a.changes).includes('粤环执字第010232号')), 'before and after are audited');
      const auditRows = async () => (await db.selectFrom('audit_log').select('seq').where('action', '=', 'set_certificate').execute()).length;
      const rows = await auditRows();

      // Bad values and users: typed errors, nothing written.
      for (const bad of ['粤环执字第号', 'x'.repeat(41), '12<script>34', '123']) {
        const res = await put(officer2, bad);
        assert.equal(res.statusCode, 400, `${bad}: ${res.body}`);
        assert.equal(errorCode(res), 'bad_request');
      }
      assert.equal(errorCode(await put(company, '粤环执字第099999号')), 'bad_request', 'an enterprise user holds no certificate');
      assert.equal((await put(999_999, '粤环执字第099999号')).statusCode, 404);
      const outsider = await createUser(db, { username: 'gx-officer', password: DEMO_PASSWORD, role: 'officer', regionCode: '450102' });
      assert.equal((await put(outsider, '桂环执字第000001号')).statusCode, 404, 'a user outside the admin\'s province is not found');
      const dup = await put(officer2, '粤环执字第010231号');
      assert.equal(dup.statusCode, 409, 'the first officer holds that number');
      assert.equal(errorCode(dup), 'conflict');
      assert.equal((await put(officer2, '粤环执字第099999号', await login(rig.app, 'head'))).statusCode, 403, 'only the admin manages users');
      assert.equal(await auditRows(), rows);
      assert.equal(await officerMe(), '4401 0012345');

      // null clears; the seeded number goes back.
      assert.equal((await put(officer2, null)).json<{ certificateNo: string | null }>().certificateNo, null);
      assert.equal(await officerMe(), null);
      assert.equal((await put(officer2, '粤环执字第010232号')).statusCode, 200);
    });

    void test('certificate list: the admin sees the bureau users of the region with their numbers, no one else is listed', async () => {
      const db = rig.store.database.db;
      const admin = await login(rig.app, 'admin');
      const outsider = await createUser(db, { username: 'gx-listed', password: DEMO_PASSWORD, role: 'officer', regionCode: '450102' });
      const res = await call(rig.app, admin, 'GET', '/api/users/certificates');
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json<{ items: Array<{ id: number; username: string; role: string; regionCode: string; certificateNo: string | null }> }>().items;
      const byName = new Map(items.map((u) => [u.username, u]));
      assert.equal(byName.get('officer')?.certificateNo, '粤环执字第010231号');
      assert.equal(byName.get('officer2')?.certificateNo, '粤环执字第010232号');
      assert.equal(byName.get('analyst')?.certificateNo, null, 'staff without a number are listed, to set one');
      for (const absent of ['company', 'verifier']) assert.ok(!byName.has(absent), `${absent} holds no certificate`);
      assert.ok(items.every((u) => u.id !== outsider && u.regionCode.startsWith('44')), 'only the admin\'s province');
      // A number set through the PUT shows in the list; another role is refused.
      const officer2 = byName.get('officer2')!.id;
      assert.equal((await call(rig.app, admin, 'PUT', `/api/users/${officer2}/certificate`, { certificateNo: null })).statusCode, 200);
      const after = (await call(rig.app, admin, 'GET', '/api/users/certificates')).json<{ items: Array<{ id: number; certificateNo: string | null }> }>();
      assert.equal(after.items.find((u) => u.id === officer2)?.certificateNo, null);
      assert.equal((await call(rig.app, admin, 'PUT', `/api/users/${officer2}/certificate`, { certificateNo: '粤环执字第010232号' })).statusCode, 200);
      assert.equal((await call(rig.app, await login(rig.app, 'head'), 'GET', '/api/users/certificates')).statusCode, 403, 'only the admin manages users');
    });

    void test('API tokens: shown once, act with their own role and region, no CSRF needed, revocable', async () => {
      const admin = await login(rig.app, 'admin');
      const created = await call(rig.app, admin, 'POST', '/api/tokens', { name: 'city-client', role: 'analyst', regionCode: '440100' });
      assert.equal(created.statusCode, 201);
      const { id, token } = created.json<{ id: number; token: string }>();
      assert.match(token, /^ee_/);
      const stored = await rig.store.database.db.selectFrom('api_tokens').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
      assert.notEqual(stored.token_hash, token);
      const bearer = { authorization: `Bearer ${token}` };
      const me = await rig.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer });
      assert.equal(me.json<{ user: { role: string; regionCode: string } }>().user.role, 'analyst');
      assert.equal((await rig.app.inject({ method: 'GET', url: `/api/enterprises/${rig.outside.enterpriseId}`, headers: bearer })).statusCode, 404);
      assert.equal((await rig.app.inject({ method: 'GET', url: '/api/tokens', headers: bearer })).statusCode, 403, 'an analyst token cannot manage tokens');
      const wider = await call(rig.app, admin, 'POST', '/api/tokens', { name: 'too-wide', role: 'analyst', regionCode: '450000' });
      assert.equal(wider.statusCode, 403, 'no token wider than its creator');
      assert.equal((await call(rig.app, admin, 'DELETE', `/api/tokens/${id}`)).statusCode, 200);
      assert.equal((await rig.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer })).statusCode, 401);
      assert.equal((await rig.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer ee_forged' } })).statusCode, 401);
    });
  });
}
