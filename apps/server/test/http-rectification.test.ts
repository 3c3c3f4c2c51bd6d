// Rectification and the daily continuous penalty over HTTP on both dialects (issue 5 §6–§7): a case's order to
// correct makes the order and its re-inspection task; the enterprise submits proof from its own login (a file
// whose bytes do not match its hash is 400, another enterprise's order is 404); the case is decided (the worked
// fine, 230,000 yuan) and served; re-inspected uncorrected twice — each a daily-penalty round of 230,000 × the
// days from the day after service through the re-inspection [EPL 59, DPM], and a new order served at the
// re-inspection — then corrected, which closes the chain. The escalation job on a fixed clock, a measure that
// stops the rounds, the monthly figures that move, and the audit rows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { calendarDeadline } from '@ecoenforce/domain';
import { escalateRectifications } from '../src/enforcement/rectification/rectification-escalation.ts';
import type { MonthlyReport } from '@ecoenforce/contract';
import { createOrder } from '../src/enforcement/rectification/rectification.ts';
import type { RectificationDetail, RectificationStaff, RectificationSummary, RoundView } from '@ecoenforce/contract';
import { secondOfficer, userId, WORKED_FINE } from './case-fixtures.ts';
import { DIALECTS } from './store-fixtures.ts';
import { call, errorCode, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface CaseDetail { id: number; version: number; state: string; amount: number | null }
interface OutcomeReply { rectification: RectificationDetail; round: RoundView | null; nextId: number | null }

const proofFile = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  return { name: 'photo.txt', sha256: createHash('sha256').update(bytes).digest('hex'), content: bytes.toString('base64') };
};

for (const dialect of DIALECTS) {
  void describe(`rectification on ${dialect}`, () => {
    let rig: HttpRig;
    let officer: Session;
    let head: Session;
    let legal: Session;
    let company: Session;
    let officers: number[];
    before(async () => {
      rig = await startHttpRig(dialect);
      officer = await login(rig.app, 'officer');
      head = await login(rig.app, 'head');
      legal = await login(rig.app, 'legal');
      company = await login(rig.app, 'company');
      const db = rig.store.database.db;
      officers = [await userId(db, 'officer'), await secondOfficer(db)];
    });
    after(() => rig.close());

    const act = async (s: Session, c: CaseDetail, action: string, input: object = {}): Promise<CaseDetail> => {
      rig.clock.now += HOUR;
      const res = await call(rig.app, s, 'POST', `/api/cases/${c.id}/actions`, { action, input, version: c.version });
      assert.equal(res.statusCode, 200, `${action}: ${res.body.slice(0, 400)}`);
      return res.json<CaseDetail>();
    };
    const detail = async (s: Session, id: number) => {
      const res = await call(rig.app, s, 'GET', `/api/rectifications/${id}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json<RectificationDetail>();
    };
    const monthly = async (month: string) => (await call(rig.app, head, 'GET', `/api/reports/monthly?month=${month}`)).json<MonthlyReport>().total.current;

    void test('order from a case → proof → re-inspected uncorrected twice (daily-penalty rounds) → corrected', async () => {
      const db = rig.store.database.db;
      const punishedBefore = (await monthly('2026-11')).punished;
      const rectifiedBefore = (await monthly('2026-12')).rectified;

      // The case: opened, filed, investigated by two officers, ordered to correct within 10 days.
      const opened = await call(rig.app, officer, 'POST', '/api/cases', { enterpriseId: rig.inside.enterpriseId, matterCode: 'AIR-99-2', discoveredAt: rig.clock.now });
      assert.equal(opened.statusCode, 201, opened.body);
      let c = opened.json<CaseDetail>();
      c = await act(head, c, 'file');
      c = await act(officer, c, 'start_investigation', { officers });
      c = await act(officer, c, 'order_correction', { requirement: '立即停止超标排放，完成脱硫设施检修', deadlineDays: 10 });
      const servedAt = rig.clock.now;

      const list = await call(rig.app, officer, 'GET', `/api/rectifications?caseId=${c.id}`);
      assert.equal(list.statusCode, 200, list.body);
      const [first] = list.json<{ items: RectificationSummary[] }>().items;
      assert.ok(first !== undefined, 'the order_correction act made an order');
      assert.equal(first.status, 'open');
      assert.equal(first.orderedAt, servedAt);
      assert.equal(first.deadlineAt, calendarDeadline(servedAt, 10).expiresAt);
      assert.equal(first.reinspectBy, calendarDeadline(servedAt, 30).expiresAt, 're-inspect within 30 days of service [DPM]');
      assert.equal(first.requirement, '立即停止超标排放，完成脱硫设施检修');
      assert.deepEqual(first.clocks.map((k) => [k.id, k.status]), [['rectification', 'ok'], ['reinspection', 'ok']]);

      // The re-inspection task: source 'reinspection', due 30 days from service.
      const task = await db.selectFrom('tasks').selectAll().where('id', '=', first.taskId!).executeTakeFirstOrThrow();
      assert.equal(task.source_kind, 'reinspection');
      assert.equal(Number(task.source_id), first.id);
      assert.equal(Number(task.due_at), calendarDeadline(servedAt, 30).expiresAt);
      assert.equal(Number(task.enterprise_id), rig.inside.enterpriseId);

      // The enterprise's proof: bytes that do not hash to what was sent → 400, nothing stored; then a good one.
      rig.clock.now += HOUR;
      const good = proofFile('脱硫设施检修完成照片');
      const bad = await call(rig.app, company, 'POST', `/api/rectifications/${first.id}/proofs`, { text: '已检修', files: [{ ...good, sha256: createHash('sha256').update('other').digest('hex') }] });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.match(bad.body, /SHA-256/);
      assert.equal((await db.selectFrom('rectification_proofs').select('id').where('rectification_id', '=', first.id).execute()).length, 0);
      const proved = await call(rig.app, company, 'POST', `/api/rectifications/${first.id}/proofs`, { text: '已检修', files: [good] });
      assert.equal(proved.statusCode, 200, proved.body);
      const afterProof = proved.json<RectificationDetail>();
      assert.equal(afterProof.status, 'proof_submitted');
      assert.deepEqual(afterProof.proofs[0]?.files.map((f) => f.sha256), [good.sha256]);
      const download = await call(rig.app, officer, 'GET', `/api/rectifications/${first.id}/files/${afterProof.proofs[0].files[0]!.id}`);
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['x-content-sha256'], good.sha256);
      assert.equal(download.body, '脱硫设施检修完成照片');
      // The enterprise sees its own orders only; staff may not submit proof.
      const own = (await call(rig.app, company, 'GET', '/api/rectifications')).json<{ items: RectificationSummary[] }>().items;
      assert.ok(own.length > 0 && own.every((r) => r.enterpriseId === rig.inside.enterpriseId));
      assert.equal((await call(rig.app, officer, 'POST', `/api/rectifications/${first.id}/proofs`, { text: 'x' })).statusCode, 403);

      // Another enterprise's order (a direct one, without a case) is not found for this enterprise.
      const made = await createOrder(db, { enterpriseId: rig.otherCity.enterpriseId, caseId: null, requirement: '规范设置排污口标志牌', deadlineDays: 5 }, { actor: { kind: 'system', id: null, name: 'test' }, userId: 1, scope: { regionPrefix: '44', enterpriseIds: null }, ip: null, at: rig.clock.now });
      const other = await detail(head, made.id);
      assert.equal(other.caseId, null);
      const foreign = await call(rig.app, company, 'POST', `/api/rectifications/${other.id}/proofs`, { text: 'not mine', files: [good] });
      assert.equal(foreign.statusCode, 404);
      assert.equal(errorCode(foreign), 'not_found');
      assert.equal((await call(rig.app, company, 'GET', `/api/rectifications/${other.id}`)).statusCode, 404);

      // The fine (the worked example, 230,000 yuan), decided and served.
      c = await act(officer, c, 'record_discretion', WORKED_FINE);
      assert.equal(c.amount, 230_000);
      c = await act(officer, c, 'issue_advance_notice');
      c = await act(officer, c, 'waive_hearing');
      c = await act(officer, c, 'submit_for_review');
      c = await act(legal, c, 'complete_legal_review');
      c = await act(head, c, 'decide');
      c = await act(officer, c, 'serve');
      assert.equal(c.state, 'served');
      assert.equal((await monthly('2026-11')).punished, punishedBefore + 1, 'the penalty decision served in November punishes the unit');

      // One officer is not enough [APL 42]: 409, nothing stored.
      rig.clock.now = servedAt + 12 * DAY + 2 * HOUR;
      const reinspectedAt = servedAt + 12 * DAY;
      const lonely = await call(rig.app, officer, 'POST', `/api/rectifications/${first.id}/outcome`, { corrected: false, reinspectedAt, officers: [officers[0]], findings: '仍超标' });
      assert.equal(lonely.statusCode, 409, lonely.body);

      // The officers come from the order's staff list, by name with the 执法证号; anyone else (the company's own user) is refused.
      const staff = await call(rig.app, officer, 'GET', `/api/rectifications/${first.id}/staff`);
      assert.equal(staff.statusCode, 200, staff.body);
      const listed = staff.json<RectificationStaff>().items;
      for (const o of officers) assert.ok(listed.some((u) => u.id === o && u.displayName !== ''), `officer ${o} is offered`);
      assert.ok(listed.every((u) => u.role === 'officer' || u.role === 'head'));
      assert.ok(listed.some((u) => u.certificateNo !== null), 'certificate numbers are shown');
      assert.equal((await call(rig.app, company, 'GET', `/api/rectifications/${first.id}/staff`)).statusCode, 403);
      const companyUser = await userId(rig.store.database.db, 'company');
      const stranger = await call(rig.app, officer, 'POST', `/api/rectifications/${first.id}/outcome`, { corrected: false, reinspectedAt, officers: [officers[0], companyUser], findings: '仍超标' });
      assert.equal(stranger.statusCode, 400, stranger.body);

      // Round 1: not corrected 12 days after service → 230,000 × 12 = 2,760,000 yuan.
      const r1 = await call(rig.app, officer, 'POST', `/api/rectifications/${first.id}/outcome`, { corrected: false, reinspectedAt, officers, findings: '脱硫设施仍未运行，二氧化硫仍超标' });
      assert.equal(r1.statusCode, 200, r1.body);
      const out1 = r1.json<OutcomeReply>();
      assert.equal(out1.rectification.status, 'not_corrected');
      assert.deepEqual(out1.rectification.reinspection?.officers, officers);
      assert.deepEqual(out1.rectification.reinspection?.officerNames, officers.map((o) => listed.find((u) => u.id === o)!.displayName), 'the re-inspection shows the officers by name');
      assert.equal(out1.round?.originalFine, 230_000);
      assert.equal(out1.round?.days, 12);
      assert.equal(out1.round?.amount, 2_760_000);
      assert.equal(out1.round?.status, 'penalised');
      assert.match(out1.round.explanation.text, /230000 yuan × 12 days/);
      assert.equal((await db.selectFrom('tasks').select('status').where('id', '=', first.taskId!).executeTakeFirstOrThrow()).status, 'done');
      // The next order is served at the re-inspection, with its own re-inspection task.
      assert.ok(out1.nextId !== null);
      const second = await detail(officer, out1.nextId);
      assert.equal(second.round, 2);
      assert.equal(second.previousId, first.id);
      assert.equal(second.chainId, first.id);
      assert.equal(second.orderedAt, reinspectedAt);
      assert.equal(second.status, 'open');
      assert.notEqual(second.taskId, first.taskId);
      assert.equal(Number((await db.selectFrom('tasks').select('due_at').where('id', '=', second.taskId!).executeTakeFirstOrThrow()).due_at), calendarDeadline(reinspectedAt, 30).expiresAt);
      // An order already judged cannot be judged again.
      assert.equal((await call(rig.app, officer, 'POST', `/api/rectifications/${first.id}/outcome`, { corrected: true, reinspectedAt, officers, findings: '' })).statusCode, 409);

      // Round 2: not corrected 7 days later → 230,000 × 7 = 1,610,000 yuan.
      const reinspected2 = reinspectedAt + 7 * DAY;
      rig.clock.now = reinspected2 + HOUR;
      const out2 = (await call(rig.app, officer, 'POST', `/api/rectifications/${second.id}/outcome`, { corrected: false, reinspectedAt: reinspected2, officers, findings: '仍未改正' })).json<OutcomeReply>();
      assert.equal(out2.round?.days, 7);
      assert.equal(out2.round?.amount, 1_610_000);
      assert.equal(out2.round?.round, 2);
      const third = out2.nextId!;

      // Round 3: corrected → the chain is closed, no round, no further order.
      const reinspected3 = reinspected2 + 5 * DAY;
      rig.clock.now = reinspected3 + HOUR;
      const out3 = (await call(rig.app, officer, 'POST', `/api/rectifications/${third}/outcome`, { corrected: true, reinspectedAt: reinspected3, officers, findings: '已改正，排放达标' })).json<OutcomeReply>();
      assert.equal(out3.rectification.status, 'corrected');
      assert.equal(out3.rectification.closedAt, rig.clock.now);
      assert.equal(out3.round, null);
      assert.equal(out3.nextId, null);
      assert.deepEqual(out3.rectification.chain.map((x) => [x.round, x.status]), [[1, 'not_corrected'], [2, 'not_corrected'], [3, 'corrected']]);
      assert.deepEqual(out3.rectification.rounds.map((x) => x.amount), [2_760_000, 1_610_000]);

      // The case's panel: its orders and rounds with the total.
      const panel = (await call(rig.app, legal, 'GET', `/api/cases/${c.id}/rectifications`)).json<{ items: RectificationSummary[]; rounds: RoundView[]; total: number }>();
      assert.equal(panel.items.length, 3);
      assert.equal(panel.total, 4_370_000);

      // The corrected order counts the unit as rectified in December (the month it was found corrected).
      assert.equal((await monthly('2026-12')).rectified, rectifiedBefore + 1);

      // Audit: every change of the chain, and each round.
      const audit = await db.selectFrom('audit_log').select(['action', 'entity', 'entity_id']).where('entity', 'in', ['rectification', 'daily_penalty_round']).orderBy('seq').execute();
      const of = (id: number) => audit.filter((a) => a.entity === 'rectification' && a.entity_id === String(id)).map((a) => a.action);
      assert.deepEqual(of(first.id), ['create', 'submit_proof', 'outcome']);
      assert.deepEqual(of(second.id), ['create', 'outcome']);
      assert.deepEqual(of(third), ['create', 'outcome']);
      assert.equal(audit.filter((a) => a.entity === 'daily_penalty_round').length, 2);
    });

    void test('a measure stops the rounds: production suspended before the re-inspection → no amount, no next order', async () => {
      const db = rig.store.database.db;
      // A case with a decided fine; its order served now.
      const opened = (await call(rig.app, officer, 'POST', '/api/cases', { enterpriseId: rig.inside.enterpriseId, matterCode: 'AIR-99-2', discoveredAt: rig.clock.now })).json<CaseDetail>();
      let c = await act(head, opened, 'file');
      c = await act(officer, c, 'start_investigation', { officers });
      c = await act(officer, c, 'order_correction', { deadlineDays: 5 });
      const order = (await call(rig.app, officer, 'GET', `/api/rectifications?caseId=${c.id}`)).json<{ items: RectificationSummary[] }>().items[0]!;
      c = await act(officer, c, 'record_discretion', WORKED_FINE);
      for (const [s, a] of [[officer, 'issue_advance_notice'], [officer, 'waive_hearing'], [officer, 'submit_for_review'], [legal, 'complete_legal_review'], [head, 'decide'], [officer, 'serve']] as const) c = await act(s, c, a);
      rig.clock.now = order.orderedAt + 3 * DAY;
      assert.equal((await call(rig.app, officer, 'POST', `/api/rectifications/${order.id}/measures`, { kind: 'suspend', at: rig.clock.now, note: '责令停产整治' })).statusCode, 403, 'the head decides a measure');
      const m = await call(rig.app, head, 'POST', `/api/rectifications/${order.id}/measures`, { kind: 'suspend', at: rig.clock.now, note: '责令停产整治' });
      assert.equal(m.statusCode, 201, m.body);
      rig.clock.now = order.orderedAt + 6 * DAY;
      const out = (await call(rig.app, officer, 'POST', `/api/rectifications/${order.id}/outcome`, { corrected: false, reinspectedAt: rig.clock.now - HOUR, officers, findings: '停产中' })).json<OutcomeReply>();
      assert.equal(out.round?.status, 'production_restricted');
      assert.equal(out.round?.amount, 0);
      assert.equal(out.nextId, null);
      assert.equal((await db.selectFrom('audit_log').select('seq').where('entity', '=', 'rectification').where('entity_id', '=', String(order.id)).where('action', '=', 'measure').execute()).length, 1);
    });

    void test('escalation on a fixed clock: overdue orders rise, a level never falls, each raise audited', async () => {
      const db = rig.store.database.db;
      const created = await call(rig.app, officer, 'POST', '/api/rectifications', { enterpriseId: rig.inside.enterpriseId, requirement: '完善自行监测方案', deadlineDays: 5 });
      assert.equal(created.statusCode, 201, created.body);
      const r = created.json<RectificationDetail>();
      const deadline = calendarDeadline(r.orderedAt, 5).expiresAt;
      // Due soon: the day before the deadline expires.
      const soon = await escalateRectifications(db, deadline - 12 * HOUR);
      assert.equal(soon.find((e) => e.id === r.id)?.to, 1);
      // Overdue by a day: level 2, the enterprise's clock asking.
      const overdue = await escalateRectifications(db, deadline + DAY);
      assert.deepEqual(overdue.find((e) => e.id === r.id), { id: r.id, from: 1, to: 2, clocks: ['rectification'] });
      // A run at an earlier time finds nothing higher and writes nothing.
      assert.equal((await escalateRectifications(db, deadline - 12 * HOUR)).find((e) => e.id === r.id), undefined);
      // Overdue for long: level 3.
      assert.equal((await escalateRectifications(db, deadline + 5 * DAY)).find((e) => e.id === r.id)?.to, 3);
      const audit = await db.selectFrom('audit_log').select('changes').where('entity', '=', 'rectification').where('entity_id', '=', String(r.id)).where('action', '=', 'escalate').orderBy('seq').execute();
      assert.equal(audit.length, 3);
      // Proof on time stops the enterprise's clock; a cancelled order leaves the job alone.
      const cancelled = await call(rig.app, head, 'POST', `/api/rectifications/${r.id}/cancel`, { reason: '执法主体错误' });
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal(cancelled.json<RectificationDetail>().status, 'cancelled');
      assert.equal((await escalateRectifications(db, deadline + 40 * DAY)).find((e) => e.id === r.id), undefined);
      assert.equal((await db.selectFrom('tasks').select('status').where('id', '=', r.taskId!).executeTakeFirstOrThrow()).status, 'cancelled');
    });

    // Runs after the tests above: their orders (a chain of three, a measure, a cancelled one) are counted too.
    void test('every rectification figure of the statistics lists as many orders as it counts (issue 5 §10)', async () => {
      const db = rig.store.database.db;
      const by = await userId(db, 'head');
      const enterprise = (id: number) => db.selectFrom('enterprises').select(['id', 'region_code']).where('id', '=', id).executeTakeFirstOrThrow();
      const home = await enterprise(rig.inside.enterpriseId);
      const away = await enterprise(rig.otherCity.enterpriseId);
      const jan = Date.parse('2027-01-04T02:00:00Z');
      const order = (e: { id: number; region_code: string }, orderedAt: number, status: RectificationDetail['status'], closedAt: number | null) => ({
        chain_id: null, previous_id: null, round: 1, case_id: null, enterprise_id: Number(e.id), region_code: e.region_code, status, requirement: '整改（统计）', deadline_days: 10,
        ordered_at: orderedAt, deadline_at: orderedAt + 10 * DAY, reinspect_by: orderedAt + 30 * DAY, task_id: null, reinspected_at: closedAt, reinspection_officers: null,
        findings: null, closed_at: closedAt, cancel_reason: null, created_at: orderedAt, created_by: by, updated_at: orderedAt, version: 1,
      } as const);
      await db.insertInto('rectifications').values([
        order(home, jan, 'corrected', jan + 5 * DAY), order(home, jan, 'corrected', jan + 15 * DAY), order(away, jan, 'corrected', jan + 3 * DAY),
        order(away, jan, 'not_corrected', jan + 12 * DAY), order(away, jan, 'open', null), order(home, jan + DAY, 'cancelled', jan + 2 * DAY),
      ]).execute();
      rig.clock.now = Math.max(rig.clock.now, jan + 40 * DAY);

      interface Cell { value: number | null; link: { path: string; query: Record<string, string> } | null }
      interface Row { key: string; cells: Record<string, Cell> }
      const listed = async (cell: Cell): Promise<RectificationSummary[]> => {
        assert.ok(cell.link !== null);
        assert.equal(cell.link.path, '/api/rectifications');
        const res = await call(rig.app, head, 'GET', `/api/rectifications?${new URLSearchParams({ ...cell.link.query, limit: '500' }).toString()}`);
        assert.equal(res.statusCode, 200, res.body.slice(0, 400));
        return res.json<{ items: RectificationSummary[] }>().items;
      };
      const COUNTS = ['rectOrdered', 'rectClosed', 'rectCorrected', 'rectOnTime', 'rectLate', 'dailyPenaltyRounds'] as const;
      let nonZero = 0;
      for (const groupBy of ['region', 'month', 'matter', 'industry']) {
        const res = await call(rig.app, head, 'GET', `/api/stats/enforcement?from=2026-11-01&to=2027-02-28&groupBy=${groupBy}`);
        assert.equal(res.statusCode, 200, res.body.slice(0, 400));
        const s = res.json<{ rows: Row[]; total: Row }>();
        for (const row of [...s.rows, s.total]) {
          for (const m of COUNTS) {
            const cell = row.cells[m]!;
            const items = await listed(cell);
            assert.equal(items.length, cell.value, `${groupBy} ${row.key} ${m}: ${JSON.stringify(cell.link?.query)}`);
            if (items.length > 0) nonZero += 1;
          }
          const rate = row.cells.rectRate!;
          const closed = await listed(rate);
          assert.equal(rate.value, closed.length === 0 ? null : closed.filter((r) => r.status === 'corrected').length / closed.length, `${groupBy} ${row.key} rectRate`);
        }
      }
      assert.ok(nonZero > 20, 'the figures compared are not all zero');
      const total = (await call(rig.app, head, 'GET', '/api/stats/enforcement?from=2027-01-01&to=2027-01-31')).json<{ total: Row }>().total.cells;
      assert.deepEqual([total.rectOrdered!.value, total.rectClosed!.value, total.rectCorrected!.value, total.rectOnTime!.value, total.rectLate!.value], [6, 4, 3, 2, 1]);

      // Orders without a case: the matter row 'none' counts them, and its link (matter=none) lists exactly them.
      const byMatter = (await call(rig.app, head, 'GET', '/api/stats/enforcement?from=2027-01-01&to=2027-01-31&groupBy=matter')).json<{ rows: Row[] }>().rows;
      const none = byMatter.find((r) => r.key === 'none')!.cells.rectOrdered!;
      assert.equal(none.link!.query.matter, 'none');
      assert.ok((none.value ?? 0) > 0, 'some orders have no case');

      // Overdue at the platform time: exactly the orders whose summary says so.
      const all = (await call(rig.app, head, 'GET', '/api/rectifications?limit=500')).json<{ items: RectificationSummary[] }>().items;
      const ids = async (q: string) => (await call(rig.app, head, 'GET', `/api/rectifications?limit=500&${q}`)).json<{ items: RectificationSummary[] }>().items.map((r) => r.id);
      assert.deepEqual(await ids('overdue=true'), all.filter((r) => r.overdue).map((r) => r.id));
      assert.deepEqual(await ids('overdue=false'), all.filter((r) => !r.overdue).map((r) => r.id));
      assert.ok(all.some((r) => r.overdue) && all.some((r) => !r.overdue));

      // Scope as before: the county officer asking for the other city's region sees nothing; the enterprise its own.
      assert.deepEqual(await (async () => (await call(rig.app, officer, 'GET', `/api/rectifications?region=${away.region_code}`)).json<{ items: unknown[] }>().items)(), []);
      const own = (await call(rig.app, company, 'GET', '/api/rectifications?from=2027-01-01&to=2027-01-31')).json<{ items: RectificationSummary[] }>().items;
      assert.ok(own.length === 3 && own.every((r) => r.enterpriseId === rig.inside.enterpriseId));

      // Bad filters are typed 400s.
      for (const q of ['status=corrected,nonsense', 'from=2027-02-30', 'from=2027-02-01&to=2027-01-01', 'from=2020-01-01&to=2027-01-01', 'by=served', 'region=990000', 'onTime=maybe', 'overdue=1', 'matter=']) {
        const bad = await call(rig.app, head, 'GET', `/api/rectifications?${q}`);
        assert.equal(bad.statusCode, 400, `${q}: ${bad.body.slice(0, 200)}`);
        assert.equal(errorCode(bad), 'bad_request', q);
      }
    });
  });
}
