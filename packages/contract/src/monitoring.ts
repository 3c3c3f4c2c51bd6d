// Monitoring (apps/server/src/monitoring): points and devices, a point's latest values, series and compliance
// chart, raw frames, and the events of GET /api/live. The zod schemas are the routes' response schemas.
import { z } from 'zod';

export const pointStatusSchema = z.enum(['online', 'offline', 'warning']);
/** A point's status, from the gateway's record of its last frame. */
export type PointStatus = z.infer<typeof pointStatusSchema>;

export const periodKindSchema = z.enum(['rtd', 'min', 'hour', 'day']);
/** The HJ 212 data period: real-time, minute, hour, day. */
export type PeriodKind = z.infer<typeof periodKindSchema>;

/** A point in lists, on the map and on the enterprise page (monitoring/point-summary.ts). */
export const pointSummarySchema = z.object({
  id: z.number(),
  mn: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  outletId: z.number(),
  outletCode: z.string(),
  outletName: z.string(),
  outletKind: z.string(),
  regionCode: z.string(),
  lat: z.number(),
  lng: z.number(),
  status: pointStatusSchema,
  lastFrameAt: z.number().nullable(),
  crcVariant: z.string().nullable(),
  protocolVersion: z.string(),
  clockDriftMs: z.number().nullable(),
  warnFlags: z.array(z.string()),
});
export type PointSummary = z.infer<typeof pointSummarySchema>;

/** GET /api/devices: a point with how long it has been offline (null unless offline with a last frame). */
export const deviceSummarySchema = pointSummarySchema.extend({ offlineForMs: z.number().nullable() });
export type DeviceSummary = z.infer<typeof deviceSummarySchema>;

const valueSchema = z.record(z.string(), z.union([z.number(), z.string()]));
/** A point's newest stored values: factor code → field (Avg, Rtd, Flag …) → value. */
export const latestSchema = z.object({ periodKind: periodKindSchema, periodStart: z.number(), receivedAt: z.number(), frameId: z.number(), values: z.record(z.string(), valueSchema) });
export type Latest = z.infer<typeof latestSchema>;

export const pointFactorSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), unit: z.string() });
export const pointDeviceSchema = z.object({
  id: z.number(), factor: z.string(), kind: z.string(), manufacturer: z.string().nullable(), model: z.string().nullable(), serial: z.string().nullable(),
  rangeLow: z.number().nullable(), rangeHigh: z.number().nullable(), unit: z.string().nullable(),
});
/** GET /api/points/:id. */
export const pointDetailSchema = pointSummarySchema.extend({
  factors: z.array(pointFactorSchema),
  latest: latestSchema.nullable(),
  devices: z.array(pointDeviceSchema),
});
export type PointDetail = z.infer<typeof pointDetailSchema>;

/** [time, avg, min, max, flag] */
export const seriesPointSchema = z.tuple([z.number(), z.number().nullable(), z.number().nullable(), z.number().nullable(), z.string().nullable()]);
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

/** GET /api/points/:id/series. */
export const seriesSchema = z.object({
  pointId: z.number(), factor: z.string(), period: periodKindSchema, from: z.number(), to: z.number(), downsampled: z.boolean(),
  points: z.array(seriesPointSchema),
});
export type Series = z.infer<typeof seriesSchema>;

/** A month of compliance_months on the compliance chart (basis=month). */
export const complianceMonthSchema = z.object({
  month: z.string(),
  t: z.number(),
  days: z.number(),
  validDays: z.number(),
  mean: z.number().nullable(),
  max: z.number().nullable(),
  convertedMean: z.number().nullable(),
  convertedMax: z.number().nullable(),
  exceededDays: z.number(),
  massKg: z.number().nullable(),
  massDays: z.number(),
});
export type ComplianceMonth = z.infer<typeof complianceMonthSchema>;

/** GET /api/points/:id/compliance: hourly values (or months) of one factor against the limit in force. */
export const pointComplianceSchema = z.object({
  factor: z.string(),
  // Structured, so the console words it in its own language: the permit that sets the limit.
  limit: z.object({ limit: z.number(), unit: z.string(), referenceO2: z.number().nullable(), permitNumber: z.string().nullable() }).nullable(),
  basis: z.enum(['hour', 'month']),
  hours: z.array(z.object({ t: z.number(), value: z.number().nullable(), status: z.string(), valid: z.number(), exceeded: z.boolean() })),
  months: z.array(complianceMonthSchema).optional(),
});
export type PointCompliance = z.infer<typeof pointComplianceSchema>;

/** A raw frame as listed, without its bytes (GET /api/points/:id/frames). */
export const frameSummarySchema = z.object({
  id: z.number(),
  receivedAt: z.number(),
  peer: z.string(),
  pointId: z.number().nullable(),
  mn: z.string().nullable(),
  cn: z.string().nullable(),
  qn: z.string().nullable(),
  dataTime: z.number().nullable(),
  verdict: z.enum(['accepted', 'quarantined']),
  reason: z.string().nullable(),
  crcVariant: z.string().nullable(),
  size: z.number(),
});
export type FrameSummary = z.infer<typeof frameSummarySchema>;

/** GET /api/frames/:id: the bytes as text and hex, their hash and their decode. */
export const frameDetailSchema = frameSummarySchema.extend({ detail: z.string().nullable(), text: z.string(), hex: z.string(), sha256: z.string(), decoded: z.unknown() });
export type FrameDetail = z.infer<typeof frameDetailSchema>;

/** GET /api/live `reading`: a point stored a frame with data. */
export interface ReadingEvent {
  pointId: number;
  periodKind: PeriodKind;
  periodStart: number;
  receivedAt: number;
}
/** GET /api/live `status`: a point's status changed. */
export interface StatusEvent {
  pointId: number;
  status: PointStatus;
}
/** GET /api/live `warning`: a warning was raised (created) or extended at a point. */
export interface WarningEvent {
  pointId: number;
  id: number;
  created: boolean;
}
/** The point events of GET /api/live by event name. */
export interface LivePointEvents {
  reading: ReadingEvent;
  status: StatusEvent;
  warning: WarningEvent;
}
