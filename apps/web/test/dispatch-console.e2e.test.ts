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
const seeded = { county: '', officerId: 0, dispatcherCity: '', otherCounty: '', otherEnterpriseId: 0 };

/** A dispatcher of a second city (the receiving region of the joint request). */
async function seed(database: Database): Promise<void> {
  const db = database.db;
  const officer = await db.selectFrom('users').select(['id', 'region_code']).where('username', '=', 'officer').executeTakeFirstOrThrow();
  const dispatcher = await db.selectFrom('users').select('region_code').where('username', '=', 'dispatcher').executeTakeFirstOrThrow();
  const other = await db.selectFrom('enterprises').select(['id', 'region_code']).where('region_code', 'not like', `${dispatcher.region_code.slice(0, 4)}%`).orderBy('id').executeTakeFirstOrThrow();
  Object.assign(seeded, { county: officer.region_code, officerId: Number(officer.id), dispatcherCity: dispatcher.region_code, otherCounty: other.region_code, otherEnterpriseId: Number(other.id) });
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

void test('a joint request: the other city sees the requester and the reason; the requester follows it', { skip }, async () => {
  const a = await openDispatch('dispatcher');
  const form = a.page.getByTestId('joint-form');
  // A region inside the caller's own is refused, at the region field.
  await form.getByTestId('joint-region-input').fill(seeded.dispatcherCity);
  await form.getByTestId('joint-title').fill('跨市联合检查');
  await form.getByTestId('joint-note').fill('该单位在本市有偷排线索，请协助现场检查');
  await form.getByTestId('joint-send').click();
  await form.getByTestId('joint-error-receivingRegionCode').waitFor();
  await form.getByTestId('joint-region-input').fill(seeded.otherCounty);
  await form.getByTestId('joint-enterprise').fill(String(seeded.otherEnterpriseId));
  await form.getByTestId('joint-send').click();
  const sent = (await form.getByTestId('joint-sent').textContent()) ?? '';
  const id = Number(/#(\d+)/.exec(sent)?.[1]);
  assert.ok(id > 0, sent);
  const mine = a.page.getByTestId('joint-outgoing').getByTestId(`joint-${id}`);
  await mine.waitFor();
  assert.equal(await mine.getAttribute('data-status'), 'open');
  assert.equal(await mine.getByTestId('joint-region').textContent(), seeded.otherCounty);
  assert.match((await mine.getByTestId('joint-status').textContent()) ?? '', /待指派/);
  // Following it opens the task without the receiving region's controls: the requester may not assign or cancel.
  await mine.getByTestId(`joint-open-${id}`).click();
  await a.page.getByTestId('task-panel').waitFor();
  assert.match((await a.page.getByTestId('task-joint-direction').textContent()) ?? '', new RegExp(seeded.otherCounty));
  assert.equal(await a.page.getByTestId('task-assign').count(), 0);
  assert.equal(await a.page.getByTestId('task-cancel').count(), 0);
  await a.close();

  const b = await openDispatch('dispatcher-b');
  const row = b.page.getByTestId('joint-incoming').getByTestId(`joint-${id}`);
  await row.waitFor();
  assert.equal(await row.getByTestId('joint-region').textContent(), seeded.dispatcherCity);
  await row.getByTestId('joint-reason').filter({ hasText: '偷排线索' }).waitFor();
  // The receiving region works it: its dispatcher may assign it.
  await row.getByTestId(`joint-open-${id}`).click();
  await b.page.getByTestId('task-assign').waitFor();
  // On the board its card says who asked.
  assert.match((await b.page.getByTestId(`task-card-${id}`).getByTestId('task-joint').textContent()) ?? '', new RegExp(seeded.dispatcherCity));
  await b.page.getByTestId('joint-requests').screenshot({ path: join(ARTIFACTS, 'dispatch-joint-incoming.png') });
  await b.close();
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
