// The dynamic list of inspection objects (动态检查对象名录, issue 4 §6b): every unit in the user's region
// ranked by its violation-risk score of the day, filterable by tier, with what drives each score and the
// change since the day before; exportable. The tiers set the random-inspection shares of the next issue.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import { beijing, num } from '../../components/format.ts';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { TierBadge } from './TierBadge.tsx';
import type { RiskList, RiskTier } from '@ecoenforce/contract';
import { useRegionName } from '../../components/RegionSelect.tsx';

const TIERS: RiskTier[] = ['high', 'medium', 'low'];

export function RiskPage() {
  const { t } = useTranslation();
  const regionName = useRegionName();
  const [tier, setTier] = useState<RiskTier | ''>('');
  const data = useAsync(() => api<RiskList>(`/api/risk${qs({ tier })}`), [tier]);
  const d = data.data;
  const change = (score: number, previous: number | null): string => {
    if (previous === null) return '—';
    const delta = Math.round((score - previous) * 10) / 10;
    return delta > 0 ? `↑ ${delta}` : delta < 0 ? `↓ ${-delta}` : '→';
  };
  return (
    <div>
      <h1>{t('risk.title')}</h1>
      <p className="muted">{t('risk.intro')}</p>
      <div className="filters">
        <label>
          {t('risk.tier')}{' '}
          <select value={tier} onChange={(e) => setTier(e.target.value as RiskTier | '')} data-testid="risk-tier-filter">
            <option value="">{t('risk.allTiers')}</option>
            {TIERS.map((x) => <option key={x} value={x}>{t(`risk.tiers.${x}`)}</option>)}
          </select>
        </label>
        {d !== undefined && d.day !== null && (
          <>
            <span data-testid="risk-day">{t('risk.day', { day: beijing(d.day).slice(0, 10) })}</span>
            <span data-testid="risk-counts">{t('risk.counts', { high: d.counts.high, medium: d.counts.medium, low: d.counts.low })}</span>
            <a className="button" href={`/api/risk${qs({ tier, format: 'xlsx' })}`} download>{t('points.exportXlsx')}</a>
            <a className="button" href={`/api/risk${qs({ tier, format: 'csv' })}`} download>{t('points.exportCsv')}</a>
          </>
        )}
      </div>
      {data.error !== undefined && <Failed error={data.error} retry={data.reload} />}
      {d === undefined ? <Loading /> : d.items.length === 0 ? <p data-testid="risk-none">{t('risk.none')}</p> : (
        <div className="table-wrap">
          <table data-testid="risk-table">
            <thead>
              <tr>
                <th scope="col">{t('risk.rank')}</th><th scope="col">{t('points.enterprise')}</th><th scope="col">{t('points.region')}</th>
                <th scope="col">{t('enterprise.category')}</th><th scope="col">{t('risk.score')}</th><th scope="col">{t('risk.tier')}</th>
                <th scope="col">{t('risk.change')}</th><th scope="col">{t('risk.drivers')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((r) => (
                <tr key={r.enterpriseId} data-testid="risk-row" data-enterprise={r.enterpriseId}>
                  <td>{r.rank}</td>
                  <td><a href={`#/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</a></td>
                  <td title={r.regionCode}>{regionName(r.regionCode)}</td>
                  <td>{r.managementCategory === null ? '—' : t(`category.${r.managementCategory}`, { defaultValue: r.managementCategory })}</td>
                  <td data-testid="risk-score">{num(r.score, 1)}</td>
                  <td><TierBadge tier={r.tier} /></td>
                  <td>{change(r.score, r.previousScore)}</td>
                  <td>{r.top.length === 0 ? t('risk.staticOnly') : r.top.map((x) => `${t(`risk.factors.${x.factor}`)} ${num(x.points, 1)}`).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
