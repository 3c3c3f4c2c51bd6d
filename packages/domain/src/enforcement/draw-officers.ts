// The second "random" of 双随机: officers drawn for each inspection object (issue 5 §2, rules.md §3
// [W11]). At least two distinct officers per object (an inspection needs two, issue 5 §1); officers of
// other regions, officers of sub-regions unless the policy's pool takes a city's branches (分局), officers
// with a conflict of interest with the unit (recusal) and, when the policy says so, officers who inspected
// the unit recently are left out, each exclusion recorded with its reason. A branch officer goes only to
// units within the branch's own area: the jurisdiction the task board checks when officers are put on a
// task. That is a standing rule, not an exclusion, so it is not listed per object (the regions of officers
// and units are in the inputs). Among the officers who may go, the least loaded are chosen and ties are
// broken at random, so work spreads evenly (loads differ by at most one when nobody is excluded and every
// officer covers every unit) without any officer being predictable.
import { isWithinRegion } from '../region.ts';
import { compareCodeUnits } from './draw-hash.ts';
import { officerPoolOf } from './draw-policy.ts';
import { shuffled, type RandomStream } from './draw-random.ts';
import type { DrawError, DrawInputs, DrawnObject, OfficerExclusion } from './draw-types.ts';

const DAY_MS = 86_400_000;

export interface OfficerAssignment {
  /** Officer ids per object, in the objects' order. */
  officers: string[][];
  exclusions: OfficerExclusion[];
  load: Array<{ officerId: string; objects: number }>;
}

/** Assigns officers; `inputs` must be normalised (sorted) and `objects` in record order. */
export function assignOfficers(
  inputs: DrawInputs,
  objects: readonly Pick<DrawnObject, 'enterpriseId' | 'regionCode'>[],
  rng: RandomStream,
): { ok: true; value: OfficerAssignment } | { ok: false; error: DrawError } {
  const exclusions: OfficerExclusion[] = [];
  const pool: string[] = [];
  const officerRegion = new Map<string, string>();
  const ownOnly = officerPoolOf(inputs.policy) === 'own';
  for (const o of inputs.officers) {
    if (!isWithinRegion(o.regionCode, inputs.regionCode)) exclusions.push({ officerId: o.id, enterpriseId: null, reason: 'other_region', detail: o.regionCode });
    else if (ownOnly && o.regionCode !== inputs.regionCode) exclusions.push({ officerId: o.id, enterpriseId: null, reason: 'sub_region', detail: o.regionCode });
    else {
      pool.push(o.id);
      officerRegion.set(o.id, o.regionCode);
    }
  }
  // Always true for the bureau's own staff; for a branch officer, whether the unit is in the branch's area.
  const covers = (officerId: string, unitRegion: string): boolean => isWithinRegion(unitRegion, officerRegion.get(officerId)!);

  // Per unit: the officers barred from it and why (first reason only, conflicts before recent visits).
  const barred = new Map<string, Map<string, OfficerExclusion>>();
  const bar = (x: OfficerExclusion & { enterpriseId: string }): void => {
    const m = barred.get(x.enterpriseId) ?? new Map<string, OfficerExclusion>();
    if (!m.has(x.officerId)) m.set(x.officerId, x);
    barred.set(x.enterpriseId, m);
  };
  for (const c of inputs.conflicts) bar({ officerId: c.officerId, enterpriseId: c.enterpriseId, reason: 'conflict_of_interest', detail: c.reason });
  const days = inputs.policy.recentInspectionDays;
  if (days > 0) {
    const since = inputs.drawnAt - days * DAY_MS;
    // pastInspections are sorted by time within each officer and unit, so the detail names the latest one.
    for (const p of [...inputs.pastInspections].reverse()) {
      if (p.at >= since && p.at <= inputs.drawnAt) bar({ officerId: p.officerId, enterpriseId: p.enterpriseId, reason: 'recent_inspection', detail: new Date(p.at).toISOString() });
    }
  }

  const poolSet = new Set(pool);
  const load = new Map(pool.map((id) => [id, 0]));
  const perObject: string[][] = [];
  const k = inputs.policy.officersPerObject;
  for (const obj of objects) {
    const here = barred.get(obj.enterpriseId);
    const inArea = pool.filter((id) => covers(id, obj.regionCode));
    const eligible = here === undefined ? inArea : inArea.filter((id) => !here.has(id));
    if (here !== undefined) {
      // Only exclusions that removed someone who could otherwise go are worth recording for this object.
      const relevant = [...here.values()].filter((x) => poolSet.has(x.officerId) && covers(x.officerId, obj.regionCode));
      relevant.sort((a, b) => compareCodeUnits(a.officerId, b.officerId));
      exclusions.push(...relevant);
    }
    if (eligible.length < k) {
      return {
        ok: false,
        error: {
          code: 'too_few_officers',
          message: `${obj.enterpriseId} needs ${k} officers but only ${eligible.length} may go (pool ${pool.length}, excluded ${inArea.length - eligible.length}${inArea.length < pool.length ? `, ${pool.length - inArea.length} of branches elsewhere` : ''})`,
          enterpriseId: obj.enterpriseId,
          eligibleOfficers: eligible.length,
        },
      };
    }
    // Shuffle first, then a stable sort by load: among equally loaded officers the order is random.
    const order = shuffled(rng, eligible).sort((a, b) => load.get(a)! - load.get(b)!);
    const chosen = order.slice(0, k);
    for (const id of chosen) load.set(id, load.get(id)! + 1);
    perObject.push(chosen);
  }
  return {
    ok: true,
    value: { officers: perObject, exclusions, load: pool.map((officerId) => ({ officerId, objects: load.get(officerId)! })) },
  };
}
