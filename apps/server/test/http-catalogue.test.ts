// The enforcement-matter catalogue, discretion tables and fault-tolerance list over the real app (issue 5 §4,
// §6): seeded once and idempotently, each edit a new version that leaves the old one readable, stale edits
// refused, bad input answered with the field at fault, every change audited, the fine preview computed from
// the versions in force, and the published benchmarks readable without a login. Access by role for every
// route is in http-access.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MATTER_SEED, DISCRETION_TABLES, type DiscretionTable, type EnforcementMatter, type FineExplanation } from '@ecoenforce/domain';
import { openDatabase } from '../src/platform/db/connect.ts';
import { currentMatters } from '../src/enforcement/catalogue/catalogue.ts';
import { DIALECTS } from './store-fixtures.ts';
import { call, errorCode, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';

interface StoredMatter { code: string; version: number; retired: boolean; note: string; createdBy: number | null; createdByName: string | null; matter: EnforcementMatter }
interface StoredTable { id: string; version: number; table: DiscretionTable }
interface Problem { path: string; code: string; message: string }
interface Preview { amount: number; explanation: FineExplanation; matter: { code: string; version: number }; table: { id: string; version: number } | null }

const problems = (body: string): Problem[] => (JSON.parse(body) as { error: { details: Problem[] } }).error.details;
/** The worked example of issue 5 §6: 2 pollutants over, B-class, 2.5× over, first offence, AIR 99(2). */
const WORKED = {
  matterCode: 'AIR-99-2',
  facts: {
    pollutantCount: { proven: true, value: 2 }, pollutantKind: { proven: true, levels: ['bClass'] },
    exceedanceMultiple: { proven: true, value: 2.5 }, repeats: { proven: true, value: 1 },
  },
};

for (const dialect of DIALECTS) {
  void describe(`catalogue API on ${dialect}`, () => {
    let rig: HttpRig;
    let admin: Session;
    const matters = async (s: Session | null, query = ''): Promise<StoredMatter[]> => (await call(rig.app, s, 'GET', `/api/matters${query}`)).json<{ items: StoredMatter[] }>().items;
    const audit = (entity: string, entityId: string) =>
      rig.store.database.db.selectFrom('audit_log').select(['actor_name', 'action', 'changes']).where('entity', '=', entity).where('entity_id', '=', entityId).orderBy('seq').execute();

    before(async () => {
      rig = await startHttpRig(dialect);
      admin = await login(rig.app, 'admin');
    });
    after(() => rig.close());

    void test('the seed is present once, and seeding again (another process) adds nothing', async () => {
      const officer = await login(rig.app, 'officer');
      const items = await matters(officer);
      assert.deepEqual(items.map((m) => m.code), MATTER_SEED.map((m) => m.code).sort());
      assert.ok(items.every((m) => m.version === 1 && !m.retired && m.createdBy === null));
      assert.deepEqual(items.find((m) => m.code === 'AIR-99-2')!.matter, MATTER_SEED.find((m) => m.code === 'AIR-99-2'));
      const tables = (await call(rig.app, officer, 'GET', '/api/discretion-tables')).json<{ items: StoredTable[] }>().items;
      assert.deepEqual(tables.map((t) => t.id), DISCRETION_TABLES.map((t) => t.id).sort());
      // A second connection has its own first use: the inserts meet the rows already there and do nothing.
      const second = await openDatabase(rig.store.url);
      try {
        await Promise.all([currentMatters(second.db, rig.clock.now), currentMatters(second.db, rig.clock.now)]);
      } finally {
        await second.close();
      }
      const count = await rig.store.database.db.selectFrom('enforcement_matters').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), MATTER_SEED.length);
      assert.deepEqual((await call(rig.app, officer, 'GET', '/api/fault-tolerance')).json<{ items: unknown[] }>().items, [], 'rules.md §7 [W19]: nothing to seed');
    });

    void test('preview: the worked example gives 230,000 yuan with its factors, levels, weights and articles', async () => {
      const officer = await login(rig.app, 'officer');
      const res = await call(rig.app, officer, 'POST', '/api/discretion/preview', WORKED);
      assert.equal(res.statusCode, 200, res.body);
      const p = res.json<Preview>();
      assert.equal(p.amount, 230_000);
      assert.deepEqual(p.matter, { code: 'AIR-99-2', version: 1 });
      assert.deepEqual(p.table, { id: 'GD-AIR-99-2', version: 1 });
      const e = p.explanation;
      assert.equal(e.formula, '(10 + 3 + 8 + 2) % = 23 % × 1,000,000 = 230,000');
      assert.deepEqual(e.start, { weight: 10, source: '[GD-A1]' });
      // The four established facts, each a line with its level, weight and source; area and period were not
      // established and score their lowest level (GD art. 5), which the explanation says.
      const proven = e.factors.filter((f) => f.proven);
      assert.deepEqual(proven.map((f) => [f.key, f.level, f.weight]), [['pollutantCount', 'two', 3], ['pollutantKind', 'bClass', 8], ['exceedanceMultiple', 'below3', 2], ['repeats', 'first', 0]]);
      assert.ok(proven.every((f) => f.source.includes('GD-A1') && f.levelLabel.zh !== ''));
      assert.deepEqual(e.factors.filter((f) => !f.proven).map((f) => [f.key, f.rule]), [['area', 'unproven_lowest_level'], ['period', 'unproven_lowest_level']]);
      assert.equal(e.statutory.basis, 'range 100,000–1,000,000');
      assert.equal(e.matter.penaltyBasis, 'AIR 99(2)');

      // The engine's refusal is a typed 400 with its own code and the band the officer must choose from.
      const mitigated = await call(rig.app, officer, 'POST', '/api/discretion/preview', { matterCode: 'AIR-100', circumstance: 'mitigated' });
      assert.equal(mitigated.statusCode, 400);
      assert.deepEqual(mitigated.json<{ error: { details: unknown } }>().error.details, { code: 'proposal_required', message: 'mitigated: below the midpoint: propose an amount from 20,000 to 109,999', band: { min: 20_000, max: 109_999 } });
      const unknownLevel = await call(rig.app, officer, 'POST', '/api/discretion/preview', { ...WORKED, facts: { pollutantKind: { proven: true, levels: ['cClass'] } } });
      assert.equal(unknownLevel.statusCode, 400);
      assert.match(unknownLevel.body, /unknown_level/);
      assert.equal((await call(rig.app, officer, 'POST', '/api/discretion/preview', { matterCode: 'NOPE-1' })).statusCode, 404);
      assert.equal((await call(rig.app, officer, 'POST', '/api/discretion/preview', { matterCode: 'AIR-99-2', facts: { repeats: { proven: 'yes' } } })).statusCode, 400);
    });

    void test('an edit creates version 2 and keeps version 1 readable; a stale edit is refused; both audited', async () => {
      const v1 = (await matters(admin)).find((m) => m.code === 'AIR-100')!;
      const edited = { ...v1.matter, name: { ...v1.matter.name, en: 'Automatic monitors not installed or not running' } };
      const res = await call(rig.app, admin, 'POST', '/api/matters', { baseVersion: 1, note: 'wording', matter: edited });
      assert.equal(res.statusCode, 201, res.body);
      const v2 = res.json<StoredMatter>();
      assert.equal(v2.version, 2);
      assert.equal(v2.matter.version, 2, 'the body carries the version it was stored as');
      assert.equal(v2.createdByName, 'admin');
      assert.equal((await matters(admin)).find((m) => m.code === 'AIR-100')!.matter.name.en, 'Automatic monitors not installed or not running');

      const history = (await call(rig.app, admin, 'GET', '/api/matters/AIR-100/history')).json<{ items: StoredMatter[] }>().items;
      assert.deepEqual(history.map((h) => h.version), [2, 1]);
      assert.deepEqual(history[1]!.matter, v1.matter, 'version 1 is unchanged');
      assert.equal((await call(rig.app, admin, 'GET', '/api/matters/NOPE-1/history')).statusCode, 404);

      // Someone else's editor still holds version 1.
      const stale = await call(rig.app, admin, 'POST', '/api/matters', { baseVersion: 1, note: 'late', matter: v1.matter });
      assert.equal(stale.statusCode, 409);
      assert.equal(errorCode(stale), 'conflict');
      assert.deepEqual(stale.json<{ error: { details: unknown } }>().error.details, { reason: 'stale', currentVersion: 2, baseVersion: 1 });
      // A "new" matter under a code that exists is the same conflict.
      assert.equal((await call(rig.app, admin, 'POST', '/api/matters', { baseVersion: null, note: '', matter: v1.matter })).statusCode, 409);

      const rows = await audit('enforcement_matter', 'AIR-100');
      assert.deepEqual(rows.map((r) => [r.actor_name, r.action]), [['admin', 'update']]);
      const changes = JSON.parse(rows[0]!.changes!) as { before: { version: number }; after: { version: number; note: string } };
      assert.equal(changes.before.version, 1);
      assert.equal(changes.after.version, 2);
      assert.equal(changes.after.note, 'wording');
    });

    void test('two editors saving the same version at once: one wins, the other gets 409', async () => {
      const v1 = (await matters(admin)).find((m) => m.code === 'AIR-99-3')!;
      const edit = (en: string) => call(rig.app, admin, 'POST', '/api/matters', { baseVersion: 1, note: en, matter: { ...v1.matter, name: { ...v1.matter.name, en } } });
      const answers = await Promise.all([edit('first editor'), edit('second editor')]);
      assert.deepEqual(answers.map((a) => a.statusCode).sort(), [201, 409]);
      const history = (await call(rig.app, admin, 'GET', '/api/matters/AIR-99-3/history')).json<{ items: StoredMatter[] }>().items;
      assert.deepEqual(history.map((h) => h.version), [2, 1]);
      assert.equal((await audit('enforcement_matter', 'AIR-99-3')).length, 1, 'only the stored edit is audited');
    });

    void test('invalid input is a 400 naming the field; nothing is stored', async () => {
      const base = (await matters(admin)).find((m) => m.code === 'PRM-36')!;
      const bad = await call(rig.app, admin, 'POST', '/api/matters', { baseVersion: 1, note: '', matter: { ...base.matter, penalty: { kind: 'range', min: 300_000, max: 200_000 }, legalBasis: [{ law: 'XYZ', article: 1 }] } });
      assert.equal(bad.statusCode, 400);
      assert.equal(errorCode(bad), 'bad_request');
      assert.deepEqual(problems(bad.body).map((p) => [p.path, p.code]), [['matter.legalBasis.0', 'bad_article'], ['matter.penalty', 'min_above_max']]);
      // A table that does not list the matter: computeFine would refuse every fine, so saving is refused.
      const mismatch = await call(rig.app, admin, 'POST', '/api/matters', { baseVersion: 1, note: '', matter: { ...base.matter, discretionTableId: 'GD-AIR-99-2' } });
      assert.equal(mismatch.statusCode, 400);
      assert.deepEqual(problems(mismatch.body).map((p) => [p.path, p.code]), [['matter.discretionTableId', 'table_mismatch']]);
      assert.deepEqual(problems((await call(rig.app, admin, 'POST', '/api/matters', { baseVersion: 1, note: '', matter: { ...base.matter, discretionTableId: 'NO-SUCH' } })).body).map((p) => p.path), ['matter.discretionTableId']);

      const table = (await call(rig.app, admin, 'GET', '/api/discretion-tables')).json<{ items: StoredTable[] }>().items.find((t) => t.id === 'GD-WAT-83-2')!.table;
      const gap = structuredClone(table);
      gap.factors[3]!.levels[1]!.from = 4; // 3–8 band now starts at 4: a gap after "under 3×"
      const badTable = await call(rig.app, admin, 'POST', '/api/discretion-tables', { baseVersion: 1, note: '', table: gap });
      assert.equal(badTable.statusCode, 400);
      assert.deepEqual(problems(badTable.body).map((p) => p.path), ['table.factors.3.levels.0']);
      const shape = await call(rig.app, admin, 'POST', '/api/discretion-tables', { baseVersion: 1, note: '', table: { ...table, start: { weight: 'seven' } } });
      assert.equal(shape.statusCode, 400);
      assert.deepEqual(problems(shape.body).map((p) => p.path).sort(), ['table.start.source', 'table.start.weight']);
      const orphan = await call(rig.app, admin, 'POST', '/api/discretion-tables', { baseVersion: 1, note: '', table: { ...table, matterCodes: ['WAT-83-1'] } });
      assert.deepEqual(problems(orphan.body).map((p) => [p.path, p.code]), [['table.matterCodes', 'table_in_use']]);

      const history = (await call(rig.app, admin, 'GET', '/api/matters/PRM-36/history')).json<{ items: StoredMatter[] }>().items;
      assert.equal(history.length, 1);
      assert.equal((await call(rig.app, admin, 'GET', '/api/discretion-tables/GD-WAT-83-2/history')).json<{ items: unknown[] }>().items.length, 1);
    });

    void test('a table edit is the next version; the preview then uses it and names it', async () => {
      const tables = (await call(rig.app, admin, 'GET', '/api/discretion-tables')).json<{ items: StoredTable[] }>().items;
      const air = tables.find((t) => t.id === 'GD-AIR-99-2')!;
      const heavier = structuredClone(air.table);
      heavier.factors.find((f) => f.key === 'pollutantKind')!.levels.find((l) => l.key === 'bClass')!.weight = 9;
      const res = await call(rig.app, admin, 'POST', '/api/discretion-tables', { baseVersion: 1, note: 'B-class 9 %', table: heavier });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json<StoredTable>().version, 2);
      assert.equal((await call(rig.app, admin, 'POST', '/api/discretion-tables', { baseVersion: 1, note: '', table: air.table })).statusCode, 409);
      const p = (await call(rig.app, admin, 'POST', '/api/discretion/preview', WORKED)).json<Preview>();
      assert.equal(p.amount, 240_000);
      assert.deepEqual(p.table, { id: 'GD-AIR-99-2', version: 2 });
      assert.deepEqual(p.explanation.table, { id: 'GD-AIR-99-2', version: 2 });
      const history = (await call(rig.app, admin, 'GET', '/api/discretion-tables/GD-AIR-99-2/history')).json<{ items: StoredTable[] }>().items;
      assert.equal(history[1]!.table.factors.find((f) => f.key === 'pollutantKind')!.levels.find((l) => l.key === 'bClass')!.weight, 8, 'version 1 is unchanged');
      assert.deepEqual((await audit('discretion_table', 'GD-AIR-99-2')).map((r) => [r.actor_name, r.action]), [['admin', 'update']]);
    });

    void test('retiring takes a matter out of force and of the published list; an edit restores it', async () => {
      const res = await call(rig.app, admin, 'POST', '/api/matters/WAT-95/retire', { baseVersion: 1, reason: 'superseded locally' });
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual([res.json<StoredMatter>().version, res.json<StoredMatter>().retired], [2, true]);
      assert.ok(!(await matters(admin)).some((m) => m.code === 'WAT-95'));
      assert.ok((await matters(admin, '?includeRetired=true')).find((m) => m.code === 'WAT-95')!.retired);
      assert.equal((await call(rig.app, admin, 'POST', '/api/matters/WAT-95/retire', { baseVersion: 2, reason: 'again' })).statusCode, 409);
      assert.equal((await call(rig.app, admin, 'POST', '/api/matters/NOPE-1/retire', { baseVersion: 1, reason: 'none' })).statusCode, 404);
      assert.equal((await call(rig.app, admin, 'POST', '/api/discretion/preview', { matterCode: 'WAT-95' })).statusCode, 409);
      const pub = (await call(rig.app, null, 'GET', '/api/public/benchmarks')).json<{ matters: StoredMatter[] }>();
      assert.ok(!pub.matters.some((m) => m.code === 'WAT-95'));
      const restored = await call(rig.app, admin, 'POST', '/api/matters', { baseVersion: 2, note: 'back in force', matter: MATTER_SEED.find((m) => m.code === 'WAT-95') });
      assert.deepEqual([restored.json<StoredMatter>().version, restored.json<StoredMatter>().retired], [3, false]);
      assert.deepEqual((await audit('enforcement_matter', 'WAT-95')).map((r) => r.action), ['retire', 'update']);
    });

    void test('fault-tolerance entries: created, versioned, withdrawn, validated, audited', async () => {
      const item = {
        id: 'first-use-new-tech', situation: { zh: '首次使用新技术手段取证失误', en: 'First use of a new evidence technique went wrong' }, handling: 'correct_and_continue',
        handlingNote: { zh: '补正后继续办理', en: 'Correct it and carry on' }, source: '示例文件 2026 第1号', active: true,
      };
      const created = await call(rig.app, admin, 'POST', '/api/fault-tolerance', { baseVersion: null, note: 'new', item });
      assert.equal(created.statusCode, 201, created.body);
      const withdrawn = await call(rig.app, admin, 'POST', '/api/fault-tolerance', { baseVersion: 1, note: 'withdrawn', item: { ...item, active: false } });
      assert.equal(withdrawn.json<{ version: number }>().version, 2);
      assert.equal((await call(rig.app, admin, 'POST', '/api/fault-tolerance', { baseVersion: 1, note: '', item })).statusCode, 409);
      const bad = await call(rig.app, admin, 'POST', '/api/fault-tolerance', { baseVersion: 2, note: '', item: { ...item, source: ' ', handling: 'forgive' } });
      assert.deepEqual(problems(bad.body).map((p) => p.path), ['item.handling', 'item.source']);
      const list = (await call(rig.app, admin, 'GET', '/api/fault-tolerance')).json<{ items: Array<{ id: string; version: number; item: { active: boolean } }> }>().items;
      assert.deepEqual(list.map((i) => [i.id, i.version, i.item.active]), [['first-use-new-tech', 2, false]]);
      assert.equal((await call(rig.app, admin, 'GET', '/api/fault-tolerance/first-use-new-tech/history')).json<{ items: unknown[] }>().items.length, 2);
      assert.deepEqual((await audit('fault_tolerance_item', 'first-use-new-tech')).map((r) => r.action), ['create', 'update']);
    });

    void test('the published benchmarks need no login and name no staff', async () => {
      const res = await call(rig.app, null, 'GET', '/api/public/benchmarks');
      assert.equal(res.statusCode, 200);
      const pub = res.json<{ matters: Array<Record<string, unknown> & { code: string; version: number }>; tables: Array<{ id: string; version: number }> }>();
      assert.ok(pub.matters.length >= MATTER_SEED.length - 1);
      assert.equal(pub.matters.find((m) => m.code === 'AIR-100')!.version, 2);
      assert.ok(pub.matters.every((m) => !('createdBy' in m) && !('createdByName' in m)));
      assert.deepEqual(pub.tables.map((t) => [t.id, t.version]), [['GD-AIR-99-2', 2], ['GD-PRM-34', 1], ['GD-WAT-83-2', 1]]);
      // The staff reads still need a login.
      assert.equal((await call(rig.app, null, 'GET', '/api/matters')).statusCode, 401);
    });

    void test('only the admin may change the catalogue; staff may read and preview', async () => {
      const current = (await matters(admin)).find((m) => m.code === 'AIR-99-1')!;
      for (const user of ['officer', 'head', 'legal', 'analyst', 'company']) {
        const s = await login(rig.app, user);
        assert.equal((await call(rig.app, s, 'POST', '/api/matters', { baseVersion: current.version, note: '', matter: current.matter })).statusCode, 403, user);
        assert.equal((await call(rig.app, s, 'POST', '/api/matters/AIR-99-1/retire', { baseVersion: current.version, reason: 'not mine' })).statusCode, 403, user);
        assert.equal((await call(rig.app, s, 'POST', '/api/discretion-tables', { baseVersion: 1, note: '', table: DISCRETION_TABLES[1] })).statusCode, 403, user);
        assert.equal((await call(rig.app, s, 'POST', '/api/fault-tolerance', { baseVersion: null, note: '', item: {} })).statusCode, 403, user);
      }
      const officer = await login(rig.app, 'officer');
      assert.equal((await call(rig.app, officer, 'GET', '/api/matters/AIR-99-1/history')).statusCode, 200);
      assert.equal((await call(rig.app, officer, 'POST', '/api/discretion/preview', WORKED)).statusCode, 200);
      assert.equal((await matterHistoryLength(rig, admin, 'AIR-99-1')), 1, 'nothing was stored');
    });
  });
}

async function matterHistoryLength(rig: HttpRig, s: Session, code: string): Promise<number> {
  return (await call(rig.app, s, 'GET', `/api/matters/${code}/history`)).json<{ items: unknown[] }>().items.length;
}
