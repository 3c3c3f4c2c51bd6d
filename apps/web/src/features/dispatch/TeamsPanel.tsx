// Enforcement teams (issue 5 §1): every role that reads the board sees the teams and their members; a role
// with teams.manage (the admin) creates a team and adds or removes officers. The server checks that a member
// is an officer within the team's region; removing one keeps the team's tasks and who worked them.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Role } from '@ecoenforce/contract';
import { Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import type { Region, Team, TeamCandidate } from '@ecoenforce/contract';
import { TEAM_MANAGERS } from './types.ts';
import { errorText } from '../../api/errors.ts';
import { useRegionName } from '../../components/RegionSelect.tsx';

const problem = (err: unknown): string => (errorText(err));

export function TeamsPanel({ role, teams, onChanged }: { role: Role; teams: Team[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const manages = TEAM_MANAGERS.includes(role);
  return (
    <Section title={t('dispatch.teams.title')} testId="teams-panel">
      {teams.length === 0 && <p className="muted">{t('dispatch.teams.none')}</p>}
      <ul className="stack" style={{ listStyle: 'none', paddingLeft: 0 }}>
        {teams.map((tm) => <TeamRow key={tm.id} team={tm} manages={manages} onChanged={onChanged} />)}
      </ul>
      {manages && <NewTeamForm onCreated={onChanged} />}
    </Section>
  );
}

function TeamRow({ team, manages, onChanged }: { team: Team; manages: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const regionName = useRegionName();
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string>();
  async function remove(userId: number): Promise<void> {
    try {
      await api(`/api/teams/${team.id}/members/${userId}`, { method: 'DELETE' });
      setMessage(undefined);
      onChanged();
    } catch (err) {
      setMessage(problem(err));
    }
  }
  return (
    <li data-testid={`team-${team.id}`} data-name={team.name}>
      <strong>{team.name}</strong> <span className="muted" title={team.regionCode}>{regionName(team.regionCode)}</span>
      <ul data-testid="team-members">
        {team.members.length === 0 && <li className="muted">{t('dispatch.teams.noMembers')}</li>}
        {team.members.map((m) => (
          <li key={m.id} data-testid={`team-member-${m.id}`}>
            {m.displayName}{' '}
            {manages && (
              <button type="button" onClick={() => void remove(m.id)} aria-label={t('dispatch.teams.removeOf', { name: m.displayName })} data-testid={`team-remove-${m.id}`}>
                {t('dispatch.teams.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {manages && !adding && <button type="button" onClick={() => setAdding(true)} data-testid={`team-add-${team.id}`}>{t('dispatch.teams.addMember')}</button>}
      {manages && adding && <AddMember team={team} onDone={() => { setAdding(false); onChanged(); }} onClose={() => setAdding(false)} />}
      {message !== undefined && <p role="alert" className="error">{message}</p>}
    </li>
  );
}

function AddMember({ team, onDone, onClose }: { team: Team; onDone: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const candidates = useAsync(() => api<{ items: TeamCandidate[] }>(`/api/teams/${team.id}/candidates`), [team.id]);
  const [userId, setUserId] = useState('');
  const [message, setMessage] = useState<string>();
  async function add(): Promise<void> {
    try {
      await api(`/api/teams/${team.id}/members`, { method: 'POST', body: { userId: Number(userId) } });
      onDone();
    } catch (err) {
      setMessage(problem(err));
    }
  }
  const items = candidates.data?.items ?? [];
  return (
    <form className="tabs" onSubmit={(e) => { e.preventDefault(); void add(); }} data-testid="team-add-form">
      <label htmlFor={`team-candidate-${team.id}`}>{t('dispatch.officers')}</label>
      <select id={`team-candidate-${team.id}`} value={userId} onChange={(e) => setUserId(e.target.value)} required data-testid="team-candidate">
        <option value="">{candidates.data === undefined ? t('app.loading') : items.length === 0 ? t('dispatch.teams.noCandidates') : t('dispatch.teams.choose')}</option>
        {items.map((c) => <option key={c.id} value={c.id}>{c.displayName} ({c.regionCode})</option>)}
      </select>
      <button type="submit" disabled={userId === ''} data-testid="team-add-save">{t('dispatch.teams.add')}</button>
      <button type="button" onClick={onClose}>{t('dispatch.close')}</button>
      {(message ?? (candidates.error === undefined ? undefined : errorText(candidates.error))) !== undefined && <p role="alert" className="error">{message ?? (candidates.error === undefined ? undefined : errorText(candidates.error))}</p>}
    </form>
  );
}

function NewTeamForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const regions = useAsync(() => api<Region[]>('/api/regions'), []);
  const [regionCode, setRegionCode] = useState('');
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string>();
  async function create(): Promise<void> {
    try {
      await api<{ id: number }>('/api/teams', { method: 'POST', body: { regionCode, name: name.trim() } });
      setName('');
      setMessage(t('dispatch.teams.created'));
      onCreated();
    } catch (err) {
      setMessage(problem(err));
    }
  }
  return (
    <form className="stack" style={{ maxWidth: '32rem' }} onSubmit={(e) => { e.preventDefault(); void create(); }} data-testid="team-form">
      <h3>{t('dispatch.teams.create')}</h3>
      <label htmlFor="team-region">{t('dispatch.teams.region')}</label>
      <select id="team-region" value={regionCode} onChange={(e) => setRegionCode(e.target.value)} required data-testid="team-region">
        <option value="">{t('dispatch.teams.chooseRegion')}</option>
        {regions.data?.map((r) => <option key={r.code} value={r.code}>{r.code} {r.name}</option>)}
      </select>
      <label htmlFor="team-name">{t('dispatch.teams.name')}</label>
      <input id="team-name" value={name} onChange={(e) => setName(e.target.value)} minLength={2} maxLength={100} required data-testid="team-name" />
      <button type="submit" data-testid="team-create">{t('dispatch.teams.create')}</button>
      {message !== undefined && <p role="status" data-testid="team-form-message">{message}</p>}
    </form>
  );
}
