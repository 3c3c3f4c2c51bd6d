// A list's search, date range, sort and offset paging (issue 14), the same on SQLite and PostgreSQL.
// The client names a sort key from the route's whitelist and a direction; the route maps the key to its own SQL
// expression, so no SQL ever comes from the client. Dates are Beijing calendar dates, both ends included: from
// 00:00 of `from` to the end of `to` (before 00:00 of the day after). The text search is a case-insensitive
// substring match (LIKE with the pattern's own % _ \ escaped) over the columns the route names.
import { SqliteAdapter, sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import { ApiError } from '../platform/errors.ts';
import type { Schema } from '../platform/db/schema.ts';

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;

/** Is `s` a real calendar date written YYYY-MM-DD (2026-02-30 is not)? */
function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) return false;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === s;
}

export const calendarDate = z.string().max(10).refine(isCalendarDate, 'a date YYYY-MM-DD');

/** Paging by offset: the page's first row in the list's order; at most this deep (an export covers more). */
export const MAX_OFFSET = 100_000;

/** The query parameters every searchable list takes besides its own filters and `sort`. */
export const listQuery = {
  q: z.string().trim().max(100).optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  order: z.enum(['asc', 'desc']).optional(),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).optional(),
};

export interface DateRange {
  /** Epoch ms of 00:00 Beijing on the first day, included. */
  fromAt?: number;
  /** Epoch ms of 00:00 Beijing on the day after the last day, excluded. */
  toAt?: number;
}

/** The instants of a Beijing date range; 400 bad_request (reason bad_range) when `from` is after `to`. */
export function dateRange(from: string | undefined, to: string | undefined): DateRange {
  if (from !== undefined && to !== undefined && from > to) {
    throw new ApiError('bad_request', `from (${from}) is after to (${to})`, { reason: 'bad_range', path: '/from' });
  }
  const start = (d: string): number => Date.parse(`${d}T00:00:00Z`) - BEIJING_MS;
  return {
    ...(from === undefined ? {} : { fromAt: start(from) }),
    ...(to === undefined ? {} : { toAt: start(to) + DAY_MS }),
  };
}

/** The LIKE pattern of a search text: lower-cased, its own wildcards and the escape character escaped. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(expr) LIKE pattern ESCAPE '\'` for each expression, or-ed: true when any holds the text. */
export function matchesAny(exprs: ReadonlyArray<Expression<unknown>>, text: string): RawBuilder<SqlBool> {
  const pattern = likePattern(text);
  const terms = exprs.map((e) => sql<SqlBool>`lower(${e}) like ${pattern} escape '\\'`);
  return sql<SqlBool>`(${sql.join(terms, sql` or `)})`;
}

/** A text field of a JSON text column (null when absent), in the database's own JSON function. */
export function jsonText(db: Pick<Kysely<Schema>, 'getExecutor'>, column: string, field: string): RawBuilder<string | null> {
  if (!/^[a-z_]+$/.test(field)) throw new Error(`not a field name: ${field}`);
  return db.getExecutor().adapter instanceof SqliteAdapter
    ? sql<string | null>`json_extract(${sql.ref(column)}, ${`$.${field}`})`
    : sql<string | null>`(cast(${sql.ref(column)} as jsonb) ->> ${field})`;
}

/** `sort` of a list: one of its keys. */
export function sortParam<K extends string>(keys: readonly [K, ...K[]]) {
  return z.enum(keys).optional();
}

/** Offset paging when the caller sorts or asks for an offset; the keyset cursor (newest first) otherwise. */
export function offsetMode(q: { sort?: string | undefined; offset?: number | undefined; order?: string | undefined; cursor?: string | undefined }): boolean {
  const offset = q.sort !== undefined || q.offset !== undefined || q.order !== undefined;
  if (offset && q.cursor !== undefined && q.cursor !== '') {
    throw new ApiError('bad_request', 'a cursor pages the default order only: use offset with sort, order or offset', { reason: 'cursor_with_offset', path: '/cursor' });
  }
  return offset;
}

/** Sorting a nullable expression puts its nulls last in either direction, on both databases. */
export function nullsLast(e: Expression<unknown>): RawBuilder<number> {
  return sql<number>`case when ${e} is null then 1 else 0 end`;
}
