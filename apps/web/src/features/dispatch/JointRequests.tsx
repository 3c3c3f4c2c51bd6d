// Joint enforcement (issue 5 §1): a region asks another to inspect there (POST /api/tasks, source 'joint').
// The receiving region works the task on its board; the requesting region may only follow it (the server
// refuses its changes). Incoming requests list the requester and its reason; outgoing ones their status.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, qs } from '../../api/client.ts';
import type { Role } from '@ecoenforce/contract';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import type { JointEnterprise, Region, TaskDetail, TaskList, TaskSummary } from '@ecoenforce/contract';
import { CLOCK_COLOUR, DISPATCHERS, jointDirection } from './types.ts';
import { errorText } from '../../api/errors.ts';

const PRIORITIES = ['normal', 'high', 'urgent'] as const;

export function JointRequests({ role, ownRegion, refresh, onOpen, onCreated }: { role: Role; ownRegion: string; refresh: unknown; onOpen: (taskId: number) => void; onCreated: () => void }) {
  const { t } = useTranslation();
  // `refresh` is the board's latest answer: the list reloads with it (every poll, every change).
  const tasks = useAsync(() => api<TaskList>('/api/tasks?source=joint&limit=100'), [refresh]);
  const items = tasks.data?.items ?? [];
  const incoming = items.filter((x) => jointDirection(x, ownRegion) === 'incoming');
  const outgoing = items.filter((x) => jointDirection(x, ownRegion) === 'outgoing');
  return (
    <Section title={t('dispatch.joint.title')} testId="joint-requests">
      {tasks.error !== undefined && <Failed error={tasks.error} retry={tasks.reload} />}
      {tasks.data === undefined && tasks.error === undefined && <Loading />}
      {tasks.data !== undefined && (
        <>
          <h3>{t('dispatch.joint.incoming')} ({incoming.length})</h3>
          <JointTable tasks={incoming} direction="incoming" onOpen={onOpen} testId="joint-incoming" />
          <h3>{t('dispatch.joint.outgoing')} ({outgoing.length})</h3>
          <JointTable tasks={outgoing} direction="outgoing" onOpen={onOpen} testId="joint-outgoing" />
        </>
      )}
      {DISPATCHERS.includes(role) && <JointForm onCreated={() => { tasks.reload(); onCreated(); }} />}
    </Section>
  );
}

function JointTable({ tasks, direction, onOpen, testId }: { tasks: TaskSummary[]; direction: 'incoming' | 'outgoing'; onOpen: (id: number) => void; testId: string }) {
  const { t } = useTranslation();
  if (tasks.length === 0) return <p className="muted" data-testid={testId}>{t('dispatch.joint.none')}</p>;
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{direction === 'incoming' ? t('dispatch.joint.requester') : t('dispatch.joint.receiver')}</th>
            <th scope="col">{t('dispatch.joint.subject')}</th>
            <th scope="col">{t('dispatch.joint.reason')}</th>
            <th scope="col">{t('dispatch.joint.status')}</th>
            <th scope="col">{t('dispatch.due')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>{tasks.map((x) => <JointRow key={x.id} task={x} direction={direction} onOpen={onOpen} />)}</tbody>
      </table>
    </div>
  );
}

/** One request; its reason (the task's note) and outcome come from the task's detail. */
function JointRow({ task, direction, onOpen }: { task: TaskSummary; direction: 'incoming' | 'outgoing'; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const detail = useAsync(() => api<TaskDetail>(`/api/tasks/${task.id}`), [task.id, task.status]);
  return (
    <tr data-testid={`joint-${task.id}`} data-status={task.status}>
      <td>{task.id}</td>
      <td data-testid="joint-region">{direction === 'incoming' ? task.requestingRegionName : task.regionName}</td>
      <td>{task.title}{task.enterpriseName !== null && <><br /><span className="muted">{task.enterpriseName}</span></>}</td>
      <td data-testid="joint-reason">{detail.data?.note ?? ''}</td>
      <td data-testid="joint-status">
        <span className="badge" style={{ background: CLOCK_COLOUR[task.clock.status] }}>{t(`dispatch.states.${task.status}`)}</span>
        {task.officers.length > 0 && <><br /><span className="muted">{task.officers.map((o) => o.displayName).join('、')}</span></>}
        {task.outcome !== null && <><br />{t('dispatch.outcome')}: {task.outcome}</>}
        {detail.data?.cancelReason != null && <><br />{t('dispatch.cancelReason')}: {detail.data.cancelReason}</>}
      </td>
      <td>{task.clock.lastDay}</td>
      <td><button type="button" onClick={() => onOpen(task.id)} data-testid={`joint-open-${task.id}`}>{direction === 'incoming' ? t('dispatch.joint.work') : t('dispatch.joint.follow')}</button></td>
    </tr>
  );
}

const FIELDS = ['receivingRegionCode', 'enterpriseId', 'title', 'note'] as const;
type Field = (typeof FIELDS)[number];

/** The field a refusal is about: the service names it in details.field, a schema refusal in details[].path. */
function fieldOf(err: ApiError): { field: Field | undefined; message: string } {
  const d = err.details;
  if (Array.isArray(d)) {
    const hit = (d as Array<{ path?: string; message?: string }>).find((x) => FIELDS.some((f) => x.path === `/${f}`));
    if (hit !== undefined) return { field: hit.path!.slice(1) as Field, message: errorText(err) };
  }
  const named = (d as { field?: unknown } | undefined)?.field;
  return { field: FIELDS.find((f) => f === named), message: errorText(err) };
}

/** How long typing must pause before a lookup is sent: each lookup is audited, so not one per keystroke. */
const LOOKUP_PAUSE_MS = 400;

/**
 * The unit of the receiving region, chosen by name. The requester cannot read that region's registry, so the
 * matches come from the narrow joint lookup (GET /api/tasks/joint/enterprises: names and USCCs only, at most
 * a few per search, audited); only the request carries the id.
 */
function JointUnitPicker({ regionCode, value, onChange }: { regionCode: string; value: JointEnterprise | null; onChange: (e: JointEnterprise | null) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), LOOKUP_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const ready = regionCode !== '' && [...query].length >= 2;
  const found = useAsync(
    () => (ready ? api<{ items: JointEnterprise[] }>(`/api/tasks/joint/enterprises${qs({ regionCode, q: query })}`) : Promise.resolve(undefined)),
    [regionCode, query],
  );
  const label = t('dispatch.joint.enterpriseId');
  if (value !== null) {
    return (
      <div className="picker" data-testid="joint-unit">
        <span>{label}：</span>
        <strong data-testid="joint-unit-chosen">{value.name}</strong>{' '}
        <small className="muted">{t('pickers.uscc')} {value.uscc}</small>{' '}
        <button type="button" className="link" onClick={() => onChange(null)} data-testid="joint-unit-change">{t('pickers.change')}</button>
      </div>
    );
  }
  const items = ready ? found.data?.items : undefined;
  return (
    <div className="picker" data-testid="joint-unit">
      <label htmlFor="joint-unit-search">{label}</label>
      <input
        id="joint-unit-search" type="search" value={text} onChange={(e) => setText(e.target.value)} disabled={regionCode === ''} autoComplete="off"
        placeholder={regionCode === '' ? t('dispatch.joint.unitRegionFirst') : t('dispatch.joint.unitHint')} aria-label={t('dispatch.joint.unitSearch')} data-testid="joint-unit-search"
      />
      {found.error !== undefined && ready && <p role="alert" className="error">{errorText(found.error)}</p>}
      {items !== undefined && (items.length === 0
        ? <p className="muted" data-testid="joint-unit-none">{t('dispatch.joint.unitNone')}</p>
        : (
          <ul className="plain" role="listbox" aria-label={label} data-testid="joint-unit-matches">
            {items.map((e) => (
              <li key={e.id}>
                <button type="button" role="option" aria-selected={false} className="link" onClick={() => { onChange(e); setText(''); setQuery(''); }}>{e.name}</button>{' '}
                <small className="muted">{t('pickers.uscc')} {e.uscc}</small>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}

function JointForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  // Only regions outside the caller's own may be asked (inside it, an ordinary task is the way).
  const regions = useAsync(() => api<{ items: Region[] }>('/api/tasks/joint/regions'), []);
  const empty = { receivingRegionCode: '', title: '', note: '', priority: 'normal' as (typeof PRIORITIES)[number] };
  const [form, setForm] = useState(empty);
  const [unit, setUnit] = useState<JointEnterprise | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [sent, setSent] = useState<number>();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  /** Choosing a unit pre-fills the subject and the reason when they are still empty. */
  function chooseUnit(e: JointEnterprise | null): void {
    setUnit(e);
    if (e !== null) {
      setForm((f) => ({
        ...f,
        title: f.title.trim() === '' ? t('dispatch.joint.defaultTitle', { name: e.name }) : f.title,
        note: f.note.trim() === '' ? t('dispatch.joint.defaultNote', { name: e.name }) : f.note,
      }));
    }
  }
  async function send(): Promise<void> {
    setSent(undefined);
    try {
      const r = await api<{ id: number }>('/api/tasks', {
        method: 'POST',
        body: { source: 'joint', receivingRegionCode: form.receivingRegionCode, enterpriseId: unit?.id, title: form.title.trim(), note: form.note.trim(), priority: form.priority },
      });
      setForm(empty);
      setUnit(null);
      setErrors({});
      setSent(r.id);
      onCreated();
    } catch (err) {
      const at = err instanceof ApiError ? fieldOf(err) : { field: undefined, message: String(err) };
      setErrors({ [at.field ?? 'form']: at.message });
    }
  }
  const error = (f: Field) => errors[f] !== undefined && <p role="alert" className="error" data-testid={`joint-error-${f}`}>{errors[f]}</p>;
  return (
    <form className="stack" style={{ maxWidth: '32rem' }} onSubmit={(e) => { e.preventDefault(); void send(); }} data-testid="joint-form">
      <h3>{t('dispatch.joint.request')}</h3>
      <p className="muted">{t('dispatch.joint.hint')}</p>
      <label htmlFor="joint-region">{t('dispatch.joint.receivingRegion')}</label>
      <select
        id="joint-region" value={form.receivingRegionCode} required aria-invalid={errors.receivingRegionCode !== undefined} data-testid="joint-region-select"
        onChange={(e) => { setForm({ ...form, receivingRegionCode: e.target.value }); setUnit(null); }}
      >
        <option value="">{t('dispatch.joint.chooseRegion')}</option>
        {(regions.data?.items ?? []).map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
      </select>
      {regions.error !== undefined && <Failed error={regions.error} retry={regions.reload} />}
      {error('receivingRegionCode')}
      <JointUnitPicker key={form.receivingRegionCode} regionCode={form.receivingRegionCode} value={unit} onChange={chooseUnit} />
      {error('enterpriseId')}
      <label htmlFor="joint-title">{t('dispatch.joint.subject')}</label>
      <input id="joint-title" value={form.title} onChange={set('title')} minLength={2} maxLength={200} required data-testid="joint-title" />
      {error('title')}
      <label htmlFor="joint-note">{t('dispatch.joint.reason')}</label>
      <textarea id="joint-note" rows={3} value={form.note} onChange={set('note')} minLength={2} maxLength={2000} required data-testid="joint-note" />
      {error('note')}
      <label htmlFor="joint-priority">{t('dispatch.joint.priority')}</label>
      <select id="joint-priority" value={form.priority} onChange={set('priority')}>{PRIORITIES.map((p) => <option key={p} value={p}>{t(`dispatch.priorities.${p}`)}</option>)}</select>
      <button type="submit" data-testid="joint-send">{t('dispatch.joint.send')}</button>
      {errors.form !== undefined && <p role="alert" className="error">{errors.form}</p>}
      {sent !== undefined && <p role="status" data-testid="joint-sent">{t('dispatch.joint.sent', { id: sent })}</p>}
    </form>
  );
}
