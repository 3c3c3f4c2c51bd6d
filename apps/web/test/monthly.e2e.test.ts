// The monthly notification in Debian's chromium (playwright-core, never a downloaded browser) on the demo
// province: a city analyst opens the monthly report from the navigation, sees one row per county of its
// city with last month's figures beside them, moves between months, and downloads the notice as a PDF.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { createFrameSink } from '../../server/src/monitoring/repositories/frame-sink.ts';
import { monthOf, monthRange, previousMonth } from '../../server/src/reports/monthly.ts';
import { acceptedFrame, flueGasMinute } from '../../server/test/store-fixtures.ts';
import { ARTIFACTS, browserSkip as skip, login as rigLogin, startConsoleRig, type ConsoleRig } from './console-rig.ts';
import type { Page } from 'playwright-core';

const MIN = 60_000;
const DAY = 24 * 3600_000;

/** Last month (the page's default) and the analyst's city's counties. */
let month: string;
let counties: string[];

let rig: ConsoleRig;

/** What this test shows, seeded before the server starts. */
async function seed(database: Database): Promise<void> {
  const db = database.db;
  month = previousMonth(monthOf(Date.now()));
  const { from } = monthRange(month);
  // The demo units were registered before last month; a day of minutes from the analyst's first unit, and
  // two warnings: one exceedance confirmed, one missing-data warning already closed.
  await db.updateTable('enterprises').set({ created_at: monthRange(previousMonth(month)).from }).execute();
  const analyst = await db.selectFrom('users').select('region_code').where('username', '=', 'analyst').executeTakeFirstOrThrow();
  counties = (await db.selectFrom('regions').select('code').where('parent_code', '=', analyst.region_code).execute()).map((r) => r.code).sort();
  const point = await db
    .selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
    .select(['p.id', 'p.mn', 'e.id as enterpriseId', 'e.region_code']).where('e.region_code', 'like', `${analyst.region_code.slice(0, 4)}%`).orderBy('p.id').executeTakeFirstOrThrow();
  const sink = createFrameSink(database);
  await sink.write(Array.from({ length: 1440 }, (_, i) => acceptedFrame(point.id, point.mn, 'min', from + 2 * DAY + i * MIN, flueGasMinute(i), { qn: `q${i}` })), []);
  for (const [kind, status] of [['exceedance', 'confirmed'], ['transmission', 'closed']] as const) {
    const t = from + 3 * DAY;
    await db.insertInto('warnings').values({
      point_id: point.id, enterprise_id: point.enterpriseId, region_code: point.region_code, kind, factor: 'a21026', severity: 'medium', status,
      period_from: t, period_to: t + 3600_000, message: 'seeded', evidence: JSON.stringify({ times: [t], rule: { limit: 35, basis: 'hourly' } }),
      created_at: t + 3600_000, updated_at: t + 3600_000, decided_by: null, decision_reason: null, answer: null, answered_at: null,
    }).execute();
  }
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'monthly-e2e', prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

const login = (page: Page, username: string): Promise<void> => rigLogin(page, rig.base, username);

void test('a city analyst reads last month\'s notification by county and downloads the PDF', { skip }, async () => {
  const context = await rig.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await login(page, 'analyst');
  await page.getByTestId('nav-monthly').click();
  await page.getByTestId('monthly-table').waitFor();
  assert.equal(await page.getByTestId('monthly-month').inputValue(), month, 'the previous full month by default');
  const [y, m] = month.split('-').map(Number) as [number, number];
  assert.equal(await page.getByTestId('monthly-month').locator('option:checked').textContent(), `${y}年${m}月`, 'the month in the UI language, not the browser locale');
  const rows = await page.locator('[data-testid^="monthly-row-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('monthly-row-'.length)));
  assert.deepEqual(rows, counties, 'one row per county of the analyst\'s city');
  const total = page.getByTestId('monthly-total');
  assert.match((await total.textContent()) ?? '', /%/, 'a transmission rate in the total');
  assert.match((await page.getByTestId('monthly-summary').textContent()) ?? '', /预警 2 条/);
  assert.match((await page.getByTestId('monthly-punished-note').textContent()) ?? '', /处罚数据来自执法办案模块/);
  await page.screenshot({ path: join(ARTIFACTS, 'monthly.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('monthly-pdf').click()]);
  const file = join(rig.dir, 'monthly.pdf');
  await download.saveAs(file);
  const bytes = readFileSync(file);
  assert.ok(bytes.length > 0);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(download.suggestedFilename(), new RegExp(`monthly-\\d{6}-${month}\\.pdf`));

  // The month before: nothing seeded there, the rows stay.
  await page.getByTestId('monthly-prev').click();
  await page.waitForFunction(`document.querySelector('[data-testid="monthly-month"]')?.value === ${JSON.stringify(previousMonth(month))}`);
  assert.match((await page.getByTestId('monthly-summary').textContent()) ?? '', /预警 0 条/);
  assert.equal(await page.locator('[data-testid^="monthly-row-"]').count(), counties.length);

  // Before the units were registered nothing was expected (0/0): no rate, not 0.00%.
  const older = previousMonth(previousMonth(month));
  await page.getByTestId('monthly-month').selectOption(older);
  await page.waitForFunction(`document.querySelector('[data-testid="monthly-summary"]')?.textContent.startsWith(${JSON.stringify(older.replace(/^(\d{4})-0?(\d+)$/, '$1年$2月'))})`);
  const totalText = (await total.textContent()) ?? '';
  assert.ok(totalText.includes('—') && !totalText.includes('%'), totalText);
  assert.match((await page.getByTestId('monthly-summary').textContent()) ?? '', /数据传输率 —/);

  // The English UI names the month in English.
  await page.getByTestId('lang-switch').click();
  assert.match((await page.getByTestId('monthly-month').locator('option:checked').textContent()) ?? '', /^[A-Z][a-z]+ \d{4}$/);
  await context.close();
});
