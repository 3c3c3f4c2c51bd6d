// @ecoenforce/hj212: HJ/T 212-2005, HJ 212-2017 and HJ 212-2025 codec. No runtime dependencies.
export type * from './types.ts';
export { crc16Hj212, crc16Modbus, matchCrc, formatCrc, ALL_CRC_VARIANTS } from './crc.ts';
export { Hj212Framer } from './framer.ts';
export { decodeFrame, decodeSegment } from './decode.ts';
export { encodeSegment, encodePacket } from './encode.ts';
export { replyFor, dataAck, requestAck, execResult, noticeAck, setTimeCommand, setTimeoutCommand } from './replies.ts';
export type { CommandTarget } from './replies.ts';
export { parseBeijingTime, formatBeijingTime, makeQn, beijingIso } from './time.ts';
export { factorInfo, to2017Code, groupFactors } from './factors.ts';
export type { FactorInfo } from './factors.ts';
export { SubpacketAssembler } from './subpackets.ts';
export type { ExpiredSet } from './subpackets.ts';
export { frameToJson, errorToJson } from './json.ts';
export type { FrameJson, ErrorJson } from './json.ts';
export { versionFromFlag, flagFor, FLAG_A, FLAG_D } from './version.ts';
