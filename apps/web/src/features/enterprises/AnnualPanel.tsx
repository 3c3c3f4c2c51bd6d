// An enterprise's annual permitted quantities (issue 4 §4, 年许可排放量): per outlet and pollutant, the mass
// emitted so far this Beijing year and the year-end forecast, as a bar against the permitted quantity — the
// solid part is the year to date, the lighter part the forecast — with the numbers beside it and a status
// in words (colour is never the only cue).
import { useState } from 'react';
import type { AnnualReport, AnnualRow } from '@ecoenforce/contract';
import { useTranslation } from 'react-i18next';
import { api, ApiError, qs } from '../../api/client.ts';
import { beijing, num } from '../../components/format.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';


const COLOUR: Record<AnnualRow['status'], string> = { within: '#2da44e', forecast_over: '#bf8700', over: '#cf222e', no_quantity: '#8c959f' };

function Bar({ row }: { row: AnnualRow }) {
  const { t } = useTranslation();
  if (row.permittedT === null || row.permittedT <= 0) return null;
  // The scale reaches the larger of the quantity and the forecast, so an overrun stays visible.
  const scale = Math.max(row.permittedT, row.forecastT);
  const pct = (v: number): string => `${Math.min(100, (v / scale) * 100)}%`;
  return (
    <div
      role="img"
      aria-label={t('annual.barLabel', { ytd: num(row.ytdT, 3), forecast: num(row.forecastT, 3), permitted: num(row.permittedT, 3) })}
      style={{ position: 'relative', height: '0.9rem', minWidth: '10rem', background: '#eaeef2', borderRadius: 3 }}
    >
      <div style={{ position: 'absolute', inset: 0, width: pct(row.forecastT), background: COLOUR[row.status], opacity: 0.35, borderRadius: 3 }} />
      <div style={{ position: 'absolute', inset: 0, width: pct(row.ytdT), background: COLOUR[row.status], borderRadius: 3 }} />
      <div style={{ position: 'absolute', top: -2, bottom: -2, left: pct(row.permittedT), borderLeft: '2px solid #1f2328' }} title={t('annual.permitted')} />
    </div>
  );
}

export function AnnualPanel({ enterpriseId }: { enterpriseId: number }) {
  const { t, i18n } = useTranslation();
  const [year, setYear] = useState('');
  const annual = useAsync(() => api<AnnualReport>(`/api/enterprises/${enterpriseId}/annual${qs({ year })}`), [enterpriseId, year]);
  const a = annual.data;
  // Roles without monitoring data (the verifier) see the enterprise page without the panel.
  if (annual.error instanceof ApiError && annual.error.status === 403) return null;
  const name = (r: AnnualRow): string => (i18n.language.startsWith('en') ? r.factorNameEn : r.factorName) ?? r.factor;
  return (
    <Section title={t('annual.title')} testId="annual">
      <div className="filters">
        <label>
          {t('annual.year')}
          <input type="number" min={2000} max={2100} value={year || (a?.year ?? '')} onChange={(e) => setYear(e.target.value)} data-testid="annual-year" />
        </label>
        {a !== undefined && <span className="muted">{t('annual.asOf', { time: beijing(a.asOf).slice(0, 16) })}</span>}
      </div>
      <p className="muted">{t('annual.method')}</p>
      {annual.error !== undefined && <Failed error={annual.error} retry={annual.reload} />}
      {a === undefined ? <Loading /> : a.rows.length === 0 ? <p>{t('annual.none')}</p> : (
        <div className="table-wrap">
          <table data-testid="annual-table">
            <thead>
              <tr>
                <th scope="col">{t('points.outlet')}</th><th scope="col">{t('point.factor')}</th><th scope="col">{t('annual.ytd')}</th>
                <th scope="col">{t('annual.forecast')}</th><th scope="col">{t('annual.permitted')}</th><th scope="col">{t('annual.progress')}</th><th scope="col">{t('annual.statusTitle')}</th>
              </tr>
            </thead>
            <tbody>
              {a.rows.map((r) => (
                <tr key={`${r.outletId}-${r.factor}`} data-status={r.status}>
                  <td>{r.outletCode}</td>
                  <td>{name(r)}</td>
                  <td>{num(r.ytdT, 3)} t <small className="muted">{t('annual.hours', { count: r.hours })}</small></td>
                  <td>{num(r.forecastT, 3)} t{r.recentDailyT === null ? '' : <small className="muted"> · {t('annual.rate', { rate: num(r.recentDailyT, 3) })}</small>}</td>
                  <td>{r.permittedT === null ? '—' : `${num(r.permittedT, 3)} t`}{r.permitNumber === null ? '' : <small className="muted"> · {r.permitNumber}</small>}</td>
                  <td><Bar row={r} /></td>
                  <td style={{ color: COLOUR[r.status] }}>{t(`annual.status.${r.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
