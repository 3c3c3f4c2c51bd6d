// The head's decisions on an order (cases.decide on the server, access.ts): a production measure — restricted,
// suspended or sealed — that stops the chain's daily penalty from then on [DPM], and withdrawing an open
// order with its reason. The server's refusals are shown with their type (bad request, conflict …).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { beijingInput, parseBeijingInput } from '../../components/format.ts';
import { MEASURE_KINDS } from './types.ts';
import { errorText } from '../../api/errors.ts';

/** What the form shows: a success, or a typed refusal. */
type Outcome = { ok: true; text: string } | { ok: false; code: string; text: string };

function Message({ outcome, testId }: { outcome: Outcome | undefined; testId: string }) {
  if (outcome === undefined) return null;
  return outcome.ok
    ? <p role="status" data-testid={testId}>{outcome.text}</p>
    : <p role="alert" className="error" data-testid={testId} data-error-code={outcome.code}>{outcome.text}</p>;
}

/**
 * One POST with its busy flag and outcome: the success text, or the refusal as "<its type>: <the server's
 * reason>" (a bad request, a conflict …). `onDone` runs after a success.
 */
function usePost(onDone: () => void): { busy: boolean; outcome: Outcome | undefined; setOutcome: (o: Outcome) => void; post: (send: () => Promise<unknown>, okText: string) => Promise<boolean> } {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  async function post(send: () => Promise<unknown>, okText: string): Promise<boolean> {
    setBusy(true);
    try {
      await send();
      setOutcome({ ok: true, text: okText });
      onDone();
      return true;
    } catch (err) {
      setOutcome(err instanceof ApiError
        ? { ok: false, code: err.code, text: `${t(`rectification.errors.${err.code}`, { defaultValue: err.code })}: ${errorText(err)}` }
        : { ok: false, code: 'internal', text: String(err) });
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, outcome, setOutcome, post };
}

export function MeasureForm({ id, onDone }: { id: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<(typeof MEASURE_KINDS)[number]>('suspend');
  const [at, setAt] = useState(() => beijingInput(Date.now()));
  const [note, setNote] = useState('');
  const { busy, outcome, setOutcome, post } = usePost(onDone);

  async function submit(): Promise<void> {
    const when = parseBeijingInput(at);
    if (!Number.isFinite(when)) {
      setOutcome({ ok: false, code: 'bad_request', text: t('rectification.badMeasureTime') });
      return;
    }
    if (await post(() => api(`/api/rectifications/${id}/measures`, { method: 'POST', body: { kind, at: when, note } }), t('rectification.measureRecorded'))) setNote('');
  }

  return (
    <form className="stack" onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="rectification-measure-form">
      <label>{t('rectification.measureKind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} data-testid="rectification-measure-kind">
          {MEASURE_KINDS.map((k) => <option key={k} value={k}>{t(`rectification.measureKinds.${k}`)}</option>)}
        </select>
      </label>
      <label>{t('rectification.measureAt')}<input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} required data-testid="rectification-measure-at" /></label>
      <label>{t('rectification.measureNote')}<textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} data-testid="rectification-measure-note" /></label>
      <button type="submit" disabled={busy}>{t('rectification.recordMeasure')}</button>
      <Message outcome={outcome} testId="rectification-measure-message" />
    </form>
  );
}

export function CancelForm({ id, onDone }: { id: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const { busy, outcome, post } = usePost(onDone);

  async function submit(): Promise<void> {
    await post(() => api(`/api/rectifications/${id}/cancel`, { method: 'POST', body: { reason } }), t('rectification.cancelled'));
  }

  return (
    <form className="stack" onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="rectification-cancel-form">
      <label>{t('rectification.cancelReason')}<textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} required data-testid="rectification-cancel-reason" /></label>
      <button type="submit" disabled={busy}>{t('rectification.cancel')}</button>
      <Message outcome={outcome} testId="rectification-cancel-message" />
    </form>
  );
}
