// Enterprise data markings (issue 4 §3, the 2022 marking rules). A marking made more than the allowed
// lateness after its span started, or over a span whose readings show production (flow), is itself a
// finding when it would invalidate data: it is stored as made and a warning is raised beside it. Markings
// are never deleted; withdrawn ones no longer count. The exceedance judgement reads them via `markingsOver`.
import type { Kysely } from 'kysely';
import type { Marking } from '@ecoenforce/domain';
import { recordAudit } from '../audit/audit.ts';
import type { Schema } from '../db/schema.ts';
import { readingsRepository } from '../repositories/readings.ts';

export interface MarkingRules {
  /** A marking made more than this long after its span started is late (ms). */
  latenessMs: number;
  /** Flow above this (a00000 m³/s or w00000 L/s) in a minute means production. */
  flowThreshold: number;
  /** This many producing minutes in the span make the marking cover production. */
  productionMinutes: number;
}

export const DEFAULT_MARKING_RULES: MarkingRules = { latenessMs: 3600_000, flowThreshold: 0.5, productionMinutes: 10 };

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
}

/** What the platform finds about a marking of [from, to) made at `now`. */
export async function assessMarking(db: Kysely<Schema>, pointId: number, from: number, to: number, now: number, rules: MarkingRules = DEFAULT_MARKING_RULES): Promise<Assessment> {
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
  return { late: lateByMs > rules.latenessMs, lateByMs, productionSeen: producing.count >= rules.productionMinutes, producing };
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
  if (a.productionSeen) {
    findings.push({
      kind: 'marking_covers_production',
      message: `Marked span shows production: flow above ${rules.flowThreshold} in ${a.producing.count} minutes`,
      evidence: {
        ...base, times: a.producing.times, values: a.producing.values, factors: a.producing.factors,
        params: { markingId: m.id, flowThreshold: rules.flowThreshold, productionMinutes: rules.productionMinutes, producingMinutes: a.producing.count },
      },
    });
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
