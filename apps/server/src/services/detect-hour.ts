// The data-quality and fraud detectors run on each closed hour of a point (issue 4 §5): flat lines, zero
// concentration while gas flows, values pinned at the instrument's range, O2 implausibly high while the
// unit runs. Findings become warnings like exceedances do: one per episode, extended across hours when a
// run reaches the hour's end and continues in the next. Each detector sees one hour, so a run shorter than
// its minimum that straddles two hours is not seen (the day-level detectors will cover that).
import type { Kysely } from 'kysely';
import { flatline, o2Dilution, pinnedAtRange, zeroWhileFlowing, type Finding } from '@ecoenforce/domain';
import type { Schema } from '../db/schema.ts';
import { devicesRepository } from '../repositories/devices.ts';
import { HOUR, minuteSamples, placeOf, raise } from './compliance.ts';

export async function detectHour(db: Kysely<Schema>, pointId: number, hourStart: number, now: number): Promise<Array<{ id: number; created: boolean; kind: string }>> {
  const place = await placeOf(db, pointId);
  if (place === undefined) return [];
  const samples = await minuteSamples(db, pointId, hourStart, hourStart + HOUR);
  if (samples.length === 0) return [];
  const ranges: Record<string, number> = {};
  for (const d of await devicesRepository(db).listByPoint(pointId)) if (d.factor !== '' && d.range_high !== null) ranges[d.factor] = d.range_high;
  // Wastewater analysers (COD, NH3-N, TP, TN) report one analysis every one to two hours and repeat it in
  // the minute data between, so an hour of one value is normal there: within an hour only the flow is
  // judged flat; the analysers' flat lines need a day-level window (many analysis cycles).
  const flatFactors = place.kind === 'air' ? null : ['w00000'];
  const findings: Finding[] = [
    ...flatline({ samples }, { factors: flatFactors }),
    ...pinnedAtRange({ samples }, { ranges }),
    ...(place.kind === 'air' ? [...zeroWhileFlowing({ samples }), ...o2Dilution({ samples })] : []),
  ];
  if (findings.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const out = [];
    for (const f of findings) out.push({ ...(await raise(trx, place, pointId, f, now)), kind: f.kind });
    return out;
  });
}
