// Compliance (apps/server/src/compliance): data markings, warnings, special periods, an enterprise's annual
// permitted quantities and its 12-month compliance grid, as the routes answer them.
import { z } from 'zod';
import type { Finding } from '@ecoenforce/domain';
import { specialKindSchema } from './registry.ts';

/** The kinds the 2022 marking rules let an enterprise mark (MEE Announcement 2022 No. 21). */
export const markingKindSchema = z.enum(['startup', 'shutdown', 'equipment_fault', 'maintenance', 'calibration', 'production_stopped', 'other']);
export type MarkingKind = z.infer<typeof markingKindSchema>;

/** Attachment metadata of a marking (the file stays with the enterprise; its hash is the proof). */
export const markingAttachmentSchema = z.object({ name: z.string().trim().min(1).max(255), sha256: z.string().regex(/^[0-9a-f]{64}$/i), size: z.number().int().nonnegative() });
export type MarkingAttachment = z.infer<typeof markingAttachmentSchema>;

/** A data marking (GET /api/points/:id/markings). */
export const markingSchema = z.object({
  id: z.number(), pointId: z.number(), enterpriseId: z.number(), kind: markingKindSchema, invalid: z.boolean(), from: z.number(), to: z.number(), reason: z.string(),
  attachments: z.array(markingAttachmentSchema), createdBy: z.number(), createdAt: z.number(), withdrawnAt: z.number().nullable(),
  /** Made more than the allowed lateness after its span started. */
  late: z.boolean(),
  /** The span's readings showed production (flow). */
  productionSeen: z.boolean(),
});
export type Marking = z.infer<typeof markingSchema>;

/** POST /api/points/:id/markings: the marking and the warnings it raised (late, over production). */
export const markingCreatedSchema = markingSchema.extend({ warningIds: z.array(z.number()) });
export type MarkingCreated = z.infer<typeof markingCreatedSchema>;

export const warningStatusSchema = z.enum(['new', 'confirmed', 'dismissed', 'dispatched', 'closed']);
export type WarningStatus = z.infer<typeof warningStatusSchema>;

/** A warning in the inbox (GET /api/warnings). */
export const warningSchema = z.object({
  id: z.number(), pointId: z.number(), mn: z.string(), enterpriseId: z.number(), enterpriseName: z.string(), outletCode: z.string(), regionCode: z.string(),
  kind: z.string(), factor: z.string().nullable(),
  /** The factor's name from the HJ 212 table (Chinese, English); null without a factor or for a code not in the table. */
  factorName: z.string().nullable(), factorNameEn: z.string().nullable(), severity: z.string(), status: warningStatusSchema, from: z.number(), to: z.number(), message: z.string(),
  createdAt: z.number(), updatedAt: z.number(), decisionReason: z.string().nullable(), answer: z.string().nullable(),
});
export type Warning = z.infer<typeof warningSchema>;

/**
 * A warning's evidence as stored: the domain's finding evidence (a detector's or the exceedance rule's: the
 * period starts, values, raw frames, parameters and the limit row), and for a marking's own findings
 * (marking_late, marking_covers_production, compliance/markings.ts) the marking and its span.
 */
export type WarningEvidence = Finding['evidence'] & {
  markingId?: number;
  markingKind?: string;
  spanFrom?: number;
  spanTo?: number;
  markedAt?: number;
};

/** GET /api/warnings/:id: the warning with its evidence as stored (the schema does not re-check stored JSON). */
export const warningDetailSchema = warningSchema.extend({ evidence: z.unknown() });
export type WarningDetail = Omit<z.infer<typeof warningDetailSchema>, 'evidence'> & { evidence: WarningEvidence };

/** A special period (GET /api/special-periods): a heavy-pollution warning or a special event declared by a region. */
export const specialPeriodSchema = z.object({
  id: z.number(), regionCode: z.string(), regionName: z.string().nullable(), kind: specialKindSchema, level: z.string().nullable(), name: z.string(), startsAt: z.number(), endsAt: z.number(),
  source: z.string().nullable(), note: z.string().nullable(), createdBy: z.number(), createdAt: z.number(), cancelledAt: z.number().nullable(), cancelReason: z.string().nullable(),
  /** Until when it binds (its end, or earlier once cancelled). */
  effectiveEnd: z.number(),
  /** Whether it binds now. */
  inForce: z.boolean(),
  /** Whether the caller may cancel it (declared within the caller's region, not yet cancelled). */
  manageable: z.boolean(),
});
export type SpecialPeriod = z.infer<typeof specialPeriodSchema>;

/** One outlet and pollutant of GET /api/enterprises/:id/annual (compliance/annual.ts). */
export interface AnnualRow {
  outletId: number;
  outletCode: string;
  outletKind: 'air' | 'water';
  factor: string;
  factorName: string | null;
  factorNameEn: string | null;
  permittedT: number | null;
  permitNumber: string | null;
  ytdT: number;
  hours: number;
  /** Mean mass per day of data in the last 30 days, t/d (null without recent data). */
  recentDailyT: number | null;
  forecastT: number;
  /** 'over': year to date already above the quantity; 'forecast_over': the forecast is. */
  status: 'within' | 'forecast_over' | 'over' | 'no_quantity';
}

/** GET /api/enterprises/:id/annual: the annual permitted quantities of a Beijing calendar year. */
export interface AnnualReport {
  enterpriseId: number;
  year: number;
  from: number;
  to: number;
  asOf: number;
  method: string;
  rows: AnnualRow[];
}

export type CellStatus = 'compliant' | 'exceeded' | 'insufficient' | 'no_data' | 'no_limit';

export interface GridMonth {
  /** YYYY-MM (Beijing). */
  month: string;
  from: number;
  to: number;
}

export interface GridLimit {
  basis: 'hourly' | 'daily';
  limit: number;
  unit: string;
  referenceO2: number | null;
  /** The permit that sets it; null when the source is not a permit. */
  permitNumber: string | null;
  /** The span of the window in which this limit was in force. */
  from: number;
  to: number;
}

export interface GridCell {
  month: string;
  status: CellStatus;
  /** Null when no hourly limit was in force in the month. */
  exceededHours: number | null;
  /** Null when no daily limit was in force in the month. */
  exceededDays: number | null;
  /** Hours with a normal (valid) value. */
  validHours: number;
  /** Hours of the month up to now. */
  expectedHours: number;
  validShare: number | null;
  /** Warnings (not dismissed) overlapping the month, by kind. */
  warnings: Record<string, number>;
}

export interface GridRow {
  pointId: number;
  mn: string;
  outletCode: string;
  outletKind: 'air' | 'water';
  /** Null: the point's warnings that concern no single factor (offline, markings …). */
  factor: string | null;
  /** The factor's names (HJ 212 factor table), for the console in either language. */
  factorName: string | null;
  factorNameEn: string | null;
  limits: GridLimit[];
  cells: GridCell[];
}

/** GET /api/enterprises/:id/compliance-grid: points × factors × the last 12 Beijing months (compliance/compliance-grid.ts). */
export interface ComplianceGrid {
  enterpriseId: number;
  months: GridMonth[];
  minValidShare: number;
  rows: GridRow[];
}
