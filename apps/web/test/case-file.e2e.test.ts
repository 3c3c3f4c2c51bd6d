// The case file in the console (issue 14 §10): an officer opens a case from the task of a finished inspection
// and finds the matter it found and the task's officers pre-filled with their origin; the case page then shows
// the party, the matter by name, the 案由 and 违法事实 entered, and its dossier link gives the 卷宗 PDF.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { pdfText } from '../../server/test/pdf-text.ts';
import { browserSkip as skip, login, startConsoleRig, type ConsoleRig } from './console-rig.ts';

let rig: ConsoleRig;
let taskId: number;

/** A task whose inspection finished with one violation (AIR-100) found by both officers. */
async function seed(database: Database): Promise<void> {
  const db = database.db;
  const e = await db.selectFrom('enterprises').select(['id', 'region_code']).orderBy('id').executeTakeFirstOrThrow();
  const now = Date.now() - 3_600_000;
  const row = await db.insertInto('tasks').values({
    source_kind: 'joint', source_id: null, region_code: e.region_code, requesting_region_code: null, enterprise_id: e.id, team_id: null, title: '现场检查 卷宗 e2e', note: null, status: 'done', priority: 'normal',
    due_at: now + 10 * 86_400_000, escalated_at: null, created_at: now, created_by: 1, updated_at: now, started_at: now, done_at: now + 1800_000, outcome: '现场检查 2 项：合规 1，违法 1', cancelled_at: null, cancel_reason: null,
  }).returning('id').executeTakeFirstOrThrow();
  taskId = Number(row.id);
  const officers = (await db.selectFrom('users').select('id').where('username', 'in', ['officer', 'officer2']).orderBy('id').execute()).map((o) => Number(o.id));
  await db.insertInto('task_assignments').values(officers.map((id) => ({ task_id: taskId, user_id: id, assigned_at: now, assigned_by: 1, released_at: null }))).execute();
  const ins = await db.insertInto('inspections').values({
    uuid: randomUUID(), task_id: taskId, checklist_hash: '0'.repeat(64), started_at: now, finished_at: now + 1800_000, officer_ids: JSON.stringify(officers), gps_status: 'ok', lat: 23.129, lon: 113.264, accuracy_m: 10,
    device_time: now, received_at: now, outcome: '现场检查 2 项：合规 1，违法 1', record: '信息公开栏未张贴排污信息。', created_by: officers[0]!, version: 2,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('inspection_items').values([
    { inspection_id: ins.id, item_key: 'tpl:general:ledger', result: 'compliant', note: null, matter_code: null, version: 1, updated_at: now, updated_by: officers[0]! },
    { inspection_id: ins.id, item_key: 'tpl:general:disclosure', result: 'violation', note: '未公开排污信息', matter_code: 'AIR-100', version: 1, updated_at: now, updated_by: officers[0]! },
  ]).execute();
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'case-file-e2e', prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

void test('an officer opens a case from a finished inspection\'s task: matter and officers pre-filled with their origin; the case shows 案由 and 违法事实; the dossier is a PDF', { skip, timeout: 120_000 }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const officer = await context.newPage();
  officer.on('pageerror', (e) => console.log(`# page error: ${e.message}`));
  await login(officer, rig.base, 'officer');
  await officer.goto(`${rig.base}/#/dispatch/${taskId}`);
  await officer.getByTestId('task-panel').waitFor();
  await officer.getByTestId('task-open-case').locator('summary').click();
  const form = officer.getByTestId('open-case-form');
  await form.getByTestId('open-case-matter-origin').waitFor();
  assert.equal(await form.getByTestId('open-case-matter').inputValue(), 'AIR-100');
  assert.match((await form.getByTestId('open-case-matter-origin').textContent()) ?? '', /^来源：现场检查判定违法：/);
  const officersText = (await form.getByTestId('open-case-officers').textContent()) ?? '';
  for (const want of ['执法人员', '执法人员二', `任务${taskId}指派的执法人员，参加了现场检查`]) assert.ok(officersText.includes(want), `${want} in ${officersText}`);
  const cause = await form.getByTestId('open-case-cause').inputValue();
  assert.match(cause, /案$/);
  assert.match(await form.getByTestId('open-case-facts').inputValue(), /未公开排污信息/);
  assert.match((await form.getByTestId('open-case-facts-origin').textContent()) ?? '', /现场检查记录的1个违法项/);
  // Editable: the officer words the facts their own way; the origin says it was changed.
  const facts = '经现场检查，你单位未按规定公开排污信息。';
  await form.getByTestId('open-case-facts').fill(facts);
  assert.match((await form.getByTestId('open-case-facts-origin').textContent()) ?? '', /^来源：已修改/);
  await form.getByTestId('open-case-submit').click();
  await officer.getByTestId('case-number').waitFor();
  const caseId = Number(/#\/cases\/(\d+)/.exec(officer.url())?.[1]);

  // The case page shows what was entered.
  assert.equal(await officer.getByTestId('case-cause').textContent(), cause);
  assert.equal(await officer.getByTestId('case-facts').textContent(), facts);
  assert.equal(await officer.getByTestId('case-source').textContent(), '现场检查');
  assert.match((await officer.getByTestId('case-proposed-officers').textContent()) ?? '', /执法人员、执法人员二|执法人员二、执法人员/);
  const matterName = (await officer.getByTestId('case-matter-name').textContent()) ?? '';
  assert.ok(matterName.length > 2 && !/AIR/.test(matterName), matterName);
  const stored = JSON.parse((await rig.database.db.selectFrom('cases').select('details').where('id', '=', caseId).executeTakeFirstOrThrow()).details) as { facts: string; proposedOfficers: number[] };
  assert.equal(stored.facts, facts);
  assert.equal(stored.proposedOfficers.length, 2);

  // The dossier link gives the case file as a PDF (fetched with the page's session).
  const href = await officer.getByTestId('case-dossier').getAttribute('href');
  const res = await context.request.get(`${rig.base}${href}`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'] ?? '', /application\/pdf/);
  const text = (await pdfText(await res.body())).replace(/\s+/g, '');
  for (const want of ['行政处罚案卷', '卷内目录', '证据目录', '现场检查笔录', cause]) assert.ok(text.includes(want), `dossier: ${want}`);
  await context.close();
});
