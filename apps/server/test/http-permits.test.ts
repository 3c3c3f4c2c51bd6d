// Permits and limits edited over HTTP (issue 4 §1): create a permit, change its dates, add / change / remove
// limits; the compliance checks then see the new limit only inside the permit's validity; bad input is a
// typed 400 (409 for a duplicate key), another region's enterprise a 404; every change is audited with
// before/after, and the hours it may judge differently are handed to the re-close hook.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../src/http/app.ts';
import { limitsInForce } from '../src/compliance/compliance.ts';
import { RECLOSE_WINDOW_MS } from '../src/registry/permit-edit.ts';
import { DIALECTS } from './store-fixtures.ts';
import { call, errorCode, login, startHttpRig, T0, type HttpRig, type Session } from './http-fixtures.ts';

const DAY = 24 * 3600_000;
interface LimitOut { id: number; outletId: number; factor: string; limit: number; unit: string; basis: string; referenceO2: number | null; note: string | null }
interface PermitOut { id: number; number: string; validFrom: number; validTo: number; status: string; limits: LimitOut[] }
const details = (res: { json: <T>() => T }) => res.json<{ error: { details?: { reason?: string; field?: string } } }>().error.details;

for (const dialect of DIALECTS) {
  void describe(`permit editing over HTTP on ${dialect}`, () => {
    let rig: HttpRig;
    let app: App;
    let admin: Session;
    let airOutlet: number;
    let waterOutlet: number | undefined;
    const reclosed: Array<{ pointId: number; from: number; to: number }> = [];
    let registryChanges = 0;
    before(async () => {
      rig = await startHttpRig(dialect);
      // The rig's app has no runner; this one records what the edits ask the runner to close again.
      app = await buildApp({
        database: rig.store.database, now: () => rig.clock.now, activity: rig.activity, live: rig.live, webDist: null, secureCookies: false,
        reclose: (pointId, from, to) => reclosed.push({ pointId, from, to }),
        onRegistryChanged: () => {
          registryChanges++;
          return Promise.resolve();
        },
      });
      admin = await login(app, 'admin');
      const outlets = await rig.store.database.db.selectFrom('outlets').select(['id', 'kind']).where('enterprise_id', '=', rig.inside.enterpriseId).orderBy('id').execute();
      airOutlet = Number(outlets.find((o) => o.kind === 'air')!.id);
      const w = outlets.find((o) => o.kind === 'water');
      waterOutlet = w === undefined ? undefined : Number(w.id);
    });
    after(async () => {
      await app.close();
      await rig.close();
    });

    const base = () => `/api/enterprises/${rig.inside.enterpriseId}/permits`;
    const newPermit = async (number: string, validFrom: number, validTo: number): Promise<PermitOut> => {
      const res = await call(app, admin, 'POST', base(), { number, issuedAt: validFrom - DAY, validFrom, validTo, issuer: '广州市生态环境局' });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<PermitOut>();
    };
    const so2 = (outletId: number, limit = 1) => ({ outletId, factor: 'a21026', limit, unit: 'mg/m3', basis: 'hourly', referenceO2: 6, standard: 'GB 13223-2011' });

    void test('create, edit and remove round trip; limitsInForce sees the limit only inside the validity; audited', async () => {
      const from = Date.UTC(2027, 0, 1) - 8 * 3600_000;
      const to = Date.UTC(2027, 6, 1) - 8 * 3600_000;
      const p = await newPermit('TEST-PERMIT-0001', from, to);
      assert.deepEqual([p.number, p.validFrom, p.validTo, p.status, p.limits], ['TEST-PERMIT-0001', from, to, 'valid', []]);

      const add = await call(app, admin, 'POST', `${base()}/${p.id}/limits`, so2(airOutlet, 1.5));
      assert.equal(add.statusCode, 200, add.body);
      const l = add.json<LimitOut>();
      assert.deepEqual([l.factor, l.limit, l.basis, l.referenceO2], ['a21026', 1.5, 'hourly', 6]);

      const inside = await limitsInForce(rig.store.database.db, airOutlet, from + 3600_000, 'hourly');
      assert.equal(inside.get('a21026')?.limit, 1.5);
      assert.equal(inside.get('a21026')?.source, 'permit TEST-PERMIT-0001');
      for (const at of [from - 3600_000, to]) {
        const outside = await limitsInForce(rig.store.database.db, airOutlet, at, 'hourly');
        assert.notEqual(outside.get('a21026')?.source, 'permit TEST-PERMIT-0001', `at ${at}`);
      }

      const change = await call(app, admin, 'PATCH', `${base()}/${p.id}/limits/${l.id}`, { limit: 2, note: '变更' });
      assert.equal(change.statusCode, 200, change.body);
      assert.deepEqual([change.json<LimitOut>().limit, change.json<LimitOut>().referenceO2, change.json<LimitOut>().note], [2, 6, '变更'], 'fields left out keep their value');
      assert.equal((await limitsInForce(rig.store.database.db, airOutlet, from + 3600_000, 'hourly')).get('a21026')?.limit, 2);

      // Moving the permit's start later takes the limit out of the hours before it.
      const later = from + 30 * DAY;
      const moved = await call(app, admin, 'PATCH', `${base()}/${p.id}`, { validFrom: later });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal(moved.json<PermitOut>().limits.length, 1);
      assert.notEqual((await limitsInForce(rig.store.database.db, airOutlet, from + 3600_000, 'hourly')).get('a21026')?.source, 'permit TEST-PERMIT-0001');
      assert.equal((await limitsInForce(rig.store.database.db, airOutlet, later, 'hourly')).get('a21026')?.limit, 2);
      // Revoked: no longer in force anywhere.
      assert.equal((await call(app, admin, 'PATCH', `${base()}/${p.id}`, { status: 'revoked' })).statusCode, 200);
      assert.notEqual((await limitsInForce(rig.store.database.db, airOutlet, later, 'hourly')).get('a21026')?.source, 'permit TEST-PERMIT-0001');

      const listed = (await call(app, admin, 'GET', base())).json<{ permits: PermitOut[]; outlets: unknown[]; standards: unknown[] }>();
      const mine = listed.permits.find((x) => x.id === p.id);
      assert.deepEqual([mine?.status, mine?.validFrom, mine?.limits.map((x) => x.limit)], ['revoked', later, [2]]);
      assert.ok(listed.outlets.length > 0 && listed.standards.length > 0);

      const del = await call(app, admin, 'DELETE', `${base()}/${p.id}/limits/${l.id}`);
      assert.equal(del.statusCode, 200, del.body);
      assert.equal((await call(app, admin, 'DELETE', `${base()}/${p.id}/limits/${l.id}`)).statusCode, 404, 'already removed');

      const db = rig.store.database.db;
      const audit = await db
        .selectFrom('audit_log')
        .select(['entity', 'action', 'entity_id', 'actor_name', 'changes'])
        .where((eb) => eb.or([eb.and([eb('entity', '=', 'permit'), eb('entity_id', '=', String(p.id))]), eb.and([eb('entity', '=', 'permit_limit'), eb('entity_id', '=', String(l.id))])]))
        .orderBy('seq')
        .execute();
      assert.deepEqual(audit.map((a) => `${a.entity}:${a.action}`), ['permit:create', 'permit_limit:create', 'permit_limit:update', 'permit:update', 'permit:update', 'permit_limit:delete']);
      assert.ok(audit.every((a) => a.actor_name === 'admin'));
      const limitUpdate = JSON.parse(audit[2]!.changes!) as { before: { limit: number }; after: { limit: number } };
      assert.deepEqual([limitUpdate.before.limit, limitUpdate.after.limit], [1.5, 2]);
    });

    void test('an edit over recent hours asks the runner to re-close the outlet\'s points, at most the window back', async () => {
      rig.clock.now = T0 + 3600_000;
      const p = await newPermit('TEST-PERMIT-RECLOSE', T0 - 90 * DAY, T0 + 365 * DAY);
      const changesBefore = registryChanges;
      reclosed.length = 0;
      assert.equal((await call(app, admin, 'POST', `${base()}/${p.id}/limits`, so2(airOutlet))).statusCode, 200);
      assert.ok(registryChanges > changesBefore, 'the registry-changed hook ran');
      const points = await rig.store.database.db.selectFrom('monitoring_points').select('id').where('outlet_id', '=', airOutlet).orderBy('id').execute();
      assert.ok(points.length > 0);
      assert.deepEqual(reclosed, points.map((x) => ({ pointId: Number(x.id), from: rig.clock.now - RECLOSE_WINDOW_MS, to: rig.clock.now })));
      // A permit wholly in the future changes no closed hour.
      reclosed.length = 0;
      const future = await newPermit('TEST-PERMIT-FUTURE', T0 + 100 * DAY, T0 + 200 * DAY);
      assert.equal((await call(app, admin, 'POST', `${base()}/${future.id}/limits`, so2(airOutlet))).statusCode, 200);
      assert.deepEqual(reclosed, []);
    });

    void test('validation: typed 400s, 409 on a duplicate key or number', async () => {
      const p = await newPermit('TEST-PERMIT-VALID', Date.UTC(2028, 0, 1), Date.UTC(2029, 0, 1));
      const limits = `${base()}/${p.id}/limits`;
      assert.equal((await call(app, admin, 'POST', limits, so2(airOutlet))).statusCode, 200);
      const dup = await call(app, admin, 'POST', limits, so2(airOutlet, 9));
      assert.equal(dup.statusCode, 409, dup.body);
      assert.equal(errorCode(dup), 'conflict');
      assert.equal(details(dup)?.reason, 'duplicate_limit');
      // The 2005 code of SO2 is the same factor, so the same key.
      assert.equal(details(await call(app, admin, 'POST', limits, { ...so2(airOutlet), factor: '02' }))?.reason, 'duplicate_limit');
      const again = await call(app, admin, 'POST', base(), { number: 'TEST-PERMIT-VALID', issuedAt: 0, validFrom: 1, validTo: 2, issuer: 'x' });
      assert.equal(again.statusCode, 409);
      assert.equal(details(again)?.reason, 'duplicate_number');

      const outsideOutlet = await rig.store.database.db.selectFrom('outlets').select('id').where('enterprise_id', '=', rig.outside.enterpriseId).executeTakeFirstOrThrow();
      const typed: Array<[unknown, string]> = [
        [{ ...so2(Number(outsideOutlet.id)), basis: 'daily' }, 'unknown_outlet'],
        [{ ...so2(airOutlet), factor: 'x99999' }, 'unknown_factor'],
        [{ ...so2(airOutlet), factor: 'w01018', unit: 'mg/L', referenceO2: null }, 'factor_kind_mismatch'],
      ];
      if (waterOutlet !== undefined) typed.push([{ outletId: waterOutlet, factor: 'w01018', limit: 50, unit: 'mg/L', basis: 'daily', referenceO2: 6 }, 'not_applicable']);
      for (const [body, reason] of typed) {
        const res = await call(app, admin, 'POST', limits, body);
        assert.equal(res.statusCode, 400, `${reason}: ${res.body}`);
        assert.equal(errorCode(res), 'bad_request');
        assert.equal(details(res)?.reason, reason);
      }
      for (const body of [{ ...so2(airOutlet), limit: 0 }, { ...so2(airOutlet), limit: -1 }, { ...so2(airOutlet), referenceO2: 21 }, { ...so2(airOutlet), referenceO2: -1 }, { ...so2(airOutlet), basis: 'weekly' }]) {
        const res = await call(app, admin, 'POST', limits, body);
        assert.equal(res.statusCode, 400, JSON.stringify(body));
        assert.equal(errorCode(res), 'bad_request');
      }
      const backwards = await call(app, admin, 'POST', base(), { number: 'TEST-PERMIT-BACK', issuedAt: 0, validFrom: 10, validTo: 10, issuer: 'x' });
      assert.equal(backwards.statusCode, 400);
      const patchBack = await call(app, admin, 'PATCH', `${base()}/${p.id}`, { validTo: p.validFrom });
      assert.equal(patchBack.statusCode, 400, patchBack.body);
      assert.equal(details(patchBack)?.reason, 'invalid_period');
      const unchanged = (await call(app, admin, 'GET', base())).json<{ permits: PermitOut[] }>().permits.find((x) => x.id === p.id);
      assert.equal(unchanged?.validTo, p.validTo, 'a rejected change writes nothing');
    });

    void test('another region\'s enterprise is a 404; a permit of another enterprise is a 404; only registry.write edits', async () => {
      const out = `/api/enterprises/${rig.outside.enterpriseId}/permits`;
      for (const [method, url, body] of [
        ['GET', out, undefined], ['POST', out, { number: 'TEST-OUT', issuedAt: 0, validFrom: 1, validTo: 2, issuer: 'x' }],
      ] as const) {
        // The admin is province-wide in the demo province; Guangxi is outside it.
        const res = await call(app, admin, method, url, body);
        assert.equal(res.statusCode, 404, `${method} ${url}`);
        assert.equal(errorCode(res), 'not_found');
      }
      const p = await newPermit('TEST-PERMIT-OTHER-ENT', Date.UTC(2030, 0, 1), Date.UTC(2031, 0, 1));
      const viaOther = await call(app, admin, 'PATCH', `/api/enterprises/${rig.otherCity.enterpriseId}/permits/${p.id}`, { issuer: 'y' });
      assert.equal(viaOther.statusCode, 404, 'the permit is not the other enterprise\'s');
      const officer = await login(app, 'officer');
      assert.equal((await call(app, officer, 'GET', base())).statusCode, 200);
      assert.equal((await call(app, officer, 'PATCH', `${base()}/${p.id}`, { issuer: 'y' })).statusCode, 403);
    });
  });
}
