// Permit editing in Debian's chromium (playwright-core, never a downloaded browser): the administrator
// creates a permit on an enterprise page, adds a limit filled from an emission-standard row, changes it and
// removes it, each reaching the database; a role without registry.write sees no editor.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { STANDARD_ROWS } from '@ecoenforce/domain';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { ARTIFACTS, browserSkip as skip, login, startConsoleRig, type ConsoleRig } from './console-rig.ts';

let rig: ConsoleRig;
let enterpriseId: number;
let airOutlet: number;

async function seed(database: Database): Promise<void> {
  const db = database.db;
  const e = await db.selectFrom('enterprises as e').innerJoin('outlets as o', 'o.enterprise_id', 'e.id').select(['e.id', 'o.id as outlet']).where('o.kind', '=', 'air').orderBy('e.id').orderBy('o.id').executeTakeFirstOrThrow();
  enterpriseId = Number(e.id);
  airOutlet = Number(e.outlet);
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'permits-e2e', prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

void test('the administrator creates a permit, adds a limit from a standard, changes and removes it', { skip }, async () => {
  const db = rig.database.db;
  const context = await rig.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await login(page, rig.base, 'admin');
  await page.goto(`${rig.base}/#/enterprises/${enterpriseId}`);
  const editor = page.getByTestId('permit-editor');
  await editor.waitFor();

  await editor.getByTestId('permit-new').click();
  const form = editor.getByTestId('permit-form');
  await form.getByTestId('permit-number').fill('E2E-PERMIT-001');
  await form.getByTestId('permit-issued').fill('2026-12-20');
  await form.getByTestId('permit-from').fill('2027-01-01');
  await form.getByTestId('permit-to').fill('2031-12-31');
  await form.getByTestId('permit-issuer').fill('测试市生态环境局');
  await form.getByTestId('permit-save').click();
  const row = editor.getByTestId('permit-edit-row').filter({ hasText: 'E2E-PERMIT-001' });
  await row.waitFor();
  const permit = await db.selectFrom('permits').selectAll().where('number', '=', 'E2E-PERMIT-001').executeTakeFirstOrThrow();
  // Beijing midnights: the first day, and the midnight after the last day (exclusive end).
  assert.deepEqual([Number(permit.valid_from), Number(permit.valid_to), permit.status], [Date.UTC(2027, 0, 1) - 8 * 3600_000, Date.UTC(2032, 0, 1) - 8 * 3600_000, 'valid']);

  const ultraLow = STANDARD_ROWS.find((s) => s.factor === 'a21026' && s.applicability === 'ultra-low emission')!;
  await row.getByTestId('limit-add').click();
  const lf = row.getByTestId('limit-form');
  await lf.getByTestId('limit-outlet').selectOption(String(airOutlet));
  await lf.getByTestId('limit-follow').selectOption(ultraLow.id);
  assert.equal(await lf.getByTestId('limit-value').inputValue(), String(ultraLow.limit), 'the standard fills the limit');
  assert.equal(await lf.getByTestId('limit-o2').inputValue(), String(ultraLow.referenceO2));
  await page.screenshot({ path: join(ARTIFACTS, 'permit-editor.png'), fullPage: true });
  await lf.getByTestId('limit-save').click();
  await row.getByTestId('limit-row').first().waitFor();
  const limits = () => db.selectFrom('permit_limits').selectAll().where('permit_id', '=', permit.id).execute();
  assert.deepEqual((await limits()).map((l) => [l.factor, l.limit_value, l.basis, l.reference_o2, l.standard]), [['a21026', ultraLow.limit, 'hourly', ultraLow.referenceO2, ultraLow.standard]]);

  await row.getByTestId('limit-edit').click();
  await row.getByTestId('limit-value').fill('20');
  await row.getByTestId('limit-save').click();
  await row.getByTestId('limit-form').waitFor({ state: 'detached' });
  assert.deepEqual((await limits()).map((l) => l.limit_value), [20]);

  // A server-side rejection is shown, not swallowed: an unknown factor code.
  await row.getByTestId('limit-add').click();
  await row.getByTestId('limit-outlet').selectOption(String(airOutlet));
  await row.getByTestId('limit-factor').fill('x99999');
  await row.getByTestId('limit-value').fill('5');
  await row.getByTestId('limit-unit').fill('mg/m3');
  await row.getByTestId('limit-save').click();
  await editor.getByTestId('permit-error').waitFor();
  await row.getByTestId('limit-form').getByRole('button', { name: /取消|Cancel/ }).click();

  await row.getByTestId('limit-remove').click();
  await row.getByTestId('limit-row').waitFor({ state: 'detached' });
  assert.deepEqual(await limits(), []);
  await context.close();
});

void test('a role without registry.write sees the permits but no editor', { skip }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, rig.base, 'officer');
  const me = page.waitForResponse((r) => r.url().endsWith('/api/auth/me'));
  await page.goto(`${rig.base}/#/enterprises/${enterpriseId}`);
  await page.getByTestId('permits').waitFor();
  assert.equal((await (await me).json() as { user: { role: string } }).user.role, 'officer');
  assert.equal(await page.getByTestId('permit-editor').count(), 0);
  await context.close();
});
