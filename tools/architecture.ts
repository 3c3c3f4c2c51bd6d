// The allowed direction of imports inside the server (README § Architecture), as a rule over every import of
// apps/server/src and apps/web/src. architecture.test.ts runs it on the tree and on deliberate violations.
import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The areas of the law, each a folder whose only surface for the rest of the server is its `index.ts`. */
export const MODULES = ['accounts', 'registry', 'monitoring', 'compliance', 'reports', 'risk', 'enforcement', 'notifications'] as const;
// What every area stands on: access/ (the access model, its surface its index.ts) and platform/ (db, audit,
// errors, PDF renderer, tables in and out: each file its own surface). Neither imports an area.
/** The callers at the top: the command line, the demo seed, the simulator, the composition root. */
const CALLERS = ['cli', 'seed', 'simulator', 'container.ts', 'config.ts'] as const;

export interface Edge {
  /** Importing file, relative to the server's src (e.g. `enforcement/cases/cases.ts`). */
  from: string;
  /** Imported file, relative to the same src; outside it (a package, another app) it starts with `../`. */
  to: string;
  /** Erased at run time (`import type`, every named import marked `type`, `import('…').T` in a type). */
  typeOnly?: boolean;
}

export interface Violation extends Edge {
  rule: string;
}

const areaOf = (path: string): string => path.split('/')[0]!;
const isModule = (area: string): boolean => (MODULES as readonly string[]).includes(area);
/** A module's HTTP face: files under a `routes/` folder, or a `routes.ts`. */
export const isRouteFile = (path: string): boolean => path.split('/').includes('routes') && path.split('/')[0] !== 'http' || path.endsWith('/routes.ts');
/** Tests and benchmarks (a `*.test.ts`, a `*.bench.ts`, anything under a `bench/` folder). */
const isHarness = (path: string): boolean => /\.(test|bench)\.ts$/.test(path) || path.split('/').includes('bench');
const isIndex = (path: string): boolean => path === `${areaOf(path)}/index.ts`;

/** The first rule an import breaks, or undefined when it is allowed. */
export function judge({ from, to }: Edge): string | undefined {
  if (to.startsWith('../')) return undefined; // packages (@ecoenforce/domain, hj212, contract) and libraries
  const a = areaOf(from);
  const b = areaOf(to);
  if (a === b) return undefined; // inside one area anything goes
  if (isHarness(from)) return undefined; // tests and benchmarks beside the code drive any part of it
  if (a === 'platform') return 'platform imports nothing of the server but itself';
  const caller = (area: string): boolean => (CALLERS as readonly string[]).includes(area);
  if (caller(b)) return caller(a) ? undefined : `${a} may not import the callers (cli, seed, simulator, container, config)`;
  if (b === 'http') {
    if (isModule(a) && isRouteFile(from)) return undefined;
    if ((CALLERS as readonly string[]).includes(a)) return undefined;
    return `only a module's routes and the callers import http/ (${a} is below it)`;
  }
  if (b === 'platform') return undefined;
  if (b === 'access') return a === 'platform' ? 'platform imports nothing of the server but itself' : isIndex(to) ? undefined : 'import the access model through access/index.ts';
  if (isModule(b)) {
    if (a === 'access') return 'the access model imports no module';
    if (isIndex(to)) return undefined;
    if (a === 'http' && isRouteFile(to) && from === 'http/routes.ts') return undefined; // the one list of routes
    return `reach ${b} through ${b}/index.ts, not its internals`;
  }
  return undefined;
}

export function check(edges: Edge[]): Violation[] {
  return edges.flatMap((e) => {
    const rule = judge(e);
    return rule === undefined ? [] : [{ ...e, rule }];
  });
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

/** Every relative import (static, type-only, re-export, dynamic) of the files under `root`, resolved against `base`. */
export function edgesOf(root: string, base: string = root): Edge[] {
  const edges: Edge[] = [];
  for (const file of walk(root)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      let spec: string | undefined;
      let typeOnly = false;
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        spec = node.moduleSpecifier.text;
        const c = node.importClause;
        const named = c?.namedBindings !== undefined && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : undefined;
        typeOnly = c !== undefined && (c.isTypeOnly || (c.name === undefined && named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly)));
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        spec = node.moduleSpecifier.text;
        typeOnly = node.isTypeOnly;
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) spec = node.arguments[0].text;
      else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        spec = node.argument.literal.text;
        typeOnly = true;
      }
      if (spec !== undefined) {
        const to = spec.startsWith('.') ? relative(base, resolve(dirname(file), spec)).split(sep).join('/') : `../node_modules/${spec}`;
        edges.push({ from: relative(base, file).split(sep).join('/'), to, typeOnly });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return edges;
}

/**
 * The console may use the shared packages only, never a file of the server; and the contract only as types,
 * so its zod schemas (the server's run-time checks) stay out of the browser bundle.
 */
export function consoleViolations(webSrc: string, repoRoot: string): Violation[] {
  return judgeConsole(edgesOf(webSrc, repoRoot));
}

export function judgeConsole(edges: Edge[]): Violation[] {
  return edges.flatMap((e): Violation[] => {
    if (e.to.startsWith('apps/server/') || e.to.includes('node_modules/@ecoenforce/server')) return [{ ...e, rule: 'the console imports the API contract (@ecoenforce/contract), never the server' }];
    if (e.to.endsWith('node_modules/@ecoenforce/contract') && e.typeOnly !== true) return [{ ...e, rule: 'the console imports the contract with `import type` only' }];
    if (e.to.startsWith('packages/')) return [{ ...e, rule: 'the console imports a package by its name (@ecoenforce/…), never its files' }];
    return [];
  });
}
