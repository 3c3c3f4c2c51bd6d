// Regions, enterprises, outlets, points, devices, permits and their limits, special periods.
import type { Generated } from 'kysely';

export type RegionLevelColumn = 'province' | 'city' | 'county';

export interface RegionsTable {
  code: string;
  name: string;
  level: RegionLevelColumn;
  parent_code: string | null;
}

/** 排污许可 重点管理 / 简化管理 / 登记管理. */
export type ManagementCategoryColumn = 'key' | 'simplified' | 'registration';

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
  /** GB/T 4754-2017 class code, e.g. '4411'; null when not yet registered. */
  industry_code: string | null;
  management_category: ManagementCategoryColumn | null;
  /** 0/1: on the key-discharger lists for air, water, soil, hazardous waste; carbon key emitter (CET). */
  key_air: Generated<number>;
  key_water: Generated<number>;
  key_soil: Generated<number>;
  key_hazardous_waste: Generated<number>;
  carbon_key_emitter: Generated<number>;
  /** 法定代表人 (a natural person's name: redacted before publication); null when not registered (migration 0370). */
  legal_representative: string | null;
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
  /** Null = the enterprise's location. */
  lat: number | null;
  lng: number | null;
}

export type DeviceKindColumn = 'analyzer' | 'flowmeter' | 'logger' | 'sampler' | 'other';

export interface DevicesTable {
  id: Generated<number>;
  point_id: number;
  /** 2017 factor code; '' for a device serving the whole point (the data logger). */
  factor: string;
  kind: DeviceKindColumn;
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  range_low: number | null;
  range_high: number | null;
  unit: string | null;
  installed_at: number | null;
}

export type PermitStatusColumn = 'valid' | 'expired' | 'revoked' | 'cancelled';

export interface PermitsTable {
  id: Generated<number>;
  enterprise_id: number;
  number: string;
  issued_at: number;
  valid_from: number;
  /** Exclusive end: the first instant no longer covered. */
  valid_to: number;
  issuer: string;
  status: PermitStatusColumn;
}

export type LimitBasisColumn = 'hourly' | 'daily' | '24h_composite' | 'instant';

export interface PermitLimitsTable {
  id: Generated<number>;
  permit_id: number;
  outlet_id: number;
  /** 2017 factor code. */
  factor: string;
  limit_value: number;
  unit: string;
  basis: LimitBasisColumn;
  /** Reference O2 (%) of the converted concentration; flue gas only. */
  reference_o2: number | null;
  annual_quantity_t: number | null;
  standard: string | null;
  note: string | null;
  /** Null: the ordinary limit; otherwise it binds (instead) while a special period of this kind runs. */
  special_kind: SpecialKindColumn | null;
}

/** 重污染天气预警 / 重大活动保障. */
export type SpecialKindColumn = 'heavy_pollution' | 'special_event';

export interface SpecialPeriodsTable {
  id: Generated<number>;
  region_code: string;
  kind: SpecialKindColumn;
  level: string | null;
  name: string;
  starts_at: number;
  /** Exclusive. */
  ends_at: number;
  source: string | null;
  note: string | null;
  created_by: number;
  created_at: number;
  /** In force only before max(starts_at, cancelled_at) once set. */
  cancelled_at: number | null;
  cancelled_by: number | null;
  cancel_reason: string | null;
}
