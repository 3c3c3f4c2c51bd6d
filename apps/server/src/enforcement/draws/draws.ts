// Running a double-random draw (双随机, issue 5 §2) for a region and a period, storing it, and making its
// tasks. The draw itself is the pure drawInspection of the domain package; this file gathers its inputs
// (draw-candidates.ts), stores the record and the exact inputs (so verifyDraw can re-run it from the row),
// makes one inspection task per drawn unit with the drawn officers on it, and audits each step, all in one
// transaction.
// One standing draw per region and period (draws.live_key, unique); a voided draw keeps its row and reason.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DrawTaskLink, StoredDraw } from '@ecoenforce/contract';
import {
  DEFAULT_DRAW_POLICY, drawInspection, drawSeed, verifyDraw, isValidRegionCode, regionLevel,
  type DrawInputs, type DrawPolicy, type DrawRecord, type DrawVerification,
} from '@ecoenforce/domain';
import { recordAudit } from '../../platform/audit.ts';
import type { DrawsTable, Schema } from '../../platform/db/schema.ts';
import { canSee } from '../../access/index.ts';
import { gatherDrawInputs } from './draw-candidates.ts';
import { createFromDrawIn, TaskError, type TaskContext } from '../tasks/tasks.ts';
import { assignTaskIn } from '../tasks/task-work.ts';
import { userNames } from '../../accounts/index.ts';

export type PublicationErrorCode = 'bad_request' | 'not_found' | 'conflict';

export class PublicationError extends Error {
  constructor(readonly code: PublicationErrorCode, message: string, readonly details?: unknown) {
    super(message);
  }
}

const DAY = 86_400_000;
const BEIJING = 8 * 3600_000;
/** 2026-Q4, 2026-H2, 2026-11 or 2026: the periods a draw may name. */
export const PERIOD_PATTERN = /^(\d{4})(?:-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?$/;

/** The first moment after the period (Beijing midnight), or null for text that is not a period. */
export function periodEnd(period: string): number | null {
  const m = PERIOD_PATTERN.exec(period);
  if (m === null) return null;
  const year = Number(m[1]);
  const part = m[2];
  let nextMonth: number; // 0-based month after the period, may be 12
  if (part === undefined) nextMonth = 12;
  else if (part.startsWith('Q')) nextMonth = Number(part.slice(1)) * 3;
  else if (part.startsWith('H')) nextMonth = Number(part.slice(1)) * 6;
  else nextMonth = Number(part);
  return Date.UTC(year, nextMonth, 1) - BEIJING;
}

export interface RunDrawInput {
  regionCode: string;
  period: string;
  /** The outside value the head enters: the day's official lottery result, a newspaper's figure. */
  published: string;
  /** Default: the end of the period, when the visits are done (the lists stay secret until then [W11]). */
  publishableAfter?: number | undefined;
  policy?: DrawPolicy | undefined;
}

function toStored(r: Selectable<DrawsTable>, names: Map<string, string>, people: Map<string, string>): StoredDraw {
  const record = JSON.parse(r.record) as DrawRecord;
  const enterprises: Record<string, string> = {};
  for (const o of [...record.objects, ...record.offSite]) enterprises[o.enterpriseId] = names.get(o.enterpriseId) ?? '';
  const officers: Record<string, string> = {};
  for (const o of record.objects) for (const id of o.officers) officers[id] = people.get(id) ?? '';
  return {
    id: Number(r.id), regionCode: r.region_code, period: r.period, publishedValue: r.published_value, seed: r.seed, drawnAt: Number(r.drawn_at), drawnBy: Number(r.drawn_by),
    publishableAfter: Number(r.publishable_after), record, tasks: JSON.parse(r.tasks) as DrawTaskLink[], enterprises, officers,
    voided: r.voided_at === null ? null : { at: Number(r.voided_at), by: Number(r.voided_by), reason: r.void_reason ?? '' },
  };
}

/** Enterprise names by USCC for the units a record names (legal entities: their names are public). */
export async function namesOf(db: Kysely<Schema>, records: DrawRecord[]): Promise<Map<string, string>> {
  const usccs = [...new Set(records.flatMap((r) => [...r.objects, ...r.offSite].map((o) => o.enterpriseId)))];
  if (usccs.length === 0) return new Map();
  const rows = await db.selectFrom('enterprises').select(['uscc', 'name']).where('uscc', 'in', usccs).execute();
  return new Map(rows.map((e) => [e.uscc, e.name]));
}

/** Officers' display names by id for the officers the records name (the records hold ids). */
function officerNamesOf(db: Kysely<Schema>, records: DrawRecord[]): Promise<Map<string, string>> {
  return userNames(db, records.flatMap((r) => r.objects.flatMap((o) => o.officers)));
}

/**
 * Draws, stores and dispatches. Refused with 409 when a standing draw of the region and period exists, with
 * 400 (and the domain's error) when the inputs cannot be drawn, e.g. too few officers for two per unit, with
 * 409 when a task cannot be made or staffed as drawn (nothing is stored then).
 */
export async function runDraw(db: Kysely<Schema>, input: RunDrawInput, ctx: TaskContext): Promise<StoredDraw> {
  const { regionCode } = input;
  const period = input.period.trim();
  if (!isValidRegionCode(regionCode)) throw new PublicationError('bad_request', 'regionCode must be a GB/T 2260 code', { field: 'regionCode' });
  if (!canSee(ctx.scope, { regionCode, enterpriseId: null }) || ctx.scope.enterpriseIds !== null) throw new PublicationError('not_found', `region ${regionCode} not found`);
  const region = await db.selectFrom('regions').select('code').where('code', '=', regionCode).executeTakeFirst();
  if (region === undefined) throw new PublicationError('not_found', `region ${regionCode} not found`);
  const end = periodEnd(period);
  if (end === null) throw new PublicationError('bad_request', 'period must look like 2026-Q4, 2026-H2, 2026-11 or 2026', { field: 'period' });
  const published = input.published.trim();
  if (published === '') throw new PublicationError('bad_request', 'enter the published value the seed is made from', { field: 'published' });

  const liveKey = `${regionCode}|${period}`;
  const standing = await db.selectFrom('draws').select('id').where('live_key', '=', liveKey).executeTakeFirst();
  if (standing !== undefined) throw new PublicationError('conflict', `region ${regionCode} already has draw ${standing.id} for ${period}; void it with a reason to draw again`, { drawId: Number(standing.id) });

  const policy = input.policy ?? { ...DEFAULT_DRAW_POLICY, tierPercent: { ...DEFAULT_DRAW_POLICY.tierPercent }, keyUnitMinimumPercent: { ...DEFAULT_DRAW_POLICY.keyUnitMinimumPercent } };
  const gathered = await gatherDrawInputs(db, regionCode, policy, ctx.at);
  const inputs: DrawInputs = {
    seed: drawSeed({ published, regionCode, period }), regionCode, period, drawnAt: ctx.at,
    publishableAfter: input.publishableAfter ?? Math.max(ctx.at, end), policy,
    candidates: gathered.candidates, officers: gathered.officers, conflicts: gathered.conflicts, pastInspections: gathered.pastInspections,
  };
  const result = drawInspection(inputs);
  if (!result.ok) {
    // A city may choose to draw with its branches' officers; other bureaus have no branches [W11].
    const branches = regionLevel(regionCode) === 'city' ? '; a city bureau may draw with its branches\' officers (policy officerPool withBranches)' : '';
    const hint = result.error.code === 'too_few_officers' && gathered.officersOfSubRegions > 0
      ? ` (${gathered.officersOfSubRegions} officer(s) of sub-regions were left out: the pool is the bureau's own staff${branches})` : '';
    throw new PublicationError('bad_request', `${result.error.message}${hint}`, { draw: result.error });
  }
  const { record } = result;

  // The draw row, its audit row, every task (on-site ones with their drawn officers) and the draw's links to
  // them are one transaction: a failure anywhere leaves no draw, and the period can simply be drawn again.
  const dueDays = dueDaysUntil(ctx.at, record.publishableAfter);
  const drawId = await db.transaction().execute(async (trx) => {
    const id = await insertDraw(trx, { regionCode, period, published, record, inputs, liveKey }, ctx);
    const links: DrawTaskLink[] = [];
    try {
      for (const o of record.objects) {
        const e = gathered.enterprises.get(o.enterpriseId)!;
        const taskId = await createFromDrawIn(trx, { drawId: id, enterpriseId: e.id, dueDays }, ctx);
        await assignTaskIn(trx, taskId, o.officers.map(Number), ctx);
        links.push({ enterpriseId: e.id, uscc: o.enterpriseId, taskId, offSite: false });
      }
      // Off-site checks (online, video and energy data) of positive-listed units [W10]: a task without officers
      // sent, so the check has an owner and an outcome on the board, marked off-site here and in its title.
      for (const o of record.offSite) {
        const e = gathered.enterprises.get(o.enterpriseId)!;
        const taskId = await createFromDrawIn(trx, { drawId: id, enterpriseId: e.id, title: `非现场检查 ${e.name}`, dueDays }, ctx);
        links.push({ enterpriseId: e.id, uscc: o.enterpriseId, taskId, offSite: true });
      }
    } catch (err) {
      // The directory or the officers changed between gathering and dispatching (an officer deactivated, a
      // unit moved): nothing is stored; drawing again gathers afresh.
      if (err instanceof TaskError) throw new PublicationError('conflict', `the draw could not be dispatched: ${err.message}; nothing was stored, draw again`, { task: { code: err.code, field: err.field } });
      throw err;
    }
    await trx.updateTable('draws').set({ tasks: JSON.stringify(links) }).where('id', '=', id).execute();
    return id;
  });
  return (await drawById(db, drawId))!;
}

interface NewDraw {
  regionCode: string;
  period: string;
  published: string;
  record: DrawRecord;
  inputs: DrawInputs;
  liveKey: string;
}

/** The draw's row and its audit row, inside the caller's transaction; its task links are filled in afterwards. */
async function insertDraw(trx: Transaction<Schema>, d: NewDraw, ctx: TaskContext): Promise<number> {
  const { regionCode, period, published, record } = d;
  let row: { id: number };
  try {
    row = await trx.insertInto('draws').values({
      region_code: regionCode, period, published_value: published, seed: record.seed, record: JSON.stringify(record), inputs: JSON.stringify(d.inputs),
      inputs_digest: record.inputsDigest, result_digest: record.resultDigest, drawn_at: ctx.at, drawn_by: ctx.userId, publishable_after: record.publishableAfter,
      // Publication is automatic: the public pages show the lists from publishable_after on [W11].
      published_at: record.publishableAfter, tasks: '[]', voided_at: null, voided_by: null, void_reason: null, live_key: d.liveKey,
    }).returning('id').executeTakeFirstOrThrow();
  } catch (err) {
    // Two draws at once: the unique live_key lets one win.
    if (/unique|duplicate/i.test(String((err as Error).message))) throw new PublicationError('conflict', `region ${regionCode} already has a draw for ${period}`);
    throw err;
  }
  const id = Number(row.id);
  // The audit row carries the digests and counts, not the lists: the lists stay secret until the visits.
  await recordAudit(trx, {
    actor: ctx.actor, action: 'draw', entity: 'draw', entityId: id, ip: ctx.ip, at: ctx.at,
    after: { regionCode, period, published, seed: record.seed, policy: record.policy, inputsDigest: record.inputsDigest, resultDigest: record.resultDigest, objects: record.objects.length, offSite: record.offSite.length, publishableAfter: record.publishableAfter },
  });
  return id;
}

/** Tasks are due when the lists become public: the visits are done by then. At least a day, at most a year. */
function dueDaysUntil(now: number, publishableAfter: number): number {
  return Math.min(366, Math.max(1, Math.ceil((publishableAfter - now) / DAY)));
}

export async function drawById(db: Kysely<Schema>, id: number): Promise<StoredDraw | undefined> {
  const r = await db.selectFrom('draws').selectAll().where('id', '=', id).executeTakeFirst();
  if (r === undefined) return undefined;
  const records = [JSON.parse(r.record) as DrawRecord];
  return toStored(r, await namesOf(db, records), await officerNamesOf(db, records));
}

/** The draws of a scope, newest first (without the inputs). */
export async function listDraws(db: Kysely<Schema>, scope: TaskContext['scope']): Promise<StoredDraw[]> {
  const rows = await db.selectFrom('draws').selectAll().where('region_code', 'like', `${scope.regionPrefix}%`).orderBy('id', 'desc').limit(200).execute();
  const records = rows.map((r) => JSON.parse(r.record) as DrawRecord);
  const [names, people] = await Promise.all([namesOf(db, records), officerNamesOf(db, records)]);
  return rows.map((r) => toStored(r, names, people));
}

/** Re-runs the draw from the stored inputs and compares it with the stored record. */
export async function verifyStoredDraw(db: Kysely<Schema>, id: number): Promise<DrawVerification & { inputsDigest: string; resultDigest: string }> {
  const r = await db.selectFrom('draws').select(['record', 'inputs', 'inputs_digest', 'result_digest']).where('id', '=', id).executeTakeFirst();
  if (r === undefined) throw new PublicationError('not_found', `draw ${id} not found`);
  let record: DrawRecord;
  let inputs: DrawInputs;
  try {
    record = JSON.parse(r.record) as DrawRecord;
    inputs = JSON.parse(r.inputs) as DrawInputs;
  } catch {
    return { ok: false, problems: ['the stored record or inputs are not JSON'], inputsDigest: r.inputs_digest, resultDigest: r.result_digest };
  }
  const v = verifyDraw(record, inputs);
  const problems = v.ok ? [] : [...v.problems];
  // The row's own digest columns must agree with the record too.
  if (record.inputsDigest !== r.inputs_digest) problems.push('inputs_digest column differs from the record');
  if (record.resultDigest !== r.result_digest) problems.push('result_digest column differs from the record');
  return { ...(problems.length === 0 ? { ok: true as const } : { ok: false as const, problems }), inputsDigest: r.inputs_digest, resultDigest: r.result_digest };
}

/** Voids a standing draw with a reason; the row, its record and its tasks stay, and the period may be drawn again. */
export async function voidDraw(db: Kysely<Schema>, id: number, reason: string, ctx: TaskContext): Promise<StoredDraw> {
  const text = reason.trim();
  if (text.length < 2) throw new PublicationError('bad_request', 'give the reason for voiding the draw', { field: 'reason' });
  await db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('draws').select(['id', 'region_code', 'voided_at']).where('id', '=', id).executeTakeFirst();
    if (r === undefined || !canSee(ctx.scope, { regionCode: r.region_code, enterpriseId: null })) throw new PublicationError('not_found', `draw ${id} not found`);
    if (r.voided_at !== null) throw new PublicationError('conflict', `draw ${id} is already void`);
    await trx.updateTable('draws').set({ voided_at: ctx.at, voided_by: ctx.userId, void_reason: text, live_key: null }).where('id', '=', id).execute();
    await recordAudit(trx, { actor: ctx.actor, action: 'void', entity: 'draw', entityId: id, ip: ctx.ip, at: ctx.at, before: { voided: false }, after: { voided: true, reason: text } });
  });
  return (await drawById(db, id))!;
}
