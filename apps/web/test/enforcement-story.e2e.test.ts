// Issue 5 §11: one enforcement story on the demo province, end to end in Debian's chromium against the real
// server. An hour of SO2 minute readings at 2.5× the permit limit, stored for the `company` login's air
// point and closed by the server's own compliance runner, becomes an exceedance warning; the analyst confirms
// it, the dispatcher makes it a task for two officers; an officer inspects on a phone, offline, with a photo
// and a violation under AIR 99(2), then syncs; a case is opened from the task and driven to a decision with
// the worked discretion (230,000 yuan); the decision PDF names the party and the amount; the enterprise
// uploads its rectification proof; an officer records the re-inspection corrected; the head closes the case;
// the statistics page's figures move.
//
// Browser steps: confirm, create task, assign, inspection, filing, start of investigation, discretion,
// decision, proof upload, re-inspection, closing, statistics. API steps, in the users' own sessions, to keep
// the story short (each has its console form; case-console.e2e drives opening from the task and the order to
// correct): opening, order to correct, advance notice, hearing waived, submission for review, legal review,
// service, payment.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createFrameSink } from '../../server/src/monitoring/repositories/frame-sink.ts';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-users.ts';
import { pdfText } from '../../server/test/pdf-text.ts';
import { acceptedFrame, factor } from '../../server/test/store-fixtures.ts';
import { WORKED_FINE } from '../../server/test/case-fixtures.ts';
import { beijingInput } from '../src/components/format.ts';
import { png } from './png.ts';
import { ARTIFACTS, browserSkip as skip, login as rigLogin, startConsoleRig, type ConsoleRig } from './console-rig.ts';
import type { CaseDetail } from '@ecoenforce/contract';

const HOUR = 3600_000;
const POSITION = { latitude: 23.0794, longitude: 114.4126, accuracy: 12 };
const PROOF = Buffer.from('脱硫设施检修完成，整改照片（e2e）');

/**
 * The platform clock: the real one plus a shift the story moves forward between procedural acts (as the
 * HTTP case test does with its fake clock), so that each act happens after the one before.
 */
let shift = 0;
const platformNow = (): number => Date.now() + shift;
let rig: ConsoleRig;


/** A user's API session over HTTP (cookie + CSRF token), as the console holds it. */
interface Session { cookie: string; csrf: string }

async function apiLogin(username: string): Promise<Session> {
  const res = await fetch(`${rig.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  assert.equal(res.status, 200, `login ${username}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('ee_session='));
  assert.ok(cookie !== undefined, 'a session cookie');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function api<T>(s: Session, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { cookie: s.cookie };
  if (method !== 'GET') headers['x-csrf-token'] = s.csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${rig.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text.slice(0, 600)}`);
  return JSON.parse(text) as T;
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'enforcement-story', now: platformNow });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

/** A fresh desktop (or phone) browser session of a demo user. */
async function session(username: string, phone = false): Promise<Page> {
  const context = await rig.browser.newContext(phone
    ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, geolocation: POSITION, permissions: ['geolocation'], serviceWorkers: 'allow' }
    : { viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`# page error (${username}): ${e.message}`));
  await rigLogin(page, rig.base, username);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `story-${name}.png`), fullPage: true });

/** The total row of the statistics table, measure → the text shown. */
async function statsFigures(page: Page): Promise<Record<string, string>> {
  await page.getByTestId('stats-table').waitFor();
  const out: Record<string, string> = { headline: (await page.getByTestId('stats-headline-fines').textContent()) ?? '' };
  for (const m of ['opened', 'decided', 'fined', 'fineAmount', 'rectOrdered', 'rectClosed']) {
    out[m] = ((await page.locator(`[data-testid="stats-row"][data-key="total"] td[data-measure="${m}"]`).textContent()) ?? '').trim();
  }
  return out;
}

void test('an exceedance becomes a confirmed warning, a task, an offline inspection, a decided case, a corrected order and a closed case; the statistics move', { skip, timeout: 300_000 }, async () => {
  const db = rig.database.db;
  const company = await db.selectFrom('users').select('enterprise_id').where('username', '=', 'company').executeTakeFirstOrThrow();
  const enterpriseId = Number(company.enterprise_id);
  const party = await db.selectFrom('enterprises').select('name').where('id', '=', enterpriseId).executeTakeFirstOrThrow();
  const officerIds = (await db.selectFrom('users').select('id').where('username', 'in', ['officer', 'officer2']).orderBy('id').execute()).map((u) => Number(u.id));
  // The enterprise's air outlet, its SO2 hourly limit and the reference O2 of that limit (from the permit).
  const point = await db.selectFrom('monitoring_points').innerJoin('outlets', 'outlets.id', 'monitoring_points.outlet_id')
    .innerJoin('permit_limits', 'permit_limits.outlet_id', 'outlets.id')
    .select(['monitoring_points.id as id', 'monitoring_points.mn as mn', 'permit_limits.limit_value as limit', 'permit_limits.reference_o2 as o2'])
    .where('outlets.enterprise_id', '=', enterpriseId).where('permit_limits.factor', '=', 'a21026').where('permit_limits.basis', '=', 'hourly')
    .orderBy('monitoring_points.id').executeTakeFirstOrThrow();
  const pointId = Number(point.id);
  const limit = Number(point.limit);

  // Statistics before the story.
  const head = await session('head');
  await head.getByTestId('nav-stats').click();
  const before = await statsFigures(head);
  const headApi = await apiLogin('head');
  type Stats = { total: { cells: Record<string, { value: number | null }> } };
  const statsBefore = await api<Stats>(headApi, 'GET', '/api/stats/enforcement');

  console.log('story step 1');
  // 1. The exceedance: an hour of minute frames at 2.5× the limit, measured at the limit's reference O2
  // (so the converted value equals the measured one), stored as the gateway stores them; the server's
  // compliance runner closes the hour once it has ended.
  const hourStart = Math.floor(platformNow() / HOUR) * HOUR - 3 * HOUR;
  const frames = Array.from({ length: 60 }, (_, m) => {
    const t = hourStart + m * 60_000;
    return acceptedFrame(pointId, point.mn, 'min', t, [factor('a21026', 2.5 * limit), factor('a19001', Number(point.o2 ?? 6))], { qn: `story${m}`, receivedAt: t + 20_000 });
  });
  await createFrameSink(rig.database).write(frames, []);
  rig.server.compliance.framesStored(frames);
  await rig.server.compliance.tick();
  const warning = await db.selectFrom('warnings').selectAll().where('point_id', '=', pointId).where('kind', '=', 'exceedance').where('factor', '=', 'a21026').executeTakeFirstOrThrow();
  assert.equal(warning.status, 'new');
  assert.equal(Number(warning.enterprise_id), enterpriseId, 'the warning is the company\'s');
  const warningId = Number(warning.id);

  console.log('story step 2');
  // 2. The analyst confirms it in the browser.
  const analyst = await session('analyst');
  await analyst.goto(`${rig.base}/#/warnings/${warningId}`);
  await analyst.getByTestId('warning-detail').waitFor();
  assert.match((await analyst.getByTestId('warning-detail').textContent()) ?? '', new RegExp(party.name));
  await analyst.getByTestId('warning-reason').fill('二氧化硫小时均值超过许可排放限值2.5倍，予以确认');
  await analyst.getByTestId('warning-confirm').click();
  await analyst.getByTestId('warning-reason').waitFor({ state: 'detached' });
  await shot(analyst, '1-warning-confirmed');
  assert.equal((await db.selectFrom('warnings').select('status').where('id', '=', warningId).executeTakeFirstOrThrow()).status, 'confirmed');

  console.log('story step 3');
  // 3. The dispatcher makes it a task and assigns two officers in the browser.
  const dispatcher = await session('dispatcher');
  await dispatcher.goto(`${rig.base}/#/warnings/${warningId}`);
  await dispatcher.getByTestId('warning-create-task').click();
  await dispatcher.getByTestId('task-panel').waitFor();
  const taskId = Number(/#\/dispatch\/(\d+)/.exec(dispatcher.url())?.[1]);
  assert.ok(taskId > 0, `the task's page: ${dispatcher.url()}`);
  await dispatcher.getByTestId('task-assign').click();
  for (const id of officerIds) await dispatcher.getByTestId(`assign-officer-${id}`).check();
  await dispatcher.getByTestId('assign-save').click();
  await dispatcher.getByTestId('assign-dialog').waitFor({ state: 'detached' });
  await shot(dispatcher, '2-task-assigned');
  const task = await db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
  assert.equal(Number(task.enterprise_id), enterpriseId);
  assert.equal(task.status, 'assigned');
  const assigned = await db.selectFrom('task_assignments').select('user_id').where('task_id', '=', taskId).where('released_at', 'is', null).execute();
  assert.deepEqual(assigned.map((a) => Number(a.user_id)).sort((a, b) => a - b), officerIds);
  assert.equal((await db.selectFrom('warnings').select('status').where('id', '=', warningId).executeTakeFirstOrThrow()).status, 'dispatched');

  console.log('story step 4');
  // 4. The officer inspects on a phone: online to load, then offline — a violation under AIR 99(2) with a
  // photo — a reload with no network, back online, synced.
  const phone = await session('officer', true);
  const phoneContext = phone.context();
  await phone.goto(`${rig.base}/#/inspect/${taskId}`);
  await phone.getByTestId('inspect-page').waitFor();
  await phone.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
  await phoneContext.setOffline(true);
  await phone.getByTestId('online-state').and(phone.locator('[data-online="false"]')).waitFor();
  const item = phone.getByTestId('item-tpl:general:disclosure');
  await item.getByTestId('result-violation').tap();
  await item.getByTestId('matter').selectOption('AIR-99-2');
  await item.getByTestId('item-state').filter({ hasText: /待同步|Pending/ }).waitFor();
  const photo = png();
  await item.getByTestId('photo').setInputFiles({ name: 'stack.png', mimeType: 'image/png', buffer: photo });
  await item.getByTestId('evidence').waitFor();
  await shot(phone, '3-inspection-offline');
  const reloaded = await phone.reload();
  assert.ok(reloaded?.fromServiceWorker(), 'the offline reload was answered by the service worker');
  await phone.getByTestId('inspect-page').waitFor();
  assert.equal(await phone.getByTestId('item-tpl:general:disclosure').getByTestId('matter').inputValue(), 'AIR-99-2');
  assert.equal((await db.selectFrom('inspections').select('id').where('task_id', '=', taskId).execute()).length, 0, 'nothing reached the server while offline');
  await phoneContext.setOffline(false);
  await phone.getByTestId('sync-now').tap();
  await phone.getByTestId('count-pending').filter({ hasText: /^0$/ }).waitFor({ timeout: 20_000 });
  await shot(phone, '4-inspection-synced');
  const inspection = await db.selectFrom('inspections').selectAll().where('task_id', '=', taskId).executeTakeFirstOrThrow();
  const violation = await db.selectFrom('inspection_items').select(['result', 'matter_code']).where('inspection_id', '=', inspection.id).where('item_key', '=', 'tpl:general:disclosure').executeTakeFirstOrThrow();
  assert.deepEqual([violation.result, violation.matter_code], ['violation', 'AIR-99-2']);
  const evidence = await db.selectFrom('inspection_evidence').select('sha256').where('inspection_id', '=', inspection.id).execute();
  assert.deepEqual(evidence.map((e) => e.sha256), [createHash('sha256').update(photo).digest('hex')]);
  await phoneContext.close();

  console.log('story step 5');
  // 5. The case, opened from the task by the officer (API here; the task panel's form in case-console.e2e), and driven to the decision.
  const officerApi = await apiLogin('officer');
  const legalApi = await apiLogin('legal');
  shift += HOUR;
  let c = await api<CaseDetail>(officerApi, 'POST', '/api/cases', {
    enterpriseId, matterCode: 'AIR-99-2', taskId, discoveredAt: Number(inspection.started_at),
    details: { cause: '超标排放大气污染物案', facts: '你单位1号锅炉烟囱二氧化硫小时浓度超过排放标准2.5倍。', evidence: [{ name: '自动监控数据', detail: `预警 #${warningId}` }, { name: '现场检查笔录', detail: `任务 #${taskId}` }] },
  });
  assert.equal(c.state, 'discovered');
  const act = async (s: Session, action: string, input: object = {}): Promise<void> => {
    shift += HOUR;
    c = await api<CaseDetail>(s, 'POST', `/api/cases/${c.id}/actions`, { action, input, version: c.version });
  };
  const refresh = async () => {
    c = await api<CaseDetail>(officerApi, 'GET', `/api/cases/${c.id}`);
  };
  /** One act in the browser on the case page: the action's button, its input, apply; waits for the state. */
  const actInBrowser = async (page: Page, action: string, fill: (p: Page) => Promise<void>, state: string): Promise<void> => {
    shift += HOUR;
    // Loaded afresh: the page must hold the version the API acts left.
    await page.goto(`${rig.base}/#/cases/${c.id}`);
    await page.reload();
    await page.getByTestId(`case-action-${action}`).click();
    await page.getByTestId(`action-form-${action}`).waitFor();
    await fill(page);
    await page.getByTestId('action-submit').click();
    // Applied (the form goes) or refused (the domain's reason shows): either ends the wait, the reason fails.
    await page.waitForFunction((a) => document.querySelector(`[data-testid="action-form-${a}"]`) === null || document.querySelector('[data-testid="action-error"]') !== null, action);
    const refused = page.getByTestId('action-error');
    if ((await refused.count()) > 0) assert.fail(`${action} refused: ${await refused.first().textContent()}`);
    await refresh();
    assert.equal(c.state, state, `after ${action}`);
  };
  await actInBrowser(head, 'file', async () => {}, 'filed');
  const officer = await session('officer');
  await actInBrowser(officer, 'start_investigation', async (p) => {
    for (const id of officerIds) await p.getByTestId(`action-user-${id}`).check();
  }, 'investigating');
  await act(officerApi, 'order_correction', { requirement: '立即停止超标排放，完成脱硫设施检修', deadlineDays: 30 });
  // The discretion with the worked example's facts, in the browser: the fine and its explanation show.
  // The worked example's facts (WORKED_FINE) through the discretion form, no JSON; a changed pre-filled value gets its reason.
  await actInBrowser(officer, 'record_discretion', async (p) => {
    await p.getByTestId('fact-pollutantCount').fill(String(WORKED_FINE.facts.pollutantCount.value));
    await p.getByTestId('fact-pollutantKind').selectOption('bClass');
    await p.getByTestId('fact-exceedanceMultiple').fill(String(WORKED_FINE.facts.exceedanceMultiple.value));
    await p.getByTestId('fact-repeats').fill('1');
    await p.getByTestId('fact-area').selectOption('');
    await p.getByTestId('fact-period').selectOption('');
    await p.getByTestId('fine-gate-firstViolation').selectOption('yes');
    for (const reason of await p.locator('[data-testid^="fine-reason-"]').all()) await reason.fill('按现场调查核定');
    await p.locator('[data-testid="fine-live-amount"][data-amount="230000"]').waitFor();
  }, 'investigating');
  assert.equal(c.amount, 230_000);
  await officer.getByTestId('case-fine-amount').filter({ hasText: '罚款：230000 元' }).waitFor();
  assert.equal(await officer.getByTestId('case-fine-factor').count(), 6);
  await shot(officer, '5-case-discretion');
  await act(officerApi, 'issue_advance_notice');
  await act(officerApi, 'waive_hearing');
  await act(officerApi, 'submit_for_review');
  await act(legalApi, 'complete_legal_review');
  await actInBrowser(head, 'decide', async () => {}, 'decided');
  await head.getByTestId('case-document').last().waitFor();
  await shot(head, '6-case-decided');

  console.log('story step 6');
  // 6. The decision PDF names the party and the amount.
  const decision = c.documents.find((d) => d.kind === 'penalty_decision');
  assert.ok(decision !== undefined, 'a penalty decision document');
  const pdf = await fetch(`${rig.base}/api/cases/${c.id}/documents/${decision.id}`, { headers: { cookie: officerApi.cookie } });
  assert.equal(pdf.status, 200);
  const bytes = new Uint8Array(await pdf.arrayBuffer());
  assert.equal(createHash('sha256').update(bytes).digest('hex'), decision.sha256);
  const text = (await pdfText(bytes)).replace(/\s+/g, '');
  assert.ok(text.includes(party.name), 'the decision names the party');
  assert.ok(text.includes('230,000'), 'the amount in figures');
  assert.ok(text.includes('贰拾叁万元整'), 'the amount in capitals');
  await act(officerApi, 'serve');
  await act(officerApi, 'record_payment', { amount: 230_000 });

  console.log('story step 7');
  // 7. The enterprise uploads its rectification proof from its own login.
  const order = await db.selectFrom('rectifications').select('id').where('case_id', '=', c.id).executeTakeFirstOrThrow();
  const orderId = Number(order.id);
  const enterprise = await session('company');
  await enterprise.getByTestId('nav-rectifications').click();
  await enterprise.getByTestId('rectification-list').waitFor();
  await enterprise.getByRole('link', { name: String(orderId), exact: true }).click();
  await enterprise.getByTestId('rectification-proof-form').waitFor();
  await enterprise.getByTestId('rectification-proof-files').setInputFiles({ name: 'repair.txt', mimeType: 'text/plain', buffer: PROOF });
  await enterprise.getByText(`${createHash('sha256').update(PROOF).digest('hex').slice(0, 16)}…`).waitFor();
  await enterprise.getByRole('button', { name: '提交整改证明' }).click();
  await enterprise.waitForFunction(`document.querySelector('[data-testid="rectification-status"]')?.textContent === '已提交证明'`);
  await shot(enterprise, '7-rectification-proof');

  console.log('story step 8');
  // 8. An officer records the re-inspection: corrected.
  shift += 2 * HOUR;
  await officer.goto(`${rig.base}/#/rectifications/${orderId}`);
  const form = officer.getByTestId('rectification-outcome-form');
  await form.waitFor();
  await form.locator('input[type="datetime-local"]').fill(beijingInput(platformNow() - HOUR));
  // The two re-inspecting officers are ticked by name; the server stores their ids.
  const officerNames = (await db.selectFrom('users').select('display_name').where('id', 'in', officerIds).orderBy('id').execute()).map((u) => u.display_name);
  for (const name of officerNames) await form.getByTestId('rectification-officers').getByRole('checkbox', { name: new RegExp(`^${name} `) }).check();
  await form.locator('textarea').fill('复查：脱硫设施已修复，二氧化硫排放达标，已改正');
  await form.getByRole('button', { name: '记录复查结果' }).click();
  await officer.waitForFunction(`document.querySelector('[data-testid="rectification-status"]')?.textContent === '已改正'`);
  const reinspected = await db.selectFrom('rectifications').select('reinspection_officers').where('id', '=', orderId).executeTakeFirstOrThrow();
  assert.deepEqual((JSON.parse(reinspected.reinspection_officers ?? '[]') as number[]).sort((x, y) => x - y), officerIds);
  await shot(officer, '8-reinspection-corrected');

  console.log('story step 9');
  // 9. The head closes the case in the browser.
  await actInBrowser(head, 'close', async () => {}, 'closed');
  await shot(head, '9-case-closed');

  console.log('story step 10');
  // 10. The statistics moved.
  await head.goto(`${rig.base}/#/stats`);
  await head.reload();
  const after = await statsFigures(head);
  console.log(`statistics before ${JSON.stringify(before)} after ${JSON.stringify(after)}`);
  await shot(head, '10-stats-after');
  const n = (s: string | undefined) => Number((s ?? '').replace(/[^\d.]/g, ''));
  for (const m of ['opened', 'decided', 'fined', 'rectOrdered', 'rectClosed']) assert.equal(n(after[m]), n(before[m]) + 1, `${m}: ${before[m]} → ${after[m]}`);
  assert.notEqual(after.headline, before.headline, `the headline moved: ${after.headline}`);
  assert.notEqual(after.fineAmount, before.fineAmount);
  const statsAfter = await api<Stats>(headApi, 'GET', '/api/stats/enforcement');
  assert.equal((statsAfter.total.cells.fineAmount?.value ?? 0) - (statsBefore.total.cells.fineAmount?.value ?? 0), 230_000);
});
