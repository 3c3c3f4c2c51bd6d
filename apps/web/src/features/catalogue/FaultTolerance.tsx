// The fault-tolerance list (容错清单, issue 5 §4): situations in which an officer's error is tolerated and how
// each is handled, each with the document that allows it. rules.md found no concrete list [W19], so the
// platform seeds none; admins enter the bureau's own. Withdrawing one stores a new version with active false.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { sourceText } from '../../components/citation.ts';
import type { FaultToleranceEntry, FieldProblem, StoredFaultItem } from '@ecoenforce/contract';
import { errorText } from '../../api/errors.ts';

const HANDLINGS: FaultToleranceEntry['handling'][] = ['exempt', 'mitigate', 'correct_and_continue'];

export function FaultTolerance({ writer }: { writer: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const list = useAsync(() => api<{ items: StoredFaultItem[]; seedNote: string }>('/api/fault-tolerance'), []);
  const [error, setError] = useState<string | null>(null);

  async function toggle(s: StoredFaultItem): Promise<void> {
    setError(null);
    try {
      await api('/api/fault-tolerance', { method: 'POST', body: { baseVersion: s.version, note: s.item.active ? 'withdrawn' : 'reinstated', item: { ...s.item, active: !s.item.active } } });
      list.reload();
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <Section title={t('catalogue.faultTolerance')} testId="fault-tolerance">
      {error !== null && <p role="alert" className="error">{error}</p>}
      {list.error !== undefined && <Failed error={list.error} retry={list.reload} />}
      {list.data === undefined ? <Loading /> : list.data.items.length === 0 ? <p className="muted" data-testid="fault-none">{t('catalogue.faultNone')}</p> : (
        <div className="table-wrap">
          <table data-testid="fault-table">
            <thead>
              <tr>
                <th scope="col">{t('catalogue.situation')}</th><th scope="col">{t('catalogue.handling')}</th><th scope="col">{t('catalogue.source')}</th>
                <th scope="col">{t('catalogue.version')}</th>{writer && <th scope="col">{t('permitEdit.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((s) => (
                <tr key={s.id} data-testid="fault-row">
                  <td style={{ whiteSpace: 'normal' }}>{s.item.situation[lang]}</td>
                  <td style={{ whiteSpace: 'normal' }}>{t(`catalogue.handlings.${s.item.handling}`)}: {s.item.handlingNote[lang]}</td>
                  <td style={{ whiteSpace: 'normal' }}>{sourceText(s.item.source, i18n.language)}</td>
                  <td>{t('catalogue.versionN', { n: s.version })}{s.item.active ? '' : ` · ${t('catalogue.withdrawn')}`}</td>
                  {writer && <td><button type="button" onClick={() => void toggle(s)}>{s.item.active ? t('catalogue.withdraw') : t('catalogue.reinstate')}</button></td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {writer && <NewItem onSaved={list.reload} />}
    </Section>
  );
}

function NewItem({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const [id, setId] = useState('');
  const [situation, setSituation] = useState({ zh: '', en: '' });
  const [handling, setHandling] = useState<FaultToleranceEntry['handling']>('mitigate');
  const [handlingNote, setHandlingNote] = useState({ zh: '', en: '' });
  const [source, setSource] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setMessage(null);
    setProblems([]);
    try {
      await api('/api/fault-tolerance', { method: 'POST', body: { baseVersion: null, note: '', item: { id: id.trim(), situation, handling, handlingNote, source, active: true } } });
      setId('');
      setSituation({ zh: '', en: '' });
      setHandlingNote({ zh: '', en: '' });
      setSource('');
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && Array.isArray(err.details)) setProblems(err.details as FieldProblem[]);
      setMessage(errorText(err));
    }
  }

  return (
    <form className="stack" style={{ maxWidth: '32rem' }} onSubmit={(e) => void submit(e)} data-testid="fault-form">
      <h3>{t('catalogue.faultNew')}</h3>
      {message !== null && <p role="alert" className="error">{message}</p>}
      {problems.length > 0 && <ul className="error">{problems.map((p) => <li key={p.path}><code>{p.path}</code>: {p.message}</li>)}</ul>}
      <label>{t('catalogue.faultId')}<input value={id} onChange={(e) => setId(e.target.value)} required maxLength={40} pattern="[A-Za-z0-9_\-]{1,40}" /></label>
      <label>{t('catalogue.situation')} (中文)<textarea rows={2} value={situation.zh} onChange={(e) => setSituation({ ...situation, zh: e.target.value })} /></label>
      <label>{t('catalogue.situation')}{t('catalogue.inEnglish')}<textarea rows={2} value={situation.en} onChange={(e) => setSituation({ ...situation, en: e.target.value })} /></label>
      <label>
        {t('catalogue.handling')}
        <select value={handling} onChange={(e) => setHandling(e.target.value as FaultToleranceEntry['handling'])}>
          {HANDLINGS.map((h) => <option key={h} value={h}>{t(`catalogue.handlings.${h}`)}</option>)}
        </select>
      </label>
      <label>{t('catalogue.handlingNote')} (中文)<input value={handlingNote.zh} onChange={(e) => setHandlingNote({ ...handlingNote, zh: e.target.value })} /></label>
      <label>{t('catalogue.handlingNote')}{t('catalogue.inEnglish')}<input value={handlingNote.en} onChange={(e) => setHandlingNote({ ...handlingNote, en: e.target.value })} /></label>
      <label>{t('catalogue.faultSource')}<input value={source} onChange={(e) => setSource(e.target.value)} maxLength={500} /></label>
      <div><button type="submit">{t('permitEdit.save')}</button></div>
    </form>
  );
}
