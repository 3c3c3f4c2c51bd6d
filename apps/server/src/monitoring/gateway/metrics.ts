// Gateway metrics in Prometheus text format. Each gateway owns its own registry (not prom-client's global
// one) so that tests and benchmarks can run several gateways in one process without label clashes.
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface GatewayMetrics {
  registry: Registry;
  framesAccepted: Counter<'cn'>;
  framesRejected: Counter<'reason'>;
  bytesReceived: Counter;
  connections: Gauge;
  connectionsTotal: Counter;
  connectionsClosed: Counter<'why'>;
  acceptErrors: Counter;
  backpressure: Counter<'why'>;
  commitBatchSize: Histogram;
  commitSeconds: Histogram;
  ackLatency: Histogram;
  acksSent: Counter;
  sinkErrors: Counter;
  timeCalibrations: Counter;
  quarantineDropped: Counter;
  subpacketsIncomplete: Counter;
  inflightFrames: Gauge;
}

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    framesAccepted: new Counter({ name: 'hj212_frames_accepted_total', help: 'Frames authenticated and stored, by CN', labelNames: ['cn'], registers }),
    framesRejected: new Counter({ name: 'hj212_frames_rejected_total', help: 'Frames or bad regions rejected, by reason', labelNames: ['reason'], registers }),
    bytesReceived: new Counter({ name: 'hj212_bytes_received_total', help: 'Bytes read from loggers', registers }),
    connections: new Gauge({ name: 'hj212_connections', help: 'Open logger connections', registers }),
    connectionsTotal: new Counter({ name: 'hj212_connections_total', help: 'Logger connections accepted', registers }),
    connectionsClosed: new Counter({ name: 'hj212_connections_closed_total', help: 'Connections closed, by why', labelNames: ['why'], registers }),
    acceptErrors: new Counter({ name: 'hj212_accept_errors_total', help: 'Connections the gateway could not accept (EMFILE and the like)', registers }),
    backpressure: new Counter({
      name: 'hj212_backpressure_pauses_total',
      help: 'Times the gateway stopped reading a connection, by why (commits: too many frames waiting for the store; replies: the logger does not read its replies)',
      labelNames: ['why'],
      registers,
    }),
    commitBatchSize: new Histogram({
      name: 'hj212_commit_batch_frames',
      help: 'Frames per group commit',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000],
      registers,
    }),
    commitSeconds: new Histogram({
      name: 'hj212_commit_seconds',
      help: 'Duration of one group commit',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1],
      registers,
    }),
    ackLatency: new Histogram({
      name: 'hj212_ack_latency_seconds',
      help: 'From the frame fully received to its 9014 written to the socket',
      buckets: [0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5],
      registers,
    }),
    acksSent: new Counter({ name: 'hj212_acks_sent_total', help: 'Replies sent: 9014 after the durable commit of a data frame, 9013 at once to a heartbeat', registers }),
    sinkErrors: new Counter({ name: 'hj212_sink_errors_total', help: 'Group commits that failed (frames not acknowledged)', registers }),
    timeCalibrations: new Counter({ name: 'hj212_time_calibrations_total', help: '1012 time-set commands sent', registers }),
    quarantineDropped: new Counter({
      name: 'hj212_quarantine_dropped_total',
      help: 'Rejected regions counted but not stored (per-connection quarantine rate limit)',
      registers,
    }),
    subpacketsIncomplete: new Counter({ name: 'hj212_subpackets_incomplete_total', help: 'Subpacket sets that timed out incomplete', registers }),
    inflightFrames: new Gauge({ name: 'hj212_inflight_frames', help: 'Frames waiting for their group commit', registers }),
  };
}

/** Serves `GET /metrics` (Prometheus text) and `GET /healthz`. */
export function serveMetrics(registry: Registry, host: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/metrics') {
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(text);
        },
        (err: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(err));
        },
      );
      return;
    }
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
