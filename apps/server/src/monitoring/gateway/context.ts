// What every connection of one gateway shares: options, the registry, the committer, metrics, the clock
// guard and the subpacket accounting. Listed explicitly rather than passed as a bag of everything.
import type { Packet, SubpacketAssembler } from '@ecoenforce/hj212';
import type { GroupCommitter } from './committer.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { PointRegistry } from './sink.ts';
import type { LoggerConnection } from './connection.ts';

export interface GatewayOptions {
  host: string;
  port: number;
  /** Largest data segment (lenient default 9999; strict 1024). */
  maxSegment: number;
  strict: boolean;
  /** Close a connection that sends no complete frame for this long (2011 real-time data comes every 30 s). */
  idleTimeoutMs: number;
  /** Close a connection that holds an incomplete frame this long (one byte a second…). */
  frameTimeoutMs: number;
  /** Frames of one connection waiting for commit before we stop reading from it. */
  maxInflightPerConnection: number;
  /**
   * Reply bytes queued for one connection (its logger is not reading them) before we stop reading from it:
   * a logger that never reads its 9014s must wait in its own TCP window, not in our memory.
   */
  maxQueuedReplyBytes: number;
  /** Rejected bytes since the last good frame before the connection is cut. */
  maxJunkBytes: number;
  /** Quarantine records per connection per minute; more are counted, not stored. */
  quarantinePerMinute: number;
  maxConnections: number;
  commitMaxBatch: number;
  commitLingerMs: number;
  /** On stop, wait this long for the store to commit what was received before closing anyway. */
  stopDrainMs: number;
}

export const DEFAULT_GATEWAY_OPTIONS: GatewayOptions = {
  host: '127.0.0.1',
  port: 9212,
  maxSegment: 9999,
  strict: false,
  idleTimeoutMs: 300_000,
  frameTimeoutMs: 30_000,
  maxInflightPerConnection: 256,
  maxQueuedReplyBytes: 64 * 1024,
  maxJunkBytes: 1 << 20,
  quarantinePerMinute: 20,
  maxConnections: 20_000,
  commitMaxBatch: 2000,
  commitLingerMs: 0,
  stopDrainMs: 10_000,
};

/** Sends 1012 to a logger whose clock is off, at most once per interval per MN. */
export interface ClockGuard {
  check(p: Packet, driftMs: number | null, now: number): Uint8Array | null;
}

export interface GatewayContext {
  options: GatewayOptions;
  registry: PointRegistry;
  committer: GroupCommitter;
  metrics: GatewayMetrics;
  clockGuard: ClockGuard;
  subpackets: SubpacketAssembler;
  now: () => number;
  forget(conn: LoggerConnection): void;
}
