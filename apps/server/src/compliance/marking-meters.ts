// The electricity half of "a marking covering a span that shows production is itself a finding" (issue 4 §3;
// the flow half is in markings.ts). A marking that claims the unit was not producing is contradicted when
// the enterprise's production meters (table `meters`, role production) read running power in the span.
// A meter's readings are ordinary minute readings of its logger point, the meter's code being the factor.
import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import { readingsRepository } from '../monitoring/index.ts';

/**
 * Kinds whose claim is that production was not running: a shutdown and a production stop. The other kinds
 * concern the monitoring equipment (fault, maintenance, calibration) or a start-up, during which
 * production may run lawfully, so production power proves nothing against them.
 */
export const NOT_PRODUCING_KINDS: readonly string[] = ['shutdown', 'production_stopped'];

export interface MeterRules {
  /** A production meter with a registered running_kw is running above this share of it. */
  meterRunningFraction: number;
  /**
   * A production meter without running_kw is running above this many kW. A guess (no national figure):
   * high enough that lighting and office loads of a stopped plant stay under it; register running_kw.
   */
  meterRunningKw: number;
}

/** Running meter minutes kept in the evidence (and their count). */
const EVIDENCE_MAX = 120;
/** Minutes read per meter logger: the 31-day cap of a marking's span and some slack. */
const MAX_MINUTES = 31 * 24 * 60 + 60;

export interface MeterAssessment {
  /** Distinct minutes in which at least one production meter ran. */
  count: number;
  /** Those minutes (at most EVIDENCE_MAX): start, the highest running meter, its kW and its frame. */
  times: number[];
  values: number[];
  meters: string[];
  frameIds: number[];
  /** Per production meter: code, name, logger point, running minutes, the threshold used and its basis. */
  byMeter: Array<{ code: string; name: string; pointId: number; minutes: number; thresholdKw: number; runningKw: number | null; maxKw: number | null }>;
}

/** The point's enterprise's production meters over [from, to): in which minutes they read running power. */
export async function assessMeters(db: Kysely<Schema>, pointId: number, from: number, to: number, rules: MeterRules): Promise<MeterAssessment> {
  const out: MeterAssessment = { count: 0, times: [], values: [], meters: [], frameIds: [], byMeter: [] };
  const meters = await db
    .selectFrom('meters as m')
    .innerJoin('outlets as o', 'o.enterprise_id', 'm.enterprise_id')
    .innerJoin('monitoring_points as p', 'p.outlet_id', 'o.id')
    .select(['m.point_id', 'm.factor', 'm.name', 'm.running_kw'])
    .where('p.id', '=', pointId)
    .where('m.role', '=', 'production')
    .orderBy('m.id')
    .execute();
  if (meters.length === 0) return out;
  // Minute → the highest running meter then; a minute counts once however many meters ran in it.
  const running = new Map<number, { meter: string; kw: number; frameId: number }>();
  const readings = readingsRepository(db);
  const byLogger = new Map<number, Awaited<ReturnType<typeof readings.list>>>();
  for (const m of meters) {
    const loggerId = Number(m.point_id);
    let rows = byLogger.get(loggerId);
    if (rows === undefined) {
      rows = await readings.list({ pointId: loggerId, periodKind: 'min', from, to, limit: MAX_MINUTES });
      byLogger.set(loggerId, rows);
    }
    const runningKw = m.running_kw === null ? null : Number(m.running_kw);
    const thresholdKw = runningKw === null ? rules.meterRunningKw : runningKw * rules.meterRunningFraction;
    let minutes = 0;
    let maxKw: number | null = null;
    for (const r of rows) {
      const f = r.factors.find((x) => (x.code2017 || x.code) === m.factor);
      const kw = f?.avg ?? f?.rtd;
      // Flagged readings (not N) are not valid data and prove nothing either way.
      if (f === undefined || kw === undefined || kw === null || !Number.isFinite(kw) || (f.flag != null && f.flag !== 'N')) continue;
      maxKw = maxKw === null ? kw : Math.max(maxKw, kw);
      if (kw <= thresholdKw) continue;
      minutes++;
      const prev = running.get(r.periodStart);
      if (prev === undefined || kw > prev.kw) running.set(r.periodStart, { meter: m.factor, kw, frameId: r.sourceFrameId });
    }
    out.byMeter.push({ code: m.factor, name: m.name, pointId: loggerId, minutes, thresholdKw, runningKw, maxKw });
  }
  out.count = running.size;
  for (const [t, v] of [...running].sort((a, b) => a[0] - b[0]).slice(0, EVIDENCE_MAX)) {
    out.times.push(t);
    out.values.push(v.kw);
    out.meters.push(v.meter);
    out.frameIds.push(v.frameId);
  }
  return out;
}
