// Electricity meters for some demo enterprises (issue 4 §5, treatment off while production runs): every
// other enterprise with a flue-gas outlet gets a meter data logger on its first stack, with one production
// meter (e10001, the production line) and one treatment meter (e20001, that stack's abatement: FGD fans,
// dust collector). Vendor codes, as real meter loggers send them (HJ 212-2017 has none for equipment power;
// simulator/factors.ts). Idempotent like the rest of the seed: keyed by MN and (logger, code).
// Every other one of those enterprises reports its meters through the electricity-monitoring platform's
// feed (POST /api/meter-feed) instead of a logger: each meter is then a point of its own that no logger
// sends to, with the meter's platform id in meters.feed_id, so `npm start` runs both paths.
import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import { recordAudit } from '../platform/audit.ts';
import { API_TOKEN_PREFIX, randomToken, sha256 } from '../accounts/index.ts';
import { pointsRepository } from '../monitoring/index.ts';
import { mulberry32 } from '../simulator/prng.ts';
import type { PlannedEnterprise } from './demo-permits.ts';

export const METER_FACTORS = ['e10001', 'e20001'] as const;

/** The meter logger's MN: the enterprise's point prefix with EM01 in place of the outlet code. */
export const meterMn = (region: string, index: number): string => `GD${region}${String(index + 1).padStart(4, '0')}EM01`.padEnd(24, '0');

/** A fed meter's point: the enterprise's point prefix with EF and the meter's number in place of the outlet code. */
export const feedMeterMn = (region: string, index: number, n: number): string => `GD${region}${String(index + 1).padStart(4, '0')}EF0${n}`.padEnd(24, '0');

/** Whether a demo enterprise with meters reports them by the feed (the others by an HJ 212 meter logger). */
export const fedByFeed = (index: number): boolean => index % 4 === 2;

/** Seeds the meter loggers and their meters; returns the number of loggers (monitoring points). */
export async function seedDemoMeters(trx: Kysely<Schema>, planned: readonly PlannedEnterprise[]): Promise<number> {
  const rand = mulberry32(20261129);
  const points = pointsRepository(trx);
  let loggers = 0;
  for (const e of planned) {
    const stack = e.outlets.find((o) => o.kind === 'air');
    if (stack === undefined || e.index % 2 !== 0) continue;
    // The USCC carries the enterprise's region in characters 3–8 (GB 32100).
    const mn = meterMn(e.uscc.slice(2, 8), e.index);
    const pw = String(Math.floor(rand() * 1e6)).padStart(6, '0');
    if (fedByFeed(e.index)) {
      loggers += await seedFeedMeters(trx, e, stack.id, pw);
      continue;
    }
    await points.insertMany([{ outletId: stack.id, mn, pw, crcVariants: ['hj212'], protocolVersion: '2017', st: '51', factors: METER_FACTORS }]);
    const point = await points.byMn(mn);
    if (point === undefined) continue;
    loggers++;
    await trx
      .insertInto('meters')
      .values([
        { enterprise_id: e.enterpriseId, point_id: point.id, factor: 'e10001', role: 'production', outlet_id: null, name: '生产线总电源', unit: 'kW', running_kw: null },
        { enterprise_id: e.enterpriseId, point_id: point.id, factor: 'e20001', role: 'treatment', outlet_id: stack.id, name: `${stack.code} 治污设施（脱硫脱硝除尘）`, unit: 'kW', running_kw: null },
      ])
      .onConflict((oc) => oc.columns(['point_id', 'factor']).doNothing())
      .execute();
  }
  return loggers;
}

/**
 * The feed's meters of one enterprise: one point per meter (each reading's raw row is then the source of
 * exactly its meter's minute, which the evidence cites). No logger sends to it: the demo's HJ 212 simulator
 * leaves out points only the feed reports (cli/demo.ts). Returns the number of points.
 */
async function seedFeedMeters(trx: Kysely<Schema>, e: PlannedEnterprise, stackId: number, pw: string): Promise<number> {
  const region = e.uscc.slice(2, 8);
  const stack = e.outlets.find((o) => o.id === stackId)!;
  const meters = [
    { factor: 'e10001', role: 'production' as const, outlet_id: null, name: '生产线总电源', feed_id: `${e.uscc}-P01` },
    { factor: 'e20001', role: 'treatment' as const, outlet_id: stackId, name: `${stack.code} 治污设施（脱硫脱硝除尘）`, feed_id: `${e.uscc}-T01` },
  ];
  const points = pointsRepository(trx);
  let n = 0;
  for (const [i, m] of meters.entries()) {
    const mn = feedMeterMn(region, e.index, i + 1);
    await points.insertMany([{ outletId: stackId, mn, pw, crcVariants: ['hj212'], protocolVersion: '2017', st: '51', factors: [m.factor] }]);
    const point = await points.byMn(mn);
    if (point === undefined) continue;
    n++;
    await trx
      .insertInto('meters')
      .values({ enterprise_id: e.enterpriseId, point_id: point.id, unit: 'kW', running_kw: null, ...m })
      .onConflict((oc) => oc.columns(['point_id', 'factor']).doNothing())
      .execute();
  }
  return n;
}

/** Name of the demo's feed token: each demo run revokes the previous one and issues a new one. */
export const DEMO_FEED_TOKEN = 'demo meter feed';

/**
 * An API token for the demo's feed client (role analyst, which holds meters.feed), created by `createdBy` for
 * `regionCode`. Shown only to the process that asked; stored as its SHA-256 like every token.
 */
export async function issueDemoFeedToken(db: Kysely<Schema>, createdBy: number, regionCode: string, now = Date.now()): Promise<string> {
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('api_tokens').set({ revoked_at: now }).where('name', '=', DEMO_FEED_TOKEN).where('revoked_at', 'is', null).execute();
    const row = await trx
      .insertInto('api_tokens')
      .values({
        name: DEMO_FEED_TOKEN, token_hash: sha256(token), prefix: token.slice(0, 8), role: 'analyst', region_code: regionCode, enterprise_id: null,
        created_by: createdBy, created_at: now, expires_at: now + 86_400_000, last_used_at: null, revoked_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: { kind: 'system', id: null, name: 'demo' }, action: 'create', entity: 'api_token', entityId: Number(row.id), after: { name: DEMO_FEED_TOKEN, role: 'analyst', regionCode }, at: now });
  });
  return token;
}
