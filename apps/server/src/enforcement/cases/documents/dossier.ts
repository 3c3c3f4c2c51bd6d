// 行政处罚案卷 (卷宗): the cover (案卷封面), the table of contents (卷内目录, pdfmake's toc with the page of each
// document), the evidence list (证据目录), then every document of the case, each starting on a new page.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { PdfRequest } from '../../../platform/pdf/frames.ts';
import { CASE_STYLES, cnDate } from './case-layout.ts';

export const DOSSIER_TITLE = '行政处罚案卷';

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
  /** In the order filed: each with its date and number; `content` null for an act recorded without a document. */
  documents: Array<{ title: string; number: string | null; on: string; content: Content[] | null }>;
  evidence: Array<{ name: string; detail: string }>;
}

const label = (text: string): TableCell => ({ text, style: 'label', alignment: 'center' });
const day = (d: string | null): string => (d === null ? '—' : cnDate(d));

export function dossierDocument(d: DossierInput): PdfRequest {
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
          [label('立卷日期'), day(d.compiledOn)], [label('卷内文件'), `文书${d.documents.filter((x) => x.content !== null).length}件，证据${d.evidence.length}项`],
        ],
      },
    },
  ];
  const recordedOnly = d.documents.filter((x) => x.content === null);
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
  let n = 0;
  const documents = d.documents.filter((x) => x.content !== null).flatMap((x): Content[] => [
    { text: `卷内第${++n}件  ${x.title}${x.number ? `  ${x.number}` : ''}  ${cnDate(x.on)}`, tocItem: true, fontSize: 8, color: '#777777', pageBreak: 'before', margin: [0, 0, 0, 6] },
    ...x.content!,
  ]);
  return {
    footer: 'page-dash',
    doc: {
      pageSize: 'A4', pageMargins: [56, 56, 56, 56],
      info: { title: `${DOSSIER_TITLE}（${d.caseNumber}）`, author: d.bureau, subject: d.cause },
      content: [
        ...cover,
        { toc: { title: { text: '卷内目录', style: 'title' }, numberStyle: { bold: true } }, pageBreak: 'before' },
        ...evidence,
        ...documents,
      ],
      styles: CASE_STYLES,
    },
  };
}
