// The acts after the investigation as their documents state them (法制审核意见书, 送达回证, 缴款凭证, 结案审批表):
// who acted and when, from the duty entry the act just made, and what it recorded (opinion, payment, outcome).
import type { Kysely } from 'kysely';
import { beijingDate, type CaseRecord, type DocumentKind } from '@ecoenforce/domain';
import type { Schema } from '../../platform/db/schema.ts';
import type { CaseDocumentInput } from './documents/documents.ts';
import { cnDate } from './documents/case-layout.ts';

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
  db: Kysely<Schema>, kind: DocumentKind, record: CaseRecord, at: number, c: { numbers: CaseDocumentInput['numbers']; place: string; amount: number },
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
    return {
      service: {
        document: penalty ? '行政处罚决定书' : '不予行政处罚决定书', number: penalty ? c.numbers.decision : c.numbers.noPenalty ?? c.numbers.decision,
        servedOn: beijingDate(record.servedAt ?? at), method: '直接送达', place: c.place,
      },
    };
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
