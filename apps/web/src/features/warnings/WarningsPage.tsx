// The warnings inbox (issue 4 §8): filters, export, the filtered warnings as a list or on a map, bulk
// triage for the bureau (select several → confirm or dismiss with one reason), and one warning's detail.
// Searched by enterprise or outlet, bounded by the date raised, sorted by a column header and paged; the
// filters live in the URL (#/warnings?q=…&from=…), so a reload or a shared link keeps them (issue 14).
// The enterprise sees its own warnings here and answers them. Refreshes when the server raises a warning.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import type { ListPage, Role, Warning } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';
import { useLive } from '../../components/live.ts';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { BulkTriage } from './BulkTriage.tsx';
import { WarningDetail } from './WarningDetail.tsx';
import { WarningsMap } from './WarningsMap.tsx';
import { LIST_PARAMS, ListSearch, Pager, SortHeader, useListParams } from '../lists/ListControls.tsx';
import { DECIDERS, factorText, KINDS, SEVERITIES, STATUSES } from './types.ts';

/** Warnings a page of the list; the map shows up to MAP_SIZE of the filtered warnings at once. */
export const WARNINGS_PAGE_SIZE = 50;
const MAP_SIZE = 500;
/** The filters kept in the URL besides the search, dates and sort. */
const FILTERS = ['status', 'severity', 'kind', ...LIST_PARAMS] as const;

/**
 * Every filter comes from the hash query (a figure of the command centre links #/warnings?from=…&to=…&severity=…,
 * a shared link the whole list state), which this page also writes; `_query` is the same query as the router reads it.
 */
export function WarningsPage({ role, id, query: _query }: { role: Role; id: number | null; query?: URLSearchParams }) {
  const { t, i18n } = useTranslation();
  const params = useListParams();
  const [status, severity, kind] = [params.get('status'), params.get('severity'), params.get('kind')];
  const days = { from: params.get('from'), to: params.get('to') };
  const [view, setView] = useState<'list' | 'map'>('list');
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const query = view === 'map' ? { ...params.query(FILTERS, MAP_SIZE), offset: 0 } : params.query(FILTERS, WARNINGS_PAGE_SIZE);
  const { limit: _limit, offset: _offset, ...filters } = query;
  const key = JSON.stringify(query);
  const list = useAsync(() => api<ListPage<Warning>>(`/api/warnings${qs(query)}`), [key]);
  useLive({ warning: () => list.reload() }, [key]);
  const header = (sortKey: string, label: string, first: 'asc' | 'desc' = 'asc') => <SortHeader params={params} sortKey={sortKey} first={first} testId="warnings">{label}</SortHeader>;
  const canDecide = DECIDERS.includes(role);
  const items = list.data?.items ?? [];
  const selectable = items.filter((w) => w.status === 'new');
  const chosen = selectable.filter((w) => selected.has(w.id)).map((w) => w.id);
  const toggle = (wid: number): void => setSelected((s) => {
    const next = new Set(s);
    if (!next.delete(wid)) next.add(wid);
    return next;
  });

  return (
    <div>
      <h1>{t('warnings.title')}</h1>
      <ListSearch params={params} placeholder={t('lists.warningsSearch')} datesHint={t('lists.warningsDatesHint')} testId="warnings">
        <label>
          {t('warnings.status')}
          <select value={status} onChange={(e) => params.set({ status: e.target.value })} data-testid="warnings-status">
            <option value="">{t('status.all')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`warnings.states.${s}`)}</option>)}
          </select>
        </label>
        <label>
          {t('warnings.severity')}
          <select value={severity} onChange={(e) => params.set({ severity: e.target.value })} data-testid="warnings-severity">
            <option value="">{t('warnings.allSeverities')}</option>
            {SEVERITIES.map((s) => <option key={s} value={s}>{t(`warnings.severities.${s}`)}</option>)}
          </select>
        </label>
        <label>
          {t('inbox.kind')}
          <select value={kind} onChange={(e) => params.set({ kind: e.target.value })} data-testid="warnings-kind">
            <option value="">{t('inbox.allKinds')}</option>
            {KINDS.map((k) => <option key={k} value={k}>{t(`warnings.kinds.${k}`, { defaultValue: k })}</option>)}
          </select>
        </label>
        {(days.from !== '' || days.to !== '') && (
          <span data-testid="warnings-days">
            {t('overview.onlyDay', { from: days.from || '…', to: days.to || '…' })}{' '}
            <button type="button" className="link" onClick={() => params.set({ from: undefined, to: undefined })}>{t('overview.showAll')}</button>
          </span>
        )}
        <div role="group" aria-label={t('inbox.view')} className="tabs">
          <button type="button" aria-pressed={view === 'list'} onClick={() => setView('list')} data-testid="warnings-view-list">{t('inbox.list')}</button>
          <button type="button" aria-pressed={view === 'map'} onClick={() => setView('map')} data-testid="warnings-view-map">{t('inbox.map')}</button>
        </div>
        <a className="button" href={`/api/warnings${qs({ ...filters, format: 'xlsx' })}`} download>{t('points.exportXlsx')}</a>
      </ListSearch>
      {id !== null && <WarningDetail id={id} role={role} onChanged={list.reload} />}
      {canDecide && view === 'list' && selectable.length > 0 && (
        <BulkTriage selected={chosen} onDone={() => { setSelected(new Set()); list.reload(); }} />
      )}
      {list.error !== undefined && <Failed error={list.error} retry={list.reload} />}
      {list.data === undefined ? <Loading /> : view === 'map' ? <WarningsMap warnings={items} /> : (
        <div className="table-wrap">
          <table data-testid="warnings-table">
            <thead>
              <tr>
                {canDecide && (
                  <th scope="col">
                    <input
                      type="checkbox" aria-label={t('inbox.selectAll')} data-testid="warnings-select-all" disabled={selectable.length === 0}
                      checked={selectable.length > 0 && chosen.length === selectable.length}
                      onChange={(e) => setSelected(new Set(e.target.checked ? selectable.map((w) => w.id) : []))}
                    />
                  </th>
                )}
                {header('id', '#', 'desc')}{header('enterprise', t('points.enterprise'))}{header('kind', t('inbox.kind'))}{header('severity', t('warnings.severity'), 'desc')}
                {header('status', t('warnings.status'))}{header('period', t('warnings.span'), 'desc')}{header('raised', t('lists.raised'), 'desc')}
              </tr>
            </thead>
            <tbody>
              {items.map((w) => (
                <tr key={w.id} data-testid={`warning-row-${w.id}`}>
                  {canDecide && (
                    <td>
                      {w.status === 'new' && <input type="checkbox" aria-label={`#${w.id}`} checked={selected.has(w.id)} onChange={() => toggle(w.id)} data-testid={`warning-select-${w.id}`} />}
                    </td>
                  )}
                  <td><a href={`#/warnings/${w.id}${params.search}`}>{w.id}</a></td>
                  <td data-label={t('points.enterprise')}>{w.enterpriseName} {w.outletCode}</td>
                  <td>{t(`warnings.kinds.${w.kind}`, { defaultValue: w.kind })} {factorText(w, i18n.language)}</td>
                  <td><span className={`badge sev-${w.severity}`}>{t(`warnings.severities.${w.severity}`)}</span></td>
                  <td data-testid="warning-status">{t(`warnings.states.${w.status}`, { defaultValue: w.status })}{w.answer !== null ? ` · ${t('inbox.answered')}` : ''}</td>
                  <td>{beijing(w.from)} – {beijing(w.to)}</td>
                  <td data-testid="warning-raised">{beijing(w.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 && <p>{t('warnings.none')}</p>}
          <Pager params={params} total={list.data.total} size={WARNINGS_PAGE_SIZE} testId="warnings" />
        </div>
      )}
    </div>
  );
}
