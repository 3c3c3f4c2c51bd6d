// Data markings over HTTP (issue 4 §3): the enterprise marks spans of its own points with a reason and
// attachment metadata; the bureau reads them; a marking is withdrawn, never deleted, and every step is
// audited. A late marking over a span that shows flow is itself a finding (two warnings).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from './store-fixtures.ts';
import { call, errorCode, login, startHttpRig, T0, type HttpRig } from './http-fixtures.ts';

const HOUR = 3600_000;
interface MarkingOut { id: number; pointId: number; kind: string; invalid: boolean; late: boolean; productionSeen: boolean; withdrawnAt: number | null; warningIds: number[]; attachments: unknown[] }

for (const dialect of DIALECTS) {
  void describe(`markings API on ${dialect}`, () => {
    let rig: HttpRig;
    before(async () => {
      rig = await startHttpRig(dialect);
    });
    after(() => rig.close());

    void test('create, list, withdraw: audited and never deleted', async () => {
      rig.clock.now = T0 + 61 * 60_000;
      const company = await login(rig.app, 'company');
      const url = `/api/points/${rig.inside.pointId}/markings`;
      const attachments = [{ name: '检修记录.pdf', sha256: 'a'.repeat(64), size: 12345 }];
      const res = await call(rig.app, company, 'POST', url, { kind: 'maintenance', from: T0 + 2 * HOUR, to: T0 + 3 * HOUR, reason: '脱硫系统计划检修', attachments });
      assert.equal(res.statusCode, 200, res.body);
      const m = res.json<MarkingOut>();
      assert.deepEqual([m.kind, m.invalid, m.late, m.productionSeen, m.withdrawnAt, m.warningIds], ['maintenance', true, false, false, null, []]);
      assert.deepEqual(m.attachments, attachments);

      const officer = await login(rig.app, 'officer');
      const list = (await call(rig.app, officer, 'GET', url)).json<{ items: MarkingOut[] }>();
      assert.ok(list.items.some((x) => x.id === m.id), 'the bureau sees the marking');

      const w = await call(rig.app, company, 'POST', `/api/markings/${m.id}/withdraw`, { reason: '检修推迟' });
      assert.equal(w.statusCode, 200, w.body);
      assert.equal(w.json<MarkingOut>().withdrawnAt, rig.clock.now);
      const again = await call(rig.app, company, 'POST', `/api/markings/${m.id}/withdraw`, { reason: '检修推迟' });
      assert.equal(again.statusCode, 409);
      assert.equal(errorCode(again), 'conflict');

      const db = rig.store.database.db;
      const row = await db.selectFrom('markings').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
      assert.equal(row.withdrawn_at, rig.clock.now, 'withdrawn, still stored');
      const inForce = (await call(rig.app, officer, 'GET', `${url}?withdrawn=false`)).json<{ items: MarkingOut[] }>();
      assert.ok(!inForce.items.some((x) => x.id === m.id));
      assert.ok((await call(rig.app, officer, 'GET', url)).json<{ items: MarkingOut[] }>().items.some((x) => x.id === m.id && x.withdrawnAt !== null));
      const audit = await db.selectFrom('audit_log').select(['action', 'actor_name']).where('entity', '=', 'marking').where('entity_id', '=', String(m.id)).orderBy('seq').execute();
      assert.deepEqual(audit.map((a) => [a.action, a.actor_name]), [['create', 'company'], ['withdraw', 'company']]);
    });

    void test('only the enterprise marks, and only its own points; the span and reason are checked', async () => {
      const body = { kind: 'startup', from: T0 + 2 * HOUR, to: T0 + 3 * HOUR, reason: '锅炉启动' };
      const officer = await login(rig.app, 'officer');
      assert.equal((await call(rig.app, officer, 'POST', `/api/points/${rig.inside.pointId}/markings`, body)).statusCode, 403);
      const admin = await login(rig.app, 'admin');
      assert.equal((await call(rig.app, admin, 'POST', `/api/points/${rig.inside.pointId}/markings`, body)).statusCode, 403);
      const company = await login(rig.app, 'company');
      for (const pointId of [rig.outside.pointId, rig.otherCity.pointId]) {
        const res = await call(rig.app, company, 'POST', `/api/points/${pointId}/markings`, body);
        assert.equal(res.statusCode, 404, `point ${pointId}`);
        assert.equal(errorCode(res), 'not_found');
      }
      const url = `/api/points/${rig.inside.pointId}/markings`;
      for (const bad of [
        { ...body, to: body.from },
        { ...body, to: body.from + 32 * 24 * HOUR },
        { ...body, reason: 'x' },
        { ...body, reason: 'x'.repeat(2001) },
        { ...body, kind: 'holiday' },
        { ...body, attachments: [{ name: 'a.pdf', sha256: 'not-a-digest', size: 1 }] },
      ]) {
        const res = await call(rig.app, company, 'POST', url, bad);
        assert.equal(res.statusCode, 400, JSON.stringify(bad));
      }
      assert.equal((await call(rig.app, company, 'POST', url, { ...body, to: body.from + 31 * 24 * HOUR })).statusCode, 200, '31 days is allowed');
    });

    void test('a late invalid marking over a span with flow raises both findings; a non-invalid one raises none', async () => {
      rig.clock.now = T0 + 3 * HOUR;
      const company = await login(rig.app, 'company');
      const url = `/api/points/${rig.inside.pointId}/markings`;
      const res = await call(rig.app, company, 'POST', url, { kind: 'production_stopped', from: T0, to: T0 + HOUR, reason: '停产' });
      assert.equal(res.statusCode, 200, res.body);
      const m = res.json<MarkingOut>();
      assert.deepEqual([m.invalid, m.late, m.productionSeen, m.warningIds.length], [true, true, true, 2]);

      const db = rig.store.database.db;
      const warnings = await db.selectFrom('warnings').selectAll().where('id', 'in', m.warningIds).orderBy('id').execute();
      assert.deepEqual(warnings.map((w) => [w.kind, w.severity, w.status, w.period_from, w.period_to, w.enterprise_id]), [
        ['marking_late', 'medium', 'new', T0, T0 + HOUR, rig.inside.enterpriseId],
        ['marking_covers_production', 'medium', 'new', T0, T0 + HOUR, rig.inside.enterpriseId],
      ]);
      const late = JSON.parse(warnings[0]!.evidence) as { markingId: number; params: { lateByMs: number } };
      assert.equal(late.markingId, m.id);
      assert.equal(late.params.lateByMs, 3 * HOUR);
      const prod = JSON.parse(warnings[1]!.evidence) as { markingId: number; times: number[]; values: number[]; params: { producingMinutes: number } };
      assert.equal(prod.markingId, m.id);
      assert.equal(prod.params.producingMinutes, 60);
      assert.equal(prod.times[0], T0);
      assert.ok(prod.values.every((v) => v > 0.5));
      const audit = await db.selectFrom('audit_log').select(['entity_id']).where('entity', '=', 'warning').where('action', '=', 'create').execute();
      for (const id of m.warningIds) assert.ok(audit.some((a) => a.entity_id === String(id)), `warning ${id} is audited`);

      const analyst = await login(rig.app, 'analyst');
      const inbox = (await call(rig.app, analyst, 'GET', '/api/warnings?kind=marking_covers_production')).json<{ items: Array<{ id: number }> }>();
      assert.ok(inbox.items.some((w) => w.id === m.warningIds[1]));

      const note = (await call(rig.app, company, 'POST', url, { kind: 'other', from: T0, to: T0 + HOUR, reason: '备注' })).json<MarkingOut>();
      assert.deepEqual([note.invalid, note.late, note.productionSeen, note.warningIds], [false, true, true, []]);
      const explicit = (await call(rig.app, company, 'POST', url, { kind: 'calibration', invalid: false, from: T0, to: T0 + 5 * 60_000, reason: '校准记录' })).json<MarkingOut>();
      assert.deepEqual([explicit.invalid, explicit.productionSeen, explicit.warningIds], [false, false, []], 'five producing minutes are under the ten-minute rule');
    });
  });
}
