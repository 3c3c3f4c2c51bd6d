// One clock in the console: the platform's, not the browser's. The rig runs a simulated clock like the demo's
// (mid-March 2026, sixty times faster than the wall clock); form defaults and "last month" follow it, and the
// audit trail's rows — a login included — carry platform times in the order they happened.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { beijing } from '@ecoenforce/domain';
import { browserSkip as skip, login, startConsoleRig, type ConsoleRig } from './console-rig.ts';

const SPEED = 60;
const START = beijing('2026-03-15T10:00');
const wallStart = Date.now();
const platformNow = (): number => START + (Date.now() - wallStart) * SPEED;
let rig: ConsoleRig;

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'platform-clock', now: platformNow, clockRate: SPEED });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

void test('form defaults, the monthly notice\'s month and the audit trail follow the platform clock', { skip }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const loggedIn = platformNow();
  await login(page, rig.base, 'analyst');

  // A 12369 tip's receive time defaults to the platform's now: 15 March 2026 (simulated), not today's date.
  await page.goto(`${rig.base}/#/dispatch`);
  const received = page.locator('#tip-received');
  await received.waitFor();
  const value = await received.inputValue();
  assert.match(value, /^2026-03-15T1\d:\d\d$/, `the tip form says ${value}`);
  const shown = new Date(`${value}:00+08:00`).getTime();
  assert.ok(Math.abs(shown - platformNow()) < 3 * 3_600_000, `within the simulated hours since the page opened (${value})`);

  // The monthly notification opens on the last full month of the platform: February 2026.
  await page.goto(`${rig.base}/#/monthly`);
  await page.getByTestId('monthly-table').waitFor();
  assert.equal(await page.getByTestId('monthly-month').inputValue(), '2026-02');

  // The login's audit row is on the platform clock, between the test's own platform readings.
  const row = await rig.database.db.selectFrom('audit_log').select(['seq', 'at', 'action']).where('action', '=', 'login').orderBy('seq', 'desc').executeTakeFirstOrThrow();
  assert.ok(Number(row.at) >= loggedIn && Number(row.at) <= platformNow(), `login audited at ${new Date(Number(row.at)).toISOString()}`);
  // A tip saved from the form: its audit row follows the login's in time as in sequence.
  await page.goto(`${rig.base}/#/dispatch`);
  await page.getByTestId('tip-content').fill('群众来电反映夜间有刺鼻气味');
  await page.getByTestId('tip-region').selectOption({ index: 1 });
  await page.getByTestId('tip-save').click();
  await page.locator('tr[data-testid^="tip-"]').filter({ hasText: '群众来电反映夜间有刺鼻气味' }).waitFor();
  const ats = (await rig.database.db.selectFrom('audit_log').select('at').where('seq', '>=', row.seq).orderBy('seq').execute()).map((r) => Number(r.at));
  assert.ok(ats.length >= 2, 'the tip was audited');
  assert.deepEqual(ats, [...ats].sort((a, b) => a - b));
  await context.close();
});
