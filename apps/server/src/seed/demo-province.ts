// Seeds a demo province idempotently and deterministically (a fixed-seed PRNG): real GB/T 2260 regions
// of Guangdong, enterprises with valid USCCs, their outlets and one monitoring point per outlet, and
// (demo-permits.ts) their industry codes, instruments and discharge permits.
// Running it twice changes nothing: every insert is keyed by a natural key (code, USCC, outlet code, MN).
import type { CrcVariant } from '@ecoenforce/hj212';
import { makeUscc, parentRegionCode, regionLevel, USCC_BODY_CHARS } from '@ecoenforce/domain';
import type { Database } from '../platform/db/connect.ts';
import { mulberry32 } from '../simulator/prng.ts';
import { regionsRepository, type Region, enterprisesRepository, outletsRepository } from '../registry/index.ts';
import { pointsRepository, type NewPoint } from '../monitoring/index.ts';
import { CITIES, PROVINCE } from './guangdong.ts';
import { seedPermitsAndDevices, type PlannedEnterprise } from './demo-permits.ts';
import { seedDemoMeters } from './demo-meters.ts';

export const FLUE_GAS_FACTORS = ['a21026', 'a21002', 'a34013', 'a19001', 'a01011', 'a01012', 'a01013', 'a01014', 'a00000', 'a21005'] as const;
export const WASTEWATER_FACTORS = ['w01018', 'w21003', 'w21011', 'w21001', 'w01001', 'w00000'] as const;

export type Industry = 'thermal_power' | 'boiler' | 'wastewater' | 'chemical' | 'waste_incineration';

interface IndustryProfile {
  industry: Industry;
  weight: number;
  suffixes: readonly string[];
  outlets: ReadonlyArray<readonly [code: string, name: string]>;
}

// Outlets as a typical permit lists them for the industry (DA = 大气, DW = 废水).
const PROFILES: readonly IndustryProfile[] = [
  { industry: 'thermal_power', weight: 10, suffixes: ['热电有限公司', '发电有限责任公司'], outlets: [['DA001', '1号机组烟囱'], ['DA002', '2号机组烟囱'], ['DW001', '废水总排口']] },
  { industry: 'boiler', weight: 15, suffixes: ['纺织印染有限公司', '食品有限公司', '造纸有限公司', '陶瓷有限公司'], outlets: [['DA001', '锅炉烟囱']] },
  { industry: 'wastewater', weight: 12, suffixes: ['污水处理厂', '水质净化有限公司'], outlets: [['DW001', '污水总排口']] },
  { industry: 'chemical', weight: 13, suffixes: ['化工有限公司', '新材料股份有限公司'], outlets: [['DA001', '工艺废气排口'], ['DW001', '废水总排口']] },
  { industry: 'waste_incineration', weight: 10, suffixes: ['环保能源有限公司', '垃圾焚烧发电厂'], outlets: [['DA001', '1号焚烧线烟囱'], ['DA002', '2号焚烧线烟囱']] },
];
const BRANDS = ['粤清', '珠江', '南方', '恒运', '宝丰', '新源', '利达', '永兴', '长青', '华美', '金沙', '盈科', '鸿基', '润泽', '东江', '岭南', '海晟', '凯达', '瑞丰', '嘉禾'];
const ROADS = ['工业大道', '环城路', '港口路', '滨江路', '科技路', '兴业路', '开发区大道', '临港路'];

const SEED = 20261128;
const CREATED_AT = Date.UTC(2026, 0, 1);

export interface SeedSummary {
  regions: number;
  enterprises: number;
  points: number;
  permits: number;
  devices: number;
  /** The one point allowed to send CRC-16/MODBUS low byte first (the simulator's MODBUS scenario). */
  modbusMn: string;
}

function demoRegions(): Region[] {
  const out: Region[] = [{ code: PROVINCE.code, name: PROVINCE.name, level: 'province', parent_code: null }];
  for (const c of CITIES) {
    out.push({ code: c.code, name: c.name, level: regionLevel(c.code), parent_code: parentRegionCode(c.code) });
    for (const [code, name] of c.counties) out.push({ code, name, level: regionLevel(code), parent_code: parentRegionCode(code) });
  }
  return out;
}

/**
 * `registeredAt`: when the units and their points enter the registry (default 2026-01-01). The demo passes
 * the moment it first starts, since its loggers report from then on: the monthly notification owes minutes
 * from a unit's registration (单位登记晚于月初的，自登记时起), so a province registered on the 1st but streaming
 * from the 8th would show three weeks of "missing" data that no logger could have sent.
 */
export async function seedDemoProvince(database: Database, opts: { enterprises?: number; registeredAt?: number } = {}): Promise<SeedSummary> {
  const count = opts.enterprises ?? 60;
  const registeredAt = opts.registeredAt ?? CREATED_AT;
  const rand = mulberry32(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const totalWeight = PROFILES.reduce((s, p) => s + p.weight, 0);
  const pickProfile = (): IndustryProfile => {
    let r = rand() * totalWeight;
    for (const p of PROFILES) if ((r -= p.weight) < 0) return p;
    return PROFILES[0]!;
  };
  const regions = demoRegions();
  let points = 0;
  let modbusMn = '';
  let details = { permits: 0, devices: 0 };

  await database.db.transaction().execute(async (trx) => {
    await regionsRepository(trx).upsertMany(regions);
    const enterprises = enterprisesRepository(trx);
    const outlets = outletsRepository(trx);
    const pointsRepo = pointsRepository(trx);
    const planned: PlannedEnterprise[] = [];
    for (let i = 0; i < count; i++) {
      const city = pick(CITIES);
      const county = city.counties.length > 0 ? pick(city.counties) : null;
      const profile = pickProfile();
      const region = county === null ? city.code : county[0];
      const place = county === null ? city.name : county[1];
      const body = Array.from({ length: 8 }, () => pick([...USCC_BODY_CHARS])).join('');
      const brand = pick(BRANDS);
      const uscc = makeUscc({ authority: '9', kind: '1', region, orgBody: body });
      const suffix = profile.suffixes[i % profile.suffixes.length]!;
      const enterpriseId = await enterprises.ensure({
        uscc,
        name: `${city.name.replace(/市$/, '')}${brand}${suffix}`,
        region_code: region,
        industry: profile.industry,
        address: `${PROVINCE.name}${city.name}${county === null ? '' : place}${pick(ROADS)}${1 + Math.floor(rand() * 300)}号`,
        lat: Math.round((city.lat + (rand() - 0.5) * 0.3) * 1e6) / 1e6,
        lng: Math.round((city.lng + (rand() - 0.5) * 0.3) * 1e6) / 1e6,
        created_at: registeredAt,
      });
      const batch: NewPoint[] = [];
      const plan: PlannedEnterprise = { index: i, enterpriseId, uscc, industry: profile.industry, suffix, cityName: city.name, outlets: [] };
      for (const [code, name] of profile.outlets) {
        const kind = code.startsWith('DA') ? 'air' : 'water';
        const outletId = await outlets.ensure({ enterprise_id: enterpriseId, code, kind, name });
        plan.outlets.push({ id: outletId, code, kind });
        // 24 characters: GD + region + enterprise number + outlet code + zero padding.
        const mn = `GD${region}${String(i + 1).padStart(4, '0')}${code}`.padEnd(24, '0');
        const pw = String(Math.floor(rand() * 1e6)).padStart(6, '0');
        const crcVariants: CrcVariant[] = points === 0 && batch.length === 0 ? ['hj212', 'modbus-lo-first'] : ['hj212'];
        if (crcVariants.length > 1) modbusMn = mn;
        batch.push({
          outletId, mn, pw, crcVariants, protocolVersion: '2017',
          st: kind === 'air' ? '31' : '32',
          factors: kind === 'air' ? FLUE_GAS_FACTORS : WASTEWATER_FACTORS,
        });
      }
      await pointsRepo.insertMany(batch);
      points += batch.length;
      planned.push(plan);
    }
    points += await seedDemoMeters(trx, planned);
    details = await seedPermitsAndDevices(trx, planned);
  });
  return { regions: regions.length, enterprises: count, points, ...details, modbusMn };
}

export interface BenchSeedSummary {
  points: number;
  firstMn: string;
  pw: string;
}

export const benchMn = (i: number): string => `BENCH${String(i).padStart(19, '0')}`;

/** n points for gateway load tests (MN BENCH000…0001 …, PW 123456), on one bench enterprise and outlet. */
export async function seedBenchPoints(database: Database, n: number): Promise<BenchSeedSummary> {
  await database.db.transaction().execute(async (trx) => {
    await regionsRepository(trx).upsertMany([{ code: PROVINCE.code, name: PROVINCE.name, level: 'province', parent_code: null }]);
    const enterpriseId = await enterprisesRepository(trx).ensure({
      uscc: makeUscc({ authority: '9', kind: '1', region: PROVINCE.code, orgBody: 'BENCH000' }),
      name: '压测虚拟排污单位',
      region_code: PROVINCE.code,
      industry: 'boiler',
      address: `${PROVINCE.name}（压测）`,
      lat: 23.13,
      lng: 113.26,
      created_at: CREATED_AT,
    });
    const outletId = await outletsRepository(trx).ensure({ enterprise_id: enterpriseId, code: 'DA001', kind: 'air', name: '压测排口' });
    const repo = pointsRepository(trx);
    // 500 rows × 8 columns stays under both dialects' bound-parameter limits.
    for (let start = 1; start <= n; start += 500) {
      const batch: NewPoint[] = [];
      for (let i = start; i < Math.min(start + 500, n + 1); i++) {
        batch.push({ outletId, mn: benchMn(i), pw: '123456', crcVariants: ['hj212'], protocolVersion: '2017', st: '31', factors: FLUE_GAS_FACTORS });
      }
      await repo.insertMany(batch);
    }
  });
  return { points: n, firstMn: benchMn(1), pw: '123456' };
}
