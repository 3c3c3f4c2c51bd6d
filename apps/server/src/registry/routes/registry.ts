// Regions and enterprises, scoped to what the caller may see.
import { z } from 'zod';
import { factorInfo } from '@ecoenforce/hj212';
import { regionPrefix, type Scope, decodeCursor, page, pageQuery, inScope } from '../../access/index.ts';
import { permitsRepository } from '../repositories/permits.ts';
import { industryClassName } from '../industry-classes.ts';
import { sendExport, EXPORT_MAX_ROWS } from '../../http/export.ts';
import { CATEGORY_ZH, INDUSTRY_ZH, zhOf } from '../../platform/export-labels.ts';
import { notFound } from '../../platform/errors.ts';
import { likeText } from '../../platform/db/like.ts';
import { pointSummaries } from '../../monitoring/index.ts';
import {
  enterpriseDetailSchema, enterpriseSchema, pageSchema, regionSchema, type Enterprise, type EnterpriseDetail, type Permit, type Region,
} from '@ecoenforce/contract';
import type { RouteContext } from '../../http/routes.ts';

// The export (issue 14 §6): Chinese headers; the columns the registry import reads (registry-columns.ts
// HEADERS) keep headers it accepts, so an exported sheet imports back unchanged. The industry goes out by
// its GB/T 4754 class name under '行业类别', which the import does not read (the stored industry stays).
const ENTERPRISE_COLUMNS = [
  { key: 'uscc', header: '统一社会信用代码' },
  { key: 'name', header: '单位名称' },
  { key: 'regionCode', header: '行政区划代码' },
  { key: 'regionName', header: '行政区划' },
  { key: 'industryText', header: '行业类别' },
  { key: 'managementCategoryText', header: '排污许可管理类别' },
  { key: 'address', header: '地址' },
  { key: 'lat', header: '纬度' },
  { key: 'lng', header: '经度' },
  { key: 'pointCount', header: '监测点位数' },
];

export function registryRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;

  app.get(
    '/api/regions',
    {
      config: { access: { permission: 'registry.read' } },
      schema: { tags: ['registry'], response: { 200: z.array(regionSchema) } },
    },
    async (req): Promise<Region[]> => {
      const rows = await db.selectFrom('regions').selectAll().where('code', 'like', `${req.scope!.regionPrefix}%`).orderBy('code').execute();
      return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }));
    },
  );

  function enterpriseQuery(scope: Scope) {
    return inScope(
      db
        .selectFrom('enterprises as e')
        .innerJoin('regions as r', 'r.code', 'e.region_code')
        .select([
          'e.id', 'e.uscc', 'e.name', 'e.region_code', 'r.name as region_name', 'e.industry', 'e.address', 'e.lat', 'e.lng', 'e.industry_code',
          'e.management_category', 'e.key_air', 'e.key_water', 'e.key_soil', 'e.key_hazardous_waste', 'e.carbon_key_emitter', 'e.legal_representative',
        ])
        .select((eb) =>
          eb
            .selectFrom('monitoring_points as p')
            .innerJoin('outlets as o', 'o.id', 'p.outlet_id')
            .whereRef('o.enterprise_id', '=', 'e.id')
            .select((x) => x.fn.countAll<number | string>().as('n'))
            .as('point_count'),
        ),
      scope,
    );
  }
  async function permitsOf(enterpriseId: number): Promise<Permit[]> {
    const repo = permitsRepository(db);
    const now = deps.now();
    const out = [];
    for (const p of await repo.listByEnterprise(enterpriseId)) {
      const limits = await repo.limitsOf(p.id);
      out.push({
        id: Number(p.id), number: p.number, issuedAt: p.issued_at, validFrom: p.valid_from, validTo: p.valid_to, issuer: p.issuer, status: p.status,
        inForce: p.status === 'valid' && p.valid_from <= now && now < p.valid_to,
        limits: limits.map((l) => ({
          outletId: Number(l.outlet_id), factor: l.factor, factorName: factorInfo(l.factor)?.nameZh ?? l.factor, limit: l.limit_value, unit: l.unit, basis: l.basis,
          referenceO2: l.reference_o2, annualQuantityT: l.annual_quantity_t, standard: l.standard,
        })),
      });
    }
    return out;
  }

  type EnterpriseRow = Awaited<ReturnType<ReturnType<typeof enterpriseQuery>['execute']>>[number];
  const toEnterprise = (r: EnterpriseRow): Enterprise => ({
    id: Number(r.id), uscc: r.uscc, name: r.name, regionCode: r.region_code, regionName: r.region_name, industry: r.industry,
    address: r.address, lat: r.lat, lng: r.lng, pointCount: Number(r.point_count ?? 0), industryCode: r.industry_code, industryName: industryClassName(r.industry_code), managementCategory: r.management_category,
    keyAir: r.key_air === 1, keyWater: r.key_water === 1, keySoil: r.key_soil === 1, keyHazardousWaste: r.key_hazardous_waste === 1, carbonKeyEmitter: r.carbon_key_emitter === 1,
  });

  app.get(
    '/api/enterprises',
    {
      config: { access: { permission: 'registry.read' } },
      schema: {
        tags: ['registry'],
        querystring: z.object({
          ...pageQuery,
          q: z.string().max(100).optional(),
          region: z.string().regex(/^\d{6}$/).optional(),
          industry: z.string().max(50).optional(),
          format: z.enum(['json', 'csv', 'xlsx']).default('json'),
        }),
        response: { 200: pageSchema(enterpriseSchema) },
      },
    },
    async (req, reply) => {
      const { q, region, industry, format, limit, cursor } = req.query;
      let query = enterpriseQuery(req.scope!);
      if (q !== undefined && q !== '') query = query.where((eb) => eb.or([eb('e.name', 'like', `%${likeText(q)}%`), eb('e.uscc', 'like', `${likeText(q)}%`)]));
      if (region !== undefined) query = query.where('e.region_code', 'like', `${regionPrefix(region)}%`);
      if (industry !== undefined) query = query.where('e.industry', '=', industry);
      if (format !== 'json') {
        const rows = (await query.orderBy('e.id').limit(EXPORT_MAX_ROWS).execute()).map(toEnterprise);
        return sendExport(reply, format, 'enterprises', ENTERPRISE_COLUMNS, rows.map((e) => ({
          ...e, industryText: e.industryName ?? zhOf(INDUSTRY_ZH, e.industry), managementCategoryText: zhOf(CATEGORY_ZH, e.managementCategory),
        })), '排污单位');
      }
      const after = decodeCursor(cursor);
      if (after !== undefined) query = query.where('e.id', '>', after);
      const rows = await query.orderBy('e.id').limit(limit + 1).execute();
      return page(rows.map(toEnterprise), limit, (e) => e.id);
    },
  );

  app.get(
    '/api/enterprises/:id',
    {
      config: { access: { permission: 'registry.read', resource: 'enterprise' } },
      schema: {
        tags: ['registry'],
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: {
          200: enterpriseDetailSchema,
        },
      },
    },
    async (req): Promise<EnterpriseDetail> => {
      const row = await enterpriseQuery(req.scope!).where('e.id', '=', req.params.id).executeTakeFirst();
      if (row === undefined) throw notFound('enterprise');
      const outlets = await db.selectFrom('outlets').selectAll().where('enterprise_id', '=', req.params.id).orderBy('code').execute();
      const points = await pointSummaries(deps, req.scope!, { enterpriseId: req.params.id });
      const permits = await permitsOf(req.params.id);
      return {
        ...toEnterprise(row),
        legalRepresentative: row.legal_representative,
        permits,
        outlets: outlets.map((o) => ({ id: Number(o.id), code: o.code, kind: o.kind, name: o.name, points: points.filter((p) => p.outletId === Number(o.id)) })),
      };
    },
  );
}
