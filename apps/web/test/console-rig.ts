// What every browser test of the console needs: Debian's chromium (never a downloaded browser), the built
// console, a demo province in a fresh SQLite file served by the real server, and a demo user's login.
// Each test file seeds what it shows through `prepare`, before the server starts.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../server/src/config.ts';
import { openMigrated, startServer, WEB_DIST, type RunningServer } from '../../server/src/container.ts';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { seedDemoProvince } from '../../server/src/seed/demo-province.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../../server/src/seed/demo-users.ts';

export const CHROMIUM = '/usr/bin/chromium';
/** Screenshots (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));
/** The built console the rig serves: ECOENFORCE_WEB_DIST names another build (parallel work on one checkout). */
const DIST = process.env.ECOENFORCE_WEB_DIST ?? WEB_DIST;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Why the browser tests cannot run here, or false; printed once per test file that skips. */
export const browserSkip: string | false = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`
  : !existsSync(join(DIST, 'index.html'))
    ? 'the console is not built (npm run build)'
    : false;
if (browserSkip !== false) console.log(`# skipping the browser tests: ${browserSkip}`);

export interface ConsoleRig {
  database: Database;
  server: RunningServer;
  browser: Browser;
  /** The console's URL. */
  base: string;
  /** A temporary folder removed by stop() (downloads go here). */
  dir: string;
  stop(): Promise<void>;
}

export interface ConsoleRigOptions {
  /** Names the temporary folder. */
  name: string;
  enterprises?: number;
  /** Seeds what the test shows, after the demo province and users and before the server starts. */
  prepare?: (database: Database) => Promise<void>;
  /** The platform clock (default: the real one). */
  now?: () => number;
  /** Platform ms per wall ms of `now`, as the demo's speed (default 1). */
  clockRate?: number;
}

export async function startConsoleRig(opts: ConsoleRigOptions): Promise<ConsoleRig> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), `ecoenforce-${opts.name}-`));
  const url = `sqlite:${join(dir, 'e2e.db')}`;
  const database = await openMigrated(url);
  await seedDemoProvince(database, { enterprises: opts.enterprises ?? 12 });
  await seedDemoUsers(database);
  await opts.prepare?.(database);
  const { config } = loadConfig(['--db', url, '--port', '0', '--metrics-port=-1', '--http-port', '0'], {});
  const server = await startServer(config, database, { webDist: DIST, ...(opts.now === undefined ? {} : { now: opts.now }), ...(opts.clockRate === undefined ? {} : { clockRate: opts.clockRate }) });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  return {
    database,
    server,
    browser,
    base: server.httpUrl!,
    dir,
    async stop() {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Logs a demo user in through the login form and waits for the console. */
export async function login(page: Page, base: string, username: string): Promise<void> {
  await page.goto(base);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('logout').waitFor();
}
