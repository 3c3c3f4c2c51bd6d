// The case file (issue 14 §10) over HTTP: an inspection finished with the officer's record gives its 现场检查笔录
// PDF; a case opened from its task starts with the inspection's matter and the task's officers (each with its
// origin); the acts after the review make 法制审核意见书, 送达回证, 缴款凭证 and 结案审批表; the dossier has a cover,
// a table of contents with page numbers and every document as its PDF was stored, on both dialects. Each PDF is
// read back; a stored document changed after issuing shows in the dossier as stored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { CaseDraft, TaskInspection } from '@ecoenforce/contract';
import { pdfText } from './pdf-text.ts';
import { DIALECTS } from './store-fixtures.ts';
import { T0, call, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';
import { WORKED_FINE } from './case-fixtures.ts';

const HOUR = 3600_000;
const PHOTO = Buffer.from('case-file photo bytes');
const PHOTO_SHA = createHash('sha256').update(PHOTO).digest('hex');
const RECORD = '企业环保负责人在场，信息公开栏未张贴排污信息，已当场告知整改要求。';

interface Detail { id: number; number: string; version: number; state: string; details: { cause: string; facts: string; proposedOfficers?: number[] }; documents: Array<{ id: number; kind: string }> }

/** Each page's text, whitespace removed (pdf-text.ts joins the pages with a newline). */
const pagesOf = async (bytes: Uint8Array): Promise<string[]> => (await pdfText(bytes)).split('\n').map((t) => t.replace(/\s+/g, ''));

/** The rows of the 卷内目录: number, title and the page given (null for 未生成). */
function contentsOf(front: string): Array<{ n: number; title: string; page: number | null }> {
  return [...front.matchAll(/卷内第(\d+)件(.+?)\d{4}年\d{1,2}月\d{1,2}日(\d+|未生成)/g)].map((m) => ({ n: Number(m[1]), title: m[2]!, page: m[3] === '未生成' ? null : Number(m[3]) }));
}

for (const dialect of DIALECTS) void describe(`the case file over HTTP on ${dialect}`, () => {
  let rig: HttpRig;
  let officer: Session;
  let head: Session;
  let legal: Session;
  let taskId: number;
  let officers: number[];
  const inspection = randomUUID();
  const db = () => rig.store.database.db;
  const pdf = async (url: string): Promise<string> => {
    const res = await call(rig.app, officer, 'GET', url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    assert.match(String(res.headers['content-type']), /application\/pdf/);
    return (await pdfText(res.rawPayload)).replace(/\s+/g, '');
  };

  before(async () => {
    rig = await startHttpRig(dialect);
    [officer, head, legal] = await Promise.all([login(rig.app, 'officer'), login(rig.app, 'head'), login(rig.app, 'legal')]);
    const users = await db().selectFrom('users').select(['id', 'username']).where('username', 'in', ['officer', 'officer2']).orderBy('id').execute();
    officers = users.map((u) => Number(u.id));
    for (const u of users) await db().updateTable('users').set({ certificate_no: `4401${u.username === 'officer' ? '0001' : '0002'}` }).where('id', '=', u.id).execute();
    const region = (await db().selectFrom('enterprises').select('region_code').where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow()).region_code;
    const row = await db().insertInto('tasks').values({
      source_kind: 'joint', source_id: null, region_code: region, requesting_region_code: null, enterprise_id: rig.inside.enterpriseId, team_id: null, title: '现场检查', note: null, status: 'assigned', priority: 'normal',
      due_at: T0 + 10 * 86_400_000, escalated_at: null, created_at: T0, created_by: 1, updated_at: T0, started_at: null, done_at: null, outcome: null, cancelled_at: null, cancel_reason: null,
    }).returning('id').executeTakeFirstOrThrow();
    taskId = Number(row.id);
    await db().insertInto('task_assignments').values(officers.map((u) => ({ task_id: taskId, user_id: u, assigned_at: T0, assigned_by: 1, released_at: null }))).execute();
  });
  after(() => rig.close());

  void test('an inspection finished with the officer\'s record: the record is kept and its 现场检查笔录 PDF lists officers, place, verdicts, the matter and the photo', async () => {
    const checklist = (await call(rig.app, officer, 'GET', `/api/tasks/${taskId}/checklist`)).json<{ hash: string }>();
    const sync = (ops: unknown[]) => call(rig.app, officer, 'POST', '/api/inspections/sync', { ops });
    const started = await sync([
      { opId: `${inspection}:start`, kind: 'start', inspection, taskId, checklistHash: checklist.hash, startedAt: rig.clock.now, deviceTime: rig.clock.now, gps: { lat: 23.129, lon: 113.264, accuracy: 12 } },
      { opId: `${inspection}:1`, kind: 'item', inspection, itemKey: 'tpl:general:ledger', baseVersion: 0, result: 'compliant', note: '台账齐全', matterCode: null },
      { opId: `${inspection}:2`, kind: 'item', inspection, itemKey: 'tpl:general:disclosure', baseVersion: 0, result: 'violation', note: '未公开', matterCode: 'AIR-100' },
    ]);
    assert.equal(started.statusCode, 200, started.body);
    const q = new URLSearchParams({ evidence: randomUUID(), itemKey: 'tpl:general:disclosure', sha256: PHOTO_SHA, mime: 'image/png', capturedAt: String(rig.clock.now) });
    assert.equal((await call(rig.app, officer, 'POST', `/api/inspections/${inspection}/evidence?${q.toString()}`, undefined, { filename: 'p.png', bytes: PHOTO })).statusCode, 200);
    const finished = await sync([{ opId: `${inspection}:finish`, kind: 'finish', inspection, baseVersion: 1, finishedAt: rig.clock.now + HOUR, summary: RECORD }]);
    assert.equal(finished.json<{ results: Array<{ status: string }> }>().results[0]!.status, 'applied', finished.body);
    const stored = (await call(rig.app, officer, 'GET', `/api/tasks/${taskId}/inspections`)).json<{ items: TaskInspection[] }>().items[0]!;
    assert.equal(stored.record, RECORD);

    const text = await pdf(`/api/inspections/${inspection}/record.pdf`);
    const enterprise = await db().selectFrom('enterprises').select(['name', 'address']).where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow();
    const matter = await db().selectFrom('enforcement_matters').select('body').where('code', '=', 'AIR-100').orderBy('version', 'desc').executeTakeFirstOrThrow();
    const matterName = (JSON.parse(matter.body) as { name: { zh: string } }).name.zh;
    for (const s of ['现场检查笔录', '执法证号：44010001', '执法证号：44010002', enterprise.name, enterprise.address, '纬度23.12900', '合规', '违法', matterName, PHOTO_SHA, RECORD.replace(/。$/, '')]) {
      assert.ok(text.includes(s.replace(/\s+/g, '')), `record: ${s}`);
    }
    assert.doesNotMatch(text, /AIR-100|compliant|violation|tpl:/, 'no codes or English in the record');
  });

  void test('a case opened from the task starts with the matter and the officers, and walks to closing with every document; the dossier lists them with pages', async () => {
    const draftRes = await call(rig.app, officer, 'GET', `/api/tasks/${taskId}/case-draft`);
    assert.equal(draftRes.statusCode, 200, draftRes.body);
    const draft = draftRes.json<CaseDraft>();
    assert.deepEqual(draft.matters.map((m) => m.code), ['AIR-100']);
    assert.match(draft.matters[0]!.origin, /现场检查/);
    assert.deepEqual(draft.officers.map((o) => o.id).sort(), [...officers].sort());
    assert.ok(draft.officers.every((o) => o.origin.includes(`任务${taskId}`) && o.certificateNo !== null));
    assert.match(draft.facts!.value, /未公开/);
    assert.equal(draft.source, '现场检查');

    // The officer keeps the officers and the facts, and opens under AIR 99(2) for the worked fine.
    const opened = await call(rig.app, officer, 'POST', '/api/cases', {
      enterpriseId: draft.enterpriseId, taskId, matterCode: 'AIR-99-2', discoveredAt: rig.clock.now,
      details: { source: draft.source, cause: draft.cause!.value, facts: draft.facts!.value, proposedOfficers: draft.officers.map((o) => o.id), evidence: [{ name: '现场检查笔录' }] },
    });
    assert.equal(opened.statusCode, 201, opened.body);
    let c = opened.json<Detail>();
    assert.deepEqual(c.details.proposedOfficers?.sort(), [...officers].sort());
    const act = async (s: Session, action: string, input: object = {}): Promise<void> => {
      rig.clock.now += HOUR;
      const res = await call(rig.app, s, 'POST', `/api/cases/${c.id}/actions`, { action, input, version: c.version });
      assert.equal(res.statusCode, 200, `${action}: ${res.body.slice(0, 400)}`);
      c = res.json<Detail>();
    };
    await act(head, 'file');
    await act(officer, 'start_investigation', { officers });
    await act(officer, 'order_correction', { requirement: '立即公开排污信息', deadlineDays: 10 });
    await act(officer, 'record_discretion', WORKED_FINE);
    await act(officer, 'issue_advance_notice');
    await act(officer, 'waive_hearing');
    await act(officer, 'submit_for_review');
    await act(legal, 'complete_legal_review', { opinion: '事实清楚，证据充分，同意处罚。' });
    await act(head, 'decide');
    await act(officer, 'serve');
    await act(officer, 'record_payment', { amount: 230_000 });
    await act(head, 'close');
    assert.equal(c.state, 'closed');
    const kinds = c.documents.map((d) => d.kind);
    for (const k of ['legal_review_opinion', 'service_receipt', 'payment_receipt', 'closing_report']) assert.ok(kinds.includes(k), `${k} in ${kinds.join(', ')}`);

    const doc = (kind: string) => pdf(`/api/cases/${c.id}/documents/${c.documents.find((d) => d.kind === kind)!.id}`);
    const review = await doc('legal_review_opinion');
    assert.ok(review.includes('法制审核意见书') && review.includes('事实清楚，证据充分，同意处罚。') && review.includes('同意提交负责人审查决定'), review.slice(0, 400));
    const service = await doc('service_receipt');
    assert.ok(service.includes('送达回证') && service.includes(c.number) && service.includes('受送达人签收'), service.slice(0, 400));
    const voucher = await doc('payment_receipt');
    assert.ok(voucher.includes('罚没款缴款凭证') && voucher.includes('贰拾叁万元整'), voucher.slice(0, 400));
    const closing = await doc('closing_report');
    assert.ok(closing.includes('结案审批表') && closing.includes('罚款230,000元') && closing.includes('当事人已于'), closing.slice(0, 600));
    const filing = await doc('case_filing_form');
    assert.ok(filing.includes('执法证号：44010001'), 'the filing form names the proposed officers');

    const dossier = await pdf(`/api/cases/${c.id}/dossier.pdf`);
    for (const s of ['行政处罚案卷', c.number, draft.cause!.value, '卷内目录', '证据目录', '现场检查笔录', '立案审批表', '行政处罚决定书', '法制审核意见书', '送达回证', '罚没款缴款凭证', '结案审批表', PHOTO_SHA]) {
      assert.ok(dossier.includes(s), `dossier: ${s}`);
    }
    // The contents give each document its page: "卷内第1件 …" followed by a page number.
    assert.match(dossier, /卷内第1件[^\n]*?\d/);
  });

  void test('the dossier is made of the stored PDFs: each at the page its contents row gives, numbered 第 N 页, a stored copy changed later shows as stored, a missing one is 未生成', async () => {
    const caseId = Number((await db().selectFrom('cases').select('id').where('task_id', '=', taskId).executeTakeFirstOrThrow()).id);
    const stored = async () => db().selectFrom('case_documents').select(['id', 'kind', 'bytes']).where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
    const record = await pagesOf((await call(rig.app, officer, 'GET', `/api/inspections/${inspection}/record.pdf`)).rawPayload);
    /** Reads the dossier and checks every document's pages at the page its row in the contents gives. */
    const check = async (docs: Awaited<ReturnType<typeof stored>>): Promise<{ pages: string[]; rows: ReturnType<typeof contentsOf> }> => {
      const res = await call(rig.app, officer, 'GET', `/api/cases/${caseId}/dossier.pdf`);
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      const pages = await pagesOf(res.rawPayload);
      const rows = contentsOf(pages.join(''));
      assert.equal(rows.length, docs.length + 1, `one row per stored document and the 现场检查笔录: ${JSON.stringify(rows)}`);
      assert.deepEqual(rows.map((r) => r.n), rows.map((_, i) => i + 1));
      assert.ok(rows.every((r) => r.page !== null), 'every document was stored');
      // The 现场检查笔录 is the first (the inspection preceded the case), then the stored documents in the order issued.
      assert.ok(rows[0]!.title.startsWith('现场检查笔录'), rows[0]!.title);
      const parts = [record, ...await Promise.all(docs.map((d) => pagesOf(d.bytes)))];
      const frontPages = rows[0]!.page! - 1;
      assert.ok(frontPages >= 2, 'cover and contents precede the documents');
      assert.equal(pages.length, frontPages + parts.reduce((n, p) => n + p.length, 0), 'cover/contents pages plus the documents\' pages');
      for (const [i, part] of parts.entries()) {
        const start = rows[i]!.page!;
        if (i + 1 < rows.length) assert.equal(rows[i + 1]!.page, start + part.length, `${rows[i]!.title}: the next document starts after its ${part.length} pages`);
        for (const [j, text] of part.entries()) {
          const at = start + j;
          if (i === 0) assert.ok(pages[at - 1]!.startsWith(text.slice(0, 12)), `page ${at} begins the 现场检查笔录`);
          else assert.equal(pages[at - 1], `${text}第${at}页`, `page ${at} is page ${j + 1} of ${rows[i]!.title} as stored, numbered 第${at}页`);
        }
      }
      for (const [i, page] of pages.entries()) assert.ok(page.endsWith(`第${i + 1}页`), `page ${i + 1} is numbered`);
      return { pages, rows };
    };
    const before = await stored();
    assert.ok(before.length >= 8, `documents stored: ${before.map((d) => d.kind).join(', ')}`);
    const first = await check(before);
    const closing = before.findIndex((d) => d.kind === 'closing_report');
    assert.ok(first.rows[closing + 1]!.title.startsWith('结案审批表'));

    // The stored copy of the 结案审批表 is replaced by a different (two-page) PDF: the dossier shows that copy, not
    // the template re-rendered from the record.
    const other = await PDFDocument.create();
    const font = await other.embedFont(StandardFonts.Helvetica);
    for (const k of [1, 2]) other.addPage([595.28, 841.89]).drawText(`STORED COPY ${k} OF THE CLOSING REPORT`, { x: 60, y: 700, size: 14, font });
    await db().updateTable('case_documents').set({ bytes: Buffer.from(await other.save()) }).where('id', '=', before[closing]!.id).execute();
    const after = await stored();
    const second = await check(after);
    assert.equal(second.pages.length, first.pages.length + 2 - (await pagesOf(before[closing]!.bytes)).length);
    const at = second.rows[closing + 1]!.page!;
    assert.equal(second.pages[at - 1], `STOREDCOPY1OFTHECLOSINGREPORT第${at}页`);
    assert.equal(second.pages[at], `STOREDCOPY2OFTHECLOSINGREPORT第${at + 1}页`);
    const issued = (await pagesOf(before[closing]!.bytes))[0]!;
    assert.ok(issued.includes('结案审批表') && !second.pages.some((p) => p.includes(issued)), 'the closing report is not rendered from the record');

    // A document whose stored PDF is missing is listed as 未生成 and takes no pages.
    const payment = after.findIndex((d) => d.kind === 'payment_receipt');
    await db().deleteFrom('document_service').where('document_id', '=', after[payment]!.id).execute();
    await db().deleteFrom('case_documents').where('id', '=', after[payment]!.id).execute();
    const res = await call(rig.app, officer, 'GET', `/api/cases/${caseId}/dossier.pdf`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const third = await pagesOf(res.rawPayload);
    const rows = contentsOf(third.join(''));
    assert.equal(rows.length, second.rows.length);
    assert.ok(rows[payment + 1]!.title.startsWith('罚没款缴款凭证') && rows[payment + 1]!.page === null, JSON.stringify(rows[payment + 1]));
    const paymentPages = second.rows[payment + 2]!.page! - second.rows[payment + 1]!.page!;
    assert.equal(third.length, second.pages.length - paymentPages);
    assert.equal(rows[payment + 2]!.page, second.rows[payment + 2]!.page! - paymentPages, 'the next document moves up');
  });
});
