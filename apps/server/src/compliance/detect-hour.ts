// The data-quality and fraud detectors run on each closed hour of a point (issue 4 §5): flat lines, zero
// concentration while gas flows, values pinned at the instrument's range, O2 implausibly high while the
// unit runs. Findings become warnings like exceedances do: one per episode, extended across hours when a
// run reaches the hour's end and continues in the next. Each detector sees one hour, so a run shorter than
// its minimum that straddles two hours is not seen (the day-level detectors will cover that).
import type { Kysely } from 'kysely';
import { flatline, o2Dilution, pinnedAtRange, zeroWhileFlowing, type Finding, type PointSample } from '@ecoenforce/domain';
import type { Schema } from '../platform/db/schema.ts';
import { devicesRepository, type Device } from '../monitoring/index.ts';
import { HOUR, minuteSamples, placeOf, raise, type PointPlace } from './compliance.ts';

export async function detectHour(db: Kysely<Schema>, pointId: number, hourStart: number, now: number): Promise<Array<{ id: number; created: boolean; kind: string }>> {
  const place = await placeOf(db, pointId);
  if (place === undefined) return [];
  const samples = await minuteSamples(db, pointId, hourStart, hourStart + HOUR);
  if (samples.length === 0) return [];
  const findings = hourFindings(place.kind, samples, rangesOf(await devicesRepository(db).listByPoint(pointId)));
  if (findings.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const out = [];
    for (const f of findings) out.push({ ...(await raise(trx, place, pointId, f, now)), kind: f.kind });
    return out;
  });
}

/** The instruments' range tops by factor (what pinned-at-range compares with). */
export function rangesOf(devices: ReadonlyArray<Pick<Device, 'factor' | 'range_high'>>): Record<string, number> {
  const ranges: Record<string, number> = {};
  for (const d of devices) if (d.factor !== '' && d.range_high !== null) ranges[d.factor] = d.range_high;
  return ranges;
}

/** What the hourly detectors find in one point's hour of minute samples (pure). */
export function hourFindings(kind: PointPlace['kind'], samples: readonly PointSample[], ranges: Readonly<Record<string, number>>): Finding[] {
  if (samples.length === 0) return [];
  samples = analyserFactorsOnly(samples);
  // Wastewater analysers (COD, NH3-N, TP, TN) report one analysis every one to two hours and repeat it in
  // the minute data between, so an hour of one value is normal there: within an hour only the flow is
  // judged flat; the analysers' flat lines need a day-level window (many analysis cycles).
  const flatFactors = kind === 'air' ? null : ['w00000'];
  return [
    ...flatline({ samples }, { factors: flatFactors }),
    ...pinnedAtRange({ samples }, { ranges }),
    ...(kind === 'air' ? [...zeroWhileFlowing({ samples }), ...o2Dilution({ samples })] : []),
  ];
}

/** HJ 212 analyser and flow codes (a21026, w00000 …); meter loggers' power codes are not among them. */
const ANALYSER_CODE = /^[aw]\d{5}$/;

/**
 * The samples without the factors that are not analysers: an electricity meter reading a steady or zero
 * power for an hour is a machine running or stopped, not a stuck analyser (meters are judged by
 * treatment-off over the day). Returns the input itself when every factor is an analyser's.
 */
function analyserFactorsOnly(samples: readonly PointSample[]): readonly PointSample[] {
  const codes = new Set<string>();
  for (const s of samples) for (const code of Object.keys(s.factors)) codes.add(code);
  const keep = [...codes].filter((c) => ANALYSER_CODE.test(c));
  if (keep.length === codes.size) return samples;
  return samples.map((s) => ({ ...s, factors: Object.fromEntries(keep.filter((c) => c in s.factors).map((c) => [c, s.factors[c]!])) }));
}
