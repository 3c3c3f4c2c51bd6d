// The enterprise's view and the grid in Debian's chromium (playwright-core, never a downloaded browser),
// with the browser in New York time to prove the console shows Beijing time whatever the browser's zone:
// the company marks a span of its data (Beijing time in, Beijing time shown), sees the warning the late
// marking raised, answers it and withdraws the marking; a bureau user sees the enterprise's 12-month
// compliance grid, opens an exceeded month's compliance chart from it (tooltip time and value match the
// API's hour in Beijing time), reads the markings, and triages warnings in bulk and on the map.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { factorInfo } from '../../../packages/hj212/src/index.ts';
import { limitsInForce } from '../../server/src/compliance/compliance.ts';
import { beijingMonthOf, beijingMonthStart, monthsEndingWith } from '../../server/src/compliance/compliance-grid.ts';
import { ARTIFACTS, browserSkip as skip, login as rigLogin, startConsoleRig, type ConsoleRig } from './console-rig.ts';
import type { Page } from 'playwright-core';

const HOUR = 3600_000;
const ZONE = 'America/New_York';

const beijingFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const beijing = (ms: number): string => beijingFmt.format(new Date(ms)).replace(/\//g, '-');
const num2 = (v: number): string => (Math.round(v * 100) / 100).toString();
const frac = (i: number): number => (i * 0.6180339887) % 1;

/** The company's enterprise, its first point and a factor with an hourly limit there. */
let company: { enterpriseId: number; pointId: number; factor: string };
/** Last month (exceedances seeded) and the month before (compliant). */
let months: { exceeded: string; compliant: string };

let rig: ConsoleRig;

/** What this test shows, seeded before the server starts. */
async function seed(database: Database): Promise<void> {
  const db = database.db;
  const user = await db.selectFrom('users').select('enterprise_id').where('username', '=', 'company').executeTakeFirstOrThrow();
  const enterpriseId = Number(user.enterprise_id);
  const points = await db.selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').select(['p.id', 'p.outlet_id']).where('o.enterprise_id', '=', enterpriseId).orderBy('o.code').orderBy('p.id').execute();
  const now = Date.now();
  let chosen: { pointId: number; factor: string; limit: number } | undefined;
  for (const p of points) {
    const [first] = [...(await limitsInForce(db, Number(p.outlet_id), now, 'hourly'))];
    if (first !== undefined) {
      chosen = { pointId: Number(p.id), factor: first[0], limit: first[1].limit };
      break;
    }
  }
  assert.ok(chosen !== undefined, 'the company has a point with an hourly limit');
  company = { enterpriseId, pointId: chosen.pointId, factor: chosen.factor };
  const [m2, m1] = monthsEndingWith(beijingMonthOf(now), 3);
  months = { compliant: m2!.month, exceeded: m1!.month };
  // Hourly values: the month before last well under the limit, last month spread around it.
  const rows = [];
  for (let t = m2!.from, i = 0; t < m1!.to; t += HOUR, i++) {
    const v = chosen.limit * (t < m1!.from ? 0.3 + 0.4 * frac(i) : 0.6 + 0.8 * frac(i));
    rows.push({ point_id: chosen.pointId, factor: chosen.factor, period_kind: 'hour' as const, period_start: t, samples: 60, valid: 60, status: 'normal' as const, mean: v, min: v, max: v, converted: v, logger_converted: null, flags: '{}', computed_at: 0 });
  }
  for (let k = 0; k < rows.length; k += 500) await db.insertInto('period_values').values(rows.slice(k, k + 500)).execute();
  const place = await db.selectFrom('enterprises').select('region_code').where('id', '=', enterpriseId).executeTakeFirstOrThrow();
  for (let k = 0; k < 3; k++) {
    await db.insertInto('warnings').values({
      point_id: chosen.pointId, enterprise_id: enterpriseId, region_code: place.region_code, kind: 'exceedance', factor: chosen.factor, severity: 'medium', status: 'new',
      period_from: m1!.from + k * 24 * HOUR, period_to: m1!.from + k * 24 * HOUR + HOUR, message: 'seeded', evidence: JSON.stringify({ times: [m1!.from + k * 24 * HOUR], params: {} }),
      created_at: now, updated_at: now, decided_by: null, decision_reason: null, answer: null, answered_at: null,
    }).execute();
  }
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'enterprise-view-e2e', prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

const login = (page: Page, username: string): Promise<void> => rigLogin(page, rig.base, username);

void test('the company marks a span in Beijing time, answers the warning it raised, withdraws the marking', { skip }, async () => {
  const context = await rig.browser.newContext({ timezoneId: ZONE, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  assert.equal(await page.evaluate('Intl.DateTimeFormat().resolvedOptions().timeZone'), ZONE, 'the browser runs in New York time');
  await login(page, 'company');
  await page.getByTestId('nav-markings').click();
  await page.getByTestId('marking-form').waitFor();
  // Yesterday 08:00–10:00 Beijing: made after the fact, so the platform raises a warning.
  const day = beijing(Date.now() - 24 * HOUR).slice(0, 10);
  const [fromText, toText] = [`${day}T08:00`, `${day}T10:00`];
  await page.getByTestId('marking-point').selectOption(String(company.pointId));
  await page.getByTestId('marking-kind').selectOption('equipment_fault');
  await page.getByTestId('marking-from').fill(fromText);
  await page.getByTestId('marking-to').fill(toText);
  await page.getByTestId('marking-reason').fill('脱硝系统喷枪堵塞，停机检修');
  await page.getByTestId('marking-files').setInputFiles({ name: '检修记录.txt', mimeType: 'text/plain', buffer: Buffer.from('repair log') });
  await page.getByTestId('marking-submit').click();
  await page.getByTestId('marking-created').waitFor();
  const createdText = (await page.getByTestId('marking-created').textContent()) ?? '';
  const id = Number(/#(\d+)/.exec(createdText)?.[1]);
  assert.ok(id > 0, createdText);

  const row = page.getByTestId(`marking-row-${id}`);
  await row.waitFor();
  const stored = await page.evaluate<{ items: Array<{ id: number; from: number; to: number; createdAt: number; attachments: Array<{ sha256: string }> }> }>(`fetch('/api/points/${company.pointId}/markings').then((r) => r.json())`);
  const m = stored.items.find((x) => x.id === id)!;
  assert.equal(m.from, Date.parse(`${fromText}:00+08:00`), 'the form reads its times as Beijing time, not the browser zone');
  assert.equal(m.to, Date.parse(`${toText}:00+08:00`));
  assert.equal(m.attachments.length, 1);
  assert.match(m.attachments[0]!.sha256, /^[0-9a-f]{64}$/);
  assert.equal(await row.getByTestId('marking-span').textContent(), `${day} 08:00 – ${day} 10:00`);
  assert.equal(await row.getByTestId('marking-made-at').textContent(), beijing(m.createdAt), 'a timestamp in Beijing time in a New York browser');
  assert.notEqual((await row.getByTestId('marking-late').textContent())?.trim(), '—', 'flagged as made after the fact');
  await page.screenshot({ path: join(ARTIFACTS, 'company-markings.png'), fullPage: true });

  // The late marking raised a warning; the company reads it in its inbox and answers.
  const warningLink = page.getByTestId('marking-created').locator('a').first();
  await warningLink.click();
  await page.getByTestId('warning-detail').waitFor();
  await page.getByTestId('warning-reason').fill('故障发生在夜间，次日上午补记标记，附检修记录');
  await page.getByTestId('warning-answer-send').click();
  await page.getByTestId('warning-answer').waitFor();
  assert.match((await page.getByTestId('warning-answer').textContent()) ?? '', /补记标记/);
  await page.screenshot({ path: join(ARTIFACTS, 'company-warning-answer.png'), fullPage: true });

  await page.getByTestId('nav-markings').click();
  await page.getByTestId(`marking-withdraw-${id}`).click();
  await page.getByTestId('marking-withdraw-reason').fill('标记时段有误');
  await page.getByTestId('marking-withdraw-confirm').click();
  await page.getByTestId(`marking-row-${id}`).getByText(/已撤回/).waitFor();
  await context.close();
});

void test('a bureau user reads the 12-month grid, opens a month of the compliance chart in Beijing time, triages in bulk', { skip }, async () => {
  const context = await rig.browser.newContext({ timezoneId: ZONE, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await login(page, 'analyst');
  await page.goto(`${rig.base}/#/enterprises/${company.enterpriseId}`);
  await page.getByTestId('grid-table').waitFor();
  const cell = (month: string) => page.getByTestId(`grid-cell-${company.pointId}-${company.factor}-${month}`);
  assert.equal(await cell(months.compliant).getAttribute('data-status'), 'compliant');
  assert.equal(await cell(months.exceeded).getAttribute('data-status'), 'exceeded');
  await page.getByTestId('compliance-grid').screenshot({ path: join(ARTIFACTS, 'enterprise-grid.png') });

  await cell(months.exceeded).locator('a').click();
  await page.getByTestId('compliance-month').waitFor();
  assert.match((await page.getByTestId('compliance-month').textContent()) ?? '', new RegExp(months.exceeded));
  const from = beijingMonthStart(months.exceeded);
  const api = await page.evaluate<{ hours: Array<{ t: number; value: number | null }> }>(`fetch('/api/points/${company.pointId}/compliance?factor=${company.factor}&from=${from}&to=${from + 40 * 24 * HOUR}').then((r) => r.json())`);
  const byTime = new Map(api.hours.filter((h) => h.value !== null).map((h) => [beijing(h.t).slice(0, 16), h.value!]));
  const chart = page.getByTestId('compliance-chart');
  await page.waitForFunction(`Number(document.querySelector('[data-testid="compliance-chart"]')?.getAttribute('data-hours')) > 0`);
  const box = (await chart.boundingBox())!;
  let matched = 0;
  for (const f of [0.2, 0.45, 0.7]) {
    await page.mouse.move(box.x + 48 + (box.width - 64) * f, box.y + box.height / 2);
    const time = chart.getByTestId('chart-tooltip-time');
    await time.waitFor();
    const shown = (await time.textContent()) ?? '';
    const value = (await chart.getByTestId('chart-tooltip-value').first().textContent()) ?? '';
    assert.ok(byTime.has(shown), `tooltip time ${shown} is the Beijing time of an hour of the month`);
    assert.equal(value, num2(byTime.get(shown)!), `the value at ${shown} Beijing`);
    matched++;
  }
  assert.equal(matched, 3);
  await page.screenshot({ path: join(ARTIFACTS, 'grid-month-chart.png'), fullPage: true });

  // The markings page, read-only for the bureau.
  await page.goto(`${rig.base}/#/markings/${company.enterpriseId}`);
  await page.getByTestId('markings-table').waitFor();
  assert.equal(await page.getByTestId('marking-form').count(), 0, 'no form for the bureau');
  assert.equal(await page.locator('[data-testid^="marking-withdraw-"]').count(), 0);

  // Bulk triage of the seeded warnings, then the map of the filtered ones.
  await page.goto(`${rig.base}/#/warnings`);
  await page.getByTestId('warnings-kind').selectOption('exceedance');
  await page.getByTestId('warnings-status').selectOption('new');
  const boxes = page.locator('[data-testid^="warning-select-"]');
  await boxes.first().waitFor();
  assert.equal(await page.getByTestId('warnings-severity').locator('option[value=""]').textContent(), '全部级别');
  // The factor by its Chinese name, not its HJ 212 code.
  const factorZh = factorInfo(company.factor)!.nameZh;
  const kindCells = await page.getByTestId('warnings-table').locator('tbody td').allTextContents();
  assert.ok(kindCells.includes(`超标 ${factorZh}`), `a cell reads 超标 ${factorZh}`);
  assert.ok(!kindCells.some((c) => c.includes(company.factor)), `no raw code ${company.factor}`);
  const before = await boxes.count();
  assert.ok(before >= 3, `${before} new exceedance warnings`);
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByTestId('bulk-reason').fill('复核小时数据后确认超标');
  await page.getByTestId('bulk-confirm').click();
  await page.getByTestId('bulk-result').waitFor();
  assert.match((await page.getByTestId('bulk-result').textContent()) ?? '', /已处理 2 条，失败 0 条/);
  await page.waitForFunction(`document.querySelectorAll('[data-testid^="warning-select-"]').length === ${before - 2}`);
  await page.getByTestId('warnings-view-map').click();
  await page.getByTestId(`warning-marker-${company.pointId}`).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'warnings-map.png'), fullPage: true });
  await context.close();
});
