// 行政处罚案卷 (卷宗): the parts pdfmake renders. The front (案卷封面, 卷内目录, 证据目录) is followed by one blank
// placeholder page for every page of the stored documents that case-dossier.ts puts in their place; the
// contents table gives each document the page of its first placeholder (pdfmake's pageReference), so the
// page numbers are those of the merged file. The stamps sheet carries the file's page number 第 N 页 for each
// page, cut out and laid over the top right corner of every page of the merged file.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { PdfRequest } from '../../../platform/pdf/frames.ts';
import { CASE_STYLES, cnDate } from './case-layout.ts';

export const DOSSIER_TITLE = '行政处罚案卷';
export const NOT_ISSUED = '未生成';

export interface DossierInput {
  bureau: string;
  caseNumber: string;
  party: string;
  cause: string;
  matter: string;
  result: string;
  officers: string;
  discoveredOn: string;
  filedOn: string | null;
  closedOn: string | null;
  compiledOn: string;
  /**
   * In the order filed: each with its date and number and the page count of its PDF in the file; `pages` null
   * for a document with no stored PDF (listed as 未生成), `recordedOnly` for an act recorded without a document.
   */
  documents: Array<{ title: string; number: string | null; on: string; pages: number | null; recordedOnly?: boolean }>;
  evidence: Array<{ name: string; detail: string }>;
}

const label = (text: string): TableCell => ({ text, style: 'label', alignment: 'center' });
const day = (d: string | null): string => (d === null ? '—' : cnDate(d));
const anchor = (i: number): string => `dossier-document-${i}`;

/** The front of the file and, after it, the placeholders of the stored documents' pages. */
export function dossierDocument(d: DossierInput): PdfRequest {
  const filed = d.documents.filter((x) => x.pages !== null);
  const cover: Content[] = [
    { text: d.bureau, style: 'bureau', margin: [0, 60, 0, 30] },
    { text: DOSSIER_TITLE, fontSize: 30, bold: true, alignment: 'center', characterSpacing: 6, margin: [0, 0, 0, 50] },
    {
      style: 'table', layout: 'form',
      table: {
        widths: [110, '*'],
        body: [
          [label('案件编号'), d.caseNumber], [label('案由'), d.cause], [label('当事人'), d.party], [label('违法事项'), d.matter], [label('处理结果'), d.result],
          [label('承办人'), d.officers], [label('发现日期'), day(d.discoveredOn)], [label('立案日期'), day(d.filedOn)], [label('结案日期'), day(d.closedOn)],
          [label('立卷日期'), day(d.compiledOn)], [label('卷内文件'), `文书${filed.length}件，证据${d.evidence.length}项`],
        ],
      },
    },
  ];
  let n = 0;
  const rows = d.documents.filter((x) => x.recordedOnly !== true).map((x, i): TableCell[] => [
    `卷内第${++n}件`, x.title, x.number ?? '—', cnDate(x.on),
    x.pages === null ? { text: NOT_ISSUED, alignment: 'center', color: '#777777' } : { pageReference: anchor(i), alignment: 'center', bold: true },
  ]);
  const contents: Content[] = [
    { text: '卷内目录', style: 'title', pageBreak: 'before' },
    rows.length === 0
      ? { text: '本案尚无文书。', style: 'body' }
      : { style: 'table', layout: 'grid', table: { headerRows: 1, widths: [56, '*', 120, 80, 36], body: [[label('序号'), label('文书名称'), label('文号'), label('日期'), label('页号')], ...rows] } },
  ];
  const recordedOnly = d.documents.filter((x) => x.recordedOnly === true);
  const evidence: Content[] = [
    { text: '证据目录', style: 'title', margin: [0, 18, 0, 8] },
    d.evidence.length === 0
      ? { text: '本案未登记证据。', style: 'body' }
      : { style: 'table', layout: 'grid', table: { headerRows: 1, widths: [36, 170, '*'], body: [[label('序号'), label('证据名称'), label('说明')], ...d.evidence.map((e, i): TableCell[] => [String(i + 1), e.name, e.detail || '—'])] } },
    ...(recordedOnly.length === 0 ? [] : [
      { text: '另有下列程序事项已登记，未制作文书：', style: 'heading' } as Content,
      { ol: recordedOnly.map((x) => `${x.title}（${cnDate(x.on)}）`), style: 'list' } as Content,
    ]),
  ];
  // One blank page per stored page; the first of each document is the target of its page number above.
  const placeholders = d.documents.filter((x) => x.recordedOnly !== true).flatMap((x, i): Content[] =>
    Array.from({ length: x.pages ?? 0 }, (_, p): Content => ({ text: ' ', pageBreak: 'before', ...(p === 0 ? { id: anchor(i) } : {}) })));
  return {
    doc: {
      pageSize: 'A4', pageMargins: [56, 56, 56, 56],
      info: { title: `${DOSSIER_TITLE}（${d.caseNumber}）`, author: d.bureau, subject: d.cause },
      content: [...cover, ...contents, ...evidence, ...placeholders],
      styles: CASE_STYLES,
    },
  };
}

/** Height of the band at the top of a stamps page that holds the number (points). */
export const STAMP_BAND = 44;

/** One A4 page per page of the file, each with 第 N 页 at the top right, inside the top STAMP_BAND points. */
export function dossierStamps(pages: number): PdfRequest {
  return {
    doc: {
      pageSize: 'A4', pageMargins: [56, 20, 42, 20],
      content: Array.from({ length: pages }, (_, i): Content => ({ text: `第 ${i + 1} 页`, alignment: 'right', fontSize: 10, ...(i === 0 ? {} : { pageBreak: 'before' }) })),
    },
  };
}
