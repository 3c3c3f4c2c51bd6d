// What a phone forgets when its user logs out: the checklists it kept for offline work name enterprises,
// their permits and their outlets, and the next person to pick up the phone should not read them. The offline
// worker's copies (Cache Storage, public/sw.js) go at once. The IndexedDB copy of a task goes only when
// everything recorded under it has reached the server: an unsynced finding, photo or finish is evidence, and
// logging out must never lose it (it stays, and syncs when an officer of the task opens the page again).
import type { Checklist } from '@ecoenforce/contract';
import { all, byInspection, remove, type LocalEvidence, type LocalInspection, type LocalItem } from './store.ts';

const CHECKLIST_CACHE = 'ecoenforce-checklists-';

export interface Forgotten {
  /** Tasks whose local copy was deleted. */
  removed: number[];
  /** Tasks kept because something recorded under them has not reached the server yet. */
  kept: number[];
}

export async function forgetFieldCopies(): Promise<Forgotten> {
  if (typeof caches !== 'undefined') {
    for (const name of await caches.keys()) if (name.startsWith(CHECKLIST_CACHE)) await caches.delete(name);
  }
  const out: Forgotten = { removed: [], kept: [] };
  if (typeof indexedDB === 'undefined') return out;
  const inspections = new Map((await all<LocalInspection>('inspections')).map((i) => [i.taskId, i]));
  const tasks = new Set([...(await all<Checklist>('checklists')).map((c) => c.taskId), ...inspections.keys()]);
  for (const taskId of tasks) {
    const ins = inspections.get(taskId);
    const items = ins === undefined ? [] : await byInspection<LocalItem>('items', ins.uuid);
    const evidence = ins === undefined ? [] : await byInspection<LocalEvidence>('evidence', ins.uuid);
    const unsynced = ins !== undefined && (
      !ins.startSynced || (ins.finishedAt !== null && ins.finishState !== 'synced') ||
      items.some((i) => i.state !== 'synced') || evidence.some((e) => e.state !== 'synced'));
    if (unsynced) {
      out.kept.push(taskId);
      continue;
    }
    for (const i of items) await remove('items', i.id);
    for (const e of evidence) await remove('evidence', e.uuid);
    if (ins !== undefined) await remove('inspections', taskId);
    await remove('checklists', taskId);
    out.removed.push(taskId);
  }
  return out;
}
