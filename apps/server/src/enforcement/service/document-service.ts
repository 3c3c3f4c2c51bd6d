// Electronic service (电子送达, issue 14 item 11): the documents a case issues to the party are served on the
// enterprise's login when they are stored — as service while the enterprise's signed consent is in force
// (consent.ts, APL art. 61 ¶2), as a copy otherwise (applyAction's transaction, enforcement/cases/cases.ts), the enterprise lists and
// downloads them, and the first opening is recorded with who opened it, in the same transaction as the
// download's audit row (every download is audited). Staff see the service status beside each document of the
// case, so the bureau can prove service.
//
// Which kinds are served: the documents the procedure addresses to the party — the order to correct
// (责令改正违法行为决定书), the advance notice (事先告知书, the case machine's "advance_notice served"), the
// hearing notice, and the decisions (处罚决定书, 不予行政处罚决定书). Internal forms (立案审批表, 法制审核意见,
// 集体讨论记录, 结案审批表, the transfer papers, …) and the bureau's own proof (送达回证, 缴款凭证) never are.
import type { Kysely, Transaction } from 'kysely';
import type { DocumentKind } from '@ecoenforce/domain';
import type { DocumentService, ServedDocument, ServedDocumentList } from '@ecoenforce/contract';
import type { Schema } from '../../platform/db/schema.ts';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import { userNames } from '../../accounts/index.ts';
import { page } from '../../access/index.ts';
import { serviceModeAt } from './consent.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** The party-facing kinds with the title the party reads (the migration 20261207T1940 back-fills the same list). */
export const SERVED_KINDS: Readonly<Partial<Record<DocumentKind, string>>> = {
  order_to_correct: '责令改正违法行为决定书',
  advance_notice: '行政处罚事先告知书',
  hearing_notice: '听证通知书',
  penalty_decision: '行政处罚决定书',
  no_penalty_decision: '不予行政处罚决定书',
};

export const isServedKind = (kind: string): boolean => Object.hasOwn(SERVED_KINDS, kind);
const servedKinds = (): string[] => Object.keys(SERVED_KINDS);

/**
 * Serves a stored case document on the case's enterprise, when its kind is party-facing: called in the
 * transaction that stores the document, so a served document never exists without its service row.
 */
export async function serveOnParty(trx: Db, doc: { documentId: number; kind: string; caseId: number; enterpriseId: number; at: number }): Promise<void> {
  if (!isServedKind(doc.kind)) return;
  // Service only with the party's signed consent (APL art. 61 ¶2); otherwise its login gets a copy.
  const mode = await serviceModeAt(trx, doc.enterpriseId, doc.at);
  await trx.insertInto('document_service').values({
    document_id: doc.documentId, case_id: doc.caseId, enterprise_id: doc.enterpriseId, served_at: doc.at, first_opened_at: null, opened_by: null, mode,
  }).execute();
}

/** The documents served on one enterprise, newest first (keyset paging on the service row), without their bytes. */
export async function servedDocuments(db: Kysely<Schema>, enterpriseId: number, paging: { limit: number; before?: number }): Promise<ServedDocumentList> {
  const base = db.selectFrom('document_service as s')
    .innerJoin('case_documents as d', 'd.id', 's.document_id')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .where('s.enterprise_id', '=', enterpriseId)
    .where('d.kind', 'in', servedKinds());
  let q = base.select(['s.id as service_id', 'd.id', 'd.kind', 'd.number', 'd.sha256', 'd.created_at', 'c.id as case_id', 'c.number as case_number', 's.served_at', 's.first_opened_at', 's.opened_by', 's.mode', (eb) => eb.fn('length', ['d.bytes']).as('size')]);
  if (paging.before !== undefined) q = q.where('s.id', '<', paging.before);
  const rows = await q.orderBy('s.id', 'desc').limit(paging.limit + 1).execute();
  const { count } = await base.select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
  const { items, nextCursor } = page(rows, paging.limit, (r) => Number(r.service_id));
  const names = await userNames(db, items.flatMap((r) => (r.opened_by === null ? [] : [String(r.opened_by)])));
  return {
    items: items.map((r): ServedDocument => ({
      id: Number(r.id), kind: r.kind, title: SERVED_KINDS[r.kind as DocumentKind] ?? r.kind, number: r.number, caseId: Number(r.case_id), caseNumber: r.case_number,
      issuedAt: Number(r.created_at), mode: r.mode, servedAt: Number(r.served_at), openedAt: r.first_opened_at === null ? null : Number(r.first_opened_at),
      openedByName: r.opened_by === null ? null : (names.get(String(r.opened_by)) ?? null), sha256: r.sha256, size: Number(r.size),
    })),
    nextCursor,
    total: Number(count),
  };
}

export interface Opener {
  userId: number;
  actor: AuditActor;
  ip: string | null;
  at: number;
}

/**
 * One served document of the enterprise for download, or undefined when it is not one (another enterprise's,
 * an internal form, a missing id: the caller cannot tell them apart). In one transaction: the first opening
 * is recorded when none is (a later download keeps the first), and the download is audited.
 */
export async function openServedDocument(db: Kysely<Schema>, enterpriseId: number, documentId: number, by: Opener): Promise<{ kind: string; title: string; number: string | null; caseId: number; bytes: Buffer; sha256: string } | undefined> {
  return db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom('document_service as s').innerJoin('case_documents as d', 'd.id', 's.document_id')
      .select(['d.id', 'd.kind', 'd.number', 'd.bytes', 'd.sha256', 's.case_id', 's.first_opened_at'])
      .where('s.document_id', '=', documentId).where('s.enterprise_id', '=', enterpriseId).where('d.kind', 'in', servedKinds())
      .executeTakeFirst();
    if (d === undefined) return undefined;
    const first = d.first_opened_at === null;
    if (first) {
      // Guarded on null: two first downloads at once record one opening.
      await trx.updateTable('document_service').set({ first_opened_at: by.at, opened_by: by.userId })
        .where('document_id', '=', documentId).where('first_opened_at', 'is', null).execute();
    }
    await recordAudit(trx, {
      actor: by.actor, action: 'download', entity: 'case_document', entityId: documentId, ip: by.ip, at: by.at,
      after: { caseId: Number(d.case_id), kind: d.kind, number: d.number, sha256: d.sha256, firstOpening: first },
    });
    return { kind: d.kind, title: SERVED_KINDS[d.kind as DocumentKind] ?? d.kind, number: d.number, caseId: Number(d.case_id), bytes: Buffer.from(d.bytes), sha256: d.sha256 };
  });
}

/** The service of the given documents of one case, by document id, with the opener's name. */
export async function serviceOf(db: Kysely<Schema>, caseId: number): Promise<Map<number, DocumentService>> {
  const rows = await db.selectFrom('document_service').select(['document_id', 'served_at', 'first_opened_at', 'opened_by', 'mode']).where('case_id', '=', caseId).execute();
  const names = await userNames(db, rows.flatMap((r) => (r.opened_by === null ? [] : [String(r.opened_by)])));
  return new Map(rows.map((r) => [Number(r.document_id), {
    mode: r.mode, servedAt: Number(r.served_at), openedAt: r.first_opened_at === null ? null : Number(r.first_opened_at),
    openedBy: r.opened_by === null ? null : Number(r.opened_by), openedByName: r.opened_by === null ? null : (names.get(String(r.opened_by)) ?? null),
  }]));
}
