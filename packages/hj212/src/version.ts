// Protocol version from the Flag byte `V5 V4 V3 V2 V1 V0 D A` (HJ 212-2017 §6.3.3, Table 3):
// version bits 000000 = HJ/T 212-2005, 000001 = HJ 212-2017, 000010 = HJ 212-2025.
import type { Hj212Version } from './types.ts';

/** A bit: the receiver must acknowledge (HJ 212-2017 §6.3.3). */
export const FLAG_A = 1;
/** D bit: the packet is one part of a subpacket set; PNUM and PNO are present (HJ 212-2017 §6.3.3). */
export const FLAG_D = 2;

/**
 * Flag absent or version bits 0 → 2005; 1 → 2017; 2 → 2025. Unknown future values (3…63) are reported as
 * 2025, the newest generation we speak, rather than rejected: the Flag field is extensible
 * (hj-t212-parser#19, maintainer: do not range-check Flag).
 */
export function versionFromFlag(flag: number | null): Hj212Version {
  if (flag === null) return '2005';
  const v = (flag >>> 2) & 0x3f;
  return v === 0 ? '2005' : v === 1 ? '2017' : '2025';
}

export function versionBits(version: Hj212Version): number {
  return version === '2005' ? 0 : version === '2017' ? 4 : 8;
}

/** The Flag value a sender of `version` puts in a packet. */
export function flagFor(version: Hj212Version, opts: { ack: boolean; subpacket?: boolean }): number {
  return versionBits(version) | (opts.ack ? FLAG_A : 0) | (opts.subpacket === true ? FLAG_D : 0);
}

/**
 * No Flag: HJ/T 212-2005 by default (its uploads have none). But devices built to 2017 also omit Flag
 * (samples 15, 18). Count factor codes of each shape: 2017 codes are a letter and 5 digits (`a21026`,
 * `w01018`), 2005 codes are 3 digits or a capital and 2 digits (`011`, `B01`, `S02`) (hj212.md §8). More
 * 2017-shaped codes than 2005-shaped ones → 2017 (sample 19 mixes a few `a999xx` into 3-digit codes: 2005).
 */
export function inferVersion(values: Readonly<Record<string, number | string>>): Hj212Version {
  let v2017 = 0;
  let v2005 = 0;
  for (const key in values) {
    const dash = key.indexOf('-');
    if (dash === 6 && /^[a-z][0-9]{5}$/.test(key.slice(0, 6))) v2017++;
    else if (dash === 3 && /^([A-Z][0-9]{2}|[0-9]{3})$/.test(key.slice(0, 3))) v2005++;
  }
  return v2017 > v2005 ? '2017' : '2005';
}
