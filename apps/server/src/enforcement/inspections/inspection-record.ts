// The 现场检查笔录 of a stored inspection (issue 14 §10): the task's enterprise as the place, the officers on
// the inspection with their certificate numbers (users.certificate_no), each item set on the phone under its
// checklist label, the violations with their enforcement matters by name, the photos with their SHA-256.
import type { Kysely } from 'kysely';
import { beijingDate, type EnforcementMatter } from '@ecoenforce/domain';
import type { Schema } from '../../platform/db/schema.ts';
import type { PdfRequest } from '../../platform/pdf/frames.ts';
import { regionNames } from '../cases/case-documents.ts';
import { taskChecklist } from './checklist.ts';
import { inspectionRecordDocument, type InspectionRecordInput } from './record-template.ts';

const NOT_RECORDED = '（未登记）';
const VERDICT: Readonly<Record<string, string>> = { compliant: '合规', violation: '违法', not_applicable: '不适用' };

/** 2026年3月2日9时05分, Beijing time. */
export function cnDateTime(t: number): string {
  const d = new Date(t + 8 * 3_600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日${d.getUTCHours()}时${String(d.getUTCMinutes()).padStart(2, '0')}分`;
}

/** Where the inspection sits (its task's region and enterprise), for the caller's scope check; undefined when unknown. */
export async function inspectionLocation(db: Kysely<Schema>, uuid: string): Promise<{ taskId: number; regionCode: string; enterpriseId: number | null } | undefined> {
  const r = await db.selectFrom('inspections as i').innerJoin('tasks as t', 't.id', 'i.task_id').select(['t.id', 't.region_code', 't.enterprise_id']).where('i.uuid', '=', uuid).executeTakeFirst();
  return r && { taskId: Number(r.id), regionCode: r.region_code, enterpriseId: r.enterprise_id === null ? null : Number(r.enterprise_id) };
}

/** Matter names by code, at their newest version. */
export async function matterNames(db: Kysely<Schema>, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('enforcement_matters').select(['code', 'version', 'body']).where('code', 'in', [...new Set(codes)]).orderBy('version').execute();
  return new Map(rows.map((r) => [r.code, (JSON.parse(r.body) as EnforcementMatter).name.zh]));
}

/** The record's input from the stored inspection; undefined when there is no such inspection. */
export async function inspectionRecordInput(db: Kysely<Schema>, uuid: string, now: number): Promise<InspectionRecordInput | undefined> {
  const ins = await db.selectFrom('inspections').selectAll().where('uuid', '=', uuid).executeTakeFirst();
  if (ins === undefined) return undefined;
  const task = await db.selectFrom('tasks').select(['id', 'region_code', 'enterprise_id']).where('id', '=', ins.task_id).executeTakeFirstOrThrow();
  const enterprise = task.enterprise_id === null ? undefined
    : await db.selectFrom('enterprises').select(['name', 'uscc', 'address', 'legal_representative']).where('id', '=', task.enterprise_id).executeTakeFirst();
  const officerIds = (JSON.parse(ins.officer_ids) as number[]).filter(Number.isInteger);
  const [users, items, evidence, names, labels] = await Promise.all([
    officerIds.length === 0 ? [] : db.selectFrom('users').select(['id', 'display_name', 'certificate_no']).where('id', 'in', officerIds).execute(),
    db.selectFrom('inspection_items').select(['item_key', 'result', 'note', 'matter_code']).where('inspection_id', '=', ins.id).orderBy('item_key').execute(),
    db.selectFrom('inspection_evidence').select(['item_key', 'sha256', 'size', 'captured_at']).where('inspection_id', '=', ins.id).orderBy('id').execute(),
    regionNames(db, task.region_code),
    // The checklist gives each item its Chinese label and group; one that no longer generates keeps its place by number.
    taskChecklist(db, Number(task.id), now).then((c) => new Map(c.items.map((i) => [i.key, i])), () => new Map<string, { group: string; zh: string }>()),
  ]);
  const matters = await matterNames(db, items.flatMap((i) => (i.matter_code === null ? [] : [i.matter_code])));
  const labelOf = (key: string, n: number): { group: string; label: string } => {
    const l = labels.get(key);
    return l === undefined ? { group: '检查项目', label: `第${n + 1}项` } : { group: l.group, label: l.zh };
  };
  const rows = items.map((i, n) => ({ ...labelOf(i.item_key, n), verdict: VERDICT[i.result] ?? i.result, note: i.note, matter: i.matter_code === null ? null : matters.get(i.matter_code) ?? i.matter_code }));
  const labelByKey = new Map(items.map((i, n) => [i.item_key, rows[n]!.label]));
  return {
    bureau: names.bureau,
    party: {
      name: enterprise?.name ?? NOT_RECORDED, uscc: enterprise?.uscc ?? NOT_RECORDED, address: enterprise?.address || NOT_RECORDED, legalRepresentative: enterprise?.legal_representative || NOT_RECORDED,
    },
    officers: officerIds.map((id) => {
      const u = users.find((x) => Number(x.id) === id);
      return { name: u?.display_name ?? `用户${id}`, certificate: u?.certificate_no || NOT_RECORDED };
    }),
    started: cnDateTime(Number(ins.started_at)),
    finished: ins.finished_at === null ? null : cnDateTime(Number(ins.finished_at)),
    position: ins.gps_status === 'ok' && ins.lat !== null && ins.lon !== null
      ? `纬度${ins.lat.toFixed(5)}，经度${ins.lon.toFixed(5)}${ins.accuracy_m === null ? '' : `（精度约${Math.round(ins.accuracy_m)}米）`}`
      : '检查时设备未取得定位',
    items: rows,
    violations: rows.filter((r) => r.verdict === '违法').map((r) => ({ label: `${r.group}：${r.label}`, matter: r.matter ?? '（未选择违法事项）' })),
    evidence: evidence.map((e) => ({
      label: labelByKey.get(e.item_key) ?? labels.get(e.item_key)?.zh ?? '现场', captured: cnDateTime(Number(e.captured_at)), sha256: e.sha256, size: Number(e.size),
    })),
    record: ins.record ?? null,
    issuedOn: beijingDate(Number(ins.finished_at ?? ins.started_at)),
  };
}

export async function inspectionRecordRequest(db: Kysely<Schema>, uuid: string, now: number): Promise<PdfRequest | undefined> {
  const input = await inspectionRecordInput(db, uuid, now);
  return input && inspectionRecordDocument(input);
}
