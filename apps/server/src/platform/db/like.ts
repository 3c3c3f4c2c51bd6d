// User text inside a SQL LIKE pattern (searches by name, USCC or MN): the same on SQLite and PostgreSQL.
/** User text inside a LIKE pattern: the wildcard and escape characters are dropped, so they match nothing special. */
export function likeText(s: string): string {
  return s.replace(/[\\%_]/g, '');
}
