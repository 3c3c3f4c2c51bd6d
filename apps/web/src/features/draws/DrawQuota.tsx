// Officers' yearly quota of general units [W11]: for a region's bureau and a year, what each officer was drawn
// for on site by standing draws, how much is done, and whether the quota of their bureau's level is met.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { RegionSelect, useRegionName } from '../../components/RegionSelect.tsx';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import type { DrawQuota } from '@ecoenforce/contract';

const thisYear = (): number => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

export function DrawQuotaPanel() {
  const { t } = useTranslation();
  const regionName = useRegionName();
  const [region, setRegion] = useState('');
  const [year, setYear] = useState(String(thisYear()));
  // What is asked: the form's values once submitted (empty region: the caller's own).
  const [asked, setAsked] = useState({ region: '', year: String(thisYear()) });
  const quota = useAsync(() => {
    const q = new URLSearchParams({ year: asked.year });
    if (asked.region !== '') q.set('regionCode', asked.region);
    return api<DrawQuota>(`/api/draws/quota?${q.toString()}`);
  }, [asked]);
  const show = (e: FormEvent) => {
    e.preventDefault();
    setAsked({ region: region.trim(), year: year.trim() });
  };
  const q = quota.data;
  return (
    <Section title={t('draws.quota')} testId="draw-quota">
      <form className="filters" onSubmit={show}>
        <RegionSelect label={t('draws.region')} value={region} onChange={setRegion} testId="quota-region" />
        <label>{t('draws.quotaYear')} <input value={year} onChange={(e) => setYear(e.target.value)} pattern="\d{4}" inputMode="numeric" required data-testid="quota-year" /></label>
        <button type="submit">{t('draws.quotaShow')}</button>
      </form>
      {quota.error !== undefined && <Failed error={quota.error} retry={quota.reload} />}
      {q === undefined ? (quota.error === undefined && <Loading />) : (
        <>
          <p className="muted">{t('draws.quotaNote', { region: regionName(q.regionCode), year: q.year, draws: q.draws })}</p>
          <p data-testid="quota-level">{q.quota === null ? t('draws.quotaNone') : t('draws.quotaOfLevel', { level: t(`draws.level.${q.level}`), count: q.quota })}</p>
          {q.officers.length === 0 ? <p>{t('draws.quotaNoOfficers')}</p> : (
            <div className="table-wrap">
              <table>
                <thead><tr><th scope="col">{t('draws.quotaOfficer')}</th><th scope="col">{t('draws.quotaDrawn')}</th><th scope="col">{t('draws.quotaDone')}</th><th scope="col">{t('draws.state')}</th></tr></thead>
                <tbody>
                  {q.officers.map((o) => (
                    <tr key={o.officerId} data-testid="quota-row">
                      <td>{o.name}{o.current ? '' : ` · ${t('draws.quotaNotCurrent')}`}</td><td>{o.drawn}</td><td>{o.done}</td>
                      <td>{o.met === null ? '—' : o.met ? `✓ ${t('draws.quotaMet')}` : `✗ ${t('draws.quotaShort', { count: o.short ?? 0 })}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Section>
  );
}
