// The API contract: the shapes of what the server answers (and takes), shared by the server, which declares
// its handlers' and services' results with them (zod response schemas where its routes validate them), and
// the console, which reads them with `import type` only, so nothing of it reaches the browser bundle. A field
// changed on one side fails the other side's type check.
export * from './cases.ts';
export * from './service.ts';
export * from './rectification.ts';
export * from './tasks.ts';
export * from './draws.ts';
export * from './paging.ts';
export * from './monitoring.ts';
export * from './registry.ts';
export * from './compliance.ts';
export * from './reports.ts';
export * from './risk.ts';
export * from './accounts.ts';
export * from './user-admin.ts';
export * from './audit.ts';
export * from './catalogue.ts';
export * from './statistics.ts';
export * from './overview.ts';
export * from './publication.ts';
export * from './inspections.ts';
export * from './notifications.ts';
