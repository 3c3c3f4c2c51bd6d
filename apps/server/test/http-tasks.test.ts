// Tasks and dispatch over HTTP on both dialects (issue 5 §1): a confirmed warning becomes a task and is
// 'dispatched' with it; an unconfirmed one is refused; an on-site inspection needs two officers of the task's
// region (APL art. 42); reassignment keeps the history; the escalation job raises an overdue task's level
// once per day on a fixed clock; a tip's reporter is hidden from a role without tips.reporter; the audit
// trail has each step; an admin adds and removes team members (the team's tasks keep their history); a
// task done in the month makes its unit "supervised" in the monthly notification.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { factorInfo } from '@ecoenforce/hj212';
import { beijing, calendarDeadline } from '@ecoenforce/domain';
import { DailyJobs } from '../src/platform/daily-jobs.ts';
import { escalateTasks, taskEscalationJob } from '../src/enforcement/tasks/task-escalation.ts';
import { createUser } from '../src/accounts/users.ts';
import { createFromDraw, DEFAULT_TASK_SLA_DAYS } from '../src/enforcement/tasks/tasks.ts';
import { monthlyReport, monthOf } from '../src/reports/monthly.ts';
import { DIALECTS } from './store-fixtures.ts';
import { DEMO_PASSWORD, call, errorCode, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';

const DAY = 86_400_000;

for (const dialect of DIALECTS) {
  void describe(`tasks and dispatch on ${dialect}`, () => {
    let rig: HttpRig;
    let dispatcher: Session;
    const ids: Record<string, number> = {};
    const userId = async (username: string) => Number((await rig.store.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
    const confirmedWarning = async (pointId: number): Promise<number> => {
      const id = await rig.newWarning(pointId);
      await rig.store.database.db.updateTable('warnings').set({ status: 'confirmed', decision_reason: 'checked' }).where('id', '=', id).execute();
      return id;
    };
    const auditOf = async (entity: string, id: number) =>
      (await rig.store.database.db.selectFrom('audit_log').select(['action', 'changes', 'actor_name']).where('entity', '=', entity).where('entity_id', '=', String(id)).orderBy('seq').execute()).map((r) => r.action);
    const task = async (id: number, s: Session = dispatcher) => (await call(rig.app, s, 'GET', `/api/tasks/${id}`)).json<{
      status: string; escalation: number; dueAt: number; officers: Array<{ id: number }>; assignments: Array<{ userId: number; releasedAt: number | null }>;
      warnings: Array<{ id: number; status: string }>; clock: { status: string }; eligibleOfficers: Array<{ id: number }>;
    }>();

    before(async () => {
      rig = await startHttpRig(dialect);
      dispatcher = await login(rig.app, 'dispatcher');
      ids.officer = await userId('officer');
      ids.officer2 = await userId('officer2');
      const db = rig.store.database.db;
      const county = (await db.selectFrom('users').select('region_code').where('id', '=', ids.officer).executeTakeFirstOrThrow()).region_code;
      const other = (await db.selectFrom('enterprises').select('region_code').where('id', '=', rig.otherCity.enterpriseId).executeTakeFirstOrThrow()).region_code;
      ids.officer3 = await createUser(db, { username: 'officer3', displayName: '执法人员三', password: DEMO_PASSWORD, role: 'officer', regionCode: county, enterpriseId: null });
      ids.foreign = await createUser(db, { username: 'officer-far', displayName: '外市执法人员', password: DEMO_PASSWORD, role: 'officer', regionCode: other, enterpriseId: null });
    });
    after(() => rig.close());

    void test('a confirmed warning becomes a task and is dispatched with it; several of one enterprise join one task', async () => {
      const a = await confirmedWarning(rig.inside.pointId);
      const b = await confirmedWarning(rig.inside.pointId);
      const res = await call(rig.app, dispatcher, 'POST', '/api/tasks', { source: 'warning', warningIds: [a, b] });
      assert.equal(res.statusCode, 200, res.body);
      const id = res.json<{ id: number }>().id;
      const t = await task(id);
      assert.equal(t.status, 'open');
      assert.deepEqual(t.warnings.map((w) => [w.id, w.status]), [[a, 'dispatched'], [b, 'dispatched']]);
      // The title names the warning's kind and factor in Chinese, as officers read it on the board.
      const w = await rig.store.database.db.selectFrom('warnings').select(['kind', 'factor']).where('id', '=', a).executeTakeFirstOrThrow();
      const title = (await rig.store.database.db.selectFrom('tasks').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title;
      assert.equal(w.kind, 'exceedance');
      assert.equal(title, `预警核查 超标 ${w.factor === null ? '' : factorInfo(w.factor)!.nameZh}`.trim());
      assert.doesNotMatch(title, /exceedance|a\d{5}/);
      // The default SLA of a warning task: 3 calendar days after the day it was created.
      assert.equal(t.dueAt, calendarDeadline(rig.clock.now, DEFAULT_TASK_SLA_DAYS.warning).expiresAt);
      assert.deepEqual(await auditOf('task', id), ['create']);
      assert.deepEqual(await auditOf('warning', a), ['dispatch']);
      // The task's priority follows its most serious warning: 严重 (high) makes 紧急 (high), else 一般.
      const severities = (await rig.store.database.db.selectFrom('warnings').select('severity').where('id', 'in', [a, b]).execute()).map((r) => r.severity);
      const priority = (await rig.store.database.db.selectFrom('tasks').select('priority').where('id', '=', id).executeTakeFirstOrThrow()).priority;
      assert.equal(priority, severities.includes('high') ? 'high' : 'normal');
      const serious = await confirmedWarning(rig.inside.pointId);
      await rig.store.database.db.updateTable('warnings').set({ severity: 'high' }).where('id', '=', serious).execute();
      const urgent = (await call(rig.app, dispatcher, 'POST', '/api/tasks', { source: 'warning', warningIds: [serious] })).json<{ id: number }>().id;
      assert.equal((await rig.store.database.db.selectFrom('tasks').select('priority').where('id', '=', urgent).executeTakeFirstOrThrow()).priority, 'high');
      const chosen = await confirmedWarning(rig.inside.pointId);
      await rig.store.database.db.updateTable('warnings').set({ severity: 'high' }).where('id', '=', chosen).execute();
      const normal = (await call(rig.app, dispatcher, 'POST', '/api/tasks', { source: 'warning', warningIds: [chosen], priority: 'normal' })).json<{ id: number }>().id;
      assert.equal((await rig.store.database.db.selectFrom('tasks').select('priority').where('id', '=', normal).executeTakeFirstOrThrow()).priority, 'normal', 'the dispatcher\'s choice wins');
      // A dispatched warning cannot be dispatched again.
      const again = await call(rig.app, dispatcher, 'POST', '/api/tasks', { source: 'warning', warningIds: [a] });
      assert.equal(again.statusCode, 409);
      // Warnings of two enterprises do not make one task.
      const mixed = await call(rig.app, await login(rig.app, 'head'), 'POST', '/api/tasks', { source: 'warning', warningIds: [await confirmedWarning(rig.inside.pointId), await confirmedWarning(rig.otherCity.pointId)] });
      assert.equal(mixed.statusCode, 400, mixed.body);
    });

    void test('an unconfirmed warning is refused and stays new; one outside the region is not found', async () => {
      const w = await rig.newWarning(rig.inside.pointId);
      const res = await call(rig.app, dispatcher, 'POST', '/api/tasks', { source: 'warning', warningIds: [w] });
      assert.equal(res.statusCode, 409);
      assert.equal(errorCode(res), 'conflict');
      const row = await rig.store.database.db.selectFrom('warnings').select('status').where('id', '=', w).executeTakeFirstOrThrow();
      assert.equal(row.status, 'new');
      const far = await call(rig.app, dispatcher, 'POST', '/api/tasks', { source: 'warning', warningIds: [await confirmedWarning(rig.otherCity.pointId)] });
      assert.equal(far.statusCode, 404);
    });

    void test('assignment: one officer refused, an officer of another region refused, two ok; reassignment keeps history', async () => {
      const id = (await call(rig.app, dispatcher, 'POST', '/api/tasks', { source: 'warning', warningIds: [await confirmedWarning(rig.inside.pointId)] })).json<{ id: number }>().id;
      const one = await call(rig.app, dispatcher, 'POST', `/api/tasks/${id}/assign`, { officerIds: [ids.officer] });
      assert.equal(one.statusCode, 400);
      assert.match(one.json<{ error: { message: string } }>().error.message, /at least 2 .*APL art\. 42/);
      const far = await call(rig.app, dispatcher, 'POST', `/api/tasks/${id}/assign`, { officerIds: [ids.officer, ids.foreign] });
      assert.equal(far.statusCode, 400, far.body);
      assert.ok(!(await task(id)).eligibleOfficers.some((o) => o.id === ids.foreign));
      const notOfficer = await call(rig.app, dispatcher, 'POST', `/api/tasks/${id}/assign`, { officerIds: [ids.officer, await userId('analyst')] });
      assert.equal(notOfficer.statusCode, 400);
      assert.equal((await task(id)).status, 'open', 'refused assignments change nothing');

      const two = await call(rig.app, dispatcher, 'POST', `/api/tasks/${id}/assign`, { officerIds: [ids.officer, ids.officer2] });
      assert.equal(two.statusCode, 200, two.body);
      assert.equal((await task(id)).status, 'assigned');
      rig.clock.now += 60_000;
      const re = await call(rig.app, dispatcher, 'POST', `/api/tasks/${id}/assign`, { officerIds: [ids.officer2, ids.officer3] });
      assert.equal(re.statusCode, 200, re.body);
      const t = await task(id);
      assert.deepEqual(t.officers.map((o) => o.id).sort((x, y) => x - y), [ids.officer2!, ids.officer3!].sort((x, y) => x - y));
      assert.equal(t.assignments.length, 3, 'officer, officer2, officer3: the released row is kept');
      assert.notEqual(t.assignments.find((a) => a.userId === ids.officer)!.releasedAt, null);
      assert.equal(t.assignments.find((a) => a.userId === ids.officer2)!.releasedAt, null);

      // The released officer may no longer start it; one still on it may; done needs an outcome.
      const released = await call(rig.app, await login(rig.app, 'officer'), 'POST', `/api/tasks/${id}/start`);
      assert.equal(released.statusCode, 403);
      const officer2 = await login(rig.app, 'officer2');
      assert.equal((await call(rig.app, officer2, 'POST', `/api/tasks/${id}/done`, { outcome: 'too early' })).statusCode, 409, 'not started yet');
      assert.equal((await call(rig.app, officer2, 'POST', `/api/tasks/${id}/start`)).statusCode, 200);
      assert.equal((await call(rig.app, officer2, 'POST', `/api/tasks/${id}/done`, { outcome: '' })).statusCode, 400);
      assert.equal((await call(rig.app, officer2, 'POST', `/api/tasks/${id}/done`, { outcome: 'on site: the SO2 analyser was recalibrated; no violation found' })).statusCode, 200);
      const done = await task(id);
      assert.equal(done.status, 'done');
      assert.equal(done.warnings[0]!.status, 'closed');
      assert.deepEqual(await auditOf('task', id), ['create', 'assign', 'reassign', 'start', 'done']);
      assert.deepEqual(await auditOf('warning', done.warnings[0]!.id), ['dispatch', 'close']);
      assert.equal((await call(rig.app, dispatcher, 'POST', `/api/tasks/${id}/cancel`, { reason: 'too late' })).statusCode, 409);
    });

    void test('cancel releases the officers and gives the warnings back to triage', async () => {
      const w = await confirmedWarning(rig.inside.pointId);
      const id = (await call(rig.app, dispatcher, 'POST', '/api/tasks', { source: 'warning', warningIds: [w] })).json<{ id: number }>().id;
      await call(rig.app, dispatcher, 'POST', `/api/tasks/${id}/assign`, { officerIds: [ids.officer, ids.officer2] });
      assert.equal((await call(rig.app, dispatcher, 'POST', `/api/tasks/${id}/cancel`, { reason: 'duplicate of a joint inspection' })).statusCode, 200);
      const t = await task(id);
      assert.equal(t.status, 'cancelled');
      assert.equal(t.officers.length, 0);
      assert.ok(t.assignments.every((a) => a.releasedAt !== null));
      assert.equal(t.warnings[0]!.status, 'confirmed');
      assert.equal((await call(rig.app, dispatcher, 'POST', '/api/tasks', { source: 'warning', warningIds: [w] })).statusCode, 200, 'the warning may be dispatched again');
    });

    void test('escalation: with a fixed clock an overdue task is raised once per day, audited, and shown on the board', async () => {
      const db = rig.store.database.db;
      const id = (await call(rig.app, dispatcher, 'POST', '/api/tasks', { source: 'warning', warningIds: [await confirmedWarning(rig.inside.pointId)] })).json<{ id: number }>().id;
      const { dueAt } = await task(id);
      const clock = { now: dueAt + 5 * 60_000 };
      const jobs = new DailyJobs(db, () => clock.now, [taskEscalationJob(db)], { schedule: false, wallNow: () => 1_000 });
      const escalations = async () => (await auditOf('task', id)).filter((a) => a === 'escalate').length;
      await jobs.runDue();
      assert.equal(await escalations(), 1);
      assert.equal((await db.selectFrom('tasks').select('escalation').where('id', '=', id).executeTakeFirstOrThrow()).escalation, 2, 'overdue: the dispatcher is told');
      clock.now += 6 * 3600_000;
      await jobs.runDue();
      assert.equal(await escalations(), 1, 'the same Beijing day runs once');
      // Even run by hand again, a level that the clock does not raise writes nothing.
      assert.ok(!(await escalateTasks(db, clock.now)).some((e) => e.id === id));
      clock.now = dueAt + 4 * DAY;
      await jobs.runDue();
      assert.equal(await escalations(), 2);
      assert.equal((await task(id)).escalation, 3, 'overdue by more than three days: the head is told');
      clock.now += DAY;
      await jobs.runDue();
      assert.equal(await escalations(), 2, 'level 3 is the top');
      const overdue = (await call(rig.app, dispatcher, 'GET', '/api/tasks?overdue=true&limit=500')).json<{ items: Array<{ id: number }> }>();
      assert.ok(!overdue.items.some((t) => t.id === id), 'on the platform clock of the rig it is not due yet');
      rig.clock.now = clock.now;
      const later = (await call(rig.app, dispatcher, 'GET', '/api/tasks?overdue=true&limit=500')).json<{ items: Array<{ id: number; escalation: number; clock: { status: string } }> }>();
      const card = later.items.find((t) => t.id === id);
      assert.ok(card !== undefined && card.escalation === 3 && card.clock.status === 'overdue');
    });

    void test('tips: the reporter is hidden from a role without tips.reporter, and from the audit trail', async () => {
      const region = (await rig.store.database.db.selectFrom('enterprises').select('region_code').where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow()).region_code;
      const analyst = await login(rig.app, 'analyst');
      const res = await call(rig.app, analyst, 'POST', '/api/tips', {
        receivedAt: beijing('2026-11-28T09:30'), channel: 'phone', reporterName: '张三', reporterPhone: '13800138000', content: '夜间烟囱冒黑烟', enterpriseId: rig.inside.enterpriseId, regionCode: region,
      });
      assert.equal(res.statusCode, 200, res.body);
      const id = res.json<{ id: number }>().id;
      type Tips = { items: Array<{ id: number; reporterName: string | null; reporterPhone: string | null; reporterHidden: boolean }> };
      for (const user of ['analyst', 'officer', 'admin']) {
        const seen = (await call(rig.app, await login(rig.app, user), 'GET', '/api/tips')).json<Tips>().items.find((t) => t.id === id)!;
        assert.deepEqual([seen.reporterName, seen.reporterPhone, seen.reporterHidden], [null, null, true], user);
      }
      const full = (await call(rig.app, dispatcher, 'GET', '/api/tips')).json<Tips>().items.find((t) => t.id === id)!;
      assert.deepEqual([full.reporterName, full.reporterPhone], ['张三', '13800138000']);
      assert.equal((await call(rig.app, await login(rig.app, 'company'), 'GET', '/api/tips')).statusCode, 403);
      const row = await rig.store.database.db.selectFrom('audit_log').select('changes').where('entity', '=', 'tip').where('entity_id', '=', String(id)).executeTakeFirstOrThrow();
      assert.ok(row.changes !== null && !row.changes.includes('张三') && !row.changes.includes('13800138000'));
      const t = await call(rig.app, dispatcher, 'POST', '/api/tasks', { source: 'tip', tipId: id });
      assert.equal(t.statusCode, 200, t.body);
      assert.equal((await call(rig.app, dispatcher, 'POST', '/api/tasks', { source: 'tip', tipId: id })).statusCode, 409, 'one running task per tip');
    });

    void test('a joint request: the receiving region works it, the requester follows it', async () => {
      const other = (await rig.store.database.db.selectFrom('enterprises').select('region_code').where('id', '=', rig.otherCity.enterpriseId).executeTakeFirstOrThrow()).region_code;
      const res = await call(rig.app, dispatcher, 'POST', '/api/tasks', { source: 'joint', receivingRegionCode: other, enterpriseId: rig.otherCity.enterpriseId, title: '跨市联合检查' });
      assert.equal(res.statusCode, 200, res.body);
      const id = res.json<{ id: number }>().id;
      assert.equal((await call(rig.app, dispatcher, 'GET', `/api/tasks/${id}`)).statusCode, 200, 'the requester sees it');
      assert.ok((await call(rig.app, dispatcher, 'GET', '/api/tasks?source=joint')).json<{ items: Array<{ id: number }> }>().items.some((t) => t.id === id));
      const assign = await call(rig.app, dispatcher, 'POST', `/api/tasks/${id}/assign`, { officerIds: [ids.officer, ids.officer2] });
      assert.equal(assign.statusCode, 403, 'but does not work it');
      assert.equal((await call(rig.app, await login(rig.app, 'officer'), 'GET', `/api/tasks/${id}`)).statusCode, 404, 'a county officer elsewhere does not see it');
      const head = await login(rig.app, 'head');
      const one = await call(rig.app, head, 'POST', `/api/tasks/${id}/assign`, { officerIds: [ids.foreign, ids.officer] });
      assert.equal(one.statusCode, 400, 'the requesting region\'s officers have no jurisdiction there');
    });

    void test('team members: an admin adds and removes officers of the team\'s region; the team\'s tasks keep their history', async () => {
      const db = rig.store.database.db;
      const [o1, o2, o3, far] = [ids.officer!, ids.officer2!, ids.officer3!, ids.foreign!];
      const admin = await login(rig.app, 'admin');
      const county = (await db.selectFrom('users').select('region_code').where('id', '=', o1).executeTakeFirstOrThrow()).region_code;
      const created = await call(rig.app, admin, 'POST', '/api/teams', { regionCode: county, name: '第二执法队', memberIds: [o1] });
      assert.equal(created.statusCode, 200, created.body);
      const team = created.json<{ id: number }>().id;
      const members = (res: { json: <T>() => T }) => res.json<{ members: number[] }>().members;

      const candidates = (await call(rig.app, admin, 'GET', `/api/teams/${team}/candidates`)).json<{ items: Array<{ id: number }> }>().items.map((c) => c.id);
      assert.ok(candidates.includes(o3) && !candidates.includes(o1) && !candidates.includes(far), 'officers of the county not yet on it');
      const added = await call(rig.app, admin, 'POST', `/api/teams/${team}/members`, { userId: o3 });
      assert.equal(added.statusCode, 200, added.body);
      assert.deepEqual(members(added), [o1, o3].sort((a, b) => a - b));
      assert.equal((await call(rig.app, admin, 'POST', `/api/teams/${team}/members`, { userId: o3 })).statusCode, 409, 'already on it');
      const refused = await call(rig.app, admin, 'POST', `/api/teams/${team}/members`, { userId: far });
      assert.equal(refused.statusCode, 400, 'an officer of another city');
      assert.equal(errorCode(refused), 'bad_request');
      const dispatcherId = await userId('dispatcher');
      assert.equal((await call(rig.app, admin, 'POST', `/api/teams/${team}/members`, { userId: dispatcherId })).statusCode, 400, 'not an officer');
      assert.equal((await call(rig.app, dispatcher, 'POST', `/api/teams/${team}/members`, { userId: o2 })).statusCode, 403, 'only teams.manage');
      assert.equal((await call(rig.app, admin, 'POST', '/api/teams/999999/members', { userId: o2 })).statusCode, 404);
      const listed = (await call(rig.app, dispatcher, 'GET', '/api/teams')).json<{ items: Array<{ id: number; members: Array<{ id: number }> }> }>().items.find((x) => x.id === team);
      assert.deepEqual(listed?.members.map((m) => m.id), [o1, o3].sort((a, b) => a - b), 'the board sees the new member');

      // A task of the team, worked by the officer who is then taken off the team.
      const w = await confirmedWarning(rig.inside.pointId);
      const taskRes = await call(rig.app, dispatcher, 'POST', '/api/tasks', { source: 'warning', warningIds: [w], teamId: team });
      assert.equal(taskRes.statusCode, 200, taskRes.body);
      const taskId = taskRes.json<{ id: number }>().id;
      assert.equal((await call(rig.app, dispatcher, 'POST', `/api/tasks/${taskId}/assign`, { officerIds: [o1, o3] })).statusCode, 200);
      const removed = await call(rig.app, admin, 'DELETE', `/api/teams/${team}/members/${o3}`);
      assert.equal(removed.statusCode, 200, removed.body);
      assert.deepEqual(members(removed), [o1]);
      assert.equal((await call(rig.app, admin, 'DELETE', `/api/teams/${team}/members/${o3}`)).statusCode, 404, 'no longer on it');
      assert.equal((await call(rig.app, dispatcher, 'DELETE', `/api/teams/${team}/members/${o1}`)).statusCode, 403);
      const after = (await call(rig.app, dispatcher, 'GET', `/api/tasks/${taskId}`)).json<{ teamId: number; assignments: Array<{ userId: number; releasedAt: number | null }> }>();
      assert.equal(after.teamId, team, 'the task keeps its team');
      assert.ok(after.assignments.some((a) => a.userId === o3), 'and who worked it');
      assert.deepEqual(await auditOf('team', team), ['create', 'add_member', 'remove_member']);

      // A team in another province is outside the admin's scope: not found.
      const otherProvince = (await db.selectFrom('enterprises').select('region_code').where('id', '=', rig.outside.enterpriseId).executeTakeFirstOrThrow()).region_code;
      const foreignTeam = await db.insertInto('teams').values({ region_code: otherProvince, name: 'outside team', created_at: rig.clock.now, created_by: null }).returning('id').executeTakeFirstOrThrow();
      assert.equal((await call(rig.app, admin, 'POST', `/api/teams/${Number(foreignTeam.id)}/members`, { userId: o3 })).statusCode, 404);
      assert.equal((await call(rig.app, admin, 'GET', `/api/teams/${Number(foreignTeam.id)}/candidates`)).statusCode, 404);
    });

    void test('createFromDraw: the entry point a draw service calls', async () => {
      const db = rig.store.database.db;
      const at = rig.clock.now;
      const id = await createFromDraw(db, { drawId: 7, enterpriseId: rig.inside.enterpriseId }, {
        actor: { kind: 'system', id: null, name: 'draw' }, userId: 0, regionCode: '440000', scope: { regionPrefix: '44', enterpriseIds: null }, ip: null, at,
      });
      const t = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual([t.source_kind, Number(t.source_id), Number(t.enterprise_id), t.status], ['draw', 7, rig.inside.enterpriseId, 'open']);
      assert.equal(Number(t.due_at), calendarDeadline(at, DEFAULT_TASK_SLA_DAYS.draw).expiresAt);
      assert.notEqual(t.team_id, null, 'the demo county team takes it');
      await assert.rejects(
        createFromDraw(db, { drawId: 7, enterpriseId: rig.outside.enterpriseId }, { actor: { kind: 'system', id: null, name: 'draw' }, userId: 0, regionCode: '440000', scope: { regionPrefix: '44', enterpriseIds: null }, ip: null, at }),
        /not found/,
      );
    });

    void test('monthly notification: a task done in the month makes its unit supervised', async () => {
      const db = rig.store.database.db;
      const scope = { regionPrefix: '44', enterpriseIds: null };
      const month = monthOf(rig.clock.now);
      const unit = await db.selectFrom('enterprises').select(['id', 'region_code']).where('region_code', 'like', '44%').where('id', 'not in', [rig.inside.enterpriseId, rig.otherCity.enterpriseId]).orderBy('id', 'desc').executeTakeFirstOrThrow();
      const head = await login(rig.app, 'head');
      const before = (await monthlyReport(db, scope, month, rig.clock.now)).total.current.supervised;
      const posted = await call(rig.app, await login(rig.app, 'admin'), 'POST', '/api/tips', { receivedAt: rig.clock.now, channel: 'web', content: '废水直排', enterpriseId: Number(unit.id), regionCode: unit.region_code });
      assert.equal(posted.statusCode, 200, posted.body);
      const tip = posted.json<{ id: number }>();
      const id = (await call(rig.app, head, 'POST', '/api/tasks', { source: 'tip', tipId: tip.id })).json<{ id: number }>().id;
      const officers = (await task(id, head)).eligibleOfficers.map((o) => o.id);
      if (officers.length < 2) {
        // The unit lies outside the demo officers' county: put two officers of its own county on it.
        for (const n of [1, 2]) officers.push(await createUser(db, { username: `officer-m${n}`, displayName: `执法人员M${n}`, password: DEMO_PASSWORD, role: 'officer', regionCode: unit.region_code, enterpriseId: null }));
      }
      assert.equal((await call(rig.app, head, 'POST', `/api/tasks/${id}/assign`, { officerIds: officers.slice(0, 2) })).statusCode, 200);
      const admin = await login(rig.app, 'admin');
      assert.equal((await call(rig.app, admin, 'POST', `/api/tasks/${id}/start`)).statusCode, 200);
      assert.equal((await monthlyReport(db, scope, month, rig.clock.now)).total.current.supervised, before, 'started is not yet supervised');
      assert.equal((await call(rig.app, admin, 'POST', `/api/tasks/${id}/done`, { outcome: '现场核查属实，已责令改正' })).statusCode, 200);
      assert.equal((await monthlyReport(db, scope, month, rig.clock.now)).total.current.supervised, before + 1);
    });
  });
}
