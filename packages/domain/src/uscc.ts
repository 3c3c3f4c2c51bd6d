// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters
//   1     registration authority (1-9, A, N, Y)       2     organisation kind
//   3-8   GB/T 2260 region code of the registering office
//   9-17  organisation code (GB 11714-1997, its own check character at 17)
//   18    check character over 1-17 (GB 32100-2015 §5.2, modulus 31)

/** The 31 characters of GB 32100-2015 Table 4 (no I, O, S, V, Z), in value order 0-30. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1-17: 3^(i-1) mod 31 (GB 32100-2015 §5.2). */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** Weights of the 8 body characters of the organisation code (GB 11714-1997 §5). */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export type UsccError = 'length' | 'charset' | 'region' | 'org_check' | 'check_digit';

export type UsccResult = { ok: true; uscc: string } | { ok: false; error: UsccError };

/** The GB 32100 check character for the first 17 characters (which must already be in the alphabet). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17.charAt(i));
    if (v < 0) throw new RangeError(`not a USCC character: '${first17.charAt(i)}'`);
    sum += v * (WEIGHTS[i] ?? 0);
  }
  const c = (31 - (sum % 31)) % 31;
  return ALPHABET.charAt(c);
}

/** The GB 11714 check character of an organisation code body (8 digits or upper-case letters). */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8.charAt(i);
    // GB 11714: digits are their value, letters A-Z are 10-35.
    const v = /[0-9]/.test(ch) ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    if (!/[0-9A-Z]/.test(ch)) throw new RangeError(`not an organisation code character: '${ch}'`);
    sum += v * (ORG_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * Validates a USCC. The organisation-code check (positions 9-17) is reported separately because some
 * registries issued codes whose inner part predates GB 11714 checks; callers may choose to accept those.
 */
export function validateUscc(input: string, opts: { checkOrgCode?: boolean } = {}): UsccResult {
  const s = input.trim().toUpperCase();
  if (s.length !== 18) return { ok: false, error: 'length' };
  for (const ch of s) if (!ALPHABET.includes(ch)) return { ok: false, error: 'charset' };
  if (!/^[0-9]{6}$/.test(s.slice(2, 8))) return { ok: false, error: 'region' };
  if (usccCheckChar(s.slice(0, 17)) !== s.charAt(17)) return { ok: false, error: 'check_digit' };
  if (opts.checkOrgCode === true) {
    const body = s.slice(8, 16);
    if (!/^[0-9A-Z]{8}$/.test(body) || orgCodeCheckChar(body) !== s.charAt(16)) return { ok: false, error: 'org_check' };
  }
  return { ok: true, uscc: s };
}

export function isValidUscc(input: string): boolean {
  return validateUscc(input).ok;
}

export interface UsccParts {
  /** Registration authority, e.g. '9' (market regulation). */
  authority: string;
  /** Organisation kind within the authority, e.g. '1' (enterprise). */
  kind: string;
  /** Six-digit GB/T 2260 region code. */
  region: string;
  /** Eight characters of the organisation code body; its check character is computed. */
  orgBody: string;
}

/** Builds a valid USCC (both check characters computed), e.g. for demo data. */
export function makeUscc(parts: UsccParts): string {
  if (!/^[0-9]{6}$/.test(parts.region)) throw new RangeError(`region must be 6 digits: ${parts.region}`);
  const body = parts.orgBody.toUpperCase();
  // Letters I, O, S, V, Z are outside the USCC alphabet even though GB 11714 allows them.
  if (!/^[0-9A-Z]{8}$/.test(body) || [...body].some((c) => !ALPHABET.includes(c))) {
    throw new RangeError(`orgBody must be 8 USCC characters: ${parts.orgBody}`);
  }
  const orgCheck = orgCodeCheckChar(body);
  const first17 = `${parts.authority}${parts.kind}${parts.region}${body}${orgCheck}`;
  if (first17.length !== 17) throw new RangeError('authority and kind must be one character each');
  return first17 + usccCheckChar(first17);
}

/** Characters usable in an organisation code body that are also legal USCC characters. */
export const USCC_BODY_CHARS = ALPHABET;
