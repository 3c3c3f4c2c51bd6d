// The admin's structured editor of a discretion table [GD art. 6, GD-A1]: the table's labels, matters, start
// weight, floor and source, then each factor with its levels. Saving stores the next version: the server
// checks it (shape, then the domain's tableProblems) and answers the fields at fault, shown at those fields;
// the version the editor started from goes along so a concurrent edit is refused rather than overwritten.
// Every field of the table is a field of the form; there is no JSON view (issue 14 item 2).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { FactorEditor, NumberInput, Problems } from './FactorEditor.tsx';
import { newFactor, problemsAt, unplacedProblems, weightPreview } from './table-draft.ts';
import type { DiscretionTable, FieldProblem, StoredTable } from '@ecoenforce/contract';
import { errorText } from '../../api/errors.ts';

const clone = (t: DiscretionTable): DiscretionTable => JSON.parse(JSON.stringify(t)) as DiscretionTable;

export function TableEditor({ stored, onSaved }: { stored: StoredTable; onSaved: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(() => clone(stored.table));
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  async function save(): Promise<void> {
    const table = draft;
    setMessage(null);
    setProblems([]);
    try {
      await api('/api/discretion-tables', { method: 'POST', body: { baseVersion: stored.version, note, table } });
      setOpen(false);
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && Array.isArray(err.details) && err.details.length > 0) {
        // Each problem shows at its field; the summary only counts them.
        setProblems(err.details as FieldProblem[]);
        setMessage(t('catalogue.editor.problems', { count: err.details.length }));
        return;
      }
      setMessage(err instanceof ApiError && err.status === 409 ? t('catalogue.stale', { message: errorText(err) }) : errorText(err));
    }
  }

  if (!open) return <button type="button" onClick={() => setOpen(true)} data-testid="table-edit">{t('catalogue.editTable')}</button>;
  const set = (patch: Partial<DiscretionTable>): void => setDraft({ ...draft, ...patch });
  const bad = (path: string): boolean => problemsAt(problems, path).length > 0;
  const preview = weightPreview(draft);
  const elsewhere = unplacedProblems(problems, draft);
  const codeProblems = problems.filter((p) => p.path.startsWith('table.matterCodes'));
  return (
    <div className="stack" style={{ maxWidth: '64rem' }} data-testid="table-editor">
      <h3>{t('catalogue.editor.title', { id: stored.id, version: stored.version })}</h3>
      {message !== null && <p role="alert" className="error" data-testid="table-message">{message}</p>}
      {elsewhere.length > 0 && <ul className="error">{elsewhere.map((p) => <li key={`${p.path}:${p.message}`}><code>{p.path}</code>: {p.message}</li>)}</ul>}
      <div className="filters">
        <label>{t('catalogue.nameZh')}<input value={draft.label.zh} onChange={(e) => set({ label: { ...draft.label, zh: e.target.value } })} aria-invalid={bad('table.label.zh')} /><Problems problems={problems} path="table.label.zh" /></label>
        <label>{t('catalogue.nameEn')}<input value={draft.label.en} onChange={(e) => set({ label: { ...draft.label, en: e.target.value } })} aria-invalid={bad('table.label.en')} /><Problems problems={problems} path="table.label.en" /></label>
        <label>
          {t('catalogue.appliesTo')}
          <input value={draft.matterCodes.join(', ')} onChange={(e) => set({ matterCodes: e.target.value.split(/[,\s]+/).filter((x) => x !== '') })} aria-invalid={codeProblems.length > 0} data-testid="edit-matter-codes" />
          {codeProblems.length > 0 && <span role="alert" className="error" data-testid="field-problem" data-path="table.matterCodes" style={{ display: 'block' }}>{codeProblems.map((p) => p.message).join('; ')}</span>}
        </label>
      </div>
      <div className="filters">
        <label>{t('catalogue.start')} (%)<NumberInput value={draft.start.weight} onChange={(v) => set({ start: { ...draft.start, weight: v ?? Number.NaN } })} label={t('catalogue.start')} invalid={bad('table.start.weight')} testId="edit-start" /><Problems problems={problems} path="table.start.weight" /></label>
        <label>{t('catalogue.editor.startSource')}<input value={draft.start.source} onChange={(e) => set({ start: { ...draft.start, source: e.target.value } })} aria-invalid={bad('table.start.source')} /><Problems problems={problems} path="table.start.source" /></label>
        <label>{t('catalogue.floor')} (%)<NumberInput value={draft.floorPercent} onChange={(v) => set({ floorPercent: v ?? Number.NaN })} label={t('catalogue.floor')} invalid={bad('table.floorPercent')} /><Problems problems={problems} path="table.floorPercent" /></label>
        <label>{t('catalogue.source')}<input value={draft.source} onChange={(e) => set({ source: e.target.value })} aria-invalid={bad('table.source')} /><Problems problems={problems} path="table.source" /></label>
      </div>
      <p data-testid="table-preview" className="muted" aria-live="polite">
        {t('catalogue.editor.preview', { lightest: preview.lightest, lightestApplied: preview.lightestApplied, heaviest: preview.heaviest, heaviestApplied: preview.heaviestApplied })}
        {preview.heaviest > 100 && <> {t('catalogue.editor.capped')}</>}
      </p>
      <Problems problems={problems} path="table.factors" />
      {draft.factors.map((f, i) => (
        <FactorEditor
          key={i} factor={f} index={i} problems={problems}
          onChange={(nf) => set({ factors: draft.factors.map((x, k) => (k === i ? nf : x)) })}
          onRemove={() => set({ factors: draft.factors.filter((_, k) => k !== i) })}
        />
      ))}
      <button type="button" onClick={() => set({ factors: [...draft.factors, newFactor(draft.factors.map((f) => f.key))] })} style={{ alignSelf: 'flex-start' }} data-testid="edit-factor-add">{t('catalogue.editor.addFactor')}</button>
      <label>{t('catalogue.note')}<input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} data-testid="table-note" /></label>
      <div className="tabs">
        <button type="button" onClick={() => void save()} data-testid="table-save">{t('permitEdit.save')}</button>
        <button type="button" onClick={() => { setOpen(false); setDraft(clone(stored.table)); setProblems([]); setMessage(null); }}>{t('permitEdit.cancel')}</button>
      </div>
    </div>
  );
}
