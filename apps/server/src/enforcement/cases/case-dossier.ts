// The printable case file (卷宗, issue 14 §10): the cover and table of contents (documents/dossier.ts) over
// every document the case's acts made, rebuilt from the record at each act's time as the templates make them,
// and the 现场检查笔录 of the task's inspections; the evidence list names the officers' evidence and the photos.
import type { Kysely } from 'kysely';
import { beijingDate, type CaseRecord, type DocumentKind } from '@ecoenforce/domain';
import type { Content } from 'pdfmake/interfaces.js';
import type { CaseDetails } from '@ecoenforce/contract';
import type { Schema } from '../../platform/db/schema.ts';
import type { PdfRequest } from '../../platform/pdf/frames.ts';
import { caseDocumentFor, regionNames } from './case-documents.ts';
import { CASE_DOCUMENTS } from './documents/documents.ts';
import { dossierDocument, type DossierInput } from './documents/dossier.ts';
import { inspectionRecordInput } from '../inspections/inspection-record.ts';
import { inspectionRecordContent, INSPECTION_RECORD_TITLE } from '../inspections/record-template.ts';
import { caseRow, type CaseRow } from './cases.ts';
import { matterNames } from '../inspections/inspection-record.ts';

/** Titles of the acts recorded without a template (domain DOCUMENT_KINDS). */
const KIND_ZH: Partial<Record<DocumentKind, string>> = {
  extension_approval: '延期审批表', statement_record: '陈述申辩笔录', hearing_notice: '听证通知书', hearing_record: '听证笔录',
  collective_discussion_record: '集体讨论记录', enforcement_application: '强制执行申请书', transfer_proposal: '移送审批表', transfer_letter: '涉嫌犯罪案件移送书',
  transfer_receipt: '公安机关回执', reconsideration_request: '提请复议书', items_handover_list: '涉案物品移交清单',
};
const RESULT_ZH: Record<string, string> = { penalty: '行政处罚', no_penalty: '不予行政处罚', waived: '首违不罚', transferred: '移送公安机关', terminated: '终止调查' };

const contentOf = (r: PdfRequest): Content[] => (Array.isArray(r.doc.content) ? r.doc.content : [r.doc.content]);

export async function dossierRequest(db: Kysely<Schema>, id: number, now: number): Promise<PdfRequest | undefined> {
  const row: CaseRow | undefined = await caseRow(db, id);
  if (row === undefined) return undefined;
  const record = JSON.parse(row.record) as CaseRecord;
  const details = JSON.parse(row.details) as CaseDetails;
  const [enterprise, names, matters, stored] = await Promise.all([
    db.selectFrom('enterprises').select(['name']).where('id', '=', row.enterprise_id).executeTakeFirstOrThrow(),
    regionNames(db, row.region_code),
    matterNames(db, [row.matter_code]),
    db.selectFrom('case_documents').select(['kind', 'number', 'created_at']).where('case_id', '=', id).orderBy('id').execute(),
  ]);
  const docs: Array<DossierInput['documents'][number] & { at: number }> = [];
  for (const d of record.documents) {
    const template = Object.hasOwn(CASE_DOCUMENTS, d.kind) ? CASE_DOCUMENTS[d.kind as keyof typeof CASE_DOCUMENTS] : undefined;
    const made = template === undefined ? null : await caseDocumentFor(db, d.kind, row, d.at);
    const number = stored.find((s) => s.kind === d.kind && Number(s.created_at) === d.at)?.number ?? made?.number ?? null;
    docs.push({ title: template?.title ?? KIND_ZH[d.kind] ?? '程序记录', number, on: beijingDate(d.at), at: d.at, content: made === null ? null : contentOf(made.request) });
  }
  const evidence: DossierInput['evidence'] = details.evidence.map((e) => ({ name: e.name, detail: e.detail ?? '' }));
  if (row.task_id !== null) {
    const inspections = await db.selectFrom('inspections').select(['uuid', 'started_at']).where('task_id', '=', Number(row.task_id)).where('finished_at', 'is not', null).orderBy('id').execute();
    for (const ins of inspections) {
      const input = await inspectionRecordInput(db, ins.uuid, now);
      if (input === undefined) continue;
      docs.push({ title: INSPECTION_RECORD_TITLE, number: null, on: beijingDate(Number(ins.started_at)), at: Number(ins.started_at), content: inspectionRecordContent(input) });
      for (const p of input.evidence) evidence.push({ name: `现场照片（${p.label}）`, detail: `${p.captured}拍摄，SHA-256：${p.sha256}` });
    }
  }
  docs.sort((a, b) => a.at - b.at);
  const investigators = record.investigators.map(Number).filter(Number.isInteger);
  const users = investigators.length === 0 ? [] : await db.selectFrom('users').select(['id', 'display_name', 'certificate_no']).where('id', 'in', investigators).execute();
  const matter = matters.get(row.matter_code) ?? row.matter_code;
  return dossierDocument({
    bureau: names.bureau, caseNumber: row.number, party: enterprise.name, cause: details.cause || `${matter}案`, matter,
    result: record.outcome === null ? '办理中' : RESULT_ZH[record.outcome] ?? '已办结',
    officers: users.length === 0 ? '（尚未指派）' : users.map((u) => `${u.display_name}（执法证号：${u.certificate_no || '未登记'}）`).join('、'),
    discoveredOn: beijingDate(record.discoveredAt), filedOn: record.filedAt === null ? null : beijingDate(record.filedAt), closedOn: record.closedAt === null ? null : beijingDate(record.closedAt),
    compiledOn: beijingDate(now), documents: docs, evidence,
  });
}
