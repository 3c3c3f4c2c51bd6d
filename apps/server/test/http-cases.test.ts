// One penalty case walked over HTTP from opening to closing (issue 5 §5–§6, §8), with the users the procedure
// names: two officers investigate, the head files and decides, the legal reviewer reviews. Along the way:
// the worked fine (230,000 yuan) and its stored explanation, an illegal action refused with the domain's
// reason and nothing stored, the wrong role refused, a stale version refused, a cadmium flag that blocks the
// decision until the transfer is settled, the decision PDF read back, and an audit row for every mutation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { pdfText } from './pdf-text.ts';
import { DIALECTS } from './store-fixtures.ts';
import { call, errorCode, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';
import { CADMIUM_EVIDENCE, secondOfficer, userId, WORKED_FINE } from './case-fixtures.ts';

const HOUR = 3600_000;

interface Detail {
  id: number;
  number: string;
  state: string;
  version: number;
  amount: number | null;
  availableActions: string[];
  matterVersion: number;
  tableVersion: number | null;
  matter: { latestVersion: number };
  record: {
    investigators: string[]; criminalFlags: string[]; discretion: { amount: number; ref: string } | null; outcome: string | null;
    exemption: unknown; waivable?: { gate: string; article: string; reason: string } | null;
  };
  waiver: { gate: string; article: string; gateReason: string; reason: string; by: string; byName: string | null } | null;
  events: Array<{ seq: number; action: string }>;
  fine: { amount: number; seq: number; explanation: { amount: number; method: string; factors: Array<{ key: string; level: string; weight: number; source: string }>; steps: Array<{ source: string }>; matter: { code: string } }; gates: { outcome: string }; matter: { code: string; version: number } } | null;
  documents: Array<{ id: number; kind: string; number: string | null; sha256: string; size: number }>;
  criminalFlags: Array<{ id: string; article: string; evidence: string[] }>;
  clocks: Array<{ id: string; status: string }>;
}

for (const dialect of DIALECTS) {
  void describe(`penalty case over HTTP on ${dialect}`, () => {
    let rig: HttpRig;
    let officer: Session;
    let officer2Id: number;
    let head: Session;
    let legal: Session;
    before(async () => {
      rig = await startHttpRig(dialect);
      officer2Id = await secondOfficer(rig.store.database.db);
      [officer, head, legal] = await Promise.all([login(rig.app, 'officer'), login(rig.app, 'head'), login(rig.app, 'legal')]);
    });
    after(() => rig.close());

    const get = async (s: Session, id: number): Promise<Detail> => {
      const res = await call(rig.app, s, 'GET', `/api/cases/${id}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json<Detail>();
    };
    /** Acts an hour after the last act, on the version last seen; asserts success. */
    const act = async (s: Session, c: Detail, action: string, input: object = {}): Promise<Detail> => {
      rig.clock.now += HOUR;
      const res = await call(rig.app, s, 'POST', `/api/cases/${c.id}/actions`, { action, input, version: c.version });
      assert.equal(res.statusCode, 200, `${action}: ${res.body.slice(0, 600)}`);
      return res.json<Detail>();
    };
    const stored = async (id: number) => {
      const db = rig.store.database.db;
      const [row, events, audit] = await Promise.all([
        db.selectFrom('cases').select(['version', 'state', 'record']).where('id', '=', id).executeTakeFirstOrThrow(),
        db.selectFrom('case_events').select('seq').where('case_id', '=', id).execute(),
        db.selectFrom('audit_log').select('seq').where('entity', '=', 'case').where('entity_id', '=', String(id)).execute(),
      ]);
      return { version: Number(row.version), state: row.state, record: row.record, events: events.length, audit: audit.length };
    };

    void test('a case from opening to closing, with the worked fine, a criminal flag, a refusal, a stale version and the decision PDF', async () => {
      const db = rig.store.database.db;
      // Opening: an officer, for the enterprise in the county, under AIR 99(2).
      const analyst = await login(rig.app, 'analyst');
      const body = { enterpriseId: rig.inside.enterpriseId, matterCode: 'AIR-99-2', discoveredAt: rig.clock.now, details: { cause: '超标排放大气污染物案', facts: '你单位1号锅炉烟囱二氧化硫、氮氧化物小时浓度超过排放标准2.5倍。', evidence: [{ name: '自动监控数据', detail: 'DA001 2026-11-28' }] } };
      assert.equal((await call(rig.app, analyst, 'POST', '/api/cases', body)).statusCode, 403, 'the analyst does not open cases');
      const opened = await call(rig.app, officer, 'POST', '/api/cases', body);
      assert.equal(opened.statusCode, 201, opened.body);
      let c = opened.json<Detail>();
      assert.equal(c.state, 'discovered');
      assert.match(c.number, /^\p{Script=Han}市环罚〔2026〕\d+号$/u, 'numbered by the city bureau (case-numbers.ts)');
      assert.deepEqual(c.availableActions.includes('file'), false, 'the officer cannot file');
      assert.ok((await get(head, c.id)).availableActions.includes('file'));

      // An illegal action: the domain's reason, 409, and nothing stored.
      const before = await stored(c.id);
      const illegal = await call(rig.app, head, 'POST', `/api/cases/${c.id}/actions`, { action: 'decide', input: {}, version: c.version });
      assert.equal(illegal.statusCode, 409);
      const err = illegal.json<{ error: { message: string; details: { reason: string; detail: { refusal: { code: string } } } } }>().error;
      assert.equal(err.details.reason, 'refused');
      assert.equal(err.details.detail.refusal.code, 'illegal_transition');
      assert.match(err.message, /decide is not allowed in state discovered/);
      // The wrong role: the legal reviewer cannot file (the head does) → 403, nothing stored.
      const wrongRole = await call(rig.app, legal, 'POST', `/api/cases/${c.id}/actions`, { action: 'file', input: {}, version: c.version });
      assert.equal(wrongRole.statusCode, 403, wrongRole.body);
      assert.deepEqual(await stored(c.id), before, 'a refused action stores nothing, not even an audit row');

      c = await act(head, c, 'file');
      assert.equal(c.state, 'filed');
      // Stale: the officer still holds version 1.
      const stale = await call(rig.app, officer, 'POST', `/api/cases/${c.id}/actions`, { action: 'start_investigation', input: { officers: [1, 2] }, version: c.version - 1 });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json<{ error: { details: { reason: string } } }>().error.details.reason, 'stale');

      const officerId = await userId(db, 'officer');
      c = await act(officer, c, 'start_investigation', { officers: [officerId, officer2Id] });
      assert.deepEqual(c.record.investigators, [String(officerId), String(officer2Id)]);

      // The fine preview stores nothing; the proposal stores the explanation.
      const preview = await call(rig.app, officer, 'POST', `/api/cases/${c.id}/fine-preview`, WORKED_FINE);
      assert.equal(preview.statusCode, 200, preview.body);
      assert.equal(preview.json<{ fine: { amount: number } }>().fine.amount, 230_000);
      c = await act(officer, c, 'order_correction', { requirement: '立即停止超标排放，完成脱硫脱硝设施检修', deadlineDays: 30 });
      c = await act(officer, c, 'record_discretion', WORKED_FINE);
      assert.equal(c.amount, 230_000);
      assert.ok(c.fine !== null);
      assert.equal(c.fine.amount, 230_000);
      assert.equal(c.fine.gates.outcome, 'proceed');
      assert.equal(c.fine.explanation.matter.code, 'AIR-99-2');
      assert.equal(c.fine.explanation.method, 'weights');
      assert.deepEqual(c.fine.explanation.factors.map((f) => f.key), ['pollutantCount', 'pollutantKind', 'area', 'period', 'exceedanceMultiple', 'repeats']);
      for (const f of c.fine.explanation.factors) assert.ok(f.level !== '' && Number.isFinite(f.weight) && f.source !== '', `factor ${f.key} shows its level, weight and source`);
      assert.ok(c.fine.explanation.steps.every((s) => s.source !== ''));
      assert.equal(c.record.discretion?.ref, `case-fine:${c.id}/${c.fine.seq}`);
      const fineRow = await db.selectFrom('case_fines').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
      assert.equal(Number(fineRow.amount), 230_000);
      assert.equal((JSON.parse(fineRow.explanation) as { amount: number }).amount, 230_000);
      assert.equal(fineRow.table_id, 'GD-AIR-99-2');

      // Cadmium at 4× over its limit: a criminal flag from the evidence.
      c = await act(officer, c, 'flag_criminal', CADMIUM_EVIDENCE);
      assert.deepEqual(c.record.criminalFlags, ['heavy_metal_3x']);
      assert.equal(c.criminalFlags[0]?.article, 'JI23 art. 1');
      assert.deepEqual(c.criminalFlags[0]?.evidence, ['lab-2026-118']);

      c = await act(officer, c, 'issue_advance_notice');
      c = await act(officer, c, 'record_statement', { summary: '已停产整改，请求从轻处罚' });
      c = await act(officer, c, 'waive_hearing');
      c = await act(officer, c, 'submit_for_review');
      c = await act(legal, c, 'complete_legal_review');
      assert.equal(c.state, 'legal_review');

      // The flag has no settled transfer: the decision is refused with the reason.
      const blocked = await call(rig.app, head, 'POST', `/api/cases/${c.id}/actions`, { action: 'decide', input: {}, version: c.version });
      assert.equal(blocked.statusCode, 409);
      const refusal = blocked.json<{ error: { details: { detail: { refusal: { code: string; failed: Array<{ id: string; source: string }> } } } } }>().error.details.detail.refusal;
      assert.equal(refusal.code, 'precondition_failed');
      assert.deepEqual(refusal.failed.map((f) => f.id), ['no_pending_transfer']);
      assert.match(refusal.failed[0]!.source, /TRF 11/);

      // The transfer: proposed, approved, sent; the police decline; the case resumes where it was.
      c = await act(officer, c, 'propose_transfer');
      c = await act(head, c, 'approve_transfer');
      c = await act(officer, c, 'send_transfer');
      assert.equal(c.state, 'transferred');
      c = await act(officer, c, 'police_decline');
      assert.equal(c.state, 'legal_review');

      c = await act(head, c, 'decide');
      assert.equal(c.state, 'decided');
      c = await act(officer, c, 'serve');
      c = await act(officer, c, 'record_payment', { amount: 230_000 });
      c = await act(head, c, 'close');
      assert.equal(c.state, 'closed');

      // The documents the acts produced, each stored with its SHA-256.
      assert.deepEqual(c.documents.map((d) => d.kind), ['case_filing_form', 'order_to_correct', 'advance_notice', 'legal_review_opinion', 'penalty_decision', 'service_receipt', 'payment_receipt', 'closing_report']);
      const decision = c.documents.find((d) => d.kind === 'penalty_decision')!;
      assert.equal(decision.number, c.number);
      const pdf = await call(rig.app, officer, 'GET', `/api/cases/${c.id}/documents/${decision.id}`);
      assert.equal(pdf.statusCode, 200);
      assert.match(String(pdf.headers['content-type']), /application\/pdf/);
      assert.equal(createHash('sha256').update(pdf.rawPayload).digest('hex'), decision.sha256);
      const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, '');
      const party = await db.selectFrom('enterprises').select('name').where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow();
      assert.ok(text.includes(party.name), 'the decision names the party');
      assert.ok(text.includes('230,000'), 'the amount in figures');
      assert.ok(text.includes('贰拾叁万元整'), 'the amount in capitals');
      assert.ok(text.includes(c.number), 'the decision number');

      // An audit row for the opening and for every action that was applied; none for the refusals.
      const s = await stored(c.id);
      assert.equal(s.events, c.events.length);
      assert.equal(s.audit, 1 + c.events.length);
      assert.deepEqual(c.events.map((e) => e.seq), c.events.map((_, i) => i + 1));

      const list = await call(rig.app, officer, 'GET', '/api/cases?state=closed');
      assert.ok(list.json<{ items: Array<{ id: number }> }>().items.some((x) => x.id === c.id));
      const overdue = await call(rig.app, officer, 'GET', '/api/cases?overdue=true');
      assert.ok(!overdue.json<{ items: Array<{ id: number }> }>().items.some((x) => x.id === c.id), 'a closed case is not overdue');
    });

    void test('bad input is a typed 400; a case out of scope is 404; gates that leave no fine are a 409; concurrent acts on one version', async () => {
      const bad = await call(rig.app, officer, 'POST', '/api/cases', { enterpriseId: rig.inside.enterpriseId, matterCode: 'NO-SUCH-1' });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal((await call(rig.app, officer, 'POST', '/api/cases', { enterpriseId: rig.outside.enterpriseId, matterCode: 'AIR-99-2' })).statusCode, 404);
      const opened = (await call(rig.app, officer, 'POST', '/api/cases', { enterpriseId: rig.inside.enterpriseId, matterCode: 'AIR-99-2' })).json<Detail>();
      const noOfficers = await call(rig.app, head, 'POST', `/api/cases/${opened.id}/actions`, { action: 'file', input: {}, version: opened.version });
      const filed = noOfficers.json<Detail>();
      const missing = await call(rig.app, officer, 'POST', `/api/cases/${opened.id}/actions`, { action: 'start_investigation', input: { officers: 'me' }, version: filed.version });
      assert.equal(missing.statusCode, 400);
      assert.equal(errorCode(missing), 'bad_request');
      // Time-barred (APL 36): no fine to preview, and none may be recorded.
      const barred = { ...WORKED_FINE, gates: { ...WORKED_FINE.gates, actEndedOn: '2020-01-01' } };
      const preview = await call(rig.app, officer, 'POST', `/api/cases/${opened.id}/fine-preview`, barred);
      assert.equal(preview.json<{ gates: { outcome: string }; fine: null }>().gates.outcome, 'time_barred');
      assert.equal(preview.json<{ fine: null }>().fine, null);
      const investigating = await call(rig.app, officer, 'POST', `/api/cases/${opened.id}/actions`, { action: 'start_investigation', input: { officers: [await userId(rig.store.database.db, 'officer'), officer2Id] }, version: filed.version });
      assert.equal(investigating.statusCode, 200, investigating.body);
      const refused = await call(rig.app, officer, 'POST', `/api/cases/${opened.id}/actions`, { action: 'record_discretion', input: barred, version: investigating.json<Detail>().version });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.json<{ error: { message: string } }>().error.message, /time_barred/);
      assert.equal((await rig.store.database.db.selectFrom('case_fines').select('id').where('case_id', '=', opened.id).execute()).length, 0);

      // Two acts on the same version at once: one is applied, the other is stale; one event is stored.
      const v = investigating.json<Detail>().version;
      const both = await Promise.all([officer, head].map((s) => call(rig.app, s, 'POST', `/api/cases/${opened.id}/actions`, { action: 'flag_criminal', input: CADMIUM_EVIDENCE, version: v })));
      assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 409]);
      const events = await rig.store.database.db.selectFrom('case_events').select('action').where('case_id', '=', opened.id).execute();
      assert.deepEqual(events.map((e) => e.action), ['file', 'start_investigation', 'flag_criminal']);
    });

    /** A case opened by the officer, filed by the head, investigated by the two officers. */
    const investigating = async (matterCode = 'AIR-99-2'): Promise<Detail> => {
      const opened = await call(rig.app, officer, 'POST', '/api/cases', { enterpriseId: rig.inside.enterpriseId, matterCode, discoveredAt: rig.clock.now });
      assert.equal(opened.statusCode, 201, opened.body);
      let c = await act(head, opened.json<Detail>(), 'file');
      c = await act(officer, c, 'start_investigation', { officers: [await userId(rig.store.database.db, 'officer'), officer2Id] });
      return c;
    };
    /** From a fine on record to the head's penalty decision: order, notice, hearing waived, review, decide. */
    const toPenaltyDecision = async (c: Detail): Promise<Detail> => {
      c = await act(officer, c, 'order_correction', { requirement: '立即改正', deadlineDays: 10 });
      c = await act(officer, c, 'issue_advance_notice');
      c = await act(officer, c, 'waive_hearing');
      c = await act(officer, c, 'submit_for_review');
      c = await act(legal, c, 'complete_legal_review');
      return act(head, c, 'decide');
    };
    /** First violation, minor harm, corrected in time: the gates say may_waive (APL 33 ¶1). */
    const MAY_WAIVE = { ...WORKED_FINE, gates: { actEndedOn: '2026-11-01', harm: 'minor', firstViolation: true, correctedInTime: true } };
    const refusalOf = (body: string) => JSON.parse(body) as { error: { code: string; message: string; details: { reason: string; detail?: { refusal?: { code: string; failed?: Array<{ id: string; source: string }> } } } } };

    void test('an unknown metal name in the criminal evidence is a 400 with the reason, not a 500, and nothing is stored', async () => {
      const c = await investigating();
      const before = await stored(c.id);
      const input = { evidence: { metals: [{ metal: 'Unobtainium', value: 0.5, limit: 0.1, ref: 'lab-2026-119' }] } };
      const res = await call(rig.app, officer, 'POST', `/api/cases/${c.id}/actions`, { action: 'flag_criminal', input, version: c.version });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(errorCode(res), 'bad_request');
      const err = refusalOf(res.body).error;
      assert.match(err.message, /metals\[0\]: "Unobtainium" is not one of the JI23 art\. 1 metals/);
      assert.equal(err.details.reason, 'bad_input');
      assert.deepEqual(await stored(c.id), before);
    });

    void test('a first-violation waiver: refused unless the gates said may_waive, then recorded with who, why and the article, and its decision PDF', async () => {
      let c = await investigating();
      // No gate assessed: the waiver is a 409 naming the missing ground and its article.
      const none = await call(rig.app, head, 'POST', `/api/cases/${c.id}/actions`, { action: 'decide_waiver', input: { reason: '首次违法' }, version: c.version });
      assert.equal(none.statusCode, 409, none.body);
      assert.equal(refusalOf(none.body).error.details.detail?.refusal?.code, 'precondition_failed');
      assert.deepEqual(refusalOf(none.body).error.details.detail?.refusal?.failed?.map((f) => [f.id, f.source]), [['waiver_available', 'APL 33 ¶1']]);
      // Facts on which no gate applies (proceed): recorded as a fine, and still no waiver.
      c = await act(officer, c, 'record_discretion', WORKED_FINE);
      assert.equal(c.record.waivable ?? null, null);
      assert.equal((await call(rig.app, head, 'POST', `/api/cases/${c.id}/actions`, { action: 'decide_waiver', input: { reason: '首次违法' }, version: c.version })).statusCode, 409);
      // The may_waive gate, recorded as a possible waiver (not an exemption).
      c = await act(officer, c, 'record_exemption', { gates: MAY_WAIVE.gates });
      assert.equal(c.record.exemption, null);
      assert.deepEqual({ ...c.record.waivable, reason: undefined }, { gate: 'first_violation', article: 'APL 33 ¶1', reason: undefined });
      assert.ok(c.availableActions.length === 0 || !c.availableActions.includes('decide_waiver'), 'the officer does not decide');
      assert.ok((await get(head, c.id)).availableActions.includes('decide_waiver'));
      // The officer may not decide (403); the head must give a reason (400).
      assert.equal((await call(rig.app, officer, 'POST', `/api/cases/${c.id}/actions`, { action: 'decide_waiver', input: { reason: 'x' }, version: c.version })).statusCode, 403);
      const noReason = await call(rig.app, head, 'POST', `/api/cases/${c.id}/actions`, { action: 'decide_waiver', input: {}, version: c.version });
      assert.equal(noReason.statusCode, 400, noReason.body);
      assert.equal(errorCode(noReason), 'bad_request');

      c = await act(head, c, 'decide_waiver', { reason: '当日即完成整改，未造成环境污染' });
      assert.equal(c.state, 'no_penalty');
      assert.equal(c.record.outcome, 'waived');
      const headId = await userId(rig.store.database.db, 'head');
      assert.ok(c.waiver !== null);
      assert.deepEqual([c.waiver.gate, c.waiver.article, c.waiver.reason, c.waiver.by], ['first_violation', 'APL 33 ¶1', '当日即完成整改，未造成环境污染', String(headId)]);
      assert.ok(c.waiver.byName, 'the decision maker by name');
      assert.match(c.waiver.gateReason, /first violation/);
      // The 不予行政处罚决定书 states the article, the ground, who decided and why.
      const doc = c.documents.find((d) => d.kind === 'no_penalty_decision');
      assert.ok(doc, `documents: ${c.documents.map((d) => d.kind).join(', ')}`);
      assert.match(doc.number ?? '', /^\p{Script=Han}市环不罚〔2026〕\d+号$/u);
      const pdf = await call(rig.app, officer, 'GET', `/api/cases/${c.id}/documents/${doc.id}`);
      const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, '');
      for (const want of ['不予行政处罚决定书', '《中华人民共和国行政处罚法》第三十三条第一款', '初次违法且危害后果轻微并及时改正的，可以不予行政处罚', c.waiver.byName, '当日即完成整改，未造成环境污染']) {
        assert.ok(text.includes(want), `the decision says ${want}`);
      }
      c = await act(officer, c, 'serve');
      c = await act(head, c, 'close');
      assert.equal(c.state, 'closed');
      assert.equal(c.record.outcome, 'waived');
      const audit = await rig.store.database.db.selectFrom('audit_log').select('changes').where('entity', '=', 'case').where('entity_id', '=', String(c.id)).orderBy('seq').execute();
      assert.ok(audit.some((a) => String(a.changes).includes('decide_waiver')), 'the waiver is audited');
    });

    void test('a no-penalty decision on a gate that says shall not stays apart from a waiver, with its own ground in the PDF', async () => {
      let c = await investigating();
      c = await act(officer, c, 'record_exemption', { gates: { actEndedOn: null, minor: true, correctedInTime: true, harm: 'none', firstViolation: true } });
      assert.equal(c.record.waivable ?? null, null);
      c = await act(head, c, 'decide_no_penalty');
      assert.deepEqual([c.state, c.record.outcome, c.waiver], ['no_penalty', 'no_penalty', null]);
      const doc = c.documents.find((d) => d.kind === 'no_penalty_decision')!;
      const text = (await pdfText((await call(rig.app, officer, 'GET', `/api/cases/${c.id}/documents/${doc.id}`)).rawPayload)).replace(/\s+/g, '');
      assert.ok(text.includes('《中华人民共和国行政处罚法》第三十三条第一款'));
      assert.ok(text.includes('没有造成危害后果'));
      assert.ok(!text.includes('可以不予行政处罚'), 'not worded as a waiver');
    });

    void test('the exemption and criminal forms\' provenance (origin, suggestion, reason) is kept with each event', async () => {
      let c = await investigating();
      const provenance = [{ field: 'metals.0.value', value: '0.42', suggested: '0.45', origin: '来自预警 #7', reason: '以实验室复测报告为准' }];
      c = await act(officer, c, 'flag_criminal', { evidence: { metals: [{ metal: 'Cd', value: 0.42, limit: 0.1, ref: '预警 #7' }] }, provenance });
      assert.deepEqual(c.record.criminalFlags, ['heavy_metal_3x']);
      const gates = { actEndedOn: null, minor: true, correctedInTime: true, harm: 'none', firstViolation: true };
      c = await act(officer, c, 'record_exemption', { gates, provenance: [{ field: 'discoveredOn', value: '2026-03-02', suggested: '2026-03-01', origin: '来自本案记录', reason: '以现场检查笔录为准' }] });
      const rows = await rig.store.database.db.selectFrom('case_events').select(['action', 'input']).where('case_id', '=', c.id).where('action', 'in', ['flag_criminal', 'record_exemption']).orderBy('seq').execute();
      const inputs = rows.map((r) => JSON.parse(r.input) as { provenance?: Array<{ reason?: string }> });
      assert.deepEqual(inputs.map((i) => i.provenance?.[0]?.reason), ['以实验室复测报告为准', '以现场检查笔录为准']);
      // A reason longer than the schema allows is bad input, not cut.
      const bad = await call(rig.app, officer, 'POST', `/api/cases/${c.id}/actions`, { action: 'flag_criminal', input: { ...CADMIUM_EVIDENCE, provenance: [{ field: 'x', value: 'y', reason: 'z'.repeat(2001) }] }, version: c.version });
      assert.equal(bad.statusCode, 400);
    });

    void test('a penalty is still possible when the gates said may_waive', async () => {
      let c = await investigating();
      c = await act(officer, c, 'record_discretion', MAY_WAIVE);
      assert.equal(c.fine?.gates.outcome, 'may_waive');
      assert.equal(c.record.waivable?.gate, 'first_violation');
      c = await toPenaltyDecision(c);
      assert.equal(c.state, 'decided');
      assert.equal(c.record.outcome, 'penalty');
      assert.equal(c.waiver, null);
    });

    void test('a case keeps the matter version it was opened under: an edit after opening moves new cases only', async () => {
      const admin = await login(rig.app, 'admin');
      const a = await investigating();
      assert.equal(a.tableVersion, 1);
      const matters = (await call(rig.app, admin, 'GET', '/api/matters')).json<{ items: Array<{ code: string; version: number; matter: { penalty: { max: number } } & Record<string, unknown> }> }>().items;
      const m = matters.find((x) => x.code === 'AIR-99-2')!;
      assert.equal(a.matterVersion, m.version);
      // The catalogue doubles the statutory maximum.
      const edit = await call(rig.app, admin, 'POST', '/api/matters', { baseVersion: m.version, note: 'test: range raised', matter: { ...m.matter, penalty: { ...m.matter.penalty, max: 2_000_000 } } });
      assert.equal(edit.statusCode, 201, edit.body);
      try {
        const preview = async (c: Detail) => (await call(rig.app, officer, 'POST', `/api/cases/${c.id}/fine-preview`, WORKED_FINE)).json<{ fine: { amount: number; matter: { version: number }; explanation: { statutory: { max: number } } } }>().fine;
        // The running case: the old version, 23 % of 1,000,000.
        const old = await preview(a);
        assert.deepEqual([old.amount, old.matter.version, old.explanation.statutory.max], [230_000, m.version, 1_000_000]);
        // A new case: the new version, 23 % of 2,000,000.
        const b = await investigating();
        assert.equal(b.matterVersion, m.version + 1);
        const now = await preview(b);
        assert.deepEqual([now.amount, now.matter.version], [460_000, m.version + 1]);
        // The benchmark table too: its start weight raised from 10 % to 20 % moves neither running case.
        const tables = (await call(rig.app, admin, 'GET', '/api/discretion-tables')).json<{ items: Array<{ id: string; version: number; table: { start: { weight: number; source: string } } & Record<string, unknown> }> }>().items;
        const tbl = tables.find((x) => x.id === 'GD-AIR-99-2')!;
        const tedit = await call(rig.app, admin, 'POST', '/api/discretion-tables', { baseVersion: tbl.version, note: 'test: start raised', table: { ...tbl.table, start: { ...tbl.table.start, weight: 20 } } });
        assert.equal(tedit.statusCode, 201, tedit.body);
        try {
          assert.equal((await preview(a)).amount, 230_000);
          assert.equal((await preview(b)).amount, 460_000);
          const c2 = await investigating();
          assert.equal(c2.tableVersion, tbl.version + 1);
          assert.equal((await preview(c2)).amount, 660_000, '33 % of 2,000,000 for a case opened after both edits');
        } finally {
          await call(rig.app, admin, 'POST', '/api/discretion-tables', { baseVersion: tbl.version + 1, note: 'test: start restored', table: tbl.table });
        }
        // The running case's fine and decision stay on the old version; the case shows the newer one exists.
        let c = await act(officer, a, 'record_discretion', WORKED_FINE);
        assert.deepEqual([c.amount, c.fine?.matter.version, c.matterVersion, c.matter.latestVersion], [230_000, m.version, m.version, m.version + 1]);
        c = await toPenaltyDecision(c);
        const decision = c.documents.find((d) => d.kind === 'penalty_decision')!;
        const text = (await pdfText((await call(rig.app, officer, 'GET', `/api/cases/${c.id}/documents/${decision.id}`)).rawPayload)).replace(/\s+/g, '');
        assert.ok(text.includes('法定最高罚款额1,000,000.00元'), 'the decision shows the range of the version the case runs on');
        assert.ok(!text.includes('2,000,000'));
      } finally {
        const latest = (await call(rig.app, admin, 'GET', '/api/matters')).json<{ items: Array<{ code: string; version: number }> }>().items.find((x) => x.code === 'AIR-99-2')!;
        await call(rig.app, admin, 'POST', '/api/matters', { baseVersion: latest.version, note: 'test: range restored', matter: m.matter });
      }
    });

    void test('the case read says per action whether the caller may take it now and why not; names, staff and every record document', async () => {
      const db = rig.store.database.db;
      type Check = { action: string; ok: boolean; refusal?: { code: string; failed?: Array<{ id: string; source: string }> } };
      type Page = Detail & {
        actions: Check[];
        staff: Array<{ id: number; displayName: string; role: string; regionCode: string; certificateNo: string | null }>;
        duties: Array<{ action: string; by: string; byName: string | null; note?: string }>;
        recordDocuments: Array<{ kind: string; documentId: number | null; template: boolean; byName: string | null; note: string | null }>;
        record: Detail['record'] & { legalReview: { by: string; opinion?: string } | null };
      };
      const page = async (s: Session, id: number) => (await get(s, id)) as Page;
      const check = (p: Page, action: string) => p.actions.find((a) => a.action === action);
      let c = await investigating();
      let p = await page(officer, c.id);
      // Never transferred: the police receipt is listed with its unmet precondition, and not offered.
      assert.ok(!p.availableActions.includes('record_transfer_receipt'));
      assert.deepEqual(check(p, 'record_transfer_receipt')?.refusal?.failed?.map((f) => f.id), ['transfer_sent']);
      assert.equal(check(p, 'record_transfer_receipt')?.ok, false);
      assert.ok(p.actions.filter((a) => a.ok).every((a) => p.availableActions.includes(a.action)));
      const h = await page(head, c.id);
      assert.ok(!h.availableActions.includes('request_reconsideration'));
      assert.equal(check(h, 'request_reconsideration')?.refusal?.code, 'precondition_failed');
      // The duty record names who acted; the staff of the region with their certificates.
      const [headUser, legalUser] = await Promise.all(['head', 'legal'].map((u) => db.selectFrom('users').select(['id', 'display_name']).where('username', '=', u).executeTakeFirstOrThrow()));
      assert.deepEqual(p.duties.map((d) => [d.action, d.byName]), [['file', headUser!.display_name], ['start_investigation', '执法人员']]);
      const officers = p.staff.filter((x) => x.role === 'officer');
      assert.ok(officers.some((x) => x.id === officer2Id && x.displayName === '执法人员二'));
      assert.ok(officers.some((x) => x.displayName === '执法人员' && x.certificateNo === '粤环执字第010231号'));

      c = await act(officer, c, 'record_discretion', WORKED_FINE);
      c = await act(officer, c, 'order_correction', { requirement: '立即改正', deadlineDays: 10 });
      c = await act(officer, c, 'issue_advance_notice');
      assert.ok((await page(officer, c.id)).availableActions.includes('waive_hearing'));
      c = await act(officer, c, 'waive_hearing');
      p = await page(officer, c.id);
      // Waived: neither the waiver again nor a hearing request is offered, and the server refuses a second waiver.
      assert.ok(!p.availableActions.includes('waive_hearing') && !p.availableActions.includes('request_hearing'));
      assert.ok(p.availableActions.includes('submit_for_review'));
      assert.deepEqual(check(p, 'waive_hearing')?.refusal?.failed?.map((f) => f.id), ['hearing_not_waived']);
      const again = await call(rig.app, officer, 'POST', `/api/cases/${c.id}/actions`, { action: 'waive_hearing', input: {}, version: c.version });
      assert.equal(again.statusCode, 409, again.body);
      c = await act(officer, c, 'submit_for_review');
      assert.ok((await page(legal, c.id)).availableActions.includes('complete_legal_review'));
      const opinion = '事实清楚，证据确凿，程序合法，同意拟处罚意见。';
      c = await act(legal, c, 'complete_legal_review', { opinion });
      p = await page(legal, c.id);
      assert.ok(!p.availableActions.includes('complete_legal_review'), 'the review is offered once');
      assert.deepEqual(check(p, 'complete_legal_review')?.refusal?.failed?.map((f) => f.id), ['legal_review_not_done']);
      assert.equal(p.record.legalReview?.opinion, opinion);
      assert.deepEqual(p.duties.at(-1), { ...p.duties.at(-1), action: 'complete_legal_review', byName: legalUser!.display_name, note: opinion });
      c = await act(head, c, 'decide');
      c = await act(officer, c, 'serve');
      // Every document on the record is listed with its PDF (issue 14 §10 gave the review and the service theirs) and the act's note.
      p = await page(officer, c.id);
      assert.deepEqual(p.recordDocuments.map((d) => [d.kind, d.documentId !== null, d.template]), [
        ['case_filing_form', true, true], ['order_to_correct', true, true], ['advance_notice', true, true], ['legal_review_opinion', true, true], ['penalty_decision', true, true], ['service_receipt', true, true],
      ]);
      assert.deepEqual(p.recordDocuments.filter((d) => d.documentId !== null).map((d) => d.documentId), p.documents.map((d) => d.id));
      assert.equal(p.recordDocuments.find((d) => d.kind === 'legal_review_opinion')?.note, opinion);
      assert.equal(p.recordDocuments[0]?.byName, headUser!.display_name);
      // An opinion that is not text is a typed 400 on a fresh review.
      const bad = await call(rig.app, legal, 'POST', `/api/cases/${c.id}/actions`, { action: 'complete_legal_review', input: { opinion: 7 }, version: c.version });
      assert.equal(bad.statusCode, 400, bad.body);
    });

    void test('the filing form names the legal representative and the officer\'s certificate from the registry; 未登记 only where it holds none', async () => {
      const db = rig.store.database.db;
      const filingText = async (): Promise<string> => {
        const opened = await call(rig.app, officer, 'POST', '/api/cases', { enterpriseId: rig.inside.enterpriseId, matterCode: 'AIR-99-2', discoveredAt: rig.clock.now });
        assert.equal(opened.statusCode, 201, opened.body);
        const c = await act(head, opened.json<Detail>(), 'file');
        const doc = c.documents.find((d) => d.kind === 'case_filing_form')!;
        return (await pdfText((await call(rig.app, officer, 'GET', `/api/cases/${c.id}/documents/${doc.id}`)).rawPayload)).replace(/\s+/g, '');
      };
      // The seeded values, as the enterprise page reads them.
      const { legalRepresentative } = (await call(rig.app, officer, 'GET', `/api/enterprises/${rig.inside.enterpriseId}`)).json<{ legalRepresentative: string | null }>();
      assert.match(legalRepresentative ?? '', /^[\u4e00-\u9fa5]{3}$/);
      const text = await filingText();
      assert.ok(text.includes(`法定代表人${legalRepresentative}`), 'the party\'s legal representative');
      // Not yet investigating: the officer who opened the case proposes it, with the seeded certificate.
      assert.ok(text.includes('执法人员（执法证号：粤环执字第010231号）'), 'the proposing officer and certificate');
      assert.ok(!text.includes('法定代表人（未登记）') && !text.includes('执法证号：（未登记）'));

      // Nothing in the registry: the form says so instead of inventing a value.
      const officerId = await userId(db, 'officer');
      await db.updateTable('enterprises').set({ legal_representative: null }).where('id', '=', rig.inside.enterpriseId).execute();
      await db.updateTable('users').set({ certificate_no: null }).where('id', '=', officerId).execute();
      try {
        const bare = await filingText();
        assert.ok(bare.includes('法定代表人（未登记）'));
        assert.ok(bare.includes('执法人员（执法证号：（未登记））'));
      } finally {
        await db.updateTable('enterprises').set({ legal_representative: legalRepresentative }).where('id', '=', rig.inside.enterpriseId).execute();
        await db.updateTable('users').set({ certificate_no: '粤环执字第010231号' }).where('id', '=', officerId).execute();
      }
    });
  });
}
