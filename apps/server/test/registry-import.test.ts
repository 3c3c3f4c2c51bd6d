import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { makeUscc } from '@ecoenforce/domain';
import type { Kysely } from 'kysely';
import type { Schema } from '../src/platform/db/schema.ts';
import { regionsRepository } from '../src/registry/repositories/regions.ts';
import { permitsRepository } from '../src/registry/repositories/permits.ts';
import { devicesRepository } from '../src/monitoring/repositories/devices.ts';
import { importRegistry } from '../src/registry/registry-import.ts';
import type { ImportReport, RegistryChange, RegistryKind } from '../src/registry/registry-import.ts';
import { readTable, toXlsx } from '../src/platform/tabular.ts';
import { seedDemoProvince } from '../src/seed/demo-province.ts';
import { run as runImport } from '../src/cli/import.ts';
import { DIALECTS, freshStore } from './store-fixtures.ts';

const U1 = makeUscc({ authority: '9', kind: '1', region: '440106', orgBody: 'MA5TEXT1' });
const U2 = makeUscc({ authority: '9', kind: '1', region: '440604', orgBody: 'MA5TEXT2' });
const U3 = makeUscc({ authority: '9', kind: '1', region: '440106', orgBody: 'MA5TEXT3' });
const BAD = `${U3.slice(0, 17)}${U3.endsWith('0') ? '1' : '0'}`;
const ACTOR = { kind: 'user', id: 7, name: 'admin' };
const BEIJING_MIDNIGHT = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 8 * 3600_000;

const ENTERPRISES_CSV = [
  '统一社会信用代码,单位名称,行政区划代码,行业代码,管理类别,地址,纬度,经度,大气重点排污单位,水重点排污单位,温室气体重点排放单位',
  `${U1},广州天河热电有限公司,440106,4412,重点管理,"广东省广州市天河区科技路1号",23.12,113.36,是,是,是`,
  `${U2},佛山南方陶瓷有限公司,440600,3071,simplified,广东省佛山市禅城区工业大道8号,23.02,113.12,否,,0`,
].join('\r\n');

const csv = (text: string) => readTable(Buffer.from(text, 'utf8'), 'f.csv');
const xlsx = async (columns: Array<[key: string, header: string]>, rows: Array<Record<string, unknown>>) =>
  readTable(await toXlsx(columns.map(([key, header]) => ({ key, header })), rows, 'sheet'), 'f.xlsx');

async function ok(p: Promise<ImportReport>): Promise<Extract<ImportReport, { ok: true }>> {
  const r = await p;
  assert.ok(r.ok, JSON.stringify(r));
  return r;
}

async function snapshot(db: Kysely<Schema>) {
  const all = async (t: 'enterprises' | 'outlets' | 'monitoring_points' | 'devices' | 'permits' | 'permit_limits') => db.selectFrom(t).selectAll().orderBy('id').execute();
  return { e: await all('enterprises'), o: await all('outlets'), p: await all('monitoring_points'), d: await all('devices'), pe: await all('permits'), l: await all('permit_limits') };
}

async function loadAll(db: Kysely<Schema>, changes: Array<RegistryChange<typeof ACTOR>> = []): Promise<void> {
  const imp = async (kind: RegistryKind, table: Awaited<ReturnType<typeof csv>>) => ok(importRegistry(db, kind, table, ACTOR, { now: 1_700_000_000_000, onWrite: (_trx, c) => Promise.resolve(void changes.push(c)) }));
  assert.deepEqual(await imp('enterprises', await csv(ENTERPRISES_CSV)), { ok: true, inserted: 2, updated: 0, unchanged: 0, dryRun: false, ignoredColumns: [] });
  await imp('outlets', await xlsx([['uscc', '统一社会信用代码 USCC'], ['code', '排放口编号'], ['kind', 'Kind'], ['name', '排放口名称'], ['x', '备注 Remark']], [
    { uscc: U1, code: 'DA001', kind: '废气', name: '1号机组烟囱' },
    { uscc: U1, code: 'dw001', kind: 'water', name: '废水总排口' },
    { uscc: U2, code: 'DA001', kind: 'air', name: '锅炉烟囱', x: 'ignored' },
  ]));
  await imp('points', await csv([
    'uscc,outlet_code,MN,PW,CRC变体,监测因子,纬度,经度',
    `${U1},DA001,GD440106TEST0001DA00100,123456,modbus-lo-first,"a21026,a21002,a34013,a19001,a00000",,`,
    `${U1},DW001,GD440106TEST0001DW00100,654321,,w01018;w21003;w00000,,`,
    `${U2},DA001,GD440604TEST0002DA00100,111111,,a21026 a21002 a34013,23.03,113.13`,
  ].join('\n')));
  await imp('devices', await csv([
    'MN,设备类型,监测因子,生产厂家,型号,量程下限,量程上限,安装日期',
    'GD440106TEST0001DA00100,分析仪,a21026,演示环境仪器有限公司,GA-3000,0,1000,2024-03-01',
    'GD440106TEST0001DA00100,flowmeter,a00000,演示环境仪器有限公司,FP-100,0,2000,2024/3/1',
    'GD440106TEST0001DW00100,数采仪,,演示,DL-1,,,',
  ].join('\n')));
  await imp('permits', await xlsx([['n', '许可证编号'], ['u', '统一社会信用代码'], ['i', '发证日期'], ['f', '有效期起'], ['t', '有效期至'], ['b', '发证机关']], [
    { n: `${U1}001P`, u: U1, i: new Date(Date.UTC(2024, 2, 1)), f: new Date(Date.UTC(2024, 2, 1)), t: new Date(Date.UTC(2029, 1, 28)), b: '广州市生态环境局' },
  ]));
  await imp('permit_limits', await csv([
    '许可证编号,排放口编号,污染物,许可排放浓度限值,判定时段,基准氧含量,年许可排放量(t),执行标准',
    `${U1}001P,DA001,a21026,35,小时均值,6,120.5,GB 13223-2011`,
    `${U1}001P,DA001,a21002,50,,6,,GB 13223-2011`,
    `${U1}001P,DW001,011,100,日均值,,,GB 8978-1996`,
  ].join('\n')));
}

for (const dialect of DIALECTS) {
  void describe(`registry import (${dialect})`, () => {
    const setup = async () => {
      const store = await freshStore(dialect);
      await regionsRepository(store.database.db).upsertMany([
        { code: '440000', name: '广东省', level: 'province', parent_code: null },
        { code: '440100', name: '广州市', level: 'city', parent_code: '440000' },
        { code: '440106', name: '天河区', level: 'county', parent_code: '440100' },
        { code: '440600', name: '佛山市', level: 'city', parent_code: '440000' },
      ]);
      return store;
    };

    void test('a valid CSV and XLSX of every kind loads, with defaults, references and the audit hook', async () => {
      const store = await setup();
      try {
        const { db } = store.database;
        const changes: Array<RegistryChange<typeof ACTOR>> = [];
        await loadAll(db, changes);
        const s = await snapshot(db);
        assert.deepEqual([s.e.length, s.o.length, s.p.length, s.d.length, s.pe.length, s.l.length], [2, 3, 3, 3, 1, 3]);
        const [e1, e2] = s.e;
        assert.deepEqual(
          { ...e1, id: 0 },
          { id: 0, uscc: U1, name: '广州天河热电有限公司', region_code: '440106', industry: '4412', address: '广东省广州市天河区科技路1号', lat: 23.12, lng: 113.36, created_at: 1_700_000_000_000,
            industry_code: '4412', management_category: 'key', key_air: 1, key_water: 1, key_soil: 0, key_hazardous_waste: 0, carbon_key_emitter: 1, legal_representative: null },
        );
        assert.equal(e2?.management_category, 'simplified');
        assert.equal(e2?.key_air, 0);
        assert.deepEqual(s.o.map((o) => [o.enterprise_id, o.code, o.kind]), [[e1!.id, 'DA001', 'air'], [e1!.id, 'DW001', 'water'], [e2.id, 'DA001', 'air']]);
        const [p1, p2, p3] = s.p;
        assert.equal(p1?.crc_variants, 'hj212,modbus-lo-first');
        assert.deepEqual([p1?.st, p2?.st, p2?.crc_variants, p1?.protocol_version, p1?.active], ['31', '32', 'hj212', '2017', 1]);
        assert.deepEqual(JSON.parse(p2!.factors), ['w01018', 'w21003', 'w00000']);
        assert.deepEqual([p1?.lat, p3?.lat, p3?.lng], [null, 23.03, 113.13]);
        const devices = await devicesRepository(db).listByPoint(p1.id);
        assert.deepEqual(devices.map((d) => [d.kind, d.factor, d.unit, d.range_high, d.installed_at]), [
          ['analyzer', 'a21026', 'mg/m3', 1000, BEIJING_MIDNIGHT(2024, 3, 1)],
          ['flowmeter', 'a00000', 'm3/s', 2000, BEIJING_MIDNIGHT(2024, 3, 1)],
        ]);
        assert.deepEqual((await devicesRepository(db).listByPoint(p2!.id)).map((d) => [d.kind, d.factor, d.unit]), [['logger', '', null]]);
        const permit = s.pe[0]!;
        assert.deepEqual([permit.number, permit.status, permit.valid_from, permit.valid_to], [`${U1}001P`, 'valid', BEIJING_MIDNIGHT(2024, 3, 1), BEIJING_MIDNIGHT(2029, 3, 1)]);
        // The 2005 code 011 is stored as w01018; an empty basis defaults by outlet kind.
        assert.deepEqual(s.l.map((l) => [l.factor, l.limit_value, l.basis, l.reference_o2, l.annual_quantity_t, l.unit]), [
          ['a21026', 35, 'hourly', 6, 120.5, 'mg/m3'], ['a21002', 50, 'hourly', 6, null, 'mg/m3'], ['w01018', 100, 'daily', null, null, 'mg/L'],
        ]);
        const repo = permitsRepository(db);
        assert.equal((await repo.limitsForOutlet(s.o[0]!.id, Date.UTC(2026, 10, 29))).length, 2);
        assert.equal((await repo.limitsForOutlet(s.o[0]!.id, BEIJING_MIDNIGHT(2029, 3, 1))).length, 0);
        assert.equal((await repo.inForce(e1!.id, BEIJING_MIDNIGHT(2029, 2, 28)))?.id, permit.id);
        // One hook call per written row, inside the transaction, with the actor and the row it came from.
        assert.equal(changes.length, 15);
        assert.deepEqual({ ...changes[0], after: undefined }, { entity: 'enterprise', id: e1!.id, action: 'create', before: null, after: undefined, actor: ACTOR, row: 2 });
        assert.equal(changes[0]!.after.name, '广州天河热电有限公司');
        assert.deepEqual(changes.map((c) => c.entity).filter((x, i, a) => a.indexOf(x) === i), ['enterprise', 'outlet', 'monitoring_point', 'device', 'permit', 'permit_limit']);
      } finally {
        await store.dispose();
      }
    });

    void test('a file with bad rows reports each row and column and writes nothing', async () => {
      const store = await setup();
      try {
        const { db } = store.database;
        await loadAll(db);
        const before = await snapshot(db);
        const bad = await importRegistry(db, 'enterprises', await csv([
          '统一社会信用代码,单位名称,行政区划代码,管理类别,地址,纬度,经度',
          `${U3},新的有效单位,440106,key,地址1,23.1,113.3`,
          `${BAD},校验位错误,440106,key,地址2,23.1,113.3`,
          `${U2},区划不存在,449999,key,地址3,95,113.3`,
          '',
          `${U1},,440106,特别,地址4,23.1,113.3`,
          `${U3},重复,440106,key,地址5,23.1,113.3`,
          `${U2.toLowerCase()},经度错,440600,登记,地址6,23.1,abc`,
        ].join('\n')), ACTOR);
        assert.deepEqual(bad.ok ? [] : bad.errors.map((e) => [e.row, e.column, e.code]), [
          [3, '统一社会信用代码', 'bad_uscc'],
          [4, '行政区划代码', 'unknown_region'],
          [4, '纬度', 'out_of_range'],
          [6, '单位名称', 'required'],
          [6, '管理类别', 'invalid_value'],
          [7, '统一社会信用代码', 'duplicate_key'],
          [8, '统一社会信用代码', 'duplicate_key'],
          [8, '经度', 'not_a_number'],
        ]);
        assert.ok(!bad.ok && bad.errors.every((e) => e.message.length > 0));

        const points = await importRegistry(db, 'points', await csv([
          'uscc,outlet_code,mn,pw,crc_variants,factors,lat,lng',
          `${U1},DA009,GDNEW1,1,,a21026,,`,
          `${U1},DA001,GD0123456789012345678901X,1,,a21026,,`,
          `${U1},DA001,GDNEW2,1,crc32,a21026,,`,
          `${U1},DA001,GDNEW3,1,,w01018,,`,
          `${U2},DA001,GD440106TEST0001DA00100,1,,a21026,,`,
          `${U1},DA001,GDNEW4,1,,a21026;x99999,23.1,`,
          `${U1},DA001,GDNEW5,a;b,,a21026,,`,
        ].join('\n')), ACTOR);
        assert.deepEqual(points.ok ? [] : points.errors.map((e) => [e.row, e.column, e.code]), [
          [2, 'outlet_code', 'unknown_outlet'],
          [3, 'mn', 'invalid_format'],
          [4, 'crc_variants', 'invalid_value'],
          [5, 'factors', 'factor_kind_mismatch'],
          [6, 'mn', 'mn_taken'],
          [7, 'factors', 'unknown_factor'],
          [7, 'lng', 'incomplete_location'],
          [8, 'pw', 'invalid_format'],
        ]);

        const limits = await importRegistry(db, 'permit_limits', await csv([
          'permit_number,outlet_code,factor,limit_value,reference_o2',
          `NOPE0001,DA001,a21026,35,6`,
          `${U1}001P,DA002,a21026,35,6`,
          `${U1}001P,DW001,w01018,50,6`,
          `${U1}001P,DA001,a21026,-1,`,
          `${U1}001P,DA001,a21026,30,6`,
          `${U1}001P,DA001,a21026,31,6`,
        ].join('\n')), ACTOR);
        assert.deepEqual(limits.ok ? [] : limits.errors.map((e) => [e.row, e.column, e.code]), [
          [2, 'permit_number', 'unknown_permit'],
          [3, 'outlet_code', 'unknown_outlet'],
          [4, 'reference_o2', 'not_applicable'],
          [5, 'limit_value', 'out_of_range'],
          [7, 'factor', 'duplicate_key'],
        ]);

        const permits = await importRegistry(db, 'permits', await csv([
          'permit_number,uscc,issued_at,valid_from,valid_to,issuer',
          `${U2}001P,${U1},2024-01-01,2024-01-01,2028-12-31,广州市生态环境局`,
          `${U2}002P,${U2},2024-02-30,2025-01-01,2024-12-31,佛山市生态环境局`,
        ].join('\n')), ACTOR);
        assert.deepEqual(permits.ok ? [] : permits.errors.map((e) => [e.row, e.column, e.code]), [
          [2, 'permit_number', 'number_mismatch'],
          [3, 'issued_at', 'invalid_date'],
          [3, 'valid_to', 'invalid_period'],
        ]);

        // Header problems stop before any row is read.
        const headers = await importRegistry(db, 'enterprises', await csv('uscc,统一社会信用代码,name\n1,2,3'), ACTOR);
        assert.deepEqual(headers.ok ? [] : headers.errors.map((e) => [e.row, e.column, e.code]), [
          [1, '统一社会信用代码', 'duplicate_column'], [1, '行政区划代码', 'missing_column'], [1, '管理类别', 'missing_column'],
          [1, '地址', 'missing_column'], [1, '纬度', 'missing_column'], [1, '经度', 'missing_column'],
        ]);
        assert.deepEqual(await snapshot(db), before);
      } finally {
        await store.dispose();
      }
    });

    void test('re-importing updates in place: unchanged rows are not rewritten, absent columns are kept', async () => {
      const store = await setup();
      try {
        const { db } = store.database;
        await loadAll(db);
        const before = await snapshot(db);
        const changes: Array<RegistryChange<null>> = [];
        const hook = { onWrite: (_t: unknown, c: RegistryChange<null>) => Promise.resolve(void changes.push(c)) };
        assert.deepEqual(await ok(importRegistry(db, 'enterprises', await csv(ENTERPRISES_CSV), null, hook)), { ok: true, inserted: 0, updated: 0, unchanged: 2, dryRun: false, ignoredColumns: [] });
        assert.deepEqual(await snapshot(db), before);

        // Only the required columns: the name changes, industry code and flags stay as imported.
        const slim = `统一社会信用代码 USCC,单位名称 Name,行政区划代码 Region code,管理类别,地址,纬度 Lat,经度 Lng,监测点位数 Points\n${U1},广州天河热电股份有限公司,440106,key,广东省广州市天河区科技路1号,23.12,113.36,2`;
        assert.deepEqual(await ok(importRegistry(db, 'enterprises', await csv(slim), null, hook)), { ok: true, inserted: 0, updated: 1, unchanged: 0, dryRun: false, ignoredColumns: ['监测点位数 Points'] });
        const after = await snapshot(db);
        assert.equal(after.e.length, 2);
        assert.deepEqual(after.e[0], { ...before.e[0], name: '广州天河热电股份有限公司' });
        assert.deepEqual([changes.length, changes[0]?.action, changes[0]?.before?.name, changes[0]?.after.name], [1, 'update', '广州天河热电有限公司', '广州天河热电股份有限公司']);

        // A limit tightened and a new one added in one file; columns not in the file keep their values.
        const limits = `许可证编号,排放口编号,污染物,许可排放浓度限值,基准氧含量\n${U1}001P,DA001,a21026,25,6\n${U1}001P,DA001,a34013,10,6`;
        assert.deepEqual(await ok(importRegistry(db, 'permit_limits', await csv(limits), null)), { ok: true, inserted: 1, updated: 1, unchanged: 0, dryRun: false, ignoredColumns: [] });
        const l = (await snapshot(db)).l;
        assert.deepEqual(l.map((x) => [x.factor, x.limit_value, x.annual_quantity_t, x.standard]), [
          ['a21026', 25, 120.5, 'GB 13223-2011'], ['a21002', 50, null, 'GB 13223-2011'], ['w01018', 100, null, 'GB 8978-1996'], ['a34013', 10, null, null],
        ]);

        // Dry run: counted, not written.
        const dry = await ok(importRegistry(db, 'enterprises', await csv(`uscc,name,region_code,management_category,address,lat,lng\n${U3},新单位,440106,key,地址,23,113`), null, { dryRun: true }));
        assert.deepEqual([dry.inserted, dry.dryRun, (await snapshot(db)).e.length], [1, true, 2]);
      } finally {
        await store.dispose();
      }
    });

    void test('法定代表人: an optional person\'s name, validated and length-limited; an absent column keeps it, an empty cell clears it', async () => {
      const store = await setup();
      try {
        const { db } = store.database;
        const rep = async () => (await db.selectFrom('enterprises').select('legal_representative').where('uscc', '=', U1).executeTakeFirstOrThrow()).legal_representative;
        const head = '统一社会信用代码,单位名称,行政区划代码,管理类别,地址,纬度,经度,法定代表人';
        const row = (uscc: string, name: string) => `${uscc},广州天河热电有限公司,440106,key,广东省广州市天河区科技路1号,23.12,113.36,${name}`;
        assert.equal((await ok(importRegistry(db, 'enterprises', await csv(`${head}\n${row(U1, ' 陈伟明 ')}`), null))).inserted, 1);
        assert.equal(await rep(), '陈伟明');
        // The English key and the 法人代表 alias; a name joined by the middle dot, a Latin-script name.
        await ok(importRegistry(db, 'enterprises', await csv(`uscc,name,region_code,management_category,address,lat,lng,legal_representative\n${U1},广州天河热电有限公司,440106,key,地址,23.12,113.36,买买提·艾力`), null));
        assert.equal(await rep(), '买买提·艾力');
        await ok(importRegistry(db, 'enterprises', await csv(`${head.replace('法定代表人', '法人代表')}\n${row(U1, 'John O\'Neil Smith')}`), null));
        assert.equal(await rep(), "John O'Neil Smith");

        // Digits are no name; 51 characters are too many. Nothing is written.
        const bad = await importRegistry(db, 'enterprises', await csv(`${head}\n${row(U1, '张三123')}\n${row(U3, '陈'.repeat(51))}`), null);
        assert.ok(!bad.ok);
        assert.deepEqual(bad.errors.map((e) => [e.row, e.column, e.code]), [[2, '法定代表人', 'invalid_format'], [3, '法定代表人', 'too_long']]);
        assert.equal(await rep(), "John O'Neil Smith");

        // Without the column the stored name stays; an empty cell clears it.
        await ok(importRegistry(db, 'enterprises', await csv(ENTERPRISES_CSV), null));
        assert.equal(await rep(), "John O'Neil Smith");
        await ok(importRegistry(db, 'enterprises', await csv(`${head}\n${row(U1, '')}`), null));
        assert.equal(await rep(), null);
      } finally {
        await store.dispose();
      }
    });

    void test('a GB18030 CSV (Excel on Chinese Windows) imports like UTF-8', async () => {
      const store = await setup();
      try {
        const { db } = store.database;
        const r = await ok(importRegistry(db, 'enterprises', await readTable(gb18030(ENTERPRISES_CSV), '排污单位.csv'), null));
        assert.equal(r.inserted, 2);
        const names = (await snapshot(db)).e.map((e) => [e.name, e.address]);
        assert.deepEqual(names[0], ['广州天河热电有限公司', '广东省广州市天河区科技路1号']);
      } finally {
        await store.dispose();
      }
    });

    void test('demo seed: industry codes, categories, flags, devices and a permit in force, idempotently', async () => {
      const store = await freshStore(dialect);
      try {
        const { db } = store.database;
        const summary = await seedDemoProvince(store.database, { enterprises: 15 });
        const a = await snapshot(db);
        assert.deepEqual(await seedDemoProvince(store.database, { enterprises: 15 }), summary);
        assert.deepEqual(await snapshot(db), a);
        assert.equal(summary.permits, 15);
        assert.equal(summary.devices, a.d.length);
        assert.equal(a.d.length, a.p.reduce((n, p) => n + (JSON.parse(p.factors) as string[]).length, 0));
        const now = Date.UTC(2026, 10, 29);
        for (const e of a.e) {
          const outlets = a.o.filter((o) => o.enterprise_id === e.id);
          assert.match(e.industry_code ?? '', /^\d{4}$/);
          assert.ok(e.management_category !== null);
          assert.equal(e.carbon_key_emitter, e.industry === 'thermal_power' ? 1 : 0);
          assert.match(e.legal_representative ?? '', /^[\u4e00-\u9fa5]{3}$/, 'a demo legal representative');
          if (e.key_air === 1) assert.ok(outlets.some((o) => o.kind === 'air'), e.name);
          if (e.key_water === 1) assert.ok(outlets.some((o) => o.kind === 'water'), e.name);
          const permit = await permitsRepository(db).inForce(e.id, now);
          assert.equal(permit?.number, `${e.uscc}001P`);
          for (const o of outlets) assert.ok((await permitsRepository(db).limitsForOutlet(o.id, now)).length >= 2, `${e.name} ${o.code}`);
        }
        const thermal = a.e.find((e) => e.industry === 'thermal_power')!;
        const so2 = a.l.find((l) => l.factor === 'a21026' && a.o.find((o) => o.id === l.outlet_id)?.enterprise_id === thermal.id);
        assert.deepEqual([so2?.limit_value, so2?.reference_o2, so2?.basis, so2?.standard], [35, 6, 'hourly', 'GB 13223-2011']);
      } finally {
        await store.dispose();
      }
    });
  });
}

void test('ecoenforce import: JSON report, exit 1 on errors, --dry-run', async () => {
  const store = await freshStore('sqlite');
  const dir = mkdtempSync(join(tmpdir(), 'ecoenforce-import-'));
  try {
    await regionsRepository(store.database.db).upsertMany([{ code: '440106', name: '天河区', level: 'county', parent_code: null }]);
    const file = join(dir, 'e.csv');
    writeFileSync(file, ENTERPRISES_CSV.replace(',440600,', ',440106,'));
    const run = async (...argv: string[]) => {
      let text = '';
      const out = new Writable({ write: (chunk: Buffer, _enc, cb) => void ((text += chunk.toString()), cb()) });
      return { code: await runImport(argv, out), report: text === '' ? null : (JSON.parse(text) as ImportReport) };
    };
    assert.deepEqual(await run('enterprises', file, '--db', store.url, '--dry-run'), { code: 0, report: { ok: true, inserted: 2, updated: 0, unchanged: 0, dryRun: true, ignoredColumns: [] } });
    assert.equal((await run('enterprises', file, '--db', store.url)).report?.ok, true);
    assert.equal((await store.database.db.selectFrom('enterprises').select('id').execute()).length, 2);
    writeFileSync(file, `uscc,name\n${BAD},x`);
    const bad = await run('enterprises', file, '--db', store.url);
    assert.equal(bad.code, 1);
    assert.equal(bad.report?.ok, false);
    assert.equal((await run('nonsense', file)).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await store.dispose();
  }
});

/** GBK/GB18030 two-byte encoder built by inverting the decoder (Node has no GB18030 encoder). */
function gb18030(text: string): Buffer {
  const dec = new TextDecoder('gb18030');
  const map = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) map.set(dec.decode(Uint8Array.of(lead, trail)), [lead, trail]);
  }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : map.get(ch) ?? assert.fail(`no GBK code for ${ch}`))));
}
