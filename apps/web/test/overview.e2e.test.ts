// The head's command centre (issue 14) in Debian's chromium against the real server, on a platform clock of
// 2026-11-28 10:00 Beijing: three warnings today of which one serious (and a serious one yesterday, not today's),
// two tasks overdue and one due today, four cases in three stages, and one city with 2 of its 3 active points
// online and another with its only point offline (every other demo point retired). The head logs in, clicks
// 指挥中心, reads every figure as computed here, and clicking a figure opens the list it counts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beijing, type CaseActionType } from '@ecoenforce/domain';
import type { Database } from '../../server/src/platform/db/connect.ts';
import type { TaskStatusColumn } from '../../server/src/platform/db/schema.ts';
import { ensureCatalogue } from '../../server/src/enforcement/catalogue/catalogue.ts';
import { applyAction, openCase, type CaseContext } from '../../server/src/enforcement/cases/cases.ts';
import { createFrameSink } from '../../server/src/monitoring/repositories/frame-sink.ts';
import type { Role } from '../../server/src/access/model.ts';
import { acceptedFrame, factor } from '../../server/test/store-fixtures.ts';
import { ARTIFACTS, browserSkip as skip, login as rigLogin, startConsoleRig, type ConsoleRig } from './console-rig.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** The platform clock: 2026-11-28 10:00 Beijing; the day began at 00:00 Beijing. */
const NOW = Date.UTC(2026, 10, 28, 2);
const DAY_START = Date.UTC(2026, 10, 27, 16);
const DAY_END = DAY_START + 24 * HOUR;

let rig: ConsoleRig;
/** The platform clock the server reads; the live test moves it on. */
let clock = NOW;
const seeded = { cityName: '', otherCityName: '', cityCode: '', otherCityCode: '', serious: 0, yesterday: 0, overdue: [] as number[], filed: [] as string[] };

type Step = [CaseActionType, Role, string, Record<string, unknown>?];

async function seed(database: Database): Promise<void> {
  const db = database.db;
  await ensureCatalogue(db, NOW);
  // Points: three kept active in a city that has three (two sending), one in another city (silent), every other retired.
  const all = await db.selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
    .select(['p.id', 'p.mn', 'e.id as enterprise_id', 'e.region_code']).orderBy('p.id').execute();
  const cityOf = (p: { region_code: string }) => `${p.region_code.slice(0, 4)}00`;
  const byCity = new Map<string, typeof all>();
  for (const p of all) byCity.set(cityOf(p), [...(byCity.get(cityOf(p)) ?? []), p]);
  const [cityCode, homePoints] = [...byCity].find(([, ps]) => ps.length >= 3)!;
  const otherPoint = all.find((p) => cityOf(p) !== cityCode)!;
  seeded.cityCode = cityCode;
  seeded.otherCityCode = cityOf(otherPoint);
  const nameOf = async (code: string) => (await db.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirstOrThrow()).name;
  seeded.cityName = await nameOf(seeded.cityCode);
  seeded.otherCityName = await nameOf(seeded.otherCityCode);
  const home = { id: Number(homePoints[0]!.enterprise_id), region_code: homePoints[0]!.region_code };
  const keep = [...homePoints.slice(0, 3), otherPoint].map((p) => Number(p.id));
  await db.updateTable('monitoring_points').set({ active: 0 }).where('id', 'not in', keep).execute();
  const [p1, p2, p3] = homePoints;
  await createFrameSink(database).write([
    acceptedFrame(Number(p1!.id), p1!.mn, 'min', NOW - 3 * MIN, [factor('a21026', 20)], { receivedAt: NOW - 2 * MIN }),
    acceptedFrame(Number(p2!.id), p2!.mn, 'min', NOW - 3 * MIN, [factor('a21026', 20)], { receivedAt: NOW - 2 * MIN }),
    acceptedFrame(Number(p3!.id), p3!.mn, 'min', NOW - 31 * MIN, [factor('a21026', 20)], { receivedAt: NOW - 30 * MIN }),
  ], []);

  // Warnings: three today (one serious), one serious yesterday.
  const warning = async (p: typeof p1, kind: string, severity: 'low' | 'medium' | 'high', status: 'new' | 'confirmed', at: number) => Number((await db.insertInto('warnings').values({
    point_id: Number(p!.id), enterprise_id: Number(p!.enterprise_id), region_code: p!.region_code, kind, factor: 'a21026', severity, status, period_from: at - HOUR, period_to: at,
    message: kind, evidence: '{}', created_at: at, updated_at: at, decided_by: null, decision_reason: null, answer: null, answered_at: null,
  }).returning('id').executeTakeFirstOrThrow()).id);
  seeded.serious = await warning(p1, 'exceedance', 'high', 'new', DAY_START + 9 * HOUR);
  await warning(p2, 'exceedance', 'medium', 'confirmed', DAY_START + 8 * HOUR);
  await warning(p3, 'flatline', 'low', 'new', DAY_START + 1 * HOUR);
  seeded.yesterday = await warning(p1, 'exceedance', 'high', 'new', DAY_START - HOUR);

  // Tasks: two overdue, one due today, one due tomorrow, one done past its deadline.
  const head = Number((await db.selectFrom('users').select('id').where('username', '=', 'head').executeTakeFirstOrThrow()).id);
  const task = async (title: string, status: TaskStatusColumn, dueAt: number) => Number((await db.insertInto('tasks').values({
    source_kind: 'warning', source_id: null, region_code: home.region_code, requesting_region_code: null, enterprise_id: home.id, team_id: null, title, note: null,
    status, priority: 'normal', due_at: dueAt, created_at: NOW - 48 * HOUR, created_by: head, updated_at: NOW - 48 * HOUR, started_at: null,
    done_at: status === 'done' ? NOW - HOUR : null, outcome: null, cancelled_at: null, cancel_reason: null,
  }).returning('id').executeTakeFirstOrThrow()).id);
  seeded.overdue = [await task('核查超标预警', 'assigned', NOW - HOUR), await task('核查举报', 'open', NOW - 3 * HOUR)];
  await task('现场复查', 'open', DAY_END);
  await task('双随机检查', 'open', DAY_END + HOUR);
  await task('已办结的核查', 'done', NOW - 5 * HOUR);

  // Cases, at the enterprise of the demo officers' county: one discovered, two filed, one decided not to punish.
  const company = await db.selectFrom('users').select('enterprise_id').where('username', '=', 'company').executeTakeFirstOrThrow();
  const user = async (username: string) => Number((await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
  const ctx = async (username: string, role: Role, at: number): Promise<CaseContext> => ({ userId: await user(username), role, actor: { kind: 'user', id: await user(username), name: username }, ip: null, at });
  const officers = [await user('officer'), await user('officer2')];
  const drive = async (matterCode: string, at: number, steps: Step[]): Promise<string> => {
    const row = await openCase(db, { enterpriseId: company.enterprise_id!, matterCode, discoveredAt: at }, await ctx('officer', 'officer', at));
    let version = row.version;
    let t = at;
    for (const [action, role, username, input] of steps) {
      t += HOUR;
      version = (await applyAction(db, null, row.id, { action, input: input ?? {}, version }, await ctx(username, role, t))).row.version;
    }
    return row.number;
  };
  await drive('AIR-99-2', beijing('2026-11-20T09:00'), []);
  seeded.filed = [await drive('AIR-99-2', beijing('2026-11-21T09:00'), [['file', 'head', 'head']]), await drive('WAT-83-2', beijing('2026-11-22T09:00'), [['file', 'head', 'head']])];
  await drive('WAT-83-2', beijing('2026-11-23T09:00'), [
    ['file', 'head', 'head'], ['start_investigation', 'officer', 'officer', { officers }],
    ['record_exemption', 'officer', 'officer', { gates: { actEndedOn: null, minor: true, correctedInTime: true, harm: 'none', firstViolation: true } }], ['decide_no_penalty', 'head', 'head'],
  ]);
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'overview-e2e', now: () => clock, prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

const text = async (page: Page, testId: string): Promise<string> => ((await page.getByTestId(testId).textContent()) ?? '').trim();
const cells = async (page: Page, row: string): Promise<string[]> => (await page.locator(row).locator('td').allTextContents()).map((s) => s.trim());

async function openOverview(page: Page): Promise<void> {
  await rigLogin(page, rig.base, 'head');
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('overview-warnings-total').waitFor();
}

void test('the head reads every figure of the command centre', { skip }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await openOverview(page);
  assert.equal(await page.getByTestId('nav-overview').textContent(), '指挥中心');
  assert.match(await text(page, 'overview-scope'), /2026-11-28/);
  // Warnings today.
  assert.equal(await text(page, 'overview-warnings-total'), '3');
  assert.equal(await text(page, 'overview-warnings-serious'), '1');
  assert.equal(await text(page, 'overview-warnings-open'), '2');
  assert.equal(await text(page, 'overview-warnings-handled'), '1');
  assert.deepEqual(await cells(page, '[data-testid="overview-kind"][data-kind="exceedance"]'), ['超标', '2']);
  assert.deepEqual(await cells(page, '[data-testid="overview-kind"][data-kind="flatline"]'), ['数据恒值', '1']);
  assert.equal(await page.getByTestId('overview-kind').count(), 2);
  assert.deepEqual(await cells(page, '[data-testid="overview-severity"][data-severity="high"]'), ['严重', '1']);
  assert.deepEqual(await cells(page, '[data-testid="overview-severity"][data-severity="medium"]'), ['较重', '1']);
  assert.deepEqual(await cells(page, '[data-testid="overview-severity"][data-severity="low"]'), ['一般', '1']);
  // Tasks.
  assert.equal(await text(page, 'overview-tasks-overdue'), '2');
  assert.equal(await text(page, 'overview-tasks-due-today'), '1');
  // Cases by stage, in the procedure's order, named in Chinese.
  assert.equal(await text(page, 'overview-cases-total'), '4');
  assert.deepEqual(await page.getByTestId('overview-stage').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => (td.textContent ?? '').trim()))), [['已发现', '1'], ['已立案', '2'], ['不予处罚', '1']]);
  // Points online by city, named.
  assert.deepEqual(await cells(page, `[data-testid="overview-city"][data-city="${seeded.cityCode}"]`), [seeded.cityName, '3', '2', '0', '1', '66.7%']);
  assert.deepEqual(await cells(page, `[data-testid="overview-city"][data-city="${seeded.otherCityCode}"]`), [seeded.otherCityName, '1', '0', '0', '1', '0.0%']);
  assert.equal(await page.getByTestId('overview-city').count(), 2);
  assert.equal(await text(page, 'overview-online-rate'), '50.0%');
  assert.equal(await text(page, 'overview-online-count'), '2 / 4');
  // The latest serious warnings: today's and yesterday's.
  assert.deepEqual(await page.getByTestId('overview-serious-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-warning')))), [seeded.serious, seeded.yesterday]);
  // No Latin word or code on the Chinese screen.
  const body = (await page.getByTestId('overview').innerText()).replace(/\d{4}-\d{2}-\d{2}/g, '');
  assert.doesNotMatch(body, /[A-Za-z]{2,}/);
  assert.ok(await page.getByTestId('overview-fullscreen').isVisible(), 'a 全屏 button for the wall display');
  assert.equal(await text(page, 'overview-fullscreen'), '全屏');
  await page.screenshot({ path: join(ARTIFACTS, 'overview-1920.png'), fullPage: true });
  await context.close();
});

void test('clicking a figure opens the list it counts', { skip }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await openOverview(page);
  // Serious warnings today: the one of today, not yesterday's.
  await page.getByTestId('overview-warnings-serious').click();
  await page.getByTestId('warnings-table').waitFor();
  await page.getByTestId(`warning-row-${seeded.serious}`).waitFor();
  assert.equal(await page.locator('[data-testid^="warning-row-"]').count(), 1);
  assert.equal(await page.getByTestId('warnings-severity').inputValue(), 'high');
  assert.match(await text(page, 'warnings-days'), /2026-11-28/);

  // Overdue tasks: the dispatch board with only the overdue ones.
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('overview-tasks-overdue').click();
  await page.getByTestId('dispatch-board').waitFor();
  assert.ok(await page.getByTestId('dispatch-overdue').isChecked());
  await page.getByTestId(`task-card-${seeded.overdue[0]}`).waitFor();
  const cards = await page.locator('[data-testid^="task-card-"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-testid')!.slice('task-card-'.length))).sort((a, b) => a - b));
  assert.deepEqual(cards, [...seeded.overdue].sort((a, b) => a - b));

  // A stage: the cases list filtered to it.
  await page.getByTestId('nav-overview').click();
  await page.locator('[data-testid="overview-stage"][data-state="filed"] a').click();
  await page.getByTestId('cases-table').waitFor();
  assert.equal(await page.getByTestId('cases-state-filter').inputValue(), 'filed');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="case-row"]').length === n, seeded.filed.length);
  const numbers = await page.locator('[data-testid="case-row"] td:first-child').allTextContents();
  assert.deepEqual(numbers.map((s) => s.trim()).sort(), [...seeded.filed].sort());
  await page.screenshot({ path: join(ARTIFACTS, 'overview-cases-filed.png'), fullPage: true });
  await context.close();
});

void test('the figures follow the platform live, and 全屏 fills the screen', { skip }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await openOverview(page);
  assert.equal(await text(page, 'overview-online-count'), '2 / 4');
  await page.screenshot({ path: join(ARTIFACTS, 'overview-1366.png'), fullPage: true });
  await page.getByTestId('overview-fullscreen').click();
  await page.waitForFunction(() => document.fullscreenElement?.getAttribute('data-testid') === 'overview');
  assert.equal(await text(page, 'overview-fullscreen'), '退出全屏');
  await page.getByTestId('overview-fullscreen').click();
  await page.waitForFunction(() => document.fullscreenElement === null);
  // Nine minutes on, the two sending points have been silent for eleven: offline, and the page shows it unasked.
  clock = NOW + 9 * MIN;
  await page.waitForFunction(() => document.querySelector('[data-testid="overview-online-count"]')?.textContent === '0 / 4', undefined, { timeout: 90_000 });
  assert.deepEqual(await cells(page, `[data-testid="overview-city"][data-city="${seeded.cityCode}"]`), [seeded.cityName, '3', '0', '0', '3', '0.0%']);
  assert.equal(await text(page, 'overview-warnings-total'), '3');
  await context.close();
});
