// Rectification in Debian's chromium (playwright-core): the enterprise opens "My rectifications" from the
// navigation, sees its order with the deadline clock, uploads proof (the file hashed in the browser, checked
// by the server); an officer opens the same order from the bureau's list and records it corrected.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createHash } from 'node:crypto';
import type { Database } from '../../server/src/db/connect.ts';
import { createOrder } from '../../server/src/services/rectification.ts';
import { beijingInput } from '../src/components/format.ts';
import { ARTIFACTS, browserSkip as skip, login as rigLogin, startConsoleRig, type ConsoleRig } from './console-rig.ts';

const HOUR = 3600_000;
const PROOF = Buffer.from('检修完成照片（测试）');
let rig: ConsoleRig;
let orderId: number;
let officerIds: number[];

async function seed(database: Database): Promise<void> {
  const db = database.db;
  const company = await db.selectFrom('users').select(['enterprise_id']).where('username', '=', 'company').executeTakeFirstOrThrow();
  const officer = await db.selectFrom('users').select(['id']).where('username', '=', 'officer').executeTakeFirstOrThrow();
  const second = await db.selectFrom('users').select('id').where('username', '=', 'officer2').executeTakeFirstOrThrow();
  officerIds = [Number(officer.id), Number(second.id)];
  const now = Date.now();
  const row = await createOrder(db, { enterpriseId: Number(company.enterprise_id), caseId: null, requirement: '完成脱硫设施检修', deadlineDays: 10, orderedAt: now - 2 * HOUR },
    { actor: { kind: 'system', id: null, name: 'e2e' }, userId: Number(officer.id), scope: { regionPrefix: '', enterpriseIds: null }, ip: null, at: now });
  orderId = row.id;
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'rectification-e2e', prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

const login = (page: Page, username: string): Promise<void> => rigLogin(page, rig.base, username);

void test('the enterprise uploads hashed proof; an officer records the order corrected', { skip }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await login(page, 'company');
  await page.getByTestId('nav-rectifications').click();
  await page.getByTestId('rectification-list').waitFor();
  assert.equal(await page.getByTestId('rectification-row').count(), 1);
  assert.equal(await page.getByTestId('rectification-clock').first().getAttribute('data-clock'), 'ok');
  await page.getByRole('link', { name: String(orderId), exact: true }).click();
  await page.getByTestId('rectification-proof-form').waitFor();
  await page.getByTestId('rectification-proof-files').setInputFiles({ name: 'photo.txt', mimeType: 'text/plain', buffer: PROOF });
  const digest = createHash('sha256').update(PROOF).digest('hex');
  await page.getByText(`${digest.slice(0, 16)}…`).waitFor();
  await page.getByRole('button', { name: '提交整改证明' }).click();
  await page.waitForFunction(`document.querySelector('[data-testid="rectification-status"]')?.textContent === '已提交证明'`);
  assert.match((await page.getByTestId('rectification-proofs').textContent()) ?? '', /photo\.txt/);
  await page.screenshot({ path: join(ARTIFACTS, 'rectification-enterprise.png'), fullPage: true });
  const stored = await rig.database.db.selectFrom('rectification_files').select(['sha256', 'bytes']).executeTakeFirstOrThrow();
  assert.equal(stored.sha256, digest);
  assert.equal(Buffer.from(stored.bytes).toString('utf8'), PROOF.toString('utf8'));

  const officer = await (await rig.browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await login(officer, 'officer');
  await officer.getByTestId('nav-rectifications').click();
  await officer.getByTestId('rectification-list').waitFor();
  await officer.getByRole('link', { name: String(orderId), exact: true }).click();
  const form = officer.getByTestId('rectification-outcome-form');
  await form.waitFor();
  await form.locator('input[type="datetime-local"]').fill(beijingInput(Date.now() - HOUR));
  await form.getByPlaceholder('12, 13').fill(officerIds.join(', '));
  await form.locator('textarea').fill('已改正');
  await form.getByRole('button').click();
  await officer.waitForFunction(`document.querySelector('[data-testid="rectification-status"]')?.textContent === '已改正'`);
  await officer.screenshot({ path: join(ARTIFACTS, 'rectification-bureau.png'), fullPage: true });
  await context.close();
});
