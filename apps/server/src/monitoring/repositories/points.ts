// Monitoring points (监测点位) and the gateway's registry of them. One query per method; the registry is
// filled by one query and answers lookups from memory, because the gateway authenticates every frame.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CrcVariant, Hj212Version } from '@ecoenforce/hj212';
import type { MonitoringPointsTable, Schema } from '../../platform/db/schema.ts';
import type { Database } from '../../platform/db/connect.ts';
import type { PointRegistry, RegisteredPoint } from '../gateway/sink.ts';

export type PointRow = Selectable<MonitoringPointsTable>;

export interface MonitoringPoint {
  id: number;
  outletId: number;
  mn: string;
  pw: string;
  crcVariants: CrcVariant[];
  protocolVersion: Hj212Version;
  st: string;
  factors: string[];
  active: boolean;
}

export interface NewPoint {
  outletId: number;
  mn: string;
  pw: string;
  crcVariants: readonly CrcVariant[];
  protocolVersion: Hj212Version;
  st: string;
  factors: readonly string[];
  active?: boolean;
}

export interface ReloadablePointRegistry extends PointRegistry {
  /** Re-reads the table (after an admin edit); lookups keep answering from the old map meanwhile. */
  reload(): Promise<void>;
  readonly size: number;
}

const CRC_VARIANTS: ReadonlySet<string> = new Set<CrcVariant>(['hj212', 'hj212-lowercase', 'hj212-unpadded', 'modbus-lo-first', 'modbus']);
const VERSIONS: ReadonlySet<string> = new Set<Hj212Version>(['2005', '2017', '2025']);

/** Parses the stored list; unknown names are dropped and the standard variant is always included. */
export function parseCrcVariants(text: string): CrcVariant[] {
  const out: CrcVariant[] = ['hj212'];
  for (const v of text.split(',')) {
    const name = v.trim();
    if (CRC_VARIANTS.has(name) && !out.includes(name as CrcVariant)) out.push(name as CrcVariant);
  }
  return out;
}

function parseVersion(text: string): Hj212Version {
  return VERSIONS.has(text) ? (text as Hj212Version) : '2017';
}

export function toPoint(r: PointRow): MonitoringPoint {
  const factors: unknown = JSON.parse(r.factors);
  return {
    id: r.id,
    outletId: r.outlet_id,
    mn: r.mn,
    pw: r.pw,
    crcVariants: parseCrcVariants(r.crc_variants),
    protocolVersion: parseVersion(r.protocol_version),
    st: r.st,
    factors: Array.isArray(factors) ? factors.filter((f): f is string => typeof f === 'string') : [],
    active: r.active !== 0,
  };
}

export function toInsertable(p: NewPoint): Insertable<MonitoringPointsTable> {
  return {
    outlet_id: p.outletId,
    mn: p.mn,
    pw: p.pw,
    crc_variants: p.crcVariants.join(','),
    protocol_version: p.protocolVersion,
    st: p.st,
    factors: JSON.stringify(p.factors),
    active: p.active === false ? 0 : 1,
  };
}

export function pointsRepository(db: Kysely<Schema>) {
  return {
    /** Inserts points whose MN is new; existing MNs are left as they are (idempotent seeding). */
    async insertMany(points: readonly NewPoint[]): Promise<void> {
      if (points.length === 0) return;
      // Every column supplied on every row (stack.md §3: Kysely sends NULL for columns some rows omit).
      await db.insertInto('monitoring_points').values(points.map(toInsertable)).onConflict((oc) => oc.column('mn').doNothing()).execute();
    },

    async byMn(mn: string): Promise<MonitoringPoint | undefined> {
      const r = await db.selectFrom('monitoring_points').selectAll().where('mn', '=', mn).executeTakeFirst();
      return r === undefined ? undefined : toPoint(r);
    },

    async listByOutlet(outletId: number): Promise<MonitoringPoint[]> {
      const rows = await db.selectFrom('monitoring_points').selectAll().where('outlet_id', '=', outletId).orderBy('id').execute();
      return rows.map(toPoint);
    },

    async listActive(): Promise<MonitoringPoint[]> {
      const rows = await db.selectFrom('monitoring_points').selectAll().where('active', '=', 1).orderBy('id').execute();
      return rows.map(toPoint);
    },

    async count(): Promise<number> {
      const row = await db.selectFrom('monitoring_points').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The gateway's registry: active points by MN, from one query. */
    async loadRegistry(): Promise<ReloadablePointRegistry> {
      const read = async (): Promise<Map<string, RegisteredPoint>> => {
        const rows = await db
          .selectFrom('monitoring_points')
          .select(['id', 'mn', 'pw', 'crc_variants', 'protocol_version'])
          .where('active', '=', 1)
          .execute();
        const map = new Map<string, RegisteredPoint>();
        for (const r of rows) {
          map.set(r.mn, { pointId: r.id, mn: r.mn, pw: r.pw, crcVariants: parseCrcVariants(r.crc_variants), version: parseVersion(r.protocol_version) });
        }
        return map;
      };
      let map = await read();
      return {
        lookup: (mn) => map.get(mn),
        async reload() {
          map = await read();
        },
        get size() {
          return map.size;
        },
      };
    },
  };
}

/** The gateway's registry of active points (one query; `reload()` re-reads). Same as pointsRepository(db).loadRegistry(). */
export function loadRegistry(database: Database): Promise<ReloadablePointRegistry> {
  return pointsRepository(database.db).loadRegistry();
}
