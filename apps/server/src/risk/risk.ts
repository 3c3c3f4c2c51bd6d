// The violation-risk score (issue 4 §6b), stored: the weights in force (versioned rows; the defaults are
// seeded on first use), the daily computation of every enterprise's score with its contributions, and the
// reads the API and the console need. A stored score names the weights version and the data window it used,
// so any score can be recomputed and checked.
import type { Kysely } from 'kysely';
import type { EnterpriseRisk, StoredWeights } from '@ecoenforce/contract';
import { DEFAULT_RISK_WEIGHTS, scoreRisk, weightsProblems, type RiskContribution, type RiskTier, type RiskWeights } from '@ecoenforce/domain';
import { recordAudit, type AuditActor } from '../platform/audit.ts';
import type { Schema } from '../platform/db/schema.ts';
import { beijingDayStart, DAY, HOUR } from '../compliance/index.ts';
import { gatherRiskInputs, type RiskWindow } from './risk-inputs.ts';

/** The job name in job_runs. */
export const RISK_JOB = 'risk-score';
/** Score rows per multi-row upsert: 10 columns × 200 rows stays under both dialects' parameter limits. */
const ROWS_PER_STATEMENT = 200;

export class WeightsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid risk weights: ${problems.join('; ')}`);
  }
}

/** The newest weights; seeds the defaults as version 1 when there are none yet. */
export async function currentWeights(db: Kysely<Schema>, now: number): Promise<StoredWeights> {
  const latest = async () => db.selectFrom('risk_weights').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
  let row = await latest();
  if (row === undefined) {
    // Two processes may seed at once: the primary key lets one win, and both read the winner.
    await db
      .insertInto('risk_weights')
      .values({ version: 1, weights: JSON.stringify(DEFAULT_RISK_WEIGHTS), note: 'defaults', created_at: now, created_by: null })
      .onConflict((oc) => oc.column('version').doNothing())
      .execute();
    row = (await latest())!;
  }
  return { version: Number(row.version), weights: JSON.parse(row.weights) as RiskWeights, note: row.note, createdAt: Number(row.created_at), createdBy: row.created_by };
}

/** Stores edited weights as the next version, audited in the same transaction; rejects invalid ones. */
export async function saveWeights(db: Kysely<Schema>, weights: RiskWeights, note: string, actor: AuditActor & { userId: number | null }, ip: string | null, now: number): Promise<StoredWeights> {
  const problems = weightsProblems(weights);
  if (problems.length > 0) throw new WeightsError(problems);
  const before = await currentWeights(db, now);
  return db.transaction().execute(async (trx) => {
    const top = await trx.selectFrom('risk_weights').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
    const version = Number(top?.v ?? 0) + 1;
    await trx.insertInto('risk_weights').values({ version, weights: JSON.stringify(weights), note, created_at: now, created_by: actor.userId }).execute();
    await recordAudit(trx, { actor, action: 'update', entity: 'risk_weights', entityId: version, before: { version: before.version, weights: before.weights }, after: { version, weights, note }, ip, at: now });
    return { version, weights, note, createdAt: now, createdBy: actor.userId };
  });
}

/** The data window of a score computed at `now`: whole hours only (the current hour is still arriving). */
export function riskWindow(now: number, w: RiskWeights): RiskWindow {
  const to = now - (now % HOUR);
  return { from: to - w.windowDays * DAY, to, transmissionFrom: to - w.transmissionDays * DAY, lateMs: w.transmissionLateMinutes * 60_000 };
}

/** Scores every enterprise for the Beijing day holding `now` and stores them (replacing that day's). */
export async function computeRiskScores(db: Kysely<Schema>, now: number): Promise<{ dayStart: number; enterprises: number; weightsVersion: number; tiers: Record<RiskTier, number> }> {
  const dayStart = beijingDayStart(now);
  const { version, weights } = await currentWeights(db, now);
  const window = riskWindow(now, weights);
  const inputs = await gatherRiskInputs(db, window);
  const tiers: Record<RiskTier, number> = { high: 0, medium: 0, low: 0 };
  const rows = [...inputs].map(([enterpriseId, i]) => {
    const s = scoreRisk(i, weights);
    tiers[s.tier]++;
    // The silent points are part of the explanation of the transmission line.
    const contributions = s.contributions.map((c) => (c.factor === 'transmission' && i.silentPoints > 0 ? { ...c, detail: { ...c.detail, silentPoints: i.silentPoints } } : c));
    return {
      enterprise_id: enterpriseId, day_start: dayStart, score: s.score, tier: s.tier, weights_version: version, contributions: JSON.stringify(contributions),
      window_from: window.from, window_to: window.to, computed_at: now,
    };
  });
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      await trx
        .insertInto('risk_scores')
        .values(rows.slice(i, i + ROWS_PER_STATEMENT))
        .onConflict((oc) =>
          oc.columns(['enterprise_id', 'day_start']).doUpdateSet((eb) => ({
            score: eb.ref('excluded.score'), tier: eb.ref('excluded.tier'), weights_version: eb.ref('excluded.weights_version'), contributions: eb.ref('excluded.contributions'),
            window_from: eb.ref('excluded.window_from'), window_to: eb.ref('excluded.window_to'), computed_at: eb.ref('excluded.computed_at'),
          })),
        )
        .execute();
    }
  });
  return { dayStart, enterprises: rows.length, weightsVersion: version, tiers };
}

/** The latest day with stored scores at or before `at`; null when none. */
export async function latestScoredDay(db: Kysely<Schema>, at: number): Promise<number | null> {
  const r = await db.selectFrom('risk_scores').select((eb) => eb.fn.max('day_start').as('d')).where('day_start', '<=', at).executeTakeFirst();
  return r?.d === null || r?.d === undefined ? null : Number(r.d);
}

/** An enterprise's latest score with its explanation and its daily history (oldest first). */
export async function enterpriseRisk(db: Kysely<Schema>, enterpriseId: number, at: number, historyDays = 90): Promise<EnterpriseRisk> {
  const rows = await db
    .selectFrom('risk_scores')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('day_start', '<=', at)
    .where('day_start', '>', at - historyDays * DAY)
    .orderBy('day_start')
    .execute();
  const last = rows.at(-1);
  return {
    current: last === undefined ? null : {
      day: Number(last.day_start), score: last.score, tier: last.tier, weightsVersion: Number(last.weights_version), contributions: JSON.parse(last.contributions) as RiskContribution[],
      windowFrom: Number(last.window_from), windowTo: Number(last.window_to), computedAt: Number(last.computed_at),
    },
    history: rows.map((r) => ({ day: Number(r.day_start), score: r.score, tier: r.tier })),
  };
}

/** The daily job that scores every enterprise (scheduled by platform/daily-jobs.ts). */
export function riskJob(db: Kysely<Schema>): { name: string; run(dayStart: number, now: number): Promise<string> } {
  return { name: RISK_JOB, run: async (_day, now) => JSON.stringify(await computeRiskScores(db, now)) };
}
