// Where a single resource sits (region, enterprise), for the object-level check in the access hook. One
// indexed lookup per request; undefined when the id does not exist (the hook answers 404 either way).
import type { Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.ts';
import type { Location, ResourceKind } from './model.ts';

export async function locate(db: Kysely<Schema>, kind: ResourceKind, id: number): Promise<Location | undefined> {
  switch (kind) {
    case 'enterprise': {
      const r = await db.selectFrom('enterprises').select(['id', 'region_code']).where('id', '=', id).executeTakeFirst();
      return r && { regionCode: r.region_code, enterpriseId: r.id };
    }
    case 'point':
      return pointLocation(db, id);
    case 'frame': {
      const f = await db.selectFrom('raw_frames').select(['point_id']).where('id', '=', id).executeTakeFirst();
      if (f === undefined) return undefined;
      if (f.point_id === null) return { regionCode: null, enterpriseId: null };
      return pointLocation(db, f.point_id);
    }
    case 'warning': {
      const w = await db.selectFrom('warnings').select(['region_code', 'enterprise_id']).where('id', '=', id).executeTakeFirst();
      return w && { regionCode: w.region_code, enterpriseId: w.enterprise_id };
    }
    case 'marking': {
      const m = await db.selectFrom('markings').select(['region_code', 'enterprise_id']).where('id', '=', id).executeTakeFirst();
      return m && { regionCode: m.region_code, enterpriseId: m.enterprise_id };
    }
    case 'task': {
      const t = await db.selectFrom('tasks').select(['region_code', 'enterprise_id', 'requesting_region_code']).where('id', '=', id).executeTakeFirst();
      return t && { regionCode: t.region_code, enterpriseId: t.enterprise_id, sharedWithRegion: t.requesting_region_code };
    }
    case 'case': {
      const c = await db.selectFrom('cases').select(['region_code', 'enterprise_id']).where('id', '=', id).executeTakeFirst();
      return c && { regionCode: c.region_code, enterpriseId: c.enterprise_id };
    }
    case 'rectification': {
      const r = await db.selectFrom('rectifications').select(['region_code', 'enterprise_id']).where('id', '=', id).executeTakeFirst();
      return r && { regionCode: r.region_code, enterpriseId: Number(r.enterprise_id) };
    }
    case 'token': {
      const t = await db.selectFrom('api_tokens').select(['region_code', 'enterprise_id']).where('id', '=', id).executeTakeFirst();
      return t && { regionCode: t.region_code, enterpriseId: t.enterprise_id };
    }
  }
}

async function pointLocation(db: Kysely<Schema>, pointId: number): Promise<Location | undefined> {
  const r = await db
    .selectFrom('monitoring_points as p')
    .innerJoin('outlets as o', 'o.id', 'p.outlet_id')
    .innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
    .select(['e.id', 'e.region_code'])
    .where('p.id', '=', pointId)
    .executeTakeFirst();
  return r && { regionCode: r.region_code, enterpriseId: r.id };
}
