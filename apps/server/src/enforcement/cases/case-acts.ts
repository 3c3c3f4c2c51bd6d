// The acts after the investigation as their documents state them (法制审核意见书, 送达回证, 缴款凭证, 结案审批表):
// who acted and when, from the duty entry the act just made, and what it recorded (opinion, payment, outcome).
import type { Kysely } from 'kysely';
import { beijingDate, type CaseRecord, type DocumentKind } from '@ecoenforce/domain';
import type { Schema } from '../../platform/db/schema.ts';
import type { CaseDocumentInput } from './documents/documents.ts';
import { cnDate } from './documents/case-layout.ts';
import { consentInForceAt } from '../service/consent.ts';

/** 2026年12月7日 (Beijing). */
const cnDay = (ms: number): string => cnDate(beijingDate(ms));
/** 2026年12月7日9时05分 (Beijing). */
function beijingMinute(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  return `${cnDay(ms)}${d.getUTCHours()}时${String(d.getUTCMinutes()).padStart(2, '0')}分`;
}

type Acts = Pick<CaseDocumentInput, 'review' | 'service' | 'payment' | 'closing'>;

const nameOf = async (db: Kysely<Schema>, id: string | undefined): Promise<string> => {
  const u = id === undefined ? undefined : await db.selectFrom('users').select('display_name').where('id', '=', Number(id)).executeTakeFirst();
  return u?.display_name ?? '（未登记）';
};

const yuanText = (n: number): string => `${Math.round(n).toLocaleString('en-US')}元`;

/** How the case ended, in the closing form's words. */
function resultOf(record: CaseRecord, numbers: CaseDocumentInput['numbers'], amount: number): { result: string; execution: string } {
  const paid = record.paidAt === null ? null : `当事人已于${cnDate(beijingDate(record.paidAt))}缴纳罚款${yuanText(record.paidAmount ?? amount)}`;
  switch (record.outcome) {
    case 'penalty': return { result: `作出${numbers.decision}行政处罚决定，罚款${yuanText(amount)}`, execution: paid ?? (record.executedAt === null ? '尚未执行完毕' : `已于${cnDate(beijingDate(record.executedAt))}申请人民法院强制执行`) };
    case 'no_penalty': case 'waived': return { result: `作出${numbers.noPenalty ?? numbers.decision}不予行政处罚决定`, execution: '无需执行' };
    case 'transferred': return { result: '涉嫌犯罪，已移送公安机关', execution: '已移送' };
    case 'terminated': return { result: '终止调查', execution: '无需执行' };
    case null: return { result: paid === null ? '已作出处理决定' : `作出${numbers.decision}行政处罚决定`, execution: paid ?? '已执行完毕' };
  }
}

/** The fields of the act's own document; empty for the other kinds. */
export async function actsOf(
  db: Kysely<Schema>, kind: DocumentKind, record: CaseRecord, at: number, c: { caseId: number; numbers: CaseDocumentInput['numbers']; place: string; amount: number },
): Promise<Acts> {
  const last = record.duties.findLast((d) => d.document === kind);
  const on = beijingDate(last?.at ?? at);
  if (kind === 'legal_review_opinion') {
    const back = last?.action === 'return_for_investigation';
    const opinion = back ? last?.note : record.legalReview?.opinion ?? last?.note;
    return { review: { reviewer: await nameOf(db, last?.by ?? record.legalReview?.by), reviewedOn: on, conclusion: back ? 'return' : 'approve', ...(opinion ? { opinion } : {}) } };
  }
  if (kind === 'service_receipt') {
    const penalty = record.documents.some((d) => d.kind === 'penalty_decision');
    const document = penalty ? '行政处罚决定书' : '不予行政处罚决定书';
    const number = penalty ? c.numbers.decision : c.numbers.noPenalty ?? c.numbers.decision;
    // Served on the party's login under its signed consent (APL art. 61 ¶2): the receipt says so, with the
    // consent and the first opening; otherwise the officer served it in person.
    const online = await db.selectFrom('document_service as s').innerJoin('case_documents as d', 'd.id', 's.document_id')
      .select(['s.mode', 's.served_at', 's.first_opened_at', 's.enterprise_id'])
      .where('s.case_id', '=', c.caseId).where('d.kind', '=', penalty ? 'penalty_decision' : 'no_penalty_decision')
      .orderBy('s.id', 'desc').limit(1).executeTakeFirst();
    if (online?.mode === 'electronic') {
      const consent = await consentInForceAt(db, Number(online.enterprise_id), Number(online.served_at));
      const opened = online.first_opened_at === null ? '截至本回证制作时受送达人尚未查阅' : `受送达人于${beijingMinute(Number(online.first_opened_at))}首次查阅`;
      const by = consent === undefined ? '' : `依受送达人${consent.signerTitle}${consent.signerName}于${cnDay(consent.signedAt)}签署的电子送达确认书，`;
      return {
        service: {
          document, number, servedOn: beijingDate(Number(online.served_at)), method: '电子送达', place: '受送达人在本平台的电子送达账户',
          note: `${by}本文书于${beijingMinute(Number(online.served_at))}送达受送达人电子送达账户，送达日期以送达之日为准（《中华人民共和国行政处罚法》第六十一条第二款）；${opened}。`,
        },
      };
    }
    return { service: { document, number, servedOn: beijingDate(record.servedAt ?? at), method: '直接送达', place: c.place } };
  }
  if (kind === 'payment_receipt') {
    return { payment: { amount: record.paidAmount ?? c.amount, paidOn: beijingDate(record.paidAt ?? at), confirmedBy: await nameOf(db, last?.by) } };
  }
  if (kind === 'closing_report') {
    const terminated = last?.action === 'terminate';
    return { closing: { closedOn: beijingDate(record.closedAt ?? at), ...resultOf(record, c.numbers, c.amount), ...(terminated && last?.note ? { reason: last.note } : {}) } };
  }
  return {};
}
