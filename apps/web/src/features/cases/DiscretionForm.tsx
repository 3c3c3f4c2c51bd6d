// "拟定处罚（自由裁量）" in a case as a form (issue 14 item 2): every factor of the case's discretion table
// (pinned version) as a labelled field (FactorField, shared with the catalogue's calculator), the gates as
// Chinese choices, filled from the case's evidence (GET /api/cases/:id/fine-facts) with each value's origin.
// The exceedance multiple is (C − L) ÷ L, computed by the server from the warning's values and limit; the
// warning's "限值的 X 倍" (C ÷ L) is shown beside it, never asked for. A changed value needs a reason, sent
// with the input (facts' evidence, provenance) and kept on the event. The fine is previewed as the form
// changes (POST …/fine-preview); applying sends record_discretion with the same input.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { beijing, num } from '../../components/format.ts';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { FactorField } from '../catalogue/FactorField.tsx';
import { yuan } from '../catalogue/types.ts';
import type { CaseErrorDetails, CaseFineFacts, FineFactSuggestion, FinePreview } from '@ecoenforce/contract';
import { buildFineInput, changedFields, formText, initialValues, missingReasons, type FormValues } from './fine-form.ts';

const day = (ms: number): string => beijing(ms).slice(0, 10);
const CIRCUMSTANCES = ['ordinary', 'mitigated', 'aggravated'] as const;

export function DiscretionForm({ caseId, version, onDone }: { caseId: number; version: number; onDone: () => void }) {
  const facts = useAsync(() => api<CaseFineFacts>(`/api/cases/${caseId}/fine-facts`), [caseId]);
  if (facts.error !== undefined) return <Failed error={facts.error} retry={facts.reload} />;
  if (facts.data === undefined) return <Loading />;
  return <Form caseId={caseId} version={version} facts={facts.data} onDone={onDone} />;
}

function Form({ caseId, version, facts, onDone }: { caseId: number; version: number; facts: CaseFineFacts; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const table = facts.table?.table;
  const [values, setValues] = useState<FormValues>(() => initialValues(facts));
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [aggravating, setAggravating] = useState<string[]>([]);
  const [mitigating, setMitigating] = useState<string[]>([]);
  const [circumstance, setCircumstance] = useState<(typeof CIRCUMSTANCES)[number]>('ordinary');
  const [proposed, setProposed] = useState('');
  const [instances, setInstances] = useState('1');
  const [base, setBase] = useState('');
  const [preview, setPreview] = useState<FinePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [computing, setComputing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const asked = useRef(0);

  const suggestionOf = useMemo(() => new Map(facts.suggestions.map((s) => [s.field, s])), [facts]);
  const set = (field: string, v: string): void => setValues((old) => ({ ...old, [field]: v }));
  const toggle = (list: string[], key: string): string[] => (list.includes(key) ? list.filter((k) => k !== key) : [...list, key]);

  const fieldLabel = (field: string): string => {
    if (field === 'facts.exceedanceMultiple') return t('fineForm.exceedanceLabel');
    if (field.startsWith('facts.')) return table?.factors.find((f) => `facts.${f.key}` === field)?.label[lang] ?? field;
    return t(`fineForm.${field.slice('gates.'.length)}`, { defaultValue: field });
  };
  const valueText = (field: string, v: string): string => {
    if (v === 'yes' || v === 'no') return t(`fineForm.${v}`);
    const factor = table?.factors.find((f) => `facts.${f.key}` === field);
    if (factor?.input === 'level') return factor.levels.find((l) => l.key === v)?.label[lang] ?? v;
    return v === '' ? t('catalogue.unproven') : v;
  };
  const factorName = (p: { factor: string; factorName: string | null; factorNameEn: string | null }): string => (lang === 'en' ? p.factorNameEn : p.factorName) ?? p.factor;
  const originText = (s: FineFactSuggestion): string => {
    const o = s.origin;
    switch (o.kind) {
      case 'warning': {
        const p = o.pollutant;
        return t('fineForm.origin.warning', { id: p.warningId, factor: factorName(p), multiple: num(p.multiple, 2), max: num(p.max), limit: num(p.limit), unit: p.unit, ratio: num(p.ratio, 2) });
      }
      case 'warnings':
        return t('fineForm.origin.warnings', { ids: o.pollutants.map((p) => `#${p.warningId}`).join('、'), names: o.pollutants.map(factorName).join('、'), count: o.pollutants.length });
      case 'pollutantClass':
        return t('fineForm.origin.pollutantClass', { id: o.pollutant.warningId, factor: factorName(o.pollutant), kind: t(`fineForm.kinds.${o.pollutant.kind}`) });
      case 'decisions':
        return o.cases.length === 0
          ? t('fineForm.origin.decisionsNone', { since: day(o.since), until: day(o.until) })
          : t('fineForm.origin.decisions', { since: day(o.since), until: day(o.until), list: o.cases.map((c) => `${c.number}（${day(c.decidedAt)}）`).join('、'), count: o.cases.length + 1 });
      case 'specialPeriod':
        return t('fineForm.origin.specialPeriod', { name: o.name, kind: t(`fineForm.periodKinds.${o.periodKind}`), from: beijing(o.startsAt), to: beijing(o.endsAt) });
    }
  };

  const state = { values, reasons, aggravating, mitigating, proposed, instances, base };
  /** What the form can check itself, in the console's language; null when the facts may be sent. */
  function problem(): string | null {
    for (const f of table?.factors ?? []) {
      const v = (values[`facts.${f.key}`] ?? '').trim();
      if (f.input === 'number' && v !== '' && !Number.isFinite(Number(v))) return t('fineForm.invalidNumber', { field: fieldLabel(`facts.${f.key}`) });
    }
    if (values['gates.actOngoing'] === 'no' && (values['gates.actEndedOn'] ?? '') === '') return t('fineForm.endDateRequired');
    return null;
  }
  const input = (): Record<string, unknown> => {
    const body = buildFineInput(facts, state, originText, valueText);
    if (table === undefined) body.circumstance = circumstance;
    return body;
  };

  // The live preview: each change asks the server again after a short pause; only the latest answer shows.
  const key = JSON.stringify([values, aggravating, mitigating, circumstance, proposed, instances, base]);
  useEffect(() => {
    if (problem() !== null) {
      setPreview(null);
      return undefined;
    }
    const n = ++asked.current;
    setComputing(true);
    const timer = setTimeout(() => {
      api<FinePreview>(`/api/cases/${caseId}/fine-preview`, { method: 'POST', body: input() })
        .then((p) => { if (n === asked.current) { setPreview(p); setPreviewError(null); } })
        .catch((e: unknown) => {
          if (n !== asked.current) return;
          setPreview(null);
          const band = e instanceof ApiError ? (e.details as CaseErrorDetails<{ band?: { min: number; max: number } }> | undefined)?.detail?.band : undefined;
          setPreviewError(band === undefined ? t('fineForm.previewFailed') : t('fineForm.band', { min: yuan(band.min), max: yuan(band.max) }));
        })
        .finally(() => { if (n === asked.current) setComputing(false); });
    }, 250);
    return () => clearTimeout(timer);
  }, [key, caseId]); // `key` stands for the form's state

  async function submit(): Promise<void> {
    const invalid = problem();
    const missing = missingReasons(facts.suggestions, values, reasons);
    if (invalid !== null || missing.length > 0) {
      setError(invalid ?? t('fineForm.reasonRequired', { field: fieldLabel(missing[0]!) }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api(`/api/cases/${caseId}/actions`, { method: 'POST', body: { action: 'record_discretion', input: input(), version } });
      onDone();
    } catch (e) {
      const d = e instanceof ApiError ? (e.details as CaseErrorDetails | undefined) : undefined;
      setError(d?.reason === 'stale' ? t('cases.stale') : d?.reason === 'refused' ? t('cases.refused') : t('fineForm.previewFailed'));
    } finally {
      setBusy(false);
    }
  }

  const changed = new Set(changedFields(facts.suggestions, values));
  /** Under a pre-filled field: where it came from and, once changed, the reason asked for. */
  const provenance = (field: string) => {
    const s = suggestionOf.get(field);
    if (s === undefined) return null;
    const id = field.replace('.', '-');
    return (
      <>
        <small className="muted" style={{ display: 'block' }} data-testid={`fine-origin-${id}`}>{originText(s)}</small>
        {changed.has(field) && (
          <span style={{ display: 'block' }}>
            <small data-testid={`fine-changed-${id}`}>{t('fineForm.changed', { value: valueText(field, formText(s.value)) })}</small>
            <input value={reasons[field] ?? ''} placeholder={t('fineForm.reason')} aria-label={`${fieldLabel(field)} · ${t('fineForm.reason')}`} maxLength={500}
              onChange={(e) => setReasons({ ...reasons, [field]: e.target.value })} data-testid={`fine-reason-${id}`} />
          </span>
        )}
      </>
    );
  };
  const yesNo = (k: string) => (
    <label key={k}>
      {t(`fineForm.${k}`)}
      <select value={values[`gates.${k}`] ?? 'no'} onChange={(e) => set(`gates.${k}`, e.target.value)} data-testid={`fine-gate-${k}`}>
        <option value="yes">{t('fineForm.yes')}</option>
        <option value="no">{t('fineForm.no')}</option>
      </select>
      {provenance(`gates.${k}`)}
    </label>
  );

  const outcome = preview?.gates.outcome;
  return (
    <form className="card stack" data-testid="action-form-record_discretion" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>{t('cases.actions.record_discretion')}</h3>
      <p className="muted">{t('fineForm.intro')}</p>
      <p className="muted">{facts.matter.code} {facts.matter.name[lang]}{facts.table !== null && <> · {facts.table.table.label[lang]} · {t('cases.tableVersion', { version: facts.table.version })}</>}</p>
      {table !== undefined && (
        <fieldset data-testid="fine-factors-form">
          <legend>{t('fineForm.factors')}</legend>
          {table.factors.map((f) => (
            <FactorField key={f.key} factor={f} value={values[`facts.${f.key}`] ?? ''} onChange={(v) => set(`facts.${f.key}`, v)}
              {...(f.key === 'exceedanceMultiple' ? { label: <>{t('fineForm.exceedanceLabel')} <small className="muted">{t('fineForm.exceedanceHint')}</small></> } : {})}>
              {provenance(`facts.${f.key}`)}
            </FactorField>
          ))}
        </fieldset>
      )}
      <fieldset data-testid="fine-gates-form">
        <legend>{t('fineForm.gatesTitle')}</legend>
        <label>
          {t('fineForm.harm')}
          <select value={values['gates.harm'] ?? 'minor'} onChange={(e) => set('gates.harm', e.target.value)} data-testid="fine-gate-harm">
            {(['none', 'minor', 'serious'] as const).map((h) => <option key={h} value={h}>{t(`fineForm.harmLevels.${h}`)}</option>)}
          </select>
        </label>
        {['firstViolation', 'minor', 'correctedInTime', 'actOngoing'].map(yesNo)}
        {values['gates.actOngoing'] === 'no' && (
          <label>{t('fineForm.actEndedOn')}<input type="date" value={values['gates.actEndedOn'] ?? ''} onChange={(e) => set('gates.actEndedOn', e.target.value)} data-testid="fine-gate-actEndedOn" /></label>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('fineForm.circumstancesTitle')}</legend>
        {table === undefined && (
          <label>
            {t('fineForm.circumstance')}
            <select value={circumstance} onChange={(e) => setCircumstance(e.target.value as (typeof CIRCUMSTANCES)[number])} data-testid="fine-circumstance">
              {CIRCUMSTANCES.map((c) => <option key={c} value={c}>{t(`catalogue.circumstances.${c}`)}</option>)}
            </select>
          </label>
        )}
        {facts.matter.penaltyKind === 'perInstance' && <label>{t('catalogue.instances')}<input type="number" min={1} value={instances} onChange={(e) => setInstances(e.target.value)} /></label>}
        {facts.matter.penaltyKind === 'multiple' && <label>{t('catalogue.base.directLoss')}<input type="number" min={0} value={base} onChange={(e) => setBase(e.target.value)} /></label>}
        <p>{t('catalogue.aggravating')}</p>
        {facts.aggravating.map((c) => (
          <label key={c.key} style={{ display: 'block' }}><input type="checkbox" checked={aggravating.includes(c.key)} onChange={() => setAggravating(toggle(aggravating, c.key))} /> {c.label[lang]}</label>
        ))}
        <p>{t('catalogue.mitigating')}</p>
        {facts.mitigating.map((k) => (
          <label key={k} style={{ display: 'block' }}><input type="checkbox" checked={mitigating.includes(k)} onChange={() => setMitigating(toggle(mitigating, k))} /> {t(`catalogue.mitigation.${k}`, { defaultValue: k })}</label>
        ))}
        <label>{t('catalogue.proposed')}<input type="number" min={0} value={proposed} onChange={(e) => setProposed(e.target.value)} data-testid="fine-proposed" /></label>
      </fieldset>
      <div aria-live="polite" data-testid="fine-live" data-computing={computing}>
        {preview !== null && preview.fine !== null && (
          <p><strong data-testid="fine-live-amount" data-amount={preview.fine.amount}>{t('fineForm.live', { amount: yuan(preview.fine.amount) })}</strong></p>
        )}
        {preview !== null && preview.fine === null && outcome !== undefined && <p data-testid="fine-live-none">{t('fineForm.noFine', { outcome: t(`fineForm.outcomes.${outcome}`) })}</p>}
        {outcome === 'may_waive' && <p data-testid="fine-live-waivable">{t('fineForm.waivable')}</p>}
        {previewError !== null && <p className="error" data-testid="fine-live-error">{previewError}</p>}
        {computing && <p className="muted">{t('fineForm.computing')}</p>}
      </div>
      <button type="submit" disabled={busy} data-testid="action-submit">{t('cases.apply')}</button>
      {error !== null && <div role="alert" className="error" data-testid="action-error">{error}</div>}
    </form>
  );
}
