// The admin's users (issue 14): the region's users with filters and paging, a form to create one (region
// picked by name, the enterprise by name for the enterprise role, an initial password chosen or generated and
// shown once), and on each row disable/enable and reset password (each confirmed) and a change of role or
// region. The server enforces the rules (nothing beyond the admin's region, never oneself disabled nor the
// last admin removed) and audits each change; its refusals are worded here by reason.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import type { ListPage, ManagedUser, Me, Role, UserWithPassword } from '@ecoenforce/contract';
import { EnterprisePicker, type PickedEnterprise } from '../../components/EnterprisePicker.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { beijing } from '../../components/format.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { adminErrorText, Confirm, ROLES, SecretOnce } from './admin-ui.tsx';

const PAGE = 20;

interface Filters { role: Role | ''; regionCode: string; q: string; state: '' | 'active' | 'disabled' }

export function UsersPage() {
  const { t } = useTranslation();
  const me = useAsync(() => api<Me>('/api/auth/me'), []);
  const [filters, setFilters] = useState<Filters>({ role: '', regionCode: '', q: '', state: '' });
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const list = useAsync(
    () => api<ListPage<ManagedUser>>(`/api/users${qs({
      role: filters.role, regionCode: filters.regionCode, q: filters.q, disabled: filters.state === '' ? undefined : String(filters.state === 'disabled'), offset, limit: PAGE,
    })}`),
    [filters, offset],
  );
  const [notice, setNotice] = useState<{ text: string; secret?: string }>();
  const refilter = (next: Partial<Filters>): void => {
    setFilters({ ...filters, ...next });
    setOffset(0);
  };
  const done = (text: string, secret?: string): void => {
    setNotice({ text, secret });
    list.reload();
  };

  return (
    <>
      <h1>{t('admin.users.title')}</h1>
      <p className="muted">{t('admin.users.intro')}</p>
      <NewUserForm onCreated={(r) => done(t('admin.users.created', { name: r.user.displayName }), r.password ?? undefined)} />
      <Section title={t('admin.users.title')} testId="users-list">
        <form className="filters" onSubmit={(e) => { e.preventDefault(); refilter({ q: text.trim() }); }} data-testid="users-filters">
          <label>{t('admin.users.filterRole')}{' '}
            <select value={filters.role} onChange={(e) => refilter({ role: e.target.value as Role | '' })} data-testid="users-filter-role">
              <option value="">{t('admin.users.anyRole')}</option>
              {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
            </select>
          </label>{' '}
          <RegionSelect label={t('admin.users.filterRegion')} value={filters.regionCode} onChange={(regionCode) => refilter({ regionCode })} testId="users-filter-region" />{' '}
          <label>{t('admin.users.filterState')}{' '}
            <select value={filters.state} onChange={(e) => refilter({ state: e.target.value as Filters['state'] })} data-testid="users-filter-state">
              <option value="">{t('admin.users.anyState')}</option>
              <option value="active">{t('admin.users.activeOnly')}</option>
              <option value="disabled">{t('admin.users.disabledOnly')}</option>
            </select>
          </label>{' '}
          <label>{t('admin.users.filterText')}{' '}
            <input type="search" value={text} onChange={(e) => setText(e.target.value)} data-testid="users-filter-text" />
          </label>{' '}
          <button type="submit" data-testid="users-search">{t('lists.searchButton')}</button>
        </form>
        {notice !== undefined && (notice.secret === undefined
          ? <p role="status" data-testid="users-notice">{notice.text}</p>
          : <SecretOnce label={`${notice.text}${t('admin.users.passwordOnce')}`} secret={notice.secret} testId="users-secret" />)}
        {list.error !== undefined && <Failed error={list.error} retry={list.reload} />}
        {list.data === undefined && list.error === undefined && <Loading />}
        {list.data !== undefined && list.data.items.length === 0 && <p className="muted">{t('admin.users.none')}</p>}
        {list.data !== undefined && list.data.items.length > 0 && (
          <>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.users.displayName')}</th>
                    <th scope="col">{t('admin.users.username')}</th>
                    <th scope="col">{t('admin.users.role')}</th>
                    <th scope="col">{t('admin.users.region')}</th>
                    <th scope="col">{t('admin.users.state')}</th>
                    <th scope="col">{t('admin.users.createdAt')}</th>
                    <th scope="col">{t('admin.users.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((u) => (
                    <UserRow key={u.id} user={u} self={me.data?.user.id === u.id} onDone={done} />
                  ))}
                </tbody>
              </table>
            </div>
            <nav aria-label={t('lists.pager')} className="pager">
              <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))} data-testid="users-prev">{t('lists.prev')}</button>{' '}
              <span data-testid="users-total">{t('lists.page', { page: Math.floor(offset / PAGE) + 1, pages: Math.max(1, Math.ceil(list.data.total / PAGE)) })} · {t('lists.total', { count: list.data.total })}</span>{' '}
              <button type="button" disabled={list.data.nextCursor === null} onClick={() => setOffset(offset + PAGE)} data-testid="users-next">{t('lists.next')}</button>
            </nav>
          </>
        )}
      </Section>
    </>
  );
}

type Pending = 'disable' | 'reset' | 'change' | null;

function UserRow({ user, self, onDone }: { user: ManagedUser; self: boolean; onDone: (text: string, secret?: string) => void }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function act(work: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      setPending(null);
    } catch (err) {
      setError(adminErrorText(err));
    } finally {
      setBusy(false);
    }
  }
  const disable = () => act(async () => {
    await api<ManagedUser>(`/api/users/${user.id}/disable`, { method: 'POST' });
    onDone(t('admin.users.disabledDone', { name: user.displayName }));
  });
  const enable = () => act(async () => {
    await api<ManagedUser>(`/api/users/${user.id}/enable`, { method: 'POST' });
    onDone(t('admin.users.enabledDone', { name: user.displayName }));
  });
  const reset = () => act(async () => {
    const r = await api<UserWithPassword>(`/api/users/${user.id}/password`, { method: 'POST' });
    onDone(t('admin.users.resetDone', { name: user.displayName }), r.password ?? undefined);
  });
  return (
    <tr data-testid="user-row" data-username={user.username}>
      <td>{user.displayName}{self && <small className="muted"> {t('admin.users.self')}</small>}</td>
      <td>{user.username}</td>
      <td>{t(`roles.${user.role}`)}{user.enterpriseName !== null && <small className="muted"> · {user.enterpriseName}</small>}</td>
      <td>{user.regionName}</td>
      <td data-testid="user-state">{user.active ? t('admin.users.active') : t('admin.users.disabled')}</td>
      <td>{beijing(user.createdAt)}</td>
      <td>
        {user.active
          ? !self && <button type="button" onClick={() => setPending('disable')} data-testid="user-disable">{t('admin.users.disable')}</button>
          : <button type="button" onClick={() => void enable()} disabled={busy} data-testid="user-enable">{t('admin.users.enable')}</button>}{' '}
        <button type="button" onClick={() => setPending('reset')} data-testid="user-reset">{t('admin.users.resetPassword')}</button>{' '}
        <button type="button" onClick={() => setPending('change')} data-testid="user-change">{t('admin.users.change')}</button>
        {pending === 'disable' && (
          <Confirm question={t('admin.users.confirmDisable', { name: user.displayName })} onYes={() => void disable()} onNo={() => setPending(null)} busy={busy} testId="user-disable-confirm" />
        )}
        {pending === 'reset' && (
          <Confirm question={t('admin.users.confirmReset', { name: user.displayName })} onYes={() => void reset()} onNo={() => setPending(null)} busy={busy} testId="user-reset-confirm" />
        )}
        {pending === 'change' && (
          <ChangeForm user={user} busy={busy} onCancel={() => setPending(null)} onSave={(body) => void act(async () => {
            const r = await api<ManagedUser>(`/api/users/${user.id}`, { method: 'PATCH', body });
            onDone(t('admin.users.changed', { name: r.displayName }));
          })} />
        )}
        {error !== undefined && <p role="alert" className="error" data-testid="user-error">{error}</p>}
      </td>
    </tr>
  );
}

function ChangeForm({ user, busy, onCancel, onSave }: { user: ManagedUser; busy: boolean; onCancel: () => void; onSave: (body: { role: Role; regionCode: string; enterpriseId: number | null }) => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>(user.role);
  const [regionCode, setRegionCode] = useState(user.regionCode);
  const [enterprise, setEnterprise] = useState<PickedEnterprise & { regionCode: string; regionName: string } | null>(null);
  const keepsEnterprise = role === 'enterprise' && user.role === 'enterprise' && enterprise === null;
  function submit(e: FormEvent): void {
    e.preventDefault();
    if (role === 'enterprise') {
      if (enterprise !== null) onSave({ role, regionCode: enterprise.regionCode, enterpriseId: enterprise.id });
      else if (keepsEnterprise) onSave({ role, regionCode: user.regionCode, enterpriseId: user.enterpriseId });
      return;
    }
    onSave({ role, regionCode, enterpriseId: null });
  }
  return (
    <form className="stack" onSubmit={submit} aria-label={t('admin.users.changeTitle', { name: user.displayName })} data-testid="user-change-form">
      <strong>{t('admin.users.changeTitle', { name: user.displayName })}</strong>
      <label>{t('admin.users.role')}{' '}
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="user-change-role">
          {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
        </select>
      </label>
      {role === 'enterprise'
        ? <EnterpriseChoice value={enterprise} onChange={setEnterprise} testId="user-change-enterprise" current={keepsEnterprise ? user.enterpriseName : null} />
        : <RegionSelect label={t('admin.users.region')} value={regionCode} onChange={setRegionCode} required testId="user-change-region" />}
      <span>
        <button type="submit" disabled={busy || (role === 'enterprise' && enterprise === null && !keepsEnterprise)} data-testid="user-change-save">{t('admin.users.save')}</button>{' '}
        <button type="button" onClick={onCancel}>{t('admin.cancel')}</button>
      </span>
    </form>
  );
}

/** The enterprise of an enterprise user, by name; its region is the user's. */
function EnterpriseChoice({ value, onChange, testId, current }: {
  value: (PickedEnterprise & { regionCode: string; regionName: string }) | null;
  onChange: (e: (PickedEnterprise & { regionCode: string; regionName: string }) | null) => void;
  testId: string;
  current: string | null;
}) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<PickedEnterprise | null>(value);
  async function choose(e: PickedEnterprise | null): Promise<void> {
    setPicked(e);
    if (e === null) return onChange(null);
    // The picker gives the name and id; the region comes with the enterprise itself.
    const full = await api<{ regionCode: string; regionName: string }>(`/api/enterprises/${e.id}`);
    onChange({ ...e, regionCode: full.regionCode, regionName: full.regionName });
  }
  return (
    <>
      {current !== null && picked === null && <p className="muted">{t('admin.users.enterprise')}：{current}</p>}
      <EnterprisePicker label={t('admin.users.enterprise')} value={picked} onChange={(e) => void choose(e)} testId={testId} />
      {value !== null && <small className="muted">{t('admin.users.regionFromEnterprise', { name: value.regionName })}</small>}
    </>
  );
}

function NewUserForm({ onCreated }: { onCreated: (r: UserWithPassword) => void }) {
  const { t } = useTranslation();
  const empty = { username: '', displayName: '', role: 'officer' as Role, regionCode: '', generate: true, password: '' };
  const [form, setForm] = useState(empty);
  const [enterprise, setEnterprise] = useState<(PickedEnterprise & { regionCode: string; regionName: string }) | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ready = form.username.trim() !== '' && form.displayName.trim() !== '' && (form.role === 'enterprise' ? enterprise !== null : form.regionCode !== '') && (form.generate || form.password !== '');
  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const r = await api<UserWithPassword>('/api/users', {
        method: 'POST',
        body: {
          username: form.username.trim(), displayName: form.displayName.trim(), role: form.role,
          regionCode: form.role === 'enterprise' ? enterprise!.regionCode : form.regionCode,
          enterpriseId: form.role === 'enterprise' ? enterprise!.id : null,
          password: form.generate ? null : form.password,
        },
      });
      setForm(empty);
      setEnterprise(null);
      onCreated(r);
    } catch (err) {
      setError(adminErrorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Section title={t('admin.users.newTitle')} testId="new-user">
      <form className="stack" onSubmit={(e) => void submit(e)} data-testid="new-user-form">
        <label htmlFor="new-user-name">{t('admin.users.displayName')}</label>
        <input id="new-user-name" value={form.displayName} maxLength={50} onChange={(e) => setForm({ ...form, displayName: e.target.value })} required data-testid="new-user-display-name" />
        <label htmlFor="new-user-username">{t('admin.users.username')}</label>
        <input id="new-user-username" value={form.username} maxLength={64} autoComplete="off" onChange={(e) => setForm({ ...form, username: e.target.value })} required aria-describedby="new-user-username-hint" data-testid="new-user-username" />
        <small id="new-user-username-hint" className="muted">{t('admin.users.usernameHint')}</small>
        <label htmlFor="new-user-role">{t('admin.users.role')}</label>
        <select id="new-user-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })} data-testid="new-user-role">
          {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
        </select>
        {form.role === 'enterprise'
          ? <EnterpriseChoice value={enterprise} onChange={setEnterprise} testId="new-user-enterprise" current={null} />
          : <RegionSelect label={t('admin.users.region')} value={form.regionCode} onChange={(regionCode) => setForm({ ...form, regionCode })} required testId="new-user-region" />}
        <fieldset>
          <legend>{t('admin.users.passwordMode')}</legend>
          <label><input type="radio" name="new-user-pw" checked={form.generate} onChange={() => setForm({ ...form, generate: true })} data-testid="new-user-generate" /> {t('admin.users.passwordGenerate')}</label>{' '}
          <label><input type="radio" name="new-user-pw" checked={!form.generate} onChange={() => setForm({ ...form, generate: false })} data-testid="new-user-choose" /> {t('admin.users.passwordChoose')}</label>
        </fieldset>
        {!form.generate && (
          <>
            <label htmlFor="new-user-password">{t('admin.users.password')}</label>
            <input id="new-user-password" type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} aria-describedby="new-user-password-hint" data-testid="new-user-password" />
            <small id="new-user-password-hint" className="muted">{t('admin.users.passwordHint')}</small>
          </>
        )}
        <button type="submit" disabled={!ready || busy} data-testid="new-user-create">{t('admin.users.create')}</button>
        {error !== undefined && <p role="alert" className="error" data-testid="new-user-error">{error}</p>}
      </form>
    </Section>
  );
}
