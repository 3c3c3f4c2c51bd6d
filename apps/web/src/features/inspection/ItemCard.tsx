// One checklist item on the phone: big result buttons, a note, the matter a violation falls under, photos, and
// the item's sync state; a conflict shows the server's value beside the officer's and lets them choose.
import { useTranslation } from 'react-i18next';
import { sourceText } from '../../components/citation.ts';
import { factPairs } from './facts.ts';
import type { ChecklistItem, InspectionResult } from '@ecoenforce/contract';
import type { ItemValue, LocalEvidence, LocalItem, Matter } from './store.ts';

const RESULTS: InspectionResult[] = ['compliant', 'violation', 'not_applicable'];

export interface ItemActions {
  /** Changes some fields of the item; the page merges them into the item as stored. */
  set(item: ChecklistItem, patch: Partial<ItemValue>): void;
  photo(item: ChecklistItem, file: File): void;
  keepMine(local: LocalItem): void;
  takeTheirs(local: LocalItem): void;
}

export function ItemCard({ item, local, photos, matters, actions, disabled, blocked = false }: { item: ChecklistItem; local: LocalItem | undefined; photos: LocalEvidence[]; matters: Matter[]; actions: ItemActions; disabled: boolean; blocked?: boolean }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const value: ItemValue = local ?? { result: 'not_applicable', note: null, matterCode: null };
  const chosen = local?.result;
  const state = local?.state;
  const facts = factPairs(item.facts, t);
  // The matter by its name (the code only for a matter this device no longer lists).
  const matterName = (code: string): string => {
    const m = matters.find((x) => x.code === code);
    return m === undefined ? code : zh ? m.zh : m.en;
  };
  const showValue = (v: ItemValue) => `${t(`inspection.results.${v.result}`)}${v.matterCode === null ? '' : ` · ${matterName(v.matterCode)}`}${v.note === null || v.note === '' ? '' : ` · ${v.note}`}`;
  return (
    <li className="insp-item" id={`item-${item.key}`} data-testid={`item-${item.key}`} data-state={state ?? 'empty'} data-blocked={blocked}>
      <p className="insp-title">{zh ? item.zh : item.en}</p>
      {item.source !== null && <p className="muted insp-source">{t('inspection.source')}: {sourceText(item.source, i18n.language)}</p>}
      {facts.length > 0 && (
        <dl className="muted insp-facts" data-testid="facts">
          {facts.map((f) => <div key={f.key} className="insp-fact"><dt>{f.label}</dt><dd>{f.value}</dd></div>)}
        </dl>
      )}
      {item.attention.length > 0 && <p className="insp-attention" data-testid="attention">{item.attention.map((a) => t(`inspection.attention.${a}`)).join('；')}</p>}
      <div className="insp-results" role="group" aria-label={t('inspection.result')}>
        {RESULTS.map((r) => (
          <button key={r} type="button" disabled={disabled} aria-pressed={chosen === r} className={chosen === r ? `insp-result on ${r}` : 'insp-result'} data-testid={`result-${r}`}
            onClick={() => actions.set(item, r === 'violation' ? { result: r } : { result: r, matterCode: null })}>
            {t(`inspection.results.${r}`)}
          </button>
        ))}
      </div>
      {chosen === 'violation' && (
        <label className="insp-field">
          {t('inspection.matter')}
          <select value={value.matterCode ?? ''} disabled={disabled} data-testid="matter" onChange={(e) => actions.set(item, { matterCode: e.target.value === '' ? null : e.target.value })}>
            <option value="">{t('inspection.chooseMatter')}</option>
            {matters.map((m) => <option key={m.code} value={m.code}>{m.code} {zh ? m.zh : m.en}</option>)}
          </select>
        </label>
      )}
      {local !== undefined && (
        <label className="insp-field">
          {t('inspection.note')}
          {/* Re-keyed only when the server's version of the item changes (a sync, a conflict resolved), not on every
              local edit: a note being typed while another edit of the item is saved must stay in the box. */}
          <textarea key={local.baseVersion} defaultValue={value.note ?? ''} disabled={disabled} data-testid="note" rows={2}
            onBlur={(e) => { if ((e.target.value || null) !== value.note) actions.set(item, { note: e.target.value === '' ? null : e.target.value }); }} />
        </label>
      )}
      <label className="insp-photo">
        {t('inspection.photo')}
        <input type="file" accept="image/*" capture="environment" disabled={disabled} data-testid="photo"
          onChange={(e) => { const f = e.target.files?.[0]; if (f !== undefined) actions.photo(item, f); e.target.value = ''; }} />
      </label>
      {photos.length > 0 && (
        <ul className="insp-photos">
          {photos.map((p) => <li key={p.uuid} data-testid="evidence" data-state={p.state}>{t(`inspection.states.${p.state}`)} · {p.sha256.slice(0, 12)}… · {Math.round(p.size / 102.4) / 10} KB{p.gps === null ? ` · ${t('inspection.gpsUnavailable')}` : ''}</li>)}
        </ul>
      )}
      {state !== undefined && <p className={`insp-state ${state}`} data-testid="item-state">{t(`inspection.states.${state}`)}{local?.message ? ` · ${local.message}` : ''}{state === 'pending' && value.result === 'violation' && value.matterCode === null ? ` · ${t('inspection.needsMatter')}` : ''}</p>}
      {local?.conflict != null && (
        <div className="insp-conflict" data-testid="conflict">
          <p>{t('inspection.conflict')}</p>
          <p data-testid="conflict-server">{t('inspection.theirs')}: {showValue(local.conflict.server)}</p>
          <p data-testid="conflict-client">{t('inspection.mine')}: {showValue(local.conflict.client)}</p>
          <button type="button" onClick={() => actions.keepMine(local)} data-testid="keep-mine">{t('inspection.keepMine')}</button>
          <button type="button" onClick={() => actions.takeTheirs(local)} data-testid="take-theirs">{t('inspection.takeTheirs')}</button>
        </div>
      )}
    </li>
  );
}
