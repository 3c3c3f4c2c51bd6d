// One task: its source, clock, officers and their history, and the next step the caller's role may take.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Role } from '@ecoenforce/contract';
import { ClockRule } from '../../components/ClockRule.tsx';
import { beijing } from '../../components/format.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { AssignDialog } from './AssignDialog.tsx';
import { OpenCaseForm } from '../cases/OpenCaseForm.tsx';
import type { TaskDetail } from '@ecoenforce/contract';
import { CLOCK_COLOUR, DISPATCHERS, WORKERS, jointDirection } from './types.ts';
import { errorText } from '../../api/errors.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';

export function TaskPanel({ id, role, ownRegion, onChanged }: { id: number; role: Role; ownRegion: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const task = useAsync(() => api<TaskDetail>(`/api/tasks/${id}`), [id]);
  const [text, setText] = useState('');
  const [assigning, setAssigning] = useState(false);
  // 取消任务 asks first (issue 14): the dialog holds the reason, pre-filled with what was typed here.
  const [cancelling, setCancelling] = useState(false);
  const [message, setMessage] = useState<string>();
  async function step(path: string, body?: unknown): Promise<void> {
    try {
      await api(`/api/tasks/${id}/${path}`, { method: 'POST', body });
      setText('');
      setMessage(undefined);
      task.reload();
      onChanged();
    } catch (err) {
      setMessage(errorText(err));
    }
  }
  if (task.error !== undefined) return <Failed error={task.error} retry={task.reload} />;
  const d = task.data;
  if (d === undefined) return <Loading />;
  const running = d.status === 'open' || d.status === 'assigned' || d.status === 'in_progress';
  // A joint request this region sent is worked by the receiving region: the requester follows it, and the
  // server refuses its assign and cancel (403), so they are not offered.
  const outgoing = jointDirection(d, ownRegion) === 'outgoing';
  const dispatches = DISPATCHERS.includes(role) && !outgoing;
  return (
    <Section title={`${t('dispatch.task')} #${d.id} ${d.title}`} testId="task-panel">
      <p>
        {t(`dispatch.sources.${d.sourceKind}`)} {d.sourceId !== null ? `#${d.sourceId}` : ''} · {d.enterpriseName ?? d.regionName} · {t(`dispatch.states.${d.status}`)} · {t(`dispatch.priorities.${d.priority}`)}
      </p>
      {d.requestingRegionCode !== null && <p className="muted" data-testid="task-joint-direction">{outgoing ? t('dispatch.joint.askedOf', { region: d.regionName }) : t('dispatch.jointFrom', { region: d.requestingRegionName })}</p>}
      <p data-testid="task-clock">
        <span className="badge" style={{ background: CLOCK_COLOUR[d.clock.status] }}>{t(`dispatch.clock.${d.clock.status}`)}</span> {t('dispatch.due')}: {d.clock.lastDay}
        {d.escalation > 0 && <> · <strong>{t('dispatch.escalation', { level: d.escalation })}</strong></>}
      </p>
      {/* The server sends a task's SLA rule as text only; its id and source kind word it here. */}
      <p className="muted"><ClockRule clock={{ id: 'task', rule: d.rule, params: { sourceKind: d.sourceKind } }} /></p>
      {d.warnings.length > 0 && (
        <p>{t('dispatch.warnings')}: {d.warnings.map((w) => <a key={w.id} href={`#/warnings/${w.id}`}>#{w.id} </a>)}</p>
      )}
      {d.note !== null && <p>{d.note}</p>}
      {d.outcome !== null && <p data-testid="task-outcome"><strong>{t('dispatch.outcome')}:</strong> {d.outcome}</p>}
      {d.cancelReason !== null && <p><strong>{t('dispatch.cancelReason')}:</strong> {d.cancelReason}</p>}
      <h3>{t('dispatch.history')}</h3>
      <ul data-testid="task-history">
        {d.assignments.map((a, i) => (
          <li key={i}>{a.displayName}: {beijing(a.assignedAt)} – {a.releasedAt === null ? t('dispatch.current') : beijing(a.releasedAt)}</li>
        ))}
      </ul>
      {running && dispatches && <button type="button" onClick={() => setAssigning(true)} data-testid="task-assign">{t('dispatch.assign')}</button>}
      {assigning && <AssignDialog task={d} onClose={() => setAssigning(false)} onDone={() => { setAssigning(false); task.reload(); onChanged(); }} />}
      {d.status === 'assigned' && WORKERS.includes(role) && <button type="button" onClick={() => void step('start')} data-testid="task-start">{t('dispatch.start')}</button>}
      {(d.status === 'assigned' || d.status === 'in_progress') && WORKERS.includes(role) && d.enterpriseId !== null && <a className="button" href={`#/inspect/${d.id}`} data-testid="task-inspect">{t('inspection.title')}</a>}
      {(role === 'officer' || role === 'dispatcher') && d.enterpriseId !== null && <details data-testid="task-open-case"><summary>{t('cases.open.fromTask', { id: d.id })}</summary><OpenCaseForm taskId={d.id} enterpriseId={d.enterpriseId} /></details>}
      {(d.status === 'in_progress' && WORKERS.includes(role)) || (running && dispatches) ? (
        <form className="stack" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="task-text">{d.status === 'in_progress' && WORKERS.includes(role) ? t('dispatch.outcome') : t('dispatch.cancelReason')}</label>
          <textarea id="task-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} data-testid="task-text" />
          <div className="tabs">
            {d.status === 'in_progress' && WORKERS.includes(role) && <button type="button" onClick={() => void step('done', { outcome: text })} data-testid="task-done">{t('dispatch.done')}</button>}
            {running && dispatches && <button type="button" onClick={() => setCancelling(true)} data-testid="task-cancel">{t('dispatch.cancel')}</button>}
          </div>
        </form>
      ) : null}
      {message !== undefined && <p role="alert" className="error">{message}</p>}
      {cancelling && (
        <ConfirmDialog
          title={t('confirmations.cancelTitle', { id: d.id })} text={t('confirmations.cancelText')} reasonLabel={t('dispatch.cancelReason')} initialReason={text}
          confirmLabel={t('confirmations.cancelConfirm')} onClose={() => setCancelling(false)} testId="cancel-dialog"
          onConfirm={async (reason) => {
            await api(`/api/tasks/${id}/cancel`, { method: 'POST', body: { reason } });
            setCancelling(false);
            setText('');
            setMessage(undefined);
            task.reload();
            onChanged();
          }}
        />
      )}
    </Section>
  );
}
