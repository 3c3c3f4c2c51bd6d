// The statistics page (issue 5 §10) in Debian's chromium against the real server: one case fined 230,000
// yuan and one exempted; the head reads the headline in the bureaus' style, opens the cases behind the fines
// figure from the table, switches to months and finds the XLSX link. Screenshots go to test-artifacts/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beijing, type CaseActionType } from '@ecoenforce/domain';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { ensureCatalogue } from '../../server/src/enforcement/catalogue/catalogue.ts';
import { applyAction, openCase, type CaseContext } from '../../server/src/enforcement/cases/cases.ts';
import type { Role } from '../../server/src/access/model.ts';
import { ARTIFACTS, browserSkip as skip, login as rigLogin, startConsoleRig, type ConsoleRig } from './console-rig.ts';

/** The platform clock: 2026-11-28 10:00 Beijing. */
const NOW = Date.UTC(2026, 10, 28, 2);
const HOUR = 3600_000;

let rig: ConsoleRig;
let finedNumber = '';

type Step = [CaseActionType, Role, string, Record<string, unknown>?];

async function seed(database: Database): Promise<void> {
  const db = database.db;
  await ensureCatalogue(db, NOW);
  const user = async (username: string) => Number((await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
  const ctx = async (username: string, role: Role, at: number): Promise<CaseContext> => ({ userId: await user(username), role, actor: { kind: 'user', id: await user(username), name: username }, ip: null, at });
  const company = await db.selectFrom('users').select('enterprise_id').where('username', '=', 'company').executeTakeFirstOrThrow();
  const officers = [await user('officer'), await user('officer2')];
  const drive = async (matterCode: string, at: number, steps: Step[]): Promise<string> => {
    const row = await openCase(db, { enterpriseId: company.enterprise_id!, matterCode, discoveredAt: at }, await ctx('officer', 'officer', at));
    let version = row.version;
    let t = at;
    for (const [action, role, username, input] of [['file', 'head', 'head'], ['start_investigation', 'officer', 'officer', { officers }], ...steps] as Step[]) {
      t += HOUR;
      version = (await applyAction(db, null, row.id, { action, input: input ?? {}, version }, await ctx(username, role, t))).row.version;
    }
    return row.number;
  };
  const gates = { actEndedOn: null, harm: 'minor', firstViolation: true, exceedance: { firstInPastYear: true, pollutants: [{ factor: 'a21026', pollutantClass: 'B', multiple: 2.5 }, { factor: 'a21002', pollutantClass: 'B', multiple: 2.5 }] } };
  const facts = { pollutantCount: { proven: true, value: 2 }, pollutantKind: { proven: true, levels: ['bClass'] }, exceedanceMultiple: { proven: true, value: 2.5 }, repeats: { proven: true, value: 1 } };
  finedNumber = await drive('AIR-99-2', beijing('2026-11-02T09:00'), [
    ['order_correction', 'officer', 'officer', { requirement: '立即停止超标排放', deadlineDays: 30 }], ['record_discretion', 'officer', 'officer', { facts, gates }],
    ['issue_advance_notice', 'officer', 'officer'], ['waive_hearing', 'officer', 'officer'], ['submit_for_review', 'officer', 'officer'],
    ['complete_legal_review', 'legalReviewer', 'legal'], ['decide', 'head', 'head'],
  ]);
  await drive('WAT-83-2', beijing('2026-11-04T09:00'), [
    ['record_exemption', 'officer', 'officer', { gates: { actEndedOn: null, minor: true, correctedInTime: true, harm: 'none', firstViolation: true } }], ['decide_no_penalty', 'head', 'head'],
  ]);
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'stats-e2e', now: () => NOW, prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

const login = (page: Page, username: string): Promise<void> => rigLogin(page, rig.base, username);

void test('the head reads the year\'s figures, opens the fined cases and switches to months', { skip }, async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await login(page, 'head');
  await page.getByTestId('nav-stats').click();
  await page.getByTestId('stats-table').waitFor();
  assert.equal((await page.getByTestId('stats-headline-fines').textContent())?.trim(), '1 起案件，罚款 23 万元');
  assert.match((await page.getByTestId('stats-headline').textContent()) ?? '', /不予处罚 1 起/);
  assert.match((await page.getByTestId('stats-period').textContent()) ?? '', /2026-01-01 — 2026-12-31/);
  await page.getByTestId('stats-chart').locator('canvas').waitFor();
  await page.screenshot({ path: join(ARTIFACTS, 'stats-region.png'), fullPage: true });

  await page.locator('[data-testid="stats-row"][data-key="total"] td[data-measure="fined"] a').click();
  await page.getByTestId('stats-drill-table').waitFor();
  assert.deepEqual(await page.getByTestId('stats-drill-row').locator('td:first-child').allTextContents(), [finedNumber]);

  await page.getByTestId('stats-group-month').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="stats-row"]').length === 13);
  assert.equal(await page.locator('[data-testid="stats-row"][data-key="2026-11"] td[data-measure="fined"]').textContent(), '1');
  assert.match((await page.getByTestId('stats-xlsx').getAttribute('href')) ?? '', /groupBy=month&format=xlsx/);
  await page.screenshot({ path: join(ARTIFACTS, 'stats-month.png'), fullPage: true });
  await context.close();
});
