// The verifier's console in Debian's chromium (playwright-core, never a downloaded browser): the verifier may
// read the registry of the enterprises it is assigned to and nothing of their monitoring data (access.ts),
// so its enterprise page shows the registry and the permits without asking for points, live updates, the
// grid, the risk score or the annual totals: no request is refused and no error box shows. The later-version
// notice reads as a plain note. Pages that need an id (#/frames, #/markings, #/enterprise) say "not found".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserSkip as skip, login as rigLogin, startConsoleRig, type ConsoleRig } from './console-rig.ts';

let rig: ConsoleRig;

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'verifier-view-e2e' });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

const login = (page: Page, username: string): Promise<void> => rigLogin(page, rig.base, username);

/** Every answer of 400 or more the page received, as "status path". */
function refusals(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) seen.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  return seen;
}

void test('the verifier opens its assigned enterprise: registry and permits, no refused request, no error', { skip }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, 'verifier');
  // From here on (the login page's own probe of /api/auth/me answers 401 before the login).
  const refused = refusals(page);
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.getByTestId('nav-assigned').click();
  const list = page.getByTestId('assigned-list');
  await list.locator('a').first().waitFor();

  // The later-version notice is a plain note, not an alert.
  const hint = page.getByTestId('verifier-hint');
  assert.match((await hint.textContent()) ?? '', /碳排放报告核查功能将在后续版本提供/);
  assert.equal(await hint.getAttribute('role'), 'note');
  assert.equal(await hint.evaluate((el) => el.closest('[role="alert"], .error') === null), true, 'not inside an error box');

  const name = (await list.locator('a').first().textContent()) ?? '';
  await list.locator('a').first().click();
  await page.getByTestId('enterprise-name').waitFor();
  assert.equal(await page.getByTestId('enterprise-name').textContent(), name);
  assert.match(page.url(), /#\/enterprises\/\d+$/);
  const points = page.locator('[data-testid^="enterprise-point-"]');
  await points.first().waitFor();
  assert.ok((await points.count()) > 0, 'the outlets list their points');
  assert.equal(await points.first().locator('a[href^="#/points/"]').count(), 0, 'no link to a point page the verifier may not read');
  await page.getByTestId('permits').waitFor();
  const note = page.getByTestId('verifier-note');
  assert.match((await note.textContent()) ?? '', /碳排放报告核查功能将在后续版本提供/);
  assert.equal(await note.getAttribute('role'), 'note');

  // Give any stray request time to be answered before counting.
  await page.waitForTimeout(1500);
  assert.deepEqual(refused, [], 'no request refused');
  assert.equal(await page.locator('[role="alert"], .error').count(), 0, 'no error box');
  for (const id of ['compliance-grid', 'risk-panel', 'annual', 'permit-editor', 'legal-representative']) assert.equal(await page.getByTestId(id).count(), 0, `no ${id}`);
  const monitoring = requested.filter((p) => /^\/api\/(points\/|live$|risk\/|enterprises\/\d+\/(annual|compliance-grid|risk))/.test(p));
  assert.deepEqual(monitoring, [], 'no monitoring data asked for');
  await page.screenshot({ path: join(ARTIFACTS, 'verifier-enterprise.png'), fullPage: true });
  await context.close();
});

void test('#/frames, #/markings and #/enterprise without an id say "not found" instead of an empty page', { skip }, async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await login(page, 'analyst');
  for (const hash of ['#/frames', '#/markings', '#/enterprise']) {
    await page.goto(`${rig.base}/${hash}`);
    await page.getByTestId('not-found').waitFor();
    assert.match((await page.locator('main').textContent()) ?? '', /\S/, `${hash} is not empty`);
  }
  // With an id the page itself renders, not the message.
  await page.goto(`${rig.base}/#/enterprises`);
  const first = page.locator('main a[href^="#/enterprises/"]').first();
  await first.waitFor();
  await first.click();
  await page.getByTestId('enterprise-name').waitFor();
  assert.equal(await page.getByTestId('not-found').count(), 0);
  await context.close();
});
