// The audit trail's hash chain: appends from concurrent transactions form one chain, and tampering with
// the table directly (edit, delete, insert, reorder) is found at the right row, on SQLite and PostgreSQL.
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely, type KyselyPlugin, type QueryId } from 'kysely';
import { canonicalJson, recordAudit, rowHash, verifyAuditChain, type AuditEntry } from '../src/platform/audit.ts';
import { BIN, tempStore } from './gateway-fixtures.ts';
import { openMigrated } from '../src/container.ts';
import { openDatabase } from '../src/platform/db/connect.ts';
import type { Schema } from '../src/platform/db/schema.ts';
import { DIALECTS, freshStore, type TestStore } from './store-fixtures.ts';

const entry = (i: number): AuditEntry => ({
  actor: { kind: 'user', id: 7, name: 'officer' }, action: 'update', entity: 'enterprise', entityId: i, before: { name: `A${i}` }, after: { name: `B${i}`, n: i }, ip: '10.0.0.1', at: 1_700_000_000_000 + i,
});

async function filled(dialect: (typeof DIALECTS)[number], n: number): Promise<TestStore> {
  const store = await freshStore(dialect);
  for (let i = 1; i <= n; i++) await recordAudit(store.database.db, entry(i));
  return store;
}

/** What someone who can compute SHA-256 does after tampering: re-hash rows from `from` on, and with
 * `relink` also point each prev_hash at the row now before it (the whole tail re-chained). */
async function rehash(db: Kysely<Schema>, from: number, relink: boolean): Promise<void> {
  const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', from - 1).orderBy('seq').execute();
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i]!;
    if (relink) r.prev_hash = rows[i - 1]!.hash;
    r.hash = rowHash(r);
    await db.updateTable('audit_log').set({ prev_hash: r.prev_hash, hash: r.hash }).where('id', '=', r.id).execute();
  }
}

async function renumber(db: Kysely<Schema>, from: number, to: number, by: number): Promise<void> {
  // One row at a time, in the order that never collides with the unique seq.
  const seqs = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  for (const seq of by > 0 ? seqs.reverse() : seqs) await db.updateTable('audit_log').set({ seq: seq + by }).where('seq', '=', seq).execute();
}

async function forge(db: Kysely<Schema>, seq: number, prevHash: string): Promise<void> {
  const forged = { seq, at: 1_700_000_000_000, actor_kind: 'user' as const, actor_id: 1, actor_name: 'forger', ip: null, action: 'delete', entity: 'case', entity_id: '9', before_digest: null, after_digest: null, changes: null, prev_hash: prevHash };
  await db.insertInto('audit_log').values({ ...forged, hash: rowHash(forged) }).execute();
}

const hashAt = async (db: Kysely<Schema>, seq: number): Promise<string> =>
  (await db.selectFrom('audit_log').select('hash').where('seq', '=', seq).executeTakeFirstOrThrow()).hash;

void test('canonical JSON sorts keys at every level', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  assert.equal(canonicalJson({ x: 1, y: 2 }), canonicalJson({ y: 2, x: 1 }));
  assert.equal(canonicalJson({ b: Buffer.from([1, 255]), u: new Uint8Array([1, 255]), n: 12n }), '{"b":"01ff","n":"12","u":"01ff"}');
  assert.equal(canonicalJson(undefined), 'null');
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

    const tampering: Array<[string, string, number, (db: Kysely<Schema>) => Promise<void>]> = [
      ['an edited field', 'edited', 50, async (db) => void (await db.updateTable('audit_log').set({ actor_name: 'someone else' }).where('seq', '=', 50).execute())],
      ['an edited hash', 'edited', 50, async (db) => void (await db.updateTable('audit_log').set({ hash: 'f'.repeat(64) }).where('seq', '=', 50).execute())],
      [
        'an edited row whose hash was recomputed', 'edited', 50,
        async (db) => {
          await db.updateTable('audit_log').set({ action: 'create' }).where('seq', '=', 50).execute();
          await rehash(db, 50, false);
        },
      ],
      ['a deleted row', 'deleted', 50, async (db) => void (await db.deleteFrom('audit_log').where('seq', '=', 50).execute())],
      ['a deleted first row', 'deleted', 1, async (db) => void (await db.deleteFrom('audit_log').where('seq', '=', 1).execute())],
      [
        'a deleted row with the rest renumbered', 'deleted', 50,
        async (db) => {
          await db.deleteFrom('audit_log').where('seq', '=', 50).execute();
          await renumber(db, 51, 100, -1);
        },
      ],
      [
        'a deleted row with the rest renumbered and re-hashed', 'deleted', 50,
        async (db) => {
          await db.deleteFrom('audit_log').where('seq', '=', 50).execute();
          await renumber(db, 51, 100, -1);
          await rehash(db, 50, false);
        },
      ],
      [
        'a forged row inserted in the middle, later rows renumbered', 'inserted', 51,
        async (db) => {
          await renumber(db, 51, 100, 1);
          await forge(db, 51, await hashAt(db, 50));
        },
      ],
      [
        'a forged row inserted, later rows renumbered and re-hashed', 'inserted', 51,
        async (db) => {
          await renumber(db, 51, 100, 1);
          await forge(db, 51, await hashAt(db, 50));
          await rehash(db, 52, false);
        },
      ],
      [
        'a forged row inserted and the whole tail re-chained', 'inserted', 51,
        async (db) => {
          await renumber(db, 51, 100, 1);
          await forge(db, 51, await hashAt(db, 50));
          await rehash(db, 52, true);
        },
      ],
      ['a forged row before the first', 'inserted', 0, async (db) => forge(db, 0, '0'.repeat(64))],
      [
        'two rows swapped', 'reordered', 50,
        async (db) => {
          await db.updateTable('audit_log').set({ seq: -1 }).where('seq', '=', 50).execute();
          await db.updateTable('audit_log').set({ seq: 50 }).where('seq', '=', 51).execute();
          await db.updateTable('audit_log').set({ seq: 51 }).where('seq', '=', -1).execute();
        },
      ],
      [
        'two rows swapped and the tail re-chained', 'reordered', 50,
        async (db) => {
          await db.updateTable('audit_log').set({ seq: -1 }).where('seq', '=', 50).execute();
          await db.updateTable('audit_log').set({ seq: 50 }).where('seq', '=', 51).execute();
          await db.updateTable('audit_log').set({ seq: 51 }).where('seq', '=', -1).execute();
          await rehash(db, 50, true);
        },
      ],
    ];
    for (const [what, problem, seq, tamper] of tampering) {
      void test(`detects ${what}`, async () => {
        const store = await filled(dialect, 100);
        try {
          assert.ok((await verifyAuditChain(store.database.db, 30)).ok);
          await tamper(store.database.db);
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

    void test('cutting off the newest rows leaves a valid chain: only the anchored head shows it', async () => {
      const store = await filled(dialect, 20);
      try {
        const anchored = await verifyAuditChain(store.database.db);
        await store.database.db.deleteFrom('audit_log').where('seq', '>', 17).execute();
        const r = await verifyAuditChain(store.database.db);
        assert.ok(r.ok && anchored.ok);
        assert.equal(r.headSeq, 17);
        assert.notEqual(r.headHash, anchored.headHash);
      } finally {
        await store.dispose();
      }
    });
  });
}

void test('on SQLite the head is read under the write lock, so another process cannot append in between', async () => {
  const store = await filled('sqlite', 3);
  const other = await openDatabase(store.url);
  try {
    // better-sqlite3 waits for a lock synchronously: keep the other connection's wait short.
    if (other.kind === 'sqlite') other.sqlite.pragma('busy_timeout = 50');
    // Right after this connection reads the head, the other one tries to append.
    const selects = new Set<QueryId>();
    let otherAppend = 'not tried';
    const interleave: KyselyPlugin = {
      transformQuery: (args) => {
        if (args.node.kind === 'SelectQueryNode') selects.add(args.queryId);
        return args.node;
      },
      transformResult: async (args) => {
        if (selects.has(args.queryId) && otherAppend === 'not tried') {
          otherAppend = await recordAudit(other.db, entry(99)).then(() => 'appended', (e: unknown) => String((e as { code?: unknown }).code));
        }
        return args.result;
      },
    };
    const mine = await recordAudit(store.database.db.withPlugin(interleave), entry(4));
    assert.equal(otherAppend, 'SQLITE_BUSY');
    assert.equal(mine.seq, 4);
    const r = await verifyAuditChain(store.database.db);
    assert.ok(r.ok && r.rows === 4, JSON.stringify(r));
  } finally {
    await other.close();
    await store.dispose();
  }
});

void test('ecoenforce audit verify exits 0 on a clean trail and 1 after tampering', async () => {
  const store = tempStore('audit');
  const database = await openMigrated(store.url);
  for (let i = 1; i <= 5; i++) await recordAudit(database.db, entry(i));
  await database.close();
  try {
    const clean = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--db', store.url], { encoding: 'utf8' });
    assert.equal(clean.status, 0, clean.stderr);
    // tail: the newest rows in order, each with its Beijing time before the stored epoch milliseconds.
    const tail = spawnSync(process.execPath, [BIN, 'audit', 'tail', '--db', store.url, '-n', '2'], { encoding: 'utf8' });
    assert.equal(tail.status, 0, tail.stderr);
    const rows = tail.stdout.trim().split('\n').map((l) => JSON.parse(l) as { time: string; at: number; seq: number });
    assert.deepEqual(rows.map((r) => r.seq), [4, 5]);
    for (const r of rows) assert.equal(r.time, `${new Date(Number(r.at) + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`);
    assert.deepEqual({ ...(JSON.parse(clean.stdout) as object), headHash: '' }, { ok: true, rows: 5, headSeq: 5, headHash: '' });
    const db2 = await openMigrated(store.url);
    await sql`update audit_log set entity_id = '999' where seq = 3`.execute(db2.db);
    await db2.close();
    const bad = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--db', store.url], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    const out = JSON.parse(bad.stdout) as { ok: boolean; seq: number; problem: string };
    assert.deepEqual([out.ok, out.seq, out.problem], [false, 3, 'edited']);
    // Neither a typo nor an unreachable database may read as "tampered" (1) or as "intact" (0).
    assert.equal(spawnSync(process.execPath, [BIN, 'audit', 'verify', '--nope'], { encoding: 'utf8' }).status, 2);
    assert.equal(spawnSync(process.execPath, [BIN, 'audit', 'verify', '--db', 'postgres://root@127.0.0.1:1/none'], { encoding: 'utf8' }).status, 3);
  } finally {
    store.remove();
  }
});
