// The monthly notification (月度通报): the month's figures by region with last month's beside them, the
// definitions behind each figure, and the notice itself as PDF and the table as XLSX.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import { beijingMonth } from '../../components/format.ts';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import type { MonthFigures, MonthlyReport } from '@ecoenforce/contract';
import { platformNow } from '../../components/clock.ts';

const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

/** 'YYYY-MM' moved by `delta` months. */
function shift(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * 'YYYY-MM' as the UI language writes it (zh: 2026年10月, en: October 2026). Not the browser's month input,
 * which follows the browser's locale whatever the console's language.
 */
function monthLabel(month: string, language: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const locale = language.startsWith('zh') ? 'zh-CN' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** The months to pick from: the last three years up to this Beijing month, and the one shown if older or later. */
function monthChoices(shown: string | undefined): string[] {
  const current = beijingMonth(platformNow());
  const months = Array.from({ length: 36 }, (_, i) => shift(current, -i));
  if (shown !== undefined && !months.includes(shown)) months.push(shown);
  return months.sort().reverse();
}

function Trend({ now, before, show = String }: { now: number | null; before: number | null; show?: (v: number | null) => string }) {
  const { t } = useTranslation();
  const arrow = now === null || before === null ? '' : now > before ? '↑' : now < before ? '↓' : '→';
  return (
    <>
      {show(now)} {arrow !== '' && <span aria-hidden="true">{arrow}</span>}
      <br />
      <small className="muted">{t('monthly.lastMonth', { value: show(before) })}</small>
    </>
  );
}

function Cells({ c, p }: { c: MonthFigures; p: MonthFigures }) {
  return (
    <>
      <td>{c.units}</td>
      <td>{c.points}</td>
      <td><Trend now={c.transmissionRate} before={p.transmissionRate} show={pct} /></td>
      <td><Trend now={c.exceededHours} before={p.exceededHours} /></td>
      <td>{c.exceededDays}</td>
      <td><Trend now={c.exceedanceUnits} before={p.exceedanceUnits} /></td>
      <td><Trend now={c.warnings} before={p.warnings} /></td>
      <td>{c.confirmed} / {c.dismissed} / {c.closed}</td>
      <td><Trend now={c.supervised} before={p.supervised} /></td>
      <td>{c.rectified}</td>
      <td>{c.punished}</td>
    </>
  );
}

export function MonthlyPage() {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState<string | undefined>(undefined);
  const data = useAsync(() => api<MonthlyReport>(`/api/reports/monthly${qs({ month })}`), [month]);
  const d = data.data;
  const kinds = d === undefined ? [] : Object.entries(d.total.current.warningsByKind).sort((a, b) => b[1] - a[1]);
  return (
    <div>
      <h1>{t('monthly.title')}</h1>
      <div className="filters">
        <button type="button" onClick={() => d && setMonth(shift(d.month, -1))} data-testid="monthly-prev">{t('monthly.prev')}</button>
        <label>
          {t('monthly.month')}{' '}
          <select value={d?.month ?? month ?? ''} onChange={(e) => setMonth(e.target.value)} data-testid="monthly-month">
            {d === undefined && month === undefined && <option value="">…</option>}
            {monthChoices(d?.month ?? month).map((m) => <option key={m} value={m}>{monthLabel(m, i18n.language)}</option>)}
          </select>
        </label>
        <button type="button" onClick={() => d && setMonth(shift(d.month, 1))}>{t('monthly.next')}</button>
        {d !== undefined && (
          <>
            <a className="button" href={`/api/reports/monthly${qs({ month: d.month, format: 'pdf' })}`} download data-testid="monthly-pdf">{t('monthly.pdf')}</a>
            <a className="button" href={`/api/reports/monthly${qs({ month: d.month, format: 'xlsx' })}`} download data-testid="monthly-xlsx">{t('monthly.xlsx')}</a>
          </>
        )}
      </div>
      {data.error !== undefined && <Failed error={data.error} retry={data.reload} />}
      {d === undefined ? <Loading /> : (
        <>
          <p data-testid="monthly-summary">
            {t('monthly.summary', { region: d.region.name, month: monthLabel(d.month, i18n.language), units: d.total.current.units, points: d.total.current.points, rate: pct(d.total.current.transmissionRate), hours: d.total.current.exceededHours, warnings: d.total.current.warnings })}
            {kinds.length > 0 && ` ${t('monthly.byKind')}${kinds.map(([k, n]) => `${t(`monthly.kinds.${k}`, { defaultValue: k })} ${n}`).join('、')}`}
          </p>
          <div className="table-wrap">
            <table data-testid="monthly-table">
              <thead>
                <tr>
                  <th scope="col">{t('monthly.region')}</th><th scope="col">{t('monthly.units')}</th><th scope="col">{t('monthly.points')}</th><th scope="col">{t('monthly.rate')}</th>
                  <th scope="col">{t('monthly.hours')}</th><th scope="col">{t('monthly.days')}</th><th scope="col">{t('monthly.exceedanceUnits')}</th><th scope="col">{t('monthly.warnings')}</th>
                  <th scope="col">{t('monthly.decided')}</th><th scope="col">{t('monthly.supervised')}</th><th scope="col">{t('monthly.rectified')}</th><th scope="col">{t('monthly.punished')}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={r.regionCode} data-testid={`monthly-row-${r.regionCode}`}>
                    <th scope="row">{r.regionName}</th>
                    <Cells c={r.current} p={r.previous} />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr data-testid="monthly-total">
                  <th scope="row">{t('monthly.total')}</th>
                  <Cells c={d.total.current} p={d.total.previous} />
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="notice" data-testid="monthly-punished-note">{t('monthly.punishedNote')}</p>
          <section className="card" data-testid="monthly-definitions">
            <h2>{t('monthly.definitions')}</h2>
            <ol>
              <li>{t('monthly.defs.scope')}</li>
              <li>{t('monthly.defs.rate')}</li>
              <li>{t('monthly.defs.hours')}</li>
              <li>{t('monthly.defs.warnings')}</li>
              <li>{t('monthly.defs.supervised')}</li>
            </ol>
          </section>
        </>
      )}
    </div>
  );
}
