// Public types of the HJ 212 codec. Everything the framer, decoder and encoder exchange is declared here
// so the gateway, the simulator and the CLI agree on one shape.

/** Protocol generation, from the Flag version bits (HJ 212-2017 §6.3.3; 2025 uses 000010). */
export type Hj212Version = '2005' | '2017' | '2025';

/**
 * Which CRC computation matched the 4 hex digits a frame carries.
 * - `hj212`: HJ 212-2017 Appendix A, upper-case, zero-padded (the standard).
 * - `hj212-lowercase`: the same value written in lower-case hex.
 * - `hj212-unpadded`: the same value without leading zeros (e.g. `880`).
 * - `modbus-lo-first`: CRC-16/MODBUS written low byte first (seen in real captures).
 * - `modbus`: CRC-16/MODBUS written high byte first.
 */
export type CrcVariant = 'hj212' | 'hj212-lowercase' | 'hj212-unpadded' | 'modbus-lo-first' | 'modbus';

/** Stable machine-readable error codes. Never thrown by the framer or decoder: returned as values. */
export type Hj212ErrorCode =
  | 'bad_header' // bytes that do not start a frame (garbage before or between frames)
  | 'bad_length' // length field not digits, or declared length does not reach the CRC and trailer
  | 'oversize' // declared segment length above the configured cap
  | 'truncated' // stream ended inside a frame
  | 'crc_mismatch' // CRC matches no accepted variant
  | 'bad_trailer' // bytes after the CRC are not CR LF, LF or nothing
  | 'bad_segment' // data segment is not `key=value;…CP=&&…&&`
  | 'missing_field' // a required header field (ST, CN, MN…) is absent
  | 'bad_field' // a field has an impossible value (non-numeric Flag, bad PNUM/PNO…)
  | 'bad_time'; // DataTime or QN is not a valid 14/17-digit Beijing time

export interface Hj212Error {
  readonly code: Hj212ErrorCode;
  /** Byte offset in the stream where the bad region or frame starts. */
  readonly offset: number;
  readonly detail: string;
  /** The bytes of the bad region or frame, as received (for quarantine). May be capped in length. */
  readonly bytes?: Uint8Array;
}

/** A frame found on the wire: boundaries checked, not yet decoded. `bytes` includes `##`, length, CRC, trailer. */
export interface RawFrame {
  readonly bytes: Uint8Array;
  /** Offset of `##` in the stream (counting from the first byte ever pushed to this framer). */
  readonly offset: number;
  /** Data segment start and end within `bytes`. */
  readonly segmentStart: number;
  readonly segmentEnd: number;
  /** The 4 (or fewer, if unpadded) hex characters as sent. */
  readonly crcText: string;
  readonly trailer: 'crlf' | 'lf' | 'none' | 'literal';
}

export interface FramerOptions {
  /** Largest data segment accepted. Default 9999 (lenient). Strict mode uses 1024 (HJ 212-2017 §6.3.1). */
  maxSegment?: number;
  /** Apply the standard's limits (segment ≤ 1024, 4-digit zero-padded length, CR LF trailer). */
  strict?: boolean;
}

export interface FrameSink {
  frame(frame: RawFrame): void;
  error(error: Hj212Error): void;
}

/** Values of one factor, grouped from `code-Suffix` keys. */
export interface FactorValues {
  code: string;
  /** The 2017 code when `code` is a 2005 code found in the factor table; otherwise `code`. */
  code2017: string;
  rtd?: number;
  min?: number;
  avg?: number;
  max?: number;
  cou?: number;
  zsRtd?: number;
  zsMin?: number;
  zsAvg?: number;
  zsMax?: number;
  flag?: string;
  eflag?: string;
  /** Any other suffix as sent (e.g. SampleTime, Info, ValidNum), numbers parsed where numeric. */
  extra?: Record<string, number | string>;
}

export interface Packet {
  version: Hj212Version;
  qn: string | null;
  st: string;
  cn: string;
  pw: string;
  mn: string;
  /** Flag as sent; null when absent. */
  flag: number | null;
  pnum?: number;
  pno?: number;
  /** DataTime as sent (14 or 17 digits), Beijing time; null when absent. */
  dataTimeText: string | null;
  /** DataTime as epoch milliseconds (UTC); null when absent. */
  dataTime: number | null;
  /** Pollutant keys (`code-Suffix`) exactly as sent; numbers as numbers. Last duplicate wins. */
  values: Record<string, number | string>;
  /** Every other CP key (DataTime, PolId, BeginTime, QnRtn, `…-Info` texts decoded). */
  cp: Record<string, string>;
}

export type DecodeResult =
  | { ok: true; packet: Packet; crcVariant: CrcVariant | null }
  | { ok: false; error: Hj212Error };

export interface DecodeOptions {
  /** Verify the CRC (default true). When false, `crcVariant` is reported if one matches, else null. */
  crc?: boolean;
  /** CRC variants accepted (default: all of CrcVariant). */
  acceptCrc?: readonly CrcVariant[];
  /** Standard limits (header field widths, Flag presence). */
  strict?: boolean;
}

/** What the encoder takes: everything of Packet except what it derives. */
export interface PacketInput {
  qn?: string | null;
  st: string;
  cn: string;
  pw: string;
  mn: string;
  /** Omit to send no Flag field (2005 style). */
  flag?: number | null;
  pnum?: number;
  pno?: number;
  /** CP items in order; each item is a list of [key, value] fields, joined by `,`; items by `;`. */
  cp: ReadonlyArray<ReadonlyArray<readonly [string, string | number]>>;
}

export interface EncodeOptions {
  crcVariant?: CrcVariant;
  trailer?: 'crlf' | 'lf' | 'none';
}
