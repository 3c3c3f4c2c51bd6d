// 结案审批表: the form on which the officers report how a case ended (decision, execution or termination) and
// the heads approve closing it; the approval rows are left blank for hand signatures.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { articles, caseDocument, clause, cnDate, masthead } from './case-layout.ts';
import type { CaseDocumentInput } from './case-input.ts';
import type { PdfRequest } from '../../../platform/pdf/frames.ts';

export const CLOSING_REPORT_TITLE = '结案审批表';

const label = (text: string, rowSpan?: number): TableCell => ({ text, style: 'label', alignment: 'center', ...(rowSpan ? { rowSpan } : {}) });
const wide = (text: string): TableCell => ({ text, colSpan: 3 });
const sign = (): TableCell => ({
  colSpan: 3,
  stack: [{ text: '', minHeight: 30 } as Content, { text: '签名：                    日期：        年    月    日', alignment: 'right', margin: [0, 12, 0, 0] }],
});

export function closingReport(c: CaseDocumentInput): PdfRequest {
  const k = c.closing ?? { closedOn: c.decision.issuedOn, result: '已作出处理决定', execution: '已执行完毕' };
  const officers = c.officers.map((o) => `${o.name}（执法证号：${o.certificate}）`).join('、');
  const body: TableCell[][] = [
    [label('案件编号'), wide(c.caseNumber), {}, {}],
    [label('案由'), wide(c.cause), {}, {}],
    [label('当事人'), wide(`${c.party.name}（统一社会信用代码：${c.party.uscc}）`), {}, {}],
    [label('立案日期'), { text: cnDate(c.filedOn) }, label('结案日期'), { text: cnDate(k.closedOn) }],
    [label('违法事实'), wide(c.facts), {}, {}],
    [label('法律依据'), wide(`违反${articles(c.legalBasis)}的规定，依据${articles(c.penaltyBasis)}处理。`), {}, {}],
    [label('处理结果'), wide(`${clause(k.result)}。`), {}, {}],
    [label('执行情况'), wide(`${clause(k.execution)}。`), {}, {}],
    ...(k.reason ? [[label('终止理由'), wide(`${clause(k.reason)}。`), {}, {}]] : []),
    [label('承办人'), wide(officers), {}, {}],
    [label('承办人意见'), wide('本案已处理完毕，符合结案条件，建议结案。'), {}, {}],
    [label('承办机构负责人意见'), sign(), {}, {}],
    [label('负责人审批意见'), sign(), {}, {}],
  ];
  return caseDocument(CLOSING_REPORT_TITLE, c, [
    ...masthead(c.bureau.name, CLOSING_REPORT_TITLE, null),
    { style: 'table', table: { widths: [100, '*', 70, 110], body }, layout: 'form' },
  ]);
}
