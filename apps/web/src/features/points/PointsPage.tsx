// All monitoring points in scope: search, status and region filters, paging, CSV/XLSX export of the filter.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import type { DeviceSummary, Page, PointSummary, Region } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';
import { Failed, Loading, StatusBadge } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';

/** A row of /api/points, or of /api/devices (with how long it has been offline). */
type Row = PointSummary | DeviceSummary;

export function PointsPage({ devices = false }: { devices?: boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('');
  const [region, setRegion] = useState('');
  const [items, setItems] = useState<Row[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const base = devices ? '/api/devices' : '/api/points';
  const filter = { q: query, status, region };
  const first = useAsync(() => api<Page<Row>>(`${base}${qs({ ...filter, limit: 50 })}`), [base, query, status, region]);
  const regions = useAsync(() => api<Region[]>('/api/regions').catch(() => [] as Region[]), []);
  useEffect(() => {
    if (first.data === undefined) return;
    setItems(first.data.items);
    setCursor(first.data.nextCursor);
  }, [first.data]);

  async function more(): Promise<void> {
    if (cursor === null) return;
    const p = await api<Page<Row>>(`${base}${qs({ ...filter, limit: 50, cursor })}`);
    setItems((xs) => [...xs, ...p.items]);
    setCursor(p.nextCursor);
  }

  return (
    <div>
      <h1>{devices ? t('devices.title') : t('points.title')}</h1>
      <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); setQuery(q); }}>
        <label>
          {t('points.searchLabel')}
          <input type="search" value={q} placeholder={t('points.search')} onChange={(e) => setQ(e.target.value)} data-testid="points-search" />
        </label>
        <label>
          {t('points.statusFilter')}
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="points-status">
            <option value="">{t('status.all')}</option>
            <option value="online">{t('status.online')}</option>
            <option value="warning">{t('status.warning')}</option>
            <option value="offline">{t('status.offline')}</option>
          </select>
        </label>
        <label>
          {t('points.regionFilter')}
          <select value={region} onChange={(e) => setRegion(e.target.value)} data-testid="points-region">
            <option value="">{t('points.allRegions')}</option>
            {(regions.data ?? []).map((r) => <option key={r.code} value={r.code}>{r.level === 'county' ? '　' : ''}{r.name}</option>)}
          </select>
        </label>
        <button type="submit">{t('points.searchLabel')}</button>
        <a className="button" href={`${base}${qs({ ...filter, format: 'csv' })}`} download data-testid="export-csv">{t('points.exportCsv')}</a>
        <a className="button" href={`${base}${qs({ ...filter, format: 'xlsx' })}`} download data-testid="export-xlsx">{t('points.exportXlsx')}</a>
      </form>
      {first.error !== undefined && <Failed error={first.error} retry={first.reload} />}
      {first.loading && items.length === 0 ? <Loading /> : (
        <div className="table-wrap">
          <table data-testid="points-table">
            <thead>
              <tr>
                <th scope="col">{t('points.enterprise')}</th><th scope="col">{t('points.outlet')}</th><th scope="col">{t('points.mn')}</th>
                <th scope="col">{t('points.status')}</th><th scope="col">{t('points.lastFrame')}</th>
                {devices && <th scope="col">{t('devices.offlineFor')}</th>}
                <th scope="col">{t('points.crc')}</th><th scope="col">{t('points.drift')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id} data-testid={`point-row-${p.id}`}>
                  <td data-label={t('points.enterprise')}><a href={`#/enterprises/${p.enterpriseId}`}>{p.enterpriseName}</a></td>
                  <td data-label={t('points.outlet')}><a href={`#/points/${p.id}`}>{p.outletCode} {p.outletName}</a> <small>{t(`kind.${p.outletKind}`)}</small></td>
                  <td data-label={t('points.mn')}><code>{p.mn}</code></td>
                  <td data-label={t('points.status')}><StatusBadge status={p.status} /></td>
                  <td data-label={t('points.lastFrame')}>{beijing(p.lastFrameAt)}</td>
                  {devices && <td data-label={t('devices.offlineFor')}>{offlineFor(p, t)}</td>}
                  <td data-label={t('points.crc')}>{p.crcVariant === null ? '—' : t(`points.crcVariants.${p.crcVariant}`, { defaultValue: p.crcVariant })}</td>
                  <td data-label={t('points.drift')}>{p.clockDriftMs === null ? '—' : `${Math.round(p.clockDriftMs / 1000)} s`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 && <p>{t('points.none')}</p>}
        </div>
      )}
      {cursor !== null && <button type="button" onClick={() => void more()} data-testid="points-more">{t('points.more')}</button>}
    </div>
  );
}

function offlineFor(p: Row, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (p.status !== 'offline') return '—';
  const offlineForMs = 'offlineForMs' in p ? p.offlineForMs : undefined;
  if (offlineForMs === null || offlineForMs === undefined) return t('devices.never');
  const min = Math.round(offlineForMs / 60_000);
  if (min < 120) return t('devices.minutes', { count: min });
  if (min < 48 * 60) return t('devices.hours', { count: Math.round(min / 60) });
  return t('devices.days', { count: Math.round(min / 1440) });
}
