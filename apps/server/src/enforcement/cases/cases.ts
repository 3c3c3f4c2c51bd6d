// The penalty case, persisted (issue 5 §5–§6, §8): open a case, and apply an action to it through the pure
// domain machine (`transition`), storing the new record, the event with its duty entry, the fine the
// discretion engine computed, the documents the act produces and an audit row in one transaction. The row
// version makes concurrent acts safe: an act names the version it was taken on; if someone acted in between
// it is refused (stale) and nothing is stored. A refusal of the domain is returned as a typed error with the
// domain's reason and is never stored.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  beijingDate, newCase, transition, DEFAULT_CASE_OPTIONS,
  type CaseActionType, type CaseRecord, type DocumentKind, type Refusal, type StaffRole,
} from '@ecoenforce/domain';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import type { CasesTable, Schema } from '../../platform/db/schema.ts';
import { can, type Permission, type Role } from '../../access/index.ts';
import type { PdfRequest } from '../../platform/pdf/frames.ts';
import { CatalogueError, matterInForce } from '../catalogue/catalogue.ts';
import type { CaseDetails, CaseRefusalDetail } from '@ecoenforce/contract';
import { checkStaff, InputError, prepareAction, type PreparedFine } from './case-inputs.ts';
import { caseDocumentFor } from './case-documents.ts';
import { nextCaseNumber } from './case-numbers.ts';
import { CaseDocumentError } from './documents/documents.ts';
import { orderFromCaseAct } from '../rectification/rectification.ts';
import { serveOnParty } from '../service/document-service.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

export type CaseErrorCode = 'not_found' | 'bad_input' | 'forbidden' | 'stale' | 'refused';

/** A typed failure of the case service; the routes map it onto the API's one error shape. */
export class CaseError extends Error {
  constructor(
    readonly code: CaseErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * Our roles as the domain's actor roles, in one place. A role takes part in a case only through its case
 * permission (access.ts): cases.work makes an officer or dispatcher the investigating side, cases.review the
 * legal reviewer (APL 58), cases.decide the head (APL 57, TRF 5). Any other role acts as nobody.
 */
const CASE_ROLE: Partial<Record<Role, { role: StaffRole; permission: Permission }>> = {
  officer: { role: 'officer', permission: 'cases.work' },
  dispatcher: { role: 'dispatcher', permission: 'cases.work' },
  legalReviewer: { role: 'legalReviewer', permission: 'cases.review' },
  head: { role: 'head', permission: 'cases.decide' },
};

export function caseActorRoles(role: Role): StaffRole[] {
  const m = CASE_ROLE[role];
  return m !== undefined && can(role, m.permission) ? [m.role] : [];
}

/** Who acts, from the request: the user (a token acts for its creator), their role and region. */
export interface CaseContext {
  userId: number;
  role: Role;
  actor: AuditActor;
  ip: string | null;
  at: number;
}

export const domainActor = (ctx: Pick<CaseContext, 'userId' | 'role'>): { id: string; roles: StaffRole[] } => ({ id: String(ctx.userId), roles: caseActorRoles(ctx.role) });

/** The document kinds the PDF templates can make; other acts produce a record entry only. */
export type RenderFn = (req: PdfRequest) => Promise<Buffer>;

// ---- Numbering ----------------------------------------------------------------------------------------------

// Numbering: case-numbers.ts (the issuing bureau's prefix and its yearly sequence).

const beijingYear = (t: number): number => Number(beijingDate(t).slice(0, 4));

// ---- Reads ----------------------------------------------------------------------------------------------------

export type CaseRow = Omit<CasesTable, 'id'> & { id: number };

export async function caseRow(db: Db, id: number): Promise<CaseRow | undefined> {
  const r = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { ...r, id: Number(r.id), version: Number(r.version), enterprise_id: Number(r.enterprise_id) };
}

export const recordOf = (r: Pick<CasesTable, 'record'>): CaseRecord => JSON.parse(r.record) as CaseRecord;
export const detailsOf = (r: Pick<CasesTable, 'details'>): CaseDetails => JSON.parse(r.details) as CaseDetails;

// ---- Open -----------------------------------------------------------------------------------------------------

export interface OpenCase {
  enterpriseId: number;
  matterCode: string;
  taskId?: number | null;
  /** When the violation was found; default now. The filing clock runs from it [W12]. */
  discoveredAt?: number;
  major?: boolean;
  details?: Partial<CaseDetails>;
}

/** Opens a case in state `discovered`, numbered in its region and year; audited. */
export async function openCase(db: Kysely<Schema>, input: OpenCase, ctx: CaseContext): Promise<CaseRow> {
  if (caseActorRoles(ctx.role).length === 0) throw new CaseError('forbidden', `the ${ctx.role} role does not take part in cases`);
  const discoveredAt = input.discoveredAt ?? ctx.at;
  if (discoveredAt > ctx.at) throw new CaseError('bad_input', 'discoveredAt lies in the future');
  const enterprise = await db.selectFrom('enterprises').select(['id', 'region_code']).where('id', '=', input.enterpriseId).executeTakeFirst();
  if (enterprise === undefined) throw new CaseError('not_found', `enterprise ${input.enterpriseId} not found`);
  if (input.taskId != null) {
    const task = await db.selectFrom('tasks').select(['enterprise_id']).where('id', '=', input.taskId).executeTakeFirst();
    if (task === undefined) throw new CaseError('bad_input', `task ${input.taskId} not found`);
    if (task.enterprise_id !== null && Number(task.enterprise_id) !== input.enterpriseId) throw new CaseError('bad_input', `task ${input.taskId} concerns another enterprise`);
  }
  // The matter and its table are pinned at the versions in force now: the case runs on them to its end
  // (case-matter.ts), whatever the catalogue says later.
  let matterVersion: number;
  let tableVersion: number | null;
  try {
    const inForce = await matterInForce(db, input.matterCode, ctx.at);
    matterVersion = inForce.matter.version;
    tableVersion = inForce.table?.version ?? null;
  } catch (err) {
    if (err instanceof CatalogueError) throw new CaseError('bad_input', err.message, { reason: err.code });
    throw err;
  }
  const details: CaseDetails = {
    source: input.details?.source ?? '自动监控预警',
    cause: input.details?.cause ?? '',
    facts: input.details?.facts ?? '',
    evidence: input.details?.evidence ?? [],
    correction: input.details?.correction ?? null,
    ...(input.details?.proposedOfficers?.length ? { proposedOfficers: [...new Set(input.details.proposedOfficers)] } : {}),
  };
  if (details.proposedOfficers !== undefined) {
    try {
      await checkStaff(db, details.proposedOfficers, enterprise.region_code, ['officer', 'head'], 'proposedOfficers');
    } catch (err) {
      if (err instanceof InputError) throw new CaseError('bad_input', err.message);
      throw err;
    }
  }
  const year = beijingYear(ctx.at);
  // Two openings at once may take the same number; the unique constraint refuses one, which tries again.
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        // Numbered by the issuing (city) bureau, under its short name (case-numbers.ts).
        const { number, seq } = await nextCaseNumber(trx, enterprise.region_code, year);
        // The record's id is set once the row has one; the machine never reads it.
        const record = newCase('', input.matterCode, discoveredAt, input.major === true);
        const inserted = await trx.insertInto('cases').values({
          number, number_year: year, number_seq: seq, region_code: enterprise.region_code,
          enterprise_id: input.enterpriseId, task_id: input.taskId ?? null, matter_code: input.matterCode, matter_version: matterVersion, table_version: tableVersion,
          state: record.state, major: record.major ? 1 : 0, discovered_at: discoveredAt, filed_at: null, decided_at: null, closed_at: null, amount: null,
          record: JSON.stringify(record), details: JSON.stringify(details), created_at: ctx.at, created_by: ctx.userId, updated_at: ctx.at, version: 1,
        }).returning('id').executeTakeFirstOrThrow();
        const id = Number(inserted.id);
        await trx.updateTable('cases').set({ record: JSON.stringify({ ...record, id: String(id) }) }).where('id', '=', id).execute();
        await recordAudit(trx, {
          actor: ctx.actor, action: 'create', entity: 'case', entityId: id, ip: ctx.ip, at: ctx.at,
          after: { number, enterpriseId: input.enterpriseId, matterCode: input.matterCode, matterVersion, tableVersion, taskId: input.taskId ?? null, discoveredAt, major: record.major, details },
        });
        return (await caseRow(trx, id))!;
      });
    } catch (err) {
      if (attempt >= 3 || !/unique|duplicate/i.test(String((err as Error).message))) throw err;
    }
  }
}

// ---- Act ------------------------------------------------------------------------------------------------------

export interface ActionRequest {
  action: CaseActionType;
  input: Record<string, unknown>;
  /** The row version the caller saw. */
  version: number;
}

export interface ActionResult {
  row: CaseRow;
  seq: number;
  documents: Array<{ id: number; kind: DocumentKind; sha256: string }>;
}

/** Where a domain refusal goes: the wrong domain role is a 403, every other refusal a 409, malformed input 400. */
export function refusalError(r: Refusal): CaseError {
  const code: CaseErrorCode = r.code === 'role_not_allowed' ? 'forbidden' : r.code === 'bad_input' ? 'bad_input' : 'refused';
  return new CaseError(code, r.reason, { refusal: r } satisfies CaseRefusalDetail);
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/**
 * Applies one action. The domain decides (pure, before anything is written); the document is rendered next
 * (off the HTTP thread, outside the transaction); then one transaction stores the row (only if its version is
 * still the one the caller saw), the event, the fine, the document and the audit row.
 */
export async function applyAction(
  db: Kysely<Schema>, render: RenderFn | null, id: number, req: ActionRequest, ctx: CaseContext, onRefused?: (r: Refusal) => void,
): Promise<ActionResult> {
  const row = await caseRow(db, id);
  if (row === undefined) throw new CaseError('not_found', `case ${id} not found`);
  if (row.version !== req.version) throw new CaseError('stale', `case ${id} changed since version ${req.version}: reload it (now version ${row.version})`, { version: row.version });
  const actor = domainActor(ctx);
  if (actor.roles.length === 0) throw new CaseError('forbidden', `the ${ctx.role} role does not take part in cases`);
  const record = recordOf(row);
  const seq = record.duties.length + 1;
  let prepared;
  try {
    prepared = await prepareAction(db, row, record, req.action, req.input, { ...ctx, seq });
  } catch (err) {
    if (err instanceof InputError) throw new CaseError(err.kind, err.message, err.details);
    throw err;
  }
  const result = transition(record, prepared.action, actor, ctx.at, DEFAULT_CASE_OPTIONS);
  if (!result.ok) {
    onRefused?.(result.refusal);
    throw refusalError(result.refusal);
  }
  const next = result.case;
  const kind = result.entry.document;
  let rendered: { kind: DocumentKind; number: string | null; bytes: Buffer } | null = null;
  if (kind !== null && render !== null) {
    let doc;
    try {
      doc = await caseDocumentFor(db, kind, { ...row, record: JSON.stringify(next), details: prepared.details ? JSON.stringify(prepared.details) : row.details }, ctx.at);
    } catch (err) {
      // The act's document cannot be made from what the case holds: nothing is stored, the caller is told why.
      if (err instanceof CaseDocumentError) throw new CaseError('refused', err.message, { problems: err.problems });
      throw err;
    }
    if (doc !== null) rendered = { kind, number: doc.number, bytes: await render(doc.request) };
  }
  const documents: ActionResult['documents'] = [];
  const updated = await db.transaction().execute(async (trx) => {
    const amount = next.discretion?.amount ?? null;
    const res = await trx.updateTable('cases').set({
      state: next.state, record: JSON.stringify(next), filed_at: next.filedAt, decided_at: next.decidedAt, closed_at: next.closedAt,
      amount, updated_at: ctx.at, version: row.version + 1, ...(prepared.details ? { details: JSON.stringify(prepared.details) } : {}),
    }).where('id', '=', id).where('version', '=', row.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new CaseError('stale', `case ${id} changed while this action was prepared: reload it`);
    await trx.insertInto('case_events').values({
      case_id: id, seq, action: req.action, actor_id: ctx.userId, actor_role: ctx.role, at: ctx.at, input: JSON.stringify(prepared.stored), duty: JSON.stringify(result.entry),
    }).execute();
    if (prepared.fine !== null) await insertFine(trx, id, seq, prepared.fine, ctx);
    // The order to correct starts a rectification (issue 5 §7) in this same transaction: rectification.ts.
    if (req.action === 'order_correction') await orderFromCaseAct(trx, row, prepared.stored, ctx);
    if (rendered !== null) {
      const digest = sha256(rendered.bytes);
      const doc = await trx.insertInto('case_documents').values({
        case_id: id, kind: rendered.kind, number: rendered.number, sha256: digest, bytes: rendered.bytes, created_at: ctx.at, created_by: ctx.userId,
      }).returning('id').executeTakeFirstOrThrow();
      documents.push({ id: Number(doc.id), kind: rendered.kind, sha256: digest });
      // A party-facing document is served on the enterprise's login as it is stored (电子送达): enforcement/service/document-service.ts.
      await serveOnParty(trx, { documentId: Number(doc.id), kind: rendered.kind, caseId: id, enterpriseId: row.enterprise_id, at: ctx.at });
    }
    await recordAudit(trx, {
      actor: ctx.actor, action: req.action, entity: 'case', entityId: id, ip: ctx.ip, at: ctx.at,
      before: { state: row.state, version: row.version },
      after: { state: next.state, version: row.version + 1, seq, input: prepared.stored, duty: result.entry, fine: prepared.fine?.amount ?? null, documents },
    });
    return (await caseRow(trx, id))!;
  });
  return { row: updated, seq, documents };
}

async function insertFine(trx: Transaction<Schema>, caseId: number, seq: number, f: PreparedFine, ctx: CaseContext): Promise<void> {
  await trx.insertInto('case_fines').values({
    case_id: caseId, event_seq: seq, amount: f.amount, explanation: JSON.stringify(f.explanation), matter_code: f.matter.code, matter_version: f.matter.version,
    table_id: f.table?.id ?? null, table_version: f.table?.version ?? null, gates: JSON.stringify(f.gates), created_at: ctx.at, created_by: ctx.userId,
  }).execute();
}
