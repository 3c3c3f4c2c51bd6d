// The enterprise page's annual permitted quantities in Debian's chromium (playwright-core, never a
// downloaded browser): the company sees, per outlet and pollutant, the year to date, the forecast and the
// permitted quantity the API reports, a bar for each, the status in words; the panel follows the language.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { beijingDayStart } from '../../server/src/compliance/compliance-day.ts';
import { ARTIFACTS, browserSkip as skip, login, startConsoleRig, type ConsoleRig } from './console-rig.ts';

const DAY = 86_400_000;

let rig: ConsoleRig;
let enterpriseId: number;
let factor: string;

/** What this test shows, seeded before the server starts. */
async function seed(database: Database): Promise<void> {
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
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'annual-e2e', prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

void test('the company reads its annual quantities: year to date, forecast, permitted, status, in both languages', { skip }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, rig.base, 'company');
  await page.goto(`${rig.base}/#/enterprises/${enterpriseId}`);
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
