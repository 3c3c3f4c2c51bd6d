// Registry details of the demo enterprises: GB/T 4754-2017 industry code, permit management category,
// key-discharger flags, a legal representative, one instrument per factor per point, and one valid discharge permit with limits
// per outlet and factor. Deterministic (derived from the enterprise's index, no PRNG draws, so the rest of
// the seed is unchanged) and idempotent (every write is an upsert by natural key).
//
// Limits: shared/reference/rules.md §2 where it has them (GB 13223 ultra-low, GB 13271 gas boilers,
// GB 18918 grade 1A, GB 8978 grade 1). GB 16297-1996 and GB 18485-2014 values are not in rules.md; they
// are the widely published table values and are marked in `note` for review.
import { factorInfo } from '@ecoenforce/hj212';
import type { Kysely } from 'kysely';
import type { LimitBasisColumn, ManagementCategoryColumn, Schema } from '../platform/db/schema.ts';
import { devicesRepository, type NewDevice, pointsRepository } from '../monitoring/index.ts';
import { permitsRepository, type NewPermitLimit } from '../registry/index.ts';
import { profileOf } from '../simulator/factors.ts';
import type { Industry } from './demo-province.ts';

export interface PlannedEnterprise {
  index: number;
  enterpriseId: number;
  uscc: string;
  industry: Industry;
  /** Name suffix, e.g. 热电有限公司: tells a CHP plant from a power plant and a boiler's host industry. */
  suffix: string;
  cityName: string;
  outlets: Array<{ id: number; code: string; kind: 'air' | 'water' }>;
}

/** GB/T 4754-2017 class codes. */
function industryCode(industry: Industry, suffix: string): string {
  switch (industry) {
    case 'thermal_power':
      return suffix.includes('热电') ? '4412' /* 热电联产 */ : '4411'; /* 火力发电 */
    case 'boiler':
      // The boiler belongs to the host plant: its industry is the host's.
      if (suffix.includes('印染')) return '1713'; // 棉印染精加工
      if (suffix.includes('食品')) return '1499'; // 其他未列明食品制造
      if (suffix.includes('造纸')) return '2221'; // 机制纸及纸板制造
      return '3071'; // 建筑陶瓷制品制造
    case 'wastewater':
      return '4620'; // 污水处理及其再生利用
    case 'chemical':
      return suffix.includes('新材料') ? '2651' /* 初级形态塑料及合成树脂制造 */ : '2614'; /* 有机化学原料制造 */
    case 'waste_incineration':
      return '7820'; // 环境卫生管理
  }
}

interface LimitSpec {
  factor: string;
  value: number;
  basis: LimitBasisColumn;
  o2: number | null;
  standard: string;
  note: string | null;
}

const L = (factor: string, value: number, basis: LimitBasisColumn, o2: number | null, standard: string, note: string | null = null): LimitSpec => ({ factor, value, basis, o2, standard, note });

// GB 8978-1996 grade 1 (units built from 1998) for an industrial plant's own wastewater [rules.md §2, W9].
const GB8978_GRADE1 = [L('w01018', 100, 'daily', null, 'GB 8978-1996', '一级标准'), L('w21003', 15, 'daily', null, 'GB 8978-1996', '一级标准')];

function limitsFor(industry: Industry, kind: 'air' | 'water'): LimitSpec[] {
  if (kind === 'water') {
    if (industry !== 'wastewater') return GB8978_GRADE1;
    // GB 18918-2002 grade 1A, daily means [rules.md §2]; pH 6-9 is a range and is not a limit row.
    const s = 'GB 18918-2002';
    return [L('w01018', 50, 'daily', null, s, '一级A标准'), L('w21003', 5, 'daily', null, s, '一级A标准；水温≤12℃时 8 mg/L'), L('w21011', 0.5, 'daily', null, s, '一级A标准（2006年起建设）'), L('w21001', 15, 'daily', null, s, '一级A标准')];
  }
  switch (industry) {
    case 'thermal_power': // Ultra-low emission at 6 % O2 [rules.md §2, W8].
      return [L('a21026', 35, 'hourly', 6, 'GB 13223-2011', '超低排放限值'), L('a21002', 50, 'hourly', 6, 'GB 13223-2011', '超低排放限值'), L('a34013', 10, 'hourly', 6, 'GB 13223-2011', '超低排放限值')];
    case 'boiler': // Gas-fired, special limits, 3.5 % O2 [rules.md §2, B13271 Table 6].
      return [L('a21026', 50, 'hourly', 3.5, 'GB 13271-2014', '燃气锅炉特别排放限值'), L('a21002', 150, 'hourly', 3.5, 'GB 13271-2014', '燃气锅炉特别排放限值'), L('a34013', 20, 'hourly', 3.5, 'GB 13271-2014', '燃气锅炉特别排放限值')];
    case 'chemical': // GB 16297-1996 Table 2 (sources built from 1997): actual concentration, no O2 reference.
      return [L('a21026', 550, 'hourly', null, 'GB 16297-1996', '表2 新污染源（待核对）'), L('a21002', 240, 'hourly', null, 'GB 16297-1996', '表2 新污染源（待核对）'), L('a34013', 120, 'hourly', null, 'GB 16297-1996', '表2 新污染源（待核对）')];
    case 'waste_incineration': {
      // GB 18485-2014 Table 4 at 11 % O2: 1-hour and 24-hour means; the 2019 MEE order judges on daily means [rules.md §1, W3].
      const s = 'GB 18485-2014';
      const n = '（待核对）';
      return [
        L('a34013', 30, 'hourly', 11, s, `1小时均值${n}`), L('a21002', 300, 'hourly', 11, s, `1小时均值${n}`), L('a21026', 100, 'hourly', 11, s, `1小时均值${n}`), L('a21005', 100, 'hourly', 11, s, `1小时均值${n}`),
        L('a34013', 20, 'daily', 11, s, `24小时均值${n}`), L('a21002', 250, 'daily', 11, s, `24小时均值${n}`), L('a21026', 80, 'daily', 11, s, `24小时均值${n}`), L('a21005', 80, 'daily', 11, s, `24小时均值${n}`),
      ];
    }
    case 'wastewater':
      return [];
  }
}

/** Nominal flow (air m3/s, water m3/d) and operating hours, for the permitted annual quantities. */
const NOMINAL: Record<Industry, { air: number; water: number; hours: number }> = {
  thermal_power: { air: 250, water: 2000, hours: 5500 },
  boiler: { air: 10, water: 0, hours: 6000 },
  wastewater: { air: 0, water: 100_000, hours: 8760 },
  chemical: { air: 15, water: 3000, hours: 7200 },
  waste_incineration: { air: 40, water: 0, hours: 8000 },
};
/** Pollutants with a permitted annual quantity (PRM art. 13: SO2, NOx, particulate, COD, NH3-N). */
const QUANTITY_FACTORS = new Set(['a21026', 'a21002', 'a34013', 'w01018', 'w21003']);

function annualTonnes(e: PlannedEnterprise, kind: 'air' | 'water', spec: LimitSpec): number | null {
  // Quantities are set for key-management units on the basis the limit is judged on (daily for incinerators).
  if (!QUANTITY_FACTORS.has(spec.factor) || (e.industry === 'waste_incineration' && spec.basis !== 'daily')) return null;
  const nominal = NOMINAL[e.industry];
  const scale = 1 + (e.index % 5) / 10;
  // mg/m3 × m3/s × s → t (1e9 mg); mg/L × m3/d × 365 d → t (1e6 g per t, 1 mg/L = 1 g/m3).
  const t = kind === 'air' ? (spec.value * nominal.air * scale * nominal.hours * 3600) / 1e9 : (spec.value * nominal.water * scale * 365) / 1e6;
  return Math.round(t * 10) / 10;
}

export function managementCategory(e: Pick<PlannedEnterprise, 'industry' | 'index'>): ManagementCategoryColumn {
  // 固定污染源排污许可分类管理名录 (2019): power, wastewater plants, chemicals and incinerators are key;
  // general boilers are simplified unless the unit is on a key-discharger list (here every third).
  return e.industry === 'boiler' && e.index % 3 !== 0 ? 'simplified' : 'key';
}

const BEIJING_MS = 8 * 3600_000;
const beijingMidnight = (y: number, m: number, d: number): number => Date.UTC(y, m, d) - BEIJING_MS;

const INSTRUMENTS: Record<string, readonly [model: string, kind: NewDevice['kind']]> = {
  a21026: ['GA-3000', 'analyzer'], a21002: ['GA-3000', 'analyzer'], a21005: ['GA-3000', 'analyzer'], a19001: ['GA-3000', 'analyzer'],
  a34013: ['PM-200', 'analyzer'], a01011: ['FP-100', 'analyzer'], a01012: ['FP-100', 'analyzer'], a01013: ['FP-100', 'analyzer'],
  a01014: ['HM-50', 'analyzer'], a00000: ['FP-100', 'flowmeter'], w01018: ['COD-100', 'analyzer'], w21003: ['NH-100', 'analyzer'],
  w21011: ['TP-100', 'analyzer'], w21001: ['TN-100', 'analyzer'], w01001: ['PH-10', 'analyzer'], w00000: ['OCF-300', 'flowmeter'],
};
// Fictitious makers: demo data must not put words in real vendors' mouths.
const MAKERS = { air: ['演示环境仪器有限公司', '示例监测科技有限公司'], water: ['演示水质仪器有限公司', '示例分析仪器有限公司'] } as const;

// Demo data: invented names from common Guangdong surnames and given names, no real person meant.
const SURNAMES = ['陈', '李', '黄', '张', '梁', '林', '刘', '吴', '何', '罗', '郑', '谢'];
const GIVEN_NAMES = ['伟明', '志强', '建华', '国栋', '丽娟', '海燕', '晓东', '永健', '少雄', '佩玲', '文杰', '嘉欣', '锦荣', '丽华'];

/** The demo enterprise's 法定代表人, from its index: the pairs repeat only after 84 enterprises (lcm of 12 and 14). */
export function demoLegalRepresentative(index: number): string {
  return `${SURNAMES[index % SURNAMES.length]!}${GIVEN_NAMES[(index * 5) % GIVEN_NAMES.length]!}`;
}

export interface PermitSeedSummary {
  permits: number;
  devices: number;
}

/** Writes the registry details of the planned enterprises (inside the seed's transaction). */
export async function seedPermitsAndDevices(db: Kysely<Schema>, planned: readonly PlannedEnterprise[]): Promise<PermitSeedSummary> {
  const permits = permitsRepository(db);
  const devices = devicesRepository(db);
  const points = pointsRepository(db);
  let deviceCount = 0;
  for (const e of planned) {
    const category = managementCategory(e);
    const key = category === 'key';
    const hasAir = e.outlets.some((o) => o.kind === 'air');
    const hasWater = e.outlets.some((o) => o.kind === 'water');
    const hazardous = e.industry === 'chemical' || e.industry === 'waste_incineration';
    // The flags follow the outlets: a unit is on the air (water) key list only if it discharges to air (water).
    await db
      .updateTable('enterprises')
      .set({
        industry_code: industryCode(e.industry, e.suffix), management_category: category,
        key_air: key && hasAir ? 1 : 0, key_water: key && hasWater ? 1 : 0, key_soil: hazardous ? 1 : 0, key_hazardous_waste: hazardous ? 1 : 0,
        // Power generation is the sector of the national carbon market (CET).
        carbon_key_emitter: e.industry === 'thermal_power' ? 1 : 0,
        legal_representative: demoLegalRepresentative(e.index),
      })
      .where('id', '=', e.enterpriseId)
      .execute();

    const batch: NewDevice[] = [];
    for (const o of e.outlets) {
      for (const p of await points.listByOutlet(o.id)) {
        for (const factor of p.factors) {
          const [model, kind] = INSTRUMENTS[factor] ?? ['GEN-1', 'analyzer'];
          batch.push({
            point_id: p.id, factor, kind, manufacturer: MAKERS[o.kind][e.index % 2]!, model, serial: `${p.mn.slice(-12)}-${factor}`,
            range_low: factor === 'a01013' ? -profileOf(factor).range : 0, range_high: profileOf(factor).range,
            unit: factorInfo(factor)?.unit ?? null, installed_at: beijingMidnight(2022 + (e.index % 3), e.index % 12, 1 + (e.index % 28)),
          });
        }
      }
    }
    await devices.upsertMany(batch);
    deviceCount += batch.length;

    // Five years of validity (PRM art. 14), issued 2023-2025 so every demo permit is in force now.
    const [y, m, d] = [2023 + (e.index % 3), (e.index * 5) % 12, 1 + ((e.index * 7) % 28)];
    const permitId = await permits.upsert({
      enterprise_id: e.enterpriseId, number: `${e.uscc}001P`, issued_at: beijingMidnight(y, m, d), valid_from: beijingMidnight(y, m, d),
      valid_to: beijingMidnight(y + 5, m, d), issuer: `${e.cityName}生态环境局`, status: 'valid',
    });
    const limits: NewPermitLimit[] = e.outlets.flatMap((o) =>
      limitsFor(e.industry, o.kind).map((s) => ({
        permit_id: permitId, outlet_id: o.id, factor: s.factor, limit_value: s.value, unit: factorInfo(s.factor)?.unit ?? '', basis: s.basis,
        reference_o2: s.o2, annual_quantity_t: key ? annualTonnes(e, o.kind, s) : null, standard: s.standard, note: s.note,
      })),
    );
    await permits.upsertLimits(limits);
  }
  return { permits: planned.length, devices: deviceCount };
}
