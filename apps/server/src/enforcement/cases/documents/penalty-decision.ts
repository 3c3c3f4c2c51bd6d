// 行政处罚决定书: the decision with what APL art. 59 requires of it — the party; the facts and evidence; the
// penalty, its legal basis and how the amount was found (the discretion table: factor, level, weight,
// source; the sum and the amount [GD art. 6]); how and by when to pay; the remedies and their time limits;
// the bureau, the date and its seal.
import type { TableCell } from 'pdfmake/interfaces.js';
import { amountBothForms, figureYuan } from '../../../platform/pdf/cn-amount.ts';
import { articles, caseDocument, clause, sentence, cnDate, evidenceList, heading, masthead, para, partyBlock, recitals, remedies, signature } from './case-layout.ts';
import type { CaseDocumentInput } from './case-input.ts';
import type { PdfRequest } from '../../../platform/pdf/frames.ts';

export const PENALTY_DECISION_TITLE = '行政处罚决定书';

/** Σ weights, capped at 100 % [GD art. 6]; shown as the table's total. */
export function weightSum(c: CaseDocumentInput): { sum: number; applied: number } {
  const sum = Math.round(c.discretion.rows.reduce((n, r) => n + r.weight, 0) * 100) / 100;
  return { sum, applied: Math.min(100, sum) };
}

const pct = (n: number): string => `${n}%`;

function discretionTable(c: CaseDocumentInput): TableCell[][] {
  const { sum, applied } = weightSum(c);
  const head = ['序号', '裁量因素', '裁量等级', '权重', '依据'].map((h) => ({ text: h, style: 'label', alignment: 'center' as const }));
  const rows: TableCell[][] = c.discretion.rows.map((r, i) => [
    { text: String(i + 1), alignment: 'center' },
    r.factor,
    r.level,
    { text: pct(r.weight), alignment: 'right' },
    r.article,
  ]);
  const capped = applied < sum ? `（合计${pct(sum)}，按100%计）` : '';
  return [
    head,
    ...rows,
    [{ text: '合计', style: 'label', colSpan: 3, alignment: 'center' }, {}, {}, { text: pct(applied), alignment: 'right', bold: true }, capped],
    [
      { text: '罚款金额', style: 'label', colSpan: 2, alignment: 'center' },
      {},
      {
        colSpan: 3,
        text: `${pct(applied)} × 法定最高罚款额${figureYuan(c.discretion.statutoryMax)}元 = ${figureYuan((applied / 100) * c.discretion.statutoryMax)}元；决定罚款${figureYuan(c.amount)}元`,
      },
      {},
      {},
    ],
  ];
}

export function penaltyDecision(c: CaseDocumentInput): PdfRequest {
  const d = c.decision;
  return caseDocument(PENALTY_DECISION_TITLE, c, [
    ...masthead(c.bureau.name, PENALTY_DECISION_TITLE, c.numbers.decision),
    partyBlock(c),
    para(`我局于${cnDate(c.filedOn)}对你单位${c.cause}立案调查，现已调查终结。`),
    heading('一、违法事实和证据'),
    para(`经查，${sentence(c.facts)}`),
    ...evidenceList(c),
    para(`你单位的上述行为违反了${articles(c.legalBasis)}的规定。`),
    ...recitals(c.legalBasis),
    heading('二、陈述申辩和听证情况'),
    para(
      `我局于${cnDate(c.notice.issuedOn)}向你单位送达了《行政处罚事先告知书》（${c.numbers.notice}），告知你单位拟作出行政处罚的事实、理由、依据及依法享有的陈述、申辩和要求听证的权利。` +
        (d.statementAndReview ? sentence(d.statementAndReview) : '你单位在规定期限内未提出陈述、申辩意见，也未要求听证。'),
    ),
    heading('三、行政处罚的依据、种类和裁量'),
    para(`依据${articles(c.penaltyBasis)}的规定，按照${c.discretion.benchmark}，对你单位的违法行为裁量如下：`),
    ...recitals(c.penaltyBasis),
    { style: 'table', table: { headerRows: 1, widths: [28, 110, '*', 40, 120], body: discretionTable(c) }, layout: 'grid', margin: [0, 4, 0, 8] },
    ...(c.discretion.note ? [para(c.discretion.note)] : []),
    para(`综上，我局决定对你单位处以罚款${amountBothForms(c.amount)}。`),
    heading('四、履行方式和期限'),
    para(
      `你单位应当于${cnDate(d.paymentDeadline)}前将罚款缴至：${clause(d.payment)}。缴款后请将缴款凭证复印件送我局备案。` +
        '到期不缴纳罚款的，我局将依照《中华人民共和国行政处罚法》第七十二条的规定加处罚款，并依法申请人民法院强制执行。',
    ),
    heading('五、申请行政复议或者提起行政诉讼的途径和期限'),
    para(remedies(c)),
    signature(c.bureau.name, d.issuedOn),
  ]);
}
