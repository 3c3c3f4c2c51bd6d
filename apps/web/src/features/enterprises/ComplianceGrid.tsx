// An enterprise's 12-month compliance grid (issue 4 §8, after EPA ECHO's compliance history): a row per
// point and factor with a limit, a column per Beijing month; each cell gives the exceeded hours (and days
// for daily limits), the share of hours with a valid value and the month's warnings, coloured by status
// with a symbol as well (colour is never the only cue). A cell opens that month of the point's compliance chart.
import { useState } from 'react';
import type { CellStatus, ComplianceGrid as Grid } from '@ecoenforce/contract';
import { useTranslation } from 'react-i18next';
import { api, ApiError, qs } from '../../api/client.ts';
import { num } from '../../components/format.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';


const STYLE: Record<CellStatus, { background: string; symbol: string }> = {
  compliant: { background: '#dafbe1', symbol: '✓' },
  exceeded: { background: '#ffd8d3', symbol: '✕' },
  insufficient: { background: '#fff1c2', symbol: '?' },
  no_data: { background: '#eaeef2', symbol: '—' },
  no_limit: { background: 'transparent', symbol: '' },
};

const TIGHT = { padding: '0.25rem 0.35rem', textAlign: 'center' } as const;

export function ComplianceGrid({ enterpriseId }: { enterpriseId: number }) {
  const { t, i18n } = useTranslation();
  const [to, setTo] = useState('');
  const grid = useAsync(() => api<Grid>(`/api/enterprises/${enterpriseId}/compliance-grid${qs({ to })}`), [enterpriseId, to]);
  const g = grid.data;
  // Roles without monitoring data (the verifier) see the enterprise page without the grid.
  if (grid.error instanceof ApiError && grid.error.status === 403) return null;
  const warningsText = (w: Record<string, number>): string => Object.entries(w).map(([k, n]) => `${t(`warnings.kinds.${k}`, { defaultValue: k })} ${n}`).join('、');
  return (
    <Section title={t('grid.title')} testId="compliance-grid">
      <div className="filters">
        <label>
          {t('grid.to')}
          <input type="month" value={to || (g?.months.at(-1)?.month ?? '')} onChange={(e) => setTo(e.target.value)} data-testid="grid-to" />
        </label>
        <a href={`#/markings/${enterpriseId}`} data-testid="grid-markings-link">{t('grid.markings')}</a>
      </div>
      <ul className="map-legend" aria-label={t('grid.legend')}>
        {(['compliant', 'exceeded', 'insufficient', 'no_data'] as const).map((s) => (
          <li key={s}><i style={{ background: STYLE[s].background, border: '1px solid #d0d7de' }} aria-hidden="true" /> {STYLE[s].symbol} {t(`grid.status.${s}`)}</li>
        ))}
        {g !== undefined && <li className="muted">{t('grid.rule', { share: Math.round(g.minValidShare * 100) })}</li>}
      </ul>
      {grid.error !== undefined && <Failed error={grid.error} retry={grid.reload} />}
      {g === undefined ? <Loading /> : g.rows.length === 0 ? <p>{t('grid.none')}</p> : (
        <div className="table-wrap">
          <table className="grid-table" data-testid="grid-table">
            <thead>
              <tr>
                <th scope="col">{t('points.outlet')} · {t('point.factor')}</th><th scope="col">{t('enterprise.limit')}</th>
                {g.months.map((m) => <th scope="col" key={m.month} style={TIGHT}>{m.month.slice(2)}</th>)}
              </tr>
            </thead>
            <tbody>
              {g.rows.map((r) => (
                <tr key={`${r.pointId}-${r.factor ?? ''}`}>
                  <th scope="row" style={{ whiteSpace: 'normal' }}>
                    <a href={`#/points/${r.pointId}`} title={`MN ${r.mn}`}>{r.outletCode}</a> {r.factor === null ? t('grid.pointWarnings') : (i18n.language === 'zh' ? r.factorName : r.factorNameEn) ?? r.factor}
                  </th>
                  <td style={{ whiteSpace: 'normal', fontSize: '0.85rem' }}>
                    {r.limits.map((l, i) => (
                      <div key={i} title={l.permitNumber === null ? undefined : t('chart.permit', { number: l.permitNumber })}>
                        {num(l.limit)} {l.unit} · {t(`basis.${l.basis}`)}
                      </div>
                    ))}
                  </td>
                  {r.cells.map((c) => {
                    const nWarnings = Object.values(c.warnings).reduce((a, b) => a + b, 0);
                    const label = [
                      `${c.month} ${t(`grid.status.${c.status}`)}`,
                      c.exceededHours === null ? '' : t('grid.exceededHours', { count: c.exceededHours }),
                      c.exceededDays === null ? '' : t('grid.exceededDays', { count: c.exceededDays }),
                      c.validShare === null || r.factor === null ? '' : t('grid.validShare', { share: Math.round(c.validShare * 100) }),
                      nWarnings === 0 ? '' : `${t('nav.warnings')}: ${warningsText(c.warnings)}`,
                    ].filter(Boolean).join(' · ');
                    const href = r.factor === null ? `#/points/${r.pointId}` : `#/points/${r.pointId}?factor=${encodeURIComponent(r.factor)}&month=${c.month}`;
                    return (
                      <td key={c.month} style={{ ...TIGHT, background: STYLE[c.status].background }} data-testid={`grid-cell-${r.pointId}-${r.factor ?? 'point'}-${c.month}`} data-status={c.status}>
                        <a href={href} title={label} aria-label={label}>
                          {STYLE[c.status].symbol}
                          {(c.exceededHours ?? 0) > 0 && <div>{c.exceededHours}h</div>}
                          {(c.exceededDays ?? 0) > 0 && <div>{c.exceededDays}d</div>}
                          {c.validShare !== null && r.factor !== null && c.status !== 'no_limit' && c.status !== 'no_data' && <div><small>{Math.round(c.validShare * 100)}%</small></div>}
                          {nWarnings > 0 && <div><small>⚑{nWarnings}</small></div>}
                        </a>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
