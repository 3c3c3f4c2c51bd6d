// The dispatch board (issue 5 §1): a team's tasks in columns open → assigned → in progress → done, each card
// with its SLA clock colour and escalation level (a joint task marked with the region that asked or was
// asked); a task opens beside the board. Below it, joint-enforcement requests, the 12369 tips and the teams.
// The server sends `task` live events; until the console's live client listens to them the board polls.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import type { Role } from '@ecoenforce/contract';
import { go } from '../../router.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { JointRequests } from './JointRequests.tsx';
import { TaskPanel } from './TaskPanel.tsx';
import { TeamsPanel } from './TeamsPanel.tsx';
import { TipsSection } from './TipForm.tsx';
import type { TaskList, Team } from '@ecoenforce/contract';
import { CLOCK_COLOUR, COLUMNS, jointDirection } from './types.ts';

const REFRESH_MS = 30_000;

export function DispatchPage({ role, ownRegion, id, query }: { role: Role; ownRegion: string; id: number | null; query: URLSearchParams }) {
  const { t } = useTranslation();
  const teams = useAsync(() => api<{ items: Team[] }>('/api/teams'), []);
  const teamParam = query.get('team');
  const teamId = teamParam === null ? undefined : Number(teamParam);
  // Opened from the command centre's overdue figure: #/dispatch?overdue=true.
  const [overdue, setOverdue] = useState(query.get('overdue') === 'true');
  const tasks = useAsync(() => api<TaskList>(`/api/tasks${qs({ teamId, overdue: overdue ? 'true' : undefined, limit: 500 })}`), [teamId, overdue]);
  useEffect(() => {
    const timer = setInterval(tasks.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [tasks.reload]);
  const open = (taskId: number): void => go(`/dispatch/${taskId}${teamId === undefined ? '' : `?team=${teamId}`}`);

  return (
    <>
      <Section title={t('dispatch.title')} testId="dispatch-board">
        <div className="tabs">
          <label htmlFor="dispatch-team">{t('dispatch.team')}</label>
          <select id="dispatch-team" value={teamId ?? ''} onChange={(e) => go(`/dispatch${e.target.value === '' ? '' : `?team=${e.target.value}`}`)} data-testid="dispatch-team">
            <option value="">{t('dispatch.allTeams')}</option>
            {teams.data?.items.map((tm) => <option key={tm.id} value={tm.id}>{tm.name} ({tm.members.length})</option>)}
          </select>
          <label><input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="dispatch-overdue" /> {t('dispatch.overdueOnly')}</label>
        </div>
        {tasks.error !== undefined && <Failed error={tasks.error} retry={tasks.reload} />}
        {tasks.data === undefined && tasks.error === undefined && <Loading />}
        {tasks.data !== undefined && (
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(12rem, 1fr))', gap: '0.5rem', marginTop: '0.5rem' }}>
            {COLUMNS.map((col) => {
              const cards = tasks.data!.items.filter((x) => x.status === col);
              return (
                <div key={col} data-testid={`column-${col}`}>
                  <h3>{t(`dispatch.states.${col}`)} ({cards.length})</h3>
                  {cards.map((c) => (
                    <button
                      key={c.id} type="button" className="task-card" onClick={() => open(c.id)} data-testid={`task-card-${c.id}`} data-clock={c.clock.status}
                      style={{ borderLeft: `0.4rem solid ${CLOCK_COLOUR[c.clock.status]}` }}
                    >
                      <strong>#{c.id}</strong> {c.title}
                      <br />
                      <span className="muted">{c.enterpriseName ?? c.regionName}</span>
                      {jointDirection(c, ownRegion) !== null && (
                        <><br /><span className="badge" data-testid="task-joint">{jointDirection(c, ownRegion) === 'incoming' ? t('dispatch.jointFrom', { region: c.requestingRegionName }) : t('dispatch.joint.askedOf', { region: c.regionName })}</span></>
                      )}
                      <br />
                      {t(`dispatch.clock.${c.clock.status}`)} · {t('dispatch.due')} {c.clock.lastDay}
                      {c.escalation > 0 && <> · <strong data-testid="task-escalation">{t('dispatch.escalation', { level: c.escalation })}</strong></>}
                      {c.officers.length > 0 && <><br /><span className="muted">{c.officers.map((o) => o.displayName).join('、')}</span></>}
                    </button>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </Section>
      {id !== null && <TaskPanel key={id} id={id} role={role} ownRegion={ownRegion} onChanged={tasks.reload} />}
      <JointRequests role={role} ownRegion={ownRegion} refresh={tasks.data} onOpen={open} onCreated={tasks.reload} />
      <TipsSection role={role} onTaskCreated={(taskId) => { tasks.reload(); open(taskId); }} />
      {teams.data !== undefined && <TeamsPanel role={role} teams={teams.data.items} onChanged={teams.reload} />}
    </>
  );
}
