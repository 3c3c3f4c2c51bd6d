// Every API route, registered in one list so the access test sees them all.
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import type { HttpDeps } from '../app.ts';
import { auditRoutes } from './audit.ts';
import { catalogueRoutes } from './catalogue.ts';
import { authRoutes } from './auth.ts';
import { caseRoutes } from './cases.ts';
import { frameRoutes } from './frames.ts';
import { importRoutes } from './imports.ts';
import { liveRoutes } from './live.ts';
import { markingRoutes } from './markings.ts';
import { meterFeedRoutes } from './meter-feed.ts';
import { gridRoutes } from './grid.ts';
import { annualRoutes } from './annual.ts';
import { complianceRoute, pointRoutes } from './points.ts';
import { permitRoutes } from './permits.ts';
import { registryRoutes } from './registry.ts';
import { reportRoutes } from './reports.ts';
import { riskRoutes } from './risk.ts';
import { specialPeriodRoutes } from './special-periods.ts';
import { monthlyRoutes } from './monthly.ts';
import { tokenRoutes } from './tokens.ts';
import { warningRoutes } from './warnings.ts';
import { taskRoutes } from './tasks.ts';
import { enforcementStatsRoutes } from './enforcement-stats.ts';
import { rectificationRoutes } from './rectifications.ts';
import { inspectionRoutes } from './inspections.ts';
import { drawRoutes } from './draws.ts';
import { publicationRoutes } from './publication.ts';
import { userRoutes } from './users.ts';

export type ZApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface RouteContext {
  app: ZApp;
  deps: HttpDeps;
}

export async function registerRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  await app.register(multipart);
  const ctx: RouteContext = { app: app.withTypeProvider<ZodTypeProvider>(), deps };
  authRoutes(ctx);
  caseRoutes(ctx);
  tokenRoutes(ctx);
  registryRoutes(ctx);
  permitRoutes(ctx);
  pointRoutes(ctx);
  complianceRoute(ctx);
  frameRoutes(ctx);
  liveRoutes(ctx);
  importRoutes(ctx);
  auditRoutes(ctx);
  warningRoutes(ctx);
  taskRoutes(ctx);
  reportRoutes(ctx);
  riskRoutes(ctx);
  monthlyRoutes(ctx);
  markingRoutes(ctx);
  gridRoutes(ctx);
  annualRoutes(ctx);
  specialPeriodRoutes(ctx);
  meterFeedRoutes(ctx);
  catalogueRoutes(ctx);
  enforcementStatsRoutes(ctx);
  rectificationRoutes(ctx);
  inspectionRoutes(ctx);
  drawRoutes(ctx);
  publicationRoutes(ctx);
  userRoutes(ctx);
}
