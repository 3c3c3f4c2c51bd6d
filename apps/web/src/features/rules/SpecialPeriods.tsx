// Special periods (issue 4 §1): the heavy-pollution weather warnings (重污染天气预警) and special events
// (重大活动保障) that bind the outlets of the user's region — declared within it or above it. While one runs,
// the permits' special-period limits replace the ordinary ones, and exceedances name the period in their
// evidence. Those who may edit rule tables declare and call off periods of the regions they manage; the
// closed hours a change covers (last 31 days) are judged again. Times are Beijing times.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Me, Region, Role, SpecialKind, SpecialPeriod } from '@ecoenforce/contract';
import { beijing, parseBeijingInput } from '../../components/format.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { errorText } from '../../api/errors.ts';

/** Roles with the 'rules.write' permission (apps/server/src/access/model.ts). */
const WRITERS: readonly Role[] = ['admin'];
export const SPECIAL_KINDS = ['heavy_pollution', 'special_event'] as const satisfies readonly SpecialKind[];
const LEVELS = ['yellow', 'orange', 'red'] as const;

const minute = (ms: number): string => beijing(ms).slice(0, 16);

export function SpecialPeriodsPage() {
  const { t } = useTranslation();
  const me = useAsync(() => api<Me>('/api/auth/me'), []);
  const list = useAsync(() => api<{ items: SpecialPeriod[] }>('/api/special-periods'), []);
  const [error, setError] = useState<string | null>(null);
  const writer = me.data !== undefined && WRITERS.includes(me.data.user.role);

  async function cancel(p: SpecialPeriod): Promise<void> {
    const reason = window.prompt(t('specialPeriods.cancelReason'));
    if (reason === null || reason.trim() === '') return;
    setError(null);
    try {
      await api(`/api/special-periods/${p.id}/cancel`, { method: 'POST', body: { reason } });
      list.reload();
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <div>
      <h1>{t('specialPeriods.title')}</h1>
      <p className="muted">{t('specialPeriods.intro')}</p>
      {error !== null && <p role="alert" className="error" data-testid="special-error">{error}</p>}
      {writer && <DeclareForm onDeclared={list.reload} />}
      {list.error !== undefined && <Failed error={list.error} retry={list.reload} />}
      {list.data === undefined ? <Loading /> : list.data.items.length === 0 ? <p data-testid="special-none">{t('specialPeriods.none')}</p> : (
        <div className="table-wrap">
          <table data-testid="special-table">
            <thead>
              <tr>
                <th scope="col">{t('specialPeriods.name')}</th><th scope="col">{t('specialPeriods.kind')}</th><th scope="col">{t('points.region')}</th>
                <th scope="col">{t('specialPeriods.span')}</th><th scope="col">{t('specialPeriods.state')}</th><th scope="col">{t('specialPeriods.source')}</th>
                {writer && <th scope="col">{t('permitEdit.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((p) => (
                <tr key={p.id} data-testid="special-row">
                  <td>{p.name}</td>
                  <td>{t(`specialPeriods.kinds.${p.kind}`)}{p.level === null ? '' : ` · ${t(`specialPeriods.levels.${p.level}`, { defaultValue: p.level })}`}</td>
                  <td>{p.regionName ?? p.regionCode}</td>
                  <td>{minute(p.startsAt)} – {minute(p.endsAt)}</td>
                  <td>
                    {p.cancelledAt !== null
                      ? t('specialPeriods.cancelledAt', { at: minute(p.effectiveEnd), reason: p.cancelReason ?? '' })
                      : p.inForce ? <strong>{t('specialPeriods.inForce')}</strong> : t('specialPeriods.notInForce')}
                  </td>
                  <td>{p.source ?? '—'}</td>
                  {writer && (
                    <td>{p.manageable && <button type="button" onClick={() => void cancel(p)} data-testid="special-cancel">{t('specialPeriods.cancel')}</button>}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function DeclareForm({ onDeclared }: { onDeclared: () => void }) {
  const { t } = useTranslation();
  const regions = useAsync(() => api<Region[]>('/api/regions').catch(() => [] as Region[]), []);
  const [regionCode, setRegionCode] = useState('');
  const [kind, setKind] = useState<(typeof SPECIAL_KINDS)[number]>('heavy_pollution');
  const [level, setLevel] = useState<string>('orange');
  const [name, setName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const region = regionCode !== '' ? regionCode : (regions.data?.[0]?.code ?? '');

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    const startsAt = parseBeijingInput(from);
    const endsAt = parseBeijingInput(to);
    if (!Number.isFinite(startsAt) || !Number.isFinite(endsAt) || endsAt <= startsAt) {
      setMessage(t('specialPeriods.badSpan'));
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await api('/api/special-periods', {
        method: 'POST',
        body: { regionCode: region, kind, level: kind === 'heavy_pollution' ? level : null, name, startsAt, endsAt, source: source.trim() === '' ? null : source },
      });
      setName('');
      setSource('');
      onDeclared();
    } catch (err) {
      setMessage(errorText(err));
    }
    setBusy(false);
  }

  return (
    <Section title={t('specialPeriods.declare')} testId="special-declare">
      <form className="stack" onSubmit={(e) => void submit(e)} data-testid="special-form">
        {message !== null && <p role="alert" className="error">{message}</p>}
        <label>
          {t('points.region')}
          <select value={region} onChange={(e) => setRegionCode(e.target.value)} data-testid="special-region">
            {(regions.data ?? []).map((r) => <option key={r.code} value={r.code}>{r.level === 'county' ? '　' : ''}{r.name}</option>)}
          </select>
        </label>
        <label>
          {t('specialPeriods.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as (typeof SPECIAL_KINDS)[number])} data-testid="special-kind">
            {SPECIAL_KINDS.map((k) => <option key={k} value={k}>{t(`specialPeriods.kinds.${k}`)}</option>)}
          </select>
        </label>
        {kind === 'heavy_pollution' && (
          <label>
            {t('specialPeriods.level')}
            <select value={level} onChange={(e) => setLevel(e.target.value)} data-testid="special-level">
              {LEVELS.map((l) => <option key={l} value={l}>{t(`specialPeriods.levels.${l}`)}</option>)}
            </select>
          </label>
        )}
        <label>{t('specialPeriods.name')}<input value={name} onChange={(e) => setName(e.target.value)} required minLength={2} maxLength={200} data-testid="special-name" /></label>
        <label>{t('specialPeriods.startsAt')}<input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} required data-testid="special-from" /></label>
        <label>{t('specialPeriods.endsAt')}<input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} required data-testid="special-to" /></label>
        <label>{t('specialPeriods.source')}<input value={source} onChange={(e) => setSource(e.target.value)} maxLength={200} data-testid="special-source" /></label>
        <div><button type="submit" disabled={busy || region === ''} data-testid="special-save">{t('specialPeriods.declare')}</button></div>
      </form>
    </Section>
  );
}
