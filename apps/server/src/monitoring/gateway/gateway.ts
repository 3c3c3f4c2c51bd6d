// The HJ 212 TCP gateway: one connection per logger, acknowledgement (9014) only after the frame and its
// readings are durable in the sink, graceful stop that finishes in-flight commits and replies.
import { createServer, type Server } from 'node:net';
import { SubpacketAssembler, makeQn, setTimeCommand, type Packet } from '@ecoenforce/hj212';
import { GroupCommitter } from './committer.ts';
import { DEFAULT_GATEWAY_OPTIONS, type ClockGuard, type GatewayContext, type GatewayOptions } from './context.ts';
import { needsCalibration, DEFAULT_DRIFT_POLICY, type DriftPolicy } from './classify.ts';
import { LoggerConnection } from './connection.ts';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.ts';
import type { AcceptedFrame, DurableSink, PointRegistry } from './sink.ts';

export interface GatewayDeps {
  sink: DurableSink;
  registry: PointRegistry;
  metrics?: GatewayMetrics;
  now?: () => number;
  driftPolicy?: DriftPolicy;
  /** Told of accepted frames after their durable commit. */
  onCommitted?: (frames: readonly AcceptedFrame[]) => void;
}

export interface Gateway {
  readonly port: number;
  readonly metrics: GatewayMetrics;
  readonly connectionCount: number;
  /** The largest framer buffer and reply queue of any open connection, in bytes (memory bounds, tests). */
  bufferStats(): { framerBytes: number; replyBytes: number };
  /** Stop accepting, stop reading, commit and answer what was received, then close. */
  stop(): Promise<void>;
}

function createClockGuard(registry: PointRegistry, policy: DriftPolicy): ClockGuard {
  const lastSent = new Map<string, number>();
  return {
    check(p: Packet, driftMs: number | null, now: number): Uint8Array | null {
      if (!needsCalibration(driftMs, lastSent.get(p.mn), now, policy)) return null;
      const point = registry.lookup(p.mn);
      if (point === undefined) return null;
      lastSent.set(p.mn, now);
      return setTimeCommand({ mn: p.mn, pw: point.pw, version: p.version, st: p.st, systemTime: now, qn: makeQn(now) });
    },
  };
}

export async function startGateway(deps: GatewayDeps, opts: Partial<GatewayOptions> = {}): Promise<Gateway> {
  const options: GatewayOptions = { ...DEFAULT_GATEWAY_OPTIONS, ...opts };
  const metrics = deps.metrics ?? createGatewayMetrics();
  const now = deps.now ?? Date.now;
  const connections = new Set<LoggerConnection>();
  const subpackets = new SubpacketAssembler({ timeoutMs: 120_000 });
  const ctx: GatewayContext = {
    options,
    registry: deps.registry,
    committer: new GroupCommitter(deps.sink, metrics, {
      maxBatch: options.commitMaxBatch,
      lingerMs: options.commitLingerMs,
      ...(deps.onCommitted ? { onCommitted: deps.onCommitted } : {}),
    }),
    metrics,
    clockGuard: createClockGuard(deps.registry, deps.driftPolicy ?? DEFAULT_DRIFT_POLICY),
    subpackets,
    now,
    forget(conn) {
      if (connections.delete(conn)) metrics.connections.set(connections.size);
    },
  };

  const server: Server = createServer((socket) => {
    const conn = new LoggerConnection(socket, ctx);
    connections.add(conn);
    metrics.connectionsTotal.inc();
    metrics.connections.set(connections.size);
  });
  // Node refuses connections beyond this itself and emits 'drop' for each.
  server.maxConnections = options.maxConnections;
  server.on('drop', () => metrics.connectionsClosed.inc({ why: 'max_connections' }));

  // One sweep for all connections instead of a timer per connection: cut loggers that hold a partial
  // frame too long (a slow-drip client) or send no complete frame for the idle timeout (junk dripped a
  // byte at a time keeps the socket's own timeout from firing), and count subpacket sets that never
  // completed.
  const sweep = setInterval(() => {
    const t = performance.now();
    for (const conn of connections) {
      if (conn.waitingForStore) continue;
      if (conn.partialSince !== 0 && t - conn.partialSince > options.frameTimeoutMs) conn.close('frame_timeout');
      else if (t - conn.lastFrameAt > options.idleTimeoutMs) conn.close('idle');
    }
    const expired = subpackets.expire(now());
    if (expired.length > 0) metrics.subpacketsIncomplete.inc(expired.length);
  }, 1000);
  sweep.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host, backlog: 4096 }, () => {
      server.off('error', reject);
      // After listening, an error is an accept failure (EMFILE, ENFILE when descriptors run out): count
      // and report it; the server keeps listening and the loggers already connected are unaffected.
      server.on('error', (err) => {
        metrics.acceptErrors.inc();
        console.error(`gateway: ${String(err)}`);
      });
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;

  let stopping: Promise<void> | null = null;
  async function stop(): Promise<void> {
    clearInterval(sweep);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const conn of connections) conn.stopReading();
    const drained = await ctx.committer.drain(options.stopDrainMs);
    if (!drained) console.error(`gateway: the store did not finish within ${options.stopDrainMs} ms; unacknowledged frames will be retransmitted`);
    // Replies of the last commit are written on this tick; end() flushes them before FIN.
    for (const conn of connections) conn.end();
    const deadline = Date.now() + 2000;
    while (connections.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const conn of connections) conn.close('shutdown');
    await closed;
    await deps.sink.close();
  }

  return {
    port,
    metrics,
    get connectionCount() {
      return connections.size;
    },
    bufferStats() {
      let framerBytes = 0;
      let replyBytes = 0;
      for (const conn of connections) {
        framerBytes = Math.max(framerBytes, conn.bufferedBytes);
        replyBytes = Math.max(replyBytes, conn.queuedReplyBytes);
      }
      return { framerBytes, replyBytes };
    },
    stop() {
      stopping ??= stop();
      return stopping;
    },
  };
}
