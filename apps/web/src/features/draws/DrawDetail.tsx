// One draw: the units and officers drawn, their tasks, the off-site checks, the verification (the server
// re-runs the draw from the stored inputs) and voiding with a reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { beijing, periodText } from '../../components/format.ts';
import { useRegionName } from '../../components/RegionSelect.tsx';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import type { DrawVerification, StoredDraw } from '@ecoenforce/contract';

export function DrawDetail({ id, canRun }: { id: number; canRun: boolean }) {
  const { t, i18n } = useTranslation();
  const regionName = useRegionName();
  const draw = useAsync(() => api<StoredDraw>(`/api/draws/${id}`), [id]);
  const [verified, setVerified] = useState<{ ok: boolean; problems: string[] }>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error>();
  if (draw.error !== undefined) return <Failed error={draw.error} retry={draw.reload} />;
  const d = draw.data;
  if (d === undefined) return <Loading />;
  const taskOf = (uscc: string) => d.tasks.find((x) => x.uscc === uscc);
  async function verify(): Promise<void> {
    setError(undefined);
    try {
      setVerified(await api<DrawVerification>(`/api/draws/${id}/verify`));
    } catch (err) {
      setError(err as Error);
    }
  }
  async function voidIt(): Promise<void> {
    setError(undefined);
    try {
      await api(`/api/draws/${id}/void`, { method: 'POST', body: { reason } });
      draw.reload();
    } catch (err) {
      setError(err as Error);
    }
  }
  return (
    <Section title={`${t('draws.title')} #${d.id} · ${regionName(d.regionCode)} · ${periodText(d.period, i18n.language)}`} testId="draw-detail">
      <p><a href="#/draws">← {t('draws.list')}</a></p>
      <p>{t('draws.seed')}: <code data-testid="draw-seed">{d.seed}</code></p>
      <p className="muted">{t('draws.drawnAt')}: {beijing(d.drawnAt)} · {t('draws.publishableAfter')}: {beijing(d.publishableAfter)}</p>
      <p className="muted">{t('draws.digest')}: <code>{d.record.resultDigest}</code></p>
      <p data-testid="draw-pool-used">{t('draws.officerPool')}: {t(`draws.pool.${d.record.policy?.officerPool ?? 'own'}`)}</p>
      <p>{t('draws.statutory', { min: d.record.statutory.minimumPercent, achieved: d.record.statutory.achievedPercent })} {d.record.statutory.met ? '✓' : '✗'}</p>
      {d.voided !== null && <p role="status" data-testid="draw-voided">{t('draws.voided', { reason: d.voided.reason })}</p>}
      <div className="filters">
        <button type="button" onClick={() => void verify()} data-testid="draw-verify">{t('draws.verify')}</button>
        {verified !== undefined && (
          <span data-testid="draw-verified" data-ok={verified.ok}>{verified.ok ? t('draws.verifiedOk') : t('draws.verifiedBad', { problems: verified.problems.join('; ') })}</span>
        )}
      </div>
      <div className="table-wrap">
        <table>
          <thead><tr><th scope="col">{t('draws.unit')}</th><th scope="col">{t('draws.tier')}</th><th scope="col">{t('draws.officers')}</th><th scope="col">{t('draws.task')}</th></tr></thead>
          <tbody>
            {d.record.objects.map((o) => (
              <tr key={o.enterpriseId} data-testid="draw-object">
                <td>{d.enterprises[o.enterpriseId]}（{o.enterpriseId}）</td><td>{t(`risk.tiers.${o.tier}`)}{o.keyUnit ? ` · ${t('draws.keyUnit')}` : ''}</td><td>{o.officers.map((id) => d.officers[id] || '—').join('、')}</td>
                <td>{taskOf(o.enterpriseId) && <a href={`#/dispatch/${taskOf(o.enterpriseId)!.taskId}`}>#{taskOf(o.enterpriseId)!.taskId}</a>}</td>
              </tr>
            ))}
            {d.record.offSite.map((o) => (
              <tr key={o.enterpriseId} data-testid="draw-offsite">
                <td>{d.enterprises[o.enterpriseId]}（{o.enterpriseId}）</td><td colSpan={2}>{t('draws.offSite')}</td>
                <td>{taskOf(o.enterpriseId) && <a href={`#/dispatch/${taskOf(o.enterpriseId)!.taskId}`}>#{taskOf(o.enterpriseId)!.taskId}</a>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canRun && d.voided === null && (
        <div className="filters">
          <label>{t('draws.voidReason')} <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="draw-void-reason" /></label>
          <button type="button" disabled={reason.trim().length < 2} onClick={() => void voidIt()} data-testid="draw-void">{t('draws.void')}</button>
        </div>
      )}
      {error !== undefined && <Failed error={error} />}
    </Section>
  );
}
