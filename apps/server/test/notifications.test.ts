// In-app notifications (issue 14) on SQLite and PostgreSQL, through the real app: a dispatcher's assignment
// notifies each assigned officer and nobody else; the deadline sweep run twice (and its hourly job claim
// taken twice) notifies once; a warning notifies exactly those who triage its region and the enterprise's own
// user; nobody reads or marks another's notification; unread counts follow reads; the notifier pushes each
// new notification to its recipient's live stream only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { DIALECTS } from './store-fixtures.ts';
import { call, errorCode, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';
import { Notifier, notifyDeadlines, notifyWarningRaised, DUE_SOON_MS } from '../src/notifications/index.ts';
import type { NotificationPage } from '@ecoenforce/contract';

const HOUR = 3600_000;

async function userIdOf(rig: HttpRig, username: string): Promise<number> {
  return Number((await rig.store.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
}

async function openTask(rig: HttpRig, dueAt: number): Promise<number> {
  const db = rig.store.database.db;
  const e = await db.selectFrom('enterprises').select('region_code').where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow();
  const row = await db
    .insertInto('tasks')
    .values({
      source_kind: 'joint', source_id: null, region_code: e.region_code, requesting_region_code: null, enterprise_id: rig.inside.enterpriseId, team_id: null, title: '核查超标排放', note: null, status: 'open', priority: 'normal',
      due_at: dueAt, escalated_at: null, created_at: rig.clock.now, created_by: 1, updated_at: rig.clock.now, started_at: null, done_at: null, outcome: null, cancelled_at: null, cancel_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

for (const dialect of DIALECTS) {
  void describe(`notifications on ${dialect}`, () => {
    let rig: HttpRig;
    const s: Record<string, Session> = {};
    const list = async (who: string, query = ''): Promise<NotificationPage> => {
      const res = await call(rig.app, s[who]!, 'GET', `/api/notifications${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json<NotificationPage>();
    };
    const unread = async (who: string): Promise<number> => (await call(rig.app, s[who]!, 'GET', '/api/notifications/unread-count')).json<{ unread: number }>().unread;

    before(async () => {
      rig = await startHttpRig(dialect);
      for (const u of ['officer', 'officer2', 'dispatcher', 'analyst', 'head', 'legal', 'admin', 'company']) s[u] = await login(rig.app, u);
    });
    after(() => rig.close());

    void test('an assignment notifies each officer put on the task, and nobody else', async () => {
      const task = await openTask(rig, rig.clock.now + 5 * 24 * HOUR);
      const ids = [await userIdOf(rig, 'officer'), await userIdOf(rig, 'officer2')];
      const res = await call(rig.app, s.dispatcher!, 'POST', `/api/tasks/${task}/assign`, { officerIds: ids });
      assert.equal(res.statusCode, 200, res.body);
      for (const who of ['officer', 'officer2']) {
        const page = await list(who);
        const mine = page.items.filter((n) => n.link === `#/dispatch/${task}`);
        assert.equal(mine.length, 1, who);
        assert.equal(mine[0]!.kind, 'task_assigned');
        assert.match(mine[0]!.title, /核查超标排放/);
        assert.equal(mine[0]!.createdAt, rig.clock.now, 'made on the platform clock');
        assert.equal(mine[0]!.readAt, null);
      }
      for (const who of ['dispatcher', 'head', 'company', 'analyst']) assert.ok((await list(who)).items.every((n) => n.link !== `#/dispatch/${task}`), who);
      // Assigning the same officers again adds no officer, so nobody is told twice.
      assert.equal((await call(rig.app, s.dispatcher!, 'POST', `/api/tasks/${task}/assign`, { officerIds: ids })).statusCode, 200);
      assert.equal((await list('officer')).items.filter((n) => n.link === `#/dispatch/${task}`).length, 1);
    });

    void test('the deadline sweep run twice notifies the officers on the task once (due soon, then overdue once)', async () => {
      const dueAt = rig.clock.now + 10 * 24 * HOUR;
      const task = await openTask(rig, dueAt);
      const ids = [await userIdOf(rig, 'officer'), await userIdOf(rig, 'officer2')];
      assert.equal((await call(rig.app, s.dispatcher!, 'POST', `/api/tasks/${task}/assign`, { officerIds: ids })).statusCode, 200);
      const db = rig.store.database.db;
      const kindsOf = async (who: string) => (await list(who, '?limit=500')).items.filter((n) => n.link === `#/dispatch/${task}`).map((n) => n.kind).sort();

      await notifyDeadlines(db, dueAt - DUE_SOON_MS - HOUR);
      assert.deepEqual(await kindsOf('officer'), ['task_assigned'], 'not yet near');
      await notifyDeadlines(db, dueAt - HOUR);
      await notifyDeadlines(db, dueAt - HOUR / 2);
      assert.deepEqual(await kindsOf('officer'), ['task_assigned', 'task_due_soon']);
      // The hourly job: the same platform hour is claimed once; another hour's run finds nothing new to tell.
      rig.clock.now = dueAt + 2 * HOUR;
      const notifier = new Notifier(db, () => rig.clock.now, { publish: () => undefined });
      const hour = Math.floor(rig.clock.now / HOUR) * HOUR;
      assert.ok(((await notifier.sweepDeadlines(hour)) ?? 0) >= 2);
      assert.equal(await notifier.sweepDeadlines(hour), null, 'the hour is claimed already');
      assert.equal(await notifier.sweepDeadlines(hour + HOUR), 0);
      for (const who of ['officer', 'officer2']) assert.deepEqual(await kindsOf(who), ['task_assigned', 'task_due_soon', 'task_overdue'], who);
      assert.deepEqual(await kindsOf('dispatcher'), []);
    });

    void test('a warning notifies those who triage its region and its enterprise, nobody outside', async () => {
      const db = rig.store.database.db;
      const linkOf = (id: number) => `#/warnings/${id}`;
      const has = async (who: string, id: number) => (await list(who, '?limit=500')).items.some((n) => n.link === linkOf(id) && n.kind === 'warning_on_my_units');

      const inside = await rig.newWarning(rig.inside.pointId);
      assert.ok((await notifyWarningRaised(db, inside, rig.clock.now)) >= 4);
      assert.equal(await notifyWarningRaised(db, inside, rig.clock.now), 0, 'the same warning again notifies nobody');
      for (const who of ['dispatcher', 'analyst', 'head', 'company']) assert.ok(await has(who, inside), `${who} is told`);
      for (const who of ['officer', 'legal', 'admin']) assert.ok(!(await has(who, inside)), `${who} is not a triager`);
      const text = (await list('company')).items.find((n) => n.link === linkOf(inside))!;
      assert.match(text.title, /超标/);

      // Another city of the province: only the province's head, not the city's dispatcher/analyst, nor another enterprise's user.
      const otherCity = await rig.newWarning(rig.otherCity.pointId);
      await notifyWarningRaised(db, otherCity, rig.clock.now);
      assert.ok(await has('head', otherCity));
      for (const who of ['dispatcher', 'analyst', 'company']) assert.ok(!(await has(who, otherCity)), who);
      // Another province: none of the demo users.
      const outside = await rig.newWarning(rig.outside.pointId);
      await notifyWarningRaised(db, outside, rig.clock.now);
      for (const who of ['dispatcher', 'analyst', 'head', 'company', 'admin']) assert.ok(!(await has(who, outside)), who);
    });

    void test("unread counts follow reads; nobody reads or marks another user's notification", async () => {
      const before = await unread('officer');
      assert.ok(before >= 2);
      const unreadPage = await list('officer', '?unread=true&limit=500');
      assert.equal(unreadPage.items.length, before);
      assert.equal(unreadPage.unread, before);
      const target = unreadPage.items[0]!;

      // The dispatcher cannot mark it nor see it: 404 like a missing id, and it stays unread.
      const foreign = await call(rig.app, s.dispatcher!, 'POST', `/api/notifications/${target.id}/read`);
      assert.equal(foreign.statusCode, 404);
      assert.equal(errorCode(foreign), 'not_found');
      assert.equal(errorCode(await call(rig.app, s.dispatcher!, 'POST', '/api/notifications/99999999/read')), 'not_found');
      assert.ok((await list('dispatcher', '?limit=500')).items.every((n) => n.id !== target.id));
      assert.equal(await unread('officer'), before);

      const one = await call(rig.app, s.officer!, 'POST', `/api/notifications/${target.id}/read`);
      assert.equal(one.statusCode, 200, one.body);
      assert.equal(one.json<{ unread: number }>().unread, before - 1);
      assert.equal(await unread('officer'), before - 1);
      assert.ok((await list('officer', '?unread=true&limit=500')).items.every((n) => n.id !== target.id));
      const audit = await rig.store.database.db.selectFrom('audit_log').select(['action', 'at']).where('entity', '=', 'notification').where('entity_id', '=', String(target.id)).execute();
      assert.deepEqual(audit.map((a) => [a.action, Number(a.at)]), [['read', rig.clock.now]]);
      // Marking it again changes nothing.
      assert.equal((await call(rig.app, s.officer!, 'POST', `/api/notifications/${target.id}/read`)).json<{ unread: number }>().unread, before - 1);

      const officer2Before = await unread('officer2');
      const all = await call(rig.app, s.officer!, 'POST', '/api/notifications/read-all');
      assert.equal(all.statusCode, 200, all.body);
      assert.equal(all.json<{ unread: number }>().unread, 0);
      assert.equal(await unread('officer'), 0);
      assert.equal(await unread('officer2'), officer2Before, "another user's notifications stay unread");
      assert.ok(officer2Before > 0);
    });

    void test('paging: newest first, a cursor to the next page', async () => {
      const first = await list('head', '?limit=1');
      assert.equal(first.items.length, 1);
      assert.notEqual(first.nextCursor, null);
      const second = await list('head', `?limit=1&cursor=${first.nextCursor}`);
      assert.ok(second.items[0]!.id < first.items[0]!.id);
    });

    void test("the notifier pushes a new notification to its recipient's streams only", async () => {
      const db = rig.store.database.db;
      const seen: string[] = [];
      const fake = (name: string) => ({ writableLength: 0, write: (text: string) => seen.push(`${name}:${text}`), end: () => undefined, destroy: () => undefined }) as unknown as ServerResponse;
      const scope = { regionPrefix: '44', enterpriseIds: null };
      const unsubscribe = [
        rig.live.subscribe(scope, fake('officer'), await userIdOf(rig, 'officer')),
        rig.live.subscribe(scope, fake('dispatcher'), await userIdOf(rig, 'dispatcher')),
        rig.live.subscribe(scope, fake('token'), null),
      ];
      const notifier = new Notifier(db, () => rig.clock.now, { publish: (u, e, d) => rig.live.toUser(u, e, d) });
      await notifier.start(3_600_000);
      try {
        const task = await openTask(rig, rig.clock.now + 5 * 24 * HOUR);
        const ids = [await userIdOf(rig, 'officer'), await userIdOf(rig, 'officer2')];
        assert.equal((await call(rig.app, s.dispatcher!, 'POST', `/api/tasks/${task}/assign`, { officerIds: ids })).statusCode, 200);
        await notifier.pump();
        const events = seen.filter((x) => x.includes('event: notification'));
        assert.equal(events.length, 1, seen.join('\n'));
        assert.ok(events[0]!.startsWith('officer:'));
        assert.ok(events[0]!.includes(`#/dispatch/${task}`));
      } finally {
        await notifier.stop();
        for (const u of unsubscribe) u();
      }
    });
  });
}
