// The one seam between the gateway and durable storage (DESIGN.md §4 step 1). The gateway hands accepted
// and quarantined frames to a sink and acknowledges a logger (9014) only after `write` resolves, i.e. after
// the frames are durable. Here the sink is the embedded store; a later issue puts NATS JetStream behind the
// same interface.
import type { CrcVariant, FactorValues, Hj212Version } from '@ecoenforce/hj212';

/** HJ 212 data kinds that become readings: 2011 rtd, 2051 min, 2061 hour, 2031 day. */
export type PeriodKind = 'rtd' | 'min' | 'hour' | 'day';

export interface AcceptedFrame {
  pointId: number;
  mn: string;
  /** Arrival time, epoch ms UTC. */
  receivedAt: number;
  /** `ip:port` of the logger. */
  peer: string;
  /** The whole frame exactly as received (evidence). */
  bytes: Uint8Array;
  cn: string;
  qn: string | null;
  version: Hj212Version;
  crcVariant: CrcVariant | null;
  /** DataTime, epoch ms UTC (HJ 212 sends Beijing time). Null for frames without one. */
  dataTime: number | null;
  /** Null for frames that carry no readings (1013, 2081, 9015, replies…). */
  periodKind: PeriodKind | null;
  /** Factors of the frame (for subpackets, of this part only). */
  factors: FactorValues[];
}

export type QuarantineReason =
  | 'unknown_mn'
  | 'wrong_pw'
  | 'crc_variant_not_allowed'
  | 'crc_mismatch'
  | 'bad_header'
  | 'bad_length'
  | 'oversize'
  | 'truncated'
  | 'bad_trailer'
  | 'bad_segment'
  | 'missing_field'
  | 'bad_field'
  | 'bad_time';

export interface QuarantinedFrame {
  mn: string | null;
  receivedAt: number;
  peer: string;
  /** The bytes as received (capped by the gateway for hostile garbage). */
  bytes: Uint8Array;
  reason: QuarantineReason;
  detail: string;
}

export interface SinkWriteResult {
  /** Raw frames newly stored (a byte-identical retransmission is not stored twice). */
  framesStored: number;
  /** Readings rows inserted or updated. */
  readingsWritten: number;
}

export interface DurableSink {
  /** Resolves once every frame of the batch is durable (one transaction); rejects if nothing was stored. */
  write(accepted: readonly AcceptedFrame[], quarantined: readonly QuarantinedFrame[]): Promise<SinkWriteResult>;
  close(): Promise<void>;
}

/** What the gateway needs to know of a monitoring point to authenticate and decode its frames. */
export interface RegisteredPoint {
  pointId: number;
  mn: string;
  pw: string;
  /** CRC variants this logger may use; the standard one is always allowed. */
  crcVariants: readonly CrcVariant[];
  version: Hj212Version;
}

export interface PointRegistry {
  lookup(mn: string): RegisteredPoint | undefined;
}
