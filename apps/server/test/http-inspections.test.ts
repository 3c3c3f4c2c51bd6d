// Guided on-site inspection over HTTP on both dialects (issue 5 §3): the checklist of a task is generated
// from its enterprise's permit and registry (outlets, points, limited factors) and versioned by its hash; the
// phone's sync is idempotent by op id (the same batch twice gives one row each); a stale base version comes
// back as a conflict with both values and overwrites nothing; evidence whose bytes do not match the declared
// SHA-256 is refused; an officer not on the task gets 403; finishing names each violation's matter and
// finishes the task with the outcome; every mutation has its audit row.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../src/platform/db/schema.ts';
import { createUser } from '../src/accounts/users.ts';
import { DIALECTS } from './store-fixtures.ts';
import { DEMO_PASSWORD, T0, call, errorCode, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';

interface Checklist {
  hash: string;
  enterpriseId: number;
  items: Array<{ key: string; section: string; facts: Record<string, string | number | null>; attention: string[] }>;
}
type Result = { opId: string; status: string; duplicate: boolean; version?: number; server?: { result: string; note: string | null; version: number }; client?: { result: string; note: string | null } };

/** A trigger that refuses to mark any task done: a failure after the inspection's finish is written. */
async function refuseTaskDone(db: Kysely<Schema>, dialect: string, on: boolean): Promise<void> {
  if (dialect === 'sqlite') {
    await sql.raw(on
      ? `create trigger refuse_task_done before update on tasks when new.status = 'done' begin select raise(abort, 'refused by the test trigger'); end`
      : 'drop trigger refuse_task_done').execute(db);
    return;
  }
  if (!on) {
    await sql.raw('drop trigger refuse_task_done on tasks').execute(db);
    return;
  }
  await sql.raw(`create or replace function refuse_task_done() returns trigger language plpgsql as $$ begin raise exception 'refused by the test trigger'; end $$`).execute(db);
  await sql.raw(`create trigger refuse_task_done before update on tasks for each row when (new.status = 'done') execute function refuse_task_done()`).execute(db);
}

for (const dialect of DIALECTS) {
  void describe(`on-site inspections on ${dialect}`, () => {
    let rig: HttpRig;
    let officer: Session;
    let taskId: number;
    let checklist: Checklist;
    const inspection = randomUUID();
    const db = () => rig.store.database.db;
    const sync = async (ops: unknown[], s: Session = officer) => call(rig.app, s, 'POST', '/api/inspections/sync', { ops });
    const results = async (ops: unknown[], s: Session = officer) => {
      const res = await sync(ops, s);
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ results: Result[] }>().results;
    };
    const upload = (uuid: string, q: Record<string, string | number>, bytes: Buffer, s: Session = officer) =>
      call(rig.app, s, 'POST', `/api/inspections/${uuid}/evidence?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`, undefined, { filename: 'photo.png', bytes });

    before(async () => {
      rig = await startHttpRig(dialect);
      officer = await login(rig.app, 'officer');
      const users = await db().selectFrom('users').select(['id', 'region_code']).where('username', 'in', ['officer', 'officer2']).orderBy('id').execute();
      const region = (await db().selectFrom('enterprises').select('region_code').where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow()).region_code;
      const row = await db()
        .insertInto('tasks')
        .values({
          source_kind: 'joint', source_id: null, region_code: region, requesting_region_code: null, enterprise_id: rig.inside.enterpriseId, team_id: null, title: 'inspection', note: null, status: 'assigned', priority: 'normal',
          due_at: T0 + 10 * 86_400_000, escalated_at: null, created_at: T0, created_by: 1, updated_at: T0, started_at: null, done_at: null, outcome: null, cancelled_at: null, cancel_reason: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      taskId = Number(row.id);
      await db().insertInto('task_assignments').values(users.map((u) => ({ task_id: taskId, user_id: Number(u.id), assigned_at: T0, assigned_by: 1, released_at: null }))).execute();
      await createUser(db(), { username: 'officer-off', displayName: '未派执法人员', password: DEMO_PASSWORD, role: 'officer', regionCode: users[0]!.region_code, enterpriseId: null });
    });
    after(() => rig.close());

    void test('the checklist holds the templates, every outlet and its sign, every point and each factor the permit limits', async () => {
      const res = await call(rig.app, officer, 'GET', `/api/tasks/${taskId}/checklist`);
      assert.equal(res.statusCode, 200, res.body);
      checklist = res.json<Checklist>();
      assert.match(checklist.hash, /^[0-9a-f]{64}$/);
      const keys = checklist.items.map((i) => i.key);
      assert.ok(keys.includes('tpl:general:ledger'));
      const outlets = await db().selectFrom('outlets').select(['id', 'code']).where('enterprise_id', '=', rig.inside.enterpriseId).execute();
      assert.ok(outlets.length > 0);
      for (const o of outlets) assert.ok(keys.includes(`outlet:${o.code}:sign`), `sign of ${o.code}`);
      const limits = await db()
        .selectFrom('permit_limits as l')
        .innerJoin('monitoring_points as p', 'p.outlet_id', 'l.outlet_id')
        .select(['p.mn', 'l.factor', 'l.limit_value'])
        .where('l.outlet_id', 'in', outlets.map((o) => o.id))
        .where('l.special_kind', 'is', null)
        // Meter loggers hang under the stack too; the permit's pollutant limits are not theirs (next test).
        .where((eb) => eb.not(eb.exists(eb.selectFrom('meters as m').select('m.id').whereRef('m.point_id', '=', 'p.id'))))
        .execute();
      assert.ok(limits.length > 0, 'the demo permit limits factors at the points');
      for (const l of limits) {
        const item = checklist.items.find((i) => i.key === `point:${l.mn}:factor:${l.factor}`);
        assert.ok(item !== undefined, `factor ${l.factor} at ${l.mn}`);
        assert.ok(Number(item.facts.limit) <= Number(l.limit_value));
        assert.ok(keys.includes(`point:${l.mn}:equipment`));
      }
      // Same registry, same hash; the version changes when the registry does.
      const again = (await call(rig.app, officer, 'GET', `/api/tasks/${taskId}/checklist`)).json<Checklist>();
      assert.equal(again.hash, checklist.hash);
      const dev = await db().selectFrom('devices as d').innerJoin('monitoring_points as p', 'p.id', 'd.point_id').select(['d.id', 'd.factor', 'p.mn']).where('p.mn', '=', limits[0]!.mn).where('d.factor', '=', limits[0]!.factor).executeTakeFirst();
      if (dev !== undefined) {
        await db().updateTable('devices').set({ range_high: 0.001 }).where('id', '=', dev.id).execute();
        const changed = (await call(rig.app, officer, 'GET', `/api/tasks/${taskId}/checklist`)).json<Checklist>();
        assert.notEqual(changed.hash, checklist.hash);
        assert.ok(changed.items.find((i) => i.key === `point:${dev.mn}:factor:${dev.factor}`)!.attention.includes('range_below_limit'));
      }
    });

    void test('an electricity-monitoring point gets its meters’ checks, not the permit’s pollutant factors', async () => {
      const meterPoints = await db()
        .selectFrom('meters as m')
        .innerJoin('monitoring_points as p', 'p.id', 'm.point_id')
        .select(['p.mn', 'm.factor', 'm.name', 'm.role'])
        .where('m.enterprise_id', '=', rig.inside.enterpriseId)
        .orderBy('m.id')
        .execute();
      assert.ok(meterPoints.length > 0, 'the first demo enterprise has a meter logger');
      const limited = (await db().selectFrom('permit_limits').select('factor').where('special_kind', 'is', null).execute()).map((l) => l.factor);
      assert.ok(limited.includes('a21002'));
      const items = checklist.items;
      for (const mn of new Set(meterPoints.map((m) => m.mn))) {
        const at = items.filter((i) => i.key.startsWith(`point:${mn}:`));
        const factors = at.filter((i) => i.section === 'factor').map((i) => i.facts.factor).sort();
        assert.deepEqual(factors, meterPoints.filter((m) => m.mn === mn).map((m) => m.factor).sort(), `the factors checked at ${mn} are its meters'`);
        for (const f of ['a21002', 'a21026', 'a34013']) assert.ok(!at.some((i) => i.key.endsWith(`:factor:${f}`)), `no ${f} at the meter point ${mn}`);
        assert.ok(at.some((i) => i.key === `point:${mn}:equipment`));
        assert.ok(!at.some((i) => i.key === `point:${mn}:parameters`), 'no analyser ranges at a meter point');
      }
      const production = meterPoints.find((m) => m.factor === 'e10001')!;
      const item = items.find((i) => i.key === `point:${production.mn}:factor:e10001`)!;
      assert.deepEqual([item.facts.meter, item.facts.role, item.facts.unit, item.facts.sent], [production.name, 'production', 'kW', 'yes']);
      assert.deepEqual(item.attention, []);
    });

    void test('a sync batch sent twice applies once; the task starts with the inspection', async () => {
      const batch = [
        { opId: `${inspection}:start`, kind: 'start', inspection, taskId, checklistHash: checklist.hash, startedAt: T0 + 3600_000, deviceTime: T0 + 3590_000, gps: { lat: 23.129, lon: 113.264, accuracy: 12 } },
        { opId: `${inspection}:1`, kind: 'item', inspection, itemKey: 'tpl:general:ledger', baseVersion: 0, result: 'compliant', note: '台账齐全', matterCode: null },
        { opId: `${inspection}:2`, kind: 'item', inspection, itemKey: 'tpl:general:disclosure', baseVersion: 0, result: 'violation', note: '未公开', matterCode: 'AIR-100' },
      ];
      const first = await results(batch);
      assert.deepEqual(first.map((r) => [r.status, r.duplicate, r.version]), [['applied', false, 1], ['applied', false, 1], ['applied', false, 1]]);
      const second = await results(batch);
      assert.deepEqual(second.map((r) => [r.status, r.duplicate, r.version]), [['applied', true, 1], ['applied', true, 1], ['applied', true, 1]]);
      const ins = await db().selectFrom('inspections').selectAll().where('task_id', '=', taskId).execute();
      assert.equal(ins.length, 1);
      assert.equal(ins[0]!.gps_status, 'ok');
      assert.equal(Number(ins[0]!.lat), 23.129);
      assert.equal(Number(ins[0]!.device_time), T0 + 3590_000);
      assert.equal(Number(ins[0]!.received_at), rig.clock.now);
      assert.deepEqual((JSON.parse(ins[0]!.officer_ids) as number[]).length, 2);
      assert.equal((await db().selectFrom('inspection_items').select('id').where('inspection_id', '=', ins[0]!.id).execute()).length, 2);
      assert.equal((await db().selectFrom('tasks').select('status').where('id', '=', taskId).executeTakeFirstOrThrow()).status, 'in_progress');
      // A violation without a matter of the catalogue is refused.
      const bare = await results([{ opId: `${inspection}:bare`, kind: 'item', inspection, itemKey: 'tpl:general:bypass', baseVersion: 0, result: 'violation', note: null, matterCode: 'NO-SUCH' }]);
      assert.equal(bare[0]!.status, 'rejected');
    });

    void test('an edit on a stale base version is a conflict with both values and overwrites nothing', async () => {
      const officer2 = await login(rig.app, 'officer2');
      const theirs = await results([{ opId: `${inspection}:o2`, kind: 'item', inspection, itemKey: 'tpl:general:ledger', baseVersion: 1, result: 'violation', note: '缺少3月台账', matterCode: 'PRM-37' }], officer2);
      assert.equal(theirs[0]!.status, 'applied');
      const mine = await results([{ opId: `${inspection}:o1`, kind: 'item', inspection, itemKey: 'tpl:general:ledger', baseVersion: 1, result: 'compliant', note: '复核无误', matterCode: null }]);
      assert.equal(mine[0]!.status, 'conflict');
      assert.deepEqual([mine[0]!.server!.result, mine[0]!.server!.note, mine[0]!.server!.version], ['violation', '缺少3月台账', 2]);
      assert.deepEqual([mine[0]!.client!.result, mine[0]!.client!.note], ['compliant', '复核无误']);
      const stored = await db().selectFrom('inspection_items').select(['result', 'note', 'version']).where('item_key', '=', 'tpl:general:ledger').executeTakeFirstOrThrow();
      assert.deepEqual([stored.result, stored.note, Number(stored.version)], ['violation', '缺少3月台账', 2]);
      // The officer keeps the other's value... or re-sends theirs on the server's version: then it applies.
      const resolved = await results([{ opId: `${inspection}:o1b`, kind: 'item', inspection, itemKey: 'tpl:general:ledger', baseVersion: 2, result: 'violation', note: '缺少3月台账（复核）', matterCode: 'PRM-37' }]);
      assert.deepEqual([resolved[0]!.status, resolved[0]!.version], ['applied', 3]);
    });

    void test('evidence: the declared sha256 must match the bytes; a re-upload of the same uuid is idempotent', async () => {
      const bytes = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
      const sha = createHash('sha256').update(bytes).digest('hex');
      const evidence = randomUUID();
      const q = { evidence, itemKey: 'tpl:general:disclosure', sha256: sha, mime: 'image/png', capturedAt: T0 + 3600_000, lat: 23.129, lon: 113.264, accuracy: 12 };
      const bad = await upload(inspection, { ...q, sha256: 'a'.repeat(64) }, bytes);
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal(errorCode(bad), 'bad_request');
      const ok = await upload(inspection, q, bytes);
      assert.equal(ok.statusCode, 200, ok.body);
      const again = await upload(inspection, q, bytes);
      assert.equal(again.statusCode, 200);
      assert.equal(again.json<{ duplicate: boolean }>().duplicate, true);
      const rows = await db().selectFrom('inspection_evidence').select(['sha256', 'size', 'bytes']).where('uuid', '=', evidence).execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.sha256, sha);
      assert.equal(createHash('sha256').update(rows[0]!.bytes).digest('hex'), sha);
    });

    void test('an officer not on the task is refused (403); an unknown inspection is 404', async () => {
      const off = await login(rig.app, 'officer-off');
      const res = await sync([{ opId: `${inspection}:off`, kind: 'item', inspection, itemKey: 'tpl:general:ledger', baseVersion: 3, result: 'compliant', note: null, matterCode: null }], off);
      assert.equal(res.statusCode, 403, res.body);
      const up = await upload(inspection, { evidence: randomUUID(), itemKey: 'x', sha256: 'a'.repeat(64), mime: 'image/png', capturedAt: T0 }, Buffer.from('x'), off);
      assert.equal(up.statusCode, 403);
      const start = await sync([{ opId: 'off-start-1', kind: 'start', inspection: randomUUID(), taskId, checklistHash: checklist.hash, startedAt: T0, deviceTime: T0, gps: null }], off);
      assert.equal(start.statusCode, 403);
      const missing = await sync([{ opId: 'missing-1', kind: 'item', inspection: randomUUID(), itemKey: 'k', baseVersion: 0, result: 'compliant', note: null, matterCode: null }]);
      assert.equal(missing.statusCode, 404);
    });

    void test('finishing names each violation’s matter, finishes the task with the outcome and is audited', async () => {
      const stale = await results([{ opId: `${inspection}:fin0`, kind: 'finish', inspection, baseVersion: 0, finishedAt: T0 + 7200_000, summary: null }]);
      assert.equal(stale[0]!.status, 'conflict');
      // The task closes in the finish op's own transaction: when closing it fails, the finish is not stored either.
      await refuseTaskDone(db(), dialect, true);
      const refused = await sync([{ opId: `${inspection}:fin`, kind: 'finish', inspection, baseVersion: 1, finishedAt: T0 + 7200_000, summary: '责令改正' }]);
      await refuseTaskDone(db(), dialect, false);
      assert.equal(refused.statusCode, 500, refused.body);
      assert.equal((await db().selectFrom('inspections').select('finished_at').where('uuid', '=', inspection).executeTakeFirstOrThrow()).finished_at, null);
      assert.equal((await db().selectFrom('inspection_ops').select('op_id').where('op_id', '=', `${inspection}:fin`).execute()).length, 0);
      assert.equal((await db().selectFrom('tasks').select('status').where('id', '=', taskId).executeTakeFirstOrThrow()).status, 'in_progress');
      const fin = await results([{ opId: `${inspection}:fin`, kind: 'finish', inspection, baseVersion: 1, finishedAt: T0 + 7200_000, summary: '责令改正' }]);
      assert.deepEqual([fin[0]!.status, fin[0]!.version], ['applied', 2]);
      const t = await db().selectFrom('tasks').select(['status', 'outcome']).where('id', '=', taskId).executeTakeFirstOrThrow();
      assert.equal(t.status, 'done');
      assert.match(t.outcome ?? '', /AIR-100/);
      assert.match(t.outcome ?? '', /PRM-37/);
      const late = await results([{ opId: `${inspection}:late`, kind: 'item', inspection, itemKey: 'tpl:general:bypass', baseVersion: 0, result: 'compliant', note: null, matterCode: null }]);
      assert.equal(late[0]!.status, 'rejected');
      const audit = await db().selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', 'inspection').orderBy('seq').execute();
      assert.deepEqual(audit.map((a) => a.action), ['create', 'item_set', 'item_set', 'item_update', 'item_update', 'evidence', 'finish']);
      const taskAudit = await db().selectFrom('audit_log').select('action').where('entity', '=', 'task').where('entity_id', '=', String(taskId)).orderBy('seq').execute();
      assert.deepEqual(taskAudit.map((a) => a.action), ['start', 'done']);
      const list = (await call(rig.app, officer, 'GET', `/api/tasks/${taskId}/inspections`)).json<{ items: Array<{ items: unknown[]; evidence: unknown[]; finishedAt: number }> }>();
      assert.equal(list.items.length, 1);
      assert.equal(list.items[0]!.items.length, 2);
      assert.equal(list.items[0]!.evidence.length, 1);
    });
  });
}
