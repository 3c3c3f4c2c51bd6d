// The console end to end in Debian's chromium (playwright-core, never a downloaded browser) against the real
// server with the simulator streaming over TCP: each demo role logs in and sees only its navigation; the
// officer opens the map, clicks a point and sees a new reading arrive live; the language switches; a table
// exports to XLSX and reads back; and a phone-sized run. Screenshots go to test-artifacts/ (git-ignored).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { pointsRepository } from '../../server/src/monitoring/repositories/points.ts';
import { devicesFromPoints, startSimulator, type SimulatorHandle } from '../../server/src/simulator/index.ts';
import { ARTIFACTS, browserSkip as skip, login as rigLogin, startConsoleRig, type ConsoleRig } from './console-rig.ts';

let rig: ConsoleRig;
let sim: SimulatorHandle;

before(async () => {
  if (skip !== false) return;
  // The simulator streams the demo province over TCP at 60× on the platform's clock.
  const speed = 60;
  const start = Date.now();
  const simNow = (): number => start + (Date.now() - start) * speed;
  rig = await startConsoleRig({ name: 'e2e', now: simNow });
  const points = await pointsRepository(rig.database.db).listActive();
  sim = startSimulator({ devices: devicesFromPoints(points), host: '127.0.0.1', port: rig.server.gateway.port, speed, start, scenarios: [], hostClock: 'simulated', log: () => undefined });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
  await sim?.stop();
});

const login = (page: Page, username: string): Promise<void> => rigLogin(page, rig.base, username);

const NAV: Record<string, string[]> = {
  admin: ['nav-map', 'nav-points', 'nav-enterprises', 'nav-devices', 'nav-warnings', 'nav-special-periods', 'nav-weekly', 'nav-monthly', 'nav-risk', 'nav-stats', 'nav-dispatch', 'nav-draws', 'nav-rectifications', 'nav-catalogue', 'nav-typical', 'nav-users', 'nav-tokens', 'nav-imports', 'nav-audit', 'nav-api'],
  head: ['nav-map', 'nav-points', 'nav-enterprises', 'nav-devices', 'nav-warnings', 'nav-special-periods', 'nav-overview', 'nav-weekly', 'nav-monthly', 'nav-risk', 'nav-stats', 'nav-dispatch', 'nav-cases', 'nav-draws', 'nav-rectifications', 'nav-catalogue', 'nav-typical', 'nav-audit'],
  legal: ['nav-map', 'nav-points', 'nav-enterprises', 'nav-devices', 'nav-warnings', 'nav-special-periods', 'nav-weekly', 'nav-monthly', 'nav-risk', 'nav-stats', 'nav-dispatch', 'nav-cases', 'nav-draws', 'nav-rectifications', 'nav-catalogue', 'nav-typical'],
  analyst: ['nav-map', 'nav-points', 'nav-enterprises', 'nav-devices', 'nav-warnings', 'nav-special-periods', 'nav-weekly', 'nav-monthly', 'nav-risk', 'nav-stats', 'nav-dispatch', 'nav-draws', 'nav-rectifications', 'nav-catalogue', 'nav-typical'],
  dispatcher: ['nav-map', 'nav-points', 'nav-enterprises', 'nav-devices', 'nav-warnings', 'nav-special-periods', 'nav-weekly', 'nav-monthly', 'nav-risk', 'nav-stats', 'nav-dispatch', 'nav-cases', 'nav-draws', 'nav-rectifications', 'nav-catalogue', 'nav-typical'],
  officer: ['nav-map', 'nav-points', 'nav-enterprises', 'nav-devices', 'nav-warnings', 'nav-special-periods', 'nav-weekly', 'nav-monthly', 'nav-risk', 'nav-stats', 'nav-dispatch', 'nav-cases', 'nav-draws', 'nav-rectifications', 'nav-catalogue', 'nav-typical'],
  company: ['nav-enterprise', 'nav-points', 'nav-warnings', 'nav-markings', 'nav-rectifications', 'nav-documents'],
  verifier: ['nav-assigned'],
};

void test('each demo role logs in and sees only its own navigation and data', { skip }, async () => {
  for (const [username, expected] of Object.entries(NAV)) {
    const context = await rig.browser.newContext();
    const page = await context.newPage();
    await login(page, username);
    const nav: Array<string | null> = [];
    for (const a of await page.locator('#nav a').all()) nav.push(await a.getAttribute('data-testid'));
    assert.deepEqual(nav, expected, username);
    await page.screenshot({ path: join(ARTIFACTS, `role-${username}.png`) });
    if (username === 'head') {
      // A bureau's twenty-odd pages come in groups, each under its heading.
      assert.deepEqual(await page.locator('#nav h2').allTextContents(), ['监测监控', '报告统计', '执法办案', '信息公开', '系统']);
      assert.equal(await page.locator('#nav section', { has: page.getByTestId('nav-cases') }).locator('h2').textContent(), '执法办案');
      // The audit trail holds the logins of the users before; its chain verifies from the console.
      await page.getByTestId('nav-audit').click();
      await page.getByTestId('audit-table').waitFor();
      assert.ok((await page.locator('[data-testid="audit-table"] tbody tr').count()) > 0);
      await page.getByTestId('audit-verify').click();
      assert.match((await page.getByTestId('audit-result').textContent()) ?? '', /哈希链完整/);
    }
    if (username === 'company') {
      // The enterprise user's point list holds its own enterprise only.
      await page.getByTestId('nav-points').click();
      await page.getByTestId('points-table').waitFor();
      const names = await page.locator('[data-testid^="point-row-"] td:first-child').allTextContents();
      assert.ok(names.length > 0 && new Set(names).size === 1, `one enterprise: ${names.join(', ')}`);
    }
    await context.close();
  }
});

void test('map → point → a new reading arrives live; language switch; XLSX export reads back', { skip }, async () => {
  const context = await rig.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, 'officer');
  await page.getByTestId('map').waitFor();
  const online = page.locator('[data-testid^="marker-"][data-status="online"]');
  await online.first().waitFor({ timeout: 30_000 }).catch(async () => {
    await page.reload(); // the first frames may land after the map loaded
    await online.first().waitFor({ timeout: 30_000 });
  });
  await page.screenshot({ path: join(ARTIFACTS, 'map.png') });
  // The keyboard path (focus, Enter): a marker is reachable without a mouse (map-markers.e2e clicks them).
  await online.first().focus();
  await page.keyboard.press('Enter');
  // The popup loads the latest values (it grows, and the map may pan to show it), then the officer opens it.
  await page.locator('.leaflet-popup-content').getByTestId('popup-latest').waitFor();
  await page.locator('.leaflet-popup-content').getByTestId('popup-open').click();
  // The click must open the point: a click swallowed by a popup refreshing under the pointer closed it.
  await page.waitForURL(/#\/points\/\d+$/).catch(async (e: unknown) => {
    await page.screenshot({ path: join(ARTIFACTS, 'popup-click-lost.png') });
    throw e;
  });
  // A point online by its real-time frames may have no minute value stored yet when its page loads (on a
  // busy machine the first minute can take a while): reload until one is there.
  for (let attempt = 1; ; attempt += 1) {
    const shown = await page.getByTestId('latest-values').waitFor({ timeout: 20_000 }).then(() => true, () => false);
    if (shown) break;
    if (attempt === 4) {
      await page.screenshot({ path: join(ARTIFACTS, 'point-no-latest.png'), fullPage: true });
      assert.fail(`the point page showed no latest values after four loads (${page.url()}): ${(await page.locator('main').textContent())?.slice(0, 300)}`);
    }
    await page.reload();
  }
  const first = await page.getByTestId('latest-time').textContent();
  await page.waitForFunction(`document.querySelector('[data-testid="latest-time"]')?.textContent !== ${JSON.stringify(first)}`, undefined, { timeout: 30_000 });
  assert.ok(Number(await page.getByTestId('series-chart').getAttribute('data-points')) > 0, 'the chart has points');
  await page.getByTestId('compliance-chart').waitFor();
  assert.match((await page.getByTestId('compliance-limit').textContent()) ?? '', /许可限值|没有在用/);
  await page.screenshot({ path: join(ARTIFACTS, 'point.png'), fullPage: true });

  assert.equal(await page.evaluate('document.documentElement.lang'), 'zh-CN');
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('nav-map').getByText('Map').waitFor();
  assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
  await page.screenshot({ path: join(ARTIFACTS, 'point-en.png') });

  await page.getByTestId('nav-points').click();
  await page.getByTestId('points-table').waitFor();
  const rows = await page.locator('[data-testid^="point-row-"]').count();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  const file = join(rig.dir, 'points.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  assert.equal(wb.worksheets[0]!.rowCount, rows + 1, 'the export holds the listed points and a header');
  await context.close();
});

void test('phone-sized viewport: the menu collapses, the map fills the screen', { skip }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await login(page, 'officer');
  await page.getByTestId('map').waitFor();
  assert.equal(await page.locator('#nav').isVisible(), false, 'navigation hidden behind the menu button');
  await page.getByTestId('menu-button').click();
  assert.equal(await page.locator('#nav').isVisible(), true);
  const box = await page.getByTestId('map').boundingBox();
  assert.ok(box !== null && box.width >= 350, `map width ${box?.width}`);
  await page.screenshot({ path: join(ARTIFACTS, 'phone-map.png') });
  await page.getByTestId('nav-points').click();
  await page.getByTestId('points-table').waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'phone-points.png'), fullPage: true });
  await context.close();
});
