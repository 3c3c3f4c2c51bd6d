// The officers' yearly quota of general units [W11] on the draws page, in Debian's chromium against the real
// server: a county draw that sends the demo officers to every unit (two of them general units), then the dispatcher asks for the county's
// quota of 2026 and reads each officer's drawn units against the county bureau's 10.
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
let general = 0;

async function seed(database: Database): Promise<void> {
  const db = database.db;
  const first = await db.selectFrom('enterprises').select('region_code').orderBy('id').executeTakeFirstOrThrow();
  county = first.region_code;
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
  await page.getByTestId('quota-region').fill(county);
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
