// The admin's matter editor in Debian's chromium (issue 14 item 2), clicks only: a matter whose penalty is a
// multiple of the direct loss (AIR 122, major accident: 3–5 times) was edited as raw JSON; it is now a form
// with the base as a choice by name and the multiples as fields. A bound left empty is named in Chinese and
// nothing is stored; the bound changed is stored as the matter's next version and shown in the list. The
// discretion table's editor has no JSON view either.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, browserSkip as skip, login, startConsoleRig, type ConsoleRig } from './console-rig.ts';

let rig: ConsoleRig;

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'catalogue-editors-e2e', enterprises: 2 });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

void test('the admin edits a multiple-of-loss penalty with its own fields, no JSON', { skip, timeout: 120_000 }, async () => {
  const db = rig.database.db;
  const context = await rig.browser.newContext({ viewport: { width: 1400, height: 1200 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`# page error: ${e.message}`));
  await login(page, rig.base, 'admin');
  await page.goto(`${rig.base}/#/catalogue`);
  const row = page.locator('[data-testid="matter-row"][data-code="AIR-122-MAJOR"]');
  await row.getByTestId('matter-edit').click();
  const form = page.getByTestId('matter-form');
  await form.waitFor();
  assert.equal(await form.locator('textarea').count(), 0, 'no JSON to type');
  assert.equal(await form.getByTestId('matter-penalty-kind').locator('option:checked').textContent(), '按倍数罚款');
  assert.equal(await form.getByTestId('matter-penalty-of').locator('option:checked').textContent(), '直接损失');
  assert.equal(await form.getByTestId('matter-min').inputValue(), '3');
  assert.equal(await form.getByTestId('matter-max').inputValue(), '5');
  const label = (await form.locator('label', { has: page.getByTestId('matter-max') }).textContent()) ?? '';
  assert.match(label, /倍数上限（倍）/);

  const versions = async (): Promise<number> => (await db.selectFrom('enforcement_matters').select('version').where('code', '=', 'AIR-122-MAJOR').execute()).length;
  const before = await versions();
  await form.getByTestId('matter-max').fill('');
  await form.getByTestId('matter-save').click();
  assert.equal(await form.getByTestId('matter-message').textContent(), '请填写“倍数上限（倍）”。');
  assert.equal(await versions(), before, 'nothing stored');

  await form.getByTestId('matter-max').fill('6');
  await form.getByTestId('matter-note').fill('按修订后的条文调整倍数上限');
  await form.getByTestId('matter-save').click();
  await form.waitFor({ state: 'detached' });
  await page.locator('[data-testid="matter-row"][data-code="AIR-122-MAJOR"] [data-testid="matter-range"]', { hasText: '直接损失 3–6 倍' }).waitFor();
  assert.equal(await versions(), before + 1);
  const latest = await db.selectFrom('enforcement_matters').select('body').where('code', '=', 'AIR-122-MAJOR').orderBy('version', 'desc').executeTakeFirstOrThrow();
  assert.deepEqual((JSON.parse(latest.body) as { penalty: unknown }).penalty, { kind: 'multiple', of: 'directLoss', min: 3, max: 6 });
  await page.screenshot({ path: join(ARTIFACTS, 'catalogue-editors-matter.png'), fullPage: true });

  // The discretion table's editor: every field a field of the form, no JSON view.
  await page.getByTestId('table-edit').first().click();
  const editor = page.getByTestId('table-editor');
  await editor.getByTestId('edit-start').waitFor();
  assert.equal(await editor.locator('textarea').count(), 0);
  assert.equal(await editor.getByTestId('table-json-toggle').count(), 0);
  await context.close();
});
