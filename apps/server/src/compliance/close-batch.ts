// Closing many (point, hour) pairs at once (issue 4 §9: a province's hour within seconds). Same results as
// closeHour and detectHour pair by pair, in the given order — the same values, the same warnings created or
// extended, the same audit rows — but the inputs of all points come from one query each, the pure work
// (validity, O2 conversion, exceedance, the hourly detectors) runs in memory, and the writes go in one
// transaction: multi-row upserts of the values, then the warnings. A point closed one by one costs a dozen
// statements and a commit (an fsync) of its own; here a batch of hundreds shares them.
import type { Kysely, Selectable } from 'kysely';
import { episodes, type Finding, type LimitRow, type Marking, type PointSample } from '@ecoenforce/domain';
import type { Schema, WarningsTable } from '../platform/db/schema.ts';
import { hourInputsRepository, type OutletLimitRow } from './repositories/hour-inputs.ts';
import { episodeKey, HOUR, hourValues, joinEpisode, limitsFromRows, OPEN_STATUSES, openWarning, toSample, touches, type CloseResult, type PointPlace } from './compliance.ts';
import { hourFindings, rangesOf } from './detect-hour.ts';
import { groupBy } from '../platform/group-by.ts';

export interface HourPair {
  pointId: number;
  hourStart: number;
}

export interface HourClosed {
  close: CloseResult;
  /** Warnings the hourly detectors raised or extended (empty when the detectors are off). */
  detected: Array<{ id: number; created: boolean; kind: string }>;
}

export interface CloseBatchOptions {
  /** Run the hourly data-quality detectors too (default true), as detectHour does after closeHour. */
  detectors?: boolean;
}

/** Period values per multi-row upsert: 14 columns × 500 rows stays under both dialects' parameter limits. */
const VALUES_PER_STATEMENT = 500;

/** A pair's inputs turned into values and findings, before anything is written (plain data: it crosses threads). */
export interface Planned {
  place: PointPlace | undefined;
  close: CloseResult;
  exceedances: Finding[];
  findings: Finding[];
  detected: HourClosed['detected'];
}

/** Closes the pairs (duplicates closed once); results in the order of the first occurrence of each pair. */
export async function closeHours(db: Kysely<Schema>, pairs: readonly HourPair[], now: number, opts: CloseBatchOptions = {}): Promise<HourClosed[]> {
  return writeHours(db, await planHours(db, pairs, opts.detectors !== false), now);
}

/** Writes planned hours in one transaction: their values, then their warnings pair by pair. */
export async function writeHours(db: Kysely<Schema>, plans: readonly Planned[], now: number): Promise<HourClosed[]> {
  const withFindings = plans.filter((p) => p.exceedances.length > 0 || p.findings.length > 0);
  await db.transaction().execute(async (trx) => {
    const values = plans.flatMap((p) => p.close.values.map((a) => valueRow(p.close.pointId, a, now)));
    for (let i = 0; i < values.length; i += VALUES_PER_STATEMENT) await upsertValues(trx, values.slice(i, i + VALUES_PER_STATEMENT));
    if (withFindings.length === 0) return;
    const since = Math.min(...withFindings.map((p) => p.close.hourStart));
    const open = new OpenWarnings(await hourInputsRepository(trx).openSince([...new Set(withFindings.map((p) => p.close.pointId))], since));
    for (const p of withFindings) {
      for (const f of p.exceedances) p.close.warnings.push(await open.raise(trx, p.place!, p.close.pointId, f, now));
      for (const f of p.findings) p.detected.push({ ...(await open.raise(trx, p.place!, p.close.pointId, f, now)), kind: f.kind });
    }
  });
  return plans.map((p) => ({ close: p.close, detected: p.detected }));
}

/** Reads every input of the pairs (per hour, one query each) and computes values and findings; duplicates once. */
export async function planHours(db: Kysely<Schema>, all: readonly HourPair[], detectors: boolean): Promise<Planned[]> {
  const pairs = [...new Map(all.map((p) => [`${p.pointId}:${p.hourStart}`, p])).values()];
  const repo = hourInputsRepository(db);
  const byHour = new Map<number, number[]>();
  for (const [hourStart, group] of groupBy(pairs, (p) => p.hourStart)) byHour.set(hourStart, group.map((p) => p.pointId));
  const inputs = new Map<string, { place: PointPlace | undefined; samples: PointSample[]; limits: ReadonlyMap<string, LimitRow>; markings: Marking[]; ranges: Record<string, number> }>();
  for (const [hourStart, ids] of byHour) {
    const places = new Map((await repo.places(ids)).map((r) => [r.pointId, { outletId: r.outletId, kind: r.kind, enterpriseId: r.enterpriseId, regionCode: r.regionCode }]));
    const located = ids.filter((id) => places.has(id));
    const samples = groupBy(await repo.minutes(located, hourStart, hourStart + HOUR), (r) => r.pointId);
    const limitRows = groupBy(await repo.limits([...new Set([...places.values()].map((p) => p.outletId))], hourStart), (r: OutletLimitRow) => r.outlet_id);
    // The special periods in force at the hour's start, as limitsInForce reads them for one outlet.
    const periods = await repo.specialPeriods(hourStart);
    const markings = groupBy(await repo.markings(located, hourStart, hourStart + HOUR), (m) => m.pointId);
    const devices = detectors ? groupBy(await repo.ranges(located), (d) => d.point_id) : new Map<number, never[]>();
    const limits = new Map<number, ReadonlyMap<string, LimitRow>>();
    for (const id of ids) {
      const place = places.get(id);
      if (place !== undefined && !limits.has(place.outletId)) limits.set(place.outletId, limitsFromRows(limitRows.get(place.outletId) ?? [], 'hourly', periods));
      inputs.set(`${id}:${hourStart}`, {
        place,
        samples: (samples.get(id) ?? []).map((r) => toSample(r.periodStart, r.factors, r.sourceFrameId)),
        limits: place === undefined ? new Map() : limits.get(place.outletId)!,
        markings: (markings.get(id) ?? []).map((m) => ({ from: m.from, to: m.to, kind: m.kind, invalid: m.invalid })),
        ranges: rangesOf(devices.get(id) ?? []),
      });
    }
  }
  return pairs.map(({ pointId, hourStart }) => {
    const input = inputs.get(`${pointId}:${hourStart}`)!;
    if (input.place === undefined) return { place: undefined, close: { pointId, hourStart, values: [], exceeded: [], warnings: [] }, exceedances: [], findings: [], detected: [] };
    const close = hourValues(pointId, hourStart, input.place.kind, input.samples, input.limits, input.markings);
    const findings = detectors ? hourFindings(input.place.kind, input.samples, input.ranges) : [];
    return { place: input.place, close, exceedances: episodes(close.exceeded), findings, detected: [] };
  });
}


type ValueRow = ReturnType<typeof valueRow>;

function valueRow(pointId: number, a: CloseResult['values'][number], now: number) {
  return {
    point_id: pointId, factor: a.factor, period_kind: a.periodKind, period_start: a.periodStart, samples: a.count, valid: a.valid, status: a.status,
    mean: a.mean, min: a.min, max: a.max, converted: a.converted, logger_converted: a.loggerConverted, flags: JSON.stringify(a.flags), computed_at: now,
  };
}

/** upsertPeriodValue for many rows in one statement. */
async function upsertValues(trx: Kysely<Schema>, rows: ValueRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('period_values')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['point_id', 'factor', 'period_kind', 'period_start']).doUpdateSet((eb) => ({
        samples: eb.ref('excluded.samples'), valid: eb.ref('excluded.valid'), status: eb.ref('excluded.status'), mean: eb.ref('excluded.mean'), min: eb.ref('excluded.min'),
        max: eb.ref('excluded.max'), converted: eb.ref('excluded.converted'), logger_converted: eb.ref('excluded.logger_converted'), flags: eb.ref('excluded.flags'),
        computed_at: eb.ref('excluded.computed_at'),
      })),
    )
    .execute();
}

type WarningRow = Selectable<WarningsTable>;

/**
 * raise() over warnings read once for the batch: the same covering and running tests, against rows kept
 * up to date as the batch opens and extends warnings (a later hour of the same point sees an earlier one's).
 */
class OpenWarnings {
  private readonly byKey = new Map<string, WarningRow[]>();

  constructor(rows: readonly WarningRow[]) {
    for (const r of rows) this.add(r);
  }

  async raise(trx: Kysely<Schema>, place: PointPlace, pointId: number, f: Finding, now: number): Promise<{ id: number; created: boolean }> {
    const list = this.byKey.get(key(pointId, f.kind, f.factor ?? null)) ?? [];
    const covering = list.find((w) => Number(w.period_from) <= f.from && Number(w.period_to) >= f.to);
    if (covering !== undefined) return { id: Number(covering.id), created: false };
    const same = list
      .filter((w) => touches(w, f) && (OPEN_STATUSES as readonly string[]).includes(w.status))
      .sort((a, b) => Number(a.period_from) - Number(b.period_from))
      .filter((w) => episodeKey(JSON.parse(w.evidence) as { rule?: unknown }) === episodeKey(f.evidence));
    const running = same[0];
    if (running !== undefined) {
      const absorbed = await joinEpisode(trx, running, f, same.slice(1), now);
      for (const gone of absorbed) list.splice(list.indexOf(gone), 1);
      return { id: Number(running.id), created: false };
    }
    const id = await openWarning(trx, place, pointId, f, now);
    this.add({
      id, point_id: pointId, enterprise_id: place.enterpriseId, region_code: place.regionCode, kind: f.kind, factor: f.factor ?? null, severity: f.severity, status: 'new',
      period_from: f.from, period_to: f.to, message: f.message, evidence: JSON.stringify(f.evidence), created_at: now, updated_at: now, decided_by: null, decision_reason: null, answer: null, answered_at: null,
    });
    return { id, created: true };
  }

  private add(r: WarningRow): void {
    const k = key(Number(r.point_id), r.kind, r.factor);
    const list = this.byKey.get(k);
    if (list === undefined) this.byKey.set(k, [r]);
    else list.push(r);
  }
}

const key = (pointId: number, kind: string, factor: string | null): string => `${pointId}|${kind}|${factor === null ? '\0' : `=${factor}`}`;
