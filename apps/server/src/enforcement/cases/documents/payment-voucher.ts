// 缴款凭证: the bureau's record that the party paid the fine of a decision in full — the decision, the amount in
// figures and in capitals, the day it was paid and who confirmed it [APL 67, 69].
import type { TableCell } from 'pdfmake/interfaces.js';
import { amountBothForms } from '../../../platform/pdf/cn-amount.ts';
import { caseDocument, cnDate, masthead, para, signature } from './case-layout.ts';
import type { CaseDocumentInput } from './case-input.ts';
import type { PdfRequest } from '../../../platform/pdf/frames.ts';

export const PAYMENT_VOUCHER_TITLE = '罚没款缴款凭证';

const label = (text: string): TableCell => ({ text, style: 'label', alignment: 'center' });
const wide = (text: string): TableCell => ({ text, colSpan: 3 });

export function paymentVoucher(c: CaseDocumentInput): PdfRequest {
  const p = c.payment ?? { amount: c.amount, paidOn: c.decision.paymentDeadline, confirmedBy: c.officers[0]!.name };
  const body: TableCell[][] = [
    [label('案件编号'), { text: c.caseNumber }, label('处罚决定书文号'), { text: c.numbers.decision }],
    [label('缴款人'), wide(`${c.party.name}（统一社会信用代码：${c.party.uscc}）`), {}, {}],
    [label('决定罚款金额'), wide(amountBothForms(c.amount)), {}, {}],
    [label('实缴金额'), wide(amountBothForms(p.amount)), {}, {}],
    [label('缴款日期'), { text: cnDate(p.paidOn) }, label('缴款期限'), { text: cnDate(c.decision.paymentDeadline) }],
    [label('缴款方式'), wide(c.decision.payment), {}, {}],
    [label('确认人'), wide(p.confirmedBy), {}, {}],
  ];
  return caseDocument(PAYMENT_VOUCHER_TITLE, c, [
    ...masthead(c.bureau.name, PAYMENT_VOUCHER_TITLE, null),
    { style: 'table', table: { widths: [90, '*', 90, 110], body }, layout: 'form' },
    para(`经核实，${c.party.name}已按照${c.numbers.decision}行政处罚决定书缴纳罚款。本凭证与银行出具的缴款回单一并归入案卷。`),
    signature(c.bureau.name, p.paidOn),
  ]);
}
