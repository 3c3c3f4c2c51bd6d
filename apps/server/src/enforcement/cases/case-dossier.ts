// The printable case file (卷宗, issue 14 §10). The documents are the PDFs as issued: the bytes stored in
// case_documents when each act made its document, copied page for page into the file, so a later change of a
// template or of the record cannot change what the file shows. A document whose act has a template but whose
// PDF was not stored is listed as 未生成; the 现场检查笔录 of the task's inspections, which are not stored, are
// rendered as GET /api/inspections/:uuid/record.pdf serves them. The cover, the table of contents and the
// evidence list are rendered (documents/dossier.ts) after the documents' pages are counted, so each page number
// in the contents is the document's first page in this file; every page then gets the file's number 第 N 页.
import type { Kysely } from 'kysely';
import { PDFDocument, PDFName } from 'pdf-lib';
import { beijingDate, type CaseRecord, type DocumentKind } from '@ecoenforce/domain';
import type { CaseDetails } from '@ecoenforce/contract';
import type { Schema } from '../../platform/db/schema.ts';
import type { PdfRequest } from '../../platform/pdf/frames.ts';
import { regionNames } from './case-documents.ts';
import { CASE_DOCUMENTS } from './documents/documents.ts';
import { DOSSIER_TITLE, dossierDocument, dossierStamps, STAMP_BAND, type DossierInput } from './documents/dossier.ts';
import { inspectionRecordInput, matterNames } from '../inspections/inspection-record.ts';
import { inspectionRecordDocument, INSPECTION_RECORD_TITLE } from '../inspections/record-template.ts';
import { caseRow, type CaseRow } from './cases.ts';

/** Titles of the acts recorded without a template (domain DOCUMENT_KINDS). */
const KIND_ZH: Partial<Record<DocumentKind, string>> = {
  extension_approval: '延期审批表', statement_record: '陈述申辩笔录', hearing_notice: '听证通知书', hearing_record: '听证笔录',
  collective_discussion_record: '集体讨论记录', enforcement_application: '强制执行申请书', transfer_proposal: '移送审批表', transfer_letter: '涉嫌犯罪案件移送书',
  transfer_receipt: '公安机关回执', reconsideration_request: '提请复议书', items_handover_list: '涉案物品移交清单',
};
const RESULT_ZH: Record<string, string> = { penalty: '行政处罚', no_penalty: '不予行政处罚', waived: '首违不罚', transferred: '移送公安机关', terminated: '终止调查' };

/** Renders one document on the PDF worker pool (platform/pdf/renderer.ts). */
export type RenderPdf = (request: PdfRequest) => Promise<Buffer>;

type Entry = DossierInput['documents'][number] & { at: number; pdf: PDFDocument | null };

const titleOf = (kind: string): string =>
  (Object.hasOwn(CASE_DOCUMENTS, kind) ? CASE_DOCUMENTS[kind as keyof typeof CASE_DOCUMENTS].title : undefined) ?? KIND_ZH[kind as DocumentKind] ?? '程序记录';
const load = (bytes: Uint8Array): Promise<PDFDocument> => PDFDocument.load(bytes, { updateMetadata: false });

/** The case file as PDF bytes, or undefined when there is no such case. */
export async function dossierPdf(db: Kysely<Schema>, render: RenderPdf, id: number, now: number): Promise<Uint8Array | undefined> {
  const row: CaseRow | undefined = await caseRow(db, id);
  if (row === undefined) return undefined;
  const record = JSON.parse(row.record) as CaseRecord;
  const details = JSON.parse(row.details) as CaseDetails;
  const [enterprise, names, matters, stored] = await Promise.all([
    db.selectFrom('enterprises').select(['name']).where('id', '=', row.enterprise_id).executeTakeFirstOrThrow(),
    regionNames(db, row.region_code),
    matterNames(db, [row.matter_code]),
    db.selectFrom('case_documents').select(['id', 'kind', 'number', 'created_at', 'bytes']).where('case_id', '=', id).orderBy('id').execute(),
  ]);
  const entries: Entry[] = [];
  const used = new Set<number>();
  const storedEntry = async (s: (typeof stored)[number]): Promise<Entry> => {
    used.add(Number(s.id));
    const pdf = await load(s.bytes);
    return { title: titleOf(s.kind), number: s.number, on: beijingDate(Number(s.created_at)), at: Number(s.created_at), pages: pdf.getPageCount(), pdf };
  };
  for (const d of record.documents) {
    const s = stored.find((x) => !used.has(Number(x.id)) && x.kind === d.kind && Number(x.created_at) === d.at);
    if (s !== undefined) entries.push(await storedEntry(s));
    else entries.push({ title: titleOf(d.kind), number: null, on: beijingDate(d.at), at: d.at, pages: null, pdf: null, recordedOnly: !Object.hasOwn(CASE_DOCUMENTS, d.kind) });
  }
  // A stored document no entry of the record names is still part of the file.
  for (const s of stored) if (!used.has(Number(s.id))) entries.push(await storedEntry(s));
  const evidence: DossierInput['evidence'] = details.evidence.map((e) => ({ name: e.name, detail: e.detail ?? '' }));
  if (row.task_id !== null) {
    const inspections = await db.selectFrom('inspections').select(['uuid', 'started_at']).where('task_id', '=', Number(row.task_id)).where('finished_at', 'is not', null).orderBy('id').execute();
    for (const ins of inspections) {
      const input = await inspectionRecordInput(db, ins.uuid, now);
      if (input === undefined) continue;
      const pdf = await load(await render(inspectionRecordDocument(input)));
      entries.push({ title: INSPECTION_RECORD_TITLE, number: null, on: beijingDate(Number(ins.started_at)), at: Number(ins.started_at), pages: pdf.getPageCount(), pdf });
      for (const p of input.evidence) evidence.push({ name: `现场照片（${p.label}）`, detail: `${p.captured}拍摄，SHA-256：${p.sha256}` });
    }
  }
  entries.sort((a, b) => a.at - b.at);
  const investigators = record.investigators.map(Number).filter(Number.isInteger);
  const users = investigators.length === 0 ? [] : await db.selectFrom('users').select(['id', 'display_name', 'certificate_no']).where('id', 'in', investigators).execute();
  const matter = matters.get(row.matter_code) ?? row.matter_code;
  const front = await load(await render(dossierDocument({
    bureau: names.bureau, caseNumber: row.number, party: enterprise.name, cause: details.cause || `${matter}案`, matter,
    result: record.outcome === null ? '办理中' : RESULT_ZH[record.outcome] ?? '已办结',
    officers: users.length === 0 ? '（尚未指派）' : users.map((u) => `${u.display_name}（执法证号：${u.certificate_no || '未登记'}）`).join('、'),
    discoveredOn: beijingDate(record.discoveredAt), filedOn: record.filedAt === null ? null : beijingDate(record.filedAt), closedOn: record.closedAt === null ? null : beijingDate(record.closedAt),
    compiledOn: beijingDate(now), documents: entries.map(({ title, number, on, pages, recordedOnly }) => ({ title, number, on, pages, ...(recordedOnly ? { recordedOnly } : {}) })), evidence,
  })));
  // The front is what precedes the placeholders of the documents' pages.
  const documentPages = entries.reduce((sum, e) => sum + (e.pages ?? 0), 0);
  const frontPages = front.getPageCount() - documentPages;
  if (frontPages < 1) throw new Error(`dossier of case ${id}: the front rendered ${front.getPageCount()} pages for ${documentPages} document pages`);

  const file = await PDFDocument.create({ updateMetadata: false });
  file.setTitle(`${DOSSIER_TITLE}（${row.number}）`);
  file.setAuthor(names.bureau);
  file.setSubject(details.cause || `${matter}案`);
  file.setCreationDate(new Date(now));
  for (const page of await file.copyPages(front, Array.from({ length: frontPages }, (_, i) => i))) {
    // The contents' links point at the placeholders, which are not copied.
    page.node.delete(PDFName.of('Annots'));
    file.addPage(page);
  }
  for (const e of entries) {
    if (e.pdf === null) continue;
    for (const page of await file.copyPages(e.pdf, e.pdf.getPageIndices())) file.addPage(page);
  }
  // 第 N 页 at the top right of every page, laid over each page as it is.
  const stamps = await load(await render(dossierStamps(file.getPageCount())));
  const bands = await file.embedPages(stamps.getPages(), stamps.getPages().map((p) => {
    const { width, height } = p.getSize();
    return { left: 0, bottom: height - STAMP_BAND, right: width, top: height };
  }));
  file.getPages().forEach((page, i) => {
    const band = bands[i]!;
    const { width, height } = page.getSize();
    page.drawPage(band, { x: width - band.width, y: height - band.height });
  });
  return file.save();
}
