// Enterprise data markings (issue 4 §3, the 2022 marking rules). A marking made more than the allowed
// lateness after its span started, or over a span whose readings show production (flow; or, for a marking
// claiming the unit stood still, the production electricity meters: marking-meters.ts), is itself a finding when it would invalidate data: it is stored as made and a warning is raised beside it. Markings
// are never deleted; withdrawn ones no longer count. The exceedance judgement reads them via `markingsOver`.
import type { Kysely } from 'kysely';
import type { Marking } from '@ecoenforce/domain';
import { recordAudit } from '../platform/audit.ts';
import type { Schema } from '../platform/db/schema.ts';
import { readingsRepository } from '../monitoring/index.ts';
import { assessMeters, NOT_PRODUCING_KINDS, type MeterAssessment, type MeterRules } from './marking-meters.ts';

export interface MarkingRules extends MeterRules {
  /** A marking made more than this long after its span started is late (ms). */
  latenessMs: number;
  /** Flow above this (a00000 m³/s or w00000 L/s) in a minute means production. */
  flowThreshold: number;
  /** This many producing minutes in the span (flow, or production meters running) make the marking cover production. */
  productionMinutes: number;
  /** Marking kinds that claim production stood still, judged against the production meters too. */
  notProducingKinds: readonly string[];
}

// Meters: running above 30 % of the registered running power (the treatment-off detector's productionOnFraction),
// or above 10 kW where none is registered (see MeterRules).
export const DEFAULT_MARKING_RULES: MarkingRules = {
  latenessMs: 3600_000, flowThreshold: 0.5, productionMinutes: 10, notProducingKinds: NOT_PRODUCING_KINDS, meterRunningFraction: 0.3, meterRunningKw: 10,
};

export const FLOW_FACTORS = ['a00000', 'w00000'] as const;

/** Minutes cap of one marking's span (31 days) — also the readings read to check it. */
const MAX_MINUTES = 31 * 24 * 60;
/** Evidence keeps at most this many producing minutes (and their count). */
const EVIDENCE_MAX = 120;

export interface Assessment {
  late: boolean;
  lateByMs: number;
  productionSeen: boolean;
  /** Producing minutes: their starts and flow values (at most EVIDENCE_MAX), and how many there were. */
  producing: { times: number[]; values: number[]; factors: string[]; count: number };
  /** The enterprise's production meters over the span (empty without meters). */
  meters: MeterAssessment;
  /** Production meters ran at least productionMinutes minutes (whatever the kind: see metersContradict). */
  metersRunning: boolean;
}

/** Whether a marking of `kind` is contradicted by the production meters of its assessment. */
export function metersContradict(kind: string, a: Assessment, rules: MarkingRules = DEFAULT_MARKING_RULES): boolean {
  return a.metersRunning && rules.notProducingKinds.includes(kind);
}

/**
 * What the platform finds about a marking of [from, to) made at `now`. With its `kind`, productionSeen also
 * counts production meters running under a not-producing claim; without it, raiseMarkingFindings (which
 * knows the kind) still raises the meter finding and marks the stored marking production_seen.
 */
export async function assessMarking(db: Kysely<Schema>, pointId: number, from: number, to: number, now: number, rules: MarkingRules = DEFAULT_MARKING_RULES, kind?: string): Promise<Assessment> {
  const lateByMs = now - from;
  const producing: Assessment['producing'] = { times: [], values: [], factors: [], count: 0 };
  const rows = await readingsRepository(db).list({ pointId, periodKind: 'min', from, to, limit: MAX_MINUTES + 60 });
  for (const r of rows) {
    let best: { code: string; value: number } | undefined;
    for (const f of r.factors) {
      const code = f.code2017 || f.code;
      if (!(FLOW_FACTORS as readonly string[]).includes(code)) continue;
      const v = f.avg ?? f.rtd;
      if (v !== undefined && v !== null && v > rules.flowThreshold && (best === undefined || v > best.value)) best = { code, value: v };
    }
    if (best === undefined) continue;
    producing.count++;
    if (producing.times.length < EVIDENCE_MAX) {
      producing.times.push(r.periodStart);
      producing.values.push(best.value);
      producing.factors.push(best.code);
    }
  }
  const meters = await assessMeters(db, pointId, from, to, rules);
  const a: Assessment = { late: lateByMs > rules.latenessMs, lateByMs, productionSeen: producing.count >= rules.productionMinutes, producing, meters, metersRunning: meters.count >= rules.productionMinutes };
  if (kind !== undefined && metersContradict(kind, a, rules)) a.productionSeen = true;
  return a;
}

export interface MarkedSpan {
  id: number;
  pointId: number;
  enterpriseId: number;
  regionCode: string;
  kind: string;
  from: number;
  to: number;
  createdAt: number;
}

/**
 * Raises the marking's own findings (late, covers production) as warnings, audited, in the caller's
 * transaction. Only for invalid-type markings: a marking that invalidates nothing hides nothing.
 */
export async function raiseMarkingFindings(trx: Kysely<Schema>, m: MarkedSpan, a: Assessment, rules: MarkingRules = DEFAULT_MARKING_RULES): Promise<number[]> {
  const findings: Array<{ kind: string; message: string; evidence: Record<string, unknown> }> = [];
  const base = { markingId: m.id, markingKind: m.kind, spanFrom: m.from, spanTo: m.to, markedAt: m.createdAt };
  if (a.late) {
    findings.push({
      kind: 'marking_late',
      message: `Data span marked ${Math.round(a.lateByMs / 60_000)} min after it started (allowed ${Math.round(rules.latenessMs / 60_000)} min)`,
      evidence: { ...base, times: [m.from, m.createdAt], params: { markingId: m.id, latenessMs: rules.latenessMs, lateByMs: a.lateByMs } },
    });
  }
  const flowSeen = a.producing.count >= rules.productionMinutes;
  const meterSeen = metersContradict(m.kind, a, rules);
  if (flowSeen || meterSeen) {
    // One finding whatever proves it; times/values/factors are the flow minutes, else the meter minutes.
    const shown = flowSeen ? a.producing : { times: a.meters.times, values: a.meters.values, factors: a.meters.meters };
    const why = [
      ...(flowSeen ? [`flow above ${rules.flowThreshold} in ${a.producing.count} minutes`] : []),
      ...(meterSeen ? [`production meters running in ${a.meters.count} minutes (${a.meters.byMeter.filter((x) => x.minutes > 0).map((x) => `${x.code} ${x.name}`).join(', ')})`] : []),
    ];
    findings.push({
      kind: 'marking_covers_production',
      message: `Marked span shows production: ${why.join('; ')}`,
      evidence: {
        ...base, times: shown.times, values: shown.values, factors: shown.factors,
        ...(meterSeen ? { frameIds: a.meters.frameIds, meters: a.meters } : {}),
        params: {
          markingId: m.id, flowThreshold: rules.flowThreshold, productionMinutes: rules.productionMinutes, producingMinutes: a.producing.count,
          ...(meterSeen ? { meterRunningFraction: rules.meterRunningFraction, meterRunningKw: rules.meterRunningKw, meterRunningMinutes: a.meters.count } : {}),
        },
      },
    });
    // The caller assessed without the kind: the stored marking still says what was found.
    if (!a.productionSeen) await trx.updateTable('markings').set({ production_seen: 1 }).where('id', '=', m.id).execute();
  }
  const ids: number[] = [];
  for (const f of findings) {
    const row = await trx
      .insertInto('warnings')
      .values({
        point_id: m.pointId, enterprise_id: m.enterpriseId, region_code: m.regionCode, kind: f.kind, factor: null, severity: 'medium', status: 'new',
        period_from: m.from, period_to: m.to, message: f.message, evidence: JSON.stringify(f.evidence), created_at: m.createdAt, updated_at: m.createdAt,
        decided_by: null, decision_reason: null, answer: null, answered_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    ids.push(id);
    await recordAudit(trx, {
      actor: { kind: 'system', id: null, name: 'markings' }, action: 'create', entity: 'warning', entityId: id,
      after: { pointId: m.pointId, kind: f.kind, markingId: m.id, from: m.from, to: m.to, severity: 'medium' }, at: m.createdAt,
    });
  }
  return ids;
}

/** The point's markings in force (not withdrawn) that overlap [from, to), for the exceedance judgement. */
export async function markingsOver(db: Kysely<Schema>, pointId: number, from: number, to: number): Promise<Marking[]> {
  const rows = await db
    .selectFrom('markings')
    .select(['kind', 'invalid', 'span_from', 'span_to'])
    .where('point_id', '=', pointId)
    .where('withdrawn_at', 'is', null)
    .where('span_from', '<', to)
    .where('span_to', '>', from)
    .execute();
  return rows.map((r) => ({ from: Number(r.span_from), to: Number(r.span_to), kind: r.kind, invalid: Number(r.invalid) === 1 }));
}
