// The access model's surface: roles and permissions, what a principal may see (region prefixes, an
// enterprise's own units), scope in SQL, where a resource sits, and cursor paging. Used by HTTP, jobs and the CLI.
export { locate } from './locate.ts';
export { ROLES, can, canSee, regionPrefix } from './model.ts';
export type { Access, Location, Permission, Principal, Role, Scope } from './model.ts';
export { decodeCursor, page, pageQuery, timeParam } from './paging.ts';
export { inScope } from './scope-sql.ts';
export { dateRange, jsonText, listQuery, matchesAny, nullsLast, offsetMode, sortParam, MAX_OFFSET, type DateRange } from './list-query.ts';
