// 电子送达确认书 on the enterprise's 我的文书 page: the consent in force (who signed, when) with a withdrawal that
// asks first, or the form to sign one — the signer, capacity, phone, e-mail and the address for service on paper,
// pre-filled from the registry (enterprise address, legal representative) — and the law that makes it needed
// (APL art. 61 ¶2). Signing or withdrawing reloads the list's owner (service modes change for later documents).
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceConsent, ServiceConsentInput, ServiceConsentState } from '@ecoenforce/contract';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { beijing } from '../../components/format.ts';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';

/** The signer's capacity as the documents print it (Chinese whatever the screen's language), by key. */
const TITLES = { legal: '法定代表人', agent: '委托代理人', head: '主要负责人' } as const;

export function ConsentPanel({ onChange }: { onChange: () => void }) {
  const { t } = useTranslation();
  const state = useAsync(() => api<ServiceConsentState>('/api/my/service-consent'), []);
  if (state.error !== undefined) return <Failed error={state.error} retry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  const changed = (): void => {
    state.reload();
    onChange();
  };
  const s = state.data;
  return (
    <section className="card" aria-labelledby="consent-title" data-testid="consent" data-state={s.consent === null ? 'none' : 'in-force'}>
      <h2 id="consent-title">{t('service.consent.title')}</h2>
      <p className="muted">{t('service.consent.law')}</p>
      {s.consent === null ? <ConsentForm defaults={s.defaults} onSigned={changed} /> : <InForce consent={s.consent} onWithdrawn={changed} />}
      {s.history.length > 0 && (
        <details>
          <summary>{t('service.consent.history')}</summary>
          <ul className="plain" data-testid="consent-history">
            {s.history.map((c) => (
              <li key={c.id}>{beijing(c.signedAt)} · {c.signerName}（{c.signerTitle}）· {t('service.consent.withdrawn', { time: c.withdrawnAt === null ? '' : beijing(c.withdrawnAt) })}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function InForce({ consent, onWithdrawn }: { consent: ServiceConsent; onWithdrawn: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  async function withdraw(): Promise<void> {
    setBusy(true);
    try {
      await api('/api/my/service-consent/withdraw', { method: 'POST' });
      onWithdrawn();
    } catch (err) {
      setMessage(errorText(err));
      setBusy(false);
    }
  }
  return (
    <div>
      <p data-testid="consent-in-force">{t('service.consent.inForce', { time: beijing(consent.signedAt), signer: consent.signerName, title: consent.signerTitle })}</p>
      <p className="muted">{t('service.consent.phone')}：{consent.phone}{consent.email === null ? '' : ` · ${consent.email}`} · {t('service.consent.address')}：{consent.address}</p>
      {!asking && <button type="button" onClick={() => setAsking(true)} data-testid="consent-withdraw">{t('service.consent.withdraw')}</button>}
      {asking && (
        <div role="alertdialog" aria-labelledby="consent-withdraw-text" className="confirm" data-testid="consent-withdraw-confirm">
          <p id="consent-withdraw-text">{t('service.consent.withdrawConfirm')}</p>
          <button type="button" disabled={busy} onClick={() => void withdraw()} data-testid="consent-withdraw-yes">{t('service.consent.confirmWithdraw')}</button>{' '}
          <button type="button" disabled={busy} onClick={() => setAsking(false)}>{t('service.consent.cancel')}</button>
        </div>
      )}
      {message !== undefined && <p role="alert">{message}</p>}
    </div>
  );
}

function ConsentForm({ defaults, onSigned }: { defaults: ServiceConsentState['defaults']; onSigned: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [form, setForm] = useState<ServiceConsentInput>({ signerName: defaults.signerName, signerTitle: defaults.signerTitle || TITLES.legal, phone: '', email: '', address: defaults.address });
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  useEffect(() => setMessage(undefined), [form, agreed]);
  const field = (key: keyof ServiceConsentInput) => ({
    id: `${id}-${key}`,
    value: form[key] ?? '',
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  async function sign(): Promise<void> {
    if (!agreed) return setMessage(t('service.consent.mustAgree'));
    if (!/^[0-9+\- ]{5,20}$/.test(form.phone.trim())) return setMessage(t('service.consent.badPhone'));
    setBusy(true);
    try {
      await api('/api/my/service-consent', { method: 'POST', body: { ...form, email: form.email?.trim() === '' ? null : form.email } });
      onSigned();
    } catch (err) {
      setMessage(errorText(err));
      setBusy(false);
    }
  }
  return (
    <form className="stack" noValidate onSubmit={(e) => { e.preventDefault(); void sign(); }} data-testid="consent-form">
      <p>{t('service.consent.none')}</p>
      <label htmlFor={`${id}-signerName`}>{t('service.consent.signerName')}{defaults.signerName !== '' && <span className="muted">（{t('service.consent.prefilled')}）</span>}</label>
      <input {...field('signerName')} required maxLength={50} data-testid="consent-signer" />
      <label htmlFor={`${id}-signerTitle`}>{t('service.consent.signerTitle')}</label>
      <select {...field('signerTitle')} data-testid="consent-title">
        {(Object.keys(TITLES) as Array<keyof typeof TITLES>).map((k) => <option key={k} value={TITLES[k]}>{t(`service.consent.titles.${k}`)}</option>)}
      </select>
      <label htmlFor={`${id}-phone`}>{t('service.consent.phone')}</label>
      <input {...field('phone')} type="tel" required maxLength={20} data-testid="consent-phone" />
      <label htmlFor={`${id}-email`}>{t('service.consent.email')}</label>
      <input {...field('email')} type="email" maxLength={100} data-testid="consent-email" />
      <label htmlFor={`${id}-address`}>{t('service.consent.address')}{defaults.address !== '' && <span className="muted">（{t('service.consent.prefilled')}）</span>}</label>
      <input {...field('address')} required maxLength={200} data-testid="consent-address" />
      <label><input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} data-testid="consent-agree" /> {t('service.consent.agree')}</label>
      {message !== undefined && <p role="alert" data-testid="consent-error">{message}</p>}
      <button type="submit" disabled={busy} data-testid="consent-sign">{busy ? t('service.consent.signing') : t('service.consent.sign')}</button>
    </form>
  );
}
