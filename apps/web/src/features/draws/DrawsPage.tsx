// Double random (双随机, issue 5 §2) for staff: the policy in force, running a draw from a published value,
// the draws of the region with their verification, the officers' yearly quota, and the positive list and
// conflicts of interest.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Role } from '@ecoenforce/contract';
import { beijing, periodText } from '../../components/format.ts';
import { RegionSelect, useRegionName } from '../../components/RegionSelect.tsx';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { go } from '../../router.ts';
import { DrawDetail } from './DrawDetail.tsx';
import { DrawLists } from './DrawLists.tsx';
import { DrawQuotaPanel } from './DrawQuota.tsx';
import type { DrawOfficerPool, DrawPolicyAnswer, StoredDraw } from '@ecoenforce/contract';

/** The quarter of today in Beijing, e.g. 2026-Q4. */
function currentQuarter(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

export function DrawsPage({ role, id }: { role: Role; id: number | null }) {
  const { t, i18n } = useTranslation();
  const canRun = role === 'head' || role === 'dispatcher';
  const regionName = useRegionName();
  const policy = useAsync(() => api<DrawPolicyAnswer>('/api/draws/policy'), []);
  const draws = useAsync(() => api<{ items: StoredDraw[] }>('/api/draws'), []);
  const [period, setPeriod] = useState(currentQuarter);
  const [published, setPublished] = useState('');
  const [regionCode, setRegionCode] = useState('');
  const [officerPool, setDrawOfficerPool] = useState<DrawOfficerPool>('own');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  if (id !== null) return <DrawDetail id={id} canRun={canRun} />;

  async function run(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // The default policy with the chosen pool; 'own' posts no policy, the server's default.
      const base = policy.data?.policy;
      const withPool = officerPool === 'own' || base === undefined ? {} : { policy: { ...base, officerPool } };
      const d = await api<StoredDraw>('/api/draws', { method: 'POST', body: { period, published, ...(regionCode === '' ? {} : { regionCode }), ...withPool } });
      draws.reload(); // the list under '← 抽查记录' shows the new draw without a page reload
      go(`/draws/${d.id}`);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }

  const p = policy.data?.policy;
  return (
    <>
      <h1>{t('draws.title')}</h1>
      <Section title={t('draws.policy')} testId="draw-policy">
        {policy.error !== undefined && <Failed error={policy.error} />}
        {p === undefined ? <Loading /> : (
          <ul>
            <li>{t('draws.tierPercent', { high: p.tierPercent.high, medium: p.tierPercent.medium, low: p.tierPercent.low })}</li>
            <li>{t('draws.floor', { city: p.keyUnitMinimumPercent.city, county: p.keyUnitMinimumPercent.county })}</li>
            <li>{t('draws.officersPerObject', { count: p.officersPerObject })}</li>
            {/* The default policy's source and the algorithm's count rule are stored in English: worded here instead. */}
            <li className="muted" data-testid="draw-policy-source">{p.id === 'default' ? t('draws.defaultSource') : p.source}</li>
            <li className="muted" title={`${policy.data!.algorithm.name} v${policy.data!.algorithm.version}: ${policy.data!.algorithm.countRule}`}>{t('draws.algorithmZh', { version: policy.data!.algorithm.version })}</li>
          </ul>
        )}
      </Section>
      {canRun && (
        <Section title={t('draws.run')} testId="draw-run">
          <form className="filters" onSubmit={(e) => void run(e)}>
            <label>{t('draws.period')} <input value={period} onChange={(e) => setPeriod(e.target.value)} required data-testid="draw-period" /></label>
            <label>{t('draws.published')} <input value={published} onChange={(e) => setPublished(e.target.value)} required placeholder={t('draws.publishedHint')} data-testid="draw-published" /></label>
            <RegionSelect label={t('draws.region')} value={regionCode} onChange={setRegionCode} testId="draw-region" />
            <label title={t('draws.poolNote')}>{t('draws.officerPool')}{' '}
              <select value={officerPool} onChange={(e) => setDrawOfficerPool(e.target.value as DrawOfficerPool)} data-testid="draw-pool">
                <option value="own">{t('draws.pool.own')}</option>
                <option value="withBranches">{t('draws.pool.withBranches')}</option>
              </select>
            </label>
            {/* The pool is posted inside the default policy, so wait for it before drawing with branches. */}
            <button type="submit" className="primary" disabled={busy || (officerPool !== 'own' && p === undefined)} data-testid="draw-submit">{t('draws.submit')}</button>
          </form>
          <p className="muted">{t('draws.poolNote')}</p>
          {error !== undefined && <Failed error={error} />}
        </Section>
      )}
      <Section title={t('draws.list')} testId="draw-list">
        {draws.error !== undefined && <Failed error={draws.error} retry={draws.reload} />}
        {draws.data === undefined ? <Loading /> : draws.data.items.length === 0 ? <p>{t('draws.none')}</p> : (
          <div className="table-wrap">
            <table>
              <thead><tr><th scope="col">#</th><th scope="col">{t('draws.region')}</th><th scope="col">{t('draws.period')}</th><th scope="col">{t('draws.drawnAt')}</th><th scope="col">{t('draws.objects')}</th><th scope="col">{t('draws.state')}</th></tr></thead>
              <tbody>
                {draws.data.items.map((d) => (
                  <tr key={d.id} data-testid="draw-row">
                    <td><a href={`#/draws/${d.id}`}>{d.id}</a></td><td>{regionName(d.regionCode)}</td><td title={d.period}>{periodText(d.period, i18n.language)}</td><td>{beijing(d.drawnAt)}</td>
                    <td>{d.record.objects.length} + {d.record.offSite.length}</td><td>{d.voided === null ? t('draws.standing') : t('draws.voided', { reason: d.voided.reason })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <DrawQuotaPanel />
      <DrawLists canRun={canRun} />
    </>
  );
}
