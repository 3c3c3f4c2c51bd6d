// 行政处罚事先告知书: before deciding, the bureau tells the party the facts, reasons, basis and the penalty
// it intends, and its rights of statement, defence and hearing, each with its last day [APL 44, 45, 63, 64].
import { amountBothForms } from '../../../platform/pdf/cn-amount.ts';
import { articles, caseDocument, sentence, cnDate, evidenceList, masthead, para, signature } from './case-layout.ts';
import type { CaseDocumentInput } from './case-input.ts';
import type { PdfRequest } from '../../../platform/pdf/frames.ts';

export const ADVANCE_NOTICE_TITLE = '行政处罚事先告知书';

export function advanceNotice(c: CaseDocumentInput): PdfRequest {
  const n = c.notice;
  return caseDocument(ADVANCE_NOTICE_TITLE, c, [
    ...masthead(c.bureau.name, ADVANCE_NOTICE_TITLE, c.numbers.notice),
    { text: `${c.party.name}（统一社会信用代码：${c.party.uscc}）：`, style: 'party' },
    para(`我局于${cnDate(c.filedOn)}对你单位${c.cause}立案调查。经查，${sentence(c.facts)}`),
    ...evidenceList(c),
    para(`你单位的上述行为违反了${articles(c.legalBasis)}的规定。依据${articles(c.penaltyBasis)}的规定，按照${c.discretion.benchmark}，我局拟对你单位作出如下行政处罚：罚款${amountBothForms(c.amount)}。`),
    para(
      `根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你单位享有陈述、申辩的权利。如有陈述、申辩意见，请于${cnDate(n.statementDeadline)}前向我局书面提出，或到我局进行陈述、申辩；逾期未提出的，视为放弃陈述、申辩的权利。`,
    ),
    para(
      `根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你单位有要求举行听证的权利。如要求听证，请于${cnDate(n.hearingDeadline)}前向我局提出；逾期未提出的，视为放弃听证的权利。`,
    ),
    para(`联系人：${c.bureau.contact}    联系电话：${c.bureau.phone}`),
    para(`地址：${c.bureau.address}`),
    signature(c.bureau.name, n.issuedOn),
  ]);
}
