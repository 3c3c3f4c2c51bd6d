// The admin's API tokens (issue 14): the region's tokens with their role and region by name, when made, last
// used and expiring; a form for a new one (a role other than admin, a region of the admin's own picked by name,
// the enterprise by name for the enterprise role), its secret shown once with a copy button; revocation after
// a confirmation. The server keeps the rule that a token never exceeds its creator and audits each change.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { ApiToken, CreatedToken, Items, Role } from '@ecoenforce/contract';
import { EnterprisePicker, type PickedEnterprise } from '../../components/EnterprisePicker.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { beijing } from '../../components/format.ts';
import { platformNow } from '../../components/clock.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { adminErrorText, Confirm, ROLES, SecretOnce } from './admin-ui.tsx';

/** Roles a token may have: every one but admin (the server refuses it too). */
const TOKEN_ROLES = ROLES.filter((r) => r !== 'admin');
const EXPIRIES = [{ key: 'd365', days: 365 }, { key: 'd90', days: 90 }, { key: 'd30', days: 30 }, { key: 'none', days: null }] as const;

export function TokensPage() {
  const { t } = useTranslation();
  const list = useAsync(() => api<Items<ApiToken>>('/api/tokens'), []);
  const [created, setCreated] = useState<{ name: string; token: string }>();
  const [notice, setNotice] = useState<string>();
  return (
    <>
      <h1>{t('admin.tokens.title')}</h1>
      <p className="muted">{t('admin.tokens.intro')}</p>
      <NewTokenForm onCreated={(name, r) => { setCreated({ name, token: r.token }); setNotice(undefined); list.reload(); }} />
      {created !== undefined && <SecretOnce label={t('admin.tokens.createdOnce', { name: created.name })} secret={created.token} testId="token-secret" />}
      <Section title={t('admin.tokens.title')} testId="tokens-list">
        {notice !== undefined && <p role="status" data-testid="tokens-notice">{notice}</p>}
        {list.error !== undefined && <Failed error={list.error} retry={list.reload} />}
        {list.data === undefined && list.error === undefined && <Loading />}
        {list.data !== undefined && list.data.items.length === 0 && <p className="muted">{t('admin.tokens.none')}</p>}
        {list.data !== undefined && list.data.items.length > 0 && (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin.tokens.name')}</th>
                  <th scope="col">{t('admin.tokens.role')}</th>
                  <th scope="col">{t('admin.tokens.region')}</th>
                  <th scope="col">{t('admin.tokens.createdBy')}</th>
                  <th scope="col">{t('admin.tokens.createdAt')}</th>
                  <th scope="col">{t('admin.tokens.lastUsed')}</th>
                  <th scope="col">{t('admin.tokens.expires')}</th>
                  <th scope="col">{t('admin.tokens.state')}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((tok) => (
                  <TokenRow key={tok.id} token={tok} onRevoked={() => { setNotice(t('admin.tokens.revokedDone', { name: tok.name })); setCreated(undefined); list.reload(); }} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  );
}

function TokenRow({ token, onRevoked }: { token: ApiToken; onRevoked: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const expired = token.expiresAt !== null && token.expiresAt <= platformNow();
  const state = token.revokedAt !== null ? 'revoked' : expired ? 'expired' : 'valid';
  async function revoke(): Promise<void> {
    setBusy(true);
    try {
      await api(`/api/tokens/${token.id}`, { method: 'DELETE' });
      setAsking(false);
      onRevoked();
    } catch (err) {
      setError(adminErrorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <tr data-testid="token-row" data-name={token.name}>
      <td>{token.name}</td>
      <td>{t(`roles.${token.role}`, { defaultValue: token.role })}{token.enterpriseName !== null && <small className="muted"> · {token.enterpriseName}</small>}</td>
      <td>{token.regionName}</td>
      <td>{token.createdBy ?? ''}</td>
      <td>{beijing(token.createdAt)}</td>
      <td>{token.lastUsedAt === null ? <span className="muted">{t('admin.tokens.neverUsed')}</span> : beijing(token.lastUsedAt)}</td>
      <td>{token.expiresAt === null ? t('admin.tokens.never') : beijing(token.expiresAt)}</td>
      <td data-testid="token-state">{t(`admin.tokens.${state}`)}{token.revokedAt !== null && <small className="muted"> {beijing(token.revokedAt)}</small>}</td>
      <td>
        {state !== 'revoked' && !asking && <button type="button" onClick={() => setAsking(true)} data-testid="token-revoke">{t('admin.tokens.revoke')}</button>}
        {asking && <Confirm question={t('admin.tokens.confirmRevoke', { name: token.name })} onYes={() => void revoke()} onNo={() => setAsking(false)} busy={busy} testId="token-revoke-confirm" />}
        {error !== undefined && <p role="alert" className="error">{error}</p>}
      </td>
    </tr>
  );
}

function NewTokenForm({ onCreated }: { onCreated: (name: string, r: CreatedToken) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [regionCode, setRegionCode] = useState('');
  const [enterprise, setEnterprise] = useState<PickedEnterprise | null>(null);
  const [expiry, setExpiry] = useState<(typeof EXPIRIES)[number]['key']>('d365');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ready = name.trim() !== '' && (role === 'enterprise' ? enterprise !== null : regionCode !== '');
  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      let region = regionCode;
      if (role === 'enterprise') region = (await api<{ regionCode: string }>(`/api/enterprises/${enterprise!.id}`)).regionCode;
      const r = await api<CreatedToken>('/api/tokens', {
        method: 'POST',
        body: { name: name.trim(), role, regionCode: region, enterpriseId: role === 'enterprise' ? enterprise!.id : null, expiresInDays: EXPIRIES.find((x) => x.key === expiry)!.days },
      });
      onCreated(name.trim(), r);
      setName('');
      setEnterprise(null);
    } catch (err) {
      setError(adminErrorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Section title={t('admin.tokens.newTitle')} testId="new-token">
      <form className="stack" onSubmit={(e) => void submit(e)} data-testid="new-token-form">
        <label htmlFor="new-token-name">{t('admin.tokens.name')}</label>
        <input id="new-token-name" value={name} maxLength={100} placeholder={t('admin.tokens.namePlaceholder')} onChange={(e) => setName(e.target.value)} required data-testid="new-token-name" />
        <label htmlFor="new-token-role">{t('admin.tokens.role')}</label>
        <select id="new-token-role" value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="new-token-role">
          {TOKEN_ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
        </select>
        {role === 'enterprise'
          ? <EnterprisePicker label={t('admin.tokens.enterprise')} value={enterprise} onChange={setEnterprise} testId="new-token-enterprise" />
          : <RegionSelect label={t('admin.tokens.region')} value={regionCode} onChange={setRegionCode} required testId="new-token-region" />}
        <label htmlFor="new-token-expiry">{t('admin.tokens.expiresIn')}</label>
        <select id="new-token-expiry" value={expiry} onChange={(e) => setExpiry(e.target.value as typeof expiry)} data-testid="new-token-expiry">
          {EXPIRIES.map((x) => <option key={x.key} value={x.key}>{t(`admin.tokens.days.${x.key}`)}</option>)}
        </select>
        <button type="submit" disabled={!ready || busy} data-testid="new-token-create">{t('admin.tokens.create')}</button>
        {error !== undefined && <p role="alert" className="error" data-testid="new-token-error">{error}</p>}
      </form>
    </Section>
  );
}
