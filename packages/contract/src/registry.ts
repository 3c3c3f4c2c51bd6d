// The registry (apps/server/src/registry): regions, enterprises with their outlets, points and permits, and
// the permit editor's view. The zod schemas are the routes' response schemas.
import { z } from 'zod';
import { pointSummarySchema } from './monitoring.ts';

/** GET /api/regions: one region (GB/T 2260) in the caller's scope. */
export const regionSchema = z.object({ code: z.string(), name: z.string(), level: z.string(), parentCode: z.string().nullable() });
export type Region = z.infer<typeof regionSchema>;

/** An enterprise in lists (GET /api/enterprises). */
export const enterpriseSchema = z.object({
  id: z.number(),
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  industry: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  pointCount: z.number(),
  industryCode: z.string().nullable(),
  /** The GB/T 4754-2017 class name of industryCode (1713 → 棉印染精加工); null when the code is not known. */
  industryName: z.string().nullable(),
  managementCategory: z.string().nullable(),
  keyAir: z.boolean(),
  keyWater: z.boolean(),
  keySoil: z.boolean(),
  keyHazardousWaste: z.boolean(),
  carbonKeyEmitter: z.boolean(),
});
export type Enterprise = z.infer<typeof enterpriseSchema>;

/** A limit of a permit as the enterprise page shows it. */
export const permitLimitSchema = z.object({
  outletId: z.number(), factor: z.string(), factorName: z.string(), limit: z.number(), unit: z.string(), basis: z.string(),
  referenceO2: z.number().nullable(), annualQuantityT: z.number().nullable(), standard: z.string().nullable(),
});
export type PermitLimit = z.infer<typeof permitLimitSchema>;

/** A permit on the enterprise page; `inForce`: valid and within its dates now. */
export const permitSchema = z.object({
  id: z.number(), number: z.string(), issuedAt: z.number(), validFrom: z.number(), validTo: z.number(), issuer: z.string(), status: z.string(), inForce: z.boolean(),
  limits: z.array(permitLimitSchema),
});
export type Permit = z.infer<typeof permitSchema>;

export const enterpriseOutletSchema = z.object({ id: z.number(), code: z.string(), kind: z.string(), name: z.string(), points: z.array(pointSummarySchema) });
export type EnterpriseOutlet = z.infer<typeof enterpriseOutletSchema>;

/** GET /api/enterprises/:id. */
export const enterpriseDetailSchema = enterpriseSchema.extend({
  /** 法定代表人; in the detail only (not in lists or exports): a natural person's name, needed for the case documents. */
  legalRepresentative: z.string().nullable(),
  outlets: z.array(enterpriseOutletSchema),
  permits: z.array(permitSchema),
});
export type EnterpriseDetail = z.infer<typeof enterpriseDetailSchema>;

// Null: the ordinary limit; otherwise it binds while a special period of that kind runs (special-periods.ts).
export const specialKindSchema = z.enum(['heavy_pollution', 'special_event']);
export type SpecialKind = z.infer<typeof specialKindSchema>;

/** A permit limit as the permit editor reads and writes it (registry/routes/permits.ts). */
export const editableLimitSchema = z.object({
  id: z.number(), outletId: z.number(), factor: z.string(), factorName: z.string(), limit: z.number(), unit: z.string(), basis: z.string(),
  referenceO2: z.number().nullable(), annualQuantityT: z.number().nullable(), standard: z.string().nullable(), note: z.string().nullable(),
  specialKind: specialKindSchema.nullable(),
});
export type EditableLimit = z.infer<typeof editableLimitSchema>;

/** A permit as the permit editor reads and writes it. */
export const editablePermitSchema = z.object({
  id: z.number(), number: z.string(), issuedAt: z.number(), validFrom: z.number(), validTo: z.number(), issuer: z.string(), status: z.string(),
  limits: z.array(editableLimitSchema),
});
export type EditablePermit = z.infer<typeof editablePermitSchema>;

/** A row of the national standards' limits the editor offers (domain STANDARD_ROWS). */
export const permitStandardSchema = z.object({
  id: z.string(), standard: z.string(), applicability: z.string(), factor: z.string(), limit: z.number(), unit: z.string(), basis: z.string(), referenceO2: z.number().nullable(),
});
export type PermitStandard = z.infer<typeof permitStandardSchema>;

export const permitOutletSchema = z.object({ id: z.number(), code: z.string(), name: z.string(), kind: z.string() });
export type PermitOutlet = z.infer<typeof permitOutletSchema>;

/** GET /api/enterprises/:id/permits. */
export const permitsViewSchema = z.object({ permits: z.array(editablePermitSchema), outlets: z.array(permitOutletSchema), standards: z.array(permitStandardSchema) });
export type PermitsView = z.infer<typeof permitsViewSchema>;
