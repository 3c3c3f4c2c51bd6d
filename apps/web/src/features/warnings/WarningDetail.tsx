// One warning: its evidence (the readings, the rule, the raw frames), the bureau's decision (confirm or
// dismiss with a reason) and the enterprise's answer — the enterprise explains its own warning here.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Role, WarningDetail } from '@ecoenforce/contract';
import { beijing, num, unitText } from '../../components/format.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { DECIDERS, factorText, sourceText } from './types.ts';
import { CreateTaskButton } from '../dispatch/CreateTaskButton.tsx';
import { errorText } from '../../api/errors.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';

type T = (key: string, o?: Record<string, unknown>) => string;

/**
 * An exceedance's one-line summary in the console's language, from the warning's own fields and evidence:
 * the server stores it in English (exceedanceMessage in the domain package). Null for other kinds or when a
 * field it needs is missing; the page then shows the stored message as it is.
 */
function exceedanceSummary(d: WarningDetail, language: string, t: T): string | null {
  const rule = d.evidence.rule;
  if (d.kind !== 'exceedance' || d.factor === null || rule === undefined) return null;
  const limit = Number(rule.limit);
  if (typeof rule.limit !== 'number' || !(limit > 0) || typeof rule.basis !== 'string' || typeof rule.unit !== 'string') return null;
  const over = (d.evidence.values ?? []).filter((v): v is number => typeof v === 'number' && v > limit);
  if (over.length === 0) return null;
  // The period length as the server judges it when it extends a warning: the span over the periods it holds.
  const daily = (d.to - d.from) / Math.max(1, d.evidence.times.length) >= 86_400_000;
  return t('warningSummary.text', {
    factor: factorText(d, language),
    basis: t(`warningSummary.basis.${rule.basis}`, { defaultValue: rule.basis }),
    limit: num(limit),
    unit: rule.unit,
    duration: t(daily ? 'warningSummary.days' : 'warningSummary.hours', { count: over.length }),
    multiple: (Math.max(...over) / limit).toFixed(2),
  });
}

export function WarningDetail({ id, role, onChanged }: { id: number; role: Role; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const w = useAsync(() => api<WarningDetail>(`/api/warnings/${id}`), [id]);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string>();
  // 排除 asks first (issue 14): the dialog holds the reason, pre-filled with what was typed here.
  const [dismissing, setDismissing] = useState(false);
  async function send(path: string, body: unknown): Promise<void> {
    try {
      await api(`/api/warnings/${id}/${path}`, { method: 'POST', body });
      setMessage(undefined);
      setReason('');
      w.reload();
      onChanged();
    } catch (err) {
      setMessage(errorText(err));
    }
  }
  if (w.error !== undefined) return <Failed error={w.error} />;
  const d = w.data;
  if (d === undefined) return <Loading />;
  const rule = d.evidence.rule;
  const summary = exceedanceSummary(d, i18n.language, t);
  return (
    <Section title={`${t('warnings.title')} #${d.id}`} testId="warning-detail">
      <p>
        {d.enterpriseName} · {d.outletCode} · <a href={`#/points/${d.pointId}`}>MN {d.mn}</a> · {t(`warnings.kinds.${d.kind}`, { defaultValue: d.kind })} {factorText(d, i18n.language)} ·{' '}
        {t(`warnings.states.${d.status}`, { defaultValue: d.status })}
      </p>
      {/* The stored message is English (the detectors write it): a Chinese screen shows its own wording only. */}
      {summary !== null && <p title={d.message} data-testid="warning-summary">{summary}</p>}
      {i18n.language === 'en' && <p className={summary === null ? undefined : 'muted'} data-testid="warning-message"><small>{t('warningSummary.stored')}: {d.message}</small></p>}
      <p className="muted">{t('warnings.span')}: {beijing(d.from)} – {beijing(d.to)}</p>
      {rule !== undefined && <p className="muted" data-testid="warning-rule">{t('warnings.rule')}: {sourceText(rule.source, t)} · {num(rule.limit)} {unitText(num(rule.unit))}</p>}
      {d.evidence.markingId !== undefined && (
        <p><a href={`#/markings/${d.enterpriseId}`}>{t('markings.title')} #{d.evidence.markingId}</a></p>
      )}
      <div className="table-wrap">
        <table>
          <thead><tr><th scope="col">{t('point.dataTime')}</th><th scope="col">{t('point.value')}</th></tr></thead>
          <tbody>{d.evidence.times.slice(0, 200).map((time, i) => <tr key={`${time}-${i}`}><td>{beijing(time)}</td><td>{num(d.evidence.values?.[i])}</td></tr>)}</tbody>
        </table>
      </div>
      {d.evidence.frameIds !== undefined && d.evidence.frameIds.length > 0 && (
        <p>{t('warnings.frames', { count: d.evidence.frameIds.length })}: <a href={`#/frames/${d.evidence.frameIds[0]}`}>#{d.evidence.frameIds[0]}</a> …</p>
      )}
      {d.decisionReason !== null && <p><strong>{t('warnings.reason')}:</strong> {d.decisionReason}</p>}
      <CreateTaskButton warningId={d.id} status={d.status} role={role} />
      {d.answer !== null && <p data-testid="warning-answer"><strong>{t('warnings.answer')}:</strong> {d.answer}</p>}
      {(DECIDERS.includes(role) && d.status === 'new') || role === 'enterprise' ? (
        <form className="stack" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="warning-reason">{role === 'enterprise' ? t('warnings.answer') : t('warnings.reason')}</label>
          <textarea id="warning-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} data-testid="warning-reason" />
          {role === 'enterprise' ? (
            <button type="button" onClick={() => void send('answer', { answer: reason })} data-testid="warning-answer-send">{t('warnings.sendAnswer')}</button>
          ) : (
            <div className="tabs">
              <button type="button" onClick={() => void send('decision', { decision: 'confirm', reason })} data-testid="warning-confirm">{t('warnings.confirm')}</button>
              <button type="button" onClick={() => setDismissing(true)} data-testid="warning-dismiss">{t('warnings.dismiss')}</button>
            </div>
          )}
          {message !== undefined && <p role="alert" className="error">{message}</p>}
        </form>
      ) : null}
      {dismissing && (
        <ConfirmDialog
          title={t('confirmations.dismissTitle', { id: d.id })} text={t('confirmations.dismissText')} reasonLabel={t('warnings.reason')} initialReason={reason}
          confirmLabel={t('confirmations.dismissConfirm')} onClose={() => setDismissing(false)} testId="dismiss-dialog"
          onConfirm={async (r) => {
            await api(`/api/warnings/${id}/decision`, { method: 'POST', body: { decision: 'dismiss', reason: r } });
            setDismissing(false);
            setMessage(undefined);
            setReason('');
            w.reload();
            onChanged();
          }}
        />
      )}
    </Section>
  );
}
