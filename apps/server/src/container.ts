// Composition root: the only place that wires the store, the registry, the sink, the gateway and the
// metrics endpoint together.
import type { Server } from 'node:http';
import type { ServerConfig } from './config.ts';
import { openDatabase, type Database } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { startGateway, type Gateway } from './ingest/gateway.ts';
import { serveMetrics } from './ingest/metrics.ts';
import { createFrameSink } from './repositories/frame-sink.ts';
import { loadRegistry } from './repositories/points.ts';

export interface RunningServer {
  database: Database;
  gateway: Gateway;
  metricsServer: Server | null;
  metricsUrl: string | null;
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
}

export async function startServer(config: ServerConfig, database?: Database, opts: StartOptions = {}): Promise<RunningServer> {
  const db = database ?? (await openMigrated(config.db));
  let gateway: Gateway | null = null;
  let metricsServer: Server | null = null;
  try {
    const registry = await loadRegistry(db);
    gateway = await startGateway({ sink: createFrameSink(db), registry, ...(opts.now ? { now: opts.now } : {}) }, config.gateway);
    if (config.metricsPort >= 0) metricsServer = await serveMetrics(gateway.metrics.registry, config.metricsHost, config.metricsPort);
  } catch (err) {
    // A half-started server must not keep the process alive (a listening gateway with no metrics port
    // because that port was taken): undo what started, then report the first error.
    await gateway?.stop().catch(() => undefined);
    if (database === undefined) await db.close().catch(() => undefined);
    throw err;
  }
  const started = gateway;
  const address = metricsServer?.address();
  const metricsUrl = address && typeof address === 'object' ? `http://${config.metricsHost}:${address.port}/metrics` : null;
  let stopping: Promise<void> | null = null;
  return {
    database: db,
    gateway: started,
    metricsServer,
    metricsUrl,
    stop() {
      stopping ??= (async () => {
        await started.stop();
        if (metricsServer) await new Promise<void>((r) => metricsServer.close(() => r()));
        await db.close();
      })();
      return stopping;
    },
  };
}
