// The audit page as a head uses it: people's actions listed by name in Chinese, machine ingestion counted per
// day instead of flooding the list, filters by person and action, a row's change shown field by field, more
// rows on demand, and the filtered list exported. Seeded before the story: a meter feed's 30 pushes, 60 edits
// of an analyst and one warning decision with its reason.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { beijingDayNumber, startOfBeijingDay } from '@ecoenforce/domain';
import { recordAudit } from '../../server/src/platform/audit.ts';
import { ARTIFACTS, browserSkip as skip, login, startConsoleRig, type ConsoleRig } from './console-rig.ts';

let rig: ConsoleRig;
const REASON = '复核小时数据后确认超标';

async function seed(database: Database): Promise<void> {
  const db = database.db;
  const analyst = await db.selectFrom('users').select(['id', 'username']).where('username', '=', 'analyst').executeTakeFirstOrThrow();
  const actor = { kind: 'user' as const, id: Number(analyst.id), name: analyst.username };
  // One Beijing day for all of it, whatever the hour the test runs.
  const t0 = startOfBeijingDay(beijingDayNumber(Date.now())) + 3_600_000;
  for (let i = 0; i < 30; i++) {
    await recordAudit(db, { actor: { kind: 'token', id: 1, name: 'demo-feed' }, action: 'ingest', entity: 'meter_feed', entityId: 'demo-feed', after: { accepted: 12 }, at: t0 + i * 60_000 });
  }
  for (let i = 0; i < 60; i++) {
    await recordAudit(db, { actor, action: 'update', entity: 'marking', entityId: i + 1, before: { reason: '启停' }, after: { reason: '设备检修' }, at: t0 + 1_800_000 + i * 1_000 });
  }
  await recordAudit(db, { actor, action: 'confirm', entity: 'warning', entityId: 42, before: { status: 'new' }, after: { status: 'confirmed', reason: REASON }, ip: '127.0.0.1', at: t0 + 3_000_000 });
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'audit-e2e', prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

void test('a head reads the trail: people by name, machine pushes summarised, filtered, a change shown, exported', { skip }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  await login(page, rig.base, 'head');
  await page.getByTestId('nav-audit').click();
  const rows = page.getByTestId('audit-row');
  await rows.first().waitFor();

  // 50 a page, newest first, no machine pushes among them; the pushes are counted per day below.
  assert.equal(await rows.count(), 50);
  const text = await page.getByTestId('audit-table').innerText();
  assert.doesNotMatch(text, /系统接入数据|demo-feed/);
  assert.match(await rows.filter({ hasText: '确认预警' }).first().innerText(), /监测分析员（127\.0\.0\.1）\s+确认预警\s+预警 42/);
  const day = page.getByTestId('audit-ingest-day');
  assert.equal(await day.count(), 1);
  assert.match(await day.innerText(), /接口令牌“demo-feed”\s+30/);
  await page.getByTestId('audit-more').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-row"]').length > 50);
  assert.ok(await rows.count() >= 61, 'the next page follows the first');

  // Filtered by person and action, by their names.
  await page.getByTestId('audit-actor').selectOption({ label: '监测分析员' });
  await page.getByTestId('audit-action').selectOption({ label: '确认预警' });
  await page.getByTestId('audit-apply').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-row"]').length === 1);
  await page.getByTestId('audit-show-change').click();
  const change = page.getByTestId('audit-change');
  await change.waitFor();
  const cells = await change.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
  assert.deepEqual(cells.find((c) => c[0] === '理由'), ['理由', '—', REASON]);
  assert.deepEqual(cells.find((c) => c[0] === '状态'), ['状态', '新预警', '已确认']);
  await page.screenshot({ path: join(ARTIFACTS, 'audit.png'), fullPage: true });

  // The export carries the same filter: one data row, Chinese headers, the person's name.
  const csvHref = await page.getByTestId('audit-csv').getAttribute('href');
  const csv = await page.evaluate(async (href) => (await fetch(href!)).text(), csvHref);
  const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.equal(lines.length, 2, csv);
  assert.match(lines[0]!, /^序号,时间（北京时间）,操作人,/);
  assert.match(lines[1]!, /监测分析员/);
  assert.ok(lines[1]!.includes(REASON));
  await context.close();
});
