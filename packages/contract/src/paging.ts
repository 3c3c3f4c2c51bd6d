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

/** A list answered whole, without paging. */
export interface Items<T> {
  items: T[];
}
