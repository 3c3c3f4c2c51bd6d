// The public pages' API without login (issue 5 §2 "one public", §9): a draw sealed (commitment only) before
// publishable_after and shown after, without officers' conflicts, with a done task's redacted outcome; a
// typical case refused for a case that is not closed, previewed and published with a phone number and a
// person's name redacted from the facts (enterprise name and USCC kept), then withdrawn; the penalty
// decisions' summaries; every public route answering without a session; and the rate limit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeUscc } from '@ecoenforce/domain';
import { DIALECTS } from './store-fixtures.ts';
import { call, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';
import { filedCase, userId } from './case-fixtures.ts';
import { closedCase, thirdOfficer } from './publication-fixtures.ts';
import { PUBLIC_RATE } from '../src/enforcement/publication/routes.ts';

const DAY = 86_400_000;
const FACTS = '经查，你单位负责人张三称脱硫设施于11月20日停运检修，联系电话13812345678，执法人员执法人员二现场核实。';

interface PublicDraw {
  id: number;
  published: boolean;
  commitment: { resultDigest: string; inputsDigest: string };
  view: null | { seed: string; objects: Array<{ enterpriseId: string; officers: string[] }>; enterprises: Record<string, string>; outcomes: Record<string, { status: string; outcome: string | null }>; exclusionCount: number };
}

for (const dialect of DIALECTS) {
  void describe(`public pages on ${dialect}`, () => {
    let rig: HttpRig;
    let head: Session;
    let county: string;
    before(async () => {
      rig = await startHttpRig(dialect);
      const db = rig.store.database.db;
      await thirdOfficer(db);
      head = await login(rig.app, 'head');
      county = (await db.selectFrom('enterprises').select('region_code').where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow()).region_code;
      await db.insertInto('enterprises').values({
        uscc: makeUscc({ authority: '9', kind: '1', region: county, orgBody: 'MA5PUB01' }), name: '公开测试有限公司', region_code: county, industry: 'boiler', address: '测试路2号', lat: 23.1, lng: 113.3, created_at: rig.clock.now, management_category: 'key',
      }).execute();
    });
    after(() => rig.close());

    void test('a draw is sealed before publishable_after and public after, without conflicts; a done task shows its redacted outcome', async () => {
      const db = rig.store.database.db;
      const officer = await userId(db, 'officer');
      const conflictReason = '配偶在该单位任职';
      assert.equal((await call(rig.app, head, 'POST', '/api/officer-conflicts', { officerId: officer, enterpriseId: rig.inside.enterpriseId, reason: conflictReason })).statusCode, 200);
      const publishableAfter = rig.clock.now + 10 * DAY;
      const drawn = await call(rig.app, head, 'POST', '/api/draws', { regionCode: county, period: '2026-Q4', published: '上证综指 3371.52', publishableAfter });
      assert.equal(drawn.statusCode, 200, drawn.body);
      const d = drawn.json<{ id: number; seed: string; record: { objects: Array<{ enterpriseId: string; officers: string[] }> }; tasks: Array<{ taskId: number; uscc: string; offSite: boolean }> }>();

      // Sealed: the commitment only; neither the seed nor a drawn unit nor an officer is in the answer.
      const sealed = await call(rig.app, null, 'GET', `/api/public/draws/${d.id}`);
      assert.equal(sealed.statusCode, 200, sealed.body);
      const s = sealed.json<PublicDraw>();
      assert.equal(s.published, false);
      assert.equal(s.view, null);
      assert.ok(s.commitment.resultDigest.length === 64);
      assert.ok(!sealed.body.includes(d.seed) && !sealed.body.includes('3371.52'));
      for (const o of d.record.objects) assert.ok(!sealed.body.includes(o.enterpriseId), 'no drawn unit before the visits');
      const listed = (await call(rig.app, null, 'GET', '/api/public/draws')).json<{ items: PublicDraw[] }>().items.find((x) => x.id === d.id)!;
      assert.equal(listed.view, null);

      // An officer finishes one visit with an outcome that names a person and a phone number.
      const first = d.tasks.find((t) => !t.offSite)!;
      const on = await db.selectFrom('task_assignments as a').innerJoin('users as u', 'u.id', 'a.user_id').select('u.username').where('a.task_id', '=', first.taskId).where('a.released_at', 'is', null).orderBy('a.user_id').execute();
      const visitor = await login(rig.app, on[0]!.username);
      assert.equal((await call(rig.app, visitor, 'POST', `/api/tasks/${first.taskId}/start`)).statusCode, 200);
      const done = await call(rig.app, visitor, 'POST', `/api/tasks/${first.taskId}/done`, { outcome: '现场检查未发现问题，负责人李四陪同，电话13900001111' });
      assert.equal(done.statusCode, 200, done.body);

      rig.clock.now = publishableAfter;
      const shown = await call(rig.app, null, 'GET', `/api/public/draws/${d.id}`);
      const p = shown.json<PublicDraw>();
      assert.equal(p.published, true);
      assert.equal(p.view?.seed, d.seed);
      assert.deepEqual(p.view?.objects.map((o) => o.enterpriseId), d.record.objects.map((o) => o.enterpriseId));
      assert.ok(Object.values(p.view.enterprises).every((n) => n !== ''), 'each unit with its name');
      assert.equal(p.view?.outcomes[first.uscc]?.status, 'done');
      assert.equal(p.view?.outcomes[first.uscc]?.outcome, '现场检查未发现问题，负责人李某陪同，电话[电话]');
      // Never the conflicts of interest (who, with whom, why), nor which units had open warnings.
      assert.ok(!shown.body.includes(conflictReason));
      assert.ok(!/exclusions|conflict|openWarnings|pastInspections/.test(shown.body), shown.body.slice(0, 300));
    });

    void test('a typical case: refused unless closed; previewed and published redacted; withdrawn; decisions published as summaries', async () => {
      const db = rig.store.database.db;
      const open = await filedCase(db, rig.inside.enterpriseId, rig.clock.now - DAY);
      const refused = await call(rig.app, head, 'POST', '/api/typical-cases/preview', { caseId: open.id });
      assert.equal(refused.statusCode, 409, refused.body);
      assert.match(refused.body, /only a closed case/);
      assert.equal((await call(rig.app, head, 'POST', '/api/typical-cases', { caseId: open.id, batch: '2026年第一批' })).statusCode, 409);

      const c = await closedCase(db, rig.inside.enterpriseId, rig.clock.now - 5 * DAY, FACTS);
      const enterprise = await db.selectFrom('enterprises').select(['name', 'uscc']).where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow();
      const preview = await call(rig.app, head, 'POST', '/api/typical-cases/preview', { caseId: c.id });
      assert.equal(preview.statusCode, 200, preview.body);
      const content = preview.json<{ facts: string; enterpriseName: string; uscc: string; amount: number; redaction: { removed: Record<string, number> } }>();
      assert.equal(content.facts, '经查，你单位负责人张某称脱硫设施于11月20日停运检修，联系电话[电话]，执法人员执法人员现场核实。');
      assert.deepEqual(content.redaction.removed, { person_name: 1, phone: 1, officer_name: 1 });
      assert.equal(content.enterpriseName, enterprise.name);
      assert.equal(content.uscc, enterprise.uscc);
      assert.equal(content.amount, 230_000);
      assert.equal((await db.selectFrom('typical_cases').select('id').execute()).length, 0, 'a preview stores nothing');

      const officer = await login(rig.app, 'officer');
      assert.equal((await call(rig.app, officer, 'POST', '/api/typical-cases', { caseId: c.id, batch: '2026年第一批' })).statusCode, 403);
      const published = await call(rig.app, head, 'POST', '/api/typical-cases', { caseId: c.id, batch: '2026年第一批' });
      assert.equal(published.statusCode, 200, published.body);
      const t = published.json<{ id: number; title: string }>();
      assert.equal((await call(rig.app, head, 'POST', '/api/typical-cases', { caseId: c.id, batch: '2026年第一批' })).statusCode, 409, 'published once');

      const list = await call(rig.app, null, 'GET', '/api/public/typical-cases?batch=2026年第一批');
      assert.equal(list.statusCode, 200);
      const item = list.json<{ items: Array<{ id: number; batch: string; content: { facts: string; uscc: string } }> }>().items.find((x) => x.id === t.id)!;
      assert.equal(item.batch, '2026年第一批');
      assert.equal(item.content.uscc, enterprise.uscc);
      assert.ok(!list.body.includes('13812345678') && !list.body.includes('张三') && !list.body.includes('执法人员二'));
      assert.equal((await call(rig.app, null, 'GET', `/api/public/typical-cases/${t.id}`)).statusCode, 200);

      // Decisions: the closed case's summary; the filed case has none.
      const decisions = (await call(rig.app, null, 'GET', '/api/public/decisions')).json<{ items: Array<{ caseId: number; caseNumber: string; uscc: string; amount: number; legalBasis: string[]; penaltyBasis: string; decidedOn: string }> }>().items;
      const mine = decisions.find((x) => x.caseId === c.id)!;
      assert.equal(mine.caseNumber, c.number);
      assert.equal(mine.uscc, enterprise.uscc);
      assert.equal(mine.amount, 230_000);
      assert.match(mine.penaltyBasis, /大气污染防治法.*第九十九条/);
      assert.match(mine.decidedOn, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(!decisions.some((x) => x.caseId === open.id));

      const withdrawn = await call(rig.app, head, 'POST', `/api/typical-cases/${t.id}/withdraw`, { reason: '当事人提起行政诉讼' });
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      assert.equal((await call(rig.app, null, 'GET', `/api/public/typical-cases/${t.id}`)).statusCode, 404);
      assert.ok(!(await call(rig.app, null, 'GET', '/api/public/typical-cases')).json<{ items: Array<{ id: number }> }>().items.some((x) => x.id === t.id));
      const staff = (await call(rig.app, head, 'GET', '/api/typical-cases')).json<{ items: Array<{ id: number; withdrawn: { reason: string } | null }> }>().items;
      assert.equal(staff.find((x) => x.id === t.id)?.withdrawn?.reason, '当事人提起行政诉讼');
      const audit = await db.selectFrom('audit_log').select('action').where('entity', '=', 'typical_case').where('entity_id', '=', String(t.id)).orderBy('seq').execute();
      assert.deepEqual(audit.map((a) => a.action), ['publish', 'withdraw']);
    });

    void test('a typical case shows neither the legal representative\'s name nor an officer\'s certificate number', async () => {
      const db = rig.store.database.db;
      const rep = (await db.selectFrom('enterprises').select('legal_representative').where('id', '=', rig.inside.enterpriseId).executeTakeFirstOrThrow()).legal_representative;
      assert.ok(rep, 'the demo enterprise has a legal representative');
      // A number no pattern knows: only the officers' recorded certificates (users.certificate_no) catch it.
      const officer2 = await userId(db, 'officer2');
      const seeded = (await db.selectFrom('users').select('certificate_no').where('id', '=', officer2).executeTakeFirstOrThrow()).certificate_no;
      await db.updateTable('users').set({ certificate_no: 'GD-2026-0042' }).where('id', '=', officer2).execute();
      try {
        const c = await closedCase(db, rig.inside.enterpriseId, rig.clock.now - 6 * DAY, `经查，${rep}安排停运脱硫设施，执法人员出示证件GD-2026-0042后现场核实。`);
        const preview = await call(rig.app, head, 'POST', '/api/typical-cases/preview', { caseId: c.id });
        assert.equal(preview.statusCode, 200, preview.body);
        const content = preview.json<{ facts: string; redaction: { removed: Record<string, number> } }>();
        assert.equal(content.facts, `经查，${rep.slice(0, 1)}某安排停运脱硫设施，执法人员出示证件[执法证号]后现场核实。`);
        assert.deepEqual(content.redaction.removed, { person_name: 1, certificate_no: 1 });
      } finally {
        await db.updateTable('users').set({ certificate_no: seeded }).where('id', '=', officer2).execute();
      }
    });

    void test('every public route answers without a session; the rate limit answers 429 with a wait', async () => {
      const publicRoutes = rig.app.apiRoutes.filter((r) => r.url.startsWith('/api/public/'));
      assert.ok(publicRoutes.length >= 6, publicRoutes.map((r) => r.url).join(', '));
      for (const r of publicRoutes) assert.ok('public' in r.access, `${r.url} is public`);
      for (const url of ['/api/public/draws', '/api/public/typical-cases', '/api/public/decisions', '/api/public/benchmarks']) {
        const res = await call(rig.app, null, 'GET', url);
        assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
      }
      let last = 200;
      for (let i = 0; i < PUBLIC_RATE.max + 1 && last !== 429; i++) last = (await call(rig.app, null, 'GET', '/api/public/draws?limit=1')).statusCode;
      assert.equal(last, 429);
      const limited = await call(rig.app, null, 'GET', '/api/public/decisions');
      assert.equal(limited.json<{ error: { code: string; details: { retryAfterSeconds: number } } }>().error.code, 'throttled');
    });
  });
}
