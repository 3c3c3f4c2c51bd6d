// "涉嫌犯罪标记" (flag_criminal) as a form (issue 14 item 2): the thresholds of the judicial interpretation
// picked by name with their article by official title, the evidence each reads as labelled fields, filled from
// the case's record (GET /api/cases/:id/fine-facts): a warning on a heavy metal gives a sample with its peak C
// and limit L, and the form shows the exceedance multiple (C − L) ÷ L against the 3× or 10× line (never
// C ÷ L); the warnings' pollutants, the earlier same-kind decisions (the repeat count) and the heavy-pollution
// warning in force fill the other rules. Each pre-filled value shows its origin; a changed one needs a
// reason, sent with the input (provenance). The thresholds met are shown as the form changes (the domain's
// own check, criminal-form.ts); the server checks again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { sourceText } from '../../components/citation.ts';
import { num } from '../../components/format.ts';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import type { CaseFineFacts } from '@ecoenforce/contract';
import {
  criminalCheck, criminalInput, criminalStart, metalThreshold, overMultiple, CRIMINAL_GROUNDS, CRIMINAL_SOURCE, METALS, MONITORED, sectionOf,
  type CriminalGround,
} from './criminal-form.ts';
import type { Problem } from './exemption-form.ts';
import { numberOf, type Values } from './prefill.ts';
import { PrefillNote, usePrefillOrigin } from './Prefilled.tsx';
import { useActionFailure } from './action-failure.tsx';
import { useFlagText } from './criminal-text.ts';

type Props = { caseId: number; version: number; onDone: () => void };

export function CriminalForm(props: Props) {
  const facts = useAsync(() => api<CaseFineFacts>(`/api/cases/${props.caseId}/fine-facts`), [props.caseId]);
  if (facts.error !== undefined) return <Failed error={facts.error} retry={facts.reload} />;
  if (facts.data === undefined) return <Loading />;
  return <Form {...props} facts={facts.data} />;
}

const pollutantKey = (code: string): string => code.replace('-', '');

function Form({ caseId, version, onDone, facts }: Props & { facts: CaseFineFacts }) {
  const { t, i18n } = useTranslation();
  const [start] = useState(() => criminalStart(facts, { warning: (id) => t('caseForms.criminal.refWarning', { id }), decision: (number) => t('caseForms.criminal.refDecision', { number }) }));
  const { prefills } = start;
  const [values, setValues] = useState<Values>(start.values);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [grounds, setGrounds] = useState<CriminalGround[]>(start.grounds);
  const [metalRows, setMetalRows] = useState(start.metalRows);
  const [penaltyRows, setPenaltyRows] = useState(start.penaltyRows);
  const [busy, setBusy] = useState(false);
  const failure = useActionFailure();
  const originText = usePrefillOrigin();
  const flagText = useFlagText();
  // A change clears what the last attempt said; the next one checks again.
  const set = (field: string, v: string): void => {
    setValues((old) => ({ ...old, [field]: v }));
    failure.set(null);
  };
  const metalName = (m: string): string => t(`caseForms.criminal.metals.${m}`, { defaultValue: m });

  const fieldLabel = (field: string): string => {
    const row = /^(metals|repeat)\.(\d+)\.(\w+)$/.exec(field);
    if (row !== null) {
      const index = Number(row[2]) + 1;
      return row[1] === 'metals' ? `${t('caseForms.criminal.sample', { index })} ${t(`caseForms.criminal.${row[3] === 'metal' ? 'metal' : row[3] === 'value' ? 'value' : 'limit'}`)}` : t('caseForms.criminal.penalty', { index });
    }
    const last = field.split('.')[1] ?? field;
    return t(`caseForms.criminal.${last === 'pollutant' ? 'repeatPollutant' : last}`);
  };
  const valueText = (field: string, v: string): string => {
    if (v === 'yes' || v === 'no') return t(`caseForms.${v}`);
    if (field.endsWith('.metal')) return metalName(v);
    if (field === 'monitoringFraud.pollutants' || field === 'repeat.pollutant') return v.split(',').filter((x) => x !== '').map((x) => t(`caseForms.criminal.pollutantNames.${pollutantKey(x)}`)).join('、');
    return v;
  };
  const message = (p: NonNullable<Problem>): string => (p.key === 'reasonRequired' ? t('caseForms.reasonRequired', { field: fieldLabel(p.field ?? '') }) : t(`caseForms.${p.key}`, p.values ?? {}));

  const state = { values, reasons, grounds, metalRows, penaltyRows };
  const check = criminalCheck(state);

  async function submit(): Promise<void> {
    const r = criminalInput(state, prefills, originText, valueText);
    if (!r.ok) {
      failure.set(message(r.problem));
      return;
    }
    setBusy(true);
    failure.set(null);
    try {
      await api(`/api/cases/${caseId}/actions`, { method: 'POST', body: { action: 'flag_criminal', input: r.input, version } });
      onDone();
    } catch (e) {
      failure.fail(e);
    } finally {
      setBusy(false);
    }
  }

  const testId = (field: string): string => `criminal-${field.replaceAll('.', '-')}`;
  const note = (field: string) => (
    <PrefillNote prefill={grounds.includes(sectionOf(field)) ? prefills.find((p) => p.field === field) : undefined} value={values[field] ?? ''} label={fieldLabel(field)}
      valueText={(v) => valueText(field, v)} reason={reasons[field] ?? ''} onReason={(r) => { setReasons({ ...reasons, [field]: r }); failure.set(null); }} />
  );
  const input = (field: string, type: 'text' | 'number' | 'date' = 'text', label = fieldLabel(field)) => (
    <label key={field}>
      {label}
      <input type={type} {...(type === 'number' ? { step: 'any', min: 0 } : { maxLength: 200 })} value={values[field] ?? ''} onChange={(e) => set(field, e.target.value)} data-testid={testId(field)} />
      {note(field)}
    </label>
  );
  const yesNo = (field: string) => (
    <label key={field}>
      {fieldLabel(field)}
      <select value={values[field] ?? 'no'} onChange={(e) => set(field, e.target.value)} data-testid={testId(field)}>
        <option value="yes">{t('caseForms.yes')}</option>
        <option value="no">{t('caseForms.no')}</option>
      </select>
      {note(field)}
    </label>
  );
  const ref = (section: string) => input(`${section}.ref`, 'text', t('caseForms.criminal.ref'));

  const metalRow = (i: number) => {
    const metal = values[`metals.${i}.metal`] ?? '';
    const value = numberOf(values[`metals.${i}.value`]);
    const limit = numberOf(values[`metals.${i}.limit`]);
    const m = overMultiple(value, limit);
    const threshold = (METALS as readonly string[]).includes(metal) ? metalThreshold(metal as (typeof METALS)[number]) : null;
    return (
      <fieldset key={`metal-${i}`} data-testid={`criminal-sample-${i}`}>
        <legend>{t('caseForms.criminal.sample', { index: i + 1 })}</legend>
        <label>
          {t('caseForms.criminal.metal')}
          <select value={metal} onChange={(e) => set(`metals.${i}.metal`, e.target.value)} data-testid={testId(`metals.${i}.metal`)}>
            <option value="">{t('caseForms.criminal.choose')}</option>
            {METALS.map((s) => <option key={s} value={s}>{metalName(s)}</option>)}
          </select>
          {note(`metals.${i}.metal`)}
        </label>
        {input(`metals.${i}.value`, 'number', t('caseForms.criminal.value'))}
        {input(`metals.${i}.limit`, 'number', t('caseForms.criminal.limit'))}
        {m !== null && threshold !== null && value !== null && limit !== null && (
          <p data-testid={`criminal-sample-${i}-multiple`} data-met={m + 1e-9 >= threshold}>
            {t('caseForms.criminal.sampleMultiple', { value: num(value, 6), limit: num(limit, 6), multiple: num(m, 2), threshold, verdict: t(`caseForms.criminal.${m + 1e-9 >= threshold ? 'met' : 'notMet'}`) })}
          </p>
        )}
        {input(`metals.${i}.ref`, 'text', t('caseForms.criminal.ref'))}
        {i === metalRows - 1 && i >= start.metalRows && <button type="button" onClick={() => setMetalRows(metalRows - 1)}>{t('caseForms.criminal.remove')}</button>}
      </fieldset>
    );
  };
  const pollutants = new Set((values['monitoringFraud.pollutants'] ?? '').split(',').filter((p) => p !== ''));
  const togglePollutant = (code: string): void => {
    const next = new Set(pollutants);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    set('monitoringFraud.pollutants', MONITORED.filter((c) => next.has(c)).join(','));
  };

  const section = (g: CriminalGround) => {
    switch (g) {
      case 'metals':
        return <>{Array.from({ length: metalRows }, (_x, i) => metalRow(i))}<button type="button" onClick={() => setMetalRows(metalRows + 1)} data-testid="criminal-add-sample">{t('caseForms.criminal.addSample')}</button></>;
      case 'hazardousWaste': return <>{input('hazardousWaste.tonnes', 'number')}{ref('hazardousWaste')}</>;
      case 'monitoringFraud':
        return (
          <>
            {yesNo('monitoringFraud.keyDischarger')}
            {yesNo('monitoringFraud.tampered')}
            <p>{t('caseForms.criminal.pollutants')}</p>
            {MONITORED.map((c) => (
              <label key={c} style={{ display: 'block' }}>
                <input type="checkbox" checked={pollutants.has(c)} onChange={() => togglePollutant(c)} data-testid={`criminal-pollutant-${pollutantKey(c)}`} /> {t(`caseForms.criminal.pollutantNames.${pollutantKey(c)}`)}
              </label>
            ))}
            {note('monitoringFraud.pollutants')}
            {ref('monitoringFraud')}
          </>
        );
      case 'evasiveDischarge': return <>{yesNo('evasiveDischarge.toxic')}{input('evasiveDischarge.method')}{ref('evasiveDischarge')}</>;
      case 'money': return <>{input('money.gain', 'number')}{input('money.loss', 'number')}{ref('money')}</>;
      case 'heavyPollutionRepeat':
        return (
          <>
            {input('repeat.actOn', 'date')}
            <label>
              {t('caseForms.criminal.repeatPollutant')}
              <select value={values['repeat.pollutant'] ?? 'SO2'} onChange={(e) => set('repeat.pollutant', e.target.value)} data-testid={testId('repeat.pollutant')}>
                {(['SO2', 'NOx'] as const).map((c) => <option key={c} value={c}>{t(`caseForms.criminal.pollutantNames.${c}`)}</option>)}
              </select>
              {note('repeat.pollutant')}
            </label>
            {yesNo('repeat.duringWarning')}
            {Array.from({ length: penaltyRows }, (_x, i) => (
              <div key={`penalty-${i}`}>
                {input(`repeat.${i}.on`, 'date')}
                {input(`repeat.${i}.ref`, 'text', t('caseForms.criminal.ref'))}
                {i === penaltyRows - 1 && i >= start.penaltyRows && <button type="button" onClick={() => setPenaltyRows(penaltyRows - 1)}>{t('caseForms.criminal.remove')}</button>}
              </div>
            ))}
            <button type="button" onClick={() => setPenaltyRows(penaltyRows + 1)} data-testid="criminal-add-penalty">{t('caseForms.criminal.addPenalty')}</button>
            <p data-testid="criminal-repeat-count">{t('caseForms.criminal.repeatCount', { count: penaltyRows })}</p>
            {ref('repeat')}
          </>
        );
    }
  };

  return (
    <form className="card stack" data-testid="action-form-flag_criminal" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>{t('cases.actions.flag_criminal')}</h3>
      <p className="muted">{t('caseForms.criminal.intro')}</p>
      <fieldset data-testid="criminal-grounds">
        <legend>{t('caseForms.criminal.grounds')}</legend>
        {CRIMINAL_GROUNDS.map((g) => (
          <label key={g} style={{ display: 'block' }}>
            <input type="checkbox" checked={grounds.includes(g)} onChange={() => setGrounds(grounds.includes(g) ? grounds.filter((x) => x !== g) : CRIMINAL_GROUNDS.filter((x) => x === g || grounds.includes(x)))} data-testid={`criminal-ground-${g}`} />
            {' '}{t(`caseForms.criminal.groundNames.${g}`)} <small className="muted">（{sourceText(CRIMINAL_SOURCE[g], i18n.language)}）</small>
          </label>
        ))}
      </fieldset>
      {grounds.map((g) => (
        <fieldset key={g} data-testid={`criminal-section-${g}`}>
          <legend>{t(`caseForms.criminal.groundNames.${g}`)}</legend>
          {section(g)}
        </fieldset>
      ))}
      <div aria-live="polite" data-testid="criminal-result">
        <p>{t('caseForms.criminal.result')}</p>
        {check.ok && check.flags.length === 0 && <p data-testid="criminal-result-none">{t('caseForms.criminal.resultNone')}</p>}
        {check.ok && check.flags.length > 0 && <ul>{check.flags.map((f, i) => <li key={`${f.id}-${i}`} data-testid="criminal-result-flag" data-flag={f.id}>{flagText(f)}（{sourceText(f.article, i18n.language)}）</li>)}</ul>}
      </div>
      <button type="submit" disabled={busy} data-testid="action-submit">{t('cases.apply')}</button>
      {failure.view}
    </form>
  );
}
