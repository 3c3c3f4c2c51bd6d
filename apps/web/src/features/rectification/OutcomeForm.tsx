// The bureau's record of the re-inspection: corrected or not, the date, the two officers [APL 42] and the
// findings. Not corrected → the server stores a daily-penalty round and serves the next order [EPL 59, DPM].
// The officers are picked by name (with their 执法证号) from those the server offers for this order
// (GET /api/rectifications/:id/staff); their ids are only what the request carries.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { num, parseBeijingInput } from '../../components/format.ts';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import type { RectificationOutcome, RectificationStaff } from '@ecoenforce/contract';
import { StaffPicker } from '../cases/StaffPicker.tsx';
import { errorText } from '../../api/errors.ts';

/** Who re-inspects (REINSPECTION_ROLES on the server): officers, a head may join [APL 42]. */
const REINSPECTION_ROLES = ['officer', 'head'] as const;
/** At least two officers re-inspect [APL 42]. */
const MIN_OFFICERS = 2;

export function OutcomeForm({ id, onDone }: { id: number; onDone: () => void }) {
  const { t } = useTranslation();
  const staff = useAsync(() => api<RectificationStaff>(`/api/rectifications/${id}/staff`), [id]);
  const [corrected, setCorrected] = useState(true);
  const [at, setAt] = useState('');
  const [officers, setOfficers] = useState<Set<number>>(() => new Set());
  const [findings, setFindings] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();

  async function submit(): Promise<void> {
    const reinspectedAt = parseBeijingInput(at);
    if (!Number.isFinite(reinspectedAt) || officers.size < MIN_OFFICERS) {
      setMessage(t('rectification.badOutcome'));
      return;
    }
    setBusy(true);
    try {
      const r = await api<RectificationOutcome>(`/api/rectifications/${id}/outcome`, { method: 'POST', body: { corrected, reinspectedAt, officers: [...officers], findings } });
      setMessage(r.round === null ? t('rectification.closed') : t('rectification.roundStored', { amount: num(r.round.amount, 0), days: r.round.days }));
      onDone();
    } catch (err) {
      setMessage(errorText(err));
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
      <div data-testid="rectification-officers">
        <p>{t('rectification.officers')}</p>
        {staff.error !== undefined ? <Failed error={staff.error} retry={staff.reload} />
          : staff.data === undefined ? <Loading />
          : <StaffPicker staff={staff.data.items} roles={REINSPECTION_ROLES} picked={officers} onChange={setOfficers} />}
      </div>
      <label>{t('rectification.findings')}<textarea value={findings} onChange={(e) => setFindings(e.target.value)} maxLength={8000} /></label>
      <button type="submit" disabled={busy}>{t('rectification.recordOutcome')}</button>
      {message !== undefined && <p role="status" data-testid="rectification-outcome-message">{message}</p>}
    </form>
  );
}
