// The violation-risk score in the console (issue 4 §6b), in Debian's chromium against the real server: the
// daily job scores every unit at start-up; the head opens the ranked list of inspection objects, filters it
// by tier, opens the top unit and reads its score, tier, contributions and history; the company sees its
// own score. Screenshots go to test-artifacts/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { ARTIFACTS, browserSkip as skip, login as rigLogin, startConsoleRig, type ConsoleRig } from './console-rig.ts';

/** The platform clock: 2026-11-28 10:00 Beijing. */
const NOW = Date.UTC(2026, 10, 28, 2);
const HOUR = 3600_000;

let rig: ConsoleRig;
/** The enterprise given an exceedance (the company user's own), and another one. */
let risky: { id: number; name: string };

/** Two exceedance episodes for the company's own enterprise, before the server's daily job scores. */
async function seed(database: Database): Promise<void> {
  const db = database.db;
  const company = await db.selectFrom('users').select('enterprise_id').where('username', '=', 'company').executeTakeFirstOrThrow();
  const e = await db.selectFrom('enterprises').select(['id', 'name', 'region_code']).where('id', '=', company.enterprise_id!).executeTakeFirstOrThrow();
  risky = { id: Number(e.id), name: e.name };
  const point = await db.selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').select('p.id').where('o.enterprise_id', '=', risky.id).executeTakeFirstOrThrow();
  // Two exceedance episodes up to 2.2× the limit in the last day: the score's window holds them.
  for (const from of [NOW - 20 * HOUR, NOW - 6 * HOUR]) {
    await db.insertInto('warnings').values({
      point_id: point.id, enterprise_id: risky.id, region_code: e.region_code, kind: 'exceedance', factor: 'a21026', severity: 'high', status: 'new', period_from: from, period_to: from + 2 * HOUR,
      message: 'e2e', evidence: JSON.stringify({ times: [from, from + HOUR], values: [80, 110], rule: { limit: 50 }, params: {} }), created_at: from, updated_at: from,
      decided_by: null, decision_reason: null, answer: null, answered_at: null,
    }).execute();
  }
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'risk-e2e', now: () => NOW, prepare: seed });
  // The daily job ran at start-up (today had no run); wait for it.
  await rig.server.daily.runDue();
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

const login = (page: Page, username: string): Promise<void> => rigLogin(page, rig.base, username);

void test('the head ranks the inspection objects by risk, filters by tier and reads one unit’s explanation', { skip }, async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await login(page, 'head');
  await page.getByTestId('nav-risk').click();
  await page.getByTestId('risk-table').waitFor();
  const rows = page.getByTestId('risk-row');
  assert.equal(await rows.count(), 12, 'every unit of the province');
  assert.equal(await rows.first().getAttribute('data-enterprise'), String(risky.id), 'the unit with exceedances ranks first');
  const scores = (await page.getByTestId('risk-score').allTextContents()).map(Number);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  const topTier = (await rows.first().getByTestId('risk-tier').getAttribute('data-tier'))!;
  assert.notEqual(topTier, 'low');
  await page.screenshot({ path: join(ARTIFACTS, 'risk-list.png'), fullPage: true });

  await page.getByTestId('risk-tier-filter').selectOption('low');
  await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="risk-row"] [data-testid="risk-tier"]'), (b) => b.getAttribute('data-tier')).every((t) => t === 'low'));
  assert.equal(await page.locator(`[data-testid="risk-row"][data-enterprise="${risky.id}"]`).count(), 0);
  assert.ok((await rows.count()) > 0 && (await rows.count()) < 12);

  await page.getByTestId('risk-tier-filter').selectOption('');
  await page.locator(`[data-testid="risk-row"][data-enterprise="${risky.id}"] a`).click();
  const panel = page.getByTestId('risk-panel');
  await panel.getByTestId('risk-contributions').waitFor();
  assert.equal(Number(await panel.getByTestId('risk-panel-score').textContent()), scores[0]);
  assert.equal(await panel.getByTestId('risk-tier').getAttribute('data-tier'), topTier);
  const exceedance = panel.locator('[data-testid="risk-contributions"] tr[data-factor="exceedance"] td');
  assert.equal(await exceedance.nth(1).textContent(), '2', 'two episodes');
  // Penalties come from the penalty cases now: no decision in two years reads 0 points, not "not connected".
  const penalties = (await panel.locator('tr[data-factor="penalties"]').textContent()) ?? '';
  assert.doesNotMatch(penalties, /尚未接入/);
  assert.equal(await panel.locator('tr[data-factor="penalties"] td').nth(1).textContent(), '0');
  assert.equal(await panel.getByTestId('risk-history').getAttribute('data-days'), '1');
  await panel.locator('[data-testid="risk-history"] canvas').waitFor();
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'risk-panel.png'), fullPage: true });

  await page.getByTestId('lang-switch').click();
  await page.getByText('Violation-risk score').waitFor();
  assert.match((await panel.locator('tr[data-factor="penalties"]').textContent()) ?? '', /Past administrative penalties/);
  await page.getByTestId('lang-switch').click();
  await context.close();
});

void test('the company sees its own score', { skip }, async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await login(page, 'company');
  await page.getByTestId('nav-enterprise').click();
  const panel = page.getByTestId('risk-panel');
  await panel.getByTestId('risk-contributions').waitFor();
  assert.ok(Number(await panel.getByTestId('risk-panel-score').textContent()) > 0);
  const list = await page.evaluate(async () => (await fetch('/api/risk')).json() as Promise<{ items: Array<{ enterpriseId: number }> }>);
  assert.deepEqual(list.items.map((i) => i.enterpriseId), [risky.id]);
  await context.close();
});
