// The inputs of the violation-risk score (issue 4 §6b), read from the store for every enterprise at once:
// one query per source (warnings, exceedance evidence, markings, minute frames per point), grouped in
// memory. Penalties come from the penalty cases, the rectification record from the orders to correct and
// public tips from the 12369 entries (issue 5).
import type { Kysely } from 'kysely';
import type { ManagementCategory, RiskInputs } from '@ecoenforce/domain';
import type { Schema } from '../platform/db/schema.ts';

const MINUTE = 60_000;
/** Penalties count over the two years before the window's end: "≥ 3 same-kind penalties within 2 years" [W13], JI23 art. 19. */
const PENALTY_YEARS_MS = 730 * 86_400_000;
/** Points per transmission query: keeps each read short, so the event loop turns between them. */
const POINTS_PER_QUERY = 100;

export interface RiskWindow {
  /** Warnings overlapping and markings made in [from, to) count. */
  from: number;
  to: number;
  /** Minute frames are counted over [transmissionFrom, to). */
  transmissionFrom: number;
  /** A minute frame received more than this after its minute ended is not on time. */
  lateMs: number;
}

/** An enterprise's inputs, plus the points that have never sent a frame (reported, not counted in the rate). */
export type GatheredInputs = RiskInputs & {
  exceedances: Array<RiskInputs['exceedances'][number]>;
  findings: Array<RiskInputs['findings'][number]>;
  silentPoints: number;
};

const emptyInputs = (category: ManagementCategory | null, industryCode: string | null): GatheredInputs => ({
  exceedances: [], findings: [], transmission: null, markings: { made: 0, late: 0 },
  penalties: null, rectification: null, tips: null, managementCategory: category, industryCode, silentPoints: 0,
});

interface ExceedanceEvidence {
  values?: Array<number | null>;
  rule?: { limit?: number };
  params?: { worstMultiple?: number; periods?: number };
  times?: number[];
}

/**
 * Worst multiple and periods of an exceedance warning. A warning extended across hours keeps the params of
 * its first hour, so the multiple is recomputed from all its values against the rule's limit, as
 * compliance.ts does for the severity.
 */
export function exceedanceOf(evidenceJson: string): { worstMultiple: number; periods: number } {
  const ev = JSON.parse(evidenceJson) as ExceedanceEvidence;
  const limit = Number(ev.rule?.limit);
  const values = (ev.values ?? []).filter((v): v is number => typeof v === 'number');
  const fromValues = limit > 0 && values.length > 0 ? Math.max(...values.map((v) => (v - limit) / limit)) : null;
  return { worstMultiple: Math.max(0, fromValues ?? ev.params?.worstMultiple ?? 0), periods: ev.times?.length ?? ev.params?.periods ?? 1 };
}

export async function gatherRiskInputs(db: Kysely<Schema>, w: RiskWindow): Promise<Map<number, GatheredInputs>> {
  const out = new Map<number, GatheredInputs>();
  for (const e of await db.selectFrom('enterprises').select(['id', 'management_category', 'industry_code', 'created_at']).execute()) {
    out.set(Number(e.id), emptyInputs(e.management_category, e.industry_code));
  }
  const of = (id: number | string): GatheredInputs | undefined => out.get(Number(id));

  // Warnings the bureau dismissed proved nothing; every other state counts.
  const open = db
    .selectFrom('warnings')
    .where('status', '!=', 'dismissed')
    .where('period_to', '>', w.from)
    .where('period_from', '<', w.to);
  for (const r of await open.select(['enterprise_id', 'evidence']).where('kind', '=', 'exceedance').execute()) of(r.enterprise_id)?.exceedances.push(exceedanceOf(r.evidence));
  // Marking findings are counted from the markings themselves (below), not twice.
  for (const r of await open.select(['enterprise_id', 'kind', 'severity']).where('kind', '!=', 'exceedance').where('kind', 'not like', 'marking%').execute()) {
    of(r.enterprise_id)?.findings.push({ kind: r.kind, severity: r.severity });
  }

  // Markings that invalidate data, made in the window and not withdrawn; late = made after the fact or
  // over a span that showed production (issue 4 §3: such a marking is itself a finding).
  const markings = await db
    .selectFrom('markings')
    .select(['enterprise_id', 'late', 'production_seen'])
    .where('invalid', '=', 1)
    .where('withdrawn_at', 'is', null)
    .where('created_at', '>=', w.from)
    .where('created_at', '<', w.to)
    .execute();
  for (const m of markings) {
    const i = of(m.enterprise_id);
    if (i === undefined) continue;
    i.markings.made++;
    if (Number(m.late) === 1 || Number(m.production_seen) === 1) i.markings.late++;
  }

  await addEnforcement(db, w, out);
  await addTransmission(db, w, out);
  return out;
}

/**
 * Penalty decisions (not no-penalty decisions) taken in the two years before the window's end, rectification
 * orders not corrected or overdue, and public tips naming the enterprise received in the window. A penalty is a case whose record's outcome is
 * 'penalty': decided_at alone would also count the exemptions (不予处罚), which are not a violation record.
 */
async function addEnforcement(db: Kysely<Schema>, w: RiskWindow, out: Map<number, GatheredInputs>): Promise<void> {
  for (const i of out.values()) {
    i.penalties = 0;
    i.tips = 0;
  }
  const decided = await db
    .selectFrom('cases')
    .select(['enterprise_id', 'record'])
    .where('decided_at', 'is not', null)
    .where('decided_at', '>=', w.to - PENALTY_YEARS_MS)
    .where('decided_at', '<', w.to)
    .execute();
  for (const c of decided) {
    const i = out.get(Number(c.enterprise_id));
    if (i !== undefined && (JSON.parse(c.record) as { outcome?: string }).outcome === 'penalty') i.penalties = (i.penalties ?? 0) + 1;
  }
  // The rectification record: orders found not corrected at re-inspection in the two years, and orders still
  // open past their deadline at the window's end.
  const rectifications = await db
    .selectFrom('rectifications')
    .select(['enterprise_id', 'status', 'deadline_at', 'closed_at'])
    .where((eb) => eb.or([
      eb.and([eb('status', '=', 'not_corrected'), eb('closed_at', '>=', w.to - PENALTY_YEARS_MS), eb('closed_at', '<', w.to)]),
      eb.and([eb('status', 'in', ['open', 'proof_submitted', 'reinspecting']), eb('deadline_at', '<', w.to)]),
    ]))
    .execute();
  for (const i of out.values()) i.rectification = 0;
  for (const r of rectifications) {
    const i = out.get(Number(r.enterprise_id));
    if (i !== undefined) i.rectification = (i.rectification ?? 0) + 1;
  }
  const tips = await db
    .selectFrom('tips')
    .select((eb) => ['enterprise_id', eb.fn.countAll<number | string>().as('n')])
    .where('enterprise_id', 'is not', null)
    .where('received_at', '>=', w.from)
    .where('received_at', '<', w.to)
    .groupBy('enterprise_id')
    .execute();
  for (const t of tips) {
    const i = out.get(Number(t.enterprise_id));
    if (i !== undefined) i.tips = Number(t.n);
  }
}

/**
 * Transmission per enterprise over [transmissionFrom, to): one minute frame due per active point and
 * minute, counted from the later of the window start, the enterprise's registration and the point's first
 * frame ever (a logger installed mid-window owes nothing before it); on time = stored within `lateMs` of
 * the minute's end. A point that has never sent a frame is reported as silent and left out of the rate: at
 * start-up nothing has arrived yet, and a never-connected logger is the registry's and the devices page's
 * concern (the monthly notification counts it from registration).
 */
async function addTransmission(db: Kysely<Schema>, w: RiskWindow, out: Map<number, GatheredInputs>): Promise<void> {
  if (w.to <= w.transmissionFrom) return;
  const points = await db
    .selectFrom('monitoring_points as p')
    .innerJoin('outlets as o', 'o.id', 'p.outlet_id')
    .innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
    .select(['p.id', 'e.id as enterprise_id', 'e.created_at'])
    .where('p.active', '=', 1)
    .orderBy('p.id')
    .execute();
  for (let i = 0; i < points.length; i += POINTS_PER_QUERY) {
    const chunk = points.slice(i, i + POINTS_PER_QUERY);
    const counts = await db
      .selectFrom('readings')
      .select((eb) => [
        'point_id',
        eb.fn.countAll<number | string>().as('n'),
        eb.fn.min('period_start').as('first'),
        eb.fn.sum<number | string>(eb.case().when('received_at', '<=', eb('period_start', '+', MINUTE + w.lateMs)).then(1).else(0).end()).as('on_time'),
      ])
      .where('point_id', 'in', chunk.map((p) => Number(p.id)))
      .where('period_kind', '=', 'min')
      .where('period_start', '>=', w.transmissionFrom)
      .where('period_start', '<', w.to)
      .groupBy('point_id')
      .execute();
    const byPoint = new Map(counts.map((c) => [Number(c.point_id), { onTime: Number(c.on_time ?? 0), first: Number(c.first) }]));
    for (const p of chunk) {
      const inputs = out.get(Number(p.enterprise_id));
      if (inputs === undefined) continue;
      const seen = byPoint.get(Number(p.id));
      let since = Math.max(w.transmissionFrom, Math.ceil(Number(p.created_at) / MINUTE) * MINUTE);
      // Nothing in the window, or a first frame after its start: did the logger send anything before it?
      if (seen === undefined || seen.first > since) {
        const before = await db.selectFrom('readings').select('period_start').where('point_id', '=', Number(p.id)).where('period_kind', '=', 'min').where('period_start', '<', w.transmissionFrom).limit(1).executeTakeFirst();
        if (before === undefined) {
          if (seen === undefined) {
            inputs.silentPoints++;
            continue;
          }
          since = Math.max(since, seen.first);
        }
      }
      const expected = Math.max(0, Math.floor((w.to - since) / MINUTE));
      const t = (inputs.transmission ??= { expected: 0, onTime: 0 });
      t.expected += expected;
      t.onTime += Math.min(seen?.onTime ?? 0, expected);
    }
    await new Promise((r) => setImmediate(r));
  }
}
