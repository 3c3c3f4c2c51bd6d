// Kysely table interfaces, one per table created by migrations/. Times are epoch milliseconds UTC held in
// bigint columns (pg's int8 parser is set to Number in connect.ts; they stay far below 2^53).
import type { Generated } from 'kysely';

export type RegionLevelColumn = 'province' | 'city' | 'county';

export interface RegionsTable {
  code: string;
  name: string;
  level: RegionLevelColumn;
  parent_code: string | null;
}

export interface EnterprisesTable {
  id: Generated<number>;
  uscc: string;
  name: string;
  region_code: string;
  industry: string;
  address: string;
  lat: number;
  lng: number;
  created_at: number;
}

export interface OutletsTable {
  id: Generated<number>;
  enterprise_id: number;
  /** DA001 (air), DW001 (water), as in the discharge permit. */
  code: string;
  kind: 'air' | 'water';
  name: string;
}

export interface MonitoringPointsTable {
  id: Generated<number>;
  outlet_id: number;
  mn: string;
  pw: string;
  /** Comma-separated CrcVariant list. */
  crc_variants: string;
  protocol_version: string;
  /** HJ 212 system code: '31' flue gas, '32' surface/waste water. */
  st: string;
  /** JSON array of factor codes. */
  factors: string;
  /** 1 active, 0 retired (an integer on both dialects so one type serves both). */
  active: number;
}

export interface RawFramesTable {
  id: Generated<number>;
  received_at: number;
  peer: string;
  point_id: number | null;
  mn: string | null;
  cn: string | null;
  qn: string | null;
  data_time: number | null;
  verdict: 'accepted' | 'quarantined';
  reason: string | null;
  detail: string | null;
  crc_variant: string | null;
  dedupe_key: string | null;
  bytes: Uint8Array;
}

export interface ReadingsTable {
  point_id: number;
  period_kind: 'rtd' | 'min' | 'hour' | 'day';
  period_start: number;
  cn: string;
  /** All factors of the period, readings-codec.ts format. */
  vals: Uint8Array;
  source_frame_id: number;
  revision: number;
  received_at: number;
}

export interface Schema {
  regions: RegionsTable;
  enterprises: EnterprisesTable;
  outlets: OutletsTable;
  monitoring_points: MonitoringPointsTable;
  raw_frames: RawFramesTable;
  readings: ReadingsTable;
}
