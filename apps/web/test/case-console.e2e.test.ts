// The case console in Debian's chromium (playwright-core), for the acts that were API-only: an officer opens a
// case from the task panel (the form on the task: matter, discovery time), lands on the new case with its
// pinned matter version, orders correction with the order's own fields (no JSON), previews the fine on facts
// where the gates say may_waive; the head then waives the penalty (APL 33 ¶1) with a reason and the case shows
// the waiver, who decided it and its 不予行政处罚决定书. Filing goes through the service; the investigators are
// picked by name (with their certificate numbers), at least two checked before anything is sent. The page
// offers only what can be taken now (no police receipt on a case never transferred) and, on request, lists
// the rest with why; the duty record names people, and a record entry without a PDF says why.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { applyAction, type CaseContext } from '../../server/src/enforcement/cases/cases.ts';
import type { Role } from '../../server/src/access/model.ts';
import { ARTIFACTS, browserSkip as skip, login, startConsoleRig, type ConsoleRig } from './console-rig.ts';

let rig: ConsoleRig;
let taskId: number;
let enterpriseId: number;

async function seed(database: Database): Promise<void> {
  const db = database.db;
  const e = await db.selectFrom('enterprises').select(['id', 'region_code']).orderBy('id').executeTakeFirstOrThrow();
  enterpriseId = Number(e.id);
  const now = Date.now();
  const row = await db.insertInto('tasks').values({
    source_kind: 'joint', source_id: null, region_code: e.region_code, requesting_region_code: null, enterprise_id: e.id, team_id: null, title: '现场检查 案件 e2e', note: null, status: 'in_progress', priority: 'normal',
    due_at: now + 10 * 86_400_000, escalated_at: null, created_at: now, created_by: 1, updated_at: now, started_at: now, done_at: null, outcome: null, cancelled_at: null, cancel_reason: null,
  }).returning('id').executeTakeFirstOrThrow();
  taskId = Number(row.id);
  const officers = await db.selectFrom('users').select('id').where('username', 'in', ['officer', 'officer2']).execute();
  await db.insertInto('task_assignments').values(officers.map((o) => ({ task_id: taskId, user_id: Number(o.id), assigned_at: now, assigned_by: 1, released_at: null }))).execute();
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'case-console-e2e', prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

async function ctx(username: string, role: Role): Promise<CaseContext> {
  const u = await rig.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return { userId: Number(u.id), role, actor: { kind: 'user', id: Number(u.id), name: username }, ip: null, at: Date.now() };
}

/** Applies an action on the case page: its button, its input, apply; fails with the domain's reason if refused. */
async function actInBrowser(page: Page, caseId: number, action: string, fill: () => Promise<void>): Promise<void> {
  await page.goto(`${rig.base}/#/cases/${caseId}`);
  await page.reload();
  await page.getByTestId(`case-action-${action}`).click();
  await page.getByTestId(`action-form-${action}`).waitFor();
  await fill();
  await page.getByTestId('action-submit').click();
  await page.waitForFunction((a) => document.querySelector(`[data-testid="action-form-${a}"]`) === null || document.querySelector('[data-testid="action-error"]') !== null, action);
  const refused = page.getByTestId('action-error');
  if ((await refused.count()) > 0) assert.fail(`${action} refused: ${await refused.first().textContent()}`);
}

void test('an officer opens a case from the task; the head waives the penalty in the console', { skip, timeout: 120_000 }, async () => {
  const db = rig.database.db;
  const context = await rig.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const officer = await context.newPage();
  officer.on('pageerror', (e) => console.log(`# page error: ${e.message}`));
  await login(officer, rig.base, 'officer');

  // 1. Open a case from the task panel.
  await officer.goto(`${rig.base}/#/dispatch/${taskId}`);
  await officer.getByTestId('task-panel').waitFor();
  await officer.getByTestId('task-open-case').locator('summary').click();
  const form = officer.getByTestId('open-case-form');
  await form.waitFor();
  // Refused with a reason until the matter is chosen.
  await form.getByTestId('open-case-submit').click();
  await form.getByTestId('open-case-error').waitFor();
  await officer.waitForFunction(() => (document.querySelector<HTMLSelectElement>('[data-testid="open-case-matter"]')?.options.length ?? 0) > 1);
  // The task's officers are proposed as the investigators, each with where it came from (issue 14 §10).
  await form.getByTestId('open-case-officers').waitFor();
  assert.deepEqual(await form.getByTestId('open-case-officer-origin').allTextContents(), [`来源：任务${taskId}指派的执法人员`, `来源：任务${taskId}指派的执法人员`]);
  await form.getByTestId('open-case-matter').selectOption('AIR-99-2');
  await form.getByTestId('open-case-cause').fill('超标排放大气污染物案');
  await form.getByTestId('open-case-submit').click();
  await officer.getByTestId('case-number').waitFor();
  const caseId = Number(/#\/cases\/(\d+)/.exec(officer.url())?.[1]);
  const row = await db.selectFrom('cases').select(['task_id', 'enterprise_id', 'matter_code', 'matter_version', 'table_version', 'state', 'version']).where('id', '=', caseId).executeTakeFirstOrThrow();
  assert.deepEqual([Number(row.task_id), Number(row.enterprise_id), row.matter_code, row.state], [taskId, enterpriseId, 'AIR-99-2', 'discovered']);
  assert.match((await officer.getByTestId('case-matter').textContent()) ?? '', new RegExp(`执法事项第 ${row.matter_version} 版.*裁量基准表第 ${row.table_version} 版`));
  await officer.screenshot({ path: join(ARTIFACTS, 'case-console-opened.png'), fullPage: true });

  // 2. Filed by the head (service); the officer names the investigators with the picker.
  const officerIds = (await db.selectFrom('users').select('id').where('username', 'in', ['officer', 'officer2']).orderBy('id').execute()).map((u) => Number(u.id));
  await applyAction(db, null, caseId, { action: 'file', input: {}, version: Number(row.version) }, await ctx('head', 'head'));
  await officer.goto(`${rig.base}/#/cases/${caseId}`);
  await officer.reload();
  await officer.getByTestId('case-action-start_investigation').click();
  const picker = officer.getByTestId('action-users');
  await picker.waitFor();
  const pickerText = (await picker.textContent()) ?? '';
  for (const want of ['执法人员', '执法人员二', '粤环执字第010231号', '粤环执字第010232号']) assert.ok(pickerText.includes(want), `the picker shows ${want}: ${pickerText}`);
  assert.doesNotMatch(pickerText, /用户编号/);
  // The officers proposed when the case was opened are picked already. One officer only: refused in the
  // page, in Chinese, and nothing sent.
  for (const id of officerIds) assert.equal(await officer.getByTestId(`action-user-${id}`).isChecked(), true, `officer ${id} proposed`);
  await officer.getByTestId(`action-user-${officerIds[1]}`).uncheck();
  await officer.getByTestId('action-submit').click();
  assert.equal(await officer.getByTestId('action-error').textContent(), '请至少选择 2 人。');
  assert.equal((await db.selectFrom('case_events').select('seq').where('case_id', '=', caseId).execute()).length, 1, 'nothing sent');
  await officer.getByTestId(`action-user-${officerIds[1]}`).check();
  await officer.getByTestId('action-submit').click();
  await officer.getByTestId('action-form-start_investigation').waitFor({ state: 'detached' });
  await officer.getByTestId('case-state').filter({ hasText: '调查取证' }).waitFor();
  const investigators = (JSON.parse((await db.selectFrom('cases').select('record').where('id', '=', caseId).executeTakeFirstOrThrow()).record) as { investigators: string[] }).investigators;
  assert.deepEqual(investigators, officerIds.map(String));

  // The action list: buttons wrap with a gap; nothing impossible is offered; the rest with reasons on request.
  const list = officer.locator('[data-testid="case-actions"] .actions');
  assert.deepEqual(await list.evaluate((el) => { const st = getComputedStyle(el); return [st.display, st.flexWrap, st.columnGap]; }), ['flex', 'wrap', '6.4px']);
  assert.equal(await officer.getByTestId('case-action-record_transfer_receipt').count(), 0, 'no police receipt on a case never transferred');
  assert.equal(await officer.getByTestId('case-action-issue_advance_notice').count(), 0, 'no advance notice before a fine is assessed');
  await officer.getByTestId('case-actions-show-all').check();
  assert.match((await officer.getByTestId('case-blocked-record_transfer_receipt').textContent()) ?? '', /案件已移送公安机关〔《行政执法机关移送涉嫌犯罪案件的规定》第五条〕/);
  assert.match((await officer.getByTestId('case-blocked-issue_advance_notice').textContent()) ?? '', /已有自由裁量结果/);
  // The duty record by name, not by id.
  const duties = await officer.getByTestId('case-duty').allTextContents();
  assert.equal(duties.length, 2);
  assert.match(duties[1]!, /指派调查人员 · 执法人员/);
  assert.ok(duties.every((d) => !/#\d/.test(d)), duties.join(' | '));
  // The filing form was recorded without the PDF service: the entry says so instead of disappearing.
  await officer.getByTestId('case-record-document').filter({ hasText: '立案审批表' }).getByTestId('case-document-no-pdf').waitFor();

  // 3. The order to correct with its own fields (it was raw JSON before).
  await actInBrowser(officer, caseId, 'order_correction', async () => {
    await officer.getByTestId('action-text').fill('立即停止超标排放，完成脱硫设施检修');
    await officer.getByTestId('action-days').fill('15');
  });
  const correction = (JSON.parse((await db.selectFrom('cases').select('details').where('id', '=', caseId).executeTakeFirstOrThrow()).details) as { correction: { requirement: string } }).correction;
  assert.equal(correction.requirement, '立即停止超标排放，完成脱硫设施检修');

  // 4. The facts of a first violation with minor harm, corrected, picked by name in the exemption form (no
  // JSON; first violation filled from the record): the gates say may_waive; recorded as such.
  await actInBrowser(officer, caseId, 'record_exemption', async () => {
    await officer.getByTestId('exemption-ground').selectOption({ label: '初次违法且危害后果轻微并及时改正（首违不罚，可以不予处罚，由负责人决定）' });
    assert.equal(await officer.getByTestId('exemption-firstViolation').inputValue(), 'yes');
    await officer.getByTestId('exemption-harm').selectOption({ label: '危害后果轻微' });
    await officer.getByTestId('exemption-correctedInTime').selectOption({ label: '是' });
  });
  await officer.getByTestId('case-waivable').waitFor();
  await officer.goto(`${rig.base}/#/cases/${caseId}`);
  await officer.getByTestId('case-action-record_discretion').click();
  // The discretion form (no JSON): the gates as Chinese choices; the preview follows the form.
  await officer.getByTestId('fact-pollutantCount').fill('1');
  await officer.getByTestId('fine-gate-harm').selectOption({ label: '危害后果轻微' });
  await officer.getByTestId('fine-gate-correctedInTime').selectOption({ label: '是' });
  await officer.getByTestId('fine-live-waivable').waitFor();
  assert.equal(await officer.getByTestId('case-action-decide_waiver').count(), 0, 'the officer does not decide');

  // 5. The head waives the penalty with a reason: the case shows the waiver, who decided it, and its decision.
  const head = await (await rig.browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await login(head, rig.base, 'head');
  await actInBrowser(head, caseId, 'decide_waiver', async () => {
    await head.getByTestId('action-text').fill('首次违法，当日即完成整改');
  });
  await head.getByTestId('case-waiver').waitFor();
  assert.equal(await head.getByTestId('case-state').textContent(), '不予处罚');
  assert.equal(await head.getByTestId('case-outcome').textContent(), '首违不罚');
  const waiver = (await head.getByTestId('case-waiver').textContent()) ?? '';
  assert.match(waiver, /《中华人民共和国行政处罚法》第三十三条第一款/);
  assert.match(waiver, /首次违法，当日即完成整改/);
  await head.getByTestId('case-document').filter({ hasText: '不予行政处罚决定书' }).waitFor();
  const stored = await db.selectFrom('case_events').select('action').where('case_id', '=', caseId).orderBy('seq').execute();
  assert.deepEqual(stored.map((e) => e.action), ['file', 'start_investigation', 'order_correction', 'record_exemption', 'decide_waiver']);
  await head.screenshot({ path: join(ARTIFACTS, 'case-console-waived.png'), fullPage: true });
  await context.close();
});
