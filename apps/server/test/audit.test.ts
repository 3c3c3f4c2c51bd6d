// The audit trail's hash chain: appends from concurrent transactions form one chain, and tampering with
// the table directly (edit, delete, insert, reorder) is found at the right row, on SQLite and PostgreSQL.
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { canonicalJson, recordAudit, rowHash, verifyAuditChain, type AuditEntry } from '../src/audit/audit.ts';
import { BIN, tempStore } from './gateway-fixtures.ts';
import { openMigrated } from '../src/container.ts';
import { DIALECTS, freshStore, type TestStore } from './store-fixtures.ts';

const entry = (i: number): AuditEntry => ({
  actor: { kind: 'user', id: 7, name: 'officer' }, action: 'update', entity: 'enterprise', entityId: i, before: { name: `A${i}` }, after: { name: `B${i}`, n: i }, ip: '10.0.0.1', at: 1_700_000_000_000 + i,
});

async function filled(dialect: (typeof DIALECTS)[number], n: number): Promise<TestStore> {
  const store = await freshStore(dialect);
  for (let i = 1; i <= n; i++) await recordAudit(store.database.db, entry(i));
  return store;
}

void test('canonical JSON sorts keys at every level', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  assert.equal(canonicalJson({ x: 1, y: 2 }), canonicalJson({ y: 2, x: 1 }));
});

for (const dialect of DIALECTS) {
  void describe(`audit chain on ${dialect}`, () => {
    void test('a clean chain of 300 rows verifies, page by page', async () => {
      const store = await filled(dialect, 300);
      try {
        const r = await verifyAuditChain(store.database.db, 64);
        assert.ok(r.ok, JSON.stringify(r));
        assert.equal(r.rows, 300);
        assert.equal(r.headSeq, 300);
        const head = await store.database.db.selectFrom('audit_log').select('hash').where('seq', '=', 300).executeTakeFirstOrThrow();
        assert.equal(r.headHash, head.hash);
      } finally {
        await store.dispose();
      }
    });

    void test('concurrent transactions append one contiguous chain', async () => {
      const store = await freshStore(dialect);
      try {
        const db = store.database.db;
        await Promise.all(
          Array.from({ length: 24 }, (_, i) =>
            db.transaction().execute(async (trx) => {
              await recordAudit(trx, entry(i));
              await recordAudit(trx, entry(100 + i));
            }),
          ),
        );
        const r = await verifyAuditChain(db);
        assert.ok(r.ok, JSON.stringify(r));
        assert.equal(r.rows, 48);
      } finally {
        await store.dispose();
      }
    });

    const tampering: Array<[string, string, number, (s: TestStore) => Promise<void>]> = [
      ['an edited field', 'edited', 50, async (s) => void (await s.database.db.updateTable('audit_log').set({ actor_name: 'someone else' }).where('seq', '=', 50).execute())],
      ['a deleted row', 'deleted', 50, async (s) => void (await s.database.db.deleteFrom('audit_log').where('seq', '=', 50).execute())],
      [
        'a deleted row with the rest renumbered', 'deleted', 50,
        async (s) => {
          await s.database.db.deleteFrom('audit_log').where('seq', '=', 50).execute();
          for (let seq = 51; seq <= 100; seq++) await s.database.db.updateTable('audit_log').set({ seq: seq - 1 }).where('seq', '=', seq).execute();
        },
      ],
      [
        'a forged row inserted in the middle, later rows renumbered', 'inserted', 51,
        async (s) => {
          const db = s.database.db;
          for (let seq = 100; seq >= 51; seq--) await db.updateTable('audit_log').set({ seq: seq + 1 }).where('seq', '=', seq).execute();
          const prev = await db.selectFrom('audit_log').selectAll().where('seq', '=', 50).executeTakeFirstOrThrow();
          const forged = { seq: 51, at: Number(prev.at) + 1, actor_kind: 'user' as const, actor_id: 1, actor_name: 'forger', ip: null, action: 'delete', entity: 'case', entity_id: '9', before_digest: null, after_digest: null, changes: null, prev_hash: prev.hash };
          await db.insertInto('audit_log').values({ ...forged, hash: rowHash(forged) }).execute();
        },
      ],
      [
        'two rows swapped', 'reordered', 50,
        async (s) => {
          const db = s.database.db;
          await db.updateTable('audit_log').set({ seq: -1 }).where('seq', '=', 50).execute();
          await db.updateTable('audit_log').set({ seq: 50 }).where('seq', '=', 51).execute();
          await db.updateTable('audit_log').set({ seq: 51 }).where('seq', '=', -1).execute();
        },
      ],
      [
        'an edited row whose hash was recomputed', 'edited', 50,
        async (s) => {
          const db = s.database.db;
          const r = await db.selectFrom('audit_log').selectAll().where('seq', '=', 50).executeTakeFirstOrThrow();
          const changed = { ...r, seq: Number(r.seq), at: Number(r.at), actor_id: r.actor_id === null ? null : Number(r.actor_id), action: 'create' };
          await db.updateTable('audit_log').set({ action: 'create', hash: rowHash(changed) }).where('seq', '=', 50).execute();
        },
      ],
    ];
    for (const [what, problem, seq, tamper] of tampering) {
      void test(`detects ${what}`, async () => {
        const store = await filled(dialect, 100);
        try {
          assert.ok((await verifyAuditChain(store.database.db, 30)).ok);
          await tamper(store);
          const r = await verifyAuditChain(store.database.db, 30);
          assert.equal(r.ok, false);
          assert.ok(!r.ok);
          assert.equal(r.problem, problem, r.detail);
          assert.equal(r.seq, seq, r.detail);
        } finally {
          await store.dispose();
        }
      });
    }
  });
}

void test('ecoenforce audit verify exits 0 on a clean trail and 1 after tampering', async () => {
  const store = tempStore('audit');
  const database = await openMigrated(store.url);
  for (let i = 1; i <= 5; i++) await recordAudit(database.db, entry(i));
  await database.close();
  try {
    const clean = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--db', store.url], { encoding: 'utf8' });
    assert.equal(clean.status, 0, clean.stderr);
    assert.deepEqual({ ...(JSON.parse(clean.stdout) as object), headHash: '' }, { ok: true, rows: 5, headSeq: 5, headHash: '' });
    const db2 = await openMigrated(store.url);
    await sql`update audit_log set entity_id = '999' where seq = 3`.execute(db2.db);
    await db2.close();
    const bad = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--db', store.url], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    const out = JSON.parse(bad.stdout) as { ok: boolean; seq: number; problem: string };
    assert.deepEqual([out.ok, out.seq, out.problem], [false, 3, 'edited']);
  } finally {
    store.remove();
  }
});
