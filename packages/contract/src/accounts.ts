// Accounts (apps/server/src/accounts): roles, the signed-in user, their sessions, and the admin's list of
// enforcement certificate numbers, as /api/auth… and /api/users… answer them.
import { z } from 'zod';

/** The roles of the platform (access/model.ts decides what each may do). */
export const ROLES = ['officer', 'dispatcher', 'analyst', 'legalReviewer', 'head', 'enterprise', 'verifier', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user as the API shows them. */
export const principalSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  regionCode: z.string(),
  regionName: z.string(),
  enterpriseId: z.number().nullable(),
});
export type Principal = z.infer<typeof principalSchema>;

/** POST /api/auth/login and GET /api/auth/me; certificateNo: the user's own 执法证号 (null for a token). */
/**
 * The platform clock when the answer was made, and how fast it runs against the wall clock (1 in service, the
 * demo's speed in the demo): the console's form defaults and "this month" follow it, not the browser's clock.
 */
export const platformClockSchema = z.object({ now: z.number(), rate: z.number() });
export type PlatformClock = z.infer<typeof platformClockSchema>;

export const meSchema = z.object({ user: principalSchema, csrfToken: z.string(), certificateNo: z.string().nullable(), clock: platformClockSchema });
export type Me = z.infer<typeof meSchema>;

/** One of the user's own sessions (GET /api/auth/sessions); `id` is a prefix of the stored hash. */
export const sessionInfoSchema = z.object({ id: z.string(), createdAt: z.number(), lastSeenAt: z.number(), ip: z.string().nullable(), userAgent: z.string().nullable(), current: z.boolean() });
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/** A bureau user who may hold an enforcement certificate number (GET /api/users/certificates). */
export const certificateHolderSchema = z.object({
  id: z.number(), username: z.string(), displayName: z.string(), role: z.enum(ROLES), regionCode: z.string(), active: z.boolean(), certificateNo: z.string().nullable(),
});
export type CertificateHolder = z.infer<typeof certificateHolderSchema>;

/** PUT /api/users/:id/certificate. */
export const userCertificateSchema = z.object({ id: z.number(), certificateNo: z.string().nullable() });
export type UserCertificate = z.infer<typeof userCertificateSchema>;
