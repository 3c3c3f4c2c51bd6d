// Warnings: the inbox (scoped, filtered, exportable), one warning with its evidence, the bureau's decision
// (confirm or dismiss, a reason required) and the enterprise's answer. Every change is audited.
import { sql } from 'kysely';
import { z } from 'zod';
import { listPageSchema, warningDetailSchema, warningSchema, warningStatusSchema, type Warning, type WarningDetail, type WarningEvidence } from '@ecoenforce/contract';
import { factorInfo } from '@ecoenforce/hj212';
import { recordAudit } from '../../platform/audit.ts';
import { EXPORT_MAX_ROWS, sendExport } from '../../http/export.ts';
import { beijingMinute, factorLabel, SEVERITY_ZH, unitZh, WARNING_STATUS_ZH, zhOf } from '../../platform/export-labels.ts';
import { WARNING_KIND_ZH } from '../warning-kinds.ts';
import { ApiError, notFound } from '../../platform/errors.ts';
import { dateRange, decodeCursor, inScope, listQuery, matchesAny, offsetMode, page, pageQuery, sortParam } from '../../access/index.ts';
import { actorOf } from '../../accounts/index.ts';
import type { RouteContext } from '../../http/routes.ts';

// The export (issue 14 §6): Chinese headers and values as the console shows them, times in Beijing time,
// the stored English message replaced by a Chinese sentence from the warning's fields.
const COLUMNS = [
  { key: 'id', header: '预警编号' }, { key: 'enterpriseName', header: '单位' }, { key: 'outletCode', header: '排放口' }, { key: 'mn', header: 'MN' },
  { key: 'kind', header: '预警类型' }, { key: 'factor', header: '监测因子' }, { key: 'severity', header: '级别' }, { key: 'status', header: '状态' },
  { key: 'from', header: '开始时间' }, { key: 'to', header: '结束时间' }, { key: 'summary', header: '说明' },
];
/** zh.ts warningSummary.basis. */
const BASIS_ZH: Readonly<Record<string, string>> = { hourly: '小时', daily: '日均', '24h_composite': '24小时混合样', instant: '瞬时' };

/**
 * The warning in one Chinese sentence (the stored message is English, exceedanceMessage in the domain):
 * an exceedance as the console's summary (WarningDetail.tsx exceedanceSummary), any other kind by its name,
 * factor and span.
 */
function summaryZh(w: Warning, evidence: WarningEvidence): string {
  const info = w.factor === null ? undefined : factorInfo(w.factor);
  const factor = w.factor === null ? '' : (info?.nameZh ?? w.factor);
  const rule = evidence.rule;
  if (w.kind === 'exceedance' && rule !== undefined && typeof rule.limit === 'number' && rule.limit > 0 && typeof rule.basis === 'string' && typeof rule.unit === 'string') {
    const limit = rule.limit;
    const over = (evidence.values ?? []).filter((v): v is number => typeof v === 'number' && v > limit);
    if (over.length > 0) {
      const daily = (w.to - w.from) / Math.max(1, evidence.times.length) >= 86_400_000;
      return `${factor} 超过${BASIS_ZH[rule.basis] ?? ''}排放限值 ${limit} ${unitZh(rule.unit)}，持续 ${over.length} ${daily ? '天' : '小时'}，最高为限值的 ${(Math.max(...over) / limit).toFixed(2)} 倍`;
    }
  }
  return `${factor}${zhOf(WARNING_KIND_ZH, w.kind)}（${beijingMinute(w.from)} 至 ${beijingMinute(w.to)}）`;
}
const id = z.object({ id: z.coerce.number().int().positive() });

export function warningRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;
  const base = () =>
    db
      .selectFrom('warnings as w')
      .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
      .innerJoin('monitoring_points as p', 'p.id', 'w.point_id')
      .innerJoin('outlets as o', 'o.id', 'p.outlet_id')
      .select([
        'w.id', 'w.point_id', 'p.mn', 'w.enterprise_id', 'e.name as enterprise_name', 'o.code as outlet_code', 'w.region_code', 'w.kind', 'w.factor', 'w.severity', 'w.status',
        'w.period_from', 'w.period_to', 'w.message', 'w.created_at', 'w.updated_at', 'w.decision_reason', 'w.answer', 'w.evidence',
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
  const toWarning = (r: Row): Warning => {
    const info = r.factor === null ? undefined : factorInfo(r.factor);
    return {
      id: Number(r.id), pointId: Number(r.point_id), mn: r.mn, enterpriseId: Number(r.enterprise_id), enterpriseName: r.enterprise_name, outletCode: r.outlet_code,
      regionCode: r.region_code, kind: r.kind, factor: r.factor, factorName: info?.nameZh ?? null, factorNameEn: info?.nameEn ?? null,
      severity: r.severity, status: r.status, from: r.period_from, to: r.period_to, message: r.message,
      createdAt: r.created_at, updatedAt: r.updated_at, decisionReason: r.decision_reason, answer: r.answer,
    };
  };

  // The sort keys a client may name, each this list's own SQL (issue 14); ties fall back to the id.
  const SORTS = {
    raised: sql`w.created_at`, period: sql`w.period_from`, enterprise: sql`e.name`, kind: sql`w.kind`, status: sql`w.status`, id: sql`w.id`,
    severity: sql`case w.severity when 'high' then 3 when 'medium' then 2 else 1 end`,
  } as const;
  const sortKeys = Object.keys(SORTS) as [keyof typeof SORTS, ...Array<keyof typeof SORTS>];

  app.get(
    '/api/warnings',
    {
      config: { access: { permission: 'monitoring.read' } },
      schema: {
        tags: ['warnings'],
        description: 'The warnings in the caller\'s scope, newest first. Filters: status, kind, severity, pointId, enterpriseId; q searches the enterprise name, the outlet code and the MN (case-insensitive substring); from/to are Beijing dates (YYYY-MM-DD, both included) of when the warning was raised. sort (raised, period, enterprise, kind, severity, status, id) with order (asc|desc, default desc) or offset pages by offset; otherwise cursor pages newest first. total counts every matching warning. format=csv|xlsx exports the whole filtered list in that order.',
        querystring: z.object({
          ...pageQuery, ...listQuery, sort: sortParam(sortKeys), status: warningStatusSchema.optional(), kind: z.string().max(40).optional(), severity: z.enum(['low', 'medium', 'high']).optional(),
          pointId: z.coerce.number().int().positive().optional(), enterpriseId: z.coerce.number().int().positive().optional(), format: z.enum(['json', 'csv', 'xlsx']).default('json'),
        }),
        response: { 200: listPageSchema(warningSchema) },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const byOffset = offsetMode(q);
      const range = dateRange(q.from, q.to);
      let query = inScope(base(), req.scope!);
      if (q.status !== undefined) query = query.where('w.status', '=', q.status);
      if (q.kind !== undefined) query = query.where('w.kind', '=', q.kind);
      if (q.severity !== undefined) query = query.where('w.severity', '=', q.severity);
      if (q.pointId !== undefined) query = query.where('w.point_id', '=', q.pointId);
      if (q.enterpriseId !== undefined) query = query.where('w.enterprise_id', '=', q.enterpriseId);
      if (q.q !== undefined && q.q !== '') query = query.where(matchesAny([sql.ref('e.name'), sql.ref('o.code'), sql.ref('p.mn')], q.q));
      if (range.fromAt !== undefined) query = query.where('w.created_at', '>=', range.fromAt);
      if (range.toAt !== undefined) query = query.where('w.created_at', '<', range.toAt);
      const dir = q.order ?? 'desc';
      const ordered = (x: typeof query) => x.orderBy(SORTS[q.sort ?? 'id'], dir).orderBy('w.id', dir);
      if (q.format !== 'json') {
        const rows = (await ordered(query).limit(EXPORT_MAX_ROWS).execute()).map((r) => ({ w: toWarning(r), evidence: JSON.parse(r.evidence) as WarningEvidence }));
        return sendExport(reply, q.format, 'warnings', COLUMNS, rows.map(({ w, evidence }) => ({
          id: w.id, enterpriseName: w.enterpriseName, outletCode: w.outletCode, mn: w.mn, kind: zhOf(WARNING_KIND_ZH, w.kind),
          factor: factorLabel(w.factor, w.factor === null ? undefined : factorInfo(w.factor)), severity: zhOf(SEVERITY_ZH, w.severity), status: zhOf(WARNING_STATUS_ZH, w.status),
          from: beijingMinute(w.from), to: beijingMinute(w.to), summary: summaryZh(w, evidence),
        })), '预警');
      }
      const counted = await query.clearSelect().select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const total = Number(counted.n);
      if (byOffset) {
        const offset = q.offset ?? 0;
        const rows = (await ordered(query).limit(q.limit).offset(offset).execute()).map(toWarning);
        return { items: rows, nextCursor: null, total, offset };
      }
      const before = decodeCursor(q.cursor);
      if (before !== undefined) query = query.where('w.id', '<', before);
      return { ...page((await query.orderBy('w.id', 'desc').limit(q.limit + 1).execute()).map(toWarning), q.limit, (w) => w.id), total, offset: null };
    },
  );

  app.get(
    '/api/warnings/:id',
    {
      config: { access: { permission: 'monitoring.read', resource: 'warning' } },
      schema: { tags: ['warnings'], params: id, response: { 200: warningDetailSchema } },
    },
    async (req): Promise<WarningDetail> => {
      const r = await base().where('w.id', '=', req.params.id).executeTakeFirst();
      if (r === undefined) throw notFound('warning');
      return { ...toWarning(r), evidence: JSON.parse(r.evidence) as WarningEvidence };
    },
  );

  app.post(
    '/api/warnings/:id/decision',
    {
      config: { access: { permission: 'warnings.decide', resource: 'warning' } },
      schema: { tags: ['warnings'], params: id, body: z.object({ decision: z.enum(['confirm', 'dismiss']), reason: z.string().trim().min(2).max(2000) }) },
    },
    async (req) => {
      const now = deps.now();
      const status = req.body.decision === 'confirm' ? 'confirmed' : 'dismissed';
      await db.transaction().execute(async (trx) => {
        const w = await trx.selectFrom('warnings').select(['status', 'decision_reason']).where('id', '=', req.params.id).executeTakeFirstOrThrow();
        if (w.status !== 'new') throw new ApiError('conflict', `the warning is already ${w.status}`);
        await trx.updateTable('warnings').set({ status, decision_reason: req.body.reason, decided_by: req.principal!.userId, updated_at: now }).where('id', '=', req.params.id).execute();
        await recordAudit(trx, { actor: actorOf(req.principal!), action: req.body.decision, entity: 'warning', entityId: req.params.id, before: { status: w.status }, after: { status, reason: req.body.reason }, ip: req.ip, at: now });
      });
      return { ok: true, status };
    },
  );

  app.post(
    '/api/warnings/:id/answer',
    {
      config: { access: { permission: 'warnings.answer', resource: 'warning' } },
      schema: { tags: ['warnings'], params: id, body: z.object({ answer: z.string().trim().min(2).max(5000) }) },
    },
    async (req) => {
      const now = deps.now();
      await db.transaction().execute(async (trx) => {
        const w = await trx.selectFrom('warnings').select(['answer']).where('id', '=', req.params.id).executeTakeFirstOrThrow();
        await trx.updateTable('warnings').set({ answer: req.body.answer, answered_at: now, updated_at: now }).where('id', '=', req.params.id).execute();
        await recordAudit(trx, { actor: actorOf(req.principal!), action: 'answer', entity: 'warning', entityId: req.params.id, before: { answer: w.answer }, after: { answer: req.body.answer }, ip: req.ip, at: now });
      });
      return { ok: true };
    },
  );
}
