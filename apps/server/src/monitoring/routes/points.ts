// Monitoring points: list and map, one point with its latest values, its time series, its raw frames, and
// the device status list.
import { z } from 'zod';
import { factorInfo } from '@ecoenforce/hj212';
import { regionPrefix, type Scope, decodeCursor, page, pageQuery, timeParam } from '../../access/index.ts';
import { EXPORT_MAX_ROWS, sendExport } from '../../http/export.ts';
import { beijingMinute, CRC_VARIANT_ZH, OUTLET_KIND_ZH, POINT_STATUS_ZH, regionNames, zhOf } from '../../platform/export-labels.ts';
import { ApiError, notFound } from '../../platform/errors.ts';
import { devicesRepository } from '../repositories/devices.ts';
import { readingsRepository } from '../repositories/readings.ts';
import { downsample, latestOf, seriesOf } from '../series.ts';
import { limitsInForce, permitNumberOf, beijingMonth } from '../../compliance/index.ts';
import { pointSummaries } from '../point-summary.ts';
import { listFrames } from './frames.ts';
import { readingsTable } from '../readings-export.ts';
import {
  deviceSummarySchema, frameSummarySchema, pageSchema, periodKindSchema, pointComplianceSchema, pointDetailSchema, pointStatusSchema, pointSummarySchema, seriesSchema,
  type DeviceSummary, type FrameSummary, type Page, type PeriodKind, type PointCompliance, type PointDetail, type PointSummary, type Series,
} from '@ecoenforce/contract';
import type { RouteContext } from '../../http/routes.ts';

const id = z.object({ id: z.coerce.number().int().positive() });

// The exports (issue 14 §6): Chinese headers and values as the console shows them, times in Beijing time.
const POINT_COLUMNS = [
  { key: 'mn', header: 'MN' },
  { key: 'enterpriseName', header: '单位' },
  { key: 'outletCode', header: '排放口' },
  { key: 'outletKind', header: '类型' },
  { key: 'region', header: '行政区划' },
  { key: 'status', header: '状态' },
  { key: 'lastFrame', header: '最后数据时间' },
  { key: 'crcVariant', header: '校验算法' },
  { key: 'clockDriftS', header: '时钟偏差（秒）' },
];

export function pointRoutes({ app, deps }: RouteContext): void {
  const readings = readingsRepository(deps.database.db);
  const listQuery = z.object({
    ...pageQuery,
    q: z.string().max(100).optional(),
    region: z.string().regex(/^\d{6}$/).optional(),
    enterpriseId: z.coerce.number().int().positive().optional(),
    status: pointStatusSchema.optional(),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  });

  async function listed(req: { query: z.infer<typeof listQuery>; scope: Scope | null }, afterId?: number): Promise<PointSummary[]> {
    const { q, region, enterpriseId, status } = req.query;
    const rows = await pointSummaries(deps, req.scope!, { q, enterpriseId, afterId, regionPrefix: region === undefined ? undefined : regionPrefix(region) });
    return status === undefined ? rows : rows.filter((r) => r.status === status);
  }

  const exportRows = async (points: PointSummary[]): Promise<Array<Record<string, unknown>>> => {
    const regions = await regionNames(deps.database.db, points.map((p) => p.regionCode));
    return points.map((p) => ({
      mn: p.mn, enterpriseName: p.enterpriseName, outletCode: p.outletCode, outletKind: zhOf(OUTLET_KIND_ZH, p.outletKind), region: regions.get(p.regionCode) ?? p.regionCode,
      status: zhOf(POINT_STATUS_ZH, p.status), lastFrame: beijingMinute(p.lastFrameAt), crcVariant: zhOf(CRC_VARIANT_ZH, p.crcVariant),
      clockDriftS: p.clockDriftMs === null ? '' : Math.round(p.clockDriftMs / 1000),
    }));
  };

  app.get(
    '/api/points',
    {
      config: { access: { permission: 'registry.read' } },
      schema: { tags: ['monitoring'], querystring: listQuery, response: { 200: pageSchema(pointSummarySchema) } },
    },
    async (req, reply) => {
      if (req.query.format !== 'json') return sendExport(reply, req.query.format, 'points', POINT_COLUMNS, await exportRows((await listed(req)).slice(0, EXPORT_MAX_ROWS)), '监测点位');
      const rows = await listed(req, decodeCursor(req.query.cursor));
      return page(rows, req.query.limit, (p) => p.id);
    },
  );

  app.get(
    '/api/devices',
    {
      config: { access: { permission: 'monitoring.read' } },
      schema: {
        tags: ['monitoring'],
        querystring: listQuery,
        response: { 200: pageSchema(deviceSummarySchema) },
      },
    },
    async (req, reply) => {
      const now = deps.now();
      const withOffline = (p: PointSummary): DeviceSummary => ({ ...p, offlineForMs: p.status !== 'offline' ? null : p.lastFrameAt === null ? null : now - p.lastFrameAt });
      if (req.query.format !== 'json') {
        const points = (await listed(req)).slice(0, EXPORT_MAX_ROWS);
        const rows = (await exportRows(points)).map((r, i) => {
          const p = points[i]!;
          return { ...r, offlineMinutes: p.status === 'offline' && p.lastFrameAt !== null ? Math.round((now - p.lastFrameAt) / 60_000) : '' };
        });
        return sendExport(reply, req.query.format, 'devices', [...POINT_COLUMNS, { key: 'offlineMinutes', header: '离线时长（分钟）' }], rows, '设备状态');
      }
      const rows = await listed(req, decodeCursor(req.query.cursor));
      return page(rows.map(withOffline), req.query.limit, (p) => p.id);
    },
  );

  app.get(
    '/api/points/:id',
    {
      config: { access: { permission: 'monitoring.read', resource: 'point' } },
      schema: {
        tags: ['monitoring'],
        params: id,
        response: {
          200: pointDetailSchema,
        },
      },
    },
    async (req): Promise<PointDetail> => {
      const [summary] = await pointSummaries(deps, req.scope!, { pointId: req.params.id });
      if (summary === undefined) throw notFound('point');
      const row = await deps.database.db.selectFrom('monitoring_points').select('factors').where('id', '=', req.params.id).executeTakeFirstOrThrow();
      const codes = JSON.parse(row.factors) as string[];
      const factors = codes.map((code) => {
        const info = factorInfo(code);
        return { code, name: info?.nameZh ?? code, nameEn: info?.nameEn ?? code, unit: info?.unit ?? '' };
      });
      const devices = (await devicesRepository(deps.database.db).listByPoint(req.params.id)).map((d) => ({
        id: Number(d.id), factor: d.factor, kind: d.kind, manufacturer: d.manufacturer, model: d.model, serial: d.serial, rangeLow: d.range_low, rangeHigh: d.range_high, unit: d.unit,
      }));
      return { ...summary, factors, latest: await latestOf(deps.database.db, req.params.id), devices };
    },
  );

  app.get(
    '/api/points/:id/series',
    {
      config: { access: { permission: 'monitoring.read', resource: 'point' } },
      schema: {
        tags: ['monitoring'],
        params: id,
        querystring: z.object({
          factor: z.string().regex(/^[A-Za-z0-9]{1,12}$/),
          period: periodKindSchema.default('min'),
          from: timeParam.optional(),
          to: timeParam.optional(),
          maxPoints: z.coerce.number().int().min(10).max(10_000).default(2000),
        }),
        response: {
          200: seriesSchema,
        },
      },
    },
    async (req): Promise<Series> => {
      const { factor, period, maxPoints } = req.query;
      const to = req.query.to ?? deps.now() + 60_000;
      const from = req.query.from ?? to - defaultSpan(period);
      const raw = await seriesOf(readings, req.params.id, factor, period, from, to);
      const points = downsample(raw, maxPoints, from, to);
      return { pointId: req.params.id, factor, period, from, to, downsampled: points !== raw, points };
    },
  );

  // The readings of one period kind over a chosen range as Excel or CSV (issue 14): 时间, each factor with
  // its unit, 标记; numbers stay numbers. The range is the point page's 起止日期.
  app.get(
    '/api/points/:id/readings',
    {
      config: { access: { permission: 'monitoring.read', resource: 'point' } },
      schema: {
        tags: ['monitoring'],
        params: id,
        querystring: z.object({ period: periodKindSchema.default('hour'), from: timeParam, to: timeParam, format: z.enum(['csv', 'xlsx']).default('xlsx') }),
      },
    },
    async (req, reply) => {
      const { period, from, to, format } = req.query;
      if (to <= from) throw new ApiError('bad_request', 'the range ends before it starts', { field: 'to' });
      const mn = (await deps.database.db.selectFrom('monitoring_points').select('mn').where('id', '=', req.params.id).executeTakeFirst())?.mn ?? String(req.params.id);
      const table = await readingsTable(readings, { pointId: req.params.id, periodKind: period, from, to }, EXPORT_MAX_ROWS);
      if (table.truncated) reply.header('x-export-truncated', 'true');
      return sendExport(reply, format, `readings-${mn}-${period}`, table.columns, table.rows, '监测数据');
    },
  );

  app.get(
    '/api/points/:id/frames',
    {
      config: { access: { permission: 'frames.read', resource: 'point' } },
      schema: {
        tags: ['evidence'],
        params: id,
        querystring: z.object({ ...pageQuery, from: timeParam.optional(), to: timeParam.optional() }),
        response: { 200: pageSchema(frameSummarySchema) },
      },
    },
    async (req): Promise<Page<FrameSummary>> => {
      const { limit, cursor, from, to } = req.query;
      const rows = await listFrames(deps.database.db, { pointId: req.params.id, from, to, beforeId: decodeCursor(cursor), limit: limit + 1 });
      return page(rows, limit, (f) => f.id);
    },
  );
}

export function complianceRoute({ app, deps }: RouteContext): void {
  app.get(
    '/api/points/:id/compliance',
    {
      config: { access: { permission: 'monitoring.read', resource: 'point' } },
      schema: {
        tags: ['compliance'],
        description: "The point's lawful hourly values of one factor against the hourly limit in force (ECHO-style compliance chart); basis=month: its monthly values (compliance_months) against the daily limit",
        params: id,
        querystring: z.object({ factor: z.string().regex(/^[A-Za-z0-9]{1,12}$/), from: timeParam.optional(), to: timeParam.optional(), basis: z.enum(['hour', 'month']).default('hour') }),
        response: {
          200: pointComplianceSchema,
        },
      },
    },
    async (req): Promise<PointCompliance> => {
      const to = req.query.to ?? deps.now();
      const db = deps.database.db;
      const outlet = await db.selectFrom('monitoring_points').select('outlet_id').where('id', '=', req.params.id).executeTakeFirstOrThrow();
      if (req.query.basis === 'month') {
        // Months that start in [from's month, to); default the twelve months up to `to`.
        const from = beijingMonth(req.query.from ?? to - 365 * 24 * 3600_000).from;
        const limit = (await limitsInForce(db, Number(outlet.outlet_id), to, 'daily')).get(req.query.factor) ?? null;
        const rows = await db
          .selectFrom('compliance_months')
          .selectAll()
          .where('point_id', '=', req.params.id)
          .where('factor', '=', req.query.factor)
          .where('month_start', '>=', from)
          .where('month_start', '<', to)
          .orderBy('month_start')
          .execute();
        return {
          factor: req.query.factor,
          limit: limit === null ? null : { limit: limit.limit, unit: limit.unit, referenceO2: limit.referenceO2, permitNumber: permitNumberOf(limit) },
          basis: 'month' as const,
          hours: [],
          months: rows.map((r) => ({
            month: r.month, t: Number(r.month_start), days: r.days, validDays: r.valid_days, mean: r.mean, max: r.max, convertedMean: r.converted_mean,
            convertedMax: r.converted_max, exceededDays: r.exceeded_days, massKg: r.mass_kg, massDays: r.mass_days,
          })),
        };
      }
      const from = req.query.from ?? to - 7 * 24 * 3600_000;
      const limit = (await limitsInForce(db, Number(outlet.outlet_id), to, 'hourly')).get(req.query.factor) ?? null;
      const rows = await db
        .selectFrom('period_values')
        .selectAll()
        .where('point_id', '=', req.params.id)
        .where('factor', '=', req.query.factor)
        .where('period_kind', '=', 'hour')
        .where('period_start', '>=', from)
        .where('period_start', '<', to)
        .orderBy('period_start')
        .execute();
      return {
        factor: req.query.factor,
        limit: limit === null ? null : { limit: limit.limit, unit: limit.unit, referenceO2: limit.referenceO2, permitNumber: permitNumberOf(limit) },
        basis: 'hour' as const,
        hours: rows.map((r) => {
          const value = limit?.referenceO2 != null ? r.converted : r.mean;
          return { t: r.period_start, value, status: r.status, valid: r.valid, exceeded: limit !== null && r.status === 'normal' && value !== null && value > limit.limit };
        }),
      };
    },
  );
}

function defaultSpan(period: PeriodKind): number {
  switch (period) {
    case 'rtd':
      return 2 * 3600_000;
    case 'min':
      return 24 * 3600_000;
    case 'hour':
      return 30 * 24 * 3600_000;
    case 'day':
      return 365 * 24 * 3600_000;
  }
}
