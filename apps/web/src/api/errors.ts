// What a refused or failed request says to the user, in the console's language: the server's messages are
// English (for logs, scripts and the English screen), so a Chinese screen words the error from its stable
// `code` and, where the server gives one, the reason code in `details.reason`. A request that never reached
// the server ("Failed to fetch") says the server cannot be reached. One place for every page's error display.
import i18n from '../i18n/index.ts';
import { ApiError } from './client.ts';

/** True for fetch's own failure (no answer at all): offline, the server down, a dropped connection. */
export function isNetworkFailure(err: unknown): boolean {
  return err instanceof TypeError && /fetch|network|load failed/i.test(err.message);
}

/** Seconds to wait, when the server says so (429 and busy 503 answers). */
function retryAfter(err: ApiError): number | undefined {
  const d = err.details as { retryAfterSeconds?: unknown } | undefined;
  return typeof d?.retryAfterSeconds === 'number' ? d.retryAfterSeconds : undefined;
}

/**
 * The reason code a server error carries in its details, if any: { reason: 'stale' } by convention; a draw's
 * refusal as { draw: { code } }, an import's as { code }.
 */
export function reasonOf(err: ApiError): string | undefined {
  const d = err.details as { reason?: unknown; code?: unknown; draw?: { code?: unknown } } | undefined;
  for (const r of [d?.reason, d?.draw?.code, d?.code]) if (typeof r === 'string') return r;
  return undefined;
}

/**
 * The message to show for `err`. English screens keep the server's own message; Chinese ones use the
 * catalogue's wording by reason, then by code. Errors the console raised itself keep their (already
 * translated) message.
 */
export function errorText(err: unknown): string {
  const t = i18n.t.bind(i18n);
  const english = i18n.language === 'en';
  if (isNetworkFailure(err)) return t('errors.network');
  if (err instanceof ApiError) {
    if (english) return err.message;
    const wait = retryAfter(err);
    if (wait !== undefined) return t('errors.retryAfter', { count: wait });
    const reason = reasonOf(err);
    if (reason !== undefined && i18n.exists(`errors.reasons.${reason}`)) return t(`errors.reasons.${reason}`);
    return i18n.exists(`errors.codes.${err.code}`) ? t(`errors.codes.${err.code}`) : t('errors.codes.internal');
  }
  if (err instanceof Error) return err.message;
  return String(err);
}
