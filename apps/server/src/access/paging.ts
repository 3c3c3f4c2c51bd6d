// Cursor pagination: the cursor is an opaque base64url of the last item's sort key (keyset paging, so a
// page costs the same at item 10 and item 10 million, and rows inserted meanwhile do not shift pages).
import { z } from 'zod';
import { ApiError } from '../platform/errors.ts';

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
};

export function encodeCursor(key: number): string {
  return Buffer.from(JSON.stringify([key])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'number' && Number.isSafeInteger(v[0])) return v[0];
  } catch {
    // fall through
  }
  throw new ApiError('bad_request', 'invalid cursor', [{ path: '/cursor', message: 'not a cursor this API issued' }]);
}

/** `limit + 1` rows were fetched: the page is the first `limit`, and a cursor follows when there are more. */
export function page<T>(rows: T[], limit: number, key: (row: T) => number): { items: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: encodeCursor(key(items.at(-1)!)) };
}

/** Time query parameters: epoch ms, or an ISO-8601 string (with offset; without one, Beijing time). */
export const timeParam = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    if (/^\d{1,15}$/.test(s)) return Number(s);
    const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}+08:00`;
    const t = Date.parse(iso);
    if (Number.isNaN(t)) {
      ctx.addIssue({ code: 'custom', message: 'expected epoch milliseconds or an ISO-8601 time' });
      return z.NEVER;
    }
    return t;
  });
