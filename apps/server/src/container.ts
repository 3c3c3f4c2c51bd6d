// Composition root: the only place that wires the store, the registry, the sink, the gateway and the
// metrics endpoint together.
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { ServerConfig } from './config.ts';
import { openDatabase, type Database } from './platform/db/connect.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { driftPolicyFor, startGateway, type Gateway, serveMetrics, createFrameSink, loadRegistry, LiveHub, PointActivity } from './monitoring/index.ts';
import { buildApp, type App } from './http/app.ts';
import { createHttpMetrics } from './http/metrics.ts';
import { ComplianceRunner } from './compliance/index.ts';
import { DailyJobs } from './platform/daily-jobs.ts';
import { riskJob } from './risk/index.ts';
import { taskEscalationJob, rectificationEscalationJob } from './enforcement/index.ts';
import { PdfRenderer } from './platform/pdf/renderer.ts';
import { Notifier, WebhookSender, deliveryRecorder, notifyWarningRaised, webhookAttemptsCounter } from './notifications/index.ts';

/** The built web console, served by the API server when present. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface RunningServer {
  database: Database;
  gateway: Gateway;
  metricsServer: Server | null;
  metricsUrl: string | null;
  /** The API and console, when `httpPort` ≥ 0. */
  http: App | null;
  httpUrl: string | null;
  activity: PointActivity;
  compliance: ComplianceRunner;
  /** Once-a-day work on the platform clock (the risk score). */
  daily: DailyJobs;
  stop(): Promise<void>;
}

export async function openMigrated(url: string): Promise<Database> {
  const database = await openDatabase(url);
  try {
    await migrateToLatest(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

export interface StartOptions {
  /** The gateway's clock (receive times, clock-drift judgement, 1012 SystemTime); default the real clock. */
  now?: () => number;
  /** Platform milliseconds per wall millisecond of `now` (the demo's speed); default 1. */
  clockRate?: number;
  /** Serve the console from this directory instead of WEB_DIST (null: the API only). */
  webDist?: string | null;
  /** Running as the demo (only `ecoenforce demo` sets it): GET /api/auth/options says so to the login page. */
  demo?: boolean;
}

export async function startServer(config: ServerConfig, database?: Database, opts: StartOptions = {}): Promise<RunningServer> {
  const db = database ?? (await openMigrated(config.db));
  let gateway: Gateway | null = null;
  let metricsServer: Server | null = null;
  let http: App | null = null;
  const now = opts.now ?? Date.now;
  const activity = new PointActivity(now);
  const live = new LiveHub(db.db, activity);
  const compliance = new ComplianceRunner(db.db, now, {
    onWarnings: (pointId, warnings) => {
      for (const w of warnings) {
        live.warning(pointId, w.id, w.created);
        // Those who triage the enterprise's region and the enterprise itself are notified (the notifier pushes it).
        if (w.created) notifyWarningRaised(db.db, w.id, now()).catch((err: unknown) => console.error(`notify warning ${w.id}: ${String(err)}`));
      }
    },
  });
  const daily = new DailyJobs(db.db, now, [riskJob(db.db), taskEscalationJob(db.db, (e) => live.task(e.at, { id: e.id, escalation: e.to })), rectificationEscalationJob(db.db)], {
    onError: (job, err) => console.error(`daily job ${job}: ${String(err)}`),
  });
  let pdf: PdfRenderer | null = null;
  let webhook: WebhookSender | null = null;
  let notifier: Notifier | null = null;
  try {
    const registry = await loadRegistry(db);
    await activity.load(db.db);
    await live.load();
    // A platform clock running fast (the demo) magnifies transit delays into apparent drift (driftPolicyFor).
    const driftPolicy = driftPolicyFor(opts.clockRate ?? 1);
    gateway = await startGateway({ sink: createFrameSink(db), registry, now, driftPolicy, onCommitted: (frames) => {
      live.framesStored(frames);
      compliance.framesStored(frames);
    } }, config.gateway);
    if (config.metricsPort >= 0) metricsServer = await serveMetrics(gateway.metrics.registry, config.metricsHost, config.metricsPort);
    if (config.httpPort >= 0) {
      pdf = new PdfRenderer({ workers: config.pdfWorkers, registry: gateway.metrics.registry });
      http = await buildApp({
        pdf,
        database: db, now, clockRate: opts.clockRate ?? 1, demo: opts.demo === true, activity, live, webDist: opts.webDist === undefined ? WEB_DIST : opts.webDist,
        secureCookies: config.secureCookies, trustProxy: config.trustProxy, metrics: createHttpMetrics(gateway.metrics.registry),
        reclose: (pointId, from, to) => compliance.reclose(pointId, from, to),
        onRegistryChanged: async () => {
          await registry.reload();
          await live.load();
        },
      });
      await http.listen({ host: config.httpHost, port: config.httpPort });
      live.start();
    }
    if (config.notifyWebhook != null) {
      const attempts = webhookAttemptsCounter(gateway.metrics.registry);
      const record = deliveryRecorder(db.db, now);
      webhook = new WebhookSender(config.notifyWebhook, {
        onAttempt: async (a) => {
          attempts.inc({ result: a.ok ? 'ok' : 'failed' });
          await record(a);
        },
      });
    }
    notifier = new Notifier(db.db, now, { publish: (userId, event, data) => live.toUser(userId, event, data), webhook, onError: (err) => console.error(`notifications: ${String(err)}`) });
    await notifier.start();
    compliance.start();
    daily.start();
  } catch (err) {
    await compliance.stop();
    await daily.stop();
    await notifier?.stop();
    await webhook?.stop();
    // A half-started server must not keep the process alive (a listening gateway with no metrics port
    // because that port was taken): undo what started, then report the first error.
    live.stop();
    await http?.close().catch(() => undefined);
    await pdf?.close();
    await gateway?.stop().catch(() => undefined);
    if (metricsServer) await new Promise<void>((r) => metricsServer!.close(() => r()));
    if (database === undefined) await db.close().catch(() => undefined);
    throw err;
  }
  const started = gateway;
  const httpAddress = http?.server.address();
  const httpUrl = httpAddress && typeof httpAddress === 'object' ? `http://${config.httpHost}:${httpAddress.port}` : null;
  const address = metricsServer?.address();
  const metricsUrl = address && typeof address === 'object' ? `http://${config.metricsHost}:${address.port}/metrics` : null;
  let stopping: Promise<void> | null = null;
  return {
    database: db,
    gateway: started,
    metricsServer,
    metricsUrl,
    http,
    httpUrl,
    activity,
    compliance,
    daily,
    stop() {
      stopping ??= (async () => {
        // The console first: no request should find the store closed under it.
        live.stop();
        await http?.close();
        // After the console: no request is still waiting for a PDF.
        await pdf?.close();
        await started.stop();
        // After the gateway: its last commits may have made hours due; they are closed on the next start.
        await compliance.stop();
        await daily.stop();
        await notifier?.stop();
        await webhook?.stop();
        if (metricsServer) await new Promise<void>((r) => metricsServer.close(() => r()));
        await db.close();
      })();
      return stopping;
    },
  };
}
