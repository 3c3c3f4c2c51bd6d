// The head's command-centre overview (issue 14) over HTTP on SQLite and PostgreSQL: a small province built by
// hand (two cities, three enterprises, six points of which one retired) with warnings, tasks and cases around
// the Beijing day of the platform clock; every figure is computed here cell by cell, for the province head and
// for a city head who must not see the other city's numbers, and the list behind a figure counts the same.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeUscc } from '@ecoenforce/domain';
import type { Kysely } from 'kysely';
import type { Overview } from '@ecoenforce/contract';
import { buildApp, type App } from '../src/http/app.ts';
import { LiveHub } from '../src/monitoring/live.ts';
import { PointActivity } from '../src/monitoring/activity.ts';
import { createUser } from '../src/accounts/users.ts';
import type { Schema, TaskStatusColumn, WarningStatusColumn } from '../src/platform/db/schema.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-users.ts';
import { acceptedFrame, factor, DIALECTS, freshStore, type TestStore } from './store-fixtures.ts';
import { call, login, type Session } from './http-fixtures.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** The platform clock: 2026-11-28 10:00 Beijing. */
const NOW = Date.UTC(2026, 10, 28, 2);
/** 2026-11-28 00:00 Beijing, and the next midnight. */
const DAY_START = Date.UTC(2026, 10, 27, 16);
const DAY_END = DAY_START + 24 * HOUR;

for (const dialect of DIALECTS) {
  void describe(`command-centre overview on ${dialect}`, () => {
    let store: TestStore;
    let db: Kysely<Schema>;
    let app: App;
    let live: LiveHub;
    let head: Session;
    let cityHead: Session;
    const w: Record<string, number> = {};
    const tasks: Record<string, number> = {};

    before(async () => {
      store = await freshStore(dialect);
      db = store.database.db;
      await db.insertInto('regions').values([
        { code: '440000', name: '广东省', level: 'province', parent_code: null },
        { code: '440100', name: '广州市', level: 'city', parent_code: '440000' },
        { code: '440103', name: '荔湾区', level: 'county', parent_code: '440100' },
        { code: '440300', name: '深圳市', level: 'city', parent_code: '440000' },
        { code: '440304', name: '福田区', level: 'county', parent_code: '440300' },
      ]).execute();
      const enterprise = async (name: string, region: string, orgBody: string) => Number((await db.insertInto('enterprises').values({
        uscc: makeUscc({ authority: '9', kind: '1', region, orgBody }), name, region_code: region, industry: 'boiler', address: '测试路1号', lat: 23.1, lng: 113.3, created_at: NOW,
        industry_code: null, management_category: null, legal_representative: null,
      }).returning('id').executeTakeFirstOrThrow()).id);
      const a = await enterprise('荔湾甲热电有限公司', '440103', 'MA5XYA01');
      const b = await enterprise('荔湾乙化工有限公司', '440103', 'MA5XYB02');
      const c = await enterprise('福田丙污水处理有限公司', '440304', 'MA5XYC03');
      const point = async (enterpriseId: number, n: number, active = 1) => {
        const o = await db.insertInto('outlets').values({ enterprise_id: enterpriseId, code: `DA00${n}`, kind: 'air', name: `${n}号烟囱` }).returning('id').executeTakeFirstOrThrow();
        const mn = `OVERVIEW00000000000000${n}`;
        const p = await db.insertInto('monitoring_points').values({ outlet_id: o.id, mn, pw: '123456', crc_variants: 'hj212', protocol_version: '2017', st: '31', factors: '["a21026"]', active, lat: null, lng: null }).returning('id').executeTakeFirstOrThrow();
        return { id: Number(p.id), mn };
      };
      const [p1, p2, p3, p4, p5] = [await point(a, 1), await point(a, 2), await point(b, 3), await point(b, 4, 0), await point(c, 5)];
      await point(c, 6); // never sent a frame: offline
      const users = { head: await createUser(db, { username: 'head', password: DEMO_PASSWORD, role: 'head', regionCode: '440000' }, NOW) };
      await createUser(db, { username: 'cityhead', password: DEMO_PASSWORD, role: 'head', regionCode: '440100' }, NOW);

      // Points now (window 10 min): p1 online, p2 online with a fault flag (warning), p3 last sent 30 min ago
      // (offline), p4 retired though sending, p5 online, p6 never. 广州: 3 active, 2 online; 深圳: 2 active, 1 online.
      const activity = new PointActivity(() => NOW);
      activity.record([
        acceptedFrame(p1.id, p1.mn, 'min', NOW - 3 * MIN, [factor('a21026', 20)], { receivedAt: NOW - 2 * MIN }),
        acceptedFrame(p2.id, p2.mn, 'min', NOW - 4 * MIN, [factor('a21026', 20, { flag: 'D' })], { receivedAt: NOW - 3 * MIN }),
        acceptedFrame(p3.id, p3.mn, 'min', NOW - 31 * MIN, [factor('a21026', 20)], { receivedAt: NOW - 30 * MIN }),
        acceptedFrame(p4.id, p4.mn, 'min', NOW - 2 * MIN, [factor('a21026', 20)], { receivedAt: NOW - MIN }),
        acceptedFrame(p5.id, p5.mn, 'min', NOW - 2 * MIN, [factor('a21026', 20)], { receivedAt: NOW - MIN }),
      ]);

      const warning = async (key: string, p: { id: number }, enterpriseId: number, region: string, kind: string, severity: 'low' | 'medium' | 'high', status: WarningStatusColumn, at: number) => {
        w[key] = Number((await db.insertInto('warnings').values({
          point_id: p.id, enterprise_id: enterpriseId, region_code: region, kind, factor: 'a21026', severity, status, period_from: at - HOUR, period_to: at, message: key,
          evidence: '{}', created_at: at, updated_at: at, decided_by: null, decision_reason: null, answer: null, answered_at: null,
        }).returning('id').executeTakeFirstOrThrow()).id);
      };
      await warning('w1', p1, a, '440103', 'exceedance', 'high', 'new', DAY_START + 9 * HOUR);
      await warning('w2', p2, a, '440103', 'flatline', 'medium', 'confirmed', DAY_START + 8 * HOUR);
      await warning('w3', p3, b, '440103', 'exceedance', 'low', 'dismissed', DAY_START); // the day's first instant counts
      await warning('w4', p5, c, '440304', 'offline', 'high', 'new', DAY_START + 9.5 * HOUR);
      await warning('w5', p1, a, '440103', 'exceedance', 'high', 'new', DAY_START - 1); // yesterday: listed as serious, not counted today

      const task = async (key: string, region: string, status: TaskStatusColumn, dueAt: number, requesting: string | null = null) => {
        tasks[key] = Number((await db.insertInto('tasks').values({
          source_kind: requesting === null ? 'warning' : 'joint', source_id: null, region_code: region, requesting_region_code: requesting, enterprise_id: null, team_id: null, title: key, note: null,
          status, priority: 'normal', due_at: dueAt, created_at: NOW - 48 * HOUR, created_by: users.head, updated_at: NOW - 48 * HOUR, started_at: null,
          done_at: status === 'done' ? NOW - HOUR : null, outcome: null, cancelled_at: status === 'cancelled' ? NOW - HOUR : null, cancel_reason: null,
        }).returning('id').executeTakeFirstOrThrow()).id);
      };
      await task('t1', '440103', 'assigned', NOW - HOUR); // overdue
      await task('t2', '440103', 'in_progress', NOW); // overdue: due_at is the exclusive expiry
      await task('t3', '440103', 'open', DAY_END); // last day today
      await task('t4', '440103', 'open', DAY_END + 1); // last day tomorrow
      await task('t5', '440103', 'done', NOW - 5 * HOUR); // done: neither
      await task('t6', '440304', 'assigned', NOW - HOUR); // overdue, 深圳
      await task('t7', '440304', 'open', DAY_END - HOUR, '440103'); // 深圳's, asked for by 广州: due today for both
      await task('t8', '440103', 'cancelled', NOW - HOUR); // cancelled: neither

      let seq = 0;
      const kase = async (enterpriseId: number, region: string, state: string) => {
        seq++;
        await db.insertInto('cases').values({
          number: `测环罚〔2026〕${seq}号`, number_year: 2026, number_seq: seq, region_code: region, enterprise_id: enterpriseId, task_id: null, matter_code: 'AIR-99-2', matter_version: 1,
          table_version: null, state, major: 0, discovered_at: NOW - 72 * HOUR, filed_at: null, decided_at: null, closed_at: null, amount: null, record: '{}', details: '{}',
          created_at: NOW - 72 * HOUR, created_by: users.head, updated_at: NOW - 72 * HOUR, version: 1,
        }).execute();
      };
      await kase(a, '440103', 'discovered');
      await kase(a, '440103', 'filed');
      await kase(b, '440103', 'filed');
      await kase(b, '440103', 'decided');
      await kase(c, '440304', 'closed');

      live = new LiveHub(db, activity);
      app = await buildApp({ database: store.database, now: () => NOW, activity, live, webDist: null, secureCookies: false });
      [head, cityHead] = await Promise.all([login(app, 'head'), login(app, 'cityhead')]);
    });
    after(async () => {
      live.stop();
      await app.close();
      await store.dispose();
    });

    const read = async (s: Session): Promise<Overview> => {
      const res = await call(app, s, 'GET', '/api/overview');
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      return res.json<Overview>();
    };
    const states = (o: Overview) => Object.fromEntries(o.cases.byState.map((r) => [r.state, r.count]));

    void test('the province head: every figure of the province, by hand', async () => {
      const o = await read(head);
      assert.deepEqual({ at: o.at, day: o.day, dayStart: o.dayStart, dayEnd: o.dayEnd, region: o.region }, { at: NOW, day: '2026-11-28', dayStart: DAY_START, dayEnd: DAY_END, region: { code: '440000', name: '广东省' } });
      assert.deepEqual(o.warnings, {
        total: 4, open: 2, handled: 2, serious: 2,
        byKind: [{ kind: 'exceedance', count: 2 }, { kind: 'flatline', count: 1 }, { kind: 'offline', count: 1 }],
        bySeverity: { high: 2, medium: 1, low: 1 },
      });
      assert.deepEqual(o.tasks, { overdue: 3, dueToday: 2 });
      assert.deepEqual(states(o), { discovered: 1, filed: 2, decided: 1, closed: 1 });
      assert.equal(o.cases.total, 5);
      assert.deepEqual(o.online.cities, [
        { code: '440100', name: '广州市', active: 3, online: 2, warning: 1, offline: 1, rate: 2 / 3 },
        { code: '440300', name: '深圳市', active: 2, online: 1, warning: 0, offline: 1, rate: 1 / 2 },
      ]);
      assert.deepEqual(o.online.total, { active: 5, online: 3, warning: 1, offline: 2, rate: 3 / 5 });
      assert.deepEqual(o.serious.map((s) => s.id), [w.w4, w.w1, w.w5]);
      assert.deepEqual(o.serious[0], { id: w.w4, kind: 'offline', enterpriseId: o.serious[0]!.enterpriseId, enterpriseName: '福田丙污水处理有限公司', status: 'new', createdAt: DAY_START + 9.5 * HOUR });
    });

    void test('a city head sees its city only (and the joint task it asked for)', async () => {
      const o = await read(cityHead);
      assert.deepEqual(o.region, { code: '440100', name: '广州市' });
      assert.deepEqual(o.warnings, {
        total: 3, open: 1, handled: 2, serious: 1,
        byKind: [{ kind: 'exceedance', count: 2 }, { kind: 'flatline', count: 1 }],
        bySeverity: { high: 1, medium: 1, low: 1 },
      });
      assert.deepEqual(o.tasks, { overdue: 2, dueToday: 2 });
      assert.deepEqual(states(o), { discovered: 1, filed: 2, decided: 1 });
      assert.equal(o.cases.total, 4);
      assert.deepEqual(o.online.cities, [{ code: '440100', name: '广州市', active: 3, online: 2, warning: 1, offline: 1, rate: 2 / 3 }]);
      assert.deepEqual(o.online.total, { active: 3, online: 2, warning: 1, offline: 1, rate: 2 / 3 });
      assert.deepEqual(o.serious.map((s) => s.id), [w.w1, w.w5]);
    });

    void test('the lists behind the figures count the same', async () => {
      const ids = async (s: Session, url: string) => {
        const res = await call(app, s, 'GET', url);
        assert.equal(res.statusCode, 200, res.body.slice(0, 500));
        return res.json<{ items: Array<{ id: number }> }>().items.map((x) => x.id).sort((x, y) => x - y);
      };
      const today = `from=2026-11-28&to=2026-11-28`;
      const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
      assert.deepEqual(await ids(head, `/api/warnings?${today}&limit=500`), sorted([w.w1!, w.w2!, w.w3!, w.w4!]));
      assert.deepEqual(await ids(head, `/api/warnings?${today}&severity=high&limit=500`), sorted([w.w1!, w.w4!]));
      assert.deepEqual(await ids(head, `/api/warnings?${today}&status=new&limit=500`), sorted([w.w1!, w.w4!]));
      assert.deepEqual(await ids(head, `/api/warnings?${today}&kind=exceedance&limit=500`), sorted([w.w1!, w.w3!]));
      assert.deepEqual(await ids(cityHead, `/api/warnings?${today}&limit=500`), sorted([w.w1!, w.w2!, w.w3!]));
      assert.deepEqual(await ids(head, '/api/tasks?overdue=true&limit=500'), sorted([tasks.t1!, tasks.t2!, tasks.t6!]));
      assert.deepEqual(await ids(cityHead, '/api/tasks?overdue=true&limit=500'), sorted([tasks.t1!, tasks.t2!]));
    });
  });
}
