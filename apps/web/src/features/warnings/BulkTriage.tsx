// Bulk triage: the selected new warnings are confirmed or dismissed with one reason, one decision each
// (each audited on its own by the server); the ones that fail (already decided meanwhile) are reported.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';

export function BulkTriage({ selected, onDone }: { selected: number[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ done: number; failed: string[] }>();

  async function decide(decision: 'confirm' | 'dismiss'): Promise<void> {
    setBusy(true);
    const failed: string[] = [];
    let done = 0;
    for (const id of selected) {
      try {
        await api(`/api/warnings/${id}/decision`, { method: 'POST', body: { decision, reason } });
        done++;
      } catch (err) {
        failed.push(`#${id}: ${errorText(err)}`);
      }
    }
    setBusy(false);
    setResult({ done, failed });
    if (done > 0) setReason('');
    onDone();
  }

  return (
    <div className="card stack" data-testid="bulk-triage">
      <label htmlFor="bulk-reason">{t('inbox.bulkReason', { count: selected.length })}</label>
      <textarea id="bulk-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="bulk-reason" />
      <div className="tabs">
        <button type="button" disabled={busy || selected.length === 0 || reason.trim().length < 2} onClick={() => void decide('confirm')} data-testid="bulk-confirm">{t('warnings.confirm')} ({selected.length})</button>
        <button type="button" disabled={busy || selected.length === 0 || reason.trim().length < 2} onClick={() => void decide('dismiss')} data-testid="bulk-dismiss">{t('warnings.dismiss')} ({selected.length})</button>
      </div>
      {result !== undefined && (
        <p role="status" data-testid="bulk-result">
          {t('inbox.bulkDone', { done: result.done, failed: result.failed.length })}
          {result.failed.length > 0 && <span className="error"> {result.failed.join('; ')}</span>}
        </p>
      )}
    </div>
  );
}
