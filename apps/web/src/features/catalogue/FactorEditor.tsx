// One factor of a discretion table in the structured editor: its key, labels, kind (named levels or numeric
// bands [GD art. 23]) and source, then a row per level with its labels, band and weight. The server's
// problems show under the field they name.
import { useTranslation } from 'react-i18next';
import { addLevel, problemsAt, removeLevel, setInput } from './table-draft.ts';
import type { Bilingual, DiscretionFactor, FactorLevel, FieldProblem } from '@ecoenforce/contract';

/** The server's problems for one field, under it. */
export function Problems({ problems, path }: { problems: readonly FieldProblem[]; path: string }) {
  const here = problemsAt(problems, path);
  if (here.length === 0) return null;
  return <span role="alert" className="error" data-testid="field-problem" data-path={path} style={{ display: 'block', maxWidth: '18rem', whiteSpace: 'normal' }}>{here.map((p) => p.message).join('; ')}</span>;
}

/** A number input over a value that may be NaN while the field is empty (sent as is; the server names it). */
export function NumberInput({ value, onChange, label, testId, invalid, allowEmpty }: { value: number | null | undefined; onChange: (v: number | null) => void; label: string; testId?: string; invalid: boolean; allowEmpty?: boolean }) {
  const shown = value === null || value === undefined || Number.isNaN(value) ? '' : String(value);
  return (
    <input
      type="number" step="any" value={shown} aria-label={label} aria-invalid={invalid} data-testid={testId} style={{ width: '6rem' }}
      onChange={(e) => onChange(e.target.value === '' ? (allowEmpty === true ? null : Number.NaN) : e.target.valueAsNumber)}
    />
  );
}

function LabelInputs({ value, onChange, path, problems, name, width }: { value: Bilingual; onChange: (v: Bilingual) => void; path: string; problems: readonly FieldProblem[]; name: string; width?: string }) {
  const { t } = useTranslation();
  const style = width === undefined ? undefined : { width };
  return (
    <>
      <input value={value.zh} onChange={(e) => onChange({ ...value, zh: e.target.value })} aria-label={`${name} ${t('catalogue.nameZh')}`} aria-invalid={problemsAt(problems, `${path}.zh`).length > 0} style={style} />
      <Problems problems={problems} path={`${path}.zh`} />
      <input value={value.en} onChange={(e) => onChange({ ...value, en: e.target.value })} aria-label={`${name} ${t('catalogue.nameEn')}`} aria-invalid={problemsAt(problems, `${path}.en`).length > 0} style={style} />
      <Problems problems={problems} path={`${path}.en`} />
      <Problems problems={problems} path={path} />
    </>
  );
}

export function FactorEditor({ factor, index, problems, onChange, onRemove }: { factor: DiscretionFactor; index: number; problems: readonly FieldProblem[]; onChange: (f: DiscretionFactor) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const fp = `table.factors.${index}`;
  const bad = (path: string): boolean => problemsAt(problems, path).length > 0;
  const setLevel = (j: number, l: FactorLevel): void => onChange({ ...factor, levels: factor.levels.map((x, k) => (k === j ? l : x)) });
  const numeric = factor.input === 'number';
  return (
    <fieldset data-testid={`edit-factor-${index}`} data-factor={factor.key} style={{ marginBottom: '0.8rem' }}>
      <legend>{t('catalogue.factor')} {index + 1}: {factor.key}</legend>
      <Problems problems={problems} path={fp} />
      <div className="filters">
        <label>{t('catalogue.editor.key')}<input value={factor.key} onChange={(e) => onChange({ ...factor, key: e.target.value })} aria-invalid={bad(`${fp}.key`)} data-testid={`edit-factor-key-${index}`} /><Problems problems={problems} path={`${fp}.key`} /></label>
        <label>
          {t('catalogue.editor.input')}
          <select value={factor.input} onChange={(e) => onChange(setInput(factor, e.target.value as DiscretionFactor['input']))}>
            <option value="level">{t('catalogue.editor.inputLevel')}</option>
            <option value="number">{t('catalogue.editor.inputNumber')}</option>
          </select>
        </label>
        {numeric && <label>{t('catalogue.editor.unit')}<input value={factor.unit ?? ''} onChange={(e) => onChange({ ...factor, unit: e.target.value === '' ? undefined : e.target.value })} style={{ width: '6rem' }} /></label>}
        <button type="button" onClick={onRemove} data-testid={`edit-factor-remove-${index}`}>{t('catalogue.editor.removeFactor')}</button>
      </div>
      <div className="stack" style={{ maxWidth: '40rem' }}>
        <LabelInputs value={factor.label} onChange={(label) => onChange({ ...factor, label })} path={`${fp}.label`} problems={problems} name={t('catalogue.factor')} />
        <label>{t('catalogue.source')}<input value={factor.source} onChange={(e) => onChange({ ...factor, source: e.target.value })} aria-invalid={bad(`${fp}.source`)} /></label>
        <Problems problems={problems} path={`${fp}.source`} />
      </div>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('catalogue.editor.key')}</th><th scope="col">{t('catalogue.editor.description')}</th>
              {numeric && <th scope="col">{t('catalogue.band')}</th>}
              <th scope="col">{t('catalogue.weight')} (%)</th><th scope="col" />
            </tr>
          </thead>
          <tbody>
            {factor.levels.map((l, j) => {
              const lp = `${fp}.levels.${j}`;
              return (
                <tr key={j} data-testid={`edit-level-${index}-${j}`} data-level={l.key}>
                  <td><input value={l.key} onChange={(e) => setLevel(j, { ...l, key: e.target.value })} aria-label={t('catalogue.editor.key')} aria-invalid={bad(`${lp}.key`)} style={{ width: '7rem' }} /><Problems problems={problems} path={`${lp}.key`} /></td>
                  <td><LabelInputs value={l.label} onChange={(label) => setLevel(j, { ...l, label })} path={`${lp}.label`} problems={problems} name={t('catalogue.levelCol')} width="9rem" /></td>
                  {numeric && (
                    <td>
                      <NumberInput value={l.from} onChange={(v) => setLevel(j, { ...l, from: v ?? Number.NaN })} label={t('catalogue.editor.from')} invalid={bad(`${lp}.from`)} />
                      {' ≤ x < '}
                      <NumberInput value={l.to} onChange={(v) => setLevel(j, { ...l, to: v })} label={t('catalogue.editor.to')} invalid={bad(`${lp}.to`)} allowEmpty />
                      <Problems problems={problems} path={`${lp}.from`} />
                      <Problems problems={problems} path={`${lp}.to`} />
                    </td>
                  )}
                  <td>
                    <NumberInput value={l.weight} onChange={(v) => setLevel(j, { ...l, weight: v ?? Number.NaN })} label={`${t('catalogue.weight')} ${l.key}`} invalid={bad(`${lp}.weight`)} testId={`edit-weight-${index}-${j}`} />
                    <Problems problems={problems} path={`${lp}.weight`} />
                  </td>
                  <td>
                    <button type="button" onClick={() => onChange(removeLevel(factor, j))} disabled={factor.levels.length <= 1} data-testid={`edit-level-remove-${index}-${j}`}>{t('catalogue.editor.removeLevel')}</button>
                    <Problems problems={problems} path={lp} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Problems problems={problems} path={`${fp}.levels`} />
      <button type="button" onClick={() => onChange(addLevel(factor))} style={{ alignSelf: 'flex-start' }} data-testid={`edit-level-add-${index}`}>{t('catalogue.editor.addLevel')}</button>
    </fieldset>
  );
}
