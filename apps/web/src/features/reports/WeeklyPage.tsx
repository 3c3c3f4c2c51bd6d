// The weekly serious-exceedance list: units with exceeded hours in the week, serious ones first, the
// trend against last week and the follow-up of last week's warnings; exportable.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import { beijing, num } from '../../components/format.ts';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import type { WeeklyReport } from '@ecoenforce/contract';

const WEEK = 7 * 24 * 3600_000;

export function WeeklyPage() {
  const { t, i18n } = useTranslation();
  const [week, setWeek] = useState<number | undefined>(undefined);
  const data = useAsync(() => api<WeeklyReport>(`/api/reports/weekly${qs({ week })}`), [week]);
  const d = data.data;
  return (
    <div>
      <h1>{t('weekly.title')}</h1>
      <p className="muted">{t('weekly.rule')}</p>
      <div className="filters">
        <button type="button" onClick={() => d && setWeek(d.weekStart - WEEK)} data-testid="weekly-prev">{t('weekly.prev')}</button>
        <strong data-testid="weekly-range">{d === undefined ? '…' : `${beijing(d.weekStart).slice(0, 10)} – ${beijing(d.weekEnd - 1).slice(0, 10)}`}</strong>
        <button type="button" onClick={() => d && setWeek(d.weekStart + WEEK)}>{t('weekly.next')}</button>
        {d !== undefined && <a className="button" href={`/api/reports/weekly${qs({ week: d.weekStart, format: 'xlsx' })}`} download>{t('points.exportXlsx')}</a>}
      </div>
      {data.error !== undefined && <Failed error={data.error} retry={data.reload} />}
      {d === undefined ? <Loading /> : d.rows.length === 0 ? <p>{t('weekly.none')}</p> : (
        <div className="table-wrap">
          <table data-testid="weekly-table">
            <thead>
              <tr>
                <th scope="col">{t('points.enterprise')}</th><th scope="col">{t('weekly.hours')}</th><th scope="col">{t('weekly.worst')}</th><th scope="col">{t('weekly.serious')}</th>
                <th scope="col">{t('point.factor')}</th><th scope="col">{t('weekly.trend')}</th><th scope="col">{t('weekly.followUp')}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.enterpriseId}>
                  <td><a href={`#/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</a></td>
                  <td>{r.exceededHours}{r.exceededDays > 0 ? ` · ${t('weekly.days', { count: r.exceededDays })}` : ''}</td>
                  <td>{num(r.worstRatio)}×</td>
                  <td>{r.serious ? <span className="badge sev-high">{t('weekly.yes')}</span> : t('weekly.no')}</td>
                  <td title={r.factors.join(' ')}>{(i18n.language === 'en' ? r.factorNamesEn : r.factorNames).join(i18n.language === 'en' ? ', ' : '、')}</td>
                  <td>{r.exceededHours > r.previousHours ? '↑' : r.exceededHours < r.previousHours ? '↓' : '→'} {t('weekly.lastWeek', { count: r.previousHours })}</td>
                  <td>{Object.entries(r.previousStatuses).map(([s, n]) => `${t(`warnings.states.${s}`, { defaultValue: s })} ${n}`).join(' · ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
