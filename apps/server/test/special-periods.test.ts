// Special periods (issue 4 §1), on SQLite and PostgreSQL: while a heavy-pollution warning runs in a region,
// the permits' special limits bind its outlets — an hour over the special limit is an exceedance whose
// evidence names the period, the same value outside the period or the region is not; closing in a batch
// judges the same as closing one by one; a special row looser than the ordinary one never relaxes it;
// cancelling hands the hours back to the ordinary limit; over HTTP declaring and cancelling are audited,
// typed on bad input, region-scoped, and re-close exactly the region's points over the period's closed hours.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeUscc } from '@ecoenforce/domain';
import { buildApp, type App } from '../src/http/app.ts';
import { createFrameSink } from '../src/monitoring/repositories/frame-sink.ts';
import { closeHours } from '../src/compliance/close-batch.ts';
import { closeHour, HOUR, limitsInForce, type LimitInForce } from '../src/compliance/compliance.ts';
import { cancelPeriod, declarePeriod, type PeriodContext, type PeriodInput } from '../src/compliance/special-periods.ts';
import { acceptedFrame, factor, freshStore, DIALECTS, type TestStore } from './store-fixtures.ts';
import { call, errorCode, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';

const H0 = Date.UTC(2026, 10, 28, 2); // 10:00 Beijing
const NOW = H0 + 6 * HOUR;
const ctx: PeriodContext = { actor: { kind: 'user', id: 1, name: 'admin' }, userId: 1, ip: null, at: NOW };

interface Plant { pointId: number; outletId: number; mn: string }

/** Guangdong with Guangzhou (440100) and Shenzhen (440300); one air point in each, same permit limits. */
async function seed(store: TestStore): Promise<{ gz: Plant; sz: Plant }> {
  const db = store.database.db;
  await db.insertInto('regions').values([
    { code: '440000', name: '广东省', level: 'province', parent_code: null },
    { code: '440100', name: '广州市', level: 'city', parent_code: '440000' },
    { code: '440103', name: '荔湾区', level: 'county', parent_code: '440100' },
    { code: '440300', name: '深圳市', level: 'city', parent_code: '440000' },
    { code: '440305', name: '南山区', level: 'county', parent_code: '440300' },
  ]).execute();
  const plant = async (region: string, orgBody: string, mn: string): Promise<Plant> => {
    const uscc = makeUscc({ authority: '9', kind: '1', region, orgBody });
    const e = await db.insertInto('enterprises').values({ uscc, name: `热电${orgBody}`, region_code: region, industry: 'thermal_power', address: '—', lat: 23, lng: 113, created_at: 0 }).returning('id').executeTakeFirstOrThrow();
    const o = await db.insertInto('outlets').values({ enterprise_id: e.id, code: 'DA001', kind: 'air', name: '1号烟囱' }).returning('id').executeTakeFirstOrThrow();
    const p = await db.insertInto('monitoring_points').values({ outlet_id: o.id, mn, pw: '123456', crc_variants: 'hj212', protocol_version: '2017', st: '31', factors: '["a21026","a19001"]', active: 1 }).returning('id').executeTakeFirstOrThrow();
    const permit = await db.insertInto('permits').values({ enterprise_id: e.id, number: `${uscc}001P`, issued_at: 0, valid_from: 0, valid_to: H0 + 1000 * HOUR, issuer: '厅', status: 'valid' }).returning('id').executeTakeFirstOrThrow();
    const limit = { permit_id: permit.id, outlet_id: o.id, factor: 'a21026', unit: 'mg/m3', basis: 'hourly' as const, reference_o2: 6, annual_quantity_t: null, standard: 'GB 13223-2011', note: null };
    // Ordinary 35; 20 during a heavy-pollution warning; a (mis-entered) looser 50 for special events.
    await db.insertInto('permit_limits').values([
      { ...limit, limit_value: 35, special_kind: null },
      { ...limit, limit_value: 20, special_kind: 'heavy_pollution' },
      { ...limit, limit_value: 50, special_kind: 'special_event' },
    ]).execute();
    return { pointId: Number(p.id), outletId: Number(o.id), mn };
  };
  return { gz: await plant('440103', 'MA5PGAA1', 'SPGZ00000000000000000001'), sz: await plant('440305', 'MA5PGBB1', 'SPSZ00000000000000000001') };
}

/** SO2 (at 6 % O2, so converted = measured) per hour from H0. */
async function stream(store: TestStore, p: Plant, so2: number[]): Promise<void> {
  const frames = so2.flatMap((v, h) =>
    Array.from({ length: 60 }, (_, m) => {
      const t = H0 + h * HOUR + m * 60_000;
      return acceptedFrame(p.pointId, p.mn, 'min', t, [factor('a21026', v), factor('a19001', 6)], { qn: `${p.pointId}-${h}-${m}`, receivedAt: t + 30_000 });
    }),
  );
  await createFrameSink(store.database).write(frames, []);
}

const warning = (starts: number, hours: number): PeriodInput => ({
  regionCode: '440100', kind: 'heavy_pollution', level: 'orange', name: '广州市重污染天气橙色预警', startsAt: H0 + starts * HOUR, endsAt: H0 + (starts + hours) * HOUR, source: '穗环〔2026〕1号', note: null,
});

async function snapshot(store: TestStore) {
  const db = store.database.db;
  return {
    values: await db.selectFrom('period_values').selectAll().orderBy('point_id').orderBy('factor').orderBy('period_start').execute(),
    warnings: await db.selectFrom('warnings').selectAll().orderBy('id').execute(),
    audit: await db.selectFrom('audit_log').select(['seq', 'at', 'action', 'entity', 'entity_id', 'changes', 'hash']).orderBy('seq').execute(),
  };
}

type Evidence = { times: number[]; values: number[]; rule: LimitInForce };

for (const dialect of DIALECTS) {
  void describe(`special periods on ${dialect}`, () => {
    void test('during a heavy-pollution warning the special limit binds the region; its evidence names the period', async () => {
      const store = await freshStore(dialect);
      try {
        const db = store.database.db;
        const { gz, sz } = await seed(store);
        await stream(store, gz, [40, 30, 30, 30]);
        await stream(store, sz, [30, 30, 30, 30]);
        const { period, reclose } = await declarePeriod(db, warning(1, 2), ctx);
        // Re-closed: only the Guangzhou point, only the period's hours.
        assert.deepEqual(reclose, [{ pointId: gz.pointId, from: H0 + HOUR, to: H0 + 3 * HOUR }]);
        for (const p of [gz, sz]) for (let h = 0; h < 4; h++) await closeHour(db, p.pointId, H0 + h * HOUR, NOW);

        const ws = await db.selectFrom('warnings').selectAll().orderBy('id').execute();
        assert.deepEqual(ws.map((w) => [w.point_id, w.period_from, w.period_to]), [
          [gz.pointId, H0, H0 + HOUR], // 40 over the ordinary 35
          [gz.pointId, H0 + HOUR, H0 + 3 * HOUR], // 30 over the special 20: its own warning, not an extension of the first
        ], 'the same 30 outside the period (hour 3) and outside the region (Shenzhen) is no exceedance');
        const ordinary = JSON.parse(ws[0]!.evidence) as Evidence;
        assert.equal(ordinary.rule.limit, 35);
        assert.equal(ordinary.rule.specialPeriods, undefined);
        const special = JSON.parse(ws[1]!.evidence) as Evidence;
        assert.deepEqual([special.rule.limit, special.rule.limitKind, special.values], [20, 'heavy_pollution', [30, 30]]);
        assert.deepEqual(special.rule.specialPeriods, [{ id: Number(period.id), kind: 'heavy_pollution', level: 'orange', name: '广州市重污染天气橙色预警', regionCode: '440100' }]);
        const audit = await db.selectFrom('audit_log').select(['action', 'entity', 'entity_id']).where('entity', '=', 'special_period').orderBy('seq').execute();
        assert.deepEqual(audit.map((a) => [a.action, a.entity_id]), [['create', String(period.id)]]);
      } finally {
        await store.dispose();
      }
    });

    void test('closing in a batch judges special periods as closing one by one does', async () => {
      const [single, batch] = [await freshStore(dialect), await freshStore(dialect)];
      try {
        const plants = await seed(single);
        await seed(batch);
        for (const s of [single, batch]) {
          await stream(s, plants.gz, [40, 30, 30, 30]);
          await stream(s, plants.sz, [30, 30, 30, 30]);
          await declarePeriod(s.database.db, warning(1, 2), ctx);
          // A province-wide special event too: its looser row loses to the ordinary limit, but it is named.
          await declarePeriod(s.database.db, { ...warning(2, 2), regionCode: '440000', kind: 'special_event', level: null, name: '重大活动保障' }, ctx);
        }
        const pairs = [0, 1, 2, 3].flatMap((h) => [plants.gz, plants.sz].map((p) => ({ pointId: p.pointId, hourStart: H0 + h * HOUR })));
        for (const p of pairs) await closeHour(single.database.db, p.pointId, p.hourStart, NOW);
        await closeHours(batch.database.db, pairs, NOW, { detectors: false });
        const after = await snapshot(batch);
        assert.deepEqual(after, await snapshot(single));
        const rules = after.warnings.filter((w) => w.kind === 'exceedance').map((w) => (JSON.parse(w.evidence) as Evidence).rule);
        assert.deepEqual(rules.map((r) => [r.limit, r.limitKind ?? null, (r.specialPeriods ?? []).map((p) => p.kind)]), [
          [35, null, []],
          [20, 'heavy_pollution', ['heavy_pollution']],
          [20, 'heavy_pollution', ['heavy_pollution', 'special_event']],
        ]);
      } finally {
        await single.dispose();
        await batch.dispose();
      }
    });

    void test('a looser special row never relaxes the ordinary limit; cancelling hands the hours back to it', async () => {
      const store = await freshStore(dialect);
      try {
        const db = store.database.db;
        const { gz, sz } = await seed(store);
        const event = await declarePeriod(db, { ...warning(0, 4), regionCode: '440000', kind: 'special_event', level: null, name: '重大活动保障' }, ctx);
        const during = (await limitsInForce(db, gz.outletId, H0, 'hourly')).get('a21026') as LimitInForce;
        assert.deepEqual([during.limit, during.limitKind, during.specialPeriods?.map((p) => p.id)], [35, 'ordinary', [Number(event.period.id)]]);
        assert.deepEqual(event.reclose.map((r) => r.pointId).sort((a, b) => a - b), [gz.pointId, sz.pointId].sort((a, b) => a - b), 'a province-wide period re-closes every point of the province');

        const { period } = await declarePeriod(db, warning(0, 4), ctx);
        assert.equal((await limitsInForce(db, gz.outletId, H0 + 2 * HOUR, 'hourly')).get('a21026')?.limit, 20);
        // Lifted at hour 2: the hours before stay under the warning, the rest go back to the ordinary limit.
        const lifted = await cancelPeriod(db, Number(period.id), '44', '预警提前解除', H0 + 2 * HOUR, ctx);
        assert.deepEqual(lifted.reclose, [{ pointId: gz.pointId, from: H0 + 2 * HOUR, to: H0 + 4 * HOUR }]);
        assert.equal((await limitsInForce(db, gz.outletId, H0 + HOUR, 'hourly')).get('a21026')?.limit, 20);
        assert.equal((await limitsInForce(db, gz.outletId, H0 + 2 * HOUR, 'hourly')).get('a21026')?.limit, 35);
        await stream(store, gz, [30, 30, 30]);
        assert.equal((await closeHour(db, gz.pointId, H0 + 2 * HOUR, NOW)).exceeded.length, 0, 'after the lift 30 is within the ordinary 35');
        assert.equal((await closeHour(db, gz.pointId, H0 + HOUR, NOW)).exceeded.length, 1, 'before it, over the special 20');
        await assert.rejects(cancelPeriod(db, Number(period.id), '44', 'again', null, ctx), { code: 'already_cancelled' });
        await assert.rejects(cancelPeriod(db, Number(event.period.id), '4401', 'a city cannot call off the province’s event', null, ctx), { code: 'out_of_scope' });
        const audit = await db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', 'special_period').orderBy('seq').execute();
        assert.deepEqual(audit.map((a) => [a.action, a.entity_id]), [['create', String(event.period.id)], ['create', String(period.id)], ['cancel', String(period.id)]]);
      } finally {
        await store.dispose();
      }
    });
  });

  void describe(`special periods over HTTP on ${dialect}`, () => {
    let rig: HttpRig;
    let app: App;
    let admin: Session;
    const reclosed: Array<{ pointId: number; from: number; to: number }> = [];
    before(async () => {
      rig = await startHttpRig(dialect);
      app = await buildApp({
        database: rig.store.database, now: () => rig.clock.now, activity: rig.activity, live: rig.live, webDist: null, secureCookies: false,
        reclose: (pointId, from, to) => reclosed.push({ pointId, from, to }),
      });
      admin = await login(app, 'admin');
    });
    after(async () => {
      await app.close();
      await rig.close();
    });

    void test('declare, list, cancel: audited, typed errors, region-scoped, the region’s closed hours re-closed', async () => {
      const db = rig.store.database.db;
      const inside = await db.selectFrom('enterprises').select('region_code').where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow();
      const city = `${inside.region_code.slice(0, 4)}00`;
      const now = rig.clock.now;
      const body = { regionCode: city, kind: 'heavy_pollution', level: 'red', name: '红色预警', startsAt: now - 2 * HOUR, endsAt: now + 46 * HOUR, source: '预警通知' };
      const res = await call(app, admin, 'POST', '/api/special-periods', body);
      assert.equal(res.statusCode, 200, res.body);
      const p = res.json<{ id: number; inForce: boolean; manageable: boolean; effectiveEnd: number }>();
      assert.deepEqual([p.inForce, p.manageable, p.effectiveEnd], [true, true, body.endsAt]);
      // Every point of the city's enterprises and none other, over the hours that have passed.
      const cityPoints = await db.selectFrom('monitoring_points as mp').innerJoin('outlets as o', 'o.id', 'mp.outlet_id').innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
        .select('mp.id').where('e.region_code', 'like', `${city.slice(0, 4)}%`).orderBy('mp.id').execute();
      assert.ok(cityPoints.length > 0);
      assert.deepEqual(reclosed, cityPoints.map((c) => ({ pointId: Number(c.id), from: body.startsAt, to: now })));
      assert.ok(!reclosed.some((r) => r.pointId === rig.otherCity.pointId || r.pointId === rig.outside.pointId));

      const bad = async (payload: object, status: number, reason?: string) => {
        const r = await call(app, admin, 'POST', '/api/special-periods', { ...body, ...payload });
        assert.equal(r.statusCode, status, r.body);
        if (reason !== undefined) assert.equal(r.json<{ error: { details: { reason: string } } }>().error.details.reason, reason);
      };
      await bad({ endsAt: body.startsAt }, 400);
      await bad({ kind: 'drought' }, 400);
      await bad({ kind: 'special_event' }, 400, 'not_applicable');
      await bad({ regionCode: '449999' }, 400, 'unknown_region');
      await bad({ startsAt: now, endsAt: now + HOUR }, 409, 'overlap');
      await bad({ regionCode: '450000' }, 404);

      // The analyst (the city) sees it; the outside province's head would not: nobody there, so check by scope.
      const analyst = await login(app, 'analyst');
      const list = (await call(app, analyst, 'GET', '/api/special-periods')).json<{ items: Array<{ id: number; manageable: boolean }> }>();
      assert.deepEqual(list.items.map((i) => [i.id, i.manageable]), [[p.id, false]]);
      assert.equal((await call(app, analyst, 'POST', `/api/special-periods/${p.id}/cancel`, { reason: 'not mine' })).statusCode, 403);

      reclosed.length = 0;
      const cancel = await call(app, admin, 'POST', `/api/special-periods/${p.id}/cancel`, { reason: '预警解除' });
      assert.equal(cancel.statusCode, 200, cancel.body);
      assert.deepEqual([cancel.json<{ inForce: boolean }>().inForce, cancel.json<{ cancelledAt: number }>().cancelledAt], [false, now]);
      assert.deepEqual(reclosed, [], 'lifted now: no closed hour changes');
      const again = await call(app, admin, 'POST', `/api/special-periods/${p.id}/cancel`, { reason: '预警解除' });
      assert.deepEqual([again.statusCode, errorCode(again)], [409, 'conflict']);
      assert.equal((await call(app, admin, 'POST', '/api/special-periods/999999/cancel', { reason: 'missing' })).statusCode, 404);
      const audit = await db.selectFrom('audit_log').select(['action', 'actor_name']).where('entity', '=', 'special_period').orderBy('seq').execute();
      assert.deepEqual(audit.map((a) => [a.action, a.actor_name]), [['create', 'admin'], ['cancel', 'admin']]);
    });

    void test('a permit takes a special-period limit beside the ordinary one of the same factor and basis', async () => {
      const db = rig.store.database.db;
      const outlet = await db.selectFrom('outlets').select('id').where('enterprise_id', '=', rig.inside.enterpriseId).where('kind', '=', 'air').orderBy('id').executeTakeFirstOrThrow();
      const base = `/api/enterprises/${rig.inside.enterpriseId}/permits`;
      const from = Date.UTC(2028, 0, 1);
      const permit = await call(app, admin, 'POST', base, { number: 'SPECIAL-0001', issuedAt: from, validFrom: from, validTo: from + 365 * 24 * HOUR, issuer: '广州市生态环境局' });
      assert.equal(permit.statusCode, 200, permit.body);
      const limits = `${base}/${permit.json<{ id: number }>().id}/limits`;
      const so2 = { outletId: Number(outlet.id), factor: 'a21026', unit: 'mg/m3', basis: 'hourly', referenceO2: 6 };
      const ordinary = await call(app, admin, 'POST', limits, { ...so2, limit: 35 });
      const special = await call(app, admin, 'POST', limits, { ...so2, limit: 20, specialKind: 'heavy_pollution' });
      assert.deepEqual([ordinary.statusCode, special.statusCode], [200, 200], special.body);
      assert.deepEqual([ordinary.json<{ specialKind: string | null }>().specialKind, special.json<{ specialKind: string | null }>().specialKind], [null, 'heavy_pollution']);
      const twice = await call(app, admin, 'POST', limits, { ...so2, limit: 15, specialKind: 'heavy_pollution' });
      assert.deepEqual([twice.statusCode, twice.json<{ error: { details: { reason: string } } }>().error.details.reason], [409, 'duplicate_limit']);
      const annual = await call(app, admin, 'POST', limits, { ...so2, limit: 30, specialKind: 'special_event', annualQuantityT: 100 });
      assert.deepEqual([annual.statusCode, annual.json<{ error: { details: { reason: string } } }>().error.details.reason], [400, 'not_applicable']);
      assert.equal((await call(app, admin, 'POST', limits, { ...so2, limit: 30, specialKind: 'drought' })).statusCode, 400);
      // Outside any special period the ordinary row binds.
      assert.equal((await limitsInForce(db, Number(outlet.id), from + HOUR, 'hourly')).get('a21026')?.limit, 35);
      const audit = await db.selectFrom('audit_log').select('entity_id').where('entity', '=', 'permit_limit').where('action', '=', 'create').orderBy('seq').execute();
      assert.ok(audit.some((a) => a.entity_id === String(special.json<{ id: number }>().id)), 'the special limit was audited');
    });
  });
}
