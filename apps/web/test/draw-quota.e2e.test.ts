// The officers' yearly quota of general units [W11] on the draws page, in Debian's chromium against the real
// server: a county draw that sends the demo officers to every unit (two of them general units), then the dispatcher asks for the county's
// quota of 2026 (the county chosen by name) and reads each officer's drawn units against the county bureau's 10.
// Then the dispatcher lists a unit on the positive list and declares an officer's conflict of interest, finding
// the unit by name and choosing the officer by name with the 执法证号; the server stores the right ids.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEFAULT_DRAW_POLICY, makeUscc } from '@ecoenforce/domain';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { regionPrefix } from '../../server/src/access/model.ts';
import { runDraw } from '../../server/src/enforcement/draws/draws.ts';
import { ARTIFACTS, browserSkip as skip, login, startConsoleRig, type ConsoleRig } from './console-rig.ts';

/** The platform clock: 2026-11-28 10:00 Beijing. */
const NOW = Date.UTC(2026, 10, 28, 2);

let rig: ConsoleRig;
let county: string;
let countyName: string;
let general = 0;

async function seed(database: Database): Promise<void> {
  const db = database.db;
  const first = await db.selectFrom('enterprises').select('region_code').orderBy('id').executeTakeFirstOrThrow();
  county = first.region_code;
  countyName = (await db.selectFrom('regions').select('name').where('code', '=', county).executeTakeFirstOrThrow()).name;
  // Two general (simplified-permit) units: the demo county's own are mostly key units.
  for (const i of [1, 2]) {
    await db.insertInto('enterprises').values({
      uscc: makeUscc({ authority: '9', kind: '1', region: county, orgBody: `MA5QTA0${i}` }), name: `配额测试${i}有限公司`, region_code: county, industry: 'boiler', address: '测试路2号',
      lat: 23.1, lng: 113.3, created_at: NOW, management_category: 'simplified',
    }).execute();
  }
  const u = await db.selectFrom('users').select(['id', 'region_code']).where('username', '=', 'dispatcher').executeTakeFirstOrThrow();
  const ctx = { actor: { kind: 'user' as const, id: Number(u.id), name: 'dispatcher' }, userId: Number(u.id), regionCode: u.region_code, scope: { regionPrefix: regionPrefix(u.region_code), enterpriseIds: null }, ip: null, at: NOW };
  const policy = { ...DEFAULT_DRAW_POLICY, tierPercent: { high: 100, medium: 100, low: 100 }, keyUnitMinimumPercent: { ...DEFAULT_DRAW_POLICY.keyUnitMinimumPercent } };
  const d = await runDraw(db, { regionCode: county, period: '2026-Q4', published: '配额页面', policy }, ctx);
  general = d.record.objects.filter((o) => !o.keyUnit).length;
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'draw-quota-e2e', now: () => NOW, prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

void test('the dispatcher reads the county officers\' yearly quota on the draws page', { skip }, async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await login(page, rig.base, 'dispatcher');
  await page.getByTestId('nav-draws').click();
  await page.getByTestId('draw-quota').waitFor();
  await page.locator(`[data-testid="quota-region"] option:text-is("${countyName}")`).waitFor({ state: 'attached' });
  await page.getByTestId('quota-region').selectOption({ label: countyName });
  await page.getByTestId('quota-year').fill('2026');
  await page.getByTestId('draw-quota').getByRole('button').click();
  await page.getByTestId('quota-row').first().waitFor();
  assert.equal(await page.getByTestId('quota-row').count(), 2, 'the two demo officers of the county');
  assert.match(await page.getByTestId('quota-level').innerText(), /10/);
  const drawn = await page.getByTestId('quota-row').evaluateAll((rows) => rows.map((r) => Number(r.querySelectorAll('td')[1]!.textContent)));
  assert.ok(general >= 2, `${general} general units drawn`);
  assert.equal(drawn.reduce((a, b) => a + b, 0), 2 * general, 'two officers for each general unit drawn');
  await page.screenshot({ path: join(ARTIFACTS, 'draw-quota.png'), fullPage: true });
  await context.close();
});

void test('the dispatcher lists a unit and declares a conflict by picking the unit and the officer by name', { skip }, async () => {
  const db = rig.database.db;
  const unit = await db.selectFrom('enterprises').select(['id', 'name', 'uscc']).where('name', '=', '配额测试1有限公司').executeTakeFirstOrThrow();
  const other = await db.selectFrom('enterprises').select(['id', 'name']).where('name', '=', '配额测试2有限公司').executeTakeFirstOrThrow();
  const officer = await db.selectFrom('users').select(['id', 'display_name', 'certificate_no']).where('username', '=', 'officer2').executeTakeFirstOrThrow();
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await login(page, rig.base, 'dispatcher');
  await page.getByTestId('nav-draws').click();

  // The positive list: no id field; the unit is found by part of its name and shown by name once chosen.
  const positive = page.getByTestId('positive-form');
  await positive.waitFor();
  assert.equal(await positive.locator('input[inputmode="numeric"]').count(), 0);
  await positive.getByTestId('positive-enterprise-search').fill('配额测试');
  await positive.getByRole('option', { name: unit.name }).click();
  assert.equal(await positive.getByTestId('positive-enterprise-chosen').textContent(), unit.name);
  await positive.getByTestId('positive-reason').fill('连续三年无违法记录');
  await positive.getByRole('button', { name: '纳入正面清单' }).click();
  await page.getByTestId('positive-list').getByText(`${unit.name}（${unit.uscc}）`).waitFor();
  const listed = await db.selectFrom('positive_list').select(['enterprise_id', 'reason']).where('removed_at', 'is', null).execute();
  assert.deepEqual(listed.map((l) => [Number(l.enterprise_id), l.reason]), [[Number(unit.id), '连续三年无违法记录']]);

  // The conflict: the officer by name with the 执法证号, the unit by name.
  const conflict = page.getByTestId('conflict-form');
  const label = `${officer.display_name}（执法证号 ${officer.certificate_no}）`;
  await conflict.locator(`[data-testid="conflict-officer"] option:text-is("${label}")`).waitFor({ state: 'attached' });
  await conflict.getByTestId('conflict-officer').selectOption({ label });
  await conflict.getByTestId('conflict-enterprise-search').fill('配额测试2');
  await conflict.getByRole('option', { name: other.name }).click();
  await conflict.getByTestId('conflict-reason').fill('近亲属在该单位任职');
  await conflict.getByRole('button', { name: '登记回避' }).click();
  await page.getByTestId('officer-conflicts').getByText(`${officer.display_name} ↔ ${other.name}`).waitFor();
  const declared = await db.selectFrom('officer_conflicts').select(['officer_id', 'enterprise_id', 'reason']).execute();
  assert.deepEqual(declared.map((c) => [Number(c.officer_id), Number(c.enterprise_id), c.reason]), [[Number(officer.id), Number(other.id), '近亲属在该单位任职']]);
  await page.screenshot({ path: join(ARTIFACTS, 'draw-lists.png'), fullPage: true });
  await context.close();
});
