// 现场检查笔录: the on-site inspection as the bureau files it — officers with their 执法证号, time, place, position,
// each checklist item's verdict, the violations with their enforcement matters, the photos with SHA-256.
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { PdfRequest } from '../../platform/pdf/frames.ts';
import { CASE_STYLES, clause, cnDate, heading, masthead, para } from '../cases/documents/case-layout.ts';

export const INSPECTION_RECORD_TITLE = '现场检查笔录';

export interface InspectionRecordInput {
  bureau: string;
  party: { name: string; uscc: string; address: string; legalRepresentative: string };
  officers: Array<{ name: string; certificate: string }>;
  /** Beijing times as printed: 2026年3月2日 9时05分. */
  started: string;
  finished: string | null;
  /** 纬度 23.1291，经度 113.2644（精度 12 米）, or words when the phone had no position. */
  position: string;
  items: Array<{ group: string; label: string; verdict: string; note: string | null; matter: string | null }>;
  violations: Array<{ label: string; matter: string }>;
  evidence: Array<{ label: string; captured: string; sha256: string; size: number }>;
  record: string | null;
  issuedOn: string;
}

const label = (text: string): TableCell => ({ text, style: 'label', alignment: 'center' });

/** The body of the record, for the PDF of its own and for the case dossier. */
export function inspectionRecordContent(r: InspectionRecordInput): Content[] {
  const officers = r.officers.length === 0 ? '（未登记）' : r.officers.map((o) => `${o.name}（执法证号：${o.certificate}）`).join('、');
  const items: TableCell[][] = [
    [label('序号'), label('检查项目'), label('检查结论'), label('说明')],
    ...r.items.map((i, n): TableCell[] => [String(n + 1), `${i.group}：${i.label}`, i.verdict, [i.note ? clause(i.note) : '', i.matter ? `涉嫌${i.matter}` : ''].filter(Boolean).join('；') || '—']),
  ];
  const photos: TableCell[][] = [
    [label('序号'), label('所属检查项目'), label('拍摄时间'), label('文件校验值（SHA-256）')],
    ...r.evidence.map((e, n): TableCell[] => [String(n + 1), e.label, e.captured, { text: e.sha256, fontSize: 7.5 }]),
  ];
  return [
    ...masthead(r.bureau, INSPECTION_RECORD_TITLE, null),
    para(`检查时间：${r.started}至${r.finished ?? '（检查尚未结束）'}`),
    para(`检查地点：${r.party.address}`),
    para(`定位：${r.position}`),
    para(`被检查单位：${r.party.name}（统一社会信用代码：${r.party.uscc}）；法定代表人：${r.party.legalRepresentative}`),
    para(`检查人员：${officers}`),
    para('检查人员已向被检查单位出示执法证件，表明身份，告知其依法享有陈述、申辩和申请回避的权利，以及配合检查、如实提供情况的义务。'),
    heading('一、检查项目及结论'),
    r.items.length === 0 ? para('未记录检查项目。') : { style: 'table', table: { headerRows: 1, widths: [28, '*', 48, 150], body: items }, layout: 'grid' },
    heading('二、发现的问题'),
    ...(r.violations.length === 0 ? [para('本次检查未发现违法行为。')] : [{ ol: r.violations.map((v) => `${v.label}：涉嫌${v.matter}`), style: 'list' } as Content]),
    heading('三、检查情况记录'),
    para(r.record?.trim() ? `${clause(r.record)}。` : '检查人员未另行记录。'),
    heading('四、现场照片'),
    r.evidence.length === 0 ? para('本次检查未拍摄照片。') : { style: 'table', table: { headerRows: 1, widths: [28, '*', 100, 190], body: photos }, layout: 'grid' },
    para('被检查单位对笔录内容的意见：'),
    { text: '被检查单位签名：                    检查人员签名：                    记录人：', margin: [0, 24, 0, 0] },
    { text: cnDate(r.issuedOn), alignment: 'right', margin: [0, 12, 0, 0] },
  ];
}

export function inspectionRecordDocument(r: InspectionRecordInput): PdfRequest {
  return {
    footer: 'page-of-total',
    doc: {
      pageSize: 'A4', pageMargins: [56, 56, 56, 56],
      info: { title: `${INSPECTION_RECORD_TITLE}（${r.party.name}）`, author: r.bureau, subject: INSPECTION_RECORD_TITLE },
      content: inspectionRecordContent(r), styles: CASE_STYLES,
    },
  };
}
