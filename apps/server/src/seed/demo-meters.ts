// Electricity meters for some demo enterprises (issue 4 §5, treatment off while production runs): every
// other enterprise with a flue-gas outlet gets a meter data logger on its first stack, with one production
// meter (e10001, the production line) and one treatment meter (e20001, that stack's abatement: FGD fans,
// dust collector). Vendor codes, as real meter loggers send them (HJ 212-2017 has none for equipment power;
// simulator/factors.ts). Idempotent like the rest of the seed: keyed by MN and (logger, code).
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { pointsRepository } from '../repositories/points.ts';
import { mulberry32 } from '../simulator/prng.ts';
import type { PlannedEnterprise } from './demo-permits.ts';

export const METER_FACTORS = ['e10001', 'e20001'] as const;

/** The meter logger's MN: the enterprise's point prefix with EM01 in place of the outlet code. */
export const meterMn = (region: string, index: number): string => `GD${region}${String(index + 1).padStart(4, '0')}EM01`.padEnd(24, '0');

/** Seeds the meter loggers and their meters; returns the number of loggers (monitoring points). */
export async function seedDemoMeters(trx: Kysely<Schema>, planned: readonly PlannedEnterprise[]): Promise<number> {
  const rand = mulberry32(20261129);
  const points = pointsRepository(trx);
  let loggers = 0;
  for (const e of planned) {
    const stack = e.outlets.find((o) => o.kind === 'air');
    if (stack === undefined || e.index % 2 !== 0) continue;
    // The USCC carries the enterprise's region in characters 3–8 (GB 32100).
    const mn = meterMn(e.uscc.slice(2, 8), e.index);
    const pw = String(Math.floor(rand() * 1e6)).padStart(6, '0');
    await points.insertMany([{ outletId: stack.id, mn, pw, crcVariants: ['hj212'], protocolVersion: '2017', st: '51', factors: METER_FACTORS }]);
    const point = await points.byMn(mn);
    if (point === undefined) continue;
    loggers++;
    await trx
      .insertInto('meters')
      .values([
        { enterprise_id: e.enterpriseId, point_id: point.id, factor: 'e10001', role: 'production', outlet_id: null, name: '生产线总电源', unit: 'kW', running_kw: null },
        { enterprise_id: e.enterpriseId, point_id: point.id, factor: 'e20001', role: 'treatment', outlet_id: stack.id, name: `${stack.code} 治污设施（脱硫脱硝除尘）`, unit: 'kW', running_kw: null },
      ])
      .onConflict((oc) => oc.columns(['point_id', 'factor']).doNothing())
      .execute();
  }
  return loggers;
}
