// The violation-risk score (issue 4 §6b): the ranked, region-scoped list of inspection objects (exportable),
// one enterprise's score with its explanation and history, and the weights (readable; editable by the
// admin, audited, each edit a new version).
import { z } from 'zod';
import type { EnterpriseRisk, RiskList, RiskListItem, RiskWeightsSaved, RiskWeightsView, StoredWeights } from '@ecoenforce/contract';
import { COUNTED_FACTORS, DEFAULT_RISK_WEIGHTS, RISK_FACTORS, type RiskContribution } from '@ecoenforce/domain';
import { computeRiskScores, currentWeights, enterpriseRisk, latestScoredDay, saveWeights, WeightsError } from '../risk.ts';
import { beijingDayStart, DAY } from '../../compliance/index.ts';
import { sendExport } from '../../http/export.ts';
import { CATEGORY_ZH, INDUSTRY_ZH, regionNames, RISK_FACTOR_ZH, RISK_TIER_ZH, zhOf } from '../../platform/export-labels.ts';
import { ApiError } from '../../platform/errors.ts';
import { timeParam, inScope } from '../../access/index.ts';
import { actorOf } from '../../accounts/index.ts';
import type { RouteContext } from '../../http/routes.ts';

const TIER = z.enum(['high', 'medium', 'low']);
const contribution = z.object({
  factor: z.enum(RISK_FACTORS), raw: z.union([z.number(), z.string(), z.null()]), weight: z.number(), points: z.number(), capped: z.boolean(),
  detail: z.record(z.string(), z.union([z.number(), z.string()])), note: z.enum(['source_unavailable', 'no_data_due']).optional(),
});
const item = z.object({
  rank: z.number(), enterpriseId: z.number(), enterpriseName: z.string(), regionCode: z.string(), industry: z.string(), industryCode: z.string().nullable(),
  managementCategory: z.string().nullable(), score: z.number(), tier: TIER, previousScore: z.number().nullable(), weightsVersion: z.number(),
  top: z.array(z.object({ factor: z.enum(RISK_FACTORS), points: z.number() })),
}) satisfies z.ZodType<RiskListItem>;
const perFactor = z.object(Object.fromEntries(COUNTED_FACTORS.map((f) => [f, z.number()])) as Record<(typeof COUNTED_FACTORS)[number], z.ZodNumber>);
const weightsSchema = z.object({
  windowDays: z.number(), transmissionDays: z.number(), transmissionLateMinutes: z.number(), perUnit: perFactor, caps: perFactor,
  severity: z.object({ low: z.number(), medium: z.number(), high: z.number() }), fraudKinds: z.array(z.string().max(60)).max(50),
  category: z.object({ key: z.number(), simplified: z.number(), registration: z.number(), unknown: z.number() }),
  industry: z.array(z.object({ prefix: z.string().max(4), points: z.number(), label: z.string().max(100) })).max(200), industryDefault: z.number(),
  tiers: z.object({ high: z.number(), medium: z.number() }),
});
const storedWeights = z.object({ version: z.number(), weights: weightsSchema, note: z.string(), createdAt: z.number(), createdBy: z.number().nullable() }) satisfies z.ZodType<StoredWeights>;
// The export (issue 14 §6): Chinese headers and values, the region and industry by name.
const COLUMNS = [
  { key: 'rank', header: '排名' }, { key: 'enterpriseName', header: '单位' }, { key: 'region', header: '行政区划' },
  { key: 'industry', header: '行业' }, { key: 'managementCategory', header: '管理类别' }, { key: 'score', header: '风险分' },
  { key: 'tier', header: '风险等级' }, { key: 'change', header: '较前一日' }, { key: 'topText', header: '主要因素（得分）' },
];

/** The three largest contributions that are not static (category, industry come last in every list). */
function topOf(contributions: readonly RiskContribution[]): Array<{ factor: RiskContribution['factor']; points: number }> {
  return contributions
    .filter((c) => c.points > 0 && c.factor !== 'category' && c.factor !== 'industry')
    .sort((a, b) => b.points - a.points)
    .slice(0, 3)
    .map((c) => ({ factor: c.factor, points: c.points }));
}

export function riskRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;

  app.get(
    '/api/risk',
    {
      config: { access: { permission: 'monitoring.read' } },
      schema: {
        tags: ['risk'],
        description: 'The dynamic list of inspection objects: every enterprise in scope ranked by its violation-risk score of the day (the latest scored day by default)',
        querystring: z.object({ day: timeParam.optional(), tier: TIER.optional(), limit: z.coerce.number().int().min(1).max(10_000).default(500), format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
        response: { 200: z.object({ day: z.number().nullable(), counts: z.object({ high: z.number(), medium: z.number(), low: z.number() }), total: z.number(), items: z.array(item) }) satisfies z.ZodType<RiskList> },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const day = await latestScoredDay(db, beijingDayStart(q.day ?? deps.now()));
      const scores = (d: number) =>
        inScope(
          db
            .selectFrom('risk_scores as s')
            .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
            .select(['e.id', 'e.name', 'e.region_code', 'e.industry', 'e.industry_code', 'e.management_category', 's.score', 's.tier', 's.contributions', 's.weights_version'])
            .where('s.day_start', '=', d),
          req.scope!,
        );
      const rows = day === null ? [] : await scores(day).orderBy('s.score', 'desc').orderBy('e.id').execute();
      const previous = day === null ? new Map<number, number>() : new Map((await scores(day - DAY).execute()).map((r) => [Number(r.id), r.score]));
      const counts = { high: 0, medium: 0, low: 0 };
      const ranked = rows.map((r, i): RiskListItem => {
        counts[r.tier]++;
        return {
          rank: i + 1, enterpriseId: Number(r.id), enterpriseName: r.name, regionCode: r.region_code, industry: r.industry, industryCode: r.industry_code,
          managementCategory: r.management_category, score: r.score, tier: r.tier, previousScore: previous.get(Number(r.id)) ?? null, weightsVersion: Number(r.weights_version),
          top: topOf(JSON.parse(r.contributions) as RiskContribution[]),
        };
      });
      const items = ranked.filter((r) => q.tier === undefined || r.tier === q.tier).slice(0, q.limit);
      if (q.format !== 'json') {
        const regions = await regionNames(db, items.map((r) => r.regionCode));
        return sendExport(reply, q.format, 'risk', COLUMNS, items.map((r) => ({
          rank: r.rank, enterpriseName: r.enterpriseName, region: regions.get(r.regionCode) ?? r.regionCode, industry: zhOf(INDUSTRY_ZH, r.industry),
          managementCategory: zhOf(CATEGORY_ZH, r.managementCategory), score: r.score, tier: zhOf(RISK_TIER_ZH, r.tier),
          change: r.previousScore === null ? '' : Math.round((r.score - r.previousScore) * 10) / 10, topText: r.top.map((t) => `${zhOf(RISK_FACTOR_ZH, t.factor)} ${t.points}`).join('；'),
        })), '风险名录');
      }
      const list: RiskList = { day, counts, total: ranked.length, items };
      return list;
    },
  );

  app.get(
    '/api/enterprises/:id/risk',
    {
      config: { access: { permission: 'monitoring.read', resource: 'enterprise' } },
      schema: {
        tags: ['risk'],
        description: "The enterprise's latest risk score with the contributions that make it up, and its daily history (90 days)",
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: {
          200: z.object({
            current: z.object({ day: z.number(), score: z.number(), tier: TIER, weightsVersion: z.number(), contributions: z.array(contribution), windowFrom: z.number(), windowTo: z.number(), computedAt: z.number() }).nullable(),
            history: z.array(z.object({ day: z.number(), score: z.number(), tier: TIER })),
          }) satisfies z.ZodType<EnterpriseRisk>,
        },
      },
    },
    async (req): Promise<EnterpriseRisk> => enterpriseRisk(db, req.params.id, beijingDayStart(deps.now())),
  );

  app.get(
    '/api/risk/weights',
    {
      config: { access: { permission: 'monitoring.read' } },
      schema: { tags: ['risk'], description: 'The risk-score weights in force, their version, and the defaults', response: { 200: storedWeights.extend({ defaults: weightsSchema }) } },
    },
    async (): Promise<RiskWeightsView> => ({ ...(await currentWeights(db, deps.now())), defaults: DEFAULT_RISK_WEIGHTS }),
  );

  app.put(
    '/api/risk/weights',
    {
      config: { access: { permission: 'rules.write' } },
      schema: {
        tags: ['risk'],
        description: "Stores new weights as the next version (audited); with recompute, today's scores are computed again with them",
        body: z.object({ weights: weightsSchema, note: z.string().trim().min(2).max(500), recompute: z.boolean().default(false) }),
        response: { 200: storedWeights.extend({ recomputed: z.number().nullable() }) },
      },
    },
    async (req) => {
      const now = deps.now();
      try {
        const saved = await saveWeights(db, req.body.weights, req.body.note, { ...actorOf(req.principal!), userId: req.principal!.userId }, req.ip, now);
        const recomputed = req.body.recompute ? (await computeRiskScores(db, now)).enterprises : null;
        const answer: RiskWeightsSaved = { ...saved, recomputed };
        return answer;
      } catch (err) {
        if (err instanceof WeightsError) throw new ApiError('bad_request', 'invalid risk weights', err.problems.map((message) => ({ path: '/weights', message })));
        throw err;
      }
    },
  );
}
