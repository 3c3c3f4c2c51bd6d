// The PointSummary rows shared by the points list, the enterprise page and the device list: registry
// columns from the store, status and last-frame facts from the in-memory activity tracker.
import type { PointSummary } from '@ecoenforce/contract';
import type { Kysely } from 'kysely';
import { type Scope, inScope } from '../access/index.ts';
import { likeText } from '../platform/db/like.ts';
import type { Schema } from '../platform/db/schema.ts';
import type { PointActivity } from './activity.ts';

export type { PointSummary };

export interface PointFilter {
  q?: string | undefined;
  regionPrefix?: string | undefined;
  enterpriseId?: number | undefined;
  pointId?: number | undefined;
  /** Points with an id above this (keyset paging). */
  afterId?: number | undefined;
}

/**
 * Every point in scope matching the filter, by id. Status is not a column (it depends on the clock), so a
 * status filter is applied by the caller on these rows: a province has thousands of points, not millions.
 */
/** What a point summary is read from: the store and the gateway's record of what each point did last. */
export interface PointSummarySource {
  database: { db: Kysely<Schema> };
  activity: PointActivity;
}

export async function pointSummaries(deps: PointSummarySource, scope: Scope, f: PointFilter): Promise<PointSummary[]> {
  let q = inScope(
    deps.database.db
      .selectFrom('monitoring_points as p')
      .innerJoin('outlets as o', 'o.id', 'p.outlet_id')
      .innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
      .select([
        'p.id', 'p.mn', 'p.protocol_version', 'o.id as outlet_id', 'o.code as outlet_code', 'o.name as outlet_name', 'o.kind as outlet_kind',
        'e.id as enterprise_id', 'e.name as enterprise_name', 'e.region_code', 'e.lat as e_lat', 'e.lng as e_lng', 'p.lat', 'p.lng',
      ]),
    scope,
  );
  if (f.q !== undefined && f.q !== '') {
    const t = likeText(f.q);
    q = q.where((eb) => eb.or([eb('p.mn', 'like', `%${t}%`), eb('e.name', 'like', `%${t}%`), eb('o.name', 'like', `%${t}%`)]));
  }
  if (f.regionPrefix !== undefined) q = q.where('e.region_code', 'like', `${f.regionPrefix}%`);
  if (f.enterpriseId !== undefined) q = q.where('e.id', '=', f.enterpriseId);
  if (f.pointId !== undefined) q = q.where('p.id', '=', f.pointId);
  if (f.afterId !== undefined) q = q.where('p.id', '>', f.afterId);
  const rows = await q.orderBy('p.id').execute();
  return rows.map((r) => {
    const id = Number(r.id);
    const s = deps.activity.state(id);
    return {
      id, mn: r.mn, enterpriseId: Number(r.enterprise_id), enterpriseName: r.enterprise_name, outletId: Number(r.outlet_id), outletCode: r.outlet_code,
      outletName: r.outlet_name, outletKind: r.outlet_kind, regionCode: r.region_code, lat: r.lat ?? r.e_lat, lng: r.lng ?? r.e_lng, status: deps.activity.status(id),
      lastFrameAt: s?.lastFrameAt ?? null, crcVariant: s?.crcVariant ?? null, protocolVersion: r.protocol_version, clockDriftMs: s?.clockDriftMs ?? null,
      warnFlags: s?.warnFlags ?? [],
    };
  });
}
