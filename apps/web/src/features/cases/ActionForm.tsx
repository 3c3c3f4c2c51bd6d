// One action of the case procedure with the input it asks for. The API answers a refusal with the domain's
// reason and the unmet preconditions with their legal sources; they are shown as they come. The fine's facts
// (record_discretion) have their own form, DiscretionForm.tsx, which previews the fine as it changes; the
// exemption (record_exemption, ExemptionForm.tsx) and the criminal-threshold check (flag_criminal,
// CriminalForm.tsx) have theirs, filled from the case's record. What the form can check itself (a required
// text, how many people, an amount) it checks before sending, in the console's language; the server checks
// everything again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { StaffPicker } from './StaffPicker.tsx';
import type { CaseErrorDetails, CaseRefusalDetail, CaseStaff } from '@ecoenforce/contract';
import { DiscretionForm } from './DiscretionForm.tsx';
import { citeText } from '../../components/citation.ts';
import { ExemptionForm } from './ExemptionForm.tsx';
import { CriminalForm } from './CriminalForm.tsx';
import { ACTION_INPUT, POLICE_TRACKS, RECEIPT_KINDS, type ActionInput } from './types.ts';

type Failed = NonNullable<CaseRefusalDetail['refusal']['failed']>;

type Props = { caseId: number; action: string; version: number; staff: readonly CaseStaff[]; onDone: () => void; proposed?: readonly number[] | undefined; discoveredAt: number };

export function ActionForm(props: Props) {
  const kind = ACTION_INPUT[props.action]?.kind;
  if (kind === 'discretion') return <DiscretionForm caseId={props.caseId} version={props.version} onDone={props.onDone} />;
  if (kind === 'exemption') return <ExemptionForm caseId={props.caseId} version={props.version} discoveredAt={props.discoveredAt} onDone={props.onDone} />;
  if (kind === 'criminal') return <CriminalForm caseId={props.caseId} version={props.version} onDone={props.onDone} />;
  return <InputForm {...props} />;
}

function InputForm({ caseId, action, version, staff, onDone, proposed }: Props) {
  const { t, i18n } = useTranslation();
  const spec: ActionInput = ACTION_INPUT[action] ?? { kind: 'none' };
  const [value, setValue] = useState(spec.kind === 'correction' ? '立即改正违法行为' : '');
  // The second field of the structured inputs: the order's days, the receipt's kind.
  const [days, setDays] = useState('30');
  const [receipt, setReceipt] = useState<{ kind: string; track: string }>({ kind: 'police_receipt', track: '' });
  // The investigators proposed when the case was opened (the task's officers) are picked already; still editable.
  const [picked, setPicked] = useState<Set<number>>(new Set(action === 'start_investigation' ? proposed ?? [] : []));
  const [error, setError] = useState<{ message: string; failed: Failed } | null>(null);
  const [busy, setBusy] = useState(false);

  function input(): Record<string, unknown> {
    switch (spec.kind) {
      case 'none': case 'discretion': case 'exemption': case 'criminal': return {};
      case 'reason': return { reason: value };
      case 'optionalReason': return value.trim() === '' ? {} : { reason: value };
      case 'summary': return { summary: value };
      case 'amount': return { amount: Number(value) };
      case 'users': return { [spec.field ?? 'officers']: [...picked] };
      case 'opinion': return value.trim() === '' ? {} : { opinion: value.trim() };
      case 'correction': return { requirement: value, deadlineDays: Number(days) };
      case 'receipt': return { kind: receipt.kind, ...(receipt.track ? { track: receipt.track } : {}), ...(value.trim() ? { reference: value.trim() } : {}) };
    }
  }

  /** The input's own problem, in the console's language; null when it may be sent. */
  function problem(): string | null {
    const required = (field: string): string | null => (value.trim() === '' ? t('cases.validation.required', { field }) : null);
    switch (spec.kind) {
      case 'reason': return required(t('cases.reason'));
      case 'summary': return required(t('cases.summary'));
      case 'amount': return Number.isFinite(Number(value)) && value.trim() !== '' && Number(value) > 0 ? null : t('cases.validation.amount');
      case 'users': return picked.size < (spec.min ?? 1) ? t('cases.validation.minPeople', { count: spec.min ?? 1 }) : null;
      case 'correction': {
        const d = Number(days);
        return required(t('cases.requirement')) ?? (Number.isInteger(d) && d >= 0 && d <= 365 && days.trim() !== '' ? null : t('cases.validation.days'));
      }
      case 'none': case 'optionalReason': case 'receipt': case 'opinion': case 'discretion': case 'exemption': case 'criminal': return null;
    }
  }

  function failure(e: unknown): void {
    const d = e instanceof ApiError ? (e.details as CaseErrorDetails<Partial<CaseRefusalDetail>> | undefined) : undefined;
    const failed = d?.detail?.refusal?.failed ?? [];
    // A refusal on unmet preconditions is said in the console's language, each precondition by its id.
    const message = d?.reason === 'stale' ? t('cases.stale') : failed.length > 0 ? t('cases.refused') : e instanceof Error ? e.message : String(e);
    setError({ message, failed });
  }

  async function submit(): Promise<void> {
    const invalid = problem();
    if (invalid !== null) {
      setError({ message: invalid, failed: [] });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api(`/api/cases/${caseId}/actions`, { method: 'POST', body: { action, input: input(), version } });
      onDone();
    } catch (e) {
      failure(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" data-testid={`action-form-${action}`} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>{t(`cases.actions.${action}`, { defaultValue: action })}</h3>
      {spec.kind === 'users' && <StaffPicker staff={staff} roles={spec.roles ?? []} picked={picked} onChange={setPicked} />}
      {spec.kind === 'opinion' && <label>{t('cases.opinion')} <textarea value={value} onChange={(e) => setValue(e.target.value)} rows={3} maxLength={4000} data-testid="action-text" /></label>}
      {spec.kind === 'amount' && <label>{t('cases.amount')} <input type="number" min="0" value={value} onChange={(e) => setValue(e.target.value)} data-testid="action-amount" /></label>}
      {(spec.kind === 'reason' || spec.kind === 'optionalReason' || spec.kind === 'summary') && (
        <label>{t(spec.kind === 'summary' ? 'cases.summary' : 'cases.reason')} <textarea value={value} onChange={(e) => setValue(e.target.value)} rows={3} data-testid="action-text" /></label>
      )}
      {spec.kind === 'correction' && (
        <>
          <label>{t('cases.requirement')} <textarea value={value} onChange={(e) => setValue(e.target.value)} rows={2} data-testid="action-text" /></label>
          <label>{t('cases.deadlineDays')} <input type="number" min="0" max="365" value={days} onChange={(e) => setDays(e.target.value)} data-testid="action-days" /></label>
        </>
      )}
      {spec.kind === 'receipt' && (
        <>
          <label>
            {t('cases.receiptKind')}{' '}
            <select value={receipt.kind} onChange={(e) => setReceipt({ ...receipt, kind: e.target.value })} data-testid="action-receipt-kind">
              {RECEIPT_KINDS.map((k) => <option key={k} value={k}>{t(`cases.receiptKinds.${k}`)}</option>)}
            </select>
          </label>
          <label>
            {t('cases.policeTrack')}{' '}
            <select value={receipt.track} onChange={(e) => setReceipt({ ...receipt, track: e.target.value })} data-testid="action-receipt-track">
              <option value="">—</option>
              {POLICE_TRACKS.map((k) => <option key={k} value={k}>{t(`cases.policeTracks.${k}`)}</option>)}
            </select>
          </label>
          <label>{t('cases.reference')} <input value={value} onChange={(e) => setValue(e.target.value)} maxLength={200} data-testid="action-text" /></label>
        </>
      )}
      <button type="submit" disabled={busy} data-testid="action-submit">{t('cases.apply')}</button>
      {error !== null && (
        <div role="alert" className="error" data-testid="action-error">
          {error.message}
          {error.failed.length > 0 && <ul>{error.failed.map((f) => <li key={f.id}>{t(`cases.preconditions.${f.id}`, { defaultValue: f.text })}{citeText(f.source, i18n.language)}</li>)}</ul>}
        </div>
      )}
    </form>
  );
}
