// The warnings inbox: filters, export, and for one warning its evidence, the bureau's decision (confirm or
// dismiss with a reason) and the enterprise's answer. Refreshes when the server raises a warning.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, qs } from '../../api/client.ts';
import type { Page, Role } from '../../api/types.ts';
import { beijing, num } from '../../components/format.ts';
import { useLive } from '../../components/live.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';

interface Warning {
  id: number;
  pointId: number;
  mn: string;
  enterpriseName: string;
  outletCode: string;
  kind: string;
  factor: string | null;
  severity: 'low' | 'medium' | 'high';
  status: string;
  from: number;
  to: number;
  message: string;
  decisionReason: string | null;
  answer: string | null;
}

const DECIDERS: Role[] = ['analyst', 'dispatcher', 'head', 'admin'];

export function WarningsPage({ role, id }: { role: Role; id: number | null }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const [severity, setSeverity] = useState('');
  const list = useAsync(() => api<Page<Warning>>(`/api/warnings${qs({ status, severity, limit: 200 })}`), [status, severity]);
  useLive({ warning: () => list.reload() }, [status, severity]);
  return (
    <div>
      <h1>{t('warnings.title')}</h1>
      <div className="filters">
        <label>
          {t('warnings.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="warnings-status">
            <option value="">{t('status.all')}</option>
            {(['new', 'confirmed', 'dismissed', 'dispatched', 'closed'] as const).map((s) => <option key={s} value={s}>{t(`warnings.states.${s}`)}</option>)}
          </select>
        </label>
        <label>
          {t('warnings.severity')}
          <select value={severity} onChange={(e) => setSeverity(e.target.value)}>
            <option value="">{t('status.all')}</option>
            {(['high', 'medium', 'low'] as const).map((s) => <option key={s} value={s}>{t(`warnings.severities.${s}`)}</option>)}
          </select>
        </label>
        <a className="button" href={`/api/warnings${qs({ status, severity, format: 'xlsx' })}`} download>{t('points.exportXlsx')}</a>
      </div>
      {id !== null && <WarningDetail id={id} role={role} onChanged={list.reload} />}
      {list.error !== undefined && <Failed error={list.error} retry={list.reload} />}
      {list.data === undefined ? <Loading /> : (
        <div className="table-wrap">
          <table data-testid="warnings-table">
            <thead><tr><th scope="col">#</th><th scope="col">{t('points.enterprise')}</th><th scope="col">{t('point.factor')}</th><th scope="col">{t('warnings.severity')}</th><th scope="col">{t('warnings.status')}</th><th scope="col">{t('warnings.span')}</th></tr></thead>
            <tbody>
              {list.data.items.map((w) => (
                <tr key={w.id} data-testid={`warning-row-${w.id}`}>
                  <td><a href={`#/warnings/${w.id}`}>{w.id}</a></td>
                  <td data-label={t('points.enterprise')}>{w.enterpriseName} {w.outletCode}</td>
                  <td>{t(`warnings.kinds.${w.kind}`, { defaultValue: w.kind })} {w.factor ?? ''}</td>
                  <td><span className={`badge sev-${w.severity}`}>{t(`warnings.severities.${w.severity}`)}</span></td>
                  <td>{t(`warnings.states.${w.status}`, { defaultValue: w.status })}</td>
                  <td>{beijing(w.from)} – {beijing(w.to)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.data.items.length === 0 && <p>{t('warnings.none')}</p>}
        </div>
      )}
    </div>
  );
}

function WarningDetail({ id, role, onChanged }: { id: number; role: Role; onChanged: () => void }) {
  const { t } = useTranslation();
  const w = useAsync(() => api<Warning & { evidence: { times: number[]; values?: number[]; frameIds?: number[]; rule?: Record<string, unknown> } }>(`/api/warnings/${id}`), [id]);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string>();
  async function send(path: string, body: unknown): Promise<void> {
    try {
      await api(`/api/warnings/${id}/${path}`, { method: 'POST', body });
      setMessage(undefined);
      setReason('');
      w.reload();
      onChanged();
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : String(err));
    }
  }
  if (w.error !== undefined) return <Failed error={w.error} />;
  const d = w.data;
  if (d === undefined) return <Loading />;
  return (
    <Section title={`${t('warnings.title')} #${d.id}`} testId="warning-detail">
      <p>{d.enterpriseName} · {d.outletCode} · <a href={`#/points/${d.pointId}`}>MN {d.mn}</a> · {t(`warnings.states.${d.status}`, { defaultValue: d.status })}</p>
      <p>{d.message}</p>
      {d.evidence.rule !== undefined && <p className="muted">{t('warnings.rule')}: {num(d.evidence.rule.source)} · {num(d.evidence.rule.limit)} {num(d.evidence.rule.unit)}</p>}
      <div className="table-wrap">
        <table>
          <thead><tr><th scope="col">{t('point.dataTime')}</th><th scope="col">{t('point.value')}</th></tr></thead>
          <tbody>{d.evidence.times.map((time, i) => <tr key={time}><td>{beijing(time)}</td><td>{num(d.evidence.values?.[i])}</td></tr>)}</tbody>
        </table>
      </div>
      {d.evidence.frameIds !== undefined && d.evidence.frameIds.length > 0 && (
        <p>{t('warnings.frames', { count: d.evidence.frameIds.length })}: <a href={`#/frames/${d.evidence.frameIds[0]}`}>#{d.evidence.frameIds[0]}</a> …</p>
      )}
      {d.decisionReason !== null && <p><strong>{t('warnings.reason')}:</strong> {d.decisionReason}</p>}
      {d.answer !== null && <p><strong>{t('warnings.answer')}:</strong> {d.answer}</p>}
      {(DECIDERS.includes(role) && d.status === 'new') || role === 'enterprise' ? (
        <form className="stack" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="warning-reason">{role === 'enterprise' ? t('warnings.answer') : t('warnings.reason')}</label>
          <textarea id="warning-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} data-testid="warning-reason" />
          {role === 'enterprise' ? (
            <button type="button" onClick={() => void send('answer', { answer: reason })}>{t('warnings.sendAnswer')}</button>
          ) : (
            <div className="tabs">
              <button type="button" onClick={() => void send('decision', { decision: 'confirm', reason })} data-testid="warning-confirm">{t('warnings.confirm')}</button>
              <button type="button" onClick={() => void send('decision', { decision: 'dismiss', reason })} data-testid="warning-dismiss">{t('warnings.dismiss')}</button>
            </div>
          )}
          {message !== undefined && <p role="alert" className="error">{message}</p>}
        </form>
      ) : null}
    </Section>
  );
}
