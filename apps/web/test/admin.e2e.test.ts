// The admin's screens of issue 14 in Debian's chromium (playwright-core), driven by clicks: the admin creates an
// officer with the region picked by name and a generated password shown once, the officer logs in with it, the
// admin disables the officer (the open session ends and the login is refused); the admin creates an API token
// (the secret shown once) and revokes it after a confirmation; the admin imports a registry file: a first
// check reports the faulty row in Chinese, the corrected file checks clean, is imported, and the new
// enterprise is listed under 排污单位.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { makeUscc } from '@ecoenforce/domain';
import { ARTIFACTS, browserSkip as skip, login as rigLogin, startConsoleRig, type ConsoleRig } from './console-rig.ts';

let rig: ConsoleRig;
let county: { code: string; name: string };
let city: { code: string; name: string };

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'admin-e2e' });
  const db = rig.database.db;
  const officer = await db.selectFrom('users as u').innerJoin('regions as r', 'r.code', 'u.region_code').select(['r.code', 'r.name', 'r.parent_code']).where('u.username', '=', 'officer').executeTakeFirstOrThrow();
  county = { code: officer.code, name: officer.name };
  const parent = await db.selectFrom('regions').select(['code', 'name']).where('code', '=', officer.parent_code!).executeTakeFirstOrThrow();
  city = { code: parent.code, name: parent.name };
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

/** Logs in through the form with a given password; resolves to the error shown, or null once the console opens. */
async function tryLogin(page: Page, username: string, password: string): Promise<string | null> {
  await page.goto(rig.base);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  const outcome = await Promise.race([
    page.getByTestId('logout').waitFor({ timeout: 30_000 }).then(() => null),
    page.getByTestId('login-error').waitFor({ timeout: 30_000 }).then(() => page.getByTestId('login-error').innerText()),
  ]);
  return outcome;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `admin-${name}.png`), fullPage: true }).catch(() => undefined);
}

void test('the admin creates an officer by region name; the officer logs in; disabled, its session ends and its login is refused', { skip, timeout: 180_000 }, async () => {
  const adminContext = await rig.browser.newContext();
  const page = await adminContext.newPage();
  await rigLogin(page, rig.base, 'admin');
  await page.getByTestId('nav-users').click();
  const form = page.getByTestId('new-user-form');
  await form.waitFor();
  await page.getByTestId('new-user-display-name').fill('张伟');
  await page.getByTestId('new-user-username').fill('zhangwei');
  await page.getByTestId('new-user-role').selectOption({ label: '执法人员' });
  await page.getByTestId('new-user-region').selectOption({ label: county.name });
  await page.getByTestId('new-user-create').click();
  const secret = page.getByTestId('users-secret-value');
  await secret.waitFor();
  const password = (await secret.innerText()).trim();
  assert.ok(password.length >= 10, `a generated password is shown once: ${password}`);
  assert.match(await page.getByTestId('users-secret').innerText(), /只显示这一次/);
  const row = page.locator('[data-testid="user-row"][data-username="zhangwei"]');
  await row.waitFor();
  const rowText = await row.innerText();
  assert.match(rowText, /张伟/);
  assert.match(rowText, /执法人员/);
  assert.ok(rowText.includes(county.name), `the region by name: ${rowText}`);
  assert.ok(!rowText.includes(county.code), 'no region code on the row');
  await shot(page, 'users-created');

  // The new officer logs in with the password the admin passed on.
  const officerContext = await rig.browser.newContext();
  const officerPage = await officerContext.newPage();
  assert.equal(await tryLogin(officerPage, 'zhangwei', password), null, 'the new officer logs in');
  assert.match(await officerPage.locator('header').innerText(), /张伟/);

  // The admin disables it, confirming first.
  await row.getByTestId('user-disable').click();
  await row.getByTestId('user-disable-confirm').waitFor();
  assert.match(await row.getByTestId('user-disable-confirm').innerText(), /张伟/);
  await row.getByTestId('user-disable-confirm-yes').click();
  await page.getByTestId('users-notice').waitFor();
  assert.match(await page.getByTestId('users-notice').innerText(), /已停用/);
  await page.waitForFunction(() => /已停用/.test(document.querySelector('[data-testid="user-row"][data-username="zhangwei"] [data-testid="user-state"]')?.textContent ?? ''), undefined, { timeout: 30_000 });

  // The officer's open session is over: the console falls back to the login form; a new login is refused.
  await officerPage.reload();
  await officerPage.getByTestId('login-form').waitFor({ timeout: 30_000 });
  const refused = await tryLogin(officerPage, 'zhangwei', password);
  assert.ok(refused !== null, 'the disabled officer cannot log in');
  await shot(officerPage, 'login-refused');
  const audit = await rig.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'user').orderBy('seq').execute();
  assert.deepEqual(audit.map((a) => a.action).slice(-2), ['create', 'disable']);
  await officerContext.close();
  await adminContext.close();
});

void test('the admin creates an API token, sees its secret once with a copy button, and revokes it after confirming', { skip, timeout: 180_000 }, async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await rigLogin(page, rig.base, 'admin');
  await page.getByTestId('nav-tokens').click();
  await page.getByTestId('new-token-form').waitFor();
  await page.getByTestId('new-token-name').fill('用电监控平台');
  await page.getByTestId('new-token-role').selectOption({ label: '监测分析' });
  await page.getByTestId('new-token-region').selectOption({ label: city.name });
  await page.getByTestId('new-token-create').click();
  const secret = page.getByTestId('token-secret-value');
  await secret.waitFor();
  assert.match((await secret.innerText()).trim(), /^ee_[A-Za-z0-9_-]{20,}$/);
  assert.ok(await page.getByTestId('token-secret-copy').isVisible());
  const row = page.locator('[data-testid="token-row"][data-name="用电监控平台"]');
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /监测分析/);
  assert.ok(text.includes(city.name), `the region by name: ${text}`);
  assert.match(text, /从未使用/);
  assert.match(await row.getByTestId('token-state').innerText(), /有效/);
  await shot(page, 'token-created');

  await row.getByTestId('token-revoke').click();
  await row.getByTestId('token-revoke-confirm').waitFor();
  await row.getByTestId('token-revoke-confirm-yes').click();
  await page.waitForFunction(() => /已吊销/.test(document.querySelector('[data-testid="token-row"][data-name="用电监控平台"] [data-testid="token-state"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
  assert.equal(await row.getByTestId('token-revoke').count(), 0, 'a revoked token offers no second revocation');
  const stored = await rig.database.db.selectFrom('api_tokens').select('revoked_at').where('name', '=', '用电监控平台').executeTakeFirstOrThrow();
  assert.notEqual(stored.revoked_at, null);
  await context.close();
});

void test('the admin imports enterprises: the check names the faulty row in Chinese, the corrected file is imported and listed', { skip, timeout: 180_000 }, async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await rigLogin(page, rig.base, 'admin');
  await page.getByTestId('nav-imports').click();
  await page.getByTestId('import-kind-select').waitFor();
  assert.ok((await page.getByTestId('import-kind-select').innerText()).includes('排污单位'));
  const columns = await page.getByTestId('import-columns').innerText();
  assert.match(columns, /统一社会信用代码/);
  assert.match(columns, /必填/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
  const template = readFileSync(await download.path(), 'utf8');
  assert.match(template, /统一社会信用代码,单位名称,行政区划代码/);

  const uscc = makeUscc({ authority: '9', kind: '1', region: county.code, orgBody: 'MA5E2E01' });
  const header = '统一社会信用代码,单位名称,行政区划代码,行业,管理类别,地址,纬度,经度';
  const good = `${uscc},界面导入测试化工有限公司,${county.code},chemical,重点管理,测试大道8号,23.12,113.31`;
  const faulty = `${header}\n${good}\n91440000BADBADBAD0,坏行有限公司,${county.code},chemical,重点管理,测试大道9号,23.1,113.3\n`;
  await page.getByTestId('import-file-input').setInputFiles({ name: '排污单位.csv', mimeType: 'text/csv', buffer: Buffer.from(faulty, 'utf8') });
  await page.getByTestId('import-check').click();
  await page.getByTestId('import-problems').waitFor();
  const errors = await page.getByTestId('import-errors').innerText();
  assert.match(errors, /\b3\b/, `the faulty row's number: ${errors}`);
  assert.match(errors, /统一社会信用代码不正确/);
  assert.equal(await page.getByTestId('import-apply').count(), 0, 'nothing to apply while the file has problems');
  await shot(page, 'import-errors');

  await page.getByTestId('import-file-input').setInputFiles({ name: '排污单位.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${good}\n`, 'utf8') });
  await page.getByTestId('import-check').click();
  await page.getByTestId('import-will-add').waitFor();
  assert.match(await page.getByTestId('import-will-add').innerText(), /将新增 1 条/);
  const before = await rig.database.db.selectFrom('enterprises').select('id').where('uscc', '=', uscc).execute();
  assert.equal(before.length, 0, 'the check writes nothing');
  await page.getByTestId('import-apply').click();
  await page.getByTestId('import-done').waitFor();
  assert.match(await page.getByTestId('import-done').innerText(), /新增 1 条/);

  await page.getByTestId('nav-enterprises').click();
  await page.getByTestId('enterprises-search').fill('界面导入测试');
  await page.getByTestId('enterprises-search').press('Enter');
  await page.waitForFunction(() => /界面导入测试化工有限公司/.test(document.querySelector('[data-testid="enterprises-table"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
  await shot(page, 'import-listed');
  await context.close();
});
