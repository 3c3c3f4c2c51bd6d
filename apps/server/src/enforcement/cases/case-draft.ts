// What a case opened from a task starts with (issue 14 §10): the enforcement matters its finished inspections
// found violated (each violation item names one), the task's officers as the proposed investigators, and a
// 案由 and 违法事实 worded from the violations — each with its origin, for the officer to keep or change.
import type { Kysely } from 'kysely';
import type { CaseDraft } from '@ecoenforce/contract';
import type { Schema } from '../../platform/db/schema.ts';
import { taskChecklist } from '../inspections/checklist.ts';
import { cnDateTime, matterNames } from '../inspections/inspection-record.ts';
import { clause } from './documents/case-layout.ts';
import { currentMatters } from '../catalogue/catalogue.ts';

export async function caseDraft(db: Kysely<Schema>, taskId: number, now: number): Promise<CaseDraft | undefined> {
  const task = await db.selectFrom('tasks as t').leftJoin('enterprises as e', 'e.id', 't.enterprise_id').select(['t.id', 't.enterprise_id', 'e.name']).where('t.id', '=', taskId).executeTakeFirst();
  if (task === undefined) return undefined;
  const inspections = await db.selectFrom('inspections').select(['id', 'officer_ids', 'finished_at']).where('task_id', '=', taskId).where('finished_at', 'is not', null).orderBy('id').execute();
  const items = inspections.length === 0 ? [] : await db.selectFrom('inspection_items').select(['inspection_id', 'item_key', 'note', 'matter_code'])
    .where('inspection_id', 'in', inspections.map((i) => i.id)).where('result', '=', 'violation').orderBy('item_key').execute();
  const labels = items.length === 0 ? new Map<string, string>()
    : await taskChecklist(db, taskId, now).then((c) => new Map(c.items.map((i) => [i.key, `${i.group}：${i.zh}`])), () => new Map<string, string>());
  // The catalogue is stored on first use: make sure it is there before its names are read.
  if (items.length > 0) await currentMatters(db, now);
  const names = await matterNames(db, items.flatMap((i) => (i.matter_code === null ? [] : [i.matter_code])));
  const when = (inspectionId: number): string => cnDateTime(Number(inspections.find((i) => i.id === inspectionId)!.finished_at));

  // Each matter once, the one named by most violations first; its origin names the items.
  const byMatter = new Map<string, string[]>();
  for (const i of items) if (i.matter_code !== null) byMatter.set(i.matter_code, [...(byMatter.get(i.matter_code) ?? []), labels.get(i.item_key) ?? '检查项目']);
  const matters = [...byMatter.entries()].sort((a, b) => b[1].length - a[1].length).map(([code, which]) => ({
    code, name: names.get(code) ?? code, origin: `现场检查判定违法：${which.join('；')}`,
  }));

  // The officers on the task now, then any on its inspections who have since left it.
  const assigned = (await db.selectFrom('task_assignments').select('user_id').where('task_id', '=', taskId).where('released_at', 'is', null).orderBy('user_id').execute()).map((r) => Number(r.user_id));
  const onSite = [...new Set(inspections.flatMap((i) => JSON.parse(i.officer_ids) as number[]))];
  const ids = [...new Set([...assigned, ...onSite])];
  const users = ids.length === 0 ? [] : await db.selectFrom('users').select(['id', 'display_name', 'certificate_no', 'active']).where('id', 'in', ids).execute();
  const officers = ids.flatMap((id) => {
    const u = users.find((x) => Number(x.id) === id);
    if (u === undefined || Number(u.active) !== 1) return [];
    const origin = assigned.includes(id) ? (onSite.includes(id) ? `任务${taskId}指派的执法人员，参加了现场检查` : `任务${taskId}指派的执法人员`) : '参加了本任务的现场检查';
    return [{ id, displayName: u.display_name, certificateNo: u.certificate_no ?? null, origin }];
  });

  const first = items[0];
  const facts = items.length === 0 ? null : {
    value: `经${when(first!.inspection_id)}现场检查，发现你单位存在以下问题：${items.map((i) => {
      const what = labels.get(i.item_key) ?? '检查项目';
      return `${clause(what)}不符合要求${i.note?.trim() ? `（${clause(i.note)}）` : ''}${i.matter_code !== null ? `，涉嫌${names.get(i.matter_code) ?? i.matter_code}` : ''}`;
    }).join('；')}。`,
    origin: `现场检查记录的${items.length}个违法项`,
  };
  const cause = matters[0] === undefined ? null : { value: `${clause(matters[0].name)}案`, origin: `现场检查认定的违法事项“${matters[0].name}”` };
  return {
    taskId, enterpriseId: task.enterprise_id === null ? null : Number(task.enterprise_id), enterpriseName: task.name ?? null,
    source: inspections.length > 0 ? '现场检查' : null, matters, officers, cause, facts,
  };
}
