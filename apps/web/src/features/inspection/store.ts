// The phone's own copy of an inspection, in IndexedDB: written first, synced later (the outbox). Nothing here
// talks to the server; sync.ts reads the pending records and marks them with the server's answer. Survives a
// reload and a lost network; one database per origin, one record per task, item and photo.
import type { InspectionGps, InspectionResult } from '@ecoenforce/contract';

export type SyncState = 'pending' | 'synced' | 'conflict' | 'rejected';

/** A matter as the phone keeps it for offline choice (from GET /api/matters). */
export interface Matter {
  code: string;
  zh: string;
  en: string;
}

export interface LocalInspection {
  taskId: number;
  uuid: string;
  checklistHash: string;
  startedAt: number;
  gps: InspectionGps | null;
  startOpId: string;
  startSynced: boolean;
  /** The server's row version (1 once started); the finish op is based on it. */
  version: number;
  finishOpId: string | null;
  finishedAt: number | null;
  finishState: SyncState | null;
  finishMessage: string | null;
  /** The officer's record of the inspection (现场检查笔录 的检查情况), sent with the finish; absent in copies made before it existed. */
  record?: string | null;
}

export interface ItemValue {
  result: InspectionResult;
  note: string | null;
  matterCode: string | null;
}

export interface LocalItem extends ItemValue {
  /** `${inspection uuid}|${item key}` */
  id: string;
  inspection: string;
  itemKey: string;
  /** The server version this edit is based on (0: never synced). */
  baseVersion: number;
  opId: string;
  state: SyncState;
  message: string | null;
  conflict: { server: ItemValue & { version: number }; client: ItemValue } | null;
}

export interface LocalEvidence {
  uuid: string;
  inspection: string;
  itemKey: string;
  /** Null when the photo was loaded from the server's list (server-copy.ts): it is there already. */
  bytes: ArrayBuffer | null;
  mime: string;
  size: number;
  sha256: string;
  capturedAt: number;
  gps: InspectionGps | null;
  state: SyncState;
  message: string | null;
}

const DB_NAME = 'ecoenforce-inspection';
type Store = 'checklists' | 'matters' | 'inspections' | 'items' | 'evidence';

let opening: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore('checklists', { keyPath: 'taskId' });
      db.createObjectStore('matters', { keyPath: 'code' });
      db.createObjectStore('inspections', { keyPath: 'taskId' });
      db.createObjectStore('items', { keyPath: 'id' }).createIndex('inspection', 'inspection');
      db.createObjectStore('evidence', { keyPath: 'uuid' }).createIndex('inspection', 'inspection');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
  });
  return opening;
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

async function store(name: Store, mode: IDBTransactionMode): Promise<IDBObjectStore> {
  return (await open()).transaction(name, mode).objectStore(name);
}

export async function get<T>(name: Store, key: IDBValidKey): Promise<T | undefined> {
  return (await done((await store(name, 'readonly')).get(key))) as T | undefined;
}

export async function put(name: Store, value: unknown): Promise<void> {
  await done((await store(name, 'readwrite')).put(value));
}

export async function remove(name: Store, key: IDBValidKey): Promise<void> {
  await done((await store(name, 'readwrite')).delete(key));
}

export async function byInspection<T>(name: 'items' | 'evidence', uuid: string): Promise<T[]> {
  return (await done((await store(name, 'readonly')).index('inspection').getAll(uuid))) as T[];
}

export async function all<T>(name: Store): Promise<T[]> {
  return (await done((await store(name, 'readonly')).getAll())) as T[];
}

export async function replaceMatters(matters: readonly Matter[]): Promise<void> {
  const s = await store('matters', 'readwrite');
  await done(s.clear());
  for (const m of matters) await done(s.put(m));
}

export const itemId = (inspection: string, key: string): string => `${inspection}|${key}`;
