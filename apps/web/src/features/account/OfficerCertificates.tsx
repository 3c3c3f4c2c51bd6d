// The admin's panel for enforcement certificate numbers (执法证号): the bureau staff of the region with the
// number recorded for each, set or cleared one row at a time (PUT /api/users/:id/certificate, audited on the
// server). The server's refusal (409 another user holds it, 400 a malformed number) is shown at the field.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import type { CertificateHolder, Items, UserCertificate } from '@ecoenforce/contract';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { useRegionName } from '../../components/RegionSelect.tsx';
import { errorText } from '../../api/errors.ts';

export function OfficerCertificates() {
  const { t } = useTranslation();
  const list = useAsync(() => api<Items<CertificateHolder>>('/api/users/certificates'), []);
  const regionName = useRegionName();
  return (
    <Section title={t('account.certificates.title')} testId="officer-certificates">
      <p className="muted">{t('account.certificates.hint')}</p>
      {list.error !== undefined && <Failed error={list.error} retry={list.reload} />}
      {list.data === undefined && list.error === undefined && <Loading />}
      {list.data !== undefined && list.data.items.length === 0 && <p className="muted">{t('account.certificates.none')}</p>}
      {list.data !== undefined && list.data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('account.certificates.name')}</th>
                <th scope="col">{t('user.role')}</th>
                <th scope="col">{t('user.region')}</th>
                <th scope="col">{t('account.certificate')}</th>
              </tr>
            </thead>
            <tbody>{list.data.items.map((u) => <HolderRow key={u.id} user={u} regionName={regionName(u.regionCode)} />)}</tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

/** One user's row; keeps its own draft and the server's answer so a refusal stays beside its field. */
function HolderRow({ user, regionName }: { user: CertificateHolder; regionName: string }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(user.certificateNo);
  const [draft, setDraft] = useState(user.certificateNo ?? '');
  const [error, setError] = useState<{ text: string; detail: string }>();
  const [done, setDone] = useState(false);
  const fieldId = `certificate-${user.id}`;

  async function save(value: string | null): Promise<void> {
    setDone(false);
    try {
      const res = await api<UserCertificate>(`/api/users/${user.id}/certificate`, { method: 'PUT', body: { certificateNo: value } });
      setSaved(res.certificateNo);
      setDraft(res.certificateNo ?? '');
      setError(undefined);
      setDone(true);
    } catch (err) {
      if (!(err instanceof ApiError)) setError({ text: errorText(err), detail: '' });
      else if (err.code === 'conflict') setError({ text: t('account.certificates.duplicate'), detail: err.message });
      else if (err.code === 'bad_request') setError({ text: t('account.certificates.invalid'), detail: err.message });
      else setError({ text: errorText(err), detail: '' });
    }
  }
  function submit(e: FormEvent): void {
    e.preventDefault();
    void save(draft.trim() === '' ? null : draft);
  }

  return (
    <tr data-testid="certificate-row" data-username={user.username}>
      <td>
        {user.displayName} <small className="muted">{user.username}</small>
        {!user.active && <small className="muted"> · {t('account.certificates.inactive')}</small>}
      </td>
      <td>{t(`roles.${user.role}`, { defaultValue: user.role })}</td>
      <td title={user.regionCode}>{regionName}</td>
      <td>
        <form onSubmit={submit}>
          <label htmlFor={fieldId} className="visually-hidden">{t('account.certificates.fieldLabel', { name: user.displayName })}</label>
          <input
            id={fieldId} value={draft} maxLength={40} placeholder={t('account.noCertificate')} onChange={(e) => setDraft(e.target.value)}
            aria-invalid={error !== undefined} aria-describedby={error !== undefined ? `${fieldId}-error` : undefined} data-testid="certificate-input"
          />{' '}
          <button type="submit" disabled={draft.trim() === (saved ?? '')} data-testid="certificate-save">{t('account.certificates.save')}</button>{' '}
          {saved !== null && <button type="button" onClick={() => void save(null)} data-testid="certificate-clear">{t('account.certificates.clear')}</button>}
          {error !== undefined && (
            <p id={`${fieldId}-error`} role="alert" className="error" title={error.detail || undefined} data-testid="certificate-error">{error.text}</p>
          )}
          {done && error === undefined && <small role="status" className="muted" data-testid="certificate-saved"> {t('account.certificates.saved')}</small>}
        </form>
      </td>
    </tr>
  );
}
