// The HTTP API and the console's static files, on Fastify with zod schemas (fastify-type-provider-zod).
// Access control happens in exactly one place, the onRequest hook below, driven by each route's declared
// `config.access`; a route under /api without a declaration refuses to register.
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../platform/db/connect.ts';
import type { Access, Principal, Scope } from '../access/index.ts';
import { authenticate, enforce } from './guard.ts';
import { ApiError } from '../platform/errors.ts';
import { installErrorHandler, installNotFound } from './errors.ts';
import type { LiveHub, PointActivity } from '../monitoring/index.ts';
import { serveConsole } from './console.ts';
import { registerRoutes } from './routes.ts';
import { createHttpMetrics, type HttpMetrics } from './metrics.ts';
import { PdfRenderer } from '../platform/pdf/renderer.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    scope: Scope | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export interface HttpDeps {
  database: Database;
  /** The platform clock (the gateway's; simulated in the demo). */
  now: () => number;
  /** How many platform milliseconds pass per wall-clock millisecond (the demo's speed; 1 by default). */
  clockRate?: number;
  activity: PointActivity;
  live: LiveHub;
  /** Built console (apps/web/dist), or null to serve the API only. */
  webDist: string | null;
  /** Set the Secure flag on cookies (behind TLS). */
  secureCookies: boolean;
  /** Take client addresses from X-Forwarded-For. */
  trustProxy?: boolean;
  metrics?: HttpMetrics;
  /** After registry imports: the gateway learns new points and PWs, the live hub their locations. */
  onRegistryChanged?: () => Promise<void>;
  /**
   * What judged a point's periods in [from, to) changed (a marking made or withdrawn, a permit limit
   * edited): the compliance runner closes those periods again.
   */
  reclose?: (pointId: number, from: number, to: number) => void;
  /** The server runs the demo (`ecoenforce demo`): the login page says where its accounts are listed. Never set by `serve`. */
  demo?: boolean;
  /** PDF rendering off the HTTP thread; when absent the app makes a one-worker pool and closes it with itself. */
  pdf?: PdfRenderer;
}

export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
}

export type App = FastifyInstance & { apiRoutes: ApiRoute[] };

export async function buildApp(deps: HttpDeps): Promise<App> {
  const app = Fastify({
    logger: false,
    bodyLimit: 20 * 1024 * 1024,
    trustProxy: deps.trustProxy === true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const metrics = deps.metrics ?? createHttpMetrics();
  installErrorHandler(app, (code) => metrics.errors.inc({ code }));

  const apiRoutes: ApiRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (access === undefined) throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access)`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, access });
  });
  app.decorateRequest('principal', null);
  app.decorateRequest('scope', null);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'EcoEnforce API', version: '1', description: 'Ecological-environment law enforcement platform. See docs/api.md.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ee_session' }, token: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    metrics.requests.inc();
    const access = req.routeOptions.config.access;
    if (access === undefined) return; // an unknown /api route: the 404 handler answers
    await authenticate(req, deps);
    await enforce(req, access, deps);
  });

  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, () => app.swagger());
  const pdf = deps.pdf ?? new PdfRenderer();
  if (deps.pdf === undefined) app.addHook('onClose', () => pdf.close());
  await registerRoutes(app, { ...deps, pdf });
  installNotFound(app, (code) => metrics.errors.inc({ code }), await serveConsole(app, deps.webDist));
  // Typed errors for stray API paths rather than the console's index.html.
  app.all('/api/*', { config: { access: { public: true } }, schema: { hide: true } }, (req) => {
    throw new ApiError('not_found', `no route for ${req.method} ${req.url.split('?')[0]}`);
  });
  await app.ready();
  return Object.assign(app, { apiRoutes });
}
