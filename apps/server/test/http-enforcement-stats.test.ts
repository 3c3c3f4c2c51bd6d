// Enforcement statistics over HTTP (issue 5 §10): cases driven through the case service to a fine, a
// no-penalty decision and an accepted transfer, in two cities, two matters and two months; the figures by
// region, matter and month, the period (a case decided in October is not in November), the region scope (a
// county officer sees its county only), each cell's link listing exactly the cases it counts, rectification
// and daily-penalty figures, and the XLSX export read back with exceljs holding the same numbers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { beijing, type CaseActionType } from '@ecoenforce/domain';
import type { Kysely } from 'kysely';
import type { RectificationStatusColumn, Schema } from '../src/platform/db/schema.ts';
import { applyAction, openCase, type CaseContext } from '../src/enforcement/cases/cases.ts';
import type { Role } from '../src/access/model.ts';
import { createUser } from '../src/accounts/users.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-users.ts';
import { DIALECTS } from './store-fixtures.ts';
import { call, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';
import { assertChineseOnly, xlsxSheet } from './export-fixtures.ts';
import { CADMIUM_EVIDENCE, secondOfficer, userId, WORKED_FINE } from './case-fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FINE = 230_000;

/** An action, the role and user that take it, and its input. */
type Step = [CaseActionType, Role, string, Record<string, unknown>?];

interface Cell { value: number | null; link: { path: string; query: Record<string, string> } | null }
interface Row { key: string; label: string; cells: Record<string, Cell> }
interface Stats { rows: Row[]; total: Row; available: { rectifications: boolean; dailyPenalties: boolean }; period: { from: string; to: string }; region: { code: string; name: string } }

/** The figures of a row the tests look at, as plain numbers. */
const CASE_FIGURES = ['opened', 'decided', 'fined', 'fineAmount', 'exempted', 'transferProposed', 'transferSent', 'transferAccepted'] as const;
function figures(r: Row | undefined): Record<string, number | null> {
  return Object.fromEntries(CASE_FIGURES.map((m) => [m, r?.cells[m]?.value ?? 0]));
}

for (const dialect of DIALECTS) {
  void describe(`enforcement statistics on ${dialect}`, () => {
    let rig: HttpRig;
    let db: Kysely<Schema>;
    let head: Session;
    let officer: Session;
    let investigators: number[];
    let home: { id: number; region: string };
    let away: { id: number; region: string };
    const ids = { fineHome: 0, fineAway: 0, exempt: 0, transfer: 0, october: 0 };

    const ctx = async (username: string, role: Role, at: number): Promise<CaseContext> => {
      const id = await userId(db, username);
      return { userId: id, role, actor: { kind: 'user', id, name: username }, ip: null, at };
    };
    /** Opens and files a case at `at`, then applies each step an hour after the one before. */
    const drive = async (enterpriseId: number, matterCode: string, at: number, steps: Step[], team = { lead: 'officer', officers: investigators }): Promise<number> => {
      const row = await openCase(db, { enterpriseId, matterCode, discoveredAt: at }, await ctx(team.lead, 'officer', at));
      let version = row.version;
      let t = at;
      for (const [action, role, username, input] of [['file', 'head', 'head'], ['start_investigation', 'officer', 'officer', { officers: team.officers }], ...steps] as Step[]) {
        t += HOUR;
        // The investigating officer of the case's own region acts for 'officer'.
        const r = await applyAction(db, null, row.id, { action, input: input ?? {}, version }, await ctx(username === 'officer' ? team.lead : username, role, t));
        version = r.row.version;
      }
      return row.id;
    };
    const FINED: Step[] = [
      ['order_correction', 'officer', 'officer', { requirement: '立即停止超标排放', deadlineDays: 30 }],
      ['record_discretion', 'officer', 'officer', WORKED_FINE],
      ['issue_advance_notice', 'officer', 'officer'], ['waive_hearing', 'officer', 'officer'], ['submit_for_review', 'officer', 'officer'],
      ['complete_legal_review', 'legalReviewer', 'legal'], ['decide', 'head', 'head'],
    ];
    const EXEMPTED: Step[] = [
      ['record_exemption', 'officer', 'officer', { gates: { actEndedOn: null, minor: true, correctedInTime: true, harm: 'none', firstViolation: true } }],
      ['decide_no_penalty', 'head', 'head'],
    ];
    const TRANSFERRED: Step[] = [
      ['flag_criminal', 'officer', 'officer', CADMIUM_EVIDENCE], ['propose_transfer', 'officer', 'officer'], ['approve_transfer', 'head', 'head'],
      ['send_transfer', 'officer', 'officer'], ['police_accept', 'officer', 'officer'],
    ];

    const stats = async (s: Session, query: string, status = 200): Promise<Stats> => {
      const res = await call(rig.app, s, 'GET', `/api/stats/enforcement?${query}`);
      assert.equal(res.statusCode, status, res.body.slice(0, 500));
      return res.json<Stats>();
    };
    /** The ids GET /api/cases lists for a cell's link. */
    const listed = async (s: Session, cell: Cell): Promise<number[]> => {
      assert.ok(cell.link !== null);
      assert.equal(cell.link.path, '/api/cases');
      const res = await call(rig.app, s, 'GET', `/api/cases?${new URLSearchParams({ ...cell.link.query, limit: '200' }).toString()}`);
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      return res.json<{ items: Array<{ id: number }> }>().items.map((c) => c.id).sort((a, b) => a - b);
    };

    before(async () => {
      rig = await startHttpRig(dialect);
      db = rig.store.database.db;
      investigators = [await userId(db, 'officer'), await secondOfficer(db)];
      [head, officer] = await Promise.all([login(rig.app, 'head'), login(rig.app, 'officer')]);
      const first = await db.selectFrom('enterprises').select(['id', 'region_code']).where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow();
      const other = await db.selectFrom('enterprises').select(['id', 'region_code']).where('region_code', 'like', '44%').where('region_code', 'not like', `${first.region_code.slice(0, 4)}%`).orderBy('id').executeTakeFirstOrThrow();
      home = { id: Number(first.id), region: first.region_code };
      away = { id: Number(other.id), region: other.region_code };
      // November 2026: a fine in each city, a no-penalty decision and an accepted transfer at home.
      ids.fineHome = await drive(home.id, 'AIR-99-2', beijing('2026-11-02T09:00'), FINED);
      const awayOfficers = await Promise.all(['away1', 'away2'].map((u) => createUser(db, { username: u, displayName: u, password: DEMO_PASSWORD, role: 'officer', regionCode: away.region }, rig.clock.now)));
      ids.fineAway = await drive(away.id, 'AIR-99-2', beijing('2026-11-03T09:00'), FINED, { lead: 'away1', officers: awayOfficers });
      ids.exempt = await drive(home.id, 'WAT-83-2', beijing('2026-11-04T09:00'), EXEMPTED);
      ids.transfer = await drive(home.id, 'AIR-99-2', beijing('2026-11-05T09:00'), TRANSFERRED);
      // October: filed and fined, outside a November period.
      ids.october = await drive(home.id, 'AIR-99-2', beijing('2026-10-12T09:00'), FINED);
    });
    after(() => rig.close());

    void test('by region for the province: the totals, each city, and the links list exactly the counted cases', async () => {
      const s = await stats(head, 'from=2026-11-01&to=2026-11-30&groupBy=region');
      assert.deepEqual(s.period, { ...s.period, from: '2026-11-01', to: '2026-11-30' });
      assert.deepEqual(figures(s.total), { opened: 4, decided: 3, fined: 2, fineAmount: 2 * FINE, exempted: 1, transferProposed: 1, transferSent: 1, transferAccepted: 1 });
      const homeCity = `${home.region.slice(0, 4)}00`;
      const awayCity = `${away.region.slice(0, 4)}00`;
      assert.ok(s.rows.every((r) => /^\d{4}00$/.test(r.key)), 'rows are the cities of the province');
      assert.deepEqual(figures(s.rows.find((r) => r.key === homeCity)), { opened: 3, decided: 2, fined: 1, fineAmount: FINE, exempted: 1, transferProposed: 1, transferSent: 1, transferAccepted: 1 });
      assert.deepEqual(figures(s.rows.find((r) => r.key === awayCity)), { opened: 1, decided: 1, fined: 1, fineAmount: FINE, exempted: 0, transferProposed: 0, transferSent: 0, transferAccepted: 0 });
      assert.ok(s.rows.some((r) => r.cells.opened?.value === 0), 'cities without cases are listed with zeros');

      const homeRow = s.rows.find((r) => r.key === homeCity)!;
      assert.deepEqual(await listed(head, homeRow.cells.fined!), [ids.fineHome]);
      assert.deepEqual(await listed(head, homeRow.cells.exempted!), [ids.exempt]);
      assert.deepEqual(await listed(head, homeRow.cells.transferAccepted!), [ids.transfer]);
      assert.deepEqual(await listed(head, s.total.cells.opened!), [ids.fineHome, ids.fineAway, ids.exempt, ids.transfer].sort((a, b) => a - b));
      assert.deepEqual(await listed(head, s.total.cells.fineAmount!), [ids.fineHome, ids.fineAway].sort((a, b) => a - b));
    });

    void test('by matter and by month; a wider period takes in October', async () => {
      const m = await stats(head, 'from=2026-11-01&to=2026-11-30&groupBy=matter');
      assert.deepEqual(m.rows.map((r) => r.key), ['AIR-99-2', 'WAT-83-2']);
      assert.match(m.rows[0]!.label, /^AIR-99-2 \S/, 'the matter is named');
      assert.deepEqual(figures(m.rows[0]), { opened: 3, decided: 2, fined: 2, fineAmount: 2 * FINE, exempted: 0, transferProposed: 1, transferSent: 1, transferAccepted: 1 });
      assert.deepEqual(figures(m.rows[1]), { opened: 1, decided: 1, fined: 0, fineAmount: 0, exempted: 1, transferProposed: 0, transferSent: 0, transferAccepted: 0 });
      assert.deepEqual(await listed(head, m.rows[1]!.cells.decided!), [ids.exempt]);

      const wide = await stats(head, 'from=2026-10-01&to=2026-11-30&groupBy=month');
      assert.deepEqual(wide.rows.map((r) => r.key), ['2026-10', '2026-11']);
      assert.deepEqual([wide.rows[0]!.cells.fined!.value, wide.rows[1]!.cells.fined!.value, wide.total.cells.fined!.value], [1, 2, 3]);
      assert.equal(wide.total.cells.fineAmount!.value, 3 * FINE);
      assert.equal(wide.total.cells.opened!.value, 5);
      assert.deepEqual(await listed(head, wide.rows[0]!.cells.fined!), [ids.october]);
      // The October case was filed and decided on 12 October (Beijing): a period ending the day before counts
      // nothing of it, the day alone counts it.
      const early = await stats(head, 'from=2026-10-01&to=2026-10-11&groupBy=matter');
      assert.deepEqual([early.total.cells.opened!.value, early.total.cells.fined!.value, early.rows.length], [0, 0, 0]);
      const day = await stats(head, 'from=2026-10-12&to=2026-10-12&groupBy=matter');
      assert.deepEqual([day.total.cells.opened!.value, day.total.cells.fined!.value], [1, 1]);
    });

    void test('a county officer sees its county only; the enterprise has no statistics; bad periods are 400', async () => {
      const s = await stats(officer, 'from=2026-11-01&to=2026-11-30&groupBy=region');
      assert.deepEqual(s.rows.map((r) => r.key), [home.region]);
      assert.deepEqual(figures(s.total), { opened: 3, decided: 2, fined: 1, fineAmount: FINE, exempted: 1, transferProposed: 1, transferSent: 1, transferAccepted: 1 });
      assert.deepEqual(await listed(officer, s.total.cells.fined!), [ids.fineHome]);
      const analyst = await login(rig.app, 'analyst');
      assert.equal((await stats(analyst, 'preset=quarter')).total.cells.opened!.value !== null, true);
      const company = await login(rig.app, 'company');
      assert.equal((await call(rig.app, company, 'GET', '/api/stats/enforcement')).statusCode, 403);
      await stats(head, 'from=2026-11-30&to=2026-11-01', 400);
      await stats(head, 'from=2026-02-30&to=2026-03-01', 400);
      await stats(head, 'from=2020-01-01&to=2026-11-30', 400);
      await stats(head, 'groupBy=city', 400);
      assert.equal((await call(rig.app, head, 'GET', '/api/cases?event=decide,nonsense')).statusCode, 400);
      assert.equal((await call(rig.app, head, 'GET', '/api/cases?region=990000')).statusCode, 400);
    });

    void test('rectification rate and daily penalties from their tables', async (t) => {
      const probe = await stats(head, 'from=2026-09-01&to=2026-09-30');
      if (!probe.available.rectifications) {
        t.skip('the rectifications table is not migrated in this checkout');
        return;
      }
      const by = await userId(db, 'head');
      const order = (orderedAt: number, status: RectificationStatusColumn, closedAt: number | null) => ({
        chain_id: null, previous_id: null, round: 1, case_id: null, enterprise_id: home.id, region_code: home.region, status, requirement: '整改', deadline_days: 10,
        ordered_at: orderedAt, deadline_at: orderedAt + 10 * DAY, reinspect_by: orderedAt + 30 * DAY, task_id: null, reinspected_at: closedAt, reinspection_officers: null,
        findings: null, closed_at: closedAt, cancel_reason: null, created_at: orderedAt, created_by: by, updated_at: orderedAt, version: 1,
      } as const);
      const sep = beijing('2026-09-01T10:00');
      const rows = await db.insertInto('rectifications').values([
        order(sep, 'corrected', sep + 5 * DAY), // on time
        order(sep, 'corrected', sep + 15 * DAY), // late
        order(sep, 'not_corrected', sep + 12 * DAY),
        order(sep, 'open', null),
        order(sep, 'cancelled', sep + 2 * DAY), // not judged: out of the rate
      ]).returning('id').execute();
      if (probe.available.dailyPenalties) {
        await db.insertInto('daily_penalty_rounds').values({
          rectification_id: Number(rows[2]!.id), case_id: null, round: 1, original_fine: 10_000, served_at: sep, reinspected_at: sep + 12 * DAY, days: 12, amount: 120_000,
          status: 'penalised', explanation: '{}', created_at: sep + 12 * DAY, created_by: by,
        }).execute();
      }
      const s = await stats(head, 'from=2026-09-01&to=2026-09-30&groupBy=month');
      const v = (m: string) => s.total.cells[m]!.value;
      assert.deepEqual([v('rectOrdered'), v('rectClosed'), v('rectCorrected'), v('rectOnTime'), v('rectLate')], [5, 3, 2, 1, 1]);
      assert.equal(v('rectRate'), 2 / 3);
      assert.equal(s.total.cells.rectRate!.link?.path, '/api/rectifications');
      if (probe.available.dailyPenalties) assert.deepEqual([v('dailyPenaltyRounds'), v('dailyPenaltyAmount')], [1, 120_000]);
      // Out of the officer's county? No: same county, so the officer sees the same rate.
      assert.equal((await stats(officer, 'from=2026-09-01&to=2026-09-30')).total.cells.rectRate!.value, 2 / 3);
    });

    void test('the XLSX export holds the same numbers as the JSON', async () => {
      const json = await stats(head, 'from=2026-11-01&to=2026-11-30&groupBy=matter');
      const res = await call(rig.app, head, 'GET', '/api/stats/enforcement?from=2026-11-01&to=2026-11-30&groupBy=matter&format=xlsx');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      // Issue 14 §6: Chinese headers only (no internal key column), each row by its Chinese name.
      const xlsx = await xlsxSheet(res.rawPayload);
      assert.equal(xlsx.name, '执法统计');
      assert.deepEqual(xlsx.headers.slice(0, 6), ['名称', '立案数', '作出决定', '罚款决定', '罚款金额（元）', '不予处罚']);
      assert.ok(xlsx.headers.includes('按日计罚金额（元）'));
      assertChineseOnly(xlsx);
      const sheet: Record<string, { fined: unknown; fineAmount: unknown; exempted: unknown; opened: unknown }> = {};
      xlsx.rows.forEach((row, n) => {
        sheet[row[0]!] = { opened: xlsx.value(n, '立案数'), fined: xlsx.value(n, '罚款决定'), fineAmount: xlsx.value(n, '罚款金额（元）'), exempted: xlsx.value(n, '不予处罚') };
      });
      const nameOf = (r: Row): string => (r === json.total ? `${json.region.name}合计` : r.key === 'none' ? '未关联案件的整改' : r.label.slice(r.key.length + 1));
      for (const r of [...json.rows, json.total]) {
        assert.deepEqual(sheet[nameOf(r)], { opened: r.cells.opened!.value, fined: r.cells.fined!.value, fineAmount: r.cells.fineAmount!.value, exempted: r.cells.exempted!.value }, r.key);
      }
      assert.deepEqual(sheet[`${json.region.name}合计`], { opened: 4, fined: 2, fineAmount: 2 * FINE, exempted: 1 });
      // By month and by region: the months and regions by their Chinese names too.
      const months = await xlsxSheet((await call(rig.app, head, 'GET', '/api/stats/enforcement?from=2026-10-01&to=2026-11-30&groupBy=month&format=xlsx')).rawPayload);
      assert.deepEqual(months.rows.map((r) => r[0]), ['2026年10月', '2026年11月', `${json.region.name}合计`]);
      assertChineseOnly(months);
      const regions = await xlsxSheet((await call(rig.app, head, 'GET', '/api/stats/enforcement?from=2026-11-01&to=2026-11-30&groupBy=region&format=xlsx')).rawPayload);
      assertChineseOnly(regions);
      assert.ok(regions.rows.every((r) => !/^\d+$/.test(r[0]!)), 'regions by name');
    });

    void test('exemptions count the no-penalty decisions and the first-violation waivers, each also shown apart', async () => {
      // August 2026: one no-penalty decision (APL 33 "shall not") and one waiver (APL 33 ¶1 "may").
      const exempt = await drive(home.id, 'WAT-83-2', beijing('2026-08-03T09:00'), EXEMPTED);
      const waived = await drive(home.id, 'AIR-99-2', beijing('2026-08-04T09:00'), [
        ['record_discretion', 'officer', 'officer', { ...WORKED_FINE, gates: { actEndedOn: '2026-08-01', harm: 'minor', firstViolation: true, correctedInTime: true } }],
        ['decide_waiver', 'head', 'head', { reason: '首次违法，危害轻微并已及时改正' }],
      ]);
      const s = await stats(head, 'from=2026-08-01&to=2026-08-31&groupBy=matter');
      const v = (r: Row, m: string) => r.cells[m]!.value;
      assert.deepEqual([v(s.total, 'decided'), v(s.total, 'fined'), v(s.total, 'exempted'), v(s.total, 'noPenalty'), v(s.total, 'waived')], [2, 0, 2, 1, 1]);
      const air = s.rows.find((r) => r.key === 'AIR-99-2')!;
      assert.deepEqual([v(air, 'exempted'), v(air, 'noPenalty'), v(air, 'waived')], [1, 0, 1]);
      assert.deepEqual(await listed(head, s.total.cells.exempted!), [exempt, waived].sort((a, b) => a - b));
      assert.deepEqual(await listed(head, s.total.cells.noPenalty!), [exempt]);
      assert.deepEqual(await listed(head, s.total.cells.waived!), [waived]);
      const res = await call(rig.app, head, 'GET', '/api/stats/enforcement?from=2026-08-01&to=2026-08-31&groupBy=matter&format=xlsx');
      const xlsx = await xlsxSheet(res.rawPayload);
      const last = xlsx.rows.length - 1;
      assert.equal(xlsx.cell(last, '名称'), `${s.region.name}合计`);
      assert.deepEqual([xlsx.value(last, '不予处罚'), xlsx.value(last, '依法不予处罚'), xlsx.value(last, '首违可不罚')], [2, 1, 1]);
      assertChineseOnly(xlsx);
    });
  });
}
