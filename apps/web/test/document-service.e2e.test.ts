// Electronic service (电子送达, issue 14 item 11) in Debian's chromium (playwright-core): a case of the demo
// company is walked to its penalty decision through the service (with the real PDF renderer) before the
// server starts. The company user logs in, opens 我的文书 from the navigation, sees the order to correct, the
// advance notice and the decision (never the filing form) with their numbers, not yet opened, downloads the
// decision (a PDF), and the list says when it was opened; the officer's case page then shows beside the
// decision 电子送达：已送达 …，… 已签收查阅（排污单位用户）, and 未查阅 beside the notice. The company then withdraws
// its consent to electronic service and signs a new one on the form.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { applyAction, openCase, type CaseContext } from '../../server/src/enforcement/cases/cases.ts';
import { PdfRenderer } from '../../server/src/platform/pdf/renderer.ts';
import type { Role } from '../../server/src/access/model.ts';
import { WORKED_FINE } from '../../server/test/case-fixtures.ts';
import { ARTIFACTS, browserSkip as skip, login, startConsoleRig, type ConsoleRig } from './console-rig.ts';

let rig: ConsoleRig;
let caseId: number;
let caseNumber: string;

const HOUR = 3600_000;

/** The demo company's case, from opening to the head's penalty decision, each act an hour after the last, ending an hour ago. */
async function seed(database: Database): Promise<void> {
  const db = database.db;
  const company = await db.selectFrom('users').select('enterprise_id').where('username', '=', 'company').executeTakeFirstOrThrow();
  const ids = new Map((await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, Number(u.id)]));
  let at = Date.now() - 12 * HOUR;
  // The company signed its consent to electronic service before the case (its legal representative, in person at the bureau).
  const companyUser = ids.get('company')!;
  await db.insertInto('service_consents').values({ enterprise_id: Number(company.enterprise_id), signed_at: at - HOUR, signed_by: companyUser, signer_name: '张经理', signer_title: '法定代表人', phone: '0752-1234567', email: null, address: '惠州市惠城区测试路1号', withdrawn_at: null, withdrawn_by: null }).execute();
  const ctx = (username: string, role: Role): CaseContext => ({ userId: ids.get(username)!, role, actor: { kind: 'user', id: ids.get(username)!, name: username }, ip: null, at: (at += HOUR) });
  const pdf = new PdfRenderer();
  try {
    const render = (r: Parameters<PdfRenderer['render']>[0]) => pdf.render(r);
    const opened = await openCase(db, { enterpriseId: Number(company.enterprise_id), matterCode: 'AIR-99-2', discoveredAt: at, details: { cause: '超标排放大气污染物案', facts: '你单位1号锅炉烟囱二氧化硫小时浓度超过排放标准。' } }, ctx('officer', 'officer'));
    caseId = opened.id;
    caseNumber = opened.number;
    let version = opened.version;
    const act = async (username: string, role: Role, action: string, input: Record<string, unknown> = {}): Promise<void> => {
      const r = await applyAction(db, render, caseId, { action: action as never, input, version }, ctx(username, role));
      version = r.row.version;
    };
    await act('head', 'head', 'file');
    await act('officer', 'officer', 'start_investigation', { officers: [ids.get('officer'), ids.get('officer2')] });
    await act('officer', 'officer', 'order_correction', { requirement: '立即停止超标排放', deadlineDays: 30 });
    await act('officer', 'officer', 'record_discretion', WORKED_FINE);
    await act('officer', 'officer', 'issue_advance_notice');
    await act('officer', 'officer', 'waive_hearing');
    await act('officer', 'officer', 'submit_for_review');
    await act('legal', 'legalReviewer', 'complete_legal_review');
    await act('head', 'head', 'decide');
  } finally {
    await pdf.close();
  }
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'document-service-e2e', prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

void test('the company downloads the decision served on it; the case page shows it opened', { skip, timeout: 120_000 }, async () => {
  const context = await rig.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`# page error: ${e.message}`));
  await login(page, rig.base, 'company');
  await page.getByTestId('nav-documents').click();
  await page.getByTestId('my-documents').waitFor();
  const rows = page.getByTestId('my-document');
  assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))), ['penalty_decision', 'advance_notice', 'order_to_correct'], 'the served documents, newest first; no internal form');
  const decision = page.locator('[data-testid="my-document"][data-kind="penalty_decision"]');
  const text = (await decision.textContent()) ?? '';
  assert.ok(text.includes('行政处罚决定书') && text.includes(caseNumber), text);
  assert.equal(await decision.getAttribute('data-opened'), 'no');
  assert.ok(((await decision.getByTestId('my-document-opened').textContent()) ?? '').includes('未查阅'));
  const notice = page.locator('[data-testid="my-document"][data-kind="advance_notice"]');
  assert.match((await notice.textContent()) ?? '', /行政处罚事先告知书\p{Script=Han}市环罚告〔\d{4}〕\d+号/u);

  const [download] = await Promise.all([page.waitForEvent('download'), decision.getByTestId('my-document-download').click()]);
  const file = join(rig.dir, 'decision.pdf');
  await download.saveAs(file);
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.equal(download.suggestedFilename(), `行政处罚决定书-${caseNumber}.pdf`);
  // The list reloads after the download: opened, when and by whom.
  await page.waitForSelector('[data-testid="my-document"][data-kind="penalty_decision"][data-opened="yes"]');
  assert.match((await decision.getByTestId('my-document-opened').textContent()) ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}.* 已签收查阅（排污单位用户）$/);
  assert.equal(await notice.getAttribute('data-opened'), 'no');
  assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => e.querySelector('[data-testid="my-document-mode"]')?.textContent)), ['电子送达', '电子送达', '电子送达'], 'served under the consent');
  assert.match((await page.getByTestId('consent-in-force').textContent()) ?? '', /已于 .+ 签署电子送达确认书（签署人：张经理，法定代表人）/);
  await page.screenshot({ path: join(ARTIFACTS, 'document-service-company.png'), fullPage: true });

  const stored = await rig.database.db.selectFrom('document_service as s').innerJoin('case_documents as d', 'd.id', 's.document_id')
    .select(['s.first_opened_at', 'd.kind']).where('s.case_id', '=', caseId).where('d.kind', '=', 'penalty_decision').executeTakeFirstOrThrow();
  assert.ok(stored.first_opened_at !== null, 'the opening is stored');
  await context.close();

  // The officer's case page: the decision served and opened, the notice served and not opened, the filing form not served.
  const staff = await rig.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const officer = await staff.newPage();
  await login(officer, rig.base, 'officer');
  await officer.goto(`${rig.base}/#/cases/${caseId}`);
  await officer.getByTestId('case-documents').waitFor();
  const item = (kind: string) => officer.locator(`[data-testid="case-record-document"][data-kind="${kind}"]`);
  const served = (await item('penalty_decision').getByTestId('case-document-service').textContent()) ?? '';
  assert.match(served, /^电子送达：已送达 \d{4}-\d{2}-\d{2} \d{2}:\d{2}.*，\d{4}-\d{2}-\d{2} \d{2}:\d{2}.* 已签收查阅（排污单位用户）$/, served);
  assert.match((await item('advance_notice').getByTestId('case-document-service').textContent()) ?? '', /^电子送达：已送达 .+，未查阅$/);
  assert.equal(await item('case_filing_form').getByTestId('case-document-service').count(), 0, 'an internal form is not served');
  await officer.screenshot({ path: join(ARTIFACTS, 'document-service-case.png'), fullPage: true });
  await staff.close();
});

void test('the company withdraws its consent and signs a new one on the form, pre-filled from the registry', { skip, timeout: 120_000 }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await login(page, rig.base, 'company');
  await page.getByTestId('nav-documents').click();
  await page.getByTestId('consent-in-force').waitFor();
  await page.getByTestId('consent-withdraw').click();
  assert.match((await page.getByTestId('consent-withdraw-confirm').textContent()) ?? '', /已送达的文书仍然有效/);
  await page.getByTestId('consent-withdraw-yes').click();
  await page.getByTestId('consent-form').waitFor();
  const company = await rig.database.db.selectFrom('users as u').innerJoin('enterprises as e', 'e.id', 'u.enterprise_id').select(['e.address', 'e.legal_representative']).where('u.username', '=', 'company').executeTakeFirstOrThrow();
  assert.equal(await page.getByTestId('consent-address').inputValue(), company.address, 'the registered address');
  assert.equal(await page.getByTestId('consent-signer').inputValue(), company.legal_representative ?? '', 'the legal representative');
  // Not agreed yet: refused at the form, nothing sent.
  await page.getByTestId('consent-signer').fill('李代理');
  await page.getByTestId('consent-title').selectOption({ label: '委托代理人' });
  await page.getByTestId('consent-phone').fill('13800138000');
  await page.getByTestId('consent-sign').click();
  assert.equal(await page.getByTestId('consent-error').textContent(), '请先勾选同意条款。');
  await page.getByTestId('consent-agree').check();
  await page.getByTestId('consent-sign').click();
  await page.getByTestId('consent-in-force').waitFor();
  assert.match((await page.getByTestId('consent-in-force').textContent()) ?? '', /签署人：李代理，委托代理人/);
  await page.locator('[data-testid="consent"] summary').click();
  assert.match((await page.getByTestId('consent-history').textContent()) ?? '', /张经理（法定代表人）· 已撤回/);
  const rows = await rig.database.db.selectFrom('service_consents').select(['signer_name', 'withdrawn_at']).orderBy('id').execute();
  assert.deepEqual(rows.map((r) => [r.signer_name, r.withdrawn_at === null]), [['张经理', false], ['李代理', true]]);
  await page.screenshot({ path: join(ARTIFACTS, 'document-service-consent.png'), fullPage: true });
  await context.close();
});
