// Every API route, registered in one list so the access test sees them all.
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import type { HttpDeps } from './app.ts';
import { auditRoutes } from './audit-routes.ts';
import { catalogueRoutes } from '../enforcement/catalogue/routes.ts';
import { authRoutes } from '../accounts/routes/auth.ts';
import { caseRoutes } from '../enforcement/cases/routes.ts';
import { serviceRoutes } from '../enforcement/service/routes.ts';
import { frameRoutes } from '../monitoring/routes/frames.ts';
import { importRoutes } from '../registry/routes/imports.ts';
import { liveRoutes } from '../monitoring/routes/live.ts';
import { markingRoutes } from '../compliance/routes/markings.ts';
import { meterFeedRoutes } from '../monitoring/routes/meter-feed.ts';
import { gridRoutes } from '../compliance/routes/grid.ts';
import { annualRoutes } from '../compliance/routes/annual.ts';
import { complianceRoute, pointRoutes } from '../monitoring/routes/points.ts';
import { permitRoutes } from '../registry/routes/permits.ts';
import { registryRoutes } from '../registry/routes/registry.ts';
import { reportRoutes } from '../reports/routes/weekly.ts';
import { overviewRoutes } from '../reports/routes/overview.ts';
import { riskRoutes } from '../risk/routes/risk.ts';
import { specialPeriodRoutes } from '../compliance/routes/special-periods.ts';
import { monthlyRoutes } from '../reports/routes/monthly.ts';
import { tokenRoutes } from '../accounts/routes/tokens.ts';
import { warningRoutes } from '../compliance/routes/warnings.ts';
import { taskRoutes } from '../enforcement/tasks/routes.ts';
import { enforcementStatsRoutes } from '../enforcement/statistics/routes.ts';
import { rectificationRoutes } from '../enforcement/rectification/routes.ts';
import { inspectionRoutes } from '../enforcement/inspections/routes.ts';
import { drawRoutes } from '../enforcement/draws/routes.ts';
import { publicationRoutes } from '../enforcement/publication/routes.ts';
import { userRoutes } from '../accounts/routes/users.ts';
import { notificationRoutes } from '../notifications/routes.ts';

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
  serviceRoutes(ctx);
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
  overviewRoutes(ctx);
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
  notificationRoutes(ctx);
}
