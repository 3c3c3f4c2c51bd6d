// Which inspection the page works on when it opens. The phone's own copy first (it may hold unsynced work).
// Without one — another phone, or a logout that forgot a synced task (forget.ts) — the server's inspection of
// the task is loaded into the local store, with each item's version as the base of the next edit, so the
// officer continues it rather than starting a second one whose edits would all conflict with base version 0.
// Only when the server answers that the task has none does a new inspection start here. With no network and
// no local copy nothing is started: the server may hold the inspection, and the page says it cannot load.
import { api } from '../../api/client.ts';
import { currentPosition } from './capture.ts';
import type { Checklist, TaskInspection } from '@ecoenforce/contract';
import { get, itemId, put, type LocalEvidence, type LocalInspection, type LocalItem } from './store.ts';
import { platformNow } from '../../components/clock.ts';

/** The inspection to continue: the latest unfinished one, else the latest (shown finished). */
export function pickInspection(list: readonly TaskInspection[]): TaskInspection | undefined {
  const unfinished = list.filter((i) => i.finishedAt === null);
  return unfinished.at(-1) ?? list.at(-1);
}

/** The local inspection of the checklist's task, or undefined when there is none and the server cannot be asked. */
export async function openInspection(c: Checklist): Promise<LocalInspection | undefined> {
  const have = await get<LocalInspection>('inspections', c.taskId);
  if (have !== undefined) return have;
  let list: TaskInspection[];
  try {
    list = (await api<{ items: TaskInspection[] }>(`/api/tasks/${c.taskId}/inspections`)).items;
  } catch {
    return undefined;
  }
  const server = pickInspection(list);
  if (server !== undefined) return keepServerCopy(server);
  const uuid = crypto.randomUUID();
  const ins: LocalInspection = {
    taskId: c.taskId, uuid, checklistHash: c.hash, startedAt: platformNow(), gps: await currentPosition(), startOpId: `${uuid}:start`, startSynced: false, version: 0,
    finishOpId: null, finishedAt: null, finishState: null, finishMessage: null,
  };
  await put('inspections', ins);
  return ins;
}

/** Writes the server's inspection, its items and its evidence list to the local store, all as synced. */
async function keepServerCopy(s: TaskInspection): Promise<LocalInspection> {
  for (const i of s.items) {
    await put('items', {
      id: itemId(s.uuid, i.itemKey), inspection: s.uuid, itemKey: i.itemKey, result: i.result, note: i.note, matterCode: i.matterCode,
      baseVersion: i.version, opId: `${s.uuid}:server:${i.itemKey}:${i.version}`, state: 'synced', message: null, conflict: null,
    } satisfies LocalItem);
  }
  for (const e of s.evidence) {
    // The photo's bytes stay on the server: the phone lists it, and never uploads it again.
    const gps = e.lat === null || e.lon === null ? null : { lat: e.lat, lon: e.lon, accuracy: e.accuracy ?? 0 };
    await put('evidence', { uuid: e.uuid, inspection: s.uuid, itemKey: e.itemKey, bytes: null, mime: e.mime, size: e.size, sha256: e.sha256, capturedAt: e.capturedAt, gps, state: 'synced', message: null } satisfies LocalEvidence);
  }
  const finished = s.finishedAt !== null;
  const ins: LocalInspection = {
    taskId: s.taskId, uuid: s.uuid, checklistHash: s.checklistHash, startedAt: s.startedAt, gps: s.gps === null || s.gps.lat === null || s.gps.lon === null ? null : { lat: s.gps.lat, lon: s.gps.lon, accuracy: s.gps.accuracy ?? 0 },
    startOpId: `${s.uuid}:start`, startSynced: true, version: s.version,
    finishOpId: finished ? `${s.uuid}:finish` : null, finishedAt: s.finishedAt, finishState: finished ? 'synced' : null, finishMessage: null,
  };
  // The inspection record last: a page that finds it finds its items too.
  await put('inspections', ins);
  return ins;
}
