// The public site without login (issue 5 §9), in Debian's chromium against the real server: a closed case
// published as a typical case (its phone number and the person's name redacted), a double-random draw whose
// lists are public, and the decision's summary; a fresh browser with no session opens #/public and reads
// each tab, and never sees the login form. Screenshots go to test-artifacts/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { regionPrefix } from '../../server/src/access/model.ts';
import { runDraw } from '../../server/src/enforcement/draws/draws.ts';
import { publishTypical } from '../../server/src/enforcement/publication/typical-cases.ts';
import type { TaskContext } from '../../server/src/enforcement/tasks/tasks.ts';
import { closedCase } from '../../server/test/publication-fixtures.ts';
import { ARTIFACTS, browserSkip as skip, login, startConsoleRig, type ConsoleRig } from './console-rig.ts';

/** The platform clock: 2026-11-28 10:00 Beijing. */
const NOW = Date.UTC(2026, 10, 28, 2);
const DAY = 86_400_000;

let rig: ConsoleRig;
let party: { name: string; uscc: string };

async function seed(database: Database): Promise<void> {
  const db = database.db;
  const company = await db.selectFrom('users').select('enterprise_id').where('username', '=', 'company').executeTakeFirstOrThrow();
  const e = await db.selectFrom('enterprises').select(['id', 'name', 'uscc', 'region_code']).where('id', '=', company.enterprise_id!).executeTakeFirstOrThrow();
  party = { name: e.name, uscc: e.uscc };
  const c = await closedCase(db, Number(e.id), NOW - 10 * DAY, '经查，你单位负责人张三称脱硫设施停运检修，联系电话13812345678。');
  const ctxOf = async (username: string, at: number): Promise<TaskContext> => {
    const u = await db.selectFrom('users').select(['id', 'region_code']).where('username', '=', username).executeTakeFirstOrThrow();
    return { actor: { kind: 'user', id: Number(u.id), name: username }, userId: Number(u.id), regionCode: u.region_code, scope: { regionPrefix: regionPrefix(u.region_code), enterpriseIds: null }, ip: null, at };
  };
  await publishTypical(db, { caseId: c.id, batch: '2026年第一批' }, await ctxOf('head', NOW - DAY));
  // A draw of the company's county ten days ago whose lists became public yesterday.
  await runDraw(db, { regionCode: e.region_code, period: '2026-Q4', published: '福彩3D 2026310期 1 2 3', publishableAfter: NOW - DAY }, await ctxOf('dispatcher', NOW - 10 * DAY));
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'public-e2e', now: () => NOW, prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

void test('the public site renders without login: typical cases redacted, draw results, decisions, benchmarks', { skip }, async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${rig.base}/#/public`);
  await page.getByTestId('public-site').waitFor();
  assert.equal(await page.getByTestId('login-username').count(), 0, 'no login form');
  assert.equal((await context.cookies()).length, 0, 'no session');

  const typical = page.getByTestId('public-typical');
  await typical.first().waitFor();
  const text = await typical.first().innerText();
  assert.match(text, /2026年第一批/);
  assert.ok(text.includes(party.name) && text.includes(party.uscc), 'the legal entity is named');
  const facts = await page.getByTestId('typical-facts').first().innerText();
  assert.equal(facts, '经查，你单位负责人张某称脱硫设施停运检修，联系电话[电话]。');
  await page.screenshot({ path: join(ARTIFACTS, 'public-typical.png'), fullPage: true });

  await page.getByTestId('public-tab-draws').click();
  await page.getByTestId('public-draw').first().waitFor();
  assert.ok(await page.getByTestId('public-draw-object').count() >= 1, 'the drawn units are listed');
  assert.match(await page.getByTestId('public-draw').first().innerText(), /福彩3D 2026310期 1 2 3/);

  await page.getByTestId('public-tab-decisions').click();
  await page.getByTestId('public-decision').first().waitFor();
  assert.match(await page.getByTestId('public-decision').first().innerText(), /230,000/);

  await page.getByTestId('public-tab-benchmarks').click();
  await page.getByTestId('public-benchmark').first().waitFor();
  assert.ok(await page.getByTestId('public-benchmark').count() >= 5);
  // Each violation with its articles in official Chinese and its penalty in the unit the law uses: yuan for a
  // fine, multiples for a multiple (never "0.2–0.2" under a yuan header), days for detention.
  const row = async (name: string): Promise<string[]> => (await page.getByTestId('public-benchmark').filter({ hasText: name }).first().locator('td').allInnerTexts());
  assert.deepEqual(await row('超过大气污染物排放标准或者重点大气污染物排放总量控制指标排放'), [
    '超过大气污染物排放标准或者重点大气污染物排放总量控制指标排放', '《中华人民共和国大气污染防治法》第九十九条第二项', '罚款 100,000–1,000,000 元',
  ]);
  assert.equal((await row('通过逃避监管的方式排放大气污染物'))[1], '违反《中华人民共和国大气污染防治法》第二十条、第九十九条第三项，依据《中华人民共和国大气污染防治法》第九十九条第三项处罚');
  assert.equal((await row('造成一般或者较大水污染事故'))[2], '处直接损失 0.2 倍的罚款');
  assert.equal((await row('检验检测机构出具虚假报告'))[2], '处违法所得 5–10 倍的罚款，或罚款 20,000–100,000 元');
  // The tables themselves: factors, levels and weights, each with its source by title.
  const tables = page.getByTestId('public-table');
  assert.equal(await tables.count(), 3);
  const air = tables.filter({ hasText: '超过大气污染物排放标准' }).first();
  const multiple = (await air.getByTestId('public-factor').filter({ hasText: '超标倍数' }).locator('td').allInnerTexts());
  assert.equal(multiple[0], '超标倍数');
  assert.match(multiple[1]!, /^3倍以下：\d+%；3倍以上8倍以下：\d+%/);
  assert.equal(multiple[2], '《广东省生态环境违法行为行政处罚罚款金额裁量表》');
  const section = await page.getByTestId('public-benchmarks').innerText();
  assert.doesNotMatch(section, /rules\.md|\bGD\b|GD-A|\bart\.|\bv\d|[A-Za-z]{3,}/, 'no source keys, versions or English on the Chinese page');
  await page.screenshot({ path: join(ARTIFACTS, 'public-benchmarks.png'), fullPage: true });
  await context.close();
});

void test('staff: the dispatcher opens the draw, verifies it; the head previews a closed case\'s redaction', { skip }, async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await login(page, rig.base, 'dispatcher');
  await page.getByTestId('nav-draws').click();
  await page.getByTestId('draw-policy').waitFor();
  await page.getByTestId('draw-row').first().locator('a').click();
  await page.getByTestId('draw-detail').waitFor();
  await page.getByTestId('draw-verify').click();
  await page.getByTestId('draw-verified').waitFor();
  assert.equal(await page.getByTestId('draw-verified').getAttribute('data-ok'), 'true');
  await page.screenshot({ path: join(ARTIFACTS, 'draw-detail.png'), fullPage: true });
  await context.close();

  const head = await rig.browser.newContext();
  const hp = await head.newPage();
  await login(hp, rig.base, 'head');
  await hp.getByTestId('nav-typical').click();
  await hp.getByTestId('typical-row').first().waitFor();
  await hp.getByTestId('typical-case').selectOption({ index: 1 });
  await hp.getByTestId('typical-preview').click();
  await hp.getByTestId('typical-removed').waitFor();
  assert.match(await hp.getByTestId('typical-facts').innerText(), /张某.*\[电话\]/);
  await head.close();
});
