// The guided on-site inspection on an officer's phone (#/inspect/:taskId, issue 5 §3). Works offline: the
// checklist and the matter catalogue are kept in IndexedDB after one online visit, every answer and photo is
// written there first (the outbox) and sent by sync.ts when the phone is online (the `online` event, the
// "Sync now" button, or finishing while online). Without a local copy it continues the server's inspection
// of the task (server-copy.ts). It is rendered outside the console shell so that it opens even when the session
// cannot be checked (offline reload); the server still checks the session on every sync.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { currentPosition, registerOfflineWorker, sha256Hex } from './capture.ts';
import { finishBlockers, itemsSettled } from './blockers.ts';
import { ItemCard, type ItemActions } from './ItemCard.tsx';
import { openInspection } from './server-copy.ts';
import type { Checklist, ChecklistItem, MatterList } from '@ecoenforce/contract';
import { all, byInspection, get, itemId, put, replaceMatters, type ItemValue, type LocalEvidence, type LocalInspection, type LocalItem, type Matter } from './store.ts';
import { pendingCount, syncAll } from './sync.ts';
import './inspection.css';
import { platformNow } from '../../components/clock.ts';

/** The last pending edit of each item (by item id), so edits of one item are written one after another. */
const edits = new Map<string, Promise<void>>();

interface View {
  checklist: Checklist;
  inspection: LocalInspection;
  items: LocalItem[];
  evidence: LocalEvidence[];
  matters: Matter[];
}

async function loadChecklist(taskId: number): Promise<Checklist | undefined> {
  try {
    const c = await api<Checklist>(`/api/tasks/${taskId}/checklist`);
    await put('checklists', c);
    const m = await api<MatterList>('/api/matters');
    await replaceMatters(m.items.map((x) => ({ code: x.code, zh: x.matter.name.zh, en: x.matter.name.en })));
    return c;
  } catch {
    // Offline (or the session lapsed): the copy from the last online visit.
    return get<Checklist>('checklists', taskId);
  }
}

export function InspectionPage({ taskId }: { taskId: number }) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<View | null | undefined>(undefined);
  const [online, setOnline] = useState(navigator.onLine);
  // The last sync's outcome. "Synced" is shown only while nothing is pending: an edit or a finish made after
  // it turns the message into how much is still waiting.
  const [lastSync, setLastSync] = useState<{ failed: string | null }>();
  const [syncing, setSyncing] = useState(false);
  // Set when the officer pressed Finish while items were not settled: the page then lists them until they are.
  const [finishTried, setFinishTried] = useState(false);
  // The officer's free-text record, written before finishing and sent with the finish op.
  const [record, setRecord] = useState('');

  const refresh = useCallback(async () => {
    const checklist = await get<Checklist>('checklists', taskId);
    const inspection = await get<LocalInspection>('inspections', taskId);
    if (checklist === undefined || inspection === undefined) return;
    setView({ checklist, inspection, items: await byInspection<LocalItem>('items', inspection.uuid), evidence: await byInspection<LocalEvidence>('evidence', inspection.uuid), matters: await all<Matter>('matters') });
  }, [taskId]);

  const sync = useCallback(async () => {
    setSyncing(true);
    try {
      await syncAll();
      setLastSync({ failed: null });
    } catch (err) {
      setLastSync({ failed: err instanceof Error ? err.message : String(err) });
    } finally {
      setSyncing(false);
      await refresh();
    }
  }, [refresh]);

  useEffect(() => {
    registerOfflineWorker();
    void (async () => {
      const c = await loadChecklist(taskId);
      if (c === undefined || (await openInspection(c)) === undefined) return setView(null);
      await refresh();
    })();
  }, [taskId, refresh]);

  useEffect(() => {
    const up = (): void => {
      setOnline(true);
      void sync();
    };
    const down = (): void => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [sync]);

  if (view === undefined) return <p className="insp-page">{t('app.loading')}</p>;
  if (view === null) return <p className="insp-page" role="alert" data-testid="inspect-unavailable">{t('inspection.unavailable')} <a href="#/">{t('app.home')}</a></p>;

  const { checklist, inspection } = view;
  const finished = inspection.finishOpId !== null;
  const local = new Map(view.items.map((i) => [i.itemKey, i]));
  const count = (s: string) => view.items.filter((i) => i.state === s).length + view.evidence.filter((e) => e.state === s).length;
  const pending = pendingCount(inspection, view.items, view.evidence);
  const message = lastSync === undefined ? undefined
    : lastSync.failed !== null ? `${t('inspection.syncFailed')}: ${lastSync.failed}`
    : pending === 0 ? t('inspection.syncDone') : t('inspection.syncPartial', { count: pending });
  const actions: ItemActions = {
    set(item: ChecklistItem, patch: Partial<ItemValue>) {
      const id = itemId(inspection.uuid, item.key);
      // Edits of one item are chained and each merges its patch into the item as stored, not into the value
      // the card rendered: a note's blur right after a matter was chosen must not write the matter back out.
      const run = (edits.get(id) ?? Promise.resolve()).then(async () => {
        const prev = await get<LocalItem>('items', id);
        const value: ItemValue = { result: prev?.result ?? 'not_applicable', note: prev?.note ?? null, matterCode: prev?.matterCode ?? null, ...patch };
        // A new op id for every edit: the server applies each edit once, whatever is re-sent.
        await put('items', { id, inspection: inspection.uuid, itemKey: item.key, ...value, baseVersion: prev?.baseVersion ?? 0, opId: `${inspection.uuid}:${crypto.randomUUID()}`, state: 'pending', message: null, conflict: prev?.conflict ?? null } satisfies LocalItem);
      });
      edits.set(id, run.catch(() => undefined));
      void run.then(refresh);
    },
    photo(item: ChecklistItem, file: File) {
      void (async () => {
        const bytes = await file.arrayBuffer();
        const sha256 = await sha256Hex(bytes);
        const gps = (await currentPosition(4000)) ?? inspection.gps;
        await put('evidence', { uuid: crypto.randomUUID(), inspection: inspection.uuid, itemKey: item.key, bytes, mime: file.type || 'image/jpeg', size: bytes.byteLength, sha256, capturedAt: platformNow(), gps, state: 'pending', message: null } satisfies LocalEvidence);
        await refresh();
      })();
    },
    keepMine(l: LocalItem) {
      void put('items', { ...l, baseVersion: l.conflict!.server.version, opId: `${inspection.uuid}:${crypto.randomUUID()}`, state: 'pending', conflict: null } satisfies LocalItem).then(refresh);
    },
    takeTheirs(l: LocalItem) {
      const s = l.conflict!.server;
      void put('items', { ...l, result: s.result, note: s.note, matterCode: s.matterCode, baseVersion: s.version, state: 'synced', conflict: null } satisfies LocalItem).then(refresh);
    },
  };
  const blockers = finishBlockers(checklist.items, view.items);
  const blockedKeys = new Set(finishTried && !finished ? blockers.map((b) => b.item.key) : []);
  const goTo = (key: string): void => document.getElementById(`item-${key}`)?.scrollIntoView({ block: 'center' });
  const finish = (): void => {
    if (blockers.length > 0) {
      setFinishTried(true);
      // The officer may be anywhere down the list: show the first item that needs them.
      goTo(blockers[0]!.item.key);
      return;
    }
    void (async () => {
      await put('inspections', { ...inspection, finishOpId: `${inspection.uuid}:finish`, finishedAt: platformNow(), finishState: 'pending', record: record.trim() || null } satisfies LocalInspection);
      await refresh();
      // Online, the finish goes at once (the task closes with it); offline it waits in the outbox for `online`.
      if (navigator.onLine) await sync();
    })();
  };
  const groups = [...new Set(checklist.items.map((i) => i.group))];
  return (
    <div className="insp-page" data-testid="inspect-page">
      <header className="insp-head">
        <a href={`#/dispatch/${taskId}`}>{t('inspection.back')}</a>
        <h1>{t('inspection.title')} · {checklist.enterpriseName}</h1>
        <p className="muted">
          <span data-testid="online-state" data-online={online}>{online ? t('status.online') : t('status.offline')}</span>
          {' · '}{inspection.gps === null ? <span data-testid="gps">{t('inspection.gpsUnavailable')}</span> : <span data-testid="gps">GPS {inspection.gps.lat.toFixed(5)}, {inspection.gps.lon.toFixed(5)} ±{Math.round(inspection.gps.accuracy)} m</span>}
        </p>
        <p data-testid="sync-summary">
          {t('inspection.states.pending')} <b data-testid="count-pending">{pending}</b> · {t('inspection.states.synced')} <b data-testid="count-synced">{count('synced')}</b> · {t('inspection.states.conflict')} <b data-testid="count-conflict">{count('conflict')}</b>
        </p>
        {!finished && (
          <label className="stack">{t('caseFile.inspectionRecord')}
            <textarea value={record} onChange={(e) => setRecord(e.target.value)} rows={3} maxLength={2000} placeholder={t('caseFile.inspectionRecordHint')} data-testid="inspection-record" />
          </label>
        )}
        {finished && inspection.record && <p className="wrap" data-testid="inspection-record-text">{t('caseFile.inspectionRecord')}：{inspection.record}</p>}
        {finished && inspection.finishState === 'synced' && <p><a href={`/api/inspections/${inspection.uuid}/record.pdf`} target="_blank" rel="noreferrer" data-testid="inspection-record-pdf">{t('caseFile.inspectionRecordPdf')}</a></p>}
        <div className="insp-actions">
          <button type="button" onClick={() => void sync()} disabled={syncing} data-testid="sync-now">{t('inspection.syncNow')}</button>
          {!finished && <button type="button" onClick={finish} data-testid="finish">{t('inspection.finish')}</button>}
          {finished && <span data-testid="finish-state">{t('inspection.finished')} · {t(`inspection.states.${inspection.finishState ?? 'pending'}`)}{inspection.finishMessage === null ? '' : ` · ${inspection.finishMessage}`}</span>}
        </div>
        {message !== undefined && <p role="status" data-testid="sync-message">{message}</p>}
        {finishTried && !finished && blockers.length > 0 && (
          <p className="insp-blocked" data-testid="finish-blocked-short">
            {t('inspection.cannotFinishShort', { count: blockers.length })}{' '}
            <button type="button" className="insp-goto" onClick={() => goTo(blockers[0]!.item.key)}>{t('inspection.showNext')}</button>
          </p>
        )}
      </header>
      {/* Below the sticky header, in the flow: a long list must not cover the items it names. */}
      {finishTried && !finished && blockers.length > 0 && (
        <div role="alert" className="insp-blocked" data-testid="finish-blocked">
          <p>{t('inspection.cannotFinish', { count: blockers.length })}</p>
          <ul>
            {blockers.slice(0, 8).map((b) => (
              <li key={b.item.key}>
                <button type="button" className="insp-goto" onClick={() => goTo(b.item.key)}>{i18n.language.startsWith('zh') ? b.item.zh : b.item.en}</button>
                {'：'}{t(`inspection.blocked.${b.reason}`)}{b.message === null ? '' : `（${b.message}）`}
              </li>
            ))}
          </ul>
          {blockers.length > 8 && <p>{t('inspection.blockedMore', { count: blockers.length - 8 })}</p>}
        </div>
      )}
      {finished && inspection.finishState === 'pending' && !itemsSettled(view.items) && <p role="alert" className="insp-blocked" data-testid="finish-waiting">{t('inspection.finishWaiting', { count: view.items.filter((i) => i.state !== 'synced').length })}</p>}
      {groups.map((g) => (
        <section key={g} className="insp-group">
          <h2>{g}</h2>
          <ul>
            {checklist.items.filter((i) => i.group === g).map((i) => (
              <ItemCard key={i.key} item={i} local={local.get(i.key)} photos={view.evidence.filter((e) => e.itemKey === i.key)} matters={view.matters} actions={actions} disabled={finished} blocked={blockedKeys.has(i.key)} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
