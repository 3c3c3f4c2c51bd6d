// Rectification in Debian's chromium (playwright-core): the enterprise opens "My rectifications" from the
// navigation, sees its order with the deadline clock, uploads proof (the file hashed in the browser, checked
// by the server); an officer opens the same order from the bureau's list and records it corrected, picking the
// two re-inspecting officers by name (each shown with the 执法证号) — the server stores their ids. The head
// opens the statistics' rectification figure (the list filtered as it counts, the filters shown and cleared),
// records a production measure (a future date refused with its type first) and withdraws a second order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createHash } from 'node:crypto';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { createOrder } from '../../server/src/enforcement/rectification/rectification.ts';
import { beijingInput } from '../src/components/format.ts';
import { ARTIFACTS, browserSkip as skip, login as rigLogin, startConsoleRig, type ConsoleRig } from './console-rig.ts';

const HOUR = 3600_000;
const PROOF = Buffer.from('检修完成照片（测试）');
let rig: ConsoleRig;
let orderId: number;
let secondId: number;
let officerIds: number[];
let officerNames: string[];
let certificates: string[];

async function seed(database: Database): Promise<void> {
  const db = database.db;
  const company = await db.selectFrom('users').select(['enterprise_id']).where('username', '=', 'company').executeTakeFirstOrThrow();
  const officer = await db.selectFrom('users').select(['id', 'display_name', 'certificate_no']).where('username', '=', 'officer').executeTakeFirstOrThrow();
  const second = await db.selectFrom('users').select(['id', 'display_name', 'certificate_no']).where('username', '=', 'officer2').executeTakeFirstOrThrow();
  officerIds = [Number(officer.id), Number(second.id)];
  officerNames = [officer.display_name, second.display_name];
  certificates = [officer.certificate_no ?? '', second.certificate_no ?? ''];
  const now = Date.now();
  const row = await createOrder(db, { enterpriseId: Number(company.enterprise_id), caseId: null, requirement: '完成脱硫设施检修', deadlineDays: 10, orderedAt: now - 2 * HOUR },
    { actor: { kind: 'system', id: null, name: 'e2e' }, userId: Number(officer.id), scope: { regionPrefix: '', enterpriseIds: null }, ip: null, at: now });
  orderId = row.id;
  // The second order is another enterprise's: the company's list shows its own order only.
  const other = await db.selectFrom('enterprises').select('id').where('id', '!=', Number(company.enterprise_id)).orderBy('id').executeTakeFirstOrThrow();
  const withdrawn = await createOrder(db, { enterpriseId: Number(other.id), caseId: null, requirement: '规范设置排污口标志牌', deadlineDays: 5, orderedAt: now - HOUR },
    { actor: { kind: 'system', id: null, name: 'e2e' }, userId: Number(officer.id), scope: { regionPrefix: '', enterpriseIds: null }, ip: null, at: now });
  secondId = withdrawn.id;
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
  // No field asks for an id: the officers are ticked by name, each shown with the 执法证号.
  assert.equal(await form.getByPlaceholder('12, 13').count(), 0);
  const picker = form.getByTestId('rectification-officers');
  await picker.getByRole('checkbox').first().waitFor();
  const boxes = officerNames.map((name) => picker.getByRole('checkbox', { name: new RegExp(`^${name} `) }));
  for (const [i, box] of boxes.entries()) assert.match(await box.evaluate((e) => e.closest('label')?.textContent ?? ''), new RegExp(`执法证号 ${certificates[i]}`));
  await form.locator('textarea').fill('已改正');
  // One officer is not enough [APL 42]: the form says so and sends nothing.
  await boxes[0]!.check();
  await form.getByRole('button', { name: '记录复查结果' }).click();
  assert.equal(await officer.getByTestId('rectification-outcome-message').textContent(), '请填写复查时间，并选择至少两名复查人员。');
  await boxes[1]!.check();
  await form.getByRole('button', { name: '记录复查结果' }).click();
  await officer.waitForFunction(`document.querySelector('[data-testid="rectification-status"]')?.textContent === '已改正'`);
  const recorded = await rig.database.db.selectFrom('rectifications').select(['status', 'reinspection_officers']).where('id', '=', orderId).executeTakeFirstOrThrow();
  assert.equal(recorded.status, 'corrected');
  assert.deepEqual((JSON.parse(recorded.reinspection_officers ?? '[]') as number[]).sort((a, b) => a - b), [...officerIds].sort((a, b) => a - b), 'the server stored the picked officers\' ids');
  // The record shows the officers by name.
  assert.match((await officer.getByTestId('rectification-reinspection').textContent()) ?? '', new RegExp(officerNames.join('、')));
  await officer.screenshot({ path: join(ARTIFACTS, 'rectification-bureau.png'), fullPage: true });
  await context.close();
});

void test('the head follows a statistics figure to the filtered list, records a measure and withdraws an order', { skip }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await login(page, 'head');

  // The statistics' total of orders issued this year opens the list filtered as it counts.
  await page.goto(`${rig.base}/#/stats`);
  const ordered = page.locator('[data-testid="stats-row"][data-key="total"] td[data-measure="rectOrdered"] a');
  await ordered.waitFor();
  const figure = Number(await ordered.textContent());
  assert.equal(figure, 2);
  await ordered.click();
  await page.getByTestId('rectification-list').waitFor();
  assert.match(page.url(), /#\/rectifications\?by=ordered&from=\d{4}-01-01&to=\d{4}-12-31/);
  assert.equal(await page.getByTestId('rectification-row').count(), figure);
  assert.deepEqual(await page.getByTestId('rectification-filter').evaluateAll((els) => els.map((e) => e.getAttribute('data-filter'))), ['by', 'from', 'to']);
  // A status from the hash narrows it; removing one filter keeps the others; clearing shows every order.
  await page.goto(`${rig.base}/#/rectifications?status=corrected&by=ordered`);
  await page.getByTestId('rectification-list').waitFor();
  // The hash changes in the same page: the rows of the filters before stay until the new answer arrives.
  await page.waitForFunction(`document.querySelector('[data-testid="rectification-filter"][data-filter="status"]') !== null && document.querySelectorAll('[data-testid="rectification-row"]').length === 1`);
  assert.equal(await page.getByTestId('rectification-row').count(), 1);
  await page.locator('[data-testid="rectification-filter"][data-filter="status"] a').click();
  await page.waitForFunction(`document.querySelectorAll('[data-testid="rectification-row"]').length === 2`);
  assert.ok(page.url().endsWith('#/rectifications?by=ordered'));
  await page.getByTestId('rectification-clear-filters').click();
  await page.waitForFunction(`document.querySelector('[data-testid="rectification-active-filters"]') === null`);
  assert.equal(await page.getByTestId('rectification-row').count(), 2);

  // The measure: dated tomorrow, the server refuses it (a typed 400); dated half an hour ago, it is recorded.
  await page.getByRole('link', { name: String(secondId), exact: true }).click();
  const measure = page.getByTestId('rectification-measure-form');
  await measure.waitFor();
  assert.equal(await page.getByTestId('rectification-outcome-form').count(), 0, 'the head does not record the re-inspection');
  await measure.getByTestId('rectification-measure-kind').selectOption('seal');
  await measure.getByTestId('rectification-measure-at').fill(beijingInput(Date.now() + 24 * HOUR));
  await measure.getByRole('button').click();
  const message = page.getByTestId('rectification-measure-message');
  await message.waitFor();
  assert.equal(await message.getAttribute('data-error-code'), 'bad_request');
  assert.equal((await message.textContent()) ?? '', '请求有误: 时间不能晚于当前时间', 'the server\'s reason in Chinese, not its English message');
  await measure.getByTestId('rectification-measure-at').fill(beijingInput(Date.now() - HOUR / 2));
  await measure.getByTestId('rectification-measure-note').fill('查封脱硫旁路');
  await measure.getByRole('button').click();
  await page.getByTestId('rectification-measure').waitFor();
  assert.match((await page.getByTestId('rectification-measure').textContent()) ?? '', /查封扣押 · 查封脱硫旁路/);
  assert.equal(await message.getAttribute('data-error-code'), null);
  const stored = await rig.database.db.selectFrom('rectification_measures').select(['kind', 'note']).where('rectification_id', '=', secondId).execute();
  assert.deepEqual(stored, [{ kind: 'seal', note: '查封脱硫旁路' }]);

  // Withdrawing the order: its status, the reason shown, the form gone; audited.
  await page.getByTestId('rectification-cancel-reason').fill('执法主体错误');
  await page.getByTestId('rectification-cancel-form').getByRole('button').click();
  await page.waitForFunction(`document.querySelector('[data-testid="rectification-status"]')?.textContent === '已撤销'`);
  assert.match((await page.getByTestId('rectification-cancel-reason-shown').textContent()) ?? '', /执法主体错误/);
  assert.equal(await page.getByTestId('rectification-cancel-form').count(), 0);
  const row = await rig.database.db.selectFrom('rectifications').select(['status', 'cancel_reason']).where('id', '=', secondId).executeTakeFirstOrThrow();
  assert.deepEqual(row, { status: 'cancelled', cancel_reason: '执法主体错误' });
  const audit = await rig.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'rectification').where('entity_id', '=', String(secondId)).orderBy('seq').execute();
  assert.deepEqual(audit.map((a) => a.action), ['create', 'measure', 'cancel']);
  await page.screenshot({ path: join(ARTIFACTS, 'rectification-head.png'), fullPage: true });
  await context.close();
});
