// The import directions of README § Architecture hold on the tree, and the rule itself catches each kind of
// violation it is meant to (a rule that cannot fail would prove nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { check, consoleViolations, edgesOf, judge, judgeConsole, MODULES } from './architecture.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER = join(ROOT, 'apps/server/src');

void test('the server keeps the import directions: areas through their index.ts, nothing below http imports http', () => {
  const edges = edgesOf(SERVER);
  assert.ok(edges.length > 500, `the scan found the server's imports (${edges.length})`);
  const found = check(edges);
  assert.deepEqual(found.map((v) => `${v.from} → ${v.to}: ${v.rule}`), []);
});

void test('every area has its index.ts and the tree has no file left in the old flat folders', () => {
  const dirs = new Set(edgesOf(SERVER).map((e) => e.from.split('/')[0]));
  for (const m of MODULES) assert.ok(dirs.has(m), `${m}/ exists`);
  for (const old of ['services', 'repositories', 'jobs', 'pdf', 'ingest', 'audit', 'db']) assert.ok(!dirs.has(old), `${old}/ is gone`);
});

void test('the console imports no server file: its API types come from @ecoenforce/contract', () => {
  assert.deepEqual(consoleViolations(join(ROOT, 'apps/web/src'), ROOT), []);
});

void test('the console rule refuses a server file and a value import of the contract', () => {
  const found = judgeConsole([
    { from: 'apps/web/src/features/cases/CasePage.tsx', to: 'apps/server/src/enforcement/cases/case-read.ts', typeOnly: true },
    { from: 'apps/web/src/features/points/PointsPage.tsx', to: '../node_modules/@ecoenforce/contract', typeOnly: false },
    { from: 'apps/web/src/features/points/PointsPage.tsx', to: '../node_modules/@ecoenforce/contract', typeOnly: true },
    { from: 'apps/web/src/features/cases/CasePage.tsx', to: '../node_modules/@ecoenforce/domain', typeOnly: false },
    { from: 'apps/web/src/components/citation.ts', to: 'packages/domain/src/enforcement/citation-zh.ts', typeOnly: false },
  ]);
  assert.deepEqual(found.map((v) => v.to), ['apps/server/src/enforcement/cases/case-read.ts', '../node_modules/@ecoenforce/contract', 'packages/domain/src/enforcement/citation-zh.ts']);
});

void test('the rule refuses each deliberate violation and allows the surfaces', () => {
  const refused: Array<[string, string]> = [
    // a module reaching into a sibling's internals (a service, a repository, a route file)
    ['enforcement/cases/cases.ts', 'registry/repositories/enterprises.ts'],
    ['reports/monthly.ts', 'compliance/warning-kinds.ts'],
    ['registry/routes/registry.ts', 'monitoring/point-summary.ts'],
    ['risk/risk.ts', 'enforcement/tasks/routes.ts'],
    // anything below http importing http
    ['enforcement/cases/cases.ts', 'http/errors.ts'],
    ['access/paging.ts', 'http/errors.ts'],
    ['platform/audit.ts', 'http/app.ts'],
    ['compliance/jobs/compliance-runner.ts', 'http/routes.ts'],
    // the kernels stand below the areas
    ['platform/daily-jobs.ts', 'compliance/index.ts'],
    ['access/model.ts', 'accounts/index.ts'],
    // the access model's internals, and the callers from below
    ['enforcement/tasks/tasks.ts', 'access/model.ts'],
    ['registry/registry-import.ts', 'cli/import.ts'],
    ['http/app.ts', 'container.ts'],
    ['compliance/compliance.ts', 'seed/demo-province.ts'],
  ];
  for (const [from, to] of refused) assert.notEqual(judge({ from, to }), undefined, `${from} → ${to} is refused`);
  const allowed: Array<[string, string]> = [
    ['enforcement/cases/cases.ts', 'registry/index.ts'],
    ['enforcement/cases/cases.ts', 'enforcement/catalogue/catalogue.ts'],
    ['enforcement/cases/routes.ts', 'http/errors.ts'],
    ['monitoring/routes/points.ts', 'http/routes.ts'],
    ['enforcement/tasks/tasks.ts', 'access/index.ts'],
    ['enforcement/tasks/tasks.ts', 'platform/audit.ts'],
    ['http/routes.ts', 'enforcement/cases/routes.ts'],
    ['http/app.ts', 'monitoring/index.ts'],
    ['cli/serve.ts', 'http/app.ts'],
    ['container.ts', 'compliance/index.ts'],
    ['cli/demo.ts', 'seed/demo-province.ts'],
    ['compliance/bench/compliance.bench.ts', 'monitoring/repositories/frame-sink.ts'],
    ['risk/bench/risk-scenario.ts', 'simulator/logger.ts'],
    ['compliance/compliance.ts', '../node_modules/@ecoenforce/domain'],
  ];
  for (const [from, to] of allowed) assert.equal(judge({ from, to }), undefined, `${from} → ${to} is allowed`);
});

void test('the scan sees type-only, re-exported and dynamic imports, not only plain ones', async (t) => {
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'arch-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const d of ['risk', 'registry/repositories', 'http']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'risk/a.ts'), [
    "import type { X } from '../registry/repositories/enterprises.ts';",
    "export { y } from '../http/errors.ts';",
    "export const z = () => import('../registry/repositories/outlets.ts');",
    "export type W = import('../http/app.ts').App;",
  ].join('\n'));
  const edges = edgesOf(dir);
  const found = check(edges).map((v) => v.to);
  assert.deepEqual(found.sort(), ['http/app.ts', 'http/errors.ts', 'registry/repositories/enterprises.ts', 'registry/repositories/outlets.ts']);
  assert.deepEqual(edges.map((e) => `${e.to} ${e.typeOnly}`), [
    'registry/repositories/enterprises.ts true', 'http/errors.ts false', 'registry/repositories/outlets.ts false', 'http/app.ts true',
  ]);
});
