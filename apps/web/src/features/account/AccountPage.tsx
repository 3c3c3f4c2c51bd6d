// The user's own account: the enforcement certificate number (read-only: an admin records it), change the
// password, see and revoke login sessions. The admin also records the region's certificate numbers here.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Items, Me, SessionInfo } from '@ecoenforce/contract';
import { beijing, browserText } from '../../components/format.ts';
import { Failed, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { OfficerCertificates } from './OfficerCertificates.tsx';
import { errorText } from '../../api/errors.ts';

export function AccountPage() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<string>();
  const sessions = useAsync(() => api<Items<SessionInfo>>('/api/auth/sessions'), []);
  const me = useAsync(() => api<Me>('/api/auth/me'), []);
  const role = me.data?.user.role;

  async function change(e: FormEvent): Promise<void> {
    e.preventDefault();
    try {
      await api('/api/auth/password', { method: 'POST', body: { current, next } });
      setMessage(t('account.changed'));
      setCurrent('');
      setNext('');
      sessions.reload();
    } catch (err) {
      setMessage(errorText(err));
    }
  }

  async function revoke(id: string): Promise<void> {
    try {
      await api(`/api/auth/sessions/${id}`, { method: 'DELETE' });
    } catch (err) {
      setMessage(errorText(err));
    }
    sessions.reload();
  }

  return (
    <div>
      <h1>{t('account.title')}</h1>
      {role !== undefined && role !== 'enterprise' && role !== 'verifier' && (
        <>
          <dl className="facts">
            <dt>{t('account.certificate')}</dt>
            <dd data-testid="account-certificate">{me.data?.certificateNo ?? <span className="muted">{t('account.noCertificate')}</span>}</dd>
          </dl>
          <p className="muted">{t('account.certificateNote')}</p>
        </>
      )}
      {role === 'admin' && <OfficerCertificates />}
      <Section title={t('account.password')}>
        <form onSubmit={(e) => void change(e)} className="stack">
          <label htmlFor="pw-current">{t('account.current')}</label>
          <input id="pw-current" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
          <label htmlFor="pw-next">{t('account.next')}</label>
          <input id="pw-next" type="password" autoComplete="new-password" minLength={10} required value={next} onChange={(e) => setNext(e.target.value)} />
          <button type="submit">{t('account.change')}</button>
          {message !== undefined && <p role="status">{message}</p>}
        </form>
      </Section>
      <Section title={t('account.sessions')}>
        {sessions.error !== undefined && <Failed error={sessions.error} />}
        <ul className="plain">
          {(sessions.data?.items ?? []).map((s) => (
            <li key={s.id}>
              {t('account.lastSeen')} {beijing(s.lastSeenAt)} · {t('account.address')} {s.ip ?? '—'} · <small title={s.userAgent ?? undefined}>{browserText(s.userAgent)}</small>{' '}
              {s.current ? <strong>{t('account.current_session')}</strong> : <button type="button" onClick={() => void revoke(s.id)}>{t('account.revoke')}</button>}
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
