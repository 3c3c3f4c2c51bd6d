// The exemption and the criminal-threshold check of a case with their forms in Debian's chromium (issue 14
// item 2), clicks only, no JSON: the case comes from a task with a cadmium exceedance warning whose peak is
// 0.45 mg/m3 against a limit of 0.1 — 4.5 times the limit (C ÷ L), an exceedance multiple (C − L) ÷ L of 3.5.
// The officer records the exemption by picking its ground by name (the form refuses in Chinese a ground the
// facts do not give), then checks the criminal thresholds: the cadmium sample is filled from the warning with
// its origin and its multiple against the 3× line; a changed measurement needs a reason; evidence that meets
// no threshold is refused; the hazardous waste added meets one. The case page then says in Chinese what was
// recorded, each with its article by official title, and the events keep the input with the reasons.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { applyAction, openCase, type CaseContext } from '../../server/src/enforcement/cases/cases.ts';
import type { Role } from '../../server/src/access/model.ts';
import { ARTIFACTS, browserSkip as skip, login, startConsoleRig, type ConsoleRig } from './console-rig.ts';

const DAY = 86_400_000;
const JI23 = '《最高人民法院 最高人民检察院关于办理环境污染刑事案件适用法律若干问题的解释》第一条';
let rig: ConsoleRig;
let caseId: number;
let warningId: number;

async function ctx(database: Database, username: string, role: Role, at: number): Promise<CaseContext> {
  const u = await database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return { userId: Number(u.id), role, actor: { kind: 'user', id: Number(u.id), name: username }, ip: null, at };
}

async function seed(database: Database): Promise<void> {
  const db = database.db;
  const now = Date.now();
  const point = await db.selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
    .select(['p.id as pointId', 'e.id as enterpriseId', 'e.region_code']).where('o.kind', '=', 'air').orderBy('e.id').orderBy('p.id').executeTakeFirstOrThrow();
  const enterpriseId = Number(point.enterpriseId);
  const actAt = now - 2 * DAY;
  const w = await db.insertInto('warnings').values({
    point_id: Number(point.pointId), enterprise_id: enterpriseId, region_code: point.region_code, kind: 'exceedance', factor: 'a20025', severity: 'high', status: 'dispatched',
    period_from: actAt, period_to: actAt + 2 * 3_600_000, message: 'a20025 over its hourly limit 0.1 mg/m3 for 2 hour(s)',
    evidence: JSON.stringify({ times: [actAt, actAt + 3_600_000], values: [0.3, 0.45], params: {}, rule: { limit: 0.1, unit: 'mg/m3', basis: 'hourly', source: 'permit E2E' } }),
    created_at: actAt, updated_at: actAt, decided_by: null, decision_reason: null, answer: null, answered_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  warningId = Number(w.id);
  const task = await db.insertInto('tasks').values({
    source_kind: 'warning', source_id: warningId, region_code: point.region_code, requesting_region_code: null, enterprise_id: enterpriseId, team_id: null, title: '镉超标 现场检查', note: null, status: 'in_progress', priority: 'urgent',
    due_at: now + 10 * DAY, escalated_at: null, created_at: now - DAY, created_by: 1, updated_at: now, started_at: now, done_at: null, outcome: null, cancelled_at: null, cancel_reason: null,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('task_warnings').values({ task_id: Number(task.id), warning_id: warningId }).execute();
  const c = await openCase(db, { enterpriseId, matterCode: 'AIR-99-2', taskId: Number(task.id), discoveredAt: now - DAY }, await ctx(database, 'officer', 'officer', now - DAY));
  caseId = c.id;
  const filed = await applyAction(db, null, caseId, { action: 'file', input: {}, version: c.version }, await ctx(database, 'head', 'head', now));
  const officers = (await db.selectFrom('users').select('id').where('username', 'in', ['officer', 'officer2']).orderBy('id').execute()).map((u) => Number(u.id));
  await applyAction(db, null, caseId, { action: 'start_investigation', input: { officers }, version: filed.row.version }, await ctx(database, 'officer', 'officer', now));
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'case-actions-e2e', prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

void test('the officer records an exemption and flags a criminal transfer with forms filled from the record; the case says both in Chinese', { skip, timeout: 180_000 }, async () => {
  const db = rig.database.db;
  const context = await rig.browser.newContext({ viewport: { width: 1400, height: 1400 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`# page error: ${e.message}`));
  const events = async (): Promise<string[]> => (await db.selectFrom('case_events').select('action').where('case_id', '=', caseId).orderBy('seq').execute()).map((e) => e.action);
  await login(page, rig.base, 'officer');
  await page.goto(`${rig.base}/#/cases/${caseId}`);

  // 1. The exemption: the ground by name with its article; the facts filled from the record with their origin.
  await page.getByTestId('case-action-record_exemption').click();
  const ex = page.getByTestId('action-form-record_exemption');
  await ex.getByTestId('exemption-ground').waitFor();
  assert.equal(await ex.locator('textarea').count(), 0, 'no JSON to type');
  const discovered = await db.selectFrom('cases').select('discovered_at').where('id', '=', caseId).executeTakeFirstOrThrow();
  const discoveredOn = new Date(Number(discovered.discovered_at) + 8 * 3_600_000).toISOString().slice(0, 10);
  assert.equal(await ex.getByTestId('exemption-discoveredOn').inputValue(), discoveredOn);
  assert.equal(await ex.getByTestId('prefill-origin-discoveredOn').textContent(), `来自本案记录：发现日期 ${discoveredOn}`);
  // The list's ground shows the warning's pollutant with (C − L) ÷ L = 3.5, never 4.5, and its class.
  await ex.getByTestId('exemption-ground').selectOption({ label: '列入轻微违法行为目录：一年内首次、仅一项B类污染物超标不足0.1倍，并及时改正' });
  assert.equal(await ex.getByTestId('exemption-exceedance-0-multiple').inputValue(), '3.5');
  assert.match((await ex.getByTestId('prefill-origin-exceedance-0-multiple').textContent()) ?? '', new RegExp(`^来自预警 #${warningId}：镉及其化合物 最高超标倍数 3\\.5.*\\(0\\.45 − 0\\.1\\) ÷ 0\\.1 = 3\\.5`));
  assert.equal(await ex.getByTestId('exemption-exceedance-0-class').locator('option:checked').textContent(), 'A类污染物');
  assert.equal(await ex.getByTestId('exemption-exceedance-firstInPastYear').locator('option:checked').textContent(), '是');
  assert.equal(await ex.getByTestId('exemption-basis').textContent(), '依据：《广东省生态环境不予行政处罚的轻微违法行为目录》');
  // No fault: on the facts as filled the ground does not apply, and the form says so before sending.
  await ex.getByTestId('exemption-ground').selectOption({ label: '当事人有证据足以证明没有主观过错' });
  assert.equal(await ex.getByTestId('exemption-basis').textContent(), '依据：《中华人民共和国行政处罚法》第三十三条第二款');
  assert.equal(await ex.getByTestId('exemption-result').textContent(), '按所填事实审查：不符合任何不予处罚情形，应依法处罚');
  const before = await events();
  await ex.getByTestId('action-submit').click();
  assert.equal(await ex.getByTestId('action-error').textContent(), '按所填事实不符合任何不予处罚情形，不能认定。');
  assert.deepEqual(await events(), before, 'nothing sent');
  await ex.getByTestId('exemption-noFaultProven').selectOption({ label: '是' });
  assert.equal(await ex.getByTestId('exemption-result').textContent(), '按所填事实审查：当事人有证据足以证明没有主观过错');
  await page.screenshot({ path: join(ARTIFACTS, 'case-actions-exemption.png'), fullPage: true });
  await ex.getByTestId('action-submit').click();
  await ex.waitFor({ state: 'detached' });
  await page.getByTestId('case-exemption').waitFor();
  assert.equal(await page.getByTestId('case-exemption').locator('p').textContent(), '已认定：当事人有证据足以证明没有主观过错（《中华人民共和国行政处罚法》第三十三条第二款）');

  // 2. The criminal thresholds: the cadmium sample from the warning, 3.5× over against the 3× line.
  await page.getByTestId('case-action-flag_criminal').click();
  const cr = page.getByTestId('action-form-flag_criminal');
  await cr.getByTestId('criminal-metals-0-value').waitFor();
  assert.equal(await cr.locator('textarea').count(), 0, 'no JSON to type');
  assert.ok(await cr.getByTestId('criminal-ground-metals').isChecked());
  assert.equal(await cr.getByTestId('criminal-metals-0-metal').locator('option:checked').textContent(), '镉');
  assert.equal(await cr.getByTestId('criminal-metals-0-value').inputValue(), '0.45');
  assert.equal(await cr.getByTestId('criminal-metals-0-limit').inputValue(), '0.1');
  assert.equal(await cr.getByTestId('criminal-metals-0-ref').inputValue(), `预警 #${warningId}`);
  assert.match((await cr.getByTestId('prefill-origin-metals-0-value').textContent()) ?? '', new RegExp(`^来自预警 #${warningId}：镉及其化合物`));
  assert.equal(await cr.getByTestId('criminal-sample-0-multiple').textContent(), '超标倍数 (0.45 − 0.1) ÷ 0.1 = 3.5，标准为 3 倍以上：达到');
  assert.equal(await cr.getByTestId('criminal-result-flag').textContent(), `镉 实测 0.45，限值 0.1，超标 3.5 倍（三倍以上）（${JI23}）`);
  // The laboratory's retest is lower: 0.38 is 3.8 times the limit but 2.8× over it, under the line.
  await cr.getByTestId('criminal-metals-0-value').fill('0.38');
  assert.equal(await cr.getByTestId('criminal-sample-0-multiple').textContent(), '超标倍数 (0.38 − 0.1) ÷ 0.1 = 2.8，标准为 3 倍以上：未达到');
  await cr.getByTestId('criminal-result-none').waitFor();
  await cr.getByTestId('action-submit').click();
  assert.equal(await cr.getByTestId('action-error').textContent(), '“样品 1 实测浓度”已改动预填值，请填写修改理由。');
  await cr.getByTestId('prefill-reason-metals-0-value').fill('以实验室复测报告为准');
  await cr.getByTestId('action-submit').click();
  assert.equal(await cr.getByTestId('action-error').textContent(), '所填证据未达到任何移送标准，不能标记涉嫌犯罪。');
  assert.deepEqual(await events(), [...before, 'record_exemption'], 'nothing sent');
  // The second sample of the retest, and the hazardous waste found on site.
  await cr.getByTestId('criminal-metals-0-value').fill('0.42');
  await cr.getByTestId('criminal-ground-hazardousWaste').check();
  await cr.getByTestId('criminal-hazardousWaste-tonnes').fill('5');
  await cr.getByTestId('criminal-hazardousWaste-ref').fill('现场称重记录');
  await cr.locator('[data-testid="criminal-result-flag"][data-flag="hazardous_waste"]').waitFor();
  assert.deepEqual(await cr.getByTestId('criminal-result-flag').allTextContents(), [
    `镉 实测 0.42，限值 0.1，超标 3.2 倍（三倍以上）（${JI23}）`, `非法处置危险废物 5 吨（三吨以上）（${JI23}）`,
  ]);
  await page.screenshot({ path: join(ARTIFACTS, 'case-actions-criminal.png'), fullPage: true });
  await cr.getByTestId('action-submit').click();
  await cr.waitFor({ state: 'detached' });
  await page.getByTestId('case-flags').waitFor();

  // 3. The case says what was recorded, in Chinese, each with its article by official title.
  const flags = await page.getByTestId('case-flag').allTextContents();
  assert.deepEqual(flags, [
    `镉 实测 0.42，限值 0.1，超标 3.2 倍（三倍以上）（${JI23}） 证据：预警 #${warningId}`, `非法处置危险废物 5 吨（三吨以上）（${JI23}） 证据：现场称重记录`,
  ]);
  for (const text of [...flags, (await page.getByTestId('case-exemption').textContent()) ?? '']) assert.doesNotMatch(text, /[A-Za-z]/, text);
  await page.screenshot({ path: join(ARTIFACTS, 'case-actions-recorded.png'), fullPage: true });

  // The events keep what the forms sent: the gates, the evidence and the changed value's reason.
  assert.deepEqual(await events(), [...before, 'record_exemption', 'flag_criminal']);
  const stored = await db.selectFrom('case_events').select(['action', 'input']).where('case_id', '=', caseId).where('action', 'in', ['record_exemption', 'flag_criminal']).orderBy('seq').execute();
  const exemption = JSON.parse(stored[0]!.input) as { facts: { noFaultProven: boolean; discoveredOn: string; exceedance: { pollutants: Array<{ multiple: number; pollutantClass: string }> } }; gates: { outcome: string } };
  assert.equal(exemption.facts.noFaultProven, true);
  assert.equal(exemption.facts.discoveredOn, discoveredOn);
  assert.deepEqual(exemption.facts.exceedance.pollutants.map((p) => [p.pollutantClass, p.multiple]), [['A', 3.5]]);
  assert.equal(exemption.gates.outcome, 'no_penalty');
  const flagged = JSON.parse(stored[1]!.input) as { evidence: { metals: unknown[]; hazardousWaste: unknown }; flags: Array<{ id: string }>; provenance: Array<{ field: string; value: string; suggested: string; reason?: string }> };
  assert.deepEqual(flagged.evidence.metals, [{ metal: 'Cd', value: 0.42, limit: 0.1, ref: `预警 #${warningId}` }]);
  assert.deepEqual(flagged.evidence.hazardousWaste, { tonnes: 5, ref: '现场称重记录' });
  assert.deepEqual(flagged.flags.map((f) => f.id), ['heavy_metal_3x', 'hazardous_waste']);
  const changed = flagged.provenance.find((p) => p.field === 'metals.0.value');
  assert.deepEqual([changed?.value, changed?.suggested, changed?.reason], ['0.42', '0.45', '以实验室复测报告为准']);
  const record = JSON.parse((await db.selectFrom('cases').select('record').where('id', '=', caseId).executeTakeFirstOrThrow()).record) as { exemption: unknown; criminalFlags: string[] };
  assert.deepEqual(record.exemption, { gate: 'no_fault', article: 'APL 33 ¶2' });
  assert.deepEqual(record.criminalFlags, ['heavy_metal_3x', 'hazardous_waste']);
  await context.close();
});
