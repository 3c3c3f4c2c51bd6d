// Reading cases: the list of a scope (filtered by state, enterprise and overdue clocks) and one case with
// everything an officer needs to act — the record, the events, the actions the caller may take, the legal
// clocks at `now`, the stored fine explanation, the documents and the criminal flags. The actions come
// checked against the record at `now` (domain checkAction): the page offers what can be taken and says why
// the others cannot; the action route still refuses on its own.
import { sql, type Kysely } from 'kysely';
import {
  actionChecks, caseClocks, dutyRecord, worstEscalation, DEFAULT_CASE_OPTIONS,
  type CriminalFlag, type EnforcementMatter, type FineExplanation, type GateOutcome,
} from '@ecoenforce/domain';
import type { CaseDetail, CaseList, CaseSummary, FineView } from '@ecoenforce/contract';
import type { Schema } from '../../platform/db/schema.ts';
import { type DateRange, type Scope, inScope, decodeCursor, jsonText, matchesAny, nullsLast, page } from '../../access/index.ts';
import { caseRow, domainActor, recordOf, detailsOf, type CaseContext, type CaseRow } from './cases.ts';
import { withTrace, type CaseTrace } from './case-trace.ts';
import { caseStaff } from './case-people.ts';
import { userNames } from '../../accounts/index.ts';
import { CASE_DOCUMENTS } from './documents/documents.ts';
import { serviceOf } from '../service/document-service.ts';

export function summaryOf(r: CaseRow, enterpriseName: string, now: number): CaseSummary {
  const clocks = caseClocks(recordOf(r), now, DEFAULT_CASE_OPTIONS);
  return {
    id: r.id, number: r.number, regionCode: r.region_code, enterpriseId: r.enterprise_id, enterpriseName, taskId: r.task_id === null ? null : Number(r.task_id),
    matterCode: r.matter_code, matterVersion: Number(r.matter_version), tableVersion: r.table_version == null ? null : Number(r.table_version), state: r.state, major: Number(r.major) === 1, discoveredAt: Number(r.discovered_at),
    filedAt: r.filed_at === null ? null : Number(r.filed_at), decidedAt: r.decided_at === null ? null : Number(r.decided_at), closedAt: r.closed_at === null ? null : Number(r.closed_at),
    amount: r.amount === null ? null : Number(r.amount), updatedAt: Number(r.updated_at), version: r.version,
    clocks, escalation: worstEscalation(clocks), overdue: clocks.some((c) => c.status === 'overdue'),
  };
}

export interface CaseFilter {
  state?: string;
  enterpriseId?: number;
  overdue?: boolean;
  limit: number;
  cursor?: string;
  /** The statistics' trace (case-trace.ts): cases with an event of some actions in a period, region, matter, industry. */
  trace?: CaseTrace;
  /** Searched in the enterprise name, the case number and the 案由 (case-insensitive substring). */
  q?: string;
  /** When the case was filed (a case not yet filed: when it was discovered), Beijing dates both included. */
  range?: DateRange;
  /** A key of CASE_SORTS, with `order`: offset paging from `offset`. */
  sort?: CaseSortKey;
  order?: 'asc' | 'desc';
  offset?: number;
}

/** The date a case is listed by: when filed, or when discovered while it is not yet filed. */
const caseDate = sql<number>`coalesce(c.filed_at, c.discovered_at)`;

/** A case without an amount sorts after every amount in either direction. */
const AMOUNT_NULLS = nullsLast(sql`c.amount`);

/** The sort keys a client may name (issue 14), each as SQL of this list; nullable ones sort their nulls last. */
export const CASE_SORTS = {
  number: [sql`c.number_year`, sql`c.number_seq`],
  date: [caseDate],
  discovered: [sql`c.discovered_at`],
  enterprise: [sql`e.name`],
  state: [sql`c.state`],
  amount: [AMOUNT_NULLS, sql`c.amount`],
  updated: [sql`c.updated_at`],
  id: [sql`c.id`],
} as const;
export type CaseSortKey = keyof typeof CASE_SORTS;
export const CASE_SORT_KEYS = Object.keys(CASE_SORTS) as [CaseSortKey, ...CaseSortKey[]];

/** Overdue is a property of the clocks at `now`, not a column: that filter reads at most this many open cases. */
const OVERDUE_SCAN = 5000;

/** The filtered cases of the scope as a query (no order, no paging), with the enterprise's name. */
function filteredCases(db: Kysely<Schema>, scope: Scope, f: CaseFilter) {
  let q = inScope(db.selectFrom('cases as c').innerJoin('enterprises as e', 'e.id', 'c.enterprise_id').selectAll('c').select('e.name as enterprise_name'), scope);
  if (f.state !== undefined) q = q.where('c.state', '=', f.state);
  if (f.enterpriseId !== undefined) q = q.where('c.enterprise_id', '=', f.enterpriseId);
  if (f.trace !== undefined) q = withTrace(q, f.trace);
  if (f.q !== undefined && f.q !== '') q = q.where(matchesAny([sql.ref('e.name'), sql.ref('c.number'), jsonText(db, 'c.details', 'cause')], f.q));
  if (f.range?.fromAt !== undefined) q = q.where(caseDate, '>=', f.range.fromAt);
  if (f.range?.toAt !== undefined) q = q.where(caseDate, '<', f.range.toAt);
  if (f.overdue === true) q = q.where('c.state', '!=', 'closed');
  return q;
}

/** In the asked order (newest first by default), the id breaking ties. */
function ordered(q: ReturnType<typeof filteredCases>, f: Pick<CaseFilter, 'sort' | 'order'>): ReturnType<typeof filteredCases> {
  const dir = f.order ?? 'desc';
  let out = q;
  for (const e of CASE_SORTS[f.sort ?? 'id']) out = out.orderBy(e, e === AMOUNT_NULLS ? 'asc' : dir);
  return out.orderBy('c.id', dir);
}

export async function listCases(db: Kysely<Schema>, scope: Scope, f: CaseFilter, now: number): Promise<CaseList> {
  const byOffset = f.sort !== undefined || f.order !== undefined || f.offset !== undefined;
  const offset = f.offset ?? 0;
  const q = filteredCases(db, scope, f);
  const summary = (r: Awaited<ReturnType<typeof q.execute>>[number]) => summaryOf({ ...r, id: Number(r.id), version: Number(r.version), enterprise_id: Number(r.enterprise_id) }, r.enterprise_name, now);
  if (f.overdue !== undefined) {
    // The clocks decide: every candidate in order, filtered here, then paged.
    const all = (await ordered(q, f).limit(OVERDUE_SCAN).execute()).map(summary).filter((c) => c.overdue === f.overdue);
    if (byOffset) return { items: all.slice(offset, offset + f.limit), nextCursor: null, total: all.length, offset };
    const after = decodeCursor(f.cursor);
    return { ...page(all.filter((c) => after === undefined || c.id < after).slice(0, f.limit + 1), f.limit, (c) => c.id), total: all.length, offset: null };
  }
  const counted = await q.clearSelect().select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const total = Number(counted.n);
  if (byOffset) return { items: (await ordered(q, f).limit(f.limit).offset(offset).execute()).map(summary), nextCursor: null, total, offset };
  const after = decodeCursor(f.cursor);
  const rows = await (after === undefined ? q : q.where('c.id', '<', after)).orderBy('c.id', 'desc').limit(f.limit + 1).execute();
  return { ...page(rows.map(summary), f.limit, (c) => c.id), total, offset: null };
}

/** The filtered cases in the asked order for an export (at most `max`), each with its 案由. */
export async function exportCases(db: Kysely<Schema>, scope: Scope, f: Omit<CaseFilter, 'limit' | 'cursor' | 'offset'>, now: number, max: number): Promise<Array<CaseSummary & { cause: string | null }>> {
  const q = filteredCases(db, scope, { ...f, limit: max });
  const rows = await ordered(q, f).limit(f.overdue === undefined ? max : OVERDUE_SCAN).execute();
  const out = rows.map((r) => ({
    ...summaryOf({ ...r, id: Number(r.id), version: Number(r.version), enterprise_id: Number(r.enterprise_id) }, r.enterprise_name, now),
    cause: detailsOf(r).cause || null,
  }));
  return (f.overdue === undefined ? out : out.filter((c) => c.overdue === f.overdue)).slice(0, max);
}

export async function caseDetail(db: Kysely<Schema>, id: number, caller: Pick<CaseContext, 'userId' | 'role'>, now: number): Promise<CaseDetail | undefined> {
  const row = await caseRow(db, id);
  if (row === undefined) return undefined;
  const record = recordOf(row);
  const waiverBy = record.waiver?.by;
  const [enterprise, events, fines, docs, pinned, latest, decider] = await Promise.all([
    db.selectFrom('enterprises').select('name').where('id', '=', row.enterprise_id).executeTakeFirstOrThrow(),
    db.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('seq').execute(),
    db.selectFrom('case_fines').selectAll().where('case_id', '=', id).orderBy('event_seq').execute(),
    // Size without the bytes: a list never loads the PDFs.
    db.selectFrom('case_documents').select(['id', 'kind', 'number', 'sha256', 'created_at', 'created_by', (eb) => eb.fn('length', ['bytes']).as('size')])
      .where('case_id', '=', id).orderBy('id').execute(),
    db.selectFrom('enforcement_matters').select('body').where('code', '=', row.matter_code).where('version', '=', row.matter_version).executeTakeFirst(),
    db.selectFrom('enforcement_matters').select((eb) => eb.fn.max('version').as('v')).where('code', '=', row.matter_code).executeTakeFirst(),
    waiverBy === undefined ? undefined : db.selectFrom('users').select('display_name').where('id', '=', Number(waiverBy)).executeTakeFirst(),
  ]);
  const [staff, names, service] = await Promise.all([
    caseStaff(db, row.region_code),
    userNames(db, [...record.duties.map((d) => d.by), ...record.documents.map((d) => d.by)]),
    serviceOf(db, id),
  ]);
  const duties = dutyRecord(record);
  const actions = actionChecks(record, domainActor(caller), now, DEFAULT_CASE_OPTIONS);
  // A record entry and its PDF were made by one act, at one instant: matched on the kind and that instant.
  const unmatched = [...docs];
  const recordDocuments = record.documents.map((d) => {
    const i = unmatched.findIndex((x) => x.kind === d.kind && Number(x.created_at) === d.at);
    const pdf = i < 0 ? undefined : unmatched.splice(i, 1)[0];
    const note = duties.find((x) => x.document === d.kind && x.at === d.at)?.note ?? null;
    return {
      kind: d.kind, at: d.at, by: d.by, byName: names.get(d.by) ?? null, documentId: pdf === undefined ? null : Number(pdf.id), template: Object.hasOwn(CASE_DOCUMENTS, d.kind), note,
    };
  });
  const name = pinned === undefined ? { zh: row.matter_code, en: row.matter_code } : (JSON.parse(pinned.body) as EnforcementMatter).name;
  const fineViews: FineView[] = fines.map((f) => ({
    seq: Number(f.event_seq), amount: Number(f.amount), explanation: JSON.parse(f.explanation) as FineExplanation, gates: JSON.parse(f.gates) as GateOutcome,
    matter: { code: f.matter_code, version: Number(f.matter_version) }, table: f.table_id === null ? null : { id: f.table_id, version: Number(f.table_version) }, createdAt: Number(f.created_at),
  }));
  // The flags with their evidence and articles, as computed when each flag_criminal was recorded.
  const flags = events.filter((e) => e.action === 'flag_criminal').flatMap((e) => (JSON.parse(e.input) as { flags?: CriminalFlag[] }).flags ?? []);
  return {
    ...summaryOf(row, enterprise.name, now),
    record, details: detailsOf(row), duties: duties.map((d) => ({ ...d, byName: names.get(d.by) ?? null })),
    events: events.map((e) => ({ seq: Number(e.seq), action: e.action, actorId: Number(e.actor_id), actorRole: e.actor_role, at: Number(e.at), input: JSON.parse(e.input) as unknown, duty: JSON.parse(e.duty) as unknown })),
    availableActions: actions.filter((a) => a.ok).map((a) => a.action),
    actions,
    staff,
    recordDocuments,
    fine: fineViews.at(-1) ?? null,
    fines: fineViews,
    documents: docs.map((d) => ({ id: Number(d.id), kind: d.kind, number: d.number, sha256: d.sha256, size: Number(d.size), createdAt: Number(d.created_at), createdBy: Number(d.created_by), service: service.get(Number(d.id)) ?? null })),
    criminalFlags: flags,
    matter: { name, latestVersion: Number(latest?.v ?? row.matter_version) },
    waiver: record.waiver ? { ...record.waiver, byName: decider?.display_name ?? null } : null,
  };
}

export async function caseDocument(db: Kysely<Schema>, caseId: number, docId: number): Promise<{ kind: string; number: string | null; bytes: Buffer; sha256: string } | undefined> {
  const d = await db.selectFrom('case_documents').select(['kind', 'number', 'bytes', 'sha256']).where('case_id', '=', caseId).where('id', '=', docId).executeTakeFirst();
  return d && { kind: d.kind, number: d.number, bytes: Buffer.from(d.bytes), sha256: d.sha256 };
}
