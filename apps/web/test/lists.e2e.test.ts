// The case list and the warnings inbox as an officer and an analyst use them (issue 14): a search typed, a date
// range picked, a column header clicked to sort, page 2, a reload that keeps it all (the state is in the URL),
// and the case export read back cell by cell. Seeded before the story: 25 cases of the officer's county filed
// one a day in May 2025 (every fifth a noise case, odd days with a fine), a noise case of another city that
// must never show, and warnings raised in June 2025 at a unit of the analyst's city and one of another city.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { applyAction, openCase, type CaseContext } from '../../server/src/enforcement/cases/cases.ts';
import { ARTIFACTS, browserSkip as skip, login, startConsoleRig, type ConsoleRig } from './console-rig.ts';

let rig: ConsoleRig;
let insideName = '';
let otherName = '';
const NOISE = '噪声超标排放案';
/** Epoch ms of a Beijing wall-clock time. */
const bj = (y: number, m: number, d: number, h = 0): number => Date.UTC(y, m - 1, d, h - 8);

async function seed(database: Database): Promise<void> {
  const db = database.db;
  const first = await db.selectFrom('enterprises').select(['id', 'name', 'region_code']).orderBy('id').executeTakeFirstOrThrow();
  const other = await db.selectFrom('enterprises').select(['id', 'name']).where('region_code', 'not like', `${first.region_code.slice(0, 4)}%`).orderBy('id').executeTakeFirstOrThrow();
  insideName = first.name;
  otherName = other.name;
  const user = async (username: string, role: 'officer' | 'head', at: number): Promise<CaseContext> => {
    const u = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    return { userId: Number(u.id), role, actor: { kind: 'user', id: Number(u.id), name: username }, ip: null, at };
  };
  const file = async (enterpriseId: number, at: number, cause: string, amount: number | null) => {
    const row = await openCase(db, { enterpriseId, matterCode: 'AIR-99-2', discoveredAt: at }, await user('officer', 'officer', at));
    await applyAction(db, null, row.id, { action: 'file', input: {}, version: row.version }, await user('head', 'head', at));
    await db.updateTable('cases').set({ details: JSON.stringify({ cause, source: '日常巡查' }), amount }).where('id', '=', row.id).execute();
  };
  for (let k = 1; k <= 25; k++) await file(Number(first.id), bj(2025, 5, k, 10), k % 5 === 0 ? NOISE : '超标排放大气污染物案', k % 2 === 1 ? k * 1000 : null);
  await file(Number(other.id), bj(2025, 5, 3, 10), NOISE, 9000);
  // Warnings: three at the first unit on 3, 10 and 20 June, one at the other city's unit on 12 June.
  const pointOf = async (enterpriseId: number) => db.selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id')
    .select(['p.id', 'o.enterprise_id']).where('o.enterprise_id', '=', enterpriseId).orderBy('p.id').executeTakeFirstOrThrow();
  const raise = async (enterpriseId: number, region: string, at: number) => {
    const p = await pointOf(enterpriseId);
    await db.insertInto('warnings').values({
      point_id: p.id, enterprise_id: enterpriseId, region_code: region, kind: 'exceedance', factor: 'a21026', severity: 'medium', status: 'new',
      period_from: at - 3_600_000, period_to: at, message: 'seed', evidence: JSON.stringify({ times: [at], params: {} }), created_at: at, updated_at: at,
      decided_by: null, decision_reason: null, answer: null, answered_at: null,
    }).execute();
  };
  const otherRegion = (await db.selectFrom('enterprises').select('region_code').where('id', '=', other.id).executeTakeFirstOrThrow()).region_code;
  for (const d of [3, 10, 20]) await raise(Number(first.id), first.region_code, bj(2025, 6, d, 9));
  await raise(Number(other.id), otherRegion, bj(2025, 6, 12, 9));
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'lists-e2e', prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

const texts = (page: Page, testId: string): Promise<string[]> => page.getByTestId(testId).allTextContents();
const waitText = (page: Page, testId: string, text: string): Promise<unknown> =>
  page.waitForFunction(([id, t]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === t, [testId, text] as const, { timeout: 30_000 });

void test('an officer searches, bounds by filing date, sorts, pages, reloads and exports the case list', { skip, timeout: 240_000 }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  await login(page, rig.base, 'officer');
  await page.getByTestId('nav-cases').click();
  await waitText(page, 'cases-total', '共 25 条');
  assert.equal(await page.getByTestId('cases-page').textContent(), '第 1 页（共 2 页）');
  assert.equal(await page.getByTestId('case-row').count(), 20);
  assert.equal(await page.getByTestId('cases-prev').isDisabled(), true);

  // 起止日期: 1 to 22 May, both included.
  await page.getByTestId('cases-from').fill('2025-05-01');
  await page.getByTestId('cases-to').fill('2025-05-22');
  await waitText(page, 'cases-total', '共 22 条');
  await page.getByTestId('cases-next').click();
  await waitText(page, 'cases-page', '第 2 页（共 2 页）');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-row"]').length === 2);
  assert.deepEqual(await texts(page, 'case-filed'), ['2025-05-02', '2025-05-01'], 'page 2 of the newest first: the two oldest');
  assert.equal(await page.getByTestId('cases-next').isDisabled(), true);

  // A header sorts (and goes back to page 1): the fine, largest first, cases without one last; again: smallest first.
  const amountHeader = page.getByTestId('cases-sort-amount');
  assert.equal(await amountHeader.getAttribute('aria-sort'), 'none');
  await amountHeader.getByRole('button').click();
  await waitText(page, 'cases-page', '第 1 页（共 2 页）');
  await page.waitForFunction(() => document.querySelector('[data-testid="case-amount"]')?.textContent === '21000');
  assert.equal(await amountHeader.getAttribute('aria-sort'), 'descending');
  const desc = await texts(page, 'case-amount');
  assert.deepEqual(desc.slice(0, 11), ['21000', '19000', '17000', '15000', '13000', '11000', '9000', '7000', '5000', '3000', '1000']);
  assert.ok(desc.slice(11).every((a) => a === '—'));
  await amountHeader.getByRole('button').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="case-amount"]')?.textContent === '1000');
  assert.equal(await amountHeader.getAttribute('aria-sort'), 'ascending');

  // A search by 案由; the other city's noise case never shows.
  await page.getByTestId('cases-search').fill('噪声');
  await page.getByTestId('cases-search-submit').click();
  await waitText(page, 'cases-total', '共 4 条');
  assert.deepEqual(await texts(page, 'case-amount'), ['5000', '15000', '—', '—']);
  assert.deepEqual(await texts(page, 'case-filed'), ['2025-05-05', '2025-05-15', '2025-05-10', '2025-05-20']);
  assert.ok(!(await page.getByTestId('cases-table').innerText()).includes(otherName));
  assert.match(decodeURIComponent(new URL(page.url()).hash), /^#\/cases\?.*q=噪声/);

  // A reload (or the link shared) shows the same list.
  await page.reload();
  await waitText(page, 'cases-total', '共 4 条');
  assert.equal(await page.getByTestId('cases-search').inputValue(), '噪声');
  assert.equal(await page.getByTestId('cases-from').inputValue(), '2025-05-01');
  assert.equal(await page.getByTestId('cases-to').inputValue(), '2025-05-22');
  assert.equal(await page.getByTestId('cases-sort-amount').getAttribute('aria-sort'), 'ascending');
  await page.screenshot({ path: join(ARTIFACTS, 'lists-cases.png'), fullPage: true });

  // 导出 Excel: the filtered list in the table's order, Chinese headers.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cases-export-xlsx').click()]);
  const file = join(rig.dir, 'cases.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const row = (n: number): unknown[] => (ws.getRow(n).values as unknown[]).slice(1);
  assert.deepEqual(row(1), ['案件编号', '当事人', '违法事项', '案由', '办理状态', '发现时间', '立案时间', '决定时间', '结案时间', '罚款金额（元）', '重大案件', '期限状况']);
  assert.equal(ws.rowCount, 5);
  const numbers = await page.locator('[data-testid="case-row"] td:first-child').allTextContents();
  assert.deepEqual([2, 3, 4, 5].map((n) => row(n)[0]), numbers, 'the same cases in the same order');
  assert.deepEqual([2, 3, 4, 5].map((n) => row(n)[9] ?? null), [5000, 15000, null, null]);
  assert.deepEqual([2, 3, 4, 5].map((n) => row(n)[6]), ['2025-05-05 10:00', '2025-05-15 10:00', '2025-05-10 10:00', '2025-05-20 10:00']);
  for (let n = 2; n <= 5; n++) {
    assert.equal(row(n)[1], insideName);
    assert.equal(row(n)[3], NOISE);
    assert.equal(row(n)[4], '已立案');
  }

  // 清除条件: back to every case.
  await page.getByTestId('cases-clear').click();
  await waitText(page, 'cases-total', '共 25 条');
  assert.equal(await page.getByTestId('cases-search').inputValue(), '');
  await context.close();
});

void test('an analyst searches the warnings by unit, picks the dates and sorts by when they were raised', { skip, timeout: 240_000 }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await login(page, rig.base, 'analyst');
  await page.getByTestId('nav-warnings').click();
  await page.getByTestId('warnings-total').waitFor();
  await page.getByTestId('warnings-search').fill(insideName.slice(0, 4));
  await page.getByTestId('warnings-search').press('Enter');
  await page.getByTestId('warnings-from').fill('2025-06-01');
  await page.getByTestId('warnings-to').fill('2025-06-30');
  await waitText(page, 'warnings-total', '共 3 条');
  const raised = page.getByTestId('warnings-sort-raised');
  await raised.getByRole('button').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="warnings-sort-raised"]')?.getAttribute('aria-sort') === 'descending');
  await page.waitForFunction(() => document.querySelector('[data-testid="warning-raised"]')?.textContent?.startsWith('2025-06-20') === true);
  assert.deepEqual((await texts(page, 'warning-raised')).map((s) => s.slice(0, 10)), ['2025-06-20', '2025-06-10', '2025-06-03']);
  await raised.getByRole('button').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="warning-raised"]')?.textContent?.startsWith('2025-06-03') === true);
  assert.deepEqual((await texts(page, 'warning-raised')).map((s) => s.slice(0, 10)), ['2025-06-03', '2025-06-10', '2025-06-20']);
  // The other city's warning of 12 June is never in the analyst's list, searched for or not.
  await page.getByTestId('warnings-search').fill(otherName);
  await page.getByTestId('warnings-search-submit').click();
  await waitText(page, 'warnings-total', '共 0 条');
  await page.reload();
  await waitText(page, 'warnings-total', '共 0 条');
  assert.equal(await page.getByTestId('warnings-search').inputValue(), otherName);
  await page.screenshot({ path: join(ARTIFACTS, 'lists-warnings.png'), fullPage: true });
  await context.close();
});
