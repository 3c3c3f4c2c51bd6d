// 法制审核意见书: the legal reviewer's written opinion before the decision [APL 58] — what was reviewed (authority,
// facts, evidence, basis, procedure, discretion), the reviewer's opinion, and whether the case goes on or back.
import { amountBothForms } from '../../../platform/pdf/cn-amount.ts';
import { articles, caseDocument, cnDate, heading, masthead, para, sentence, signature } from './case-layout.ts';
import type { CaseDocumentInput } from './case-input.ts';
import type { PdfRequest } from '../../../platform/pdf/frames.ts';

export const LEGAL_REVIEW_OPINION_TITLE = '法制审核意见书';

export function legalReviewOpinion(c: CaseDocumentInput): PdfRequest {
  const r = c.review ?? { reviewer: '法制审核人员', reviewedOn: c.decision.issuedOn, conclusion: 'approve' as const };
  const opinion = r.opinion?.trim() ? sentence(r.opinion) : r.conclusion === 'approve' ? '经审核，本案事实清楚，证据确实充分，适用依据正确，程序合法，裁量适当。' : '经审核，本案需补充调查。';
  return caseDocument(LEGAL_REVIEW_OPINION_TITLE, c, [
    ...masthead(c.bureau.name, LEGAL_REVIEW_OPINION_TITLE, null),
    para(`案件编号：${c.caseNumber}`),
    para(`当事人：${c.party.name}（统一社会信用代码：${c.party.uscc}）`),
    para(`案由：${c.cause}`),
    heading('一、审核内容'),
    para(`执法主体：${c.bureau.name}；承办人：${c.officers.map((o) => `${o.name}（执法证号：${o.certificate}）`).join('、')}。`),
    para(`认定的违法事实：${sentence(c.facts)}`),
    para(`适用依据：违反${articles(c.legalBasis)}的规定，依据${articles(c.penaltyBasis)}处罚。`),
    para(`裁量：按照${c.discretion.benchmark}，拟罚款${amountBothForms(c.amount)}。`),
    para(`程序：${cnDate(c.filedOn)}立案，${cnDate(c.notice.issuedOn)}告知当事人拟作出的行政处罚及其陈述、申辩和要求听证的权利。`),
    heading('二、审核意见'),
    para(opinion),
    para(r.conclusion === 'approve' ? '审核结论：同意提交负责人审查决定。' : '审核结论：退回承办机构补充调查。'),
    para(`审核人：${r.reviewer}`),
    signature(c.bureau.name, r.reviewedOn),
  ]);
}
