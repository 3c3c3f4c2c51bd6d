// User administration and API tokens as the admin's screens see them (issue 14): /api/users… and /api/tokens.
import { z } from 'zod';
import { ROLES } from './accounts.ts';
import { listPageSchema } from './paging.ts';

/** A user as the admin's list shows it: names beside every code and id. */
export const managedUserSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  regionCode: z.string(),
  regionName: z.string(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.number(),
  passwordChangedAt: z.number(),
});
export type ManagedUser = z.infer<typeof managedUserSchema>;

export const managedUserPageSchema = listPageSchema(managedUserSchema);

/** POST /api/users: `password` null or absent has the server generate one, shown once in the answer. */
export const newUserSchema = z.object({
  username: z.string().min(1).max(64),
  displayName: z.string().trim().min(1).max(50),
  role: z.enum(ROLES),
  regionCode: z.string().regex(/^\d{6}$/),
  enterpriseId: z.number().int().positive().nullable().default(null),
  password: z.string().max(200).nullable().default(null),
});
export type NewUser = z.input<typeof newUserSchema>;

/** The answer to a creation or a password reset: the generated password, shown once (null when the admin chose one). */
export const userWithPasswordSchema = z.object({ user: managedUserSchema, password: z.string().nullable() });
export type UserWithPassword = z.infer<typeof userWithPasswordSchema>;

/** PATCH /api/users/:id: a new role and/or region (and the enterprise for the enterprise role). */
export const userChangeSchema = z.object({
  role: z.enum(ROLES).optional(),
  regionCode: z.string().regex(/^\d{6}$/).optional(),
  enterpriseId: z.number().int().positive().nullable().optional(),
});
export type UserChange = z.infer<typeof userChangeSchema>;

/** An API token as GET /api/tokens lists it (never its secret). */
export const apiTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  role: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
  expiresAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** POST /api/tokens: the secret, shown once. */
export const createdTokenSchema = z.object({ id: z.number(), token: z.string(), prefix: z.string() });
export type CreatedToken = z.infer<typeof createdTokenSchema>;
