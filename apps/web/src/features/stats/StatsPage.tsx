// Enforcement statistics (issue 5 §10) of the user's region: the headline figures in the bureaus' style, a
// period and a grouping, a chart of one measure, the table whose every case figure opens the cases it counts
// and every rectification figure the rectification list filtered as it counts (the API's per-cell link), and
// the XLSX download of the same numbers.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { cellText, count, yuan } from './figures.ts';
import { StatsChart } from './StatsChart.tsx';
import type { CaseSummary, EnforcementStats, Measure, StatsGroupBy, StatsLink } from '@ecoenforce/contract';
import { MEASURES } from './types.ts';

const GROUPS: StatsGroupBy[] = ['region', 'matter', 'industry', 'month'];
type Preset = 'month' | 'quarter' | 'year' | 'custom';
const RECT: ReadonlySet<Measure> = new Set(['rectOrdered', 'rectClosed', 'rectCorrected', 'rectRate', 'rectOnTime', 'rectLate']);
const DAILY: ReadonlySet<Measure> = new Set(['dailyPenaltyRounds', 'dailyPenaltyAmount']);
/** GET /api/rectifications: the console shows it at #/rectifications with the same query. */
const RECT_LIST = '/api/rectifications';

/** The cases behind one figure: the cell's link (GET /api/cases with the figure's filters). */
function CaseList({ link, title }: { link: StatsLink; title: string }) {
  const { t } = useTranslation();
  const data = useAsync(() => api<{ items: CaseSummary[] }>(`${link.path}${qs({ ...link.query, limit: 200 })}`), [link]);
  return (
    <Section title={title} testId="stats-drill">
      {data.error !== undefined ? <p role="alert">{t('stats.noCaseAccess')}</p> : data.data === undefined ? <Loading /> : data.data.items.length === 0 ? <p>{t('cases.none')}</p> : (
        <div className="table-wrap">
          <table data-testid="stats-drill-table">
            <thead><tr><th scope="col">{t('cases.number')}</th><th scope="col">{t('points.enterprise')}</th><th scope="col">{t('cases.matter')}</th><th scope="col">{t('cases.state')}</th><th scope="col">{t('cases.amount')}</th></tr></thead>
            <tbody>
              {data.data.items.map((c) => (
                <tr key={c.id} data-testid="stats-drill-row">
                  <td><a href={`#/cases/${c.id}`}>{c.number}</a></td><td>{c.enterpriseName}</td><td>{c.matterCode}</td>
                  <td>{t(`cases.states.${c.state}`)}</td><td>{c.amount === null ? '—' : count(c.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

export function StatsPage() {
  const { t, i18n } = useTranslation();
  const [preset, setPreset] = useState<Preset>('year');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [groupBy, setGroupBy] = useState<StatsGroupBy>('region');
  const [measure, setMeasure] = useState<Measure>('fined');
  const [drill, setDrill] = useState<{ link: StatsLink; title: string } | null>(null);
  const params = preset === 'custom' ? { from: from || undefined, to: to || undefined, groupBy } : { preset, groupBy };
  const data = useAsync(() => api<EnforcementStats>(`/api/stats/enforcement${qs(params)}`), [preset, from, to, groupBy]);
  const d = data.data;
  const lang = i18n.language;
  const shown = useMemo(() => MEASURES.filter((m) => (!RECT.has(m) || d?.available.rectifications !== false) && (!DAILY.has(m) || d?.available.dailyPenalties !== false)), [d]);
  const chart = useMemo(() => (d === undefined ? null : { labels: d.rows.map((r) => r.label), values: d.rows.map((r) => r.cells[measure].value ?? 0) }), [d, measure]);

  const total = d?.total.cells;
  return (
    <div>
      <h1>{t('stats.title')}</h1>
      <div className="filters">
        <div className="tabs" role="tablist" aria-label={t('stats.period')}>
          {(['month', 'quarter', 'year', 'custom'] as const).map((p) => (
            <button key={p} type="button" role="tab" aria-selected={preset === p} className={preset === p ? 'primary' : undefined} onClick={() => setPreset(p)} data-testid={`stats-preset-${p}`}>
              {t(`stats.presets.${p}`)}
            </button>
          ))}
        </div>
        {preset === 'custom' && (
          <>
            <label>{t('stats.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="stats-from" /></label>
            <label>{t('stats.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="stats-to" /></label>
          </>
        )}
        {d !== undefined && <a className="button" href={`/api/stats/enforcement${qs({ from: d.period.from, to: d.period.to, groupBy, format: 'xlsx' })}`} download data-testid="stats-xlsx">{t('points.exportXlsx')}</a>}
      </div>
      {data.error !== undefined && <Failed error={data.error} retry={data.reload} />}
      {d === undefined || total === undefined ? (data.error === undefined ? <Loading /> : null) : (
        <>
          <p className="muted" data-testid="stats-period">{d.region.name} · {d.period.from} — {d.period.to}</p>
          <div className="figures" data-testid="stats-headline">
            <p><strong data-testid="stats-headline-fines">{t('stats.headline', { cases: count(total.fined.value ?? 0), amount: yuan(total.fineAmount.value ?? 0, lang) })}</strong></p>
            <p>{t('stats.headlineExempted', { n: count(total.exempted.value ?? 0) })}</p>
            <p>{t('stats.headlineTransferred', { n: count(total.transferSent.value ?? 0) })}</p>
            {d.available.rectifications && <p>{t('stats.headlineRect', { rate: cellText('rectRate', total.rectRate, lang), n: count(total.rectClosed.value ?? 0) })}</p>}
          </div>
          <div className="tabs" role="tablist" aria-label={t('stats.groupBy')}>
            {GROUPS.map((g) => (
              <button key={g} type="button" role="tab" aria-selected={groupBy === g} className={groupBy === g ? 'primary' : undefined} onClick={() => { setGroupBy(g); setDrill(null); }} data-testid={`stats-group-${g}`}>
                {t(`stats.groups.${g}`)}
              </button>
            ))}
          </div>
          <label>
            {t('stats.chartMeasure')}{' '}
            <select value={measure} onChange={(e) => setMeasure(e.target.value as Measure)} data-testid="stats-measure">
              {shown.map((m) => <option key={m} value={m}>{t(`stats.measures.${m}`)}</option>)}
            </select>
          </label>
          {chart !== null && <StatsChart labels={chart.labels} values={chart.values} name={t(`stats.measures.${measure}`)} kind={groupBy === 'month' ? 'line' : 'bar'} />}
          <div className="table-wrap">
            <table data-testid="stats-table">
              <thead>
                <tr><th scope="col">{t(`stats.groups.${groupBy}`)}</th>{shown.map((m) => <th key={m} scope="col">{t(`stats.measures.${m}`)}</th>)}</tr>
              </thead>
              <tbody>
                {[...d.rows, d.total].map((r) => (
                  <tr key={r.key} data-testid="stats-row" data-key={r.key}>
                    <th scope="row">{r.key === 'total' ? t('stats.total') : r.label}</th>
                    {shown.map((m) => {
                      const cell = r.cells[m];
                      const text = cellText(m, cell, lang);
                      const link = cell.link;
                      // Case figures open their cases here; rectification figures open the rectification list with
                      // the cell's filters (a rate: the orders closed, of which it is the corrected share).
                      return (
                        <td key={m} data-measure={m}>
                          {link !== null && link.path === '/api/cases' && cell.value !== 0 ? (
                            <a href={`#/stats`} onClick={(e) => { e.preventDefault(); setDrill({ link, title: `${r.key === 'total' ? t('stats.total') : r.label} · ${t(`stats.measures.${m}`)}` }); }}>{text}</a>
                          ) : link !== null && link.path === RECT_LIST && cell.value !== null && (cell.value !== 0 || m === 'rectRate') ? (
                            <a href={`#/rectifications${qs(link.query)}`} data-testid="stats-rect-link">{text}</a>
                          ) : <span title={link === null ? undefined : `${link.path}${qs(link.query)}`}>{text}</span>}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {drill !== null && <CaseList key={JSON.stringify(drill.link)} link={drill.link} title={drill.title} />}
        </>
      )}
    </div>
  );
}
