// Choose the officers of a task: at least two (APL art. 42), from those with jurisdiction in its region.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { TaskDetail } from '@ecoenforce/contract';
import { MIN_OFFICERS } from './types.ts';
import { errorText } from '../../api/errors.ts';
import { useRegionName } from '../../components/RegionSelect.tsx';

export function AssignDialog({ task, onDone, onClose }: { task: TaskDetail; onDone: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Set<number>>(() => new Set(task.officers.map((o) => o.id)));
  const [message, setMessage] = useState<string>();
  const regionName = useRegionName();
  const toggle = (id: number): void => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  async function save(): Promise<void> {
    try {
      await api(`/api/tasks/${task.id}/assign`, { method: 'POST', body: { officerIds: [...chosen] } });
      onDone();
    } catch (err) {
      setMessage(errorText(err));
    }
  }
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="assign-title" className="card" data-testid="assign-dialog">
      <h3 id="assign-title">{t('dispatch.assignTitle', { id: task.id })}</h3>
      <p className="muted">{t('dispatch.twoOfficers')}</p>
      {task.eligibleOfficers.length === 0 && <p>{t('dispatch.noOfficers')}</p>}
      <fieldset className="stack">
        <legend>{t('dispatch.officers')}</legend>
        {task.eligibleOfficers.map((o) => (
          <label key={o.id}>
            <input type="checkbox" checked={chosen.has(o.id)} onChange={() => toggle(o.id)} data-testid={`assign-officer-${o.id}`} /> {o.displayName}（{regionName(o.regionCode)}）
            {' '}<small className="muted">{t('dispatch.certificate')} {o.certificateNo ?? t('dispatch.noCertificate')}</small>
          </label>
        ))}
      </fieldset>
      <div className="tabs">
        <button type="button" disabled={chosen.size < MIN_OFFICERS} onClick={() => void save()} data-testid="assign-save">{t('dispatch.assign')}</button>
        <button type="button" onClick={onClose}>{t('dispatch.close')}</button>
      </div>
      {chosen.size < MIN_OFFICERS && <p className="muted" data-testid="assign-need-two">{t('dispatch.chooseMore', { count: MIN_OFFICERS - chosen.size })}</p>}
      {message !== undefined && <p role="alert" className="error">{message}</p>}
    </div>
  );
}
