// The warnings inbox (issue 4 §8): filters, export, the filtered warnings as a list or on a map, bulk
// triage for the bureau (select several → confirm or dismiss with one reason), and one warning's detail.
// The enterprise sees its own warnings here and answers them. Refreshes when the server raises a warning.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import type { Page, Role, Warning } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';
import { useLive } from '../../components/live.ts';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { BulkTriage } from './BulkTriage.tsx';
import { WarningDetail } from './WarningDetail.tsx';
import { WarningsMap } from './WarningsMap.tsx';
import { DECIDERS, factorText, KINDS, SEVERITIES, STATUSES } from './types.ts';

export function WarningsPage({ role, id }: { role: Role; id: number | null }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState('');
  const [severity, setSeverity] = useState('');
  const [kind, setKind] = useState('');
  const [view, setView] = useState<'list' | 'map'>('list');
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const filters = { status, severity, kind };
  const list = useAsync(() => api<Page<Warning>>(`/api/warnings${qs({ ...filters, limit: 500 })}`), [status, severity, kind]);
  useLive({ warning: () => list.reload() }, [status, severity, kind]);
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
      <div className="filters">
        <label>
          {t('warnings.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="warnings-status">
            <option value="">{t('status.all')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`warnings.states.${s}`)}</option>)}
          </select>
        </label>
        <label>
          {t('warnings.severity')}
          <select value={severity} onChange={(e) => setSeverity(e.target.value)} data-testid="warnings-severity">
            <option value="">{t('warnings.allSeverities')}</option>
            {SEVERITIES.map((s) => <option key={s} value={s}>{t(`warnings.severities.${s}`)}</option>)}
          </select>
        </label>
        <label>
          {t('inbox.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="warnings-kind">
            <option value="">{t('inbox.allKinds')}</option>
            {KINDS.map((k) => <option key={k} value={k}>{t(`warnings.kinds.${k}`, { defaultValue: k })}</option>)}
          </select>
        </label>
        <div role="group" aria-label={t('inbox.view')} className="tabs">
          <button type="button" aria-pressed={view === 'list'} onClick={() => setView('list')} data-testid="warnings-view-list">{t('inbox.list')}</button>
          <button type="button" aria-pressed={view === 'map'} onClick={() => setView('map')} data-testid="warnings-view-map">{t('inbox.map')}</button>
        </div>
        <a className="button" href={`/api/warnings${qs({ ...filters, format: 'xlsx' })}`} download>{t('points.exportXlsx')}</a>
      </div>
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
                <th scope="col">#</th><th scope="col">{t('points.enterprise')}</th><th scope="col">{t('inbox.kind')}</th><th scope="col">{t('warnings.severity')}</th>
                <th scope="col">{t('warnings.status')}</th><th scope="col">{t('warnings.span')}</th>
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
                  <td><a href={`#/warnings/${w.id}`}>{w.id}</a></td>
                  <td data-label={t('points.enterprise')}>{w.enterpriseName} {w.outletCode}</td>
                  <td>{t(`warnings.kinds.${w.kind}`, { defaultValue: w.kind })} {factorText(w, i18n.language)}</td>
                  <td><span className={`badge sev-${w.severity}`}>{t(`warnings.severities.${w.severity}`)}</span></td>
                  <td data-testid="warning-status">{t(`warnings.states.${w.status}`, { defaultValue: w.status })}{w.answer !== null ? ` · ${t('inbox.answered')}` : ''}</td>
                  <td>{beijing(w.from)} – {beijing(w.to)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 && <p>{t('warnings.none')}</p>}
          {list.data.nextCursor !== null && <p className="muted">{t('inbox.more', { count: items.length })}</p>}
        </div>
      )}
    </div>
  );
}
