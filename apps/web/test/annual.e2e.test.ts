// The enterprise page's annual permitted quantities in Debian's chromium (playwright-core, never a
// downloaded browser): the company sees, per outlet and pollutant, the year to date, the forecast and the
// permitted quantity the API reports, a bar for each, the status in words; the panel follows the language.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../../server/src/config.ts';
import { openMigrated, startServer, WEB_DIST, type RunningServer } from '../../server/src/container.ts';
import type { Database } from '../../server/src/db/connect.ts';
import { beijingDayStart } from '../../server/src/services/compliance-day.ts';
import { seedDemoProvince } from '../../server/src/seed/demo-province.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../../server/src/seed/demo-users.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DAY = 86_400_000;

const skip = !existsSync(CHROMIUM) ? `${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)` : !existsSync(join(WEB_DIST, 'index.html')) ? 'the console is not built (npm run build)' : false;
if (skip !== false) console.log(`# skipping the browser tests: ${skip}`);

let dir: string;
let database: Database;
let server: RunningServer;
let browser: Browser;
let base: string;
let enterpriseId: number;
let factor: string;

before(async () => {
  if (skip !== false) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'ecoenforce-annual-'));
  const url = `sqlite:${join(dir, 'e2e.db')}`;
  database = await openMigrated(url);
  await seedDemoProvince(database, { enterprises: 12 });
  await seedDemoUsers(database);
  const db = database.db;
  const user = await db.selectFrom('users').select('enterprise_id').where('username', '=', 'company').executeTakeFirstOrThrow();
  enterpriseId = Number(user.enterprise_id);
  // The company's first limited pollutant gets a small permitted quantity and ten days of 2 t each: far over.
  const limit = await db
    .selectFrom('permit_limits as l')
    .innerJoin('outlets as o', 'o.id', 'l.outlet_id')
    .select(['l.id', 'l.factor', 'l.outlet_id'])
    .where('o.enterprise_id', '=', enterpriseId)
    .where('l.factor', 'in', ['a21026', 'a21002', 'w01018'])
    .orderBy('l.id')
    .executeTakeFirstOrThrow();
  factor = limit.factor;
  await db.updateTable('permit_limits').set({ annual_quantity_t: 5 }).where('id', '=', limit.id).execute();
  const point = await db.selectFrom('monitoring_points').select('id').where('outlet_id', '=', limit.outlet_id).orderBy('id').executeTakeFirstOrThrow();
  const today = beijingDayStart(Date.now());
  const rows = Array.from({ length: 10 }, (_, k) => ({ point_id: Number(point.id), factor, day_start: today - (k + 1) * DAY, mass_kg: 2000, hours: 24, computed_at: 0 }));
  // Keep within this Beijing year (early January has fewer days behind it).
  const yearStart = Date.UTC(new Date(Date.now() + 8 * 3600_000).getUTCFullYear(), 0, 1) - 8 * 3600_000;
  await db.insertInto('emission_mass').values(rows.filter((r) => r.day_start >= yearStart)).execute();
  const { config } = loadConfig(['--db', url, '--port', '0', '--metrics-port=-1', '--http-port', '0'], {});
  server = await startServer(config, database);
  base = server.httpUrl!;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

after(async () => {
  if (skip !== false) return;
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

void test('the company reads its annual quantities: year to date, forecast, permitted, status, in both languages', { skip }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(base);
  await page.getByTestId('login-username').fill('company');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('logout').waitFor();
  await page.goto(`${base}/#/enterprises/${enterpriseId}`);
  const table = page.getByTestId('annual-table');
  await table.waitFor();
  const api = await page.evaluate<{ rows: Array<{ factor: string; ytdT: number; forecastT: number; permittedT: number | null; status: string }> }>(`fetch('/api/enterprises/${enterpriseId}/annual').then((r) => r.json())`);
  const row = api.rows.find((r) => r.factor === factor)!;
  assert.ok(row.ytdT > 5 && row.status === 'over', `the seeded days are over the quantity: ${JSON.stringify(row)}`);
  const over = table.locator('tr[data-status="over"]');
  assert.equal(await over.count(), 1);
  const cells = await over.locator('td').allTextContents();
  assert.match(cells[2] ?? '', new RegExp(`^${(Math.round(row.ytdT * 1000) / 1000).toString().replace('.', '\\.')} t`));
  assert.match(cells[4] ?? '', /^5 t/);
  assert.equal(cells[6], '已超出');
  assert.equal(await over.getByRole('img').count(), 1, 'a bar with its numbers as its label');
  assert.match((await over.getByRole('img').getAttribute('aria-label')) ?? '', /许可 5 吨/);
  await page.screenshot({ path: join(ARTIFACTS, 'annual-zh.png'), fullPage: true });
  await page.getByTestId('lang-switch').click();
  await page.getByRole('heading', { name: 'Annual permitted quantities' }).waitFor();
  assert.equal((await table.locator('tr[data-status="over"] td').allTextContents())[6], 'Over');
  await context.close();
});
