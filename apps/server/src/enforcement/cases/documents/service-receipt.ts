// 送达回证: the proof that a decision reached the party — the document and its number, the person served, the
// time, place and manner of service, the server's and the recipient's signatures [APL 61; 民事诉讼法 art. 87].
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { caseDocument, cnDate, masthead, para } from './case-layout.ts';
import type { CaseDocumentInput } from './case-input.ts';
import type { PdfRequest } from '../../../platform/pdf/frames.ts';

export const SERVICE_RECEIPT_TITLE = '送达回证';

const label = (text: string): TableCell => ({ text, style: 'label', alignment: 'center' });
const wide = (text: string): TableCell => ({ text, colSpan: 3 });
const signLine = '签名：                    日期：        年    月    日';

export function serviceReceipt(c: CaseDocumentInput): PdfRequest {
  const s: NonNullable<CaseDocumentInput['service']> = c.service ?? { document: '行政处罚决定书', number: c.numbers.decision, servedOn: c.decision.issuedOn, method: '直接送达', place: c.party.address };
  const officers = c.officers.map((o) => `${o.name}（执法证号：${o.certificate}）`).join('、');
  const body: TableCell[][] = [
    [label('案件编号'), wide(c.caseNumber), {}, {}],
    [label('送达文书名称'), { text: s.document }, label('文书编号'), { text: s.number ?? '—' }],
    [label('受送达人'), wide(`${c.party.name}（统一社会信用代码：${c.party.uscc}）`), {}, {}],
    [label('送达地点'), wide(s.place), {}, {}],
    [label('送达方式'), { text: s.method }, label('送达日期'), { text: cnDate(s.servedOn) }],
    [label('送达人'), wide(officers), {}, {}],
    [label('受送达人签收'), { colSpan: 3, stack: [{ text: '', minHeight: 30 } as Content, { text: signLine, alignment: 'right', margin: [0, 12, 0, 0] }] }, {}, {}],
    [label('见证人'), { colSpan: 3, stack: [{ text: '', minHeight: 18 } as Content, { text: signLine, alignment: 'right' }] }, {}, {}],
    [label('备注'), wide(s.note ?? '受送达人拒绝签收的，送达人应当在本回证上注明拒收事由和日期，由送达人、见证人签名，将文书留置于受送达人住所。'), {}, {}],
  ];
  return caseDocument(SERVICE_RECEIPT_TITLE, c, [
    ...masthead(c.bureau.name, SERVICE_RECEIPT_TITLE, null),
    { style: 'table', table: { widths: [90, '*', 70, 110], body }, layout: 'form' },
    para(`本回证由${c.bureau.name}存档备查。`),
  ]);
}
