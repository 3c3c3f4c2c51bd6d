// The violation-risk score on the store (issue 4 §6b), SQLite and PostgreSQL: inputs gathered from warnings,
// markings and minute frames; one stored row per enterprise per Beijing day naming its weights version; the
// daily job claimed once per day whatever the number of schedulers; and, end to end on the simulator's
// scenarios, units with injected problems ranking above units whose data raised nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RISK_WEIGHTS, type RiskContribution, type RiskWeights } from '@ecoenforce/domain';
import { locate } from '../src/access/locate.ts';
import { DailyJobs, claimRun } from '../src/platform/daily-jobs.ts';
import { createFrameSink } from '../src/monitoring/repositories/frame-sink.ts';
import { seedDemoProvince } from '../src/seed/demo-province.ts';
import { beijingDayStart, DAY } from '../src/compliance/compliance-day.ts';
import { computeRiskScores, currentWeights, saveWeights } from '../src/risk/risk.ts';
import { runRiskScenario } from '../src/risk/bench/risk-scenario.ts';
import { acceptedFrame, DIALECTS, factor, freshStore, type TestStore } from './store-fixtures.ts';

const HOUR = 3600_000;
/** 2026-11-28 10:00 Beijing. */
const NOW = Date.UTC(2026, 10, 28, 2);
const SYSTEM = { kind: 'system' as const, id: null, name: 'test', userId: null };

async function warning(store: TestStore, pointId: number, kind: string, o: { severity?: 'low' | 'medium' | 'high'; status?: 'new' | 'dismissed'; from?: number; evidence?: unknown } = {}): Promise<void> {
  const place = (await locate(store.database.db, 'point', pointId))!;
  const from = o.from ?? NOW - 5 * HOUR;
  await store.database.db.insertInto('warnings').values({
    point_id: pointId, enterprise_id: place.enterpriseId!, region_code: place.regionCode!, kind, factor: 'a21026', severity: o.severity ?? 'low', status: o.status ?? 'new',
    period_from: from, period_to: from + 2 * HOUR, message: 'test', evidence: JSON.stringify(o.evidence ?? { times: [from], params: {} }), created_at: from, updated_at: from,
    decided_by: null, decision_reason: null, answer: null, answered_at: null,
  }).execute();
}

const pointsOf = async (store: TestStore, enterpriseId: number): Promise<number[]> =>
  (await store.database.db.selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').select('p.id').where('o.enterprise_id', '=', enterpriseId).orderBy('p.id').execute()).map((r) => Number(r.id));

const contributionsOf = async (store: TestStore, enterpriseId: number): Promise<Map<string, RiskContribution>> => {
  const row = await store.database.db.selectFrom('risk_scores').select('contributions').where('enterprise_id', '=', enterpriseId).orderBy('day_start', 'desc').executeTakeFirstOrThrow();
  return new Map((JSON.parse(row.contributions) as RiskContribution[]).map((c) => [c.factor, c]));
};

for (const dialect of DIALECTS) {
  void describe(`risk score on ${dialect}`, () => {
    let store: TestStore;
    let ids: number[];
    before(async () => {
      store = await freshStore(dialect);
      await seedDemoProvince(store.database, { enterprises: 4 });
      ids = (await store.database.db.selectFrom('enterprises').select('id').orderBy('id').execute()).map((r) => Number(r.id));
    });
    after(() => store.dispose());

    void test('inputs come from warnings, markings and minute frames; each score adds up and names its weights', async () => {
      const db = store.database.db;
      const [a, b, c] = [ids[0]!, ids[1]!, ids[2]!];
      const pa = (await pointsOf(store, a))[0]!;
      const pb = (await pointsOf(store, b))[0]!;
      // a: one exceedance episode up to 1.5× the limit over two hours (the multiple comes from the values).
      await warning(store, pa, 'exceedance', { evidence: { times: [NOW - 5 * HOUR, NOW - 4 * HOUR], values: [60, 75], rule: { limit: 50 }, params: { worstMultiple: 0.2, periods: 1 } } });
      // b: a flat line, an O2-dilution finding (fraud), a dismissed one and one older than the window.
      await warning(store, pb, 'flatline', { severity: 'high' });
      await warning(store, pb, 'o2Dilution', { severity: 'medium' });
      await warning(store, pb, 'zeroWhileFlowing', { status: 'dismissed' });
      await warning(store, pb, 'pinnedAtRange', { from: NOW - 40 * DAY });
      // b: two invalid markings, one of them late; a withdrawn one does not count.
      const mark = (late: number, withdrawn: number | null) => db.insertInto('markings').values({
        point_id: pb, enterprise_id: b, region_code: 'x', kind: 'maintenance', invalid: 1, span_from: NOW - 3 * HOUR, span_to: NOW - 2 * HOUR, reason: 'r', attachments: '[]',
        created_by: 1, created_at: NOW - HOUR, withdrawn_at: withdrawn, late, production_seen: 0,
      }).execute();
      await mark(0, null);
      await mark(1, null);
      await mark(1, NOW - 30 * 60_000);
      // c: one point sends 60 minutes from 06:00 (its first frames ever); 10 arrive 30 min late, and 07:00–08:59 are missing.
      const pc = (await pointsOf(store, c))[0]!;
      const t0 = NOW - 4 * HOUR;
      const frames = Array.from({ length: 60 }, (_, i) => acceptedFrame(pc, `MN${pc}`, 'min', t0 + i * 60_000, [factor('a21026', 20)], { qn: String(i), receivedAt: t0 + i * 60_000 + (i < 10 ? 31 * 60_000 : 65_000) }));
      await createFrameSink(store.database).write(frames, []);

      // c: a penalty decided a year ago counts; a no-penalty decision (不予处罚) and a penalty older than two
      // years do not. Two tips name c in the window, one is older than the window.
      let seq = 0;
      const decided = (at: number, outcome: string) => db.insertInto('cases').values({
        number: `T${++seq}`, number_year: 2026, number_seq: seq, region_code: 'x', enterprise_id: c, task_id: null, matter_code: 'AIR-99-2', matter_version: 1,
        state: 'closed', major: 0, discovered_at: at - DAY, filed_at: at - DAY, decided_at: at, closed_at: at, amount: outcome === 'penalty' ? 230_000 : null,
        record: JSON.stringify({ outcome }), details: '{}', created_at: at, created_by: 1, updated_at: at, version: 1,
      }).execute();
      await decided(NOW - 365 * DAY, 'penalty');
      await decided(NOW - 30 * DAY, 'no_penalty');
      await decided(NOW - 731 * DAY, 'penalty');
      const tip = (at: number) => db.insertInto('tips').values({ received_at: at, channel: 'phone', reporter_name: null, reporter_phone: null, content: 'black smoke', enterprise_id: c, location: null, region_code: 'x', created_by: 1, created_at: at }).execute();
      await tip(NOW - 2 * HOUR);
      await tip(NOW - 3 * HOUR);
      await tip(NOW - 400 * DAY);
      // c: one order found not corrected, one open past its deadline; a corrected one and one still in time do not count.
      const order = (status: 'open' | 'corrected' | 'not_corrected', deadline: number, closed: number | null) => db.insertInto('rectifications').values({
        chain_id: null, previous_id: null, round: 1, case_id: null, enterprise_id: c, region_code: 'x', status, requirement: 'r', deadline_days: 10,
        ordered_at: deadline - 10 * DAY, deadline_at: deadline, reinspect_by: deadline + 20 * DAY, task_id: null, reinspected_at: closed, reinspection_officers: null,
        findings: null, closed_at: closed, cancel_reason: null, escalation: 0, escalated_at: null, created_at: deadline - 10 * DAY, created_by: 1, updated_at: deadline, version: 1,
      }).execute();
      await order('not_corrected', NOW - 60 * DAY, NOW - 50 * DAY);
      await order('open', NOW - DAY, null);
      await order('corrected', NOW - 60 * DAY, NOW - 55 * DAY);
      await order('open', NOW + 5 * DAY, null);

      const r = await computeRiskScores(db, NOW);
      assert.equal(r.dayStart, beijingDayStart(NOW));
      assert.equal(r.enterprises, ids.length);
      const rows = await db.selectFrom('risk_scores').selectAll().execute();
      assert.equal(rows.length, ids.length);
      for (const row of rows) {
        const cs = JSON.parse(row.contributions) as RiskContribution[];
        assert.equal(row.score, Math.round(cs.reduce((s, x) => s + x.points, 0) * 10) / 10, 'the contributions add up to the score');
        assert.equal(row.weights_version, r.weightsVersion);
        assert.equal(row.window_to, NOW);
      }

      const ca = await contributionsOf(store, a);
      assert.equal(ca.get('exceedance')!.raw, 1);
      assert.deepEqual(ca.get('exceedance')!.detail, { episodes: 1, periods: 2 });
      assert.equal(ca.get('exceedanceMultiple')!.raw, 0.5, 'recomputed from the values: (75 − 50) / 50');
      const cb = await contributionsOf(store, b);
      assert.deepEqual(cb.get('dataQuality')!.detail, { flatline: 1 });
      assert.equal(cb.get('dataQuality')!.raw, DEFAULT_RISK_WEIGHTS.severity.high);
      assert.deepEqual(cb.get('fraud')!.detail, { o2Dilution: 1 });
      assert.deepEqual([cb.get('markings')!.raw, cb.get('lateMarkings')!.raw], [2, 1]);
      const cc = await contributionsOf(store, c);
      // Due from its first frame (06:00) to the window's end (10:00): 240 minutes, 50 of them on time.
      assert.equal(cc.get('transmission')!.detail.expected, 240);
      assert.equal(cc.get('transmission')!.detail.onTime, 50);
      assert.equal(cc.get('penalties')!.raw, 1, 'one penalty in two years; the exemption and the older penalty do not count');
      assert.equal(cc.get('penalties')!.points, DEFAULT_RISK_WEIGHTS.perUnit.penalties);
      assert.equal(cc.get('tips')!.raw, 2, 'the tips received in the window');
      assert.equal(cc.get('rectification')!.raw, 2, 'one order not corrected, one overdue');
      assert.equal(ca.get('penalties')!.raw, 0, 'a unit without cases scores 0, not "source unavailable"');
      assert.equal(ca.get('penalties')!.note, undefined);
      // Points that never sent anything are reported, not counted as missing.
      assert.equal(ca.get('transmission')!.note, 'no_data_due');
      assert.ok(Number(ca.get('transmission')!.detail.silentPoints) > 0);
    });

    void test('a day keeps one row per enterprise; a recompute with new weights replaces it and names the new version', async () => {
      const db = store.database.db;
      const before = await currentWeights(db, NOW);
      const heavier: RiskWeights = { ...before.weights, perUnit: { ...before.weights.perUnit, exceedance: before.weights.perUnit.exceedance + 5 } };
      const saved = await saveWeights(db, heavier, 'heavier exceedances', SYSTEM, null, NOW);
      assert.equal(saved.version, before.version + 1);
      const audit = await db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', 'risk_weights').orderBy('seq').execute();
      assert.deepEqual(audit.map((x) => [x.action, x.entity_id]), [['update', String(saved.version)]]);
      await assert.rejects(saveWeights(db, { ...heavier, tiers: { high: 1, medium: 2 } }, 'bad', SYSTEM, null, NOW), /tiers/);
      const scoreOf = async () => (await db.selectFrom('risk_scores').select(['score', 'weights_version']).where('enterprise_id', '=', ids[0]!).execute());
      const old = await scoreOf();
      await computeRiskScores(db, NOW + HOUR);
      const now = await scoreOf();
      assert.equal(now.length, 1, 'still one row for the day');
      assert.equal(now[0]!.weights_version, saved.version);
      assert.equal(now[0]!.score, old[0]!.score + 5);
    });

    void test('the daily job runs once per Beijing day however many schedulers claim it; a failure gives the claim back', async () => {
      const db = store.database.db;
      const clock = { now: NOW };
      const runs: number[] = [];
      let fail = false;
      const job = { name: 'test-job', run: (day: number) => {
        if (fail) return Promise.reject(new Error('store busy'));
        runs.push(day);
        return Promise.resolve('ok');
      } };
      const errors: unknown[] = [];
      const a = new DailyJobs(db, () => clock.now, [job], { schedule: false, onError: (_j, e) => errors.push(e) });
      const b = new DailyJobs(db, () => clock.now, [job], { schedule: false });
      await Promise.all([a.runDue(), b.runDue(), a.runDue()]);
      assert.deepEqual(runs, [beijingDayStart(NOW)]);
      clock.now = NOW + 12 * HOUR; // 22:00 Beijing: the same day
      await b.runDue();
      assert.equal(runs.length, 1);
      clock.now = NOW + 14 * HOUR + 5 * 60_000; // 00:05 the next day
      fail = true;
      await a.runDue();
      assert.equal(errors.length, 1);
      fail = false;
      await b.runDue();
      assert.deepEqual(runs, [beijingDayStart(NOW), beijingDayStart(NOW) + DAY]);
      const claims = await db.selectFrom('job_runs').selectAll().where('job', '=', 'test-job').orderBy('period_start').execute();
      assert.deepEqual(claims.map((c) => [Number(c.period_start), c.result]), [[beijingDayStart(NOW), 'ok'], [beijingDayStart(NOW) + DAY, 'ok']]);
      await a.stop();
      await b.stop();
      assert.equal(a.completed + b.completed, 2);
    });

    void test('an unfinished claim is taken over only once it is stale', async () => {
      const db = store.database.db;
      const day = beijingDayStart(NOW) + 5 * DAY;
      assert.equal(await claimRun(db, 'stale-job', day, 1_000_000, 60_000), true);
      assert.equal(await claimRun(db, 'stale-job', day, 1_030_000, 60_000), false, 'claimed 30 s ago: someone is running it');
      assert.equal(await claimRun(db, 'stale-job', day, 1_070_000, 60_000), true, 'claimed 70 s ago and never finished: abandoned');
      assert.equal(await claimRun(db, 'stale-job', day, 1_080_000, 60_000), false);
    });

    void test('the timers fire at 00:05 Beijing and stop() releases them', async () => {
      const jobs = new DailyJobs(store.database.db, () => NOW, [], {});
      jobs.start();
      const next = jobs.nextScheduled();
      assert.ok(next !== null);
      assert.equal((next.getTime() + 8 * HOUR) % DAY, 5 * 60_000, 'next run at 00:05 Asia/Shanghai');
      await jobs.stop();
      assert.equal(jobs.nextScheduled(), null);
    });
  });

  void describe(`risk ranking on the simulator's scenarios (${dialect})`, () => {
    let store: TestStore;
    before(async () => {
      store = await freshStore(dialect);
    });
    after(() => store.dispose());

    void test('units with an injected problem carry its signal and rank above every unit whose data raised nothing', async () => {
      // 8 enterprises, one simulated day; problems in the 2nd, 5th and 8th: exceedance, flat line, offline.
      const r = await runRiskScenario(store.database, { enterprises: 8, days: 1, every: 3, start: Date.UTC(2026, 10, 22, 16) });
      const problems = r.ranking.filter((u) => u.problem !== null);
      assert.deepEqual(problems.map((u) => u.problem).sort(), ['exceedance', 'flatline', 'offline']);
      for (const u of problems) {
        const c = await contributionsOf(store, u.enterpriseId);
        if (u.problem === 'exceedance') assert.ok(c.get('exceedance')!.points > 0, 'the exceedance was proven');
        if (u.problem === 'flatline') assert.ok(Number(c.get('dataQuality')!.detail.flatline) > 0, 'the flat line was found');
        if (u.problem === 'offline') assert.ok(c.get('transmission')!.points > 0, 'the backfilled hour counts as not transmitted in time');
      }
      const warned = new Set((await store.database.db.selectFrom('warnings').select('enterprise_id').execute()).map((w) => Number(w.enterprise_id)));
      const quiet = r.ranking.filter((u) => u.problem === null && !warned.has(u.enterpriseId));
      assert.ok(quiet.length > 0);
      for (const u of problems.filter((p) => p.problem !== 'offline')) {
        for (const q of quiet) assert.ok(u.rank < q.rank, `${u.problem} unit ranked ${u.rank}, below quiet unit at ${q.rank}`);
      }
    });
  });
}
