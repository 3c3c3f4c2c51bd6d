// The guided on-site inspection on a phone, in Debian's chromium (playwright-core): an officer opens the
// task's inspection online (GPS granted at a fixed position), the network drops, the officer answers items,
// takes a photo and marks a violation with its matter, reloads the page with no network (the service worker
// serves the shell, IndexedDB still holds the outbox), comes back online and syncs. The server then holds
// exactly one inspection with those items, the photo whose SHA-256 equals the file's and the position; a
// second sync adds nothing. The page fits the phone's width. Another session of the officer (a new browser
// context: another phone, or this one after logout forgot its copy) continues the server's inspection from
// its versions, and finishing while online reaches the server without another sync.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { png } from './png.ts';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserSkip as skip, login, startConsoleRig, type ConsoleRig } from './console-rig.ts';

const POSITION = { latitude: 23.12911, longitude: 113.26436, accuracy: 15 };
let rig: ConsoleRig;
let taskId: number;
let violationTaskId: number;


async function seed(database: Database): Promise<void> {
  const db = database.db;
  const e = await db.selectFrom('enterprises').select(['id', 'region_code']).orderBy('id').executeTakeFirstOrThrow();
  const now = Date.now();
  const row = await db
    .insertInto('tasks')
    .values({
      source_kind: 'joint', source_id: null, region_code: e.region_code, requesting_region_code: null, enterprise_id: e.id, team_id: null, title: '现场检查 e2e', note: null, status: 'assigned', priority: 'normal',
      due_at: now + 10 * 86_400_000, escalated_at: null, created_at: now, created_by: 1, updated_at: now, started_at: null, done_at: null, outcome: null, cancelled_at: null, cancel_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  taskId = Number(row.id);
  const second = await db
    .insertInto('tasks')
    .values({
      source_kind: 'joint', source_id: null, region_code: e.region_code, requesting_region_code: null, enterprise_id: e.id, team_id: null, title: '现场检查 e2e（违法项）', note: null, status: 'assigned', priority: 'normal',
      due_at: now + 10 * 86_400_000, escalated_at: null, created_at: now, created_by: 1, updated_at: now, started_at: null, done_at: null, outcome: null, cancelled_at: null, cancel_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  violationTaskId = Number(second.id);
  const officers = await db.selectFrom('users').select('id').where('username', 'in', ['officer', 'officer2']).execute();
  for (const task of [taskId, violationTaskId]) {
    await db.insertInto('task_assignments').values(officers.map((o) => ({ task_id: task, user_id: Number(o.id), assigned_at: now, assigned_by: 1, released_at: null }))).execute();
  }
}

/** Taps one verdict on every item that has none yet (the officer working down the checklist). */
async function answerRest(page: Page, result: 'compliant' | 'not_applicable'): Promise<number> {
  const open = page.locator('li.insp-item[data-state="empty"]');
  let n = 0;
  while ((await open.count()) > 0) {
    const key = (await open.first().getAttribute('data-testid'))!;
    await open.first().getByTestId(`result-${result}`).tap();
    // The card leaves "empty" once the verdict is in the phone's store.
    await page.getByTestId(key).and(page.locator(':not([data-state="empty"])')).waitFor();
    n++;
  }
  return n;
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'inspection-e2e', prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

void test('an officer inspects offline on a phone, reloads offline, and syncs exactly once', { skip }, async () => {
  const db = rig.database.db;
  const context = await rig.browser.newContext({
    viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, geolocation: POSITION, permissions: ['geolocation'], serviceWorkers: 'allow',
  });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log(`# browser: ${m.text()}`); });
  page.on('pageerror', (e) => console.log(`# page error: ${e.message}`));
  await login(page, rig.base, 'officer');
  await page.goto(`${rig.base}/#/inspect/${taskId}`);
  await page.getByTestId('inspect-page').waitFor();
  await assertFitsPhone(page);
  // Installed and in control: from now on the shell is served by the worker.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
  assert.match(await page.getByTestId('gps').innerText(), /23\.12911, 113\.26436/);

  await context.setOffline(true);
  await page.getByTestId('online-state').and(page.locator('[data-online="false"]')).waitFor();
  const ledger = page.getByTestId('item-tpl:general:ledger');
  await ledger.getByTestId('result-compliant').tap();
  await ledger.getByTestId('note').fill('台账齐全，保存5年');
  await ledger.getByTestId('note').blur();
  await ledger.getByTestId('item-state').filter({ hasText: /待同步|Pending/ }).waitFor();
  const disclosure = page.getByTestId('item-tpl:general:disclosure');
  await disclosure.getByTestId('result-violation').tap();
  await disclosure.getByTestId('note').waitFor();
  // The matter, then at once a note: the note's save must not write back the item as it was before the matter.
  await disclosure.getByTestId('matter').selectOption('AIR-100');
  await disclosure.getByTestId('note').fill('未公开自动监测数据');
  await disclosure.getByTestId('note').blur();
  const photo = png();
  await disclosure.getByTestId('photo').setInputFiles({ name: 'outlet.png', mimeType: 'image/png', buffer: photo });
  await disclosure.getByTestId('evidence').waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'inspection-offline.png'), fullPage: false });

  // Reload with no network: the worker serves the shell, IndexedDB the checklist and the outbox.
  const reloaded = await page.reload();
  assert.ok(reloaded?.fromServiceWorker(), 'the offline reload was answered by the service worker');
  await page.getByTestId('inspect-page').waitFor();
  assert.equal(await page.getByTestId('item-tpl:general:ledger').getByTestId('note').inputValue(), '台账齐全，保存5年');
  assert.equal(await page.getByTestId('item-tpl:general:disclosure').getByTestId('matter').inputValue(), 'AIR-100');
  assert.equal(await page.getByTestId('item-tpl:general:disclosure').getByTestId('note').inputValue(), '未公开自动监测数据');
  assert.equal(await page.getByTestId('item-tpl:general:disclosure').getByTestId('evidence').getAttribute('data-state'), 'pending');
  assert.equal(await db.selectFrom('inspections').select('id').where('task_id', '=', taskId).execute().then((r) => r.length), 0, 'nothing reached the server while offline');

  await context.setOffline(false);
  await page.getByTestId('sync-now').tap();
  await page.getByTestId('count-pending').filter({ hasText: /^0$/ }).waitFor({ timeout: 15_000 });
  await page.getByTestId('count-synced').filter({ hasText: /^3$/ }).waitFor();

  const ins = await db.selectFrom('inspections').selectAll().where('task_id', '=', taskId).execute();
  assert.equal(ins.length, 1);
  assert.deepEqual([ins[0]!.gps_status, Number(ins[0]!.lat), Number(ins[0]!.lon)], ['ok', POSITION.latitude, POSITION.longitude]);
  const items = await db.selectFrom('inspection_items').select(['item_key', 'result', 'note', 'matter_code']).where('inspection_id', '=', ins[0]!.id).orderBy('item_key').execute();
  assert.deepEqual(items.map((i) => [i.item_key, i.result, i.note, i.matter_code]), [
    ['tpl:general:disclosure', 'violation', '未公开自动监测数据', 'AIR-100'],
    ['tpl:general:ledger', 'compliant', '台账齐全，保存5年', null],
  ]);
  const evidence = await db.selectFrom('inspection_evidence').select(['sha256', 'size', 'item_key', 'mime']).where('inspection_id', '=', ins[0]!.id).execute();
  assert.equal(evidence.length, 1);
  assert.equal(evidence[0]!.sha256, createHash('sha256').update(photo).digest('hex'));
  assert.deepEqual([Number(evidence[0]!.size), evidence[0]!.item_key, evidence[0]!.mime], [photo.length, 'tpl:general:disclosure', 'image/png']);
  assert.equal((await db.selectFrom('tasks').select('status').where('id', '=', taskId).executeTakeFirstOrThrow()).status, 'in_progress');

  // Syncing again adds nothing.
  const audits = async () => (await db.selectFrom('audit_log').select('seq').where('entity', '=', 'inspection').execute()).length;
  const before = await audits();
  await page.getByTestId('sync-now').tap();
  await page.getByTestId('sync-message').waitFor();
  assert.equal((await db.selectFrom('inspections').select('id').where('task_id', '=', taskId).execute()).length, 1);
  assert.equal((await db.selectFrom('inspection_items').select('id').where('inspection_id', '=', ins[0]!.id).execute()).length, 2);
  assert.equal((await db.selectFrom('inspection_evidence').select('id').execute()).length, 1);
  assert.equal(await audits(), before);
  await page.screenshot({ path: join(ARTIFACTS, 'inspection-synced.png'), fullPage: false });

  // Logging out forgets the offline copies of the synced task: the next user of the phone cannot read them.
  const local = () => page.evaluate(async () => {
    const cached: string[] = [];
    for (const name of await caches.keys()) if (name.startsWith('ecoenforce-checklists-')) cached.push(...(await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname));
    const idb = await new Promise<IDBDatabase>((resolve, reject) => { const r = indexedDB.open('ecoenforce-inspection'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(new Error(String(r.error))); });
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    const out: Record<string, unknown> = { cached };
    for (const store of ['checklists', 'inspections', 'items', 'evidence']) {
      out[store] = await new Promise<number>((resolve) => { const r = idb.transaction(store).objectStore(store).count(); r.onsuccess = () => resolve(r.result); });
    }
    idb.close();
    return out;
  });
  // An online visit under the worker's control keeps the checklist in its cache as well.
  await page.reload({ waitUntil: 'networkidle' });
  await page.getByTestId('inspect-page').waitFor();
  assert.deepEqual(await local(), { cached: [`/api/tasks/${taskId}/checklist`], checklists: 1, inspections: 1, items: 2, evidence: 1 });
  await page.goto(`${rig.base}/#/map`);
  await page.getByTestId('logout').tap();
  await page.getByTestId('login-form').waitFor();
  assert.deepEqual(await local(), { cached: [], checklists: 0, inspections: 0, items: 0, evidence: 0 });

  // Back in, but offline: no local copy, and the server cannot be asked whether it holds the inspection.
  await login(page, rig.base, 'officer');
  await context.setOffline(true);
  await page.goto(`${rig.base}/#/inspect/${taskId}`);
  await page.getByTestId('inspect-unavailable').waitFor();
  await context.setOffline(false);
  await context.close();
});

/** Nothing on the page is wider than the 390 px phone (a line that cannot wrap makes the page scroll sideways). */
async function assertFitsPhone(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide on a 390 px phone`);
  // Registry facts read as labelled values in the UI language, not as the server's keys.
  const text = await page.getByTestId('inspect-page').innerText();
  assert.doesNotMatch(text, /factorsSent|rangeLow|rangeHigh|instruments:|sent: (yes|no)/);
  assert.match(text, /上传因子|Factors sent/);
}

void test('another session of the officer continues the server’s inspection; finishing online reaches the server at once', { skip }, async () => {
  const db = rig.database.db;
  const ins = await db.selectFrom('inspections').select(['id', 'uuid']).where('task_id', '=', taskId).executeTakeFirstOrThrow();
  const context = await rig.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, geolocation: POSITION, permissions: ['geolocation'] });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`# page error: ${e.message}`));
  await login(page, rig.base, 'officer');
  await page.goto(`${rig.base}/#/inspect/${taskId}`);
  await page.getByTestId('inspect-page').waitFor();
  const ledger = page.getByTestId('item-tpl:general:ledger');
  const disclosure = page.getByTestId('item-tpl:general:disclosure');
  await ledger.getByTestId('note').waitFor();
  assert.equal(await ledger.getByTestId('result-compliant').getAttribute('aria-pressed'), 'true');
  assert.equal(await ledger.getByTestId('note').inputValue(), '台账齐全，保存5年');
  assert.equal(await disclosure.getByTestId('matter').inputValue(), 'AIR-100');
  assert.equal(await disclosure.getByTestId('evidence').getAttribute('data-state'), 'synced');
  assert.equal(await page.getByTestId('count-pending').innerText(), '0');
  assert.equal(await page.getByTestId('count-synced').innerText(), '3');
  await assertFitsPhone(page);

  // An edit goes on from the server's version of the item: applied, not a conflict with base version 0.
  await ledger.getByTestId('note').fill('台账齐全（复核）');
  await ledger.getByTestId('note').blur();
  await page.getByTestId('count-pending').filter({ hasText: /^1$/ }).waitFor();
  await page.getByTestId('sync-now').tap();
  await page.getByTestId('count-pending').filter({ hasText: /^0$/ }).waitFor({ timeout: 15_000 });
  assert.equal(await page.getByTestId('count-conflict').innerText(), '0');
  await page.getByTestId('sync-message').filter({ hasText: /同步完成|Synced/ }).waitFor();
  const item = await db.selectFrom('inspection_items').select(['note', 'version']).where('inspection_id', '=', ins.id).where('item_key', '=', 'tpl:general:ledger').executeTakeFirstOrThrow();
  assert.deepEqual([item.note, Number(item.version)], ['台账齐全（复核）', 2]);
  assert.equal((await db.selectFrom('inspections').select('id').where('task_id', '=', taskId).execute()).length, 1, 'no second inspection was started');

  // After a sync, an edit made offline: the message no longer says everything is synced.
  await context.setOffline(true);
  await page.getByTestId('online-state').and(page.locator('[data-online="false"]')).waitFor();
  await disclosure.getByTestId('note').fill('未公开自动监测数据（复核）');
  await disclosure.getByTestId('note').blur();
  await page.getByTestId('sync-message').filter({ hasText: /部分同步|Partly synced/ }).waitFor();
  // Back online, the outbox goes by itself.
  await context.setOffline(false);
  await page.getByTestId('count-pending').filter({ hasText: /^0$/ }).waitFor({ timeout: 15_000 });
  await page.getByTestId('sync-message').filter({ hasText: /同步完成|Synced/ }).waitFor();

  // Finishing needs a verdict on every item: the officer marks the untouched ones 不适用, then finishes; online,
  // the server has it without pressing Sync again, and the task is done.
  const rest = await answerRest(page, 'not_applicable');
  assert.ok(rest > 0, 'the checklist has items beyond the two answered');
  await page.getByTestId('finish').tap();
  await page.getByTestId('finish-state').filter({ hasText: /已同步|Synced/ }).waitFor({ timeout: 15_000 });
  assert.equal(await page.getByTestId('count-pending').innerText(), '0');
  const fin = await db.selectFrom('inspections').select(['finished_at', 'version']).where('id', '=', ins.id).executeTakeFirstOrThrow();
  assert.notEqual(fin.finished_at, null);
  assert.equal(Number(fin.version), 2);
  assert.equal((await db.selectFrom('inspection_items').select('id').where('inspection_id', '=', ins.id).execute()).length, rest + 2, 'every item reached the server before the finish');
  assert.equal((await db.selectFrom('tasks').select('status').where('id', '=', taskId).executeTakeFirstOrThrow()).status, 'done');
  await page.screenshot({ path: join(ARTIFACTS, 'inspection-continued.png'), fullPage: false });
  await context.close();
});

void test('a violation without its matter blocks finishing, is never lost, and the finished record shows every verdict', { skip }, async () => {
  const db = rig.database.db;
  const context = await rig.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, geolocation: POSITION, permissions: ['geolocation'] });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`# page error: ${e.message}`));
  await login(page, rig.base, 'officer');
  await page.goto(`${rig.base}/#/inspect/${violationTaskId}`);
  await page.getByTestId('inspect-page').waitFor();
  const total = await page.locator('li.insp-item').count();
  assert.ok(total > 10, `a full checklist (${total} items)`);

  // Finishing with nothing answered names every item.
  await page.getByTestId('finish').tap();
  const blocked = page.getByTestId('finish-blocked');
  await blocked.waitFor();
  assert.match(await blocked.innerText(), new RegExp(`以下 ${total} 项须先处理`));
  assert.match(await blocked.innerText(), /未作结论/);

  // The reported walk: one item 违法 without its 违法事项, the rest 合规, 立即同步, 完成检查.
  const disclosure = page.getByTestId('item-tpl:general:disclosure');
  await disclosure.getByTestId('result-violation').tap();
  await disclosure.getByTestId('matter').waitFor();
  assert.equal(await answerRest(page, 'compliant'), total - 1);
  await page.getByTestId('sync-now').tap();
  await page.getByTestId('sync-message').filter({ hasText: '部分同步：仍有 1 项待同步' }).waitFor({ timeout: 15_000 });
  await page.getByTestId('finish').tap();
  await blocked.filter({ hasText: '以下 1 项须先处理' }).waitFor();
  // Wherever the officer is on the list, the header says so and the item that needs them is in view.
  assert.match(await page.getByTestId('finish-blocked-short').innerText(), /还不能完成检查：1 项须先处理/);
  await page.waitForFunction(() => { const r = document.getElementById('item-tpl:general:disclosure')!.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight + r.height; });
  const title = (await disclosure.locator('.insp-title').innerText()).trim();
  assert.match(await blocked.innerText(), new RegExp(`${title}：违法项未选择执法事项`));
  assert.equal(await disclosure.getAttribute('data-blocked'), 'true');
  assert.equal(await page.getByTestId('finish-state').count(), 0, 'not finished');
  const ins = await db.selectFrom('inspections').select(['id', 'finished_at']).where('task_id', '=', violationTaskId).executeTakeFirstOrThrow();
  assert.equal(ins.finished_at, null, 'the server has no finished inspection');
  await page.screenshot({ path: join(ARTIFACTS, 'inspection-blocked.png'), fullPage: false });

  // The officer names the matter: the alert clears, and finishing reaches the server with every verdict.
  await disclosure.getByTestId('matter').selectOption('AIR-100');
  await blocked.waitFor({ state: 'detached' });
  await page.getByTestId('finish').tap();
  await page.getByTestId('finish-state').filter({ hasText: /已同步/ }).waitFor({ timeout: 15_000 });
  const items = await db.selectFrom('inspection_items').select(['item_key', 'result', 'matter_code']).where('inspection_id', '=', ins.id).execute();
  assert.equal(items.length, total);
  assert.deepEqual(items.filter((i) => i.result === 'violation').map((i) => [i.item_key, i.matter_code]), [['tpl:general:disclosure', 'AIR-100']]);
  assert.equal(items.filter((i) => i.result === 'compliant').length, total - 1);
  const fin = await db.selectFrom('inspections').select(['finished_at', 'outcome']).where('id', '=', ins.id).executeTakeFirstOrThrow();
  assert.notEqual(fin.finished_at, null);
  assert.equal(fin.outcome, `现场检查 ${total} 项：合规 ${total - 1}，违法 1（AIR-100）`);

  // After a reload the finished record shows every verdict, nothing pending.
  await page.reload();
  await page.getByTestId('inspect-page').waitFor();
  await page.getByTestId('finish-state').filter({ hasText: /已同步/ }).waitFor();
  assert.equal(await page.getByTestId('count-pending').innerText(), '0');
  assert.equal(await page.getByTestId('count-synced').innerText(), String(total));
  assert.equal(await page.locator('button[aria-pressed="true"][data-testid="result-compliant"]').count(), total - 1);
  assert.equal(await disclosure.getByTestId('result-violation').getAttribute('aria-pressed'), 'true');
  assert.equal(await disclosure.getByTestId('matter').inputValue(), 'AIR-100');
  // The chosen verdict stays fully coloured on a finished (disabled) card.
  assert.equal(await disclosure.getByTestId('result-violation').evaluate((b) => getComputedStyle(b).opacity), '1');
  await page.screenshot({ path: join(ARTIFACTS, 'inspection-finished.png'), fullPage: false });
  await context.close();
});
