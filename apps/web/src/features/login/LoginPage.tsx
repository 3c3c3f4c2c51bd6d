import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import type { Me, Principal } from '@ecoenforce/contract';
import { switchLanguage } from '../../i18n/index.ts';
import { setPlatformClock } from '../../components/clock.ts';
import { errorText } from '../../api/errors.ts';
import { useAsync } from '../../components/useAsync.ts';

export function LoginPage({ onLogin }: { onLogin: (user: Principal, csrf: string) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // The demo's accounts are listed in its terminal; only the demo says so (a bureau's server does not).
  const options = useAsync(() => api<{ demo: boolean }>('/api/auth/options'), []);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const r = await api<Me>('/api/auth/login', { method: 'POST', body: { username, password } });
      setPlatformClock(r.clock);
      onLogin(r.user, r.csrfToken);
    } catch (err) {
      // The server's refusal of a login is 'unauthenticated' like an ended session: worded for the login here.
      const message = err instanceof ApiError && err.code === 'unauthenticated' ? t('login.wrong') : errorText(err);
      const wait = err instanceof ApiError && err.code === 'throttled' ? (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds : undefined;
      setError(wait === undefined ? t('login.failed', { message }) : t('login.throttled', { count: wait, message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login" id="main">
      <form className="card login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title" data-testid="login-form">
        <h1 id="login-title">{t('app.name')}</h1>
        <h2>{t('login.title')}</h2>
        <label htmlFor="username">{t('login.username')}</label>
        <input id="username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} data-testid="login-username" />
        <label htmlFor="password">{t('login.password')}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
        {error !== undefined && <p role="alert" className="error" data-testid="login-error">{error}</p>}
        <button type="submit" disabled={busy} data-testid="login-submit">{busy ? t('login.busy') : t('login.submit')}</button>
        {options.data?.demo === true && <p className="muted" data-testid="login-demo-hint">{t('login.demoHint')}</p>}
        <button type="button" className="link" onClick={switchLanguage} data-testid="lang-switch" aria-label={t('user.languageLabel')}>{t('user.language')}</button>
      </form>
    </main>
  );
}
