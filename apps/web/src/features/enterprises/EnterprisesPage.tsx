import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import type { Enterprise, Page } from '@ecoenforce/contract';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';

/** Enterprises in scope with search and export. */
export function EnterprisesPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const list = useAsync(() => api<Page<Enterprise>>(`/api/enterprises${qs({ q: query, limit: 500 })}`), [query]);
  return (
    <div>
      <h1>{t('enterprise.list')}</h1>
      <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); setQuery(q); }}>
        <label>
          {t('points.searchLabel')}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} data-testid="enterprises-search" />
        </label>
        <button type="submit">{t('points.searchLabel')}</button>
        <a className="button" href={`/api/enterprises${qs({ q: query, format: 'csv' })}`} download data-testid="export-enterprises-csv">{t('points.exportCsv')}</a>
        <a className="button" href={`/api/enterprises${qs({ q: query, format: 'xlsx' })}`} download data-testid="export-enterprises-xlsx">{t('points.exportXlsx')}</a>
      </form>
      {list.error !== undefined && <Failed error={list.error} retry={list.reload} />}
      {list.data === undefined ? <Loading /> : (
        <div className="table-wrap">
          <table data-testid="enterprises-table">
            <thead><tr><th scope="col">{t('points.enterprise')}</th><th scope="col">{t('enterprise.uscc')}</th><th scope="col">{t('points.region')}</th><th scope="col">{t('enterprise.industry')}</th><th scope="col">{t('enterprise.points')}</th></tr></thead>
            <tbody>
              {list.data.items.map((e) => (
                <tr key={e.id}>
                  <td data-label={t('points.enterprise')}><a href={`#/enterprises/${e.id}`}>{e.name}</a></td>
                  <td data-label={t('enterprise.uscc')}><code>{e.uscc}</code></td>
                  <td data-label={t('points.region')}>{e.regionName}</td>
                  <td data-label={t('enterprise.industry')}>{e.industryName ?? t(`industry.${e.industry}`, { defaultValue: e.industry })}</td>
                  <td data-label={t('enterprise.points')}>{e.pointCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
