// Electronic service (电子送达, issue 14 item 11) over HTTP: a case walked to its penalty decision serves the
// order to correct, the advance notice and the decision on the enterprise's login (never the filing form);
// the company lists them with their Chinese titles, downloads the decision, and the first opening is
// recorded (a second download keeps the first time); every download is audited on the platform clock; the
// staff's case page shows served / opened / by whom; another enterprise's document, an internal form and a
// missing id answer the same 404 and record nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DIALECTS, freshStore } from './store-fixtures.ts';
import { migrations } from '../src/platform/db/migrations/index.ts';
import type { Kysely } from 'kysely';
import { call, errorCode, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';
import { filedCase, secondOfficer, userId, WORKED_FINE } from './case-fixtures.ts';
import { serveOnParty } from '../src/enforcement/service/document-service.ts';
import { pdfText } from './pdf-text.ts';

const HOUR = 3600_000;
const res409Reason = (res: { json<T>(): T }): string | undefined => res.json<{ error: { details?: { reason?: string } } }>().error.details?.reason;

interface Detail {
  id: number;
  number: string;
  version: number;
  state: string;
  documents: Array<{ id: number; kind: string; number: string | null; sha256: string; createdAt: number; service: { mode?: string; servedAt: number; openedAt: number | null; openedBy: number | null; openedByName: string | null } | null }>;
}
interface Served {
  mode: 'electronic' | 'copy';
  id: number; kind: string; title: string; number: string | null; caseId: number; caseNumber: string; issuedAt: number; servedAt: number; openedAt: number | null; openedByName: string | null; sha256: string; size: number;
}

for (const dialect of DIALECTS) {
  void describe(`electronic service of case documents on ${dialect}`, () => {
    let rig: HttpRig;
    let officer: Session;
    let head: Session;
    let legal: Session;
    let company: Session;
    let c: Detail;
    before(async () => {
      rig = await startHttpRig(dialect);
      const officer2 = await secondOfficer(rig.store.database.db);
      [officer, head, legal, company] = await Promise.all([login(rig.app, 'officer'), login(rig.app, 'head'), login(rig.app, 'legal'), login(rig.app, 'company')]);
      const act = async (s: Session, action: string, input: object = {}): Promise<void> => {
        rig.clock.now += HOUR;
        const res = await call(rig.app, s, 'POST', `/api/cases/${c.id}/actions`, { action, input, version: c.version });
        assert.equal(res.statusCode, 200, `${action}: ${res.body.slice(0, 400)}`);
        c = res.json<Detail>();
      };
      // The company signed its consent to electronic service first (APL art. 61 ¶2): what the case issues is served on its login.
      const signed = await call(rig.app, company, 'POST', '/api/my/service-consent', { signerName: '李测试', signerTitle: '法定代表人', phone: '020-12345678', email: 'env@example.cn', address: '广州市黄埔区测试大道88号' });
      assert.equal(signed.statusCode, 201, signed.body);
      rig.clock.now += HOUR;
      const opened = await call(rig.app, officer, 'POST', '/api/cases', { enterpriseId: rig.inside.enterpriseId, matterCode: 'AIR-99-2', discoveredAt: rig.clock.now });
      assert.equal(opened.statusCode, 201, opened.body);
      c = opened.json<Detail>();
      await act(head, 'file');
      await act(officer, 'start_investigation', { officers: [await userId(rig.store.database.db, 'officer'), officer2] });
      await act(officer, 'order_correction', { requirement: '立即停止超标排放', deadlineDays: 30 });
      await act(officer, 'record_discretion', WORKED_FINE);
      await act(officer, 'issue_advance_notice');
      await act(officer, 'waive_hearing');
      await act(officer, 'submit_for_review');
      await act(legal, 'complete_legal_review');
      await act(head, 'decide');
      assert.equal(c.state, 'decided');
    });
    after(() => rig.close());

    const audits = async (documentId: number) =>
      rig.store.database.db.selectFrom('audit_log').select(['action', 'actor_name', 'at']).where('entity', '=', 'case_document').where('entity_id', '=', String(documentId)).orderBy('seq').execute();

    void test('the company lists the documents served on it, with Chinese titles, numbers and the case; never the filing form', async () => {
      // Internal forms (the filing form, and the legal review opinion where a template makes it) are stored too.
      for (const k of ['case_filing_form', 'order_to_correct', 'advance_notice', 'penalty_decision']) assert.ok(c.documents.some((d) => d.kind === k), k);
      const res = await call(rig.app, company, 'GET', '/api/my/documents');
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json<{ items: Served[] }>().items;
      assert.deepEqual(items.map((d) => d.kind), ['penalty_decision', 'advance_notice', 'order_to_correct'], 'newest first, internal forms left out');
      assert.deepEqual(items.map((d) => d.title), ['行政处罚决定书', '行政处罚事先告知书', '责令改正违法行为决定书']);
      for (const d of items) {
        const stored = c.documents.find((x) => x.id === d.id)!;
        assert.equal(d.number, stored.number);
        assert.equal(d.caseId, c.id);
        assert.equal(d.caseNumber, c.number);
        assert.equal(d.issuedAt, stored.createdAt);
        assert.equal(d.servedAt, stored.createdAt, 'served on the login as it is issued');
        assert.equal(d.openedAt, null);
        assert.equal(d.mode, 'electronic', 'served under the consent');
        assert.equal(d.sha256, stored.sha256);
        assert.ok(d.size > 0);
      }
      assert.equal(items[0]!.number, c.number, 'the decision carries the case number');
      // Staff have no enterprise inbox.
      assert.equal((await call(rig.app, officer, 'GET', '/api/my/documents')).statusCode, 403);
    });

    void test('downloading records the first opening with the download\'s audit row; a second download keeps the first time', async () => {
      const decision = c.documents.find((d) => d.kind === 'penalty_decision')!;
      const companyId = await userId(rig.store.database.db, 'company');
      rig.clock.now += HOUR;
      const firstAt = rig.clock.now;
      const pdf = await call(rig.app, company, 'GET', `/api/my/documents/${decision.id}.pdf`);
      assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 300));
      assert.match(String(pdf.headers['content-type']), /application\/pdf/);
      assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.equal(createHash('sha256').update(pdf.rawPayload).digest('hex'), decision.sha256);
      assert.match(String(pdf.headers['content-disposition']), /^attachment; .*filename\*=UTF-8''/);
      assert.ok(decodeURIComponent(String(pdf.headers['content-disposition']).split("UTF-8''")[1]!).startsWith('行政处罚决定书-'));

      const row = await rig.store.database.db.selectFrom('document_service').selectAll().where('document_id', '=', decision.id).executeTakeFirstOrThrow();
      assert.equal(Number(row.first_opened_at), firstAt, 'the platform clock, not the wall clock');
      assert.equal(Number(row.opened_by), companyId);
      assert.deepEqual((await audits(decision.id)).map((a) => [a.action, a.actor_name, Number(a.at)]), [['download', 'company', firstAt]]);

      rig.clock.now += HOUR;
      const again = await call(rig.app, company, 'GET', `/api/my/documents/${decision.id}.pdf`);
      assert.equal(again.statusCode, 200);
      const still = await rig.store.database.db.selectFrom('document_service').selectAll().where('document_id', '=', decision.id).executeTakeFirstOrThrow();
      assert.equal(Number(still.first_opened_at), firstAt, 'the first opening stays');
      assert.deepEqual((await audits(decision.id)).map((a) => Number(a.at)), [firstAt, rig.clock.now], 'every download audited');

      const list = (await call(rig.app, company, 'GET', '/api/my/documents')).json<{ items: Served[] }>().items;
      const listed = list.find((d) => d.id === decision.id)!;
      assert.equal(listed.openedAt, firstAt);
      assert.equal(listed.openedByName, '排污单位用户');
      assert.ok(list.filter((d) => d.id !== decision.id).every((d) => d.openedAt === null), 'the others are not opened');

      // The staff's case page: served, opened, by whom; the filing form is not served.
      const detail = (await call(rig.app, officer, 'GET', `/api/cases/${c.id}`)).json<Detail>();
      const shown = detail.documents.find((d) => d.id === decision.id)!;
      assert.deepEqual(shown.service, { mode: 'electronic', servedAt: decision.createdAt, openedAt: firstAt, openedBy: companyId, openedByName: '排污单位用户' });
      assert.equal(detail.documents.find((d) => d.kind === 'case_filing_form')!.service, null);
      assert.deepEqual(detail.documents.find((d) => d.kind === 'advance_notice')!.service?.openedAt, null);
    });

    void test('the 送达回证 of a decision served electronically says so: the consent, the time served and the first opening', async () => {
      rig.clock.now += HOUR;
      const res = await call(rig.app, officer, 'POST', `/api/cases/${c.id}/actions`, { action: 'serve', input: {}, version: c.version });
      assert.equal(res.statusCode, 200, res.body.slice(0, 400));
      c = res.json<Detail>();
      const receipt = c.documents.find((d) => d.kind === 'service_receipt')!;
      const pdf = await call(rig.app, officer, 'GET', `/api/cases/${c.id}/documents/${receipt.id}`);
      assert.equal(pdf.statusCode, 200);
      const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, '');
      assert.match(text, /送达方式电子送达/);
      assert.match(text, /受送达人在本平台的电子送达账户/);
      assert.match(text, /依受送达人法定代表人李测试于\d{4}年\d{1,2}月\d{1,2}日签署的电子送达确认书/);
      assert.match(text, /受送达人于\d{4}年\d{1,2}月\d{1,2}日\d{1,2}时\d{2}分首次查阅/);
      assert.match(text, /《中华人民共和国行政处罚法》第六十一条第二款/);
      assert.doesNotMatch(text, /直接送达/);
    });

    void test('the consent: its state with the registry\'s defaults, one at a time, withdrawn from a moment on (later documents are copies), signed again, audited', async () => {
      const db = rig.store.database.db;
      const state = (await call(rig.app, company, 'GET', '/api/my/service-consent')).json<{ consent: { signerName: string; phone: string; email: string | null } | null; history: unknown[]; defaults: { enterpriseName: string; address: string } }>();
      assert.deepEqual([state.consent?.signerName, state.consent?.phone, state.consent?.email, state.history.length], ['李测试', '020-12345678', 'env@example.cn', 0]);
      const registered = await db.selectFrom('enterprises').select(['name', 'address']).where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow();
      assert.deepEqual([state.defaults.enterpriseName, state.defaults.address], [registered.name, registered.address]);
      const twice = await call(rig.app, company, 'POST', '/api/my/service-consent', { signerName: '王五', signerTitle: '委托代理人', phone: '13800000000', address: '广州市某路1号' });
      assert.equal(twice.statusCode, 409);
      assert.equal(res409Reason(twice), 'consent_in_force');
      assert.equal((await call(rig.app, officer, 'GET', '/api/my/service-consent')).statusCode, 403, 'staff sign nothing for a party');
      const bad = await call(rig.app, company, 'POST', '/api/my/service-consent', { signerName: '', signerTitle: '法定代表人', phone: 'abc', address: '' });
      assert.equal(bad.statusCode, 400);

      rig.clock.now += HOUR;
      const withdrawnAt = rig.clock.now;
      assert.equal((await call(rig.app, company, 'POST', '/api/my/service-consent/withdraw')).statusCode, 204);
      assert.equal(res409Reason(await call(rig.app, company, 'POST', '/api/my/service-consent/withdraw')), 'no_consent');
      // A document issued after the withdrawal reaches the login as a copy; the earlier ones stay served.
      rig.clock.now += HOUR;
      const later = await db.insertInto('case_documents')
        .values({ case_id: c.id, kind: 'hearing_notice', number: null, sha256: '1'.repeat(64), bytes: Buffer.from('%PDF-1.4\n%later\n'), created_at: rig.clock.now, created_by: 1 })
        .returning('id').executeTakeFirstOrThrow();
      await serveOnParty(db, { documentId: Number(later.id), kind: 'hearing_notice', caseId: c.id, enterpriseId: rig.inside.enterpriseId, at: rig.clock.now });
      const list = (await call(rig.app, company, 'GET', '/api/my/documents?limit=2')).json<{ items: Served[]; nextCursor: string | null; total: number }>();
      assert.deepEqual(list.items.map((d) => [d.kind, d.mode]), [['hearing_notice', 'copy'], ['penalty_decision', 'electronic']]);
      assert.equal(list.total, 4);
      assert.ok(list.nextCursor !== null);
      const rest = (await call(rig.app, company, 'GET', `/api/my/documents?limit=2&cursor=${list.nextCursor}`)).json<{ items: Served[]; nextCursor: string | null }>();
      assert.deepEqual(rest.items.map((d) => d.kind), ['advance_notice', 'order_to_correct']);
      assert.equal(rest.nextCursor, null);
      const staffView = (await call(rig.app, officer, 'GET', `/api/cases/${c.id}`)).json<Detail>();
      assert.equal(staffView.documents.find((d) => d.id === Number(later.id))?.service?.mode, 'copy');

      rig.clock.now += HOUR;
      assert.equal((await call(rig.app, company, 'POST', '/api/my/service-consent', { signerName: '王五', signerTitle: '委托代理人', phone: '13800000000', address: '广州市某路1号' })).statusCode, 201);
      const again = (await call(rig.app, company, 'GET', '/api/my/service-consent')).json<{ consent: { signerName: string } | null; history: Array<{ withdrawnAt: number; withdrawnByName: string }> }>();
      assert.equal(again.consent?.signerName, '王五');
      assert.deepEqual(again.history.map((h) => [h.withdrawnAt, h.withdrawnByName]), [[withdrawnAt, '排污单位用户']]);
      const audit = await db.selectFrom('audit_log').select(['action', 'actor_name']).where('entity', '=', 'service_consent').orderBy('seq').execute();
      assert.deepEqual(audit.map((a) => a.action), ['sign', 'withdraw', 'sign']);
    });

    void test('another enterprise\'s document, an internal form and a missing id: the same 404, nothing recorded', async () => {
      const db = rig.store.database.db;
      // A decision served on the enterprise in another province and one in another city of the province.
      const foreign: number[] = [];
      for (const enterpriseId of [rig.outside.enterpriseId, rig.otherCity.enterpriseId]) {
        const other = await filedCase(db, enterpriseId, rig.clock.now);
        const doc = await db.insertInto('case_documents')
          .values({ case_id: other.id, kind: 'penalty_decision', number: '粤环罚〔2026〕999号', sha256: '0'.repeat(64), bytes: Buffer.from('%PDF-1.4\n%fixture\n'), created_at: rig.clock.now, created_by: 1 })
          .returning('id').executeTakeFirstOrThrow();
        await serveOnParty(db, { documentId: Number(doc.id), kind: 'penalty_decision', caseId: other.id, enterpriseId, at: rig.clock.now });
        foreign.push(Number(doc.id));
      }
      const filing = c.documents.find((d) => d.kind === 'case_filing_form')!.id;
      const missing = 99_999_999;
      const answers: object[] = [];
      for (const id of [...foreign, filing, missing]) {
        const res = await call(rig.app, company, 'GET', `/api/my/documents/${id}.pdf`);
        assert.equal(res.statusCode, 404, `document ${id}: ${res.statusCode}`);
        assert.equal(errorCode(res), 'not_found');
        answers.push(res.json<object>());
        assert.deepEqual(await audits(id), [], 'no audit row for a refused download');
      }
      assert.ok(answers.every((a) => JSON.stringify(a) === JSON.stringify(answers[0])), 'indistinguishable answers');
      const opened = await db.selectFrom('document_service').select('document_id').where('document_id', 'in', foreign).where('first_opened_at', 'is not', null).execute();
      assert.deepEqual(opened, []);
      const mine = (await call(rig.app, company, 'GET', '/api/my/documents')).json<{ items: Served[] }>().items;
      assert.ok(mine.every((d) => !foreign.includes(d.id)), 'never listed to the company');
    });
  });
}

for (const dialect of DIALECTS) {
  void test(`the migration serves the party-facing documents stored before it, at their issue time (${dialect})`, async () => {
    const store = await freshStore(dialect, { migrate: false });
    try {
      const db = store.database.db as unknown as Kysely<unknown>;
      const mine = '20261207T1940-document-service';
      for (const name of Object.keys(migrations).sort().filter((n) => n < mine)) await migrations[name]!.up(db);
      const tdb = store.database.db;
      const c = await tdb.insertInto('cases').values({
        number: '粤环罚〔2026〕7号', number_year: 2026, number_seq: 7, region_code: '441302', enterprise_id: 42, task_id: null, matter_code: 'AIR-99-2', matter_version: 1, table_version: null,
        state: 'decided', major: 0, discovered_at: 1, filed_at: 2, decided_at: 3, closed_at: null, amount: null, record: '{}', details: '{}', created_at: 1, created_by: 1, updated_at: 3, version: 5,
      }).returning('id').executeTakeFirstOrThrow();
      const doc = async (kind: string, at: number) => Number((await tdb.insertInto('case_documents').values({ case_id: Number(c.id), kind, number: null, sha256: '0'.repeat(64), bytes: Buffer.from('%PDF'), created_at: at, created_by: 1 }).returning('id').executeTakeFirstOrThrow()).id);
      const filing = await doc('case_filing_form', 1000);
      const order = await doc('order_to_correct', 2000);
      const decision = await doc('penalty_decision', 3000);
      await migrations[mine]!.up(db);
      const rows = await tdb.selectFrom('document_service').selectAll().orderBy('document_id').execute();
      assert.deepEqual(rows.map((r) => [Number(r.document_id), Number(r.case_id), Number(r.enterprise_id), Number(r.served_at), r.first_opened_at, r.opened_by]), [
        [order, Number(c.id), 42, 2000, null, null], [decision, Number(c.id), 42, 3000, null, null],
      ]);
      assert.ok(!rows.some((r) => Number(r.document_id) === filing));
    } finally {
      await store.dispose();
    }
  });
}
