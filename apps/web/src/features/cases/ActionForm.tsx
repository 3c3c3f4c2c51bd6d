// One action of the case procedure with the input it asks for. The API answers a refusal with the domain's
// reason and the unmet preconditions with their legal sources; they are shown as they come.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { ACTION_INPUT } from './types.ts';

interface Refusal {
  reason?: string;
  detail?: { refusal?: { reason: string; failed?: Array<{ id: string; text: string; source: string }> } };
}

export function ActionForm({ caseId, action, version, onDone }: { caseId: number; action: string; version: number; onDone: () => void }) {
  const { t } = useTranslation();
  const spec = ACTION_INPUT[action] ?? { kind: 'none' as const };
  const [value, setValue] = useState(spec.kind === 'json' ? JSON.stringify(spec.template, null, 2) : '');
  const [error, setError] = useState<{ message: string; failed: Array<{ text: string; source: string }> } | null>(null);
  const [busy, setBusy] = useState(false);

  function input(): Record<string, unknown> {
    switch (spec.kind) {
      case 'none': return {};
      case 'reason': return { reason: value };
      case 'optionalReason': return value.trim() === '' ? {} : { reason: value };
      case 'summary': return { summary: value };
      case 'amount': return { amount: Number(value) };
      case 'users': return { [spec.field ?? 'officers']: value.split(/[\s,，]+/).filter((s) => s !== '').map(Number) };
      case 'json': return JSON.parse(value) as Record<string, unknown>;
    }
  }

  async function submit(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/cases/${caseId}/actions`, { method: 'POST', body: { action, input: input(), version } });
      onDone();
    } catch (e) {
      const d = e instanceof ApiError ? (e.details as Refusal | undefined) : undefined;
      setError({ message: d?.reason === 'stale' ? t('cases.stale') : e instanceof Error ? e.message : String(e), failed: d?.detail?.refusal?.failed ?? [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" data-testid={`action-form-${action}`} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h3>{t(`cases.actions.${action}`, { defaultValue: action })}</h3>
      {spec.kind === 'users' && <label>{t('cases.userIds')} <input value={value} onChange={(e) => setValue(e.target.value)} data-testid="action-users" /></label>}
      {spec.kind === 'amount' && <label>{t('cases.amount')} <input type="number" min="0" value={value} onChange={(e) => setValue(e.target.value)} data-testid="action-amount" /></label>}
      {(spec.kind === 'reason' || spec.kind === 'optionalReason' || spec.kind === 'summary') && (
        <label>{t(spec.kind === 'summary' ? 'cases.summary' : 'cases.reason')} <textarea value={value} onChange={(e) => setValue(e.target.value)} rows={3} data-testid="action-text" /></label>
      )}
      {spec.kind === 'json' && <label>{t('cases.inputJson')} <textarea value={value} onChange={(e) => setValue(e.target.value)} rows={8} spellCheck={false} data-testid="action-json" /></label>}
      <button type="submit" disabled={busy} data-testid="action-submit">{t('cases.apply')}</button>
      {error !== null && (
        <div role="alert" className="error" data-testid="action-error">
          {error.message}
          {error.failed.length > 0 && <ul>{error.failed.map((f) => <li key={f.text}>{f.text} [{f.source}]</li>)}</ul>}
        </div>
      )}
    </form>
  );
}
