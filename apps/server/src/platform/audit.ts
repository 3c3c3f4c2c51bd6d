// The audit trail: every mutation appends who, when, what (entity, id, action) and digests of the state
// before and after, in the same transaction as the mutation. Rows are hash-chained: each row's hash covers
// its own fields and the previous row's hash, so `verifyAuditChain` finds the first row that was edited,
// deleted, inserted or moved. What the chain alone cannot show is the newest rows being cut off: anchor
// the head (seq and hash, printed by `ecoenforce audit verify`) somewhere the database's users cannot
// write, and compare.
import { createHash } from 'node:crypto';
import { SqliteAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { AuditLogTable, Schema } from './db/schema.ts';
import type { AuditProblem, AuditVerifyResult } from '@ecoenforce/contract';

export interface AuditActor {
  kind: 'user' | 'token' | 'system';
  id: number | null;
  name: string;
}

export interface AuditEntry {
  actor: AuditActor;
  /** create, update, delete, login, logout, revoke, password_change, … */
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  /** When, on the platform clock (the simulated one in the demo), so the trail reads in the order things happened. */
  at: number;
}

export const GENESIS_HASH = '0'.repeat(64);
/** pg_advisory_xact_lock key serialising appends on PostgreSQL (any constant unique to this use). */
const APPEND_LOCK = 2_122_017_001;

/**
 * JSON with object keys sorted at every level: equal states give equal digests, whatever the key order.
 * Bytes (Buffer or Uint8Array) become hex and bigints decimal text; `undefined` alone becomes `null`.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value, function (this: unknown, key: string, v: unknown): unknown {
    // `this[key]` is the value before its toJSON ran: a Buffer would otherwise arrive as {type, data}.
    const raw = (this as Record<string, unknown>)[key];
    if (raw instanceof Uint8Array) return Buffer.from(raw).toString('hex');
    if (typeof v === 'bigint') return v.toString();
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = (v as Record<string, unknown>)[k];
    return out;
  });
  return text ?? 'null';
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const digest = (v: unknown): string | null => (v === undefined ? null : sha256(canonicalJson(v)));

type Stored = Omit<AuditLogTable, 'id'>;

/**
 * The hash of a row: SHA-256 over the previous hash and then, each JSON-encoded on its own line, seq, at,
 * actor_kind, actor_id, actor_name, ip, action, entity, entity_id, before_digest, after_digest, changes.
 * JSON encoding keeps field boundaries unambiguous whatever the text contains. `id` is not hashed (the
 * database assigns it on insert); instead the verifier checks that ids grow with seq.
 */
export function rowHash(r: Omit<Stored, 'hash'>, seq = r.seq): string {
  const fields = [seq, r.at, r.actor_kind, r.actor_id, r.actor_name, r.ip, r.action, r.entity, r.entity_id, r.before_digest, r.after_digest, r.changes];
  return sha256(`${r.prev_hash}\n${fields.map((f) => JSON.stringify(f ?? null)).join('\n')}`);
}

/**
 * Appends one row. Call it with the transaction of the mutation it records, so both commit or neither;
 * given a plain connection it opens its own transaction. Appends are serialised, so two transactions never
 * chain onto the same previous row: the lock is taken before the head is read and held until commit.
 * - PostgreSQL: a transaction-scoped advisory lock. Under READ COMMITTED (the default) the head read after
 *   it sees the previous holder's commit; under REPEATABLE READ a snapshot taken earlier in the transaction
 *   would read a stale head, and the insert then fails on the unique `seq` rather than forking the chain.
 * - SQLite: one writer per file, but Kysely's plain BEGIN is deferred, so a head read before the
 *   transaction's first write would be a mere read snapshot that another process (the CLI beside a running
 *   server) could append past. A write that matches no row takes the write lock first, waiting out
 *   busy_timeout like any write.
 */
export async function recordAudit(db: Kysely<Schema> | Transaction<Schema>, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
  if (!db.isTransaction) return db.transaction().execute((trx) => recordAudit(trx, entry));
  // The same test as dialect.ts's isSqlite, which takes a Kysely<unknown> that a Transaction<Schema> is not.
  if (db.getExecutor().adapter instanceof SqliteAdapter) await sql`update audit_log set seq = seq where 0 = 1`.execute(db);
  else await sql`select pg_advisory_xact_lock(${APPEND_LOCK})`.execute(db);
  const head = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const changes = entry.before === undefined && entry.after === undefined ? null : canonicalJson({ before: entry.before ?? null, after: entry.after ?? null });
  const row: Omit<Stored, 'hash'> = {
    seq: head === undefined ? 1 : Number(head.seq) + 1,
    at: entry.at,
    actor_kind: entry.actor.kind,
    actor_id: entry.actor.id,
    actor_name: entry.actor.name,
    ip: entry.ip ?? null,
    action: entry.action,
    entity: entry.entity,
    entity_id: String(entry.entityId),
    before_digest: digest(entry.before),
    after_digest: digest(entry.after),
    changes,
    prev_hash: head?.hash ?? GENESIS_HASH,
  };
  const hash = rowHash(row);
  await db.insertInto('audit_log').values({ ...row, hash }).execute();
  return { seq: row.seq, hash };
}

type Row = Stored & { id: number };

/**
 * Re-computes the chain in seq order, a page at a time, and reports the first row that breaks it:
 * - edited: a row's hash does not match its fields, or its successor records a hash no row has (and ids
 *   run on without a gap, so nothing is missing in between);
 * - deleted: a gap in seq, a row whose hash fits the seq after its own (rows moved down over a hole), or a
 *   prev_hash that matches no row with ids jumping;
 * - inserted: a row whose hash fits the seq before its own (rows moved up over a newcomer), rows between a
 *   row and the earlier row its prev_hash names, a seq below 1, or a row whose id is above every later one's;
 * - reordered: a row whose prev_hash names a later row, or whose id order contradicts seq otherwise.
 * The chain alone cannot show the newest rows cut off (or the whole tail re-chained by someone who can
 * compute SHA-256): compare headSeq and headHash with a copy kept where the database's users cannot write.
 */
export async function verifyAuditChain(db: Kysely<Schema>, pageSize = 1000): Promise<AuditVerifyResult> {
  let rows = 0;
  const fail = (seq: number, problem: AuditProblem, detail: string): AuditVerifyResult => ({ ok: false, rows, seq, problem, detail });
  const seqOfHash = async (hash: string): Promise<number | undefined> => {
    const r = await db.selectFrom('audit_log').select('seq').where('hash', '=', hash).executeTakeFirst();
    return r === undefined ? undefined : Number(r.seq);
  };
  const stray = await db.selectFrom('audit_log').select('seq').where('seq', '<', 1).orderBy('seq').limit(1).executeTakeFirst();
  if (stray !== undefined) return fail(Number(stray.seq), 'inserted', `row ${stray.seq} lies outside the chain, which starts at seq 1`);

  let expected = 1;
  let prevHash = GENESIS_HASH;
  let prevId = 0;
  let prevPrevId = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expected).orderBy('seq').limit(pageSize).execute();
    for (const raw of page) {
      const r: Row = { ...raw, seq: Number(raw.seq), id: Number(raw.id), at: Number(raw.at), actor_id: raw.actor_id === null ? null : Number(raw.actor_id) };
      if (r.seq > expected) return fail(expected, 'deleted', `rows ${expected}–${r.seq - 1} are missing`);
      if (rowHash(r) !== r.hash) {
        if (rowHash(r, r.seq - 1) === r.hash) return fail(r.seq - 1, 'inserted', `row ${r.seq - 1} was inserted and the rows after it renumbered`);
        if (rowHash(r, r.seq + 1) === r.hash) {
          if (((await seqOfHash(r.prev_hash)) ?? 0) > r.seq) return fail(r.seq, 'reordered', `row ${r.seq} was moved ahead of the row it follows`);
          return fail(r.seq, 'deleted', `the row before ${r.seq} was deleted and the rows after it renumbered`);
        }
        return fail(r.seq, 'edited', `row ${r.seq} does not match its hash`);
      }
      if (r.prev_hash !== prevHash) {
        const named = await seqOfHash(r.prev_hash);
        if (named !== undefined && named > r.seq) return fail(r.seq, 'reordered', `row ${r.seq} was moved ahead of row ${named}, which it follows`);
        if (named !== undefined) return fail(named + 1, 'inserted', `rows ${named + 1}–${r.seq - 1} were inserted between row ${named} and the row that follows it`);
        if (r.id > prevId + 1) return fail(r.seq, 'deleted', `row ${r.seq} follows a row that is gone (its prev_hash matches no row; ids jump from ${prevId} to ${r.id})`);
        return fail(r.seq - 1, 'edited', `row ${r.seq - 1} was altered and re-hashed (its hash is not the one row ${r.seq} recorded)`);
      }
      if (r.id <= prevId) {
        // Ids grow with seq (appends are serialised and take their id inside the lock). Find which row is out of place.
        if (r.id > prevPrevId) {
          const newer = await db.selectFrom('audit_log').select('seq').where('seq', '>', r.seq).where('id', '>', prevId).limit(1).executeTakeFirst();
          if (newer === undefined) return fail(r.seq - 1, 'inserted', `row ${r.seq - 1} was written after every row that follows it (id ${prevId})`);
          return fail(r.seq - 1, 'reordered', `row ${r.seq - 1} was written after row ${r.seq} (id ${prevId} > ${r.id})`);
        }
        return fail(r.seq, 'reordered', `row ${r.seq} was written before rows that precede it (id ${r.id} ≤ ${prevPrevId})`);
      }
      prevHash = r.hash;
      prevPrevId = prevId;
      prevId = r.id;
      expected++;
      rows++;
    }
    if (page.length < pageSize) break;
  }
  return { ok: true, rows, headSeq: expected - 1, headHash: prevHash };
}
