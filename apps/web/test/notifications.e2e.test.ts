// The notification centre in Debian's chromium (playwright-core). Before the server starts, the dispatcher
// assigns a task on the demo company to the two demo officers through the task service (the same call the
// dispatch board's 指派 makes), which notifies each of them. The officer logs in: the bell shows 1 unread;
// a new notification written while the console is open arrives over the live feed and the bell shows 2; the
// officer opens the bell, sees 新任务 with its Beijing time and text, clicks through to the task on the
// dispatch board, comes back by the bell, marks the task notice read (the count drops to 1), then 全部已读
// (it drops to 0). The dispatcher's own bell never counted the officers' notices.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { assignTask } from '../../server/src/enforcement/tasks/task-work.ts';
import { ARTIFACTS, browserSkip as skip, login, startConsoleRig, type ConsoleRig } from './console-rig.ts';

let rig: ConsoleRig;
let taskId: number;
let officerId: number;
const TITLE = '核查二氧化硫超标排放';

async function seed(database: Database): Promise<void> {
  const db = database.db;
  const ids = new Map((await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, Number(u.id)]));
  officerId = ids.get('officer')!;
  const company = await db.selectFrom('users as u').innerJoin('enterprises as e', 'e.id', 'u.enterprise_id').select(['e.id', 'e.region_code']).where('u.username', '=', 'company').executeTakeFirstOrThrow();
  const now = Date.now();
  const row = await db
    .insertInto('tasks')
    .values({
      source_kind: 'joint', source_id: null, region_code: company.region_code, requesting_region_code: null, enterprise_id: company.id, team_id: null, title: TITLE, note: null, status: 'open', priority: 'high',
      due_at: now + 5 * 86_400_000, escalated_at: null, created_at: now - 3600_000, created_by: ids.get('dispatcher')!, updated_at: now - 3600_000, started_at: null, done_at: null, outcome: null, cancelled_at: null, cancel_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  taskId = Number(row.id);
  const dispatcher = await db.selectFrom('users').select(['id', 'region_code']).where('username', '=', 'dispatcher').executeTakeFirstOrThrow();
  await assignTask(db, taskId, [officerId, ids.get('officer2')!], {
    actor: { kind: 'user', id: Number(dispatcher.id), name: 'dispatcher' }, userId: Number(dispatcher.id), regionCode: dispatcher.region_code,
    scope: { regionPrefix: dispatcher.region_code.slice(0, 4), enterpriseIds: null }, ip: null, at: now - 1800_000,
  });
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'notifications-e2e', prepare: seed });
});

after(async () => {
  await rig?.stop();
});

const bellCount = async (page: Page, n: number): Promise<void> => {
  await page.waitForFunction((want) => document.querySelector('[data-testid="notification-bell"]')?.getAttribute('data-unread') === String(want), n, { timeout: 30_000 });
};

void test('the officer sees the bell count, opens the list, follows the task, marks it read and the count drops', { skip }, async () => {
  const context = await rig.browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  try {
    await login(page, rig.base, 'officer');
    await bellCount(page, 1);
    assert.equal(await page.getByTestId('notification-count').innerText(), '1');

    // A notification written while the console is open reaches the bell over the live feed, no reload.
    await rig.database.db
      .insertInto('notifications')
      .values({ user_id: officerId, kind: 'task_due_soon', event_key: `task_due_soon:${taskId}`, title: `任务即将到期：${TITLE}`, body: `任务“${TITLE}”即将到期。`, link: `#/dispatch/${taskId}`, created_at: Date.now(), read_at: null, webhook_claimed_at: null })
      .execute();
    await bellCount(page, 2);

    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notifications-table').waitFor();
    const assigned = page.locator('[data-testid="notification-row"][data-kind="task_assigned"]');
    await assigned.waitFor();
    const text = await assigned.innerText();
    assert.match(text, /新任务/);
    assert.match(text, new RegExp(TITLE));
    assert.match(text, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/, 'a Beijing time');
    assert.equal(await assigned.getAttribute('data-read'), 'no');
    assert.match(await page.locator('[data-testid="notification-row"][data-kind="task_due_soon"]').innerText(), /任务即将到期/);
    await page.screenshot({ path: join(ARTIFACTS, 'notifications.png'), fullPage: true });

    // Through to the task on the dispatch board.
    await assigned.getByTestId('notification-link').click();
    await page.waitForURL(`**/#/dispatch/${taskId}`);
    await page.getByTestId('task-panel').waitFor();
    assert.match(await page.getByTestId('task-panel').innerText(), new RegExp(TITLE));

    // Back by the bell; mark the task notice read.
    await page.getByTestId('notification-bell').click();
    await assigned.waitFor();
    await assigned.getByTestId('notification-mark-read').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="notification-row"][data-kind="task_assigned"]')?.getAttribute('data-read') === 'yes', undefined, { timeout: 30_000 });
    await bellCount(page, 1);
    assert.match(await page.getByTestId('notifications-unread').innerText(), /未读 1 条/);

    await page.getByTestId('notifications-read-all').click();
    await bellCount(page, 0);
    assert.equal(await page.getByTestId('notification-count').count(), 0, 'no badge when nothing is unread');
    assert.equal(await page.locator('[data-testid="notification-row"][data-read="no"]').count(), 0);
  } finally {
    await context.close();
  }
});

void test("the dispatcher's bell does not count the officers' notices", { skip }, async () => {
  const context = await rig.browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  try {
    await login(page, rig.base, 'dispatcher');
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notifications-none').waitFor();
    assert.equal(await page.getByTestId('notification-bell').getAttribute('data-unread'), '0');
  } finally {
    await context.close();
  }
});
