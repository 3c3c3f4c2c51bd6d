// The admin's user administration (issue 14) through the real app on SQLite and PostgreSQL: creation with a
// chosen or generated password, disabling (no login, sessions and tokens dead), password resets, role and
// region changes within the admin's own reach, the self and last-admin guards, and the audit rows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ListPage, ManagedUser, UserWithPassword } from '@ecoenforce/contract';
import { DIALECTS } from './store-fixtures.ts';
import { call, DEMO_PASSWORD, errorCode, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';
import { createUser } from '../src/accounts/users.ts';

const reasonOf = (body: string): string | undefined => (JSON.parse(body) as { error?: { details?: { reason?: string } } }).error?.details?.reason;

for (const dialect of DIALECTS) {
  void describe(`user administration on ${dialect}`, () => {
    let rig: HttpRig;
    let admin: Session;
    let county: string;
    let city: string;
    const audits = async (entityId: number) =>
      rig.store.database.db.selectFrom('audit_log').select(['action', 'entity', 'changes', 'actor_name']).where('entity', '=', 'user').where('entity_id', '=', String(entityId)).orderBy('seq').execute();
    const tryLogin = (username: string, password: string) => rig.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

    before(async () => {
      rig = await startHttpRig(dialect);
      admin = await login(rig.app, 'admin');
      const e = await rig.store.database.db.selectFrom('enterprises').select('region_code').where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow();
      county = e.region_code;
      city = `${county.slice(0, 4)}00`;
    });
    after(() => rig.close());

    void test('the admin creates an officer with a generated password, shown once; the officer logs in; audited', async () => {
      const res = await call(rig.app, admin, 'POST', '/api/users', { username: 'new-officer', displayName: '新执法人员', role: 'officer', regionCode: county });
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json<UserWithPassword>();
      assert.equal(body.user.role, 'officer');
      assert.equal(body.user.regionCode, county);
      assert.notEqual(body.user.regionName, county, 'the region comes with its name');
      assert.ok(body.password !== null && body.password.length >= 10);
      const stored = await rig.store.database.db.selectFrom('users').select('password_hash').where('id', '=', body.user.id).executeTakeFirstOrThrow();
      assert.ok(!stored.password_hash.includes(body.password), 'only a hash is stored');
      assert.equal((await tryLogin('new-officer', body.password)).statusCode, 200);
      const rows = await audits(body.user.id);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.action, 'create');
      assert.equal(rows[0]!.actor_name, 'admin');
      assert.match(rows[0]!.changes ?? '', /"role":"officer"/);
      assert.doesNotMatch(rows[0]!.changes ?? '', new RegExp(body.password), 'the password is not in the audit trail');

      // A chosen password is used as given and not echoed back.
      const chosen = await call(rig.app, admin, 'POST', '/api/users', { username: 'chosen-pw', displayName: '自设密码', role: 'analyst', regionCode: city, password: 'Kx7-river-2026' });
      assert.equal(chosen.statusCode, 201, chosen.body);
      assert.equal(chosen.json<UserWithPassword>().password, null);
      assert.equal((await tryLogin('chosen-pw', 'Kx7-river-2026')).statusCode, 200);

      const dup = await call(rig.app, admin, 'POST', '/api/users', { username: 'new-officer', displayName: '重复', role: 'officer', regionCode: county });
      assert.equal(dup.statusCode, 409);
      assert.equal(reasonOf(dup.body), 'duplicate');
      const weak = await call(rig.app, admin, 'POST', '/api/users', { username: 'weak-one', displayName: '弱密码', role: 'officer', regionCode: county, password: 'short' });
      assert.equal(weak.statusCode, 400);
      assert.equal(reasonOf(weak.body), 'weak_password');
      const noEnterprise = await call(rig.app, admin, 'POST', '/api/users', { username: 'company-2', displayName: '企业', role: 'enterprise', regionCode: county });
      assert.equal(noEnterprise.statusCode, 400);
      assert.equal(reasonOf(noEnterprise.body), 'bad_enterprise');
      const company = await call(rig.app, admin, 'POST', '/api/users', { username: 'company-2', displayName: '企业', role: 'enterprise', regionCode: county, enterpriseId: rig.inside.enterpriseId });
      assert.equal(company.statusCode, 201, company.body);
      assert.ok(company.json<UserWithPassword>().user.enterpriseName !== null);
    });

    void test('the list filters by role, region, text and disabled, pages, and stays in the admin\'s region', async () => {
      await createUser(rig.store.database.db, { username: 'gx-officer', password: DEMO_PASSWORD, role: 'officer', regionCode: '450102' });
      const all = (await call(rig.app, admin, 'GET', '/api/users?limit=200')).json<ListPage<ManagedUser>>();
      assert.ok(all.total >= 10);
      assert.ok(all.items.every((u) => u.regionCode.startsWith('44')), 'no user of another province');
      const officers = (await call(rig.app, admin, 'GET', `/api/users?role=officer&regionCode=${county}`)).json<ListPage<ManagedUser>>();
      assert.ok(officers.items.length >= 2);
      assert.ok(officers.items.every((u) => u.role === 'officer' && u.regionCode === county));
      const text = (await call(rig.app, admin, 'GET', `/api/users?q=${encodeURIComponent('新执法')}`)).json<ListPage<ManagedUser>>();
      assert.deepEqual(text.items.map((u) => u.username), ['new-officer']);
      const paged = (await call(rig.app, admin, 'GET', '/api/users?limit=3&offset=3')).json<ListPage<ManagedUser>>();
      assert.equal(paged.items.length, 3);
      assert.equal(paged.offset, 3);
      assert.deepEqual(paged.items.map((u) => u.id), all.items.slice(3, 6).map((u) => u.id));
      const disabled = (await call(rig.app, admin, 'GET', '/api/users?disabled=true')).json<ListPage<ManagedUser>>();
      assert.ok(disabled.items.every((u) => !u.active));
    });

    void test('a disabled user cannot log in, its sessions end and its tokens stop working; enabling lets it log in again', async () => {
      const created = (await call(rig.app, admin, 'POST', '/api/users', { username: 'to-disable', displayName: '待停用', role: 'admin', regionCode: city })).json<UserWithPassword>();
      const password = created.password!;
      const own = await login(rig.app, 'to-disable', password);
      assert.equal((await call(rig.app, own, 'GET', '/api/auth/me')).statusCode, 200);
      const tok = await call(rig.app, own, 'POST', '/api/tokens', { name: '停用前的令牌', role: 'analyst', regionCode: city });
      assert.equal(tok.statusCode, 201, tok.body);
      const bearer = tok.json<{ token: string }>().token;
      const withToken = () => rig.app.inject({ method: 'GET', url: '/api/enterprises?limit=1', headers: { authorization: `Bearer ${bearer}` } });
      assert.equal((await withToken()).statusCode, 200);

      const off = await call(rig.app, admin, 'POST', `/api/users/${created.user.id}/disable`);
      assert.equal(off.statusCode, 200, off.body);
      assert.equal(off.json<ManagedUser>().active, false);
      assert.equal((await tryLogin('to-disable', password)).statusCode, 401);
      assert.equal((await call(rig.app, own, 'GET', '/api/auth/me')).statusCode, 401, 'the session ended');
      assert.equal((await withToken()).statusCode, 401, 'the token stopped working');
      const revoked = await rig.store.database.db.selectFrom('sessions').select('revoked_at').where('user_id', '=', created.user.id).execute();
      assert.ok(revoked.length > 0 && revoked.every((s) => s.revoked_at !== null));

      const on = await call(rig.app, admin, 'POST', `/api/users/${created.user.id}/enable`);
      assert.equal(on.json<ManagedUser>().active, true);
      assert.equal((await tryLogin('to-disable', password)).statusCode, 200);
      assert.deepEqual((await audits(created.user.id)).map((r) => r.action), ['create', 'disable', 'enable']);
      const disable = (await audits(created.user.id))[1]!;
      assert.match(disable.changes ?? '', /"before":\{"active":true\}/);
    });

    void test('a password reset gives a new generated password once, the old one fails and the sessions end', async () => {
      const created = (await call(rig.app, admin, 'POST', '/api/users', { username: 'reset-me', displayName: '重置密码', role: 'dispatcher', regionCode: city })).json<UserWithPassword>();
      const s = await login(rig.app, 'reset-me', created.password!);
      const res = await call(rig.app, admin, 'POST', `/api/users/${created.user.id}/password`);
      assert.equal(res.statusCode, 200, res.body);
      const next = res.json<UserWithPassword>().password!;
      assert.notEqual(next, created.password);
      assert.equal((await call(rig.app, s, 'GET', '/api/auth/me')).statusCode, 401);
      assert.equal((await tryLogin('reset-me', created.password!)).statusCode, 401);
      assert.equal((await tryLogin('reset-me', next)).statusCode, 200);
      const rows = await audits(created.user.id);
      assert.equal(rows.at(-1)!.action, 'password_reset');
      assert.doesNotMatch(rows.at(-1)!.changes ?? '', new RegExp(next));
    });

    void test('role and region changes: within the admin\'s reach they apply and are audited; beyond it they are refused', async () => {
      const target = (await call(rig.app, admin, 'POST', '/api/users', { username: 'mover', displayName: '调岗人员', role: 'officer', regionCode: county })).json<UserWithPassword>();
      const moved = await call(rig.app, admin, 'PATCH', `/api/users/${target.user.id}`, { role: 'analyst', regionCode: city });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal(moved.json<ManagedUser>().role, 'analyst');
      assert.equal(moved.json<ManagedUser>().regionCode, city);
      const mover = await login(rig.app, 'mover', target.password!);
      assert.equal((await call(rig.app, mover, 'GET', '/api/auth/me')).json<{ user: { role: string } }>().user.role, 'analyst');
      const update = (await audits(target.user.id)).at(-1)!;
      assert.equal(update.action, 'update');
      assert.match(update.changes ?? '', /"before":\{[^}]*"role":"officer"/);
      assert.match(update.changes ?? '', /"after":\{[^}]*"role":"analyst"/);

      // A city admin: cannot place anyone above its city, nor reach a user outside it.
      const cityAdmin = (await call(rig.app, admin, 'POST', '/api/users', { username: 'city-admin', displayName: '市级管理员', role: 'admin', regionCode: city })).json<UserWithPassword>();
      const cs = await login(rig.app, 'city-admin', cityAdmin.password!);
      const up = await call(rig.app, cs, 'PATCH', `/api/users/${target.user.id}`, { regionCode: `${county.slice(0, 2)}0000` });
      assert.equal(up.statusCode, 403);
      assert.equal(reasonOf(up.body), 'outside_region');
      const makeProvinceAdmin = await call(rig.app, cs, 'POST', '/api/users', { username: 'prov-admin-2', displayName: '越权', role: 'admin', regionCode: `${county.slice(0, 2)}0000` });
      assert.equal(makeProvinceAdmin.statusCode, 403);
      const head = await rig.store.database.db.selectFrom('users').select('id').where('username', '=', 'head').executeTakeFirstOrThrow();
      const provinceUser = await call(rig.app, cs, 'PATCH', `/api/users/${head.id}`, { role: 'officer' });
      assert.equal(provinceUser.statusCode, 404, 'a user above the city admin is out of its reach');
      assert.equal((await audits(target.user.id)).length, 2, 'refusals write nothing');
      const after = await rig.store.database.db.selectFrom('users').select(['role', 'region_code']).where('id', '=', target.user.id).executeTakeFirstOrThrow();
      assert.deepEqual(after, { role: 'analyst', region_code: city });
      // An admin demoted loses the tokens it made: a token never holds more than its holder.
      const tok = await call(rig.app, cs, 'POST', '/api/tokens', { name: '市级令牌', role: 'analyst', regionCode: city });
      assert.equal(tok.statusCode, 201);
      assert.equal((await call(rig.app, admin, 'PATCH', `/api/users/${cityAdmin.user.id}`, { role: 'head' })).statusCode, 200);
      const t = await rig.store.database.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', tok.json<{ id: number }>().id).executeTakeFirstOrThrow();
      assert.notEqual(t.revoked_at, null);
    });

    void test('an admin cannot disable itself nor remove the last active admin', async () => {
      const me = await rig.store.database.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
      const self = await call(rig.app, admin, 'POST', `/api/users/${me.id}/disable`);
      assert.equal(self.statusCode, 409);
      assert.equal(errorCode(self), 'conflict');
      assert.equal(reasonOf(self.body), 'self');
      // Every other admin disabled: the province admin is the last one and keeps its role.
      await rig.store.database.db.updateTable('users').set({ active: 0 }).where('role', '=', 'admin').where('id', '!=', me.id).execute();
      const demote = await call(rig.app, admin, 'PATCH', `/api/users/${me.id}`, { role: 'head' });
      assert.equal(demote.statusCode, 409);
      assert.equal(reasonOf(demote.body), 'last_admin');
      const still = await rig.store.database.db.selectFrom('users').select(['role', 'active']).where('id', '=', me.id).executeTakeFirstOrThrow();
      assert.deepEqual({ role: still.role, active: Number(still.active) }, { role: 'admin', active: 1 });
    });

    void test('tokens: listed with region and creator names; an enterprise token only for an enterprise of its region; audited', async () => {
      const ok = await call(rig.app, admin, 'POST', '/api/tokens', { name: '企业令牌', role: 'enterprise', regionCode: county, enterpriseId: rig.inside.enterpriseId });
      assert.equal(ok.statusCode, 201, ok.body);
      const wrong = await call(rig.app, admin, 'POST', '/api/tokens', { name: '错区令牌', role: 'enterprise', regionCode: city, enterpriseId: rig.inside.enterpriseId });
      assert.equal(wrong.statusCode, 400);
      assert.equal(reasonOf(wrong.body), 'bad_enterprise');
      const adminToken = await call(rig.app, admin, 'POST', '/api/tokens', { name: '管理令牌', role: 'admin', regionCode: county });
      assert.equal(adminToken.statusCode, 403);
      assert.equal(reasonOf(adminToken.body), 'admin_grant');
      const list = (await call(rig.app, admin, 'GET', '/api/tokens')).json<{ items: Array<{ name: string; regionName: string; enterpriseName: string | null; createdBy: string | null }> }>();
      const mine = list.items.find((x) => x.name === '企业令牌')!;
      assert.notEqual(mine.regionName, county);
      assert.ok(mine.enterpriseName !== null);
      assert.equal(mine.createdBy, '系统管理员');
      assert.equal(list.items.filter((x) => x.name === '错区令牌' || x.name === '管理令牌').length, 0, 'refusals create nothing');
      const audit = await rig.store.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'api_token').where('entity_id', '=', String(ok.json<{ id: number }>().id)).execute();
      assert.deepEqual(audit.map((a) => a.action), ['create']);
    });

    void test('bureau staff other than the admin cannot manage users', async () => {
      const head = await login(rig.app, 'head');
      assert.equal((await call(rig.app, head, 'POST', '/api/users', { username: 'by-head', displayName: '负责人建', role: 'officer', regionCode: county })).statusCode, 403);
    });
  });
}
