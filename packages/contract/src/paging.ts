// Keyset paging as every list answers it (apps/server/src/access/paging.ts): a page of items and the cursor of
// the next one.
import { z } from 'zod';

/** One page of a list; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The response schema of a page of `item`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * A page of a searchable list (issue 14): also the number of rows the filters match (`total`, over all pages)
 * and, in offset paging (a sort, an order or an offset asked), the offset of this page (null in cursor paging).
 */
export interface ListPage<T> extends Page<T> {
  total: number;
  offset: number | null;
}

/** The response schema of a searchable list's page of `item`. */
export function listPageSchema<T extends z.ZodType>(item: T) {
  return pageSchema(item).extend({ total: z.number().int().nonnegative(), offset: z.number().int().nonnegative().nullable() });
}

/** A list answered whole, without paging. */
export interface Items<T> {
  items: T[];
}
