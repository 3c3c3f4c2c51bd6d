// Shapes of the API's answers (docs/api.md; the server's zod schemas are the source of truth).
export type Role = 'officer' | 'dispatcher' | 'analyst' | 'legalReviewer' | 'head' | 'enterprise' | 'verifier' | 'admin';
export type Status = 'online' | 'offline' | 'warning';
export type Period = 'rtd' | 'min' | 'hour' | 'day';

export interface Principal {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  regionName: string;
  enterpriseId: number | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PointSummary {
  id: number;
  mn: string;
  enterpriseId: number;
  enterpriseName: string;
  outletId: number;
  outletCode: string;
  outletName: string;
  outletKind: 'air' | 'water';
  regionCode: string;
  lat: number;
  lng: number;
  status: Status;
  lastFrameAt: number | null;
  crcVariant: string | null;
  protocolVersion: string;
  clockDriftMs: number | null;
  warnFlags: string[];
  offlineForMs?: number | null;
}

export interface Latest {
  periodKind: Period;
  periodStart: number;
  receivedAt: number;
  frameId: number;
  values: Record<string, Record<string, number | string>>;
}

export interface PointDetail extends PointSummary {
  factors: Array<{ code: string; name: string; nameEn: string; unit: string }>;
  latest: Latest | null;
  devices: Array<{ id: number; factor: string; kind: string; manufacturer: string | null; model: string | null; rangeLow: number | null; rangeHigh: number | null; unit: string | null }>;
}

export interface Enterprise {
  id: number;
  uscc: string;
  name: string;
  regionCode: string;
  regionName: string;
  industry: string;
  address: string;
  lat: number;
  lng: number;
  pointCount: number;
  industryCode: string | null;
  managementCategory: string | null;
  keyAir: boolean;
  keyWater: boolean;
  carbonKeyEmitter: boolean;
}

export interface Permit {
  id: number;
  number: string;
  validFrom: number;
  validTo: number;
  issuer: string;
  status: string;
  inForce: boolean;
  limits: Array<{ outletId: number; factor: string; factorName: string; limit: number; unit: string; basis: string; referenceO2: number | null }>;
}

export interface EnterpriseDetail extends Enterprise {
  /** 法定代表人; null when the registry holds none. */
  legalRepresentative: string | null;
  outlets: Array<{ id: number; code: string; kind: string; name: string; points: PointSummary[] }>;
  permits: Permit[];
}

/** [time, avg, min, max, flag] */
export type SeriesPoint = [number, number | null, number | null, number | null, string | null];

export interface FrameSummary {
  id: number;
  receivedAt: number;
  peer: string;
  cn: string | null;
  qn: string | null;
  dataTime: number | null;
  verdict: 'accepted' | 'quarantined';
  reason: string | null;
  crcVariant: string | null;
  size: number;
}

export interface FrameDetail extends FrameSummary {
  mn: string | null;
  detail: string | null;
  text: string;
  hex: string;
  sha256: string;
  decoded: unknown;
}

export interface SessionInfo {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}
