import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidRegionCode, parentRegionCode, regionLevel, validateUscc } from '@ecoenforce/domain';
import { benchMn, FLUE_GAS_FACTORS, seedBenchPoints, seedDemoProvince } from '../src/seed/demo-province.ts';
import { regionsRepository } from '../src/registry/repositories/regions.ts';
import { pointsRepository } from '../src/monitoring/repositories/points.ts';
import { outletsRepository } from '../src/registry/repositories/outlets.ts';
import { DIALECTS, freshStore } from './store-fixtures.ts';

for (const dialect of DIALECTS) {
  void describe(`demo seed and registry (${dialect})`, () => {
    void test('seeding is idempotent and produces valid USCCs, regions and points', async () => {
      const store = await freshStore(dialect);
      try {
        const { db } = store.database;
        const first = await seedDemoProvince(store.database);
        const snapshot = async () => ({
          regions: await db.selectFrom('regions').selectAll().orderBy('code').execute(),
          enterprises: await db.selectFrom('enterprises').selectAll().orderBy('id').execute(),
          outlets: await db.selectFrom('outlets').selectAll().orderBy('id').execute(),
          points: await db.selectFrom('monitoring_points').selectAll().orderBy('id').execute(),
        });
        const a = await snapshot();
        const second = await seedDemoProvince(store.database);
        assert.deepEqual(second, first);
        assert.deepEqual(await snapshot(), a);

        assert.equal(a.enterprises.length, 60);
        assert.equal(a.points.length, first.points);
        // One analyser point per outlet, plus a meter logger (ST 51) for some enterprises (demo-meters.ts).
        assert.equal(a.outlets.length, a.points.filter((p) => p.st !== '51').length);
        assert.ok(a.points.some((p) => p.st === '51'));
        assert.ok(a.regions.length >= 60, `regions ${a.regions.length}`);
        const codes = new Set(a.regions.map((r) => r.code));
        for (const r of a.regions) {
          assert.ok(isValidRegionCode(r.code), r.code);
          assert.equal(r.level, regionLevel(r.code));
          assert.equal(r.parent_code, parentRegionCode(r.code));
          if (r.parent_code !== null) assert.ok(codes.has(r.parent_code), `parent of ${r.code}`);
        }
        assert.ok(a.regions.some((r) => r.code === '440100' && r.name === '广州市'));
        for (const e of a.enterprises) {
          assert.ok(validateUscc(e.uscc, { checkOrgCode: true }).ok, e.uscc);
          assert.equal(e.uscc.slice(2, 8), e.region_code);
          assert.ok(codes.has(e.region_code));
          assert.ok(e.lat > 20.2 && e.lat < 25.6 && e.lng > 109.6 && e.lng < 117.4, `${e.name} ${e.lat},${e.lng}`);
          assert.match(e.name, /[\u4e00-\u9fff]/);
        }
        const industries = new Set(a.enterprises.map((e) => e.industry));
        assert.deepEqual([...industries].sort(), ['boiler', 'chemical', 'thermal_power', 'waste_incineration', 'wastewater']);
        for (const p of a.points) {
          assert.equal(p.mn.length, 24);
          assert.match(p.pw, /^\d{6}$/);
          assert.equal(p.protocol_version, '2017');
        }
        assert.equal(a.points.filter((p) => p.crc_variants.includes('modbus-lo-first')).length, 1);
        const outlets = await outletsRepository(db).listByEnterprise(a.enterprises[0]!.id);
        assert.ok(outlets.every((o) => /^D[AW]\d{3}$/.test(o.code) && o.kind === (o.code.startsWith('DA') ? 'air' : 'water')));
        assert.equal((await regionsRepository(db).children('440000')).length, 10);

        // Registry: one query, lookups by MN from memory.
        const registry = await pointsRepository(db).loadRegistry();
        assert.equal(registry.size, a.points.length);
        const modbus = registry.lookup(first.modbusMn);
        assert.ok(modbus !== undefined);
        assert.deepEqual(modbus.crcVariants, ['hj212', 'modbus-lo-first']);
        assert.equal(modbus.version, '2017');
        const any = a.points[5]!;
        assert.deepEqual(registry.lookup(any.mn), { pointId: any.id, mn: any.mn, pw: any.pw, crcVariants: ['hj212'], version: '2017' });
        assert.equal(registry.lookup('NOPE'), undefined);

        // Bench points appear after reload; seeding them twice is a no-op too.
        await seedBenchPoints(store.database, 1200);
        await seedBenchPoints(store.database, 1200);
        assert.equal(registry.lookup(benchMn(1)), undefined);
        await registry.reload();
        assert.equal(registry.size, a.points.length + 1200);
        assert.equal(registry.lookup(benchMn(1200))?.pw, '123456');
        assert.equal(benchMn(7), 'BENCH0000000000000000007');
        const bp = await pointsRepository(db).byMn(benchMn(3));
        assert.deepEqual(bp?.factors, [...FLUE_GAS_FACTORS]);
      } finally {
        await store.dispose();
      }
    });
  });
}
