// 立案审批表: the form on which the officers propose to open a case and the heads approve it (issue 5 §5,
// filing within 15 days of discovery [W12]). The approval rows are left blank for hand signatures.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { articles, caseDocument, cnDate, masthead } from './case-layout.ts';
import type { CaseDocumentInput } from './case-input.ts';
import type { PdfRequest } from '../../../platform/pdf/frames.ts';

export const CASE_FILING_TITLE = '立案审批表';

const label = (text: string, rowSpan?: number): TableCell => ({ text, style: 'label', alignment: 'center', ...(rowSpan ? { rowSpan } : {}) });
const sign = (opinion: string): TableCell => ({
  colSpan: 3,
  stack: [{ text: opinion, minHeight: 36 } as Content, { text: '签名：                    日期：        年    月    日', alignment: 'right', margin: [0, 18, 0, 0] }],
});

export function caseFilingForm(c: CaseDocumentInput): PdfRequest {
  const officers = c.officers.map((o) => `${o.name}（执法证号：${o.certificate}）`).join('、');
  const body: TableCell[][] = [
    [label('案件编号'), { text: c.caseNumber, colSpan: 3 }, {}, {}],
    [label('案件来源'), c.source, label('发现日期'), cnDate(c.discoveredOn)],
    [label('案由'), { text: c.cause, colSpan: 3 }, {}, {}],
    [label('当事人', 4), label('名称'), { text: c.party.name, colSpan: 2 }, {}],
    [{}, label('统一社会信用代码'), { text: c.party.uscc, colSpan: 2 }, {}],
    [{}, label('法定代表人'), { text: c.party.legalRepresentative, colSpan: 2 }, {}],
    [{}, label('地址'), { text: c.party.address, colSpan: 2 }, {}],
    [label('简要案情'), { text: c.facts, colSpan: 3 }, {}, {}],
    [label('涉嫌违反的规定'), { text: articles(c.legalBasis), colSpan: 3 }, {}, {}],
    [label('拟处罚依据'), { text: articles(c.penaltyBasis), colSpan: 3 }, {}, {}],
    [label('承办人'), { text: officers, colSpan: 3 }, {}, {}],
    [label('承办人意见'), { colSpan: 3, stack: [`当事人涉嫌违反${articles(c.legalBasis)}的规定，符合立案条件，建议立案调查。`, { text: `${cnDate(c.filedOn)}`, alignment: 'right', margin: [0, 6, 0, 0] }] }, {}, {}],
    [label('承办机构负责人意见'), sign(''), {}, {}],
    [label('法制审核意见'), sign(''), {}, {}],
    [label('负责人审批意见'), sign(''), {}, {}],
  ];
  return caseDocument(CASE_FILING_TITLE, c, [
    ...masthead(c.bureau.name, CASE_FILING_TITLE, null),
    { style: 'table', table: { widths: [100, 92, '*', '*'], body }, layout: 'form' },
  ]);
}
