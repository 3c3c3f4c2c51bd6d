// Opening a case (POST /api/cases): from a task (its id and enterprise given, e.g. on the task panel) or from
// the case list (a task id, whose enterprise is looked up, or an enterprise id). The matter comes from the
// catalogue in force; the case is pinned to that version of it for its whole life (server: case-matter.ts).
// From a task, GET /api/tasks/:id/case-draft pre-fills the matter its inspection found, the task's officers as
// the proposed investigators, the 案由 and 违法事实, each showing where it came from; all stay editable.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { beijingInput, parseBeijingInput } from '../../components/format.ts';
import { useAsync } from '../../components/useAsync.ts';
import type { CaseDraft, MatterList, TaskList } from '@ecoenforce/contract';
import { platformNow } from '../../components/clock.ts';
import { EnterprisePicker, type PickedEnterprise } from '../../components/EnterprisePicker.tsx';

const positive = (s: string): number | null => (/^\d+$/.test(s.trim()) && Number(s) > 0 ? Number(s) : null);

export function OpenCaseForm({ taskId, enterpriseId }: { taskId?: number; enterpriseId?: number | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const matters = useAsync(() => api<MatterList>('/api/matters'), []);
  const [task, setTask] = useState(taskId === undefined ? '' : String(taskId));
  // From the case list the unit is picked by name; from a task panel it is the task's.
  const [picked, setPicked] = useState<PickedEnterprise | null>(null);
  const tasks = useAsync(() => (taskId === undefined ? api<TaskList>('/api/tasks?limit=200') : Promise.resolve(undefined)), [taskId]);
  const [matter, setMatter] = useState('');
  const [discovered, setDiscovered] = useState(beijingInput(platformNow()));
  const [major, setMajor] = useState(false);
  const [cause, setCause] = useState('');
  const [facts, setFacts] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fixedTask = taskId !== undefined;
  const draft = useAsync(() => (taskId === undefined ? Promise.resolve(undefined) : api<CaseDraft>(`/api/tasks/${taskId}/case-draft`).catch(() => undefined)), [taskId]);
  const d = draft.data;
  const [officers, setOfficers] = useState<Set<number>>(new Set());
  const [source, setSource] = useState<string | null>(null);
  // The draft fills the form once, when it arrives; what the officer changes afterwards stays.
  useEffect(() => {
    if (d === undefined) return;
    if (d.matters[0] !== undefined) setMatter((m) => m || d.matters[0]!.code);
    if (d.cause !== null) setCause((v) => v || d.cause!.value);
    if (d.facts !== null) setFacts((v) => v || d.facts!.value);
    setSource(d.source);
    setOfficers(new Set(d.officers.map((o) => o.id)));
  }, [d]);
  const drafted = d?.matters.find((m) => m.code === matter);
  const origin = (text: string, testId: string) => <small className="muted" data-testid={testId}>{t('caseFile.origin', { origin: text })}</small>;

  async function submit(): Promise<void> {
    setError(null);
    const tid = task === '' ? null : positive(task);
    let eid = picked?.id ?? enterpriseId ?? null;
    if (eid === null && tid !== null) eid = (await api<{ enterpriseId: number | null }>(`/api/tasks/${tid}`).catch(() => ({ enterpriseId: null }))).enterpriseId;
    if (eid === null) return setError(t('cases.open.needEnterprise'));
    if (matter === '') return setError(t('cases.open.needMatter'));
    const at = discovered === '' ? undefined : parseBeijingInput(discovered);
    if (at !== undefined && !Number.isFinite(at)) return setError(t('cases.open.badTime'));
    const details = {
      ...(cause.trim() ? { cause: cause.trim() } : {}), ...(facts.trim() ? { facts: facts.trim() } : {}), ...(source ? { source } : {}),
      ...(officers.size > 0 ? { proposedOfficers: [...officers] } : {}),
    };
    setBusy(true);
    try {
      const c = await api<{ id: number }>('/api/cases', {
        method: 'POST',
        body: { enterpriseId: eid, matterCode: matter, ...(tid !== null ? { taskId: tid } : {}), ...(at !== undefined ? { discoveredAt: at } : {}), major, ...(Object.keys(details).length > 0 ? { details } : {}) },
      });
      window.location.hash = `#/cases/${c.id}`;
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack" data-testid="open-case-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>{fixedTask ? t('cases.open.fromTask', { id: taskId }) : t('cases.open.title')}</h3>
      {!fixedTask && (
        <label>{t('cases.open.task')}{' '}
          <select value={task} onChange={(e) => setTask(e.target.value)} data-testid="open-case-task">
            <option value="">{t('cases.open.noTask')}</option>
            {(tasks.data?.items ?? []).map((x) => <option key={x.id} value={x.id}>#{x.id} {x.title}{x.enterpriseName === null ? '' : ` · ${x.enterpriseName}`}</option>)}
          </select>
        </label>
      )}
      {(!fixedTask || enterpriseId == null) && (
        <>
          <EnterprisePicker label={t('cases.open.enterprise')} value={picked} onChange={setPicked} testId="open-case-enterprise" />
          {picked === null && <small className="muted">{t('cases.open.enterpriseHint')}</small>}
        </>
      )}
      <label>
        {t('cases.matter')}{' '}
        <select value={matter} onChange={(e) => setMatter(e.target.value)} data-testid="open-case-matter">
          <option value="">{t('cases.open.chooseMatter')}</option>
          {(matters.data?.items ?? []).map((m) => <option key={m.code} value={m.code}>{m.matter.name[lang]}</option>)}
        </select>
      </label>
      {drafted !== undefined && origin(drafted.origin, 'open-case-matter-origin')}
      {d !== undefined && d.matters.length === 0 && <small className="muted" data-testid="open-case-no-draft">{t('caseFile.noInspection')}</small>}
      {d !== undefined && d.officers.length > 0 && (
        <fieldset className="stack" data-testid="open-case-officers">
          <legend>{t('caseFile.proposedOfficers')}</legend>
          {d.officers.map((o) => (
            <label key={o.id}>
              <span>
                <input type="checkbox" checked={officers.has(o.id)} data-testid={`open-case-officer-${o.id}`} onChange={() => setOfficers((cur) => {
                  const next = new Set(cur);
                  if (next.has(o.id)) next.delete(o.id);
                  else next.add(o.id);
                  return next;
                })} /> {o.displayName}{' '}
                <small className="muted">{t('dispatch.certificate')} {o.certificateNo ?? t('dispatch.noCertificate')} · <span data-testid="open-case-officer-origin">{t('caseFile.origin', { origin: o.origin })}</span></small>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <label>{t('cases.discovered')} <input type="datetime-local" value={discovered} onChange={(e) => setDiscovered(e.target.value)} data-testid="open-case-discovered" /></label>
      <label><input type="checkbox" checked={major} onChange={(e) => setMajor(e.target.checked)} data-testid="open-case-major" /> {t('cases.major')}</label>
      <label>{t('cases.open.cause')} <input value={cause} onChange={(e) => setCause(e.target.value)} maxLength={500} data-testid="open-case-cause" /></label>
      {d?.cause != null && origin(cause === d.cause.value ? d.cause.origin : t('caseFile.changed', { origin: d.cause.origin }), 'open-case-cause-origin')}
      <label>{t('cases.open.facts')} <textarea value={facts} onChange={(e) => setFacts(e.target.value)} rows={3} maxLength={8000} data-testid="open-case-facts" /></label>
      {d?.facts != null && origin(facts === d.facts.value ? d.facts.origin : t('caseFile.changed', { origin: d.facts.origin }), 'open-case-facts-origin')}
      <button type="submit" disabled={busy} data-testid="open-case-submit">{t('cases.open.submit')}</button>
      {error !== null && <p role="alert" className="error" data-testid="open-case-error">{error}</p>}
    </form>
  );
}
