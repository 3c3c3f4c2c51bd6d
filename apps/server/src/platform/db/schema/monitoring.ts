// Raw frames (evidence, byte for byte) and the decoded minute readings.
import type { Generated } from 'kysely';

export interface RawFramesTable {
  id: Generated<number>;
  received_at: number;
  peer: string;
  point_id: number | null;
  mn: string | null;
  cn: string | null;
  qn: string | null;
  data_time: number | null;
  verdict: 'accepted' | 'quarantined';
  reason: string | null;
  detail: string | null;
  crc_variant: string | null;
  dedupe_key: string | null;
  bytes: Uint8Array;
}

export interface ReadingsTable {
  point_id: number;
  period_kind: 'rtd' | 'min' | 'hour' | 'day';
  period_start: number;
  cn: string;
  /** All factors of the period, readings-codec.ts format. */
  vals: Uint8Array;
  source_frame_id: number;
  revision: number;
  received_at: number;
}
