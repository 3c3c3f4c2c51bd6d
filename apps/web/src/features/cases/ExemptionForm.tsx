// "不予处罚情形认定" (record_exemption) as a form (issue 14 item 2): the ground picked by name with its legal
// source by official title and article, the facts that ground rests on as Chinese choices, filled from the
// case's record (GET /api/cases/:id/fine-facts: the earlier decisions, the warnings' exceedance multiple
// (C − L) ÷ L and pollutant class; the case's discovery day), each with its origin. A changed value needs a
// reason, sent with the input (provenance) and kept on the event. The form checks the facts against the
// ground with the domain's gates as they change (exemption-form.ts); the server checks them again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { sourceText } from '../../components/citation.ts';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import type { CaseFineFacts } from '@ecoenforce/contract';
import { assessExemption, exemptionInput, exemptionPrefills, exemptionStart, EXEMPTION_GROUNDS, GROUND_FIELDS, GROUND_SOURCE, type ExemptionGround, type Problem } from './exemption-form.ts';
import { PrefillNote, usePrefillOrigin } from './Prefilled.tsx';
import { useActionFailure } from './action-failure.tsx';
import type { Values } from './prefill.ts';

type Props = { caseId: number; version: number; discoveredAt: number; onDone: () => void };

export function ExemptionForm(props: Props) {
  const facts = useAsync(() => api<CaseFineFacts>(`/api/cases/${props.caseId}/fine-facts`), [props.caseId]);
  if (facts.error !== undefined) return <Failed error={facts.error} retry={facts.reload} />;
  if (facts.data === undefined) return <Loading />;
  return <Form {...props} facts={facts.data} />;
}

const YES_NO = ['lifeHealthHarm', 'noFaultProven', 'noFaultExcluded', 'minor', 'correctedInTime', 'firstViolation', 'exceedance.firstInPastYear',
  'abatement.suddenFault', 'abatement.reported', 'abatement.dailyMeanCompliant', 'abatement.firstInPastYear'];

function Form({ caseId, version, discoveredAt, onDone, facts }: Props & { facts: CaseFineFacts }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [prefills] = useState(() => exemptionPrefills(facts, discoveredAt));
  const [values, setValues] = useState<Values>(() => exemptionStart(facts, discoveredAt));
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const failure = useActionFailure();
  const originText = usePrefillOrigin();
  // A change clears what the last attempt said; the next one checks again.
  const set = (field: string, v: string): void => {
    setValues((old) => ({ ...old, [field]: v }));
    failure.set(null);
  };
  const ground = values.ground as ExemptionGround;
  const groundName = (g: string): string => t(`caseForms.exemption.grounds.${g}`, { defaultValue: g });
  const pollutantName = (i: number): string => {
    const p = facts.pollutants[i];
    return p === undefined ? '' : ((lang === 'en' ? p.factorNameEn : p.factorName) ?? p.factor);
  };

  const fieldLabel = (field: string): string => {
    const row = /^exceedance\.(\d+)\.(multiple|class)$/.exec(field);
    if (row !== null) return `${pollutantName(Number(row[1]))} ${t(row[2] === 'multiple' ? 'caseForms.exemption.multiple' : 'caseForms.exemption.pollutantClass')}`;
    if (field === 'exceedance.firstInPastYear') return t('caseForms.exemption.firstInPastYear');
    return t(`caseForms.exemption.${field}`);
  };
  const valueText = (field: string, v: string): string => {
    if (v === 'yes' || v === 'no') return t(`caseForms.${v}`);
    if (field.endsWith('.class')) return t(`caseForms.exemption.classes.${v === 'A' ? 'A' : 'B'}`);
    return v;
  };
  const message = (p: NonNullable<Problem>): string => {
    if (p.key === 'reasonRequired') return t('caseForms.reasonRequired', { field: fieldLabel(p.field ?? '') });
    const v = p.values ?? {};
    return t(`caseForms.${p.key}`, { ...v, ...(v.picked !== undefined ? { picked: groundName(v.picked) } : {}), ...(v.found !== undefined ? { found: groundName(v.found) } : {}) });
  };

  const assessed = assessExemption(facts, values);
  const result = !assessed.ok ? null : assessed.ground === null ? t('caseForms.exemption.resultNone') : groundName(assessed.ground);

  async function submit(): Promise<void> {
    const r = exemptionInput(facts, prefills, values, reasons, originText, valueText);
    if (!r.ok) {
      failure.set(message(r.problem));
      return;
    }
    setBusy(true);
    failure.set(null);
    try {
      await api(`/api/cases/${caseId}/actions`, { method: 'POST', body: { action: 'record_exemption', input: r.input, version } });
      onDone();
    } catch (e) {
      failure.fail(e);
    } finally {
      setBusy(false);
    }
  }

  const prefillOf = (field: string) => prefills.find((p) => p.field === field);
  const note = (field: string) => (
    <PrefillNote prefill={prefillOf(field)} value={values[field] ?? ''} label={fieldLabel(field)} valueText={(v) => valueText(field, v)}
      reason={reasons[field] ?? ''} onReason={(r) => { setReasons({ ...reasons, [field]: r }); failure.set(null); }} />
  );
  const testId = (field: string): string => `exemption-${field.replaceAll('.', '-')}`;
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
  const fieldOf = (field: string) => {
    if (YES_NO.includes(field)) return yesNo(field);
    if (field === 'harm') {
      return (
        <label key={field}>
          {t('caseForms.exemption.harm')}
          <select value={values.harm ?? 'minor'} onChange={(e) => set('harm', e.target.value)} data-testid={testId('harm')}>
            {(['none', 'minor', 'serious'] as const).map((h) => <option key={h} value={h}>{t(`caseForms.exemption.harmLevels.${h}`)}</option>)}
          </select>
        </label>
      );
    }
    if (field === 'abatement.hours') {
      return <label key={field}>{t('caseForms.exemption.abatement.hours')}<input type="number" min={0} step="any" value={values[field] ?? ''} onChange={(e) => set(field, e.target.value)} data-testid={testId(field)} /></label>;
    }
    if (field === 'exceedance.pollutants') {
      return facts.pollutants.map((_p, i) => (
        <fieldset key={`p-${i}`} data-testid={`exemption-pollutant-${i}`}>
          <legend>{t('caseForms.exemption.pollutant', { name: pollutantName(i) })}</legend>
          <label>
            {t('caseForms.exemption.multiple')}
            <input type="number" step="any" value={values[`exceedance.${i}.multiple`] ?? ''} onChange={(e) => set(`exceedance.${i}.multiple`, e.target.value)} data-testid={testId(`exceedance.${i}.multiple`)} />
            {note(`exceedance.${i}.multiple`)}
          </label>
          <label>
            {t('caseForms.exemption.pollutantClass')}
            <select value={values[`exceedance.${i}.class`] ?? 'B'} onChange={(e) => set(`exceedance.${i}.class`, e.target.value)} data-testid={testId(`exceedance.${i}.class`)}>
              <option value="A">{t('caseForms.exemption.classes.A')}</option>
              <option value="B">{t('caseForms.exemption.classes.B')}</option>
            </select>
            {note(`exceedance.${i}.class`)}
          </label>
        </fieldset>
      ));
    }
    return null;
  };

  return (
    <form className="card stack" data-testid="action-form-record_exemption" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>{t('cases.actions.record_exemption')}</h3>
      <p className="muted">{t('caseForms.exemption.intro')}</p>
      <label>
        {t('caseForms.exemption.ground')}
        <select value={ground} onChange={(e) => set('ground', e.target.value)} data-testid="exemption-ground">
          {EXEMPTION_GROUNDS.map((g) => <option key={g} value={g}>{groundName(g)}</option>)}
        </select>
        <small className="muted" style={{ display: 'block' }} data-testid="exemption-basis">{t('caseForms.basis', { citation: sourceText(GROUND_SOURCE[ground], i18n.language) })}</small>
      </label>
      <fieldset>
        <legend>{t('caseForms.exemption.act')}</legend>
        <label>{t('caseForms.exemption.discoveredOn')}<input type="date" value={values.discoveredOn ?? ''} onChange={(e) => set('discoveredOn', e.target.value)} data-testid={testId('discoveredOn')} />{note('discoveredOn')}</label>
        <label>
          {t('caseForms.exemption.actOngoing')}
          <select value={values.actOngoing ?? 'yes'} onChange={(e) => set('actOngoing', e.target.value)} data-testid={testId('actOngoing')}>
            <option value="yes">{t('caseForms.yes')}</option>
            <option value="no">{t('caseForms.no')}</option>
          </select>
        </label>
        {values.actOngoing === 'no' && <label>{t('caseForms.exemption.actEndedOn')}<input type="date" value={values.actEndedOn ?? ''} onChange={(e) => set('actEndedOn', e.target.value)} data-testid={testId('actEndedOn')} /></label>}
      </fieldset>
      <fieldset data-testid="exemption-facts">
        <legend>{groundName(ground)}</legend>
        {GROUND_FIELDS[ground].map(fieldOf)}
      </fieldset>
      <p aria-live="polite" data-testid="exemption-result" data-ground={assessed.ok ? (assessed.ground ?? 'none') : ''}>{result !== null && t('caseForms.exemption.result', { result })}</p>
      <button type="submit" disabled={busy} data-testid="action-submit">{t('cases.apply')}</button>
      {failure.view}
    </form>
  );
}
