// "What would the fine be": the officer enters what the investigation established, the server runs the
// discretion engine on the matter and table in force (POST /api/discretion/preview), and the page shows how
// it got there — each factor with its level, weight and source (an unproven factor scores its lowest level,
// GD art. 5), the formula, and every step with its article. Nothing is stored.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { Section } from '../../components/ui.tsx';
import type { DiscretionPreview, DiscretionTableList, FactorFact, StoredMatter } from '@ecoenforce/contract';
import { FactorField } from './FactorField.tsx';
import { yuan } from './types.ts';
import { sourceText } from '../../components/citation.ts';
import { errorText } from '../../api/errors.ts';

const CIRCUMSTANCES = ['ordinary', 'mitigated', 'aggravated'] as const;

export function FineCalculator({ matters, tables }: { matters: StoredMatter[]; tables: DiscretionTableList }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const fineable = matters.filter((m) => m.matter.penalty.kind !== 'daily' && m.matter.penalty.kind !== 'detention');
  const [code, setCode] = useState(fineable.some((m) => m.code === 'AIR-99-2') ? 'AIR-99-2' : (fineable[0]?.code ?? ''));
  const [facts, setFacts] = useState<Record<string, string>>({});
  const [circumstance, setCircumstance] = useState<(typeof CIRCUMSTANCES)[number]>('ordinary');
  const [aggravating, setAggravating] = useState<string[]>([]);
  const [mitigating, setMitigating] = useState<string[]>([]);
  const [proposed, setProposed] = useState('');
  const [instances, setInstances] = useState('1');
  const [base, setBase] = useState('');
  const [result, setResult] = useState<DiscretionPreview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const matter = fineable.find((m) => m.code === code)?.matter;
  const table = tables.items.find((x) => x.id === matter?.discretionTableId)?.table;
  const toggle = (list: string[], key: string): string[] => (list.includes(key) ? list.filter((k) => k !== key) : [...list, key]);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    const body: Record<string, unknown> = { matterCode: code, circumstance, aggravating, mitigating };
    if (table !== undefined) {
      const f: Record<string, FactorFact> = {};
      for (const factor of table.factors) {
        const v = (facts[factor.key] ?? '').trim();
        // Left empty: not established, so the engine scores the factor's lowest level (GD art. 5).
        if (v === '') continue;
        f[factor.key] = factor.input === 'number' ? { proven: true, value: Number(v) } : { proven: true, levels: [v] };
      }
      body.facts = f;
    }
    if (proposed.trim() !== '') body.proposedAmount = Number(proposed);
    if (matter?.penalty.kind === 'perInstance') body.instances = Number(instances);
    if (matter?.penalty.kind === 'multiple' && base.trim() !== '') body.base = Number(base);
    setMessage(null);
    try {
      setResult(await api<DiscretionPreview>('/api/discretion/preview', { method: 'POST', body }));
    } catch (err) {
      setResult(null);
      const band = err instanceof ApiError ? (err.details as { band?: { min: number; max: number } } | undefined)?.band : undefined;
      setMessage(errorText(err) + (band === undefined ? '' : ` (${t('catalogue.band')}: ${yuan(band.min)}–${yuan(band.max)})`));
    }
  }

  const x = result?.explanation;
  return (
    <Section title={t('catalogue.calculator')} testId="fine-calculator">
      <p className="muted">{t('catalogue.calculatorIntro')}</p>
      <form className="stack" style={{ maxWidth: '32rem' }} onSubmit={(e) => void submit(e)} data-testid="fine-form">
        <label>
          {t('catalogue.matter')}
          <select value={code} onChange={(e) => { setCode(e.target.value); setFacts({}); setResult(null); }} data-testid="fine-matter">
            {fineable.map((m) => <option key={m.code} value={m.code}>{m.code} · {m.matter.name[lang]}</option>)}
          </select>
        </label>
        {table?.factors.map((f) => <FactorField key={f.key} factor={f} value={facts[f.key] ?? ''} onChange={(v) => setFacts({ ...facts, [f.key]: v })} />)}
        {table === undefined && (
          <label>
            {t('catalogue.circumstance')}
            <select value={circumstance} onChange={(e) => setCircumstance(e.target.value as (typeof CIRCUMSTANCES)[number])} data-testid="fine-circumstance">
              {CIRCUMSTANCES.map((c) => <option key={c} value={c}>{t(`catalogue.circumstances.${c}`)}</option>)}
            </select>
          </label>
        )}
        {matter?.penalty.kind === 'perInstance' && <label>{t('catalogue.instances')}<input type="number" min={1} value={instances} onChange={(e) => setInstances(e.target.value)} /></label>}
        {matter?.penalty.kind === 'multiple' && <label>{t(`catalogue.base.${matter.penalty.of}`)}<input type="number" min={0} value={base} onChange={(e) => setBase(e.target.value)} /></label>}
        <fieldset>
          <legend>{t('catalogue.aggravating')}</legend>
          {tables.aggravating.map((c) => (
            <label key={c.key} style={{ display: 'block' }}><input type="checkbox" checked={aggravating.includes(c.key)} onChange={() => setAggravating(toggle(aggravating, c.key))} /> {c.label[lang]} <span className="muted">{sourceText(c.source, i18n.language)}</span></label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('catalogue.mitigating')}</legend>
          {tables.mitigating.map((k) => (
            <label key={k} style={{ display: 'block' }}><input type="checkbox" checked={mitigating.includes(k)} onChange={() => setMitigating(toggle(mitigating, k))} /> {t(`catalogue.mitigation.${k}`, { defaultValue: k })}</label>
          ))}
        </fieldset>
        <label>{t('catalogue.proposed')}<input type="number" min={0} value={proposed} onChange={(e) => setProposed(e.target.value)} data-testid="fine-proposed" /></label>
        <div><button type="submit" disabled={code === ''} data-testid="fine-submit">{t('catalogue.compute')}</button></div>
      </form>
      {message !== null && <p role="alert" className="error" data-testid="fine-error">{message}</p>}
      {result !== null && x !== undefined && (
        <div data-testid="fine-result">
          <p><strong data-testid="fine-amount">{t('catalogue.amount', { amount: yuan(result.amount) })}</strong></p>
          <dl className="facts">
            <dt>{t('catalogue.matter')}</dt><dd>{result.matter.code} v{result.matter.version} · {x.matter.penaltyBasis}</dd>
            {result.table !== null && <><dt>{t('catalogue.table')}</dt><dd>{result.table.id} v{result.table.version}</dd></>}
            <dt>{t('catalogue.statutory')}</dt><dd>{x.statutory.basis}</dd>
            <dt>{t('catalogue.formula')}</dt><dd><code data-testid="fine-formula">{x.formula}</code></dd>
            {x.circumstance.note !== null && <><dt>{t('catalogue.circumstance')}</dt><dd>{x.circumstance.note}</dd></>}
          </dl>
          {x.method === 'weights' && (
            <div className="table-wrap">
              <table data-testid="fine-factors">
                <thead>
                  <tr>
                    <th scope="col">{t('catalogue.factor')}</th><th scope="col">{t('catalogue.value')}</th><th scope="col">{t('catalogue.levelCol')}</th>
                    <th scope="col">{t('catalogue.weight')}</th><th scope="col">{t('catalogue.basisCol')}</th><th scope="col">{t('catalogue.source')}</th>
                  </tr>
                </thead>
                <tbody>
                  {x.start !== null && <tr><td>{t('catalogue.start')}</td><td>—</td><td>—</td><td>{x.start.weight} %</td><td /><td className="muted">{sourceText(x.start.source, i18n.language)}</td></tr>}
                  {x.factors.map((f) => (
                    <tr key={f.key} data-testid="fine-factor" data-factor={f.key} data-proven={f.proven}>
                      <td>{f.label[lang]}</td>
                      <td>{f.value ?? (f.claimed.length > 0 ? f.claimed.join(', ') : '—')}</td>
                      <td>{f.levelLabel[lang]}</td>
                      <td>{f.weight} %</td>
                      <td>{t(`catalogue.rules.${f.rule}`)}</td>
                      <td className="muted">{sourceText(f.source, i18n.language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <ol data-testid="fine-steps">
            {x.steps.map((s, i) => <li key={i}>{s.detail} → {yuan(s.amount)} <span className="muted">({sourceText(s.source, i18n.language)})</span></li>)}
          </ol>
        </div>
      )}
    </Section>
  );
}
