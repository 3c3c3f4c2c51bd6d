// A small province run through the whole chain, to check the risk score against known truth (issue 4 §6b:
// "the units with injected problems rank above the clean ones"). The demo registry is seeded; one virtual
// logger per point (the simulator's own value model and scenario plans, no TCP) produces its uploads over
// a few simulated days; they are framed, decoded and stored as the gateway would (through the frame sink,
// backfilled late when the logger was offline); every hour and day is closed with closeHour, detectHour and
// closeDay; then the enterprises are scored. Used by tools/bench-risk.ts and apps/server/test/risk.test.ts.
import { decodeSegment, encodePacket, groupFactors, makeQn } from '@ecoenforce/hj212';
import { precisionAtK, rankByScore, type RiskTier } from '@ecoenforce/domain';
import type { Database } from '../../platform/db/connect.ts';
import { type AcceptedFrame, type PeriodKind, createFrameSink, pointsRepository } from '../../monitoring/index.ts';
import { seedDemoProvince } from '../../seed/demo-province.ts';
import { devicesFromPoints } from '../../simulator/from-points.ts';
import { VirtualLogger } from '../../simulator/logger.ts';
import { uploadPackets } from '../../simulator/packets.ts';
import { planScenarios, type DevicePlan, type ScenarioName } from '../../simulator/scenarios.ts';
import { HOUR, closeHour, DAY, beijingDayStart, closeDay, detectHour } from '../../compliance/index.ts';
import { computeRiskScores } from '../risk.ts';

/** The scenarios that bend a unit's data (the others only change the transport). */
export const PROBLEM_SCENARIOS = ['exceedance', 'flatline', 'offline'] as const satisfies readonly ScenarioName[];

export interface ScenarioOptions {
  enterprises: number;
  days: number;
  /** Every `every`-th enterprise (from the second) gets a problem, the scenarios in turn. */
  every: number;
  /** A Beijing midnight. */
  start: number;
  /** The scenarios dealt out in turn (default PROBLEM_SCENARIOS); an enterprise that cannot take its turn's stays clean. */
  scenarios?: readonly ScenarioName[];
  /** Called after each simulated day with what it took. */
  progress?: (day: number, info: { frames: number; closedHours: number }) => void;
}

export interface RankedUnit {
  rank: number;
  enterpriseId: number;
  name: string;
  score: number;
  tier: RiskTier;
  /** The scenario injected into one of its loggers; null for a clean unit. */
  problem: ScenarioName | null;
}

export interface ScenarioResult {
  ranking: RankedUnit[];
  k: number;
  precisionAtK: number;
  frames: number;
  closedHours: number;
  /** Each bent logger: its point, enterprise, scenario and plan (windows in simulated epoch ms). */
  injected: Array<{ enterpriseId: number; pointId: number; scenario: ScenarioName; plan: DevicePlan }>;
}

const GRACE = 2 * 60_000;
const PERIOD: Record<string, PeriodKind> = { '2051': 'min', '2061': 'hour', '2031': 'day' };
/** A period upload is sent when its period ends (HJ 212-2017 §6.6.4: DataTime is the period start). */
const LENGTH: Record<string, number> = { '2051': 60_000, '2061': HOUR, '2031': DAY };

/** One upload's packets as the gateway hands them to the store (framed, then decoded from the bytes). */
function framesOf(pointId: number, device: VirtualLogger, upload: Parameters<typeof uploadPackets>[1], receivedAt: number): AcceptedFrame[] {
  return uploadPackets(device.spec, upload).map((p, i) => {
    const bytes = encodePacket({ ...p, qn: makeQn(upload.dataTime + i) });
    const decoded = decodeSegment(bytes.subarray(6, bytes.length - 6));
    if (!decoded.ok) throw new Error(`simulated packet does not decode: ${decoded.error.detail}`);
    const pk = decoded.packet;
    return {
      pointId, mn: pk.mn, receivedAt, peer: '10.0.0.1:1', bytes, cn: pk.cn, qn: pk.qn, version: pk.version, crcVariant: 'hj212',
      dataTime: pk.dataTime, periodKind: PERIOD[pk.cn] ?? null, factors: groupFactors(pk.values),
    };
  });
}

export async function runRiskScenario(database: Database, o: ScenarioOptions): Promise<ScenarioResult> {
  const db = database.db;
  await seedDemoProvince(database, { enterprises: o.enterprises });
  const points = await pointsRepository(db).listActive();
  const owners = new Map((await db.selectFrom('monitoring_points as p').innerJoin('outlets as ou', 'ou.id', 'p.outlet_id').select(['p.id', 'ou.enterprise_id']).execute()).map((r) => [Number(r.id), Number(r.enterprise_id)]));
  const enterprises = await db.selectFrom('enterprises').select(['id', 'name']).orderBy('id').execute();
  const specs = devicesFromPoints(points);

  // Problems: every `every`-th enterprise gets one scenario, in turn; planScenarios picks the logger(s)
  // within the enterprise exactly as it does for the demo, and the episode falls on a later day each time.
  const plans = new Map<number, DevicePlan>();
  const problemOf = new Map<number, ScenarioName>();
  const injected: ScenarioResult['injected'] = [];
  const scenarios = o.scenarios ?? PROBLEM_SCENARIOS;
  enterprises.forEach((e, i) => {
    if (i % o.every !== 1) return;
    const name = scenarios[Math.floor(i / o.every) % scenarios.length]!;
    const idx = points.map((p, j) => (owners.get(p.id) === Number(e.id) ? j : -1)).filter((j) => j >= 0);
    const dayOffset = (Math.floor(i / o.every) % o.days) * DAY + 10 * HOUR;
    const plan = planScenarios(idx.map((j) => specs[j]!), [name], o.start + dayOffset);
    for (const [local, p] of plan.plans) {
      plans.set(idx[local]!, p);
      injected.push({ enterpriseId: Number(e.id), pointId: points[idx[local]!]!.id, scenario: name, plan: p });
    }
    if (plan.plans.size > 0) problemOf.set(Number(e.id), name);
  });

  const loggers = specs.map((s, j) => new VirtualLogger(s, o.start, { effects: plans.get(j)?.effects ?? {}, realtime: false }));
  const sink = createFrameSink(database);
  const held = new Map<number, AcceptedFrame[]>();
  let frames = 0;
  let closedHours = 0;
  const dueHours = new Map<string, { pointId: number; hourStart: number }>();
  const dueDays = new Map<string, { pointId: number; dayStart: number }>();
  for (let h = 1; h <= o.days * 24; h++) {
    const t = o.start + h * HOUR;
    const batch: AcceptedFrame[] = [];
    loggers.forEach((logger, j) => {
      const point = points[j]!;
      const off = plans.get(j)?.offline;
      for (const u of logger.advance(t)) {
        // An offline logger keeps its period data and sends it once back online, as the simulator's link does.
        const late = off !== undefined && u.dataTime >= off.from && u.dataTime < off.to;
        const fs = framesOf(point.id, logger, u, late ? off.to + 30_000 : u.dataTime + (LENGTH[u.cn] ?? 0) + 3_000);
        if (late) held.set(j, [...(held.get(j) ?? []), ...fs]);
        else batch.push(...fs);
      }
      if (off !== undefined && t >= off.to && held.has(j)) {
        batch.push(...held.get(j)!);
        held.delete(j);
      }
    });
    for (let i = 0; i < batch.length; i += 500) await sink.write(batch.slice(i, i + 500), []);
    frames += batch.length;
    for (const f of batch) {
      if (f.periodKind !== 'min' || f.dataTime === null) continue;
      const hourStart = f.dataTime - (f.dataTime % HOUR);
      dueHours.set(`${f.pointId}:${hourStart}`, { pointId: f.pointId, hourStart });
      const dayStart = beijingDayStart(f.dataTime);
      dueDays.set(`${f.pointId}:${dayStart}`, { pointId: f.pointId, dayStart });
    }
    // As the compliance runner does: close every due hour (and day) that has ended, plus grace.
    const now = t + GRACE;
    for (const [key, d] of dueHours) {
      if (d.hourStart + HOUR + GRACE > now) continue;
      dueHours.delete(key);
      await closeHour(db, d.pointId, d.hourStart, now);
      await detectHour(db, d.pointId, d.hourStart, now);
      closedHours++;
    }
    for (const [key, d] of dueDays) {
      if (d.dayStart + DAY + GRACE > now) continue;
      dueDays.delete(key);
      await closeDay(db, d.pointId, d.dayStart, now);
    }
    if (h % 24 === 0) o.progress?.(h / 24, { frames, closedHours });
  }

  const end = o.start + o.days * DAY + GRACE;
  await computeRiskScores(db, end);
  const scores = await db
    .selectFrom('risk_scores as s')
    .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
    .select(['e.id', 'e.name', 's.score', 's.tier'])
    .where('s.day_start', '=', o.start + o.days * DAY)
    .execute();
  const ranked = rankByScore(scores.map((s) => ({ id: Number(s.id), name: s.name, score: s.score, tier: s.tier })));
  const relevant = new Set(problemOf.keys());
  return {
    ranking: ranked.map((r, i) => ({ rank: i + 1, enterpriseId: r.id, name: r.name, score: r.score, tier: r.tier, problem: problemOf.get(r.id) ?? null })),
    k: relevant.size,
    precisionAtK: precisionAtK(ranked.map((r) => r.id), relevant),
    frames,
    closedHours,
    injected,
  };
}
