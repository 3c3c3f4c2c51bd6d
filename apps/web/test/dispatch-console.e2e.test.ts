// The dispatch page's teams and joint requests, and the structured discretion-table editor, in Debian's
// chromium (playwright-core): the admin creates a team and puts an officer on it; a city's dispatcher asks
// another city for joint enforcement and follows it, and that city's dispatcher sees the request with the
// requesting region and its reason; the admin changes one weight in the structured editor, sees an out-of-range
// weight refused at its field, and the saved weight in the table.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-users.ts';
import { createUser } from '../../server/src/accounts/users.ts';
import { ARTIFACTS, browserSkip as skip, login as rigLogin, startConsoleRig, type ConsoleRig } from './console-rig.ts';

let rig: ConsoleRig;
const seeded = { county: '', officerId: 0, dispatcherCity: '', dispatcherCityName: '', otherCounty: '', otherCountyName: '', otherEnterpriseId: 0, otherEnterpriseName: '', taskId: 0, warningId: 0 };

/** A dispatcher of a second city (the receiving region of the joint request). */
async function seed(database: Database): Promise<void> {
  const db = database.db;
  const officer = await db.selectFrom('users').select(['id', 'region_code']).where('username', '=', 'officer').executeTakeFirstOrThrow();
  const dispatcher = await db.selectFrom('users').select('region_code').where('username', '=', 'dispatcher').executeTakeFirstOrThrow();
  const other = await db.selectFrom('enterprises').select(['id', 'region_code', 'name']).where('region_code', 'not like', `${dispatcher.region_code.slice(0, 4)}%`).orderBy('id').executeTakeFirstOrThrow();
  const nameOf = async (code: string) => (await db.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirstOrThrow()).name;
  Object.assign(seeded, {
    county: officer.region_code, officerId: Number(officer.id), dispatcherCity: dispatcher.region_code, dispatcherCityName: await nameOf(dispatcher.region_code),
    otherCounty: other.region_code, otherCountyName: await nameOf(other.region_code), otherEnterpriseId: Number(other.id), otherEnterpriseName: other.name,
  });
  // A task to cancel and a new warning to dismiss, in the dispatcher's city (the 'company' unit's).
  const company = await db.selectFrom('users as u').innerJoin('enterprises as e', 'e.id', 'u.enterprise_id').select(['e.id', 'e.region_code']).where('u.username', '=', 'company').executeTakeFirstOrThrow();
  const point = await db.selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').select('p.id').where('o.enterprise_id', '=', company.id).orderBy('p.id').executeTakeFirstOrThrow();
  const now = Date.now();
  const task = await db.insertInto('tasks').values({
    source_kind: 'tip', source_id: null, region_code: company.region_code, requesting_region_code: null, enterprise_id: company.id, team_id: null, title: '核查群众举报', note: null, status: 'open', priority: 'normal',
    due_at: now + 3 * 86_400_000, escalated_at: null, created_at: now, created_by: 1, updated_at: now, started_at: null, done_at: null, outcome: null, cancelled_at: null, cancel_reason: null,
  }).returning('id').executeTakeFirstOrThrow();
  const warning = await db.insertInto('warnings').values({
    point_id: point.id, enterprise_id: company.id, region_code: company.region_code, kind: 'flatline', factor: 'a21026', severity: 'low', status: 'new',
    period_from: now - 7_200_000, period_to: now - 3_600_000, message: 'seeded', evidence: JSON.stringify({ times: [now - 7_200_000], params: {} }),
    created_at: now, updated_at: now, decided_by: null, decision_reason: null, answer: null, answered_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  Object.assign(seeded, { taskId: Number(task.id), warningId: Number(warning.id) });
  await createUser(db, { username: 'dispatcher-b', displayName: '乙市指挥调度员', password: DEMO_PASSWORD, role: 'dispatcher', regionCode: `${other.region_code.slice(0, 4)}00`, enterpriseId: null });
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'dispatch-console-e2e', prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

const login = (page: Page, username: string): Promise<void> => rigLogin(page, rig.base, username);

async function openDispatch(username: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await rig.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await login(page, username);
  await page.getByTestId('nav-dispatch').click();
  await page.getByTestId('dispatch-board').waitFor();
  return { page, close: () => context.close() };
}

void test('the admin creates a team and adds an officer to it', { skip }, async () => {
  const { page, close } = await openDispatch('admin');
  const panel = page.getByTestId('teams-panel');
  await panel.waitFor();
  await page.getByTestId('team-region').selectOption(seeded.county);
  await page.getByTestId('team-name').fill('联合检查二队');
  await page.getByTestId('team-create').click();
  const team = panel.locator('li[data-name="联合检查二队"]');
  await team.waitFor();
  assert.match((await team.getByTestId('team-members').textContent()) ?? '', /暂无队员/);
  await team.getByRole('button', { name: '添加队员' }).click();
  const select = team.getByTestId('team-candidate');
  await select.locator(`option[value="${seeded.officerId}"]`).waitFor({ state: 'attached' });
  await select.selectOption(String(seeded.officerId));
  await team.getByTestId('team-add-save').click();
  await team.getByTestId(`team-member-${seeded.officerId}`).waitFor();
  assert.match((await team.getByTestId(`team-member-${seeded.officerId}`).textContent()) ?? '', /执法人员/);
  await panel.screenshot({ path: join(ARTIFACTS, 'dispatch-teams.png') });
  await close();

  // The dispatcher sees the team and its member, but no controls to change it (teams.manage is the admin's).
  const d = await openDispatch('dispatcher');
  const seen = d.page.getByTestId('teams-panel').locator('li[data-name="联合检查二队"]');
  await seen.getByTestId(`team-member-${seeded.officerId}`).waitFor();
  assert.equal(await d.page.getByTestId('team-form').count(), 0);
  assert.equal(await seen.getByRole('button', { name: '添加队员' }).count(), 0);
  await d.close();
});

void test('a joint request, chosen by names: the other city sees the requester and the reason; the requester follows it', { skip }, async () => {
  const a = await openDispatch('dispatcher');
  const form = a.page.getByTestId('joint-form');
  const regionSelect = form.getByTestId('joint-region-select');
  // Only regions outside the dispatcher's own are offered, by name (never a code).
  await regionSelect.locator(`option[value="${seeded.otherCounty}"]`).waitFor({ state: 'attached' });
  assert.equal(await regionSelect.locator(`option[value="${seeded.dispatcherCity}"]`).count(), 0);
  const names = await regionSelect.locator('option').allTextContents();
  assert.ok(names.every((n) => !/\d{6}/.test(n)), names.join(','));
  assert.ok(await form.getByTestId('joint-unit-search').isDisabled(), 'the unit is looked up in the chosen region');
  await regionSelect.selectOption({ label: seeded.otherCountyName });
  // The unit is found by part of its name in the other region, and chosen by name.
  await form.getByTestId('joint-unit-search').fill(seeded.otherEnterpriseName.slice(0, 4));
  await form.getByTestId('joint-unit-matches').getByRole('option', { name: seeded.otherEnterpriseName, exact: true }).click();
  assert.equal(await form.getByTestId('joint-unit-chosen').textContent(), seeded.otherEnterpriseName);
  // Subject and reason are pre-filled from the unit; the dispatcher adds the reason's substance.
  assert.equal(await form.getByTestId('joint-title').inputValue(), `联合检查 ${seeded.otherEnterpriseName}`);
  assert.match(await form.getByTestId('joint-note').inputValue(), new RegExp(seeded.otherEnterpriseName));
  await form.getByTestId('joint-title').fill('跨市联合检查');
  await form.getByTestId('joint-note').fill('该单位在本市有偷排线索，请协助现场检查');
  await form.screenshot({ path: join(ARTIFACTS, 'dispatch-joint-form.png') });
  await form.getByTestId('joint-send').click();
  const sent = (await form.getByTestId('joint-sent').textContent()) ?? '';
  const id = Number(/#(\d+)/.exec(sent)?.[1]);
  assert.ok(id > 0, sent);
  const stored = await rig.database.db.selectFrom('tasks').select(['enterprise_id', 'region_code']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(Number(stored.enterprise_id), seeded.otherEnterpriseId);
  assert.equal(stored.region_code, seeded.otherCounty);
  const mine = a.page.getByTestId('joint-outgoing').getByTestId(`joint-${id}`);
  await mine.waitFor();
  assert.equal(await mine.getAttribute('data-status'), 'open');
  assert.equal(await mine.getByTestId('joint-region').textContent(), seeded.otherCountyName);
  assert.match((await mine.getByTestId('joint-status').textContent()) ?? '', /待指派/);
  // Following it opens the task without the receiving region's controls: the requester may not assign or cancel.
  await mine.getByTestId(`joint-open-${id}`).click();
  await a.page.getByTestId('task-panel').waitFor();
  const direction = (await a.page.getByTestId('task-joint-direction').textContent()) ?? '';
  assert.ok(direction.includes(seeded.otherCountyName) && !/\d{6}/.test(direction), direction);
  assert.equal(await a.page.getByTestId('task-assign').count(), 0);
  assert.equal(await a.page.getByTestId('task-cancel').count(), 0);
  await a.close();

  const b = await openDispatch('dispatcher-b');
  const row = b.page.getByTestId('joint-incoming').getByTestId(`joint-${id}`);
  await row.waitFor();
  assert.equal(await row.getByTestId('joint-region').textContent(), seeded.dispatcherCityName);
  await row.getByTestId('joint-reason').filter({ hasText: '偷排线索' }).waitFor();
  // The receiving region works it: its dispatcher may assign it.
  await row.getByTestId(`joint-open-${id}`).click();
  await b.page.getByTestId('task-assign').waitFor();
  // On the board its card says who asked, by name.
  const card = (await b.page.getByTestId(`task-card-${id}`).getByTestId('task-joint').textContent()) ?? '';
  assert.ok(card.includes(seeded.dispatcherCityName) && !/\d{6}/.test(card), card);
  await b.page.getByTestId('joint-requests').screenshot({ path: join(ARTIFACTS, 'dispatch-joint-incoming.png') });
  await b.close();
});

void test('cancelling a task and dismissing a warning ask first, in a dialog holding the reason', { skip }, async () => {
  // The login page of a server that is not the demo shows no demo hint.
  const context = await rig.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const first = await context.newPage();
  const options = first.waitForResponse((r) => r.url().endsWith('/api/auth/options'));
  await first.goto(rig.base);
  assert.deepEqual(await (await options).json(), { demo: false });
  await first.getByTestId('login-form').waitFor();
  assert.equal(await first.getByTestId('login-demo-hint').count(), 0);
  await context.close();

  const { page, close } = await openDispatch('dispatcher');
  const db = rig.database.db;
  await page.getByTestId(`task-card-${seeded.taskId}`).click();
  const panel = page.getByTestId('task-panel');
  await panel.getByTestId('task-text').fill('与另一任务重复');
  await panel.getByTestId('task-cancel').click();
  const dialog = page.getByRole('dialog', { name: `取消任务 #${seeded.taskId}？` });
  await dialog.waitFor();
  // The reason typed on the panel is carried into the dialog; 返回 leaves the task as it was.
  assert.equal(await dialog.getByTestId('cancel-dialog-reason').inputValue(), '与另一任务重复');
  await dialog.getByTestId('cancel-dialog-back').click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await db.selectFrom('tasks').select('status').where('id', '=', seeded.taskId).executeTakeFirstOrThrow()).status, 'open');
  await panel.getByTestId('task-cancel').click();
  await dialog.getByTestId('cancel-dialog-reason').fill(' ');
  await dialog.getByTestId('cancel-dialog-confirm').click();
  assert.match((await dialog.getByTestId('cancel-dialog-error').textContent()) ?? '', /请填写理由/);
  await dialog.getByTestId('cancel-dialog-reason').fill('与联合检查任务重复，予以取消');
  await dialog.screenshot({ path: join(ARTIFACTS, 'dispatch-cancel-dialog.png') });
  await dialog.getByTestId('cancel-dialog-confirm').click();
  await dialog.waitFor({ state: 'detached' });
  await panel.getByText('与联合检查任务重复，予以取消').waitFor();
  const task = await db.selectFrom('tasks').select(['status', 'cancel_reason']).where('id', '=', seeded.taskId).executeTakeFirstOrThrow();
  assert.deepEqual([task.status, task.cancel_reason], ['cancelled', '与联合检查任务重复，予以取消']);

  await page.goto(`${rig.base}/#/warnings/${seeded.warningId}`);
  const detail = page.getByTestId('warning-detail');
  await detail.waitFor();
  await detail.getByTestId('warning-reason').fill('现场核实为仪器校准');
  await detail.getByTestId('warning-dismiss').click();
  const dismiss = page.getByRole('dialog', { name: `排除预警 #${seeded.warningId}？` });
  await dismiss.waitFor();
  assert.equal(await dismiss.getByTestId('dismiss-dialog-reason').inputValue(), '现场核实为仪器校准');
  // Esc closes it without acting.
  await page.keyboard.press('Escape');
  await dismiss.waitFor({ state: 'detached' });
  assert.equal((await db.selectFrom('warnings').select('status').where('id', '=', seeded.warningId).executeTakeFirstOrThrow()).status, 'new');
  await detail.getByTestId('warning-dismiss').click();
  await dismiss.getByTestId('dismiss-dialog-reason').fill('现场核实为仪器校准，数据无异常');
  await dismiss.getByTestId('dismiss-dialog-confirm').click();
  await dismiss.waitFor({ state: 'detached' });
  await detail.getByText('已排除').first().waitFor();
  const w = await db.selectFrom('warnings').select(['status', 'decision_reason']).where('id', '=', seeded.warningId).executeTakeFirstOrThrow();
  assert.deepEqual([w.status, w.decision_reason], ['dismissed', '现场核实为仪器校准，数据无异常']);
  await close();
});

void test('the structured editor changes one discretion weight; an out-of-range weight is refused at its field', { skip }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await login(page, 'admin');
  await page.getByTestId('nav-catalogue').click();
  const tables = page.getByTestId('discretion-tables');
  await tables.waitFor();
  const first = tables.getByTestId('table-level').first();
  const [factor, level] = [await first.getAttribute('data-factor'), await first.getAttribute('data-level')];
  const before = Number.parseFloat((await first.getByTestId('table-weight').textContent()) ?? '');
  const next = before === 7 ? 8 : 7;
  await tables.getByTestId('table-edit').click();
  const editor = tables.getByTestId('table-editor');
  const weight = editor.getByTestId('edit-weight-0-0');
  assert.equal(Number(await weight.inputValue()), before);
  const preview = (await editor.getByTestId('table-preview').textContent()) ?? '';

  await weight.fill('150');
  assert.notEqual(await editor.getByTestId('table-preview').textContent(), preview, 'the sum preview follows the edit');
  await editor.getByTestId('table-save').click();
  const problem = editor.locator('[data-testid="field-problem"][data-path="table.factors.0.levels.0.weight"]');
  await problem.waitFor();
  assert.match((await problem.textContent()) ?? '', /percent from 0 to 100/);
  assert.equal(await weight.getAttribute('aria-invalid'), 'true');
  await editor.screenshot({ path: join(ARTIFACTS, 'discretion-editor-problem.png') });

  await weight.fill(String(next));
  await editor.getByTestId('table-note').fill('e2e: one weight');
  await editor.getByTestId('table-save').click();
  await editor.waitFor({ state: 'detached' });
  const saved = tables.locator(`[data-testid="table-level"][data-factor="${factor}"][data-level="${level}"] [data-testid="table-weight"]`);
  await saved.filter({ hasText: `${next} %` }).waitFor();
  const row = await rig.database.db.selectFrom('discretion_tables').select(['version', 'body']).where('note', '=', 'e2e: one weight').executeTakeFirstOrThrow();
  assert.ok(row.version >= 2, 'stored as the next version');
  assert.ok(row.body.includes(`"weight":${next}`));
  await page.screenshot({ path: join(ARTIFACTS, 'discretion-editor.png'), fullPage: true });
  await context.close();
});
