// The detectors that need a whole Beijing day of one point (issue 4 §5), run when the day is closed:
// - transmission: minutes received against minutes expected. Expected is the day less the minutes before
//   the point's first minute ever (a logger commissioned mid-day owes nothing before it) and less the spans
//   the enterprise marked as shutdown or production stopped (not withdrawn).
// - flagShare: the share of C/M/D-flagged minutes per factor.
// - periodMismatch: the logger's own hourly (2061) and daily (2031) values against the mean of its valid
//   minutes; the logger's figure and its frame are in the evidence (rule.hourlyValue, rule.hourlyFrameId).
// - flatline of wastewater analysers: an online COD/NH3-N/TP/TN analyser reports one result per one- or
//   two-hour cycle and the logger repeats it each minute, so an hour of one value is normal; only several
//   cycles in a row with the very same result (default 6 h) say the analyser or the logger is stuck.
//   Flue gas is left to the hourly detectors (detect-hour.ts), whose warnings a day-level run would double.
// - treatmentOff, on a meter logger: its treatment meters against the enterprise's production meters.
// - lateData: the owed minutes (as for transmission) that arrived more than an hour after their data time —
//   a logger offline that backfilled later, whose day the transmission rate counts as complete.
// Every detector's own rationale, false-positive risk and parameters head its file in
// packages/domain/src/detectors; the parameters here are the ones this wiring chooses.
import type { Kysely } from 'kysely';
import {
  DEFAULT_PERIOD_MISMATCH_PARAMS, DEFAULT_VALIDITY, flagShare, flatline, lateData, periodMismatch, transmission, treatmentOff,
  type Arrival, type FlagShareParams, type FlatlineParams, type Finding, type LateDataParams, type Marking, type MeterSample, type PeriodMismatchParams, type PointSample,
  type Severity, type TransmissionParams, type TreatmentOffParams,
} from '@ecoenforce/domain';
import type { MetersTable, Schema } from '../platform/db/schema.ts';
import { readingsRepository } from '../monitoring/index.ts';
import { HOUR, minuteSamples, toSample, type PointPlace } from './compliance.ts';
import { markingsOver } from './markings.ts';

const MINUTE = 60_000;
const DAY = 24 * HOUR;

export interface DayDetectorParams {
  transmission: Partial<TransmissionParams>;
  flagShare: Partial<FlagShareParams>;
  periodMismatch: Partial<PeriodMismatchParams>;
  /** Valid minutes the logger's daily value needs before it is compared (20 valid hours × 45 minutes). */
  dayMinValidMinutes: number;
  waterFlatline: Partial<FlatlineParams>;
  treatmentOff: Partial<TreatmentOffParams>;
  /** lateAfterMinutes and minShare; the owed minutes are the transmission rate's. */
  lateData: Partial<Omit<LateDataParams, 'expectedMinutes'>>;
  /** Marking kinds whose spans owe no data (the unit was not running). */
  silentMarkingKinds: readonly string[];
}

export const DAY_DETECTOR_PARAMS: Readonly<DayDetectorParams> = {
  transmission: {},
  flagShare: {},
  // The factors a lawful value is judged or weighed on: pollutants, O2 (the conversion) and flow (the mass).
  // Temperature, pressure, humidity and velocity sit near zero or move little, so a 5 % tolerance becomes
  // a few pascals and every rounding is a finding, and rewriting them would gain a discharger nothing.
  periodMismatch: { factors: ['a21026', 'a21002', 'a34013', 'a19001', 'a00000', 'w01018', 'w21003', 'w21011', 'w21001', 'w00000'] },
  dayMinValidMinutes: DEFAULT_VALIDITY.water.minValidHours * DEFAULT_VALIDITY.water.minValidMinutes,
  waterFlatline: { factors: ['w01018', 'w21003', 'w21011', 'w21001'], minMinutes: 360, flowFactor: 'w00000' },
  treatmentOff: {},
  lateData: {},
  silentMarkingKinds: ['shutdown', 'production_stopped'],
};

export interface DayInput {
  kind: PointPlace['kind'];
  dayStart: number;
  /** The point's minute samples of the day. */
  samples: readonly PointSample[];
  /** The logger's own hourly (2061) values of the day, `t` = hour start. */
  loggerHours: readonly PointSample[];
  /** The logger's own daily (2031) value, when it sent one. */
  loggerDay: PointSample | undefined;
  /** The point's first minute ever (null: none stored). */
  firstMinute: number | null;
  markings: readonly Marking[];
  /** When each minute of the day arrived (readings.received_at); without it lateData does not run. */
  arrivals?: readonly Arrival[];
}

/** Minutes of the day the point owed: after its first minute ever and outside silent markings. */
export function expectedMinutes(input: Pick<DayInput, 'dayStart' | 'firstMinute' | 'markings'>, silentKinds: readonly string[]): number {
  const from = Math.max(input.dayStart, input.firstMinute ?? input.dayStart);
  const to = input.dayStart + DAY;
  const spans = input.markings
    .filter((m) => silentKinds.includes(m.kind))
    .map((m) => [Math.max(m.from, from), Math.min(m.to, to)] as const)
    .filter(([a, b]) => b > a)
    .sort((a, b) => a[0] - b[0]);
  let owed = Math.max(0, to - from);
  let cursor = from;
  for (const [a, b] of spans) {
    const start = Math.max(a, cursor);
    if (b > start) owed -= b - start;
    cursor = Math.max(cursor, b);
  }
  return Math.round(owed / MINUTE);
}

/** The logger's daily value against the mean of the day's valid (N) minutes, as periodMismatch does for hours. */
export function dayMismatch(samples: readonly PointSample[], loggerDay: PointSample | undefined, dayStart: number, p: PeriodMismatchParams & { minValidMinutes: number }): Finding[] {
  if (loggerDay === undefined) return [];
  const out: Finding[] = [];
  for (const factor of p.factors ?? Object.keys(loggerDay.factors).sort()) {
    const d = loggerDay.factors[factor];
    if (d === undefined || d.value === null || !Number.isFinite(d.value) || (d.flag !== null && d.flag !== 'N')) continue;
    const used = samples.filter((s) => s.t >= dayStart && s.t < dayStart + DAY && s.factors[factor]?.flag === 'N' && Number.isFinite(s.factors[factor]?.value ?? NaN));
    if (used.length < p.minValidMinutes) continue;
    const recomputed = used.reduce((sum, s) => sum + (s.factors[factor]?.value ?? 0), 0) / used.length;
    const diff = Math.abs(d.value - recomputed);
    const allowance = Math.max(p.relTolerance * Math.abs(recomputed), p.absTolerance);
    if (diff <= allowance) continue;
    const severity: Severity = diff > 4 * allowance ? 'high' : diff > 2 * allowance ? 'medium' : 'low';
    out.push({
      kind: 'periodMismatch', severity, from: dayStart, to: dayStart + DAY, factor,
      message: `${factor} daily value ${d.value} differs from the mean of its ${used.length} valid minutes ${recomputed.toFixed(3)}.`,
      evidence: {
        times: used.map((s) => s.t),
        values: used.map((s) => s.factors[factor]?.value ?? null),
        params: { ...p },
        rule: { period: 'day', dayStart, dailyValue: d.value, dailyFrameId: loggerDay.frameId ?? null, recomputed, relDiff: recomputed === 0 ? null : diff / Math.abs(recomputed) },
      },
    });
  }
  return out;
}

/** What the day-level data-quality detectors find in one point's day (pure). */
export function dayFindings(input: DayInput, params: Readonly<DayDetectorParams> = DAY_DETECTOR_PARAMS): Finding[] {
  const expected = expectedMinutes(input, params.silentMarkingKinds);
  const mismatch = { ...DEFAULT_PERIOD_MISMATCH_PARAMS, ...params.periodMismatch };
  return [
    ...(expected > 0 ? transmission({ samples: input.samples, dayStart: input.dayStart }, { ...params.transmission, expectedMinutes: expected }) : []),
    ...flagShare({ samples: input.samples, dayStart: input.dayStart }, params.flagShare),
    ...periodMismatch({ samples: input.samples, hourly: input.loggerHours }, mismatch),
    ...dayMismatch(input.samples, input.loggerDay, input.dayStart, { ...mismatch, minValidMinutes: params.dayMinValidMinutes }),
    ...(input.kind === 'water' ? flatline({ samples: input.samples }, params.waterFlatline) : []),
    ...(expected > 0 && input.arrivals !== undefined ? lateData({ arrivals: input.arrivals, dayStart: input.dayStart }, { ...params.lateData, expectedMinutes: expected }) : []),
  ];
}

export type Meter = Pick<MetersTable, 'point_id' | 'factor' | 'role' | 'outlet_id' | 'name' | 'running_kw'>;

/** The meters' readings in minute samples of their loggers (valid flags only), with the frame behind each. */
export function meterReadings(samplesByPoint: ReadonlyMap<number, readonly PointSample[]>, meters: readonly Meter[]): { readings: MeterSample[]; frames: Map<string, number> } {
  const readings: MeterSample[] = [];
  const frames = new Map<string, number>();
  for (const m of meters) {
    for (const s of samplesByPoint.get(m.point_id) ?? []) {
      const f = s.factors[m.factor];
      if (f === undefined || f.value === null || !Number.isFinite(f.value) || (f.flag !== null && f.flag !== 'N')) continue;
      readings.push({ t: s.t, role: m.role, meter: m.factor, value: f.value });
      if (s.frameId !== undefined) frames.set(`${m.factor}@${s.t}`, s.frameId);
    }
  }
  return { readings, frames };
}

/**
 * Treatment-off findings of the treatment meters on one logger (pure): each judged against every production
 * meter of the enterprise. The finding's factor is the treatment meter's code (one warning episode per
 * meter); the evidence cites the meter frames and names the meters.
 */
export function treatmentFindings(samplesByPoint: ReadonlyMap<number, readonly PointSample[]>, treatment: readonly Meter[], production: readonly Meter[], params: Partial<TreatmentOffParams> = {}): Finding[] {
  if (treatment.length === 0 || production.length === 0) return [];
  const all = [...treatment, ...production];
  const { readings, frames } = meterReadings(samplesByPoint, all);
  const runningKw: Record<string, number> = { ...params.runningKw };
  for (const m of all) if (m.running_kw !== null && runningKw[m.factor] === undefined) runningKw[m.factor] = m.running_kw;
  return treatmentOff({ meters: readings }, { ...params, runningKw }).map((f) => {
    const named = f.evidence.rule?.treatmentMeter;
    const meter = typeof named === 'string' ? named : '';
    const frameIds = f.evidence.times.map((t) => frames.get(`${meter}@${t}`)).filter((id): id is number => id !== undefined);
    const names = Object.fromEntries(all.map((m) => [m.factor, m.name]));
    return { ...f, factor: meter, evidence: { ...f.evidence, frameIds, rule: { ...f.evidence.rule, meterNames: names, productionMeters: production.map((m) => m.factor) } } };
  });
}

/** Reads what dayFindings needs besides the minutes (and their arrival times) already loaded. */
export async function dayInput(db: Kysely<Schema>, pointId: number, kind: PointPlace['kind'], dayStart: number, samples: readonly PointSample[], arrivals?: readonly Arrival[]): Promise<DayInput> {
  const readings = readingsRepository(db);
  const hours = await readings.list({ pointId, periodKind: 'hour', from: dayStart, to: dayStart + DAY, limit: 48 });
  const day = await readings.get(pointId, 'day', dayStart);
  // The primary key (point, kind, start) answers the first minute ever with one index probe.
  const first = await db.selectFrom('readings').select('period_start').where('point_id', '=', pointId).where('period_kind', '=', 'min').orderBy('period_start').limit(1).executeTakeFirst();
  return {
    kind, dayStart, samples,
    loggerHours: hours.map((h) => toSample(h.periodStart, h.factors, h.sourceFrameId)),
    loggerDay: day === undefined ? undefined : toSample(day.periodStart, day.factors, day.sourceFrameId),
    firstMinute: first === undefined ? null : Number(first.period_start),
    markings: await markingsOver(db, pointId, dayStart, dayStart + DAY),
    arrivals,
  };
}

export interface TargetedFinding {
  finding: Finding;
  /** The point the warning belongs to: the treated outlet's point for treatment-off, else the point itself. */
  pointId: number;
}

/**
 * Treatment-off on a meter logger's day: its treatment meters against the enterprise's production meters
 * (on this logger or another), each finding addressed to a point of the outlet the meter serves.
 */
export async function treatmentOffDay(db: Kysely<Schema>, pointId: number, enterpriseId: number, dayStart: number, samples: readonly PointSample[], params: Partial<TreatmentOffParams> = DAY_DETECTOR_PARAMS.treatmentOff): Promise<TargetedFinding[]> {
  const meters = await db.selectFrom('meters').select(['point_id', 'factor', 'role', 'outlet_id', 'name', 'running_kw']).where('enterprise_id', '=', enterpriseId).orderBy('id').execute();
  const treatment = meters.filter((m) => m.role === 'treatment' && m.point_id === pointId);
  const production = meters.filter((m) => m.role === 'production');
  if (treatment.length === 0 || production.length === 0) return [];
  const byPoint = new Map<number, readonly PointSample[]>([[pointId, samples]]);
  for (const m of production) if (!byPoint.has(m.point_id)) byPoint.set(m.point_id, await minuteSamples(db, m.point_id, dayStart, dayStart + DAY));
  const out: TargetedFinding[] = [];
  for (const outletId of new Set(treatment.map((m) => m.outlet_id))) {
    const findings = treatmentFindings(byPoint, treatment.filter((m) => m.outlet_id === outletId), production, params);
    if (findings.length === 0) continue;
    const target = outletId === null ? pointId : ((await servedPoint(db, outletId)) ?? pointId);
    for (const f of findings) out.push({ finding: await withOutletValues(db, target, f), pointId: target });
  }
  return out;
}

/** The outlet's first active point that is not a meter logger: where an officer reads its emissions. */
async function servedPoint(db: Kysely<Schema>, outletId: number): Promise<number | undefined> {
  const r = await db
    .selectFrom('monitoring_points')
    .select('id')
    .where('outlet_id', '=', outletId)
    .where('active', '=', 1)
    .where('id', 'not in', db.selectFrom('meters').select('point_id'))
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return r === undefined ? undefined : Number(r.id);
}

/** Pollutants whose hourly means show what switching the treatment off did. */
const TREATED_FACTORS = ['a21026', 'a21002', 'a34013', 'w01018', 'w21003', 'w21011', 'w21001'];

/** Adds the treated point's hourly means from the hour before the run to its end (the concentrations rise). */
async function withOutletValues(db: Kysely<Schema>, pointId: number, f: Finding): Promise<Finding> {
  const from = Math.floor(f.from / HOUR) * HOUR - HOUR;
  const rows = await db
    .selectFrom('period_values')
    .select(['factor', 'period_start', 'mean'])
    .where('point_id', '=', pointId)
    .where('period_kind', '=', 'hour')
    .where('factor', 'in', TREATED_FACTORS)
    .where('period_start', '>=', from)
    .where('period_start', '<', f.to)
    .orderBy('factor')
    .orderBy('period_start')
    .execute();
  const outletHours = rows.map((r) => ({ factor: r.factor, hourStart: Number(r.period_start), mean: r.mean }));
  return { ...f, evidence: { ...f.evidence, rule: { ...f.evidence.rule, pointId, outletHours } } };
}
