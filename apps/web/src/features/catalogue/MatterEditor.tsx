// The admin's editor of one matter: saving stores the next version (the server checks it with the domain's
// validateMatter and answers the fields at fault), and sends the version it started from so an edit made
// meanwhile by someone else is refused rather than overwritten. The statutory penalty is a form for every
// kind the domain knows (penalty-draft.ts), each with its own fields; no JSON.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { Section } from '../../components/ui.tsx';
import type { ArticleRef, AuthorityLevel, EnforcementMatter, FieldProblem, StoredMatter, StoredTable } from '@ecoenforce/contract';
import { article } from './types.ts';
import { errorText } from '../../api/errors.ts';
import { fieldLabelKey, MULTIPLE_OF, PENALTY_FIELDS, PENALTY_KINDS, penaltyDraft, penaltyOf, switchKind, type PenaltyKind } from './penalty-draft.ts';

const LEVELS: AuthorityLevel[] = ['county_or_above', 'city_or_above', 'province'];

/** An article as typed: its law may be one the server does not know (it names the problem). */
type ArticleDraft = Omit<ArticleRef, 'law'> & { law: string };

/** "AIR 99(2)" → { law: 'AIR', article: 99, item: 2 }; anything else is sent as is for the server to name. */
function parseArticle(text: string): ArticleDraft {
  const m = /^\s*([A-Za-z]+)\s*(\d+)\s*(?:\(\s*(\d+)\s*\))?\s*$/.exec(text);
  if (m === null) return { law: text.trim(), article: 0 };
  return m[3] === undefined ? { law: m[1]!.toUpperCase(), article: Number(m[2]) } : { law: m[1]!.toUpperCase(), article: Number(m[2]), item: Number(m[3]) };
}

const EMPTY: EnforcementMatter = {
  code: '', version: 1, name: { zh: '', en: '' }, legalBasis: [], penaltyBasis: { law: 'EPL', article: 1 }, penalty: { kind: 'range', min: 0, max: 0 },
  decidedBy: { authority: 'eco_environment_department', level: 'county_or_above' }, responsiblePost: { zh: '', en: '' }, discretionTableId: null, source: '',
};

export function MatterEditor({ stored, tables, onSaved, onCancel }: { stored: StoredMatter | null; tables: StoredTable[]; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const m = stored?.matter ?? EMPTY;
  const [code, setCode] = useState(m.code);
  const [name, setName] = useState(m.name);
  const [post, setPost] = useState(m.responsiblePost);
  const [legal, setLegal] = useState(m.legalBasis.map(article).join('; '));
  const [penaltyBasis, setPenaltyBasis] = useState(stored === null ? '' : article(m.penaltyBasis));
  const [penalty, setPenalty] = useState(() => penaltyDraft(m.penalty));
  const [authority, setAuthority] = useState(m.decidedBy.authority);
  const [level, setLevel] = useState<string>(m.decidedBy.level ?? '');
  const [tableId, setTableId] = useState(m.discretionTableId ?? '');
  const [source, setSource] = useState(m.source);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bad = (prefix: string): boolean => problems.some((p) => p.path === `matter.${prefix}` || p.path.startsWith(`matter.${prefix}.`));

  const penaltyLabel = (field: string): string => t(`caseForms.penalty.labels.${fieldLabelKey(penalty.kind, field)}`);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    const r = penaltyOf(penalty);
    if (!r.ok) {
      setMessage(t(`caseForms.penalty.validation.${r.problem.key}`, { field: penaltyLabel(r.problem.field) }));
      return;
    }
    const p = r.penalty;
    const matter = {
      code: code.trim(), name, responsiblePost: post, legalBasis: legal.split(/[;；]/).filter((s) => s.trim() !== '').map(parseArticle), penaltyBasis: parseArticle(penaltyBasis),
      penalty: p, decidedBy: { authority, level: level === '' ? null : level }, discretionTableId: tableId === '' ? null : tableId, source,
    };
    setBusy(true);
    setMessage(null);
    setProblems([]);
    try {
      await api('/api/matters', { method: 'POST', body: { baseVersion: stored?.version ?? null, note, matter } });
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && Array.isArray(err.details)) setProblems(err.details as FieldProblem[]);
      setMessage(err instanceof ApiError && err.status === 409 ? t('catalogue.stale', { message: errorText(err) }) : errorText(err));
    }
    setBusy(false);
  }

  return (
    <Section title={stored === null ? t('catalogue.newMatter') : t('catalogue.editing', { code: stored.code, version: stored.version })} testId="matter-editor">
      <form className="stack" style={{ maxWidth: '40rem' }} onSubmit={(e) => void submit(e)} data-testid="matter-form">
        {message !== null && <p role="alert" className="error" data-testid="matter-message">{message}</p>}
        {problems.length > 0 && (
          <ul className="error" data-testid="matter-problems">
            {problems.map((p) => <li key={`${p.path}:${p.code}`}><code>{p.path}</code>: {p.message}</li>)}
          </ul>
        )}
        <label>{t('catalogue.code')}<input value={code} onChange={(e) => setCode(e.target.value)} disabled={stored !== null} aria-invalid={bad('code')} required placeholder="AIR-99-2" data-testid="matter-code" /></label>
        <label>{t('catalogue.nameZh')}<input value={name.zh} onChange={(e) => setName({ ...name, zh: e.target.value })} aria-invalid={bad('name')} data-testid="matter-name-zh" /></label>
        <label>{t('catalogue.nameEn')}<input value={name.en} onChange={(e) => setName({ ...name, en: e.target.value })} aria-invalid={bad('name')} data-testid="matter-name-en" /></label>
        <label>{t('catalogue.legalBasis')} <span className="muted">{t('catalogue.articlesHint')}</span><input value={legal} onChange={(e) => setLegal(e.target.value)} aria-invalid={bad('legalBasis')} data-testid="matter-legal" /></label>
        <label>{t('catalogue.penaltyBasis')}<input value={penaltyBasis} onChange={(e) => setPenaltyBasis(e.target.value)} aria-invalid={bad('penaltyBasis')} placeholder="AIR 99(2)" data-testid="matter-penalty-basis" /></label>
        <label>
          {t('catalogue.penaltyKind')}
          <select value={penalty.kind} onChange={(e) => setPenalty(switchKind(penalty, e.target.value as PenaltyKind))} data-testid="matter-penalty-kind">
            {PENALTY_KINDS.map((k) => <option key={k} value={k}>{t(`caseForms.penalty.kinds.${k}`)}</option>)}
          </select>
        </label>
        {penalty.kind === 'daily' && <p className="muted" data-testid="matter-penalty-daily">{t('caseForms.penalty.daily')}</p>}
        {PENALTY_FIELDS[penalty.kind].map((f) => (f === 'of' ? (
          <label key={f}>
            {penaltyLabel(f)}
            <select value={penalty.of ?? 'directLoss'} onChange={(e) => setPenalty({ ...penalty, of: e.target.value })} aria-invalid={bad('penalty')} data-testid="matter-penalty-of">
              {MULTIPLE_OF.map((o) => <option key={o} value={o}>{t(`caseForms.penalty.of.${o}`)}</option>)}
            </select>
          </label>
        ) : (
          <label key={f}>
            {penaltyLabel(f)}
            <input type="number" min={0} step="any" value={penalty[f] ?? ''} onChange={(e) => setPenalty({ ...penalty, [f]: e.target.value })} aria-invalid={bad('penalty')}
              data-testid={f === 'min' || f === 'max' ? `matter-${f}` : `matter-penalty-${f.replace('.', '-')}`} />
          </label>
        )))}
        <label>
          {t('catalogue.decider')}
          <select value={authority} onChange={(e) => setAuthority(e.target.value as EnforcementMatter['decidedBy']['authority'])} aria-invalid={bad('decidedBy')}>
            <option value="eco_environment_department">{t('catalogue.authority.eco_environment_department')}</option>
            <option value="public_security">{t('catalogue.authority.public_security')}</option>
          </select>
          <select value={level} onChange={(e) => setLevel(e.target.value)} aria-invalid={bad('decidedBy')}>
            <option value="">{t('catalogue.levelUnstated')}</option>
            {LEVELS.map((l) => <option key={l} value={l}>{t(`catalogue.level.${l}`)}</option>)}
          </select>
        </label>
        <label>{t('catalogue.postZh')}<input value={post.zh} onChange={(e) => setPost({ ...post, zh: e.target.value })} aria-invalid={bad('responsiblePost')} /></label>
        <label>{t('catalogue.postEn')}<input value={post.en} onChange={(e) => setPost({ ...post, en: e.target.value })} aria-invalid={bad('responsiblePost')} /></label>
        <label>
          {t('catalogue.table')}
          <select value={tableId} onChange={(e) => setTableId(e.target.value)} aria-invalid={bad('discretionTableId')} data-testid="matter-table">
            <option value="">{t('catalogue.rangeMode')}</option>
            {tables.map((x) => <option key={x.id} value={x.id}>{x.id}</option>)}
          </select>
        </label>
        <label>{t('catalogue.source')}<input value={source} onChange={(e) => setSource(e.target.value)} aria-invalid={bad('source')} data-testid="matter-source" /></label>
        <label>{t('catalogue.note')}<input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} data-testid="matter-note" /></label>
        <div className="tabs">
          <button type="submit" disabled={busy} data-testid="matter-save">{t('permitEdit.save')}</button>
          <button type="button" onClick={onCancel}>{t('permitEdit.cancel')}</button>
        </div>
      </form>
    </Section>
  );
}
