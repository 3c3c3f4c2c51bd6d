// The bureau's record of the re-inspection: corrected or not, the date, the two officers [APL 42] and the
// findings. Not corrected → the server stores a daily-penalty round and serves the next order [EPL 59, DPM].
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { num, parseBeijingInput } from '../../components/format.ts';
import type { RectificationOutcome } from '@ecoenforce/contract';

export function OutcomeForm({ id, onDone }: { id: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [corrected, setCorrected] = useState(true);
  const [at, setAt] = useState('');
  const [officers, setOfficers] = useState('');
  const [findings, setFindings] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();

  async function submit(): Promise<void> {
    const reinspectedAt = parseBeijingInput(at);
    const ids = officers.split(/[,\s，]+/).filter((s) => s !== '').map(Number);
    if (!Number.isFinite(reinspectedAt) || ids.some((n) => !Number.isInteger(n) || n <= 0)) {
      setMessage(t('rectification.badOutcome'));
      return;
    }
    setBusy(true);
    try {
      const r = await api<RectificationOutcome>(`/api/rectifications/${id}/outcome`, { method: 'POST', body: { corrected, reinspectedAt, officers: ids, findings } });
      setMessage(r.round === null ? t('rectification.closed') : t('rectification.roundStored', { amount: num(r.round.amount, 0), days: r.round.days }));
      onDone();
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="rectification-outcome-form">
      <fieldset>
        <legend>{t('rectification.outcome')}</legend>
        <label><input type="radio" checked={corrected} onChange={() => setCorrected(true)} /> {t('rectification.statuses.corrected')}</label>
        <label><input type="radio" checked={!corrected} onChange={() => setCorrected(false)} data-testid="rectification-not-corrected" /> {t('rectification.statuses.not_corrected')}</label>
      </fieldset>
      <label>{t('rectification.reinspectedAt')}<input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} required /></label>
      <label>{t('rectification.officers')}<input value={officers} onChange={(e) => setOfficers(e.target.value)} placeholder="12, 13" required /></label>
      <label>{t('rectification.findings')}<textarea value={findings} onChange={(e) => setFindings(e.target.value)} maxLength={8000} /></label>
      <button type="submit" disabled={busy}>{t('rectification.recordOutcome')}</button>
      {message !== undefined && <p role="status" data-testid="rectification-outcome-message">{message}</p>}
    </form>
  );
}
