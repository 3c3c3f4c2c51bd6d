// The enforcement-matter catalogue (执法事项), the discretion benchmark tables and the fault-tolerance list
// (容错清单), stored (issue 5 §4, §6): rules as data, each edit a new version that never replaces an old one,
// so anything stored later (a case's fine) can name the versions it used and they stay readable. The editor
// sends the version it edited; if someone saved in between, the change is refused (409) rather than
// silently overwriting theirs. Every change is audited in its own transaction. The domain seeds (23 matters
// from rules.md §4 and §6, the AIR 99(2), WAT 83(2) and PRM 34 tables [GD-A1]) are inserted on first use.
import type { Kysely, Transaction } from 'kysely';
import {
  DISCRETION_TABLES, MATTER_SEED,
  type DiscretionTable, type EnforcementMatter, type FaultToleranceEntry,
} from '@ecoenforce/domain';
import type { StoredFaultItem, StoredMatter, StoredTable, VersionMeta } from '@ecoenforce/contract';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import type { Schema } from '../../platform/db/schema.ts';
import { CatalogueError, checkFaultToleranceItem, checkMatter, checkTable } from './catalogue-checks.ts';

export { CatalogueError } from './catalogue-checks.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** Who stores a change and when. */
export interface ChangeContext {
  actor: AuditActor;
  /** users.id (a token's creator); null for the platform itself. */
  userId: number | null;
  ip: string | null;
  at: number;
}

interface Row {
  version: number;
  body: string;
  note: string;
  created_at: number;
  created_by: number | null;
  created_by_name: string | null;
}

const meta = (r: Row): VersionMeta => ({ version: Number(r.version), note: r.note, createdAt: Number(r.created_at), createdBy: r.created_by === null ? null : Number(r.created_by), createdByName: r.created_by_name });
const toMatter = (r: Row & { code: string; retired: number }): StoredMatter => ({ ...meta(r), code: r.code, retired: Number(r.retired) === 1, matter: JSON.parse(r.body) as EnforcementMatter });
const toTable = (r: Row & { id: string }): StoredTable => ({ ...meta(r), id: r.id, table: JSON.parse(r.body) as DiscretionTable });
const toItem = (r: Row & { id: string }): StoredFaultItem => ({ ...meta(r), id: r.id, item: JSON.parse(r.body) as FaultToleranceEntry });

// ---- Seeding ---------------------------------------------------------------------------------------------

const seeding = new WeakMap<object, Promise<void>>();

/**
 * Inserts version 1 of every seeded matter and table that has none yet, once per process and database.
 * ON CONFLICT DO NOTHING on the primary key makes it idempotent on both dialects and safe when two
 * processes start at once; a stored version 1 (seeded or an admin's) is never touched, and a matter added to
 * the domain seed later is inserted on the next start.
 */
export function ensureCatalogue(db: Kysely<Schema>, now: number): Promise<void> {
  let p = seeding.get(db);
  if (p === undefined) {
    p = seedCatalogue(db, now).catch((err: unknown) => {
      seeding.delete(db);
      throw err;
    });
    seeding.set(db, p);
  }
  return p;
}

async function seedCatalogue(db: Kysely<Schema>, now: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('discretion_tables')
      .values(DISCRETION_TABLES.map((t) => ({ id: t.id, version: 1, body: JSON.stringify(t), note: `seed: ${t.source}`, created_at: now, created_by: null })))
      .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
      .execute();
    await trx
      .insertInto('enforcement_matters')
      .values(MATTER_SEED.map((m) => ({ code: m.code, version: 1, body: JSON.stringify(m), retired: 0, note: `seed: ${m.source}`, created_at: now, created_by: null })))
      .onConflict((oc) => oc.columns(['code', 'version']).doNothing())
      .execute();
  });
}

// ---- Reads -----------------------------------------------------------------------------------------------

function matterRows(db: Db) {
  return db
    .selectFrom('enforcement_matters as m')
    .leftJoin('users as u', 'u.id', 'm.created_by')
    .select(['m.code', 'm.version', 'm.body', 'm.retired', 'm.note', 'm.created_at', 'm.created_by', 'u.username as created_by_name']);
}
function tableRows(db: Db) {
  return db
    .selectFrom('discretion_tables as t')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .select(['t.id', 't.version', 't.body', 't.note', 't.created_at', 't.created_by', 'u.username as created_by_name']);
}
function itemRows(db: Db) {
  return db
    .selectFrom('fault_tolerance_items as f')
    .leftJoin('users as u', 'u.id', 'f.created_by')
    .select(['f.id', 'f.version', 'f.body', 'f.note', 'f.created_at', 'f.created_by', 'u.username as created_by_name']);
}

/** The newest version of every matter, by code; retired ones only when asked for. */
export async function currentMatters(db: Kysely<Schema>, now: number, opts: { includeRetired?: boolean } = {}): Promise<StoredMatter[]> {
  await ensureCatalogue(db, now);
  const rows = await matterRows(db)
    .where('m.version', '=', (eb) => eb.selectFrom('enforcement_matters as x').select((x) => x.fn.max('x.version').as('v')).whereRef('x.code', '=', 'm.code'))
    .$if(opts.includeRetired !== true, (q) => q.where('m.retired', '=', 0))
    .orderBy('m.code')
    .execute();
  return rows.map(toMatter);
}

/** Every version of one matter, newest first; empty when the code is unknown. */
export async function matterHistory(db: Kysely<Schema>, code: string, now: number): Promise<StoredMatter[]> {
  await ensureCatalogue(db, now);
  return (await matterRows(db).where('m.code', '=', code).orderBy('m.version', 'desc').execute()).map(toMatter);
}

async function latestMatter(db: Db, code: string): Promise<StoredMatter | undefined> {
  const r = await matterRows(db).where('m.code', '=', code).orderBy('m.version', 'desc').limit(1).executeTakeFirst();
  return r === undefined ? undefined : toMatter(r);
}

/** The newest version of every discretion table, by id. */
export async function currentTables(db: Kysely<Schema>, now: number): Promise<StoredTable[]> {
  await ensureCatalogue(db, now);
  const rows = await tableRows(db)
    .where('t.version', '=', (eb) => eb.selectFrom('discretion_tables as x').select((x) => x.fn.max('x.version').as('v')).whereRef('x.id', '=', 't.id'))
    .orderBy('t.id')
    .execute();
  return rows.map(toTable);
}

export async function tableHistory(db: Kysely<Schema>, id: string, now: number): Promise<StoredTable[]> {
  await ensureCatalogue(db, now);
  return (await tableRows(db).where('t.id', '=', id).orderBy('t.version', 'desc').execute()).map(toTable);
}

async function latestTable(db: Db, id: string): Promise<StoredTable | undefined> {
  const r = await tableRows(db).where('t.id', '=', id).orderBy('t.version', 'desc').limit(1).executeTakeFirst();
  return r === undefined ? undefined : toTable(r);
}

/** The newest version of every fault-tolerance entry (inactive ones included: `active` says which apply). */
export async function currentFaultItems(db: Kysely<Schema>): Promise<StoredFaultItem[]> {
  const rows = await itemRows(db)
    .where('f.version', '=', (eb) => eb.selectFrom('fault_tolerance_items as x').select((x) => x.fn.max('x.version').as('v')).whereRef('x.id', '=', 'f.id'))
    .orderBy('f.id')
    .execute();
  return rows.map(toItem);
}

export async function faultItemHistory(db: Kysely<Schema>, id: string): Promise<StoredFaultItem[]> {
  return (await itemRows(db).where('f.id', '=', id).orderBy('f.version', 'desc').execute()).map(toItem);
}

async function latestFaultItem(db: Db, id: string): Promise<StoredFaultItem | undefined> {
  const r = await itemRows(db).where('f.id', '=', id).orderBy('f.version', 'desc').limit(1).executeTakeFirst();
  return r === undefined ? undefined : toItem(r);
}

// ---- Writes ----------------------------------------------------------------------------------------------

interface Versioned {
  version: number;
}

/**
 * The optimistic check every edit makes: a new key must not exist yet; an edit must name the newest version.
 * `baseVersion` null means "a new entry".
 */
function checkBase(what: string, key: string, current: Versioned | undefined, baseVersion: number | null): void {
  if (baseVersion === null) {
    if (current !== undefined) throw new CatalogueError('exists', `${what} ${key} exists (version ${current.version}): edit that version`, { currentVersion: current.version });
    return;
  }
  if (current === undefined) throw new CatalogueError('not_found', `${what} ${key} not found`);
  if (current.version !== baseVersion) {
    throw new CatalogueError('stale', `${what} ${key} was changed meanwhile: you edited version ${baseVersion}, the newest is ${current.version}`, { currentVersion: current.version, baseVersion });
  }
}

/**
 * Runs a versioned write. Two editors of the same version race to insert the same (key, version): the
 * primary key refuses the loser, which then gets the same 409 as one that read a stale version.
 */
async function versionedWrite<T>(db: Kysely<Schema>, what: string, key: string, version: number, latest: (db: Db) => Promise<Versioned | undefined>, write: (trx: Transaction<Schema>) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(write);
  } catch (err) {
    if (err instanceof CatalogueError) throw err;
    const now = await latest(db);
    if (now !== undefined && now.version >= version) throw new CatalogueError('stale', `${what} ${key} was changed meanwhile: the newest version is ${now.version}`, { currentVersion: now.version });
    throw err;
  }
}

/** Stores a new matter (baseVersion null) or the next version of one, validated and audited. */
export async function saveMatter(db: Kysely<Schema>, input: { matter: unknown; baseVersion: number | null; note: string }, ctx: ChangeContext): Promise<StoredMatter> {
  const tables = await currentTables(db, ctx.at);
  const version = (input.baseVersion ?? 0) + 1;
  const matter = checkMatter(input.matter, version, tables.map((t) => t.id));
  const table = tables.find((t) => t.id === matter.discretionTableId);
  // computeFine refuses a table that does not list the matter (table_mismatch): refuse it here, when saved.
  if (table !== undefined && !table.table.matterCodes.includes(matter.code)) {
    throw new CatalogueError('invalid', `table ${table.id} does not list ${matter.code}`, [
      { path: 'matter.discretionTableId', code: 'table_mismatch', message: `table ${table.id} (version ${table.version}) does not list ${matter.code} in matterCodes: add it there first` },
    ]);
  }
  const latest = (d: Db) => latestMatter(d, matter.code);
  return versionedWrite(db, 'matter', matter.code, version, latest, async (trx) => {
    const before = await latest(trx);
    checkBase('matter', matter.code, before, input.baseVersion);
    await trx.insertInto('enforcement_matters').values({ code: matter.code, version, body: JSON.stringify(matter), retired: 0, note: input.note, created_at: ctx.at, created_by: ctx.userId }).execute();
    await recordAudit(trx, {
      actor: ctx.actor, action: before === undefined ? 'create' : 'update', entity: 'enforcement_matter', entityId: matter.code, ip: ctx.ip, at: ctx.at,
      before: before === undefined ? undefined : { version: before.version, retired: before.retired, matter: before.matter }, after: { version, retired: false, note: input.note, matter },
    });
    return { code: matter.code, version, retired: false, matter, note: input.note, createdAt: ctx.at, createdBy: ctx.userId, createdByName: ctx.actor.name };
  });
}

/** Takes a matter out of force: the next version, same content, marked retired. A later edit restores it. */
export async function retireMatter(db: Kysely<Schema>, code: string, baseVersion: number, reason: string, ctx: ChangeContext): Promise<StoredMatter> {
  await ensureCatalogue(db, ctx.at);
  const version = baseVersion + 1;
  const latest = (d: Db) => latestMatter(d, code);
  return versionedWrite(db, 'matter', code, version, latest, async (trx) => {
    const before = await latest(trx);
    checkBase('matter', code, before, baseVersion);
    if (before!.retired) throw new CatalogueError('already_retired', `matter ${code} is already retired (version ${before!.version})`);
    const matter = { ...before!.matter, version };
    await trx.insertInto('enforcement_matters').values({ code, version, body: JSON.stringify(matter), retired: 1, note: reason, created_at: ctx.at, created_by: ctx.userId }).execute();
    await recordAudit(trx, {
      actor: ctx.actor, action: 'retire', entity: 'enforcement_matter', entityId: code, ip: ctx.ip, at: ctx.at,
      before: { version: before!.version, retired: false }, after: { version, retired: true, note: reason },
    });
    return { code, version, retired: true, matter, note: reason, createdAt: ctx.at, createdBy: ctx.userId, createdByName: ctx.actor.name };
  });
}

/** Stores a new discretion table or the next version of one, validated and audited. */
export async function saveTable(db: Kysely<Schema>, input: { table: unknown; baseVersion: number | null; note: string }, ctx: ChangeContext): Promise<StoredTable> {
  const version = (input.baseVersion ?? 0) + 1;
  const table = checkTable(input.table, version);
  // A matter in force that names this table must stay listed, or its fines could no longer be computed.
  const users = (await currentMatters(db, ctx.at)).filter((m) => m.matter.discretionTableId === table.id && !table.matterCodes.includes(m.code));
  if (users.length > 0) {
    throw new CatalogueError('invalid', `matters ${users.map((m) => m.code).join(', ')} use table ${table.id}`, [
      { path: 'table.matterCodes', code: 'table_in_use', message: `matters ${users.map((m) => m.code).join(', ')} name this table and must stay listed` },
    ]);
  }
  const latest = (d: Db) => latestTable(d, table.id);
  return versionedWrite(db, 'discretion table', table.id, version, latest, async (trx) => {
    const before = await latest(trx);
    checkBase('discretion table', table.id, before, input.baseVersion);
    await trx.insertInto('discretion_tables').values({ id: table.id, version, body: JSON.stringify(table), note: input.note, created_at: ctx.at, created_by: ctx.userId }).execute();
    await recordAudit(trx, {
      actor: ctx.actor, action: before === undefined ? 'create' : 'update', entity: 'discretion_table', entityId: table.id, ip: ctx.ip, at: ctx.at,
      before: before === undefined ? undefined : { version: before.version, table: before.table }, after: { version, note: input.note, table },
    });
    return { id: table.id, version, table, note: input.note, createdAt: ctx.at, createdBy: ctx.userId, createdByName: ctx.actor.name };
  });
}

/** Stores a new fault-tolerance entry or the next version of one (set `active: false` to withdraw it). */
export async function saveFaultItem(db: Kysely<Schema>, input: { item: unknown; baseVersion: number | null; note: string }, ctx: ChangeContext): Promise<StoredFaultItem> {
  const version = (input.baseVersion ?? 0) + 1;
  const item = checkFaultToleranceItem(input.item);
  const latest = (d: Db) => latestFaultItem(d, item.id);
  return versionedWrite(db, 'fault-tolerance entry', item.id, version, latest, async (trx) => {
    const before = await latest(trx);
    checkBase('fault-tolerance entry', item.id, before, input.baseVersion);
    await trx.insertInto('fault_tolerance_items').values({ id: item.id, version, body: JSON.stringify(item), note: input.note, created_at: ctx.at, created_by: ctx.userId }).execute();
    await recordAudit(trx, {
      actor: ctx.actor, action: before === undefined ? 'create' : 'update', entity: 'fault_tolerance_item', entityId: item.id, ip: ctx.ip, at: ctx.at,
      before: before === undefined ? undefined : { version: before.version, item: before.item }, after: { version, note: input.note, item },
    });
    return { id: item.id, version, item, note: input.note, createdAt: ctx.at, createdBy: ctx.userId, createdByName: ctx.actor.name };
  });
}

// ---- Reads for the fine ----------------------------------------------------------------------------------

/** The matter in force under `code` and the table it names, at their newest versions. */
export async function matterInForce(db: Kysely<Schema>, code: string, now: number): Promise<{ matter: StoredMatter; table: StoredTable | null }> {
  await ensureCatalogue(db, now);
  const matter = await latestMatter(db, code);
  if (matter === undefined) throw new CatalogueError('not_found', `matter ${code} not found`);
  if (matter.retired) throw new CatalogueError('retired', `matter ${code} was retired (version ${matter.version}) and is not in force`);
  const id = matter.matter.discretionTableId;
  const table = id === null ? null : ((await latestTable(db, id)) ?? null);
  return { matter, table };
}
