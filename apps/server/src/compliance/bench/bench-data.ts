// The province the compliance benchmarks close (issue 4 §9): N flue-gas points seeded by seedBenchPoints,
// an hourly permit limit for SO2, NOx and particulate at 6 % O2, instrument ranges (for pinned-at-range),
// and minute frames of 8 factors whose values vary minute by minute. A few points carry a problem, in
// roughly the shares one expects of a province rather than all at once: 5 % exceed the SO2 limit, 1 % send
// a flat line, 1 % dilute with air (O2 ≥ 19 %). `everyPointExceeds` is the worst case: each point exceeds
// three limits every hour, so each hour opens or extends three warnings per point.
import { type FactorValues, formatBeijingTime } from '@ecoenforce/hj212';
import type { Database } from '../../platform/db/connect.ts';
import { type AcceptedFrame, devicesRepository, pointsRepository } from '../../monitoring/index.ts';
import { seedBenchPoints } from '../../seed/demo-province.ts';

export const BENCH_CODES = ['a21026', 'a21002', 'a34013', 'a19001', 'a01011', 'a01012', 'a00000', 'a21005'] as const;
/** Typical values of the 8 factors: SO2, NOx, PM (mg/m³), O2 (%), velocity (m/s), temperature (°C), flow (m³/s), CO. */
const BASE = [18, 30, 5, 9, 12, 120, 60, 40];
const LIMITS = [['a21026', 35], ['a21002', 50], ['a34013', 10]] as const;

export type BenchProblem = 'none' | 'exceed' | 'flat' | 'o2';

export interface BenchPoint {
  id: number;
  mn: string;
  problem: BenchProblem;
}

export function problemOf(index: number, everyPointExceeds: boolean): BenchProblem {
  if (everyPointExceeds || index % 20 === 0) return 'exceed';
  if (index % 100 === 1) return 'flat';
  if (index % 100 === 2) return 'o2';
  return 'none';
}

/** Seeds the points, their permit limits (valid until `validTo`) and instrument ranges. */
export async function seedBenchProvince(database: Database, n: number, validTo: number, everyPointExceeds = false): Promise<BenchPoint[]> {
  await seedBenchPoints(database, n);
  const db = database.db;
  const points = (await pointsRepository(db).listActive()).filter((p) => p.mn.startsWith('BENCH')).slice(0, n);
  // All bench points share one outlet (seedBenchPoints): one permit sets its limits.
  const outlet = await db.selectFrom('outlets').select(['id', 'enterprise_id']).executeTakeFirstOrThrow();
  const permit = await db
    .insertInto('permits')
    .values({ enterprise_id: outlet.enterprise_id, number: 'BENCH-PERMIT', issued_at: 0, valid_from: 0, valid_to: validTo, issuer: 'bench', status: 'valid' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [factor, limit] of LIMITS) {
    await db.insertInto('permit_limits').values({ permit_id: permit.id, outlet_id: outlet.id, factor, limit_value: limit, unit: 'mg/m3', basis: 'hourly', reference_o2: 6, annual_quantity_t: null, standard: null, note: null }).execute();
  }
  for (let i = 0; i < points.length; i += 100) {
    await devicesRepository(db).upsertMany(points.slice(i, i + 100).flatMap((p) => LIMITS.map(([factor, limit]) => ({ point_id: p.id, factor, kind: 'analyzer', range_low: 0, range_high: limit * 10, unit: 'mg/m3' }))));
  }
  return points.map((p, i) => ({ id: p.id, mn: p.mn, problem: problemOf(i, everyPointExceeds) }));
}

/** The point's minute frame at `t`, as the gateway hands it to the store (bytes: an HJ 212 text of the values). */
export function benchFrame(p: BenchPoint, t: number): AcceptedFrame {
  const minute = Math.floor(t / 60_000);
  const factors: FactorValues[] = BENCH_CODES.map((code, i) => {
    const wobble = 1 + 0.08 * Math.sin(minute / 7 + p.id + i);
    let avg = BASE[i]! * wobble;
    if (p.problem === 'flat') avg = BASE[i]!;
    if (p.problem === 'exceed' && i < 3) avg = LIMITS[i]![1] * 1.6 * wobble;
    if (p.problem === 'o2' && code === 'a19001') avg = 20;
    avg = Math.round(avg * 100) / 100;
    return { code, code2017: code, min: Math.round(avg * 95) / 100, avg, max: Math.round(avg * 105) / 100, flag: 'N' };
  });
  const cp = factors.map((f) => `${f.code}-Min=${f.min},${f.code}-Avg=${f.avg},${f.code}-Max=${f.max},${f.code}-Flag=N`).join(';');
  const body = `QN=${formatBeijingTime(t)}000;ST=31;CN=2051;PW=123456;MN=${p.mn};Flag=5;CP=&&DataTime=${formatBeijingTime(t)};${cp}&&`;
  const bytes = Buffer.from(`##${String(body.length).padStart(4, '0')}${body}ABCD\r\n`);
  return { pointId: p.id, mn: p.mn, receivedAt: t + 5000, peer: '10.0.0.1:1', bytes, cn: '2051', qn: null, version: '2017', crcVariant: 'hj212', dataTime: t, periodKind: 'min', factors };
}
