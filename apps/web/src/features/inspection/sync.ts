// Sends the outbox (store.ts) to the server: the start op, every pending item edit, then the photos, then
// the finish. Op ids are made when the officer acts and kept until the server answers, so a batch re-sent after
// a lost answer is acknowledged by the server and never applied twice. A conflict keeps both values for the
// officer to choose; nothing is overwritten silently on either side.
import type { InspectionItemValue, SyncOpResult } from '@ecoenforce/contract';
import { api, ApiError, setCsrfToken } from '../../api/client.ts';
import { itemsSettled } from './blockers.ts';
import { all, byInspection, get, put, type LocalEvidence, type LocalInspection, type LocalItem } from './store.ts';


let running: Promise<void> | undefined;
let next: Promise<void> | undefined;

/**
 * Syncs every local inspection; one run at a time (the `online` event, the button and a finish may fire
 * together). A call during a run gets one more run after it: the run under way may have read the outbox
 * before the change that made this call (a finish pressed mid-sync must still reach the server).
 */
export function syncAll(): Promise<void> {
  if (running === undefined) {
    running = runOnce().finally(() => {
      running = undefined;
    });
    return running;
  }
  next ??= running.catch(() => undefined).then(() => {
    next = undefined;
    return syncAll();
  });
  return next;
}

async function runOnce(): Promise<void> {
  // A reload while offline never learned the session's CSRF token: ask for it now.
  const me = await api<{ csrfToken: string }>('/api/auth/me');
  setCsrfToken(me.csrfToken);
  for (const ins of await all<LocalInspection>('inspections')) await syncOne(ins.taskId);
}

/** What of an inspection has not reached the server: the start, item edits, photos and the finish. */
export function pendingCount(ins: LocalInspection, items: readonly LocalItem[], evidence: readonly LocalEvidence[]): number {
  return (ins.startSynced ? 0 : 1) + items.filter((i) => i.state === 'pending').length + evidence.filter((e) => e.state === 'pending').length +
    (ins.finishOpId !== null && ins.finishState === 'pending' ? 1 : 0);
}

async function syncOne(taskId: number): Promise<void> {
  let ins = (await get<LocalInspection>('inspections', taskId))!;
  // A violation waits on the phone until the officer names its matter: the server would refuse it.
  const items = (await byInspection<LocalItem>('items', ins.uuid)).filter((i) => i.state === 'pending' && !(i.result === 'violation' && i.matterCode === null));
  const ops: unknown[] = [];
  if (!ins.startSynced) ops.push({ opId: ins.startOpId, kind: 'start', inspection: ins.uuid, taskId, checklistHash: ins.checklistHash, startedAt: ins.startedAt, deviceTime: Date.now(), gps: ins.gps });
  for (const i of items) ops.push({ opId: i.opId, kind: 'item', inspection: ins.uuid, itemKey: i.itemKey, baseVersion: i.baseVersion, result: i.result, note: i.note, matterCode: i.result === 'violation' ? i.matterCode : null });
  if (ops.length > 0) {
    const { results } = await api<{ results: SyncOpResult[] }>('/api/inspections/sync', { method: 'POST', body: { ops } });
    for (const r of results) {
      if (r.opId === ins.startOpId) {
        if (r.status === 'applied') ins = { ...ins, startSynced: true, version: Math.max(ins.version, r.version) };
        continue;
      }
      const item = items.find((i) => i.opId === r.opId);
      if (item === undefined) continue;
      if (r.status === 'applied') await put('items', { ...item, state: 'synced', baseVersion: r.version, conflict: null, message: null });
      else if (r.status === 'conflict') {
        // An item op's conflict carries the item's value on the server (inspections.ts applyOp).
        const s = r.server as InspectionItemValue;
        await put('items', { ...item, state: 'conflict', conflict: { server: { result: s.result, note: s.note, matterCode: s.matterCode, version: s.version }, client: { result: item.result, note: item.note, matterCode: item.matterCode } } });
      } else await put('items', { ...item, state: 'rejected', message: r.message });
    }
    await put('inspections', ins);
  }
  if (!ins.startSynced) return;
  for (const e of (await byInspection<LocalEvidence>('evidence', ins.uuid)).filter((x) => x.state === 'pending')) await uploadEvidence(e);
  // The finish goes only behind every item: a verdict still on the phone (a violation without its matter, a
  // refused or conflicting edit) would be missing from the finished record on the server.
  if (ins.finishOpId !== null && ins.finishState === 'pending' && itemsSettled(await byInspection<LocalItem>('items', ins.uuid))) await finish(ins);
}

async function uploadEvidence(e: LocalEvidence): Promise<void> {
  if (e.bytes === null) return;
  const q = new URLSearchParams({ evidence: e.uuid, itemKey: e.itemKey, sha256: e.sha256, mime: e.mime, capturedAt: String(e.capturedAt) });
  if (e.gps !== null) {
    q.set('lat', String(e.gps.lat));
    q.set('lon', String(e.gps.lon));
    q.set('accuracy', String(e.gps.accuracy));
  }
  const form = new FormData();
  form.append('file', new Blob([e.bytes], { type: e.mime }), `${e.uuid}.${e.mime.split('/')[1] ?? 'bin'}`);
  try {
    await api(`/api/inspections/${e.inspection}/evidence?${q.toString()}`, { method: 'POST', form });
    await put('evidence', { ...e, state: 'synced', message: null });
  } catch (err) {
    // A 400 (hash mismatch, bad file) will not get better by retrying; a network error will.
    if (err instanceof ApiError && err.status === 400) await put('evidence', { ...e, state: 'rejected', message: err.message });
    else throw err;
  }
}

async function finish(ins: LocalInspection): Promise<void> {
  const { results } = await api<{ results: SyncOpResult[] }>('/api/inspections/sync', {
    method: 'POST', body: { ops: [{ opId: ins.finishOpId, kind: 'finish', inspection: ins.uuid, baseVersion: ins.version, finishedAt: ins.finishedAt, summary: ins.record?.trim() || null }] },
  });
  const r = results[0]!;
  if (r.status === 'applied') await put('inspections', { ...ins, version: r.version, finishState: 'synced', finishMessage: null });
  else await put('inspections', { ...ins, finishState: r.status === 'conflict' ? 'conflict' : 'rejected', finishMessage: r.status === 'rejected' ? r.message : 'conflict' });
}
