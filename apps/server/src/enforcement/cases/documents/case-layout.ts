// The parts the four case documents share: the issuing bureau over a red rule, the title and document
// number, the party block, the cited articles, the signature block with a place for the seal, and styles.
// Plain data only (platform/pdf/frames.ts): these definitions cross to a render worker.
import type { Content, StyleDictionary } from 'pdfmake/interfaces.js';
import type { CaseDocumentInput, LegalArticle } from './case-input.ts';
import type { PdfRequest } from '../../../platform/pdf/frames.ts';

const RED = '#C00000';
/** Width of the text block of an A4 page with 56 pt margins. */
const TEXT_WIDTH = 483;

/** 2026-03-05 → 2026年3月5日 (GB/T 9704-2012 writes dates in Arabic numerals). */
export function cnDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** 《大气法》第九十九条第二项、《…》第…条. */
export function articles(list: readonly LegalArticle[]): string {
  return list.map((a) => `${a.law}${a.article}`).join('、');
}

/** The article texts the document recites, one paragraph each, when the case supplied them. */
export function recitals(list: readonly LegalArticle[]): Content[] {
  return list.filter((a) => a.content !== undefined && a.content !== '').map((a) => para(`${a.law}${a.article}规定：“${a.content}”`));
}

/** Free text placed inside a sentence: its own closing punctuation goes (no "排放。，并于"), the sentence supplies it. */
export function clause(text: string): string {
  return text.trim().replace(/[。．.；;，,：:、\s]+$/u, '');
}

/** Free text that ends a sentence of the template: exactly one full stop after it. */
export function sentence(text: string): string {
  return `${clause(text)}。`;
}

export function para(text: string): Content {
  return { text, style: 'body' };
}

export function heading(text: string): Content {
  return { text, style: 'heading' };
}

/** Bureau name in red, the red rule, the title, and the document number at the right. */
export function masthead(bureau: string, title: string, number: string | null): Content[] {
  return [
    { text: bureau, style: 'bureau' },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: TEXT_WIDTH, y2: 0, lineWidth: 2, lineColor: RED }], margin: [0, 4, 0, 14] },
    { text: title, style: 'title' },
    ...(number === null ? [] : [{ text: number, style: 'number' } satisfies Content]),
  ];
}

/** 当事人 block of a decision or notice. */
export function partyBlock(c: CaseDocumentInput): Content {
  return {
    style: 'party',
    stack: [
      `当事人：${c.party.name}`,
      `统一社会信用代码：${c.party.uscc}`,
      `法定代表人：${c.party.legalRepresentative}`,
      `地址：${c.party.address}`,
    ],
  };
}

/** "以上事实，有下列证据为证：" and the numbered evidence. */
export function evidenceList(c: CaseDocumentInput): Content[] {
  return [
    para('以上事实，有下列证据为证：'),
    { ol: c.evidence.map((e) => (e.detail ? `${clause(e.name)}（${clause(e.detail)}）` : clause(e.name))), style: 'list' },
  ];
}

/**
 * The time limits a penalty decision (issue 5 §5) states for its remedies: reconsideration within
 * 60 days of receipt (行政复议法 2023 art. 20), a suit within 6 months (行政诉讼法 art. 46). Neither law is in
 * rules.md's source key yet; the articles are cited from the statutes.
 */
export const RECONSIDERATION_DAYS = 60;
export const LITIGATION_MONTHS = 6;
const CN_SMALL = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
/** 60 → 六十, 6 → 六 (small numbers in running text). */
function cnSmall(n: number): string {
  if (n < 10) return CN_SMALL[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : CN_SMALL[tens]!}十${n % 10 === 0 ? '' : CN_SMALL[n % 10]!}`;
}

/** The party's remedies against a decision or order, with their time limits. */
export function remedies(c: CaseDocumentInput): string {
  return (
    `你单位如不服本决定，可以自收到本决定书之日起${cnSmall(RECONSIDERATION_DAYS)}日内向${c.decision.reconsiderationBody}申请行政复议，` +
    `也可以自收到本决定书之日起${cnSmall(LITIGATION_MONTHS)}个月内向${c.decision.court}提起行政诉讼。申请行政复议或者提起行政诉讼的，不停止本决定的执行，法律另有规定的除外。`
  );
}

/** The bureau and the date at the right, with a red circle where the seal goes. */
export function signature(bureau: string, isoDate: string): Content {
  return {
    margin: [0, 28, 0, 0],
    columns: [
      { width: '*', text: '' },
      {
        width: 190,
        stack: [
          { canvas: [{ type: 'ellipse', x: 95, y: 44, r1: 44, r2: 44, lineColor: RED, lineWidth: 1, dash: { length: 3 } }] },
          { text: '（印章）', color: RED, alignment: 'center', fontSize: 10, margin: [0, -52, 0, 22] },
          { text: bureau, alignment: 'center' },
          { text: cnDate(isoDate), alignment: 'center', margin: [0, 4, 0, 0] },
        ],
      },
    ],
  };
}

export const CASE_STYLES: StyleDictionary = {
  bureau: { fontSize: 22, bold: true, color: RED, alignment: 'center', characterSpacing: 2 },
  title: { fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 8], characterSpacing: 1 },
  number: { fontSize: 11, alignment: 'right', margin: [0, 0, 0, 14] },
  party: { fontSize: 12, lineHeight: 1.5, margin: [0, 0, 0, 8] },
  heading: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] },
  body: { fontSize: 12, leadingIndent: 24, lineHeight: 1.5, alignment: 'justify', margin: [0, 0, 0, 4] },
  list: { fontSize: 12, lineHeight: 1.4, margin: [24, 0, 0, 6] },
  table: { fontSize: 10.5 },
  label: { bold: true, fillColor: '#F2F2F2' },
};

/** An A4 case document with its metadata, page numbers "第 n 页 共 m 页" and the shared styles. */
export function caseDocument(title: string, c: CaseDocumentInput, content: Content[]): PdfRequest {
  return {
    footer: 'page-of-total',
    doc: {
      pageSize: 'A4',
      pageMargins: [56, 56, 56, 56],
      info: { title: `${title}（${c.party.name}）`, author: c.bureau.name, subject: c.cause },
      content,
      styles: CASE_STYLES,
    },
  };
}
