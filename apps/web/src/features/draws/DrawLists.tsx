// The positive list (正面清单 [W10]) and the officers' conflicts of interest, which the next draw reads.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { beijing } from '../../components/format.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import type { OfficerConflict, PositiveListing } from '@ecoenforce/contract';

export function DrawLists({ canRun }: { canRun: boolean }) {
  const { t } = useTranslation();
  const listings = useAsync(() => api<{ items: PositiveListing[] }>('/api/positive-list'), []);
  const conflicts = useAsync(() => api<{ items: OfficerConflict[] }>('/api/officer-conflicts'), []);
  const [enterpriseId, setEnterpriseId] = useState('');
  const [listReason, setListReason] = useState('');
  const [officerId, setOfficerId] = useState('');
  const [conflictEnterprise, setConflictEnterprise] = useState('');
  const [conflictReason, setConflictReason] = useState('');
  const [error, setError] = useState<Error>();
  const act = async (f: () => Promise<unknown>, reload: () => void): Promise<void> => {
    setError(undefined);
    try {
      await f();
      reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const addListing = (e: FormEvent) => {
    e.preventDefault();
    void act(() => api('/api/positive-list', { method: 'POST', body: { enterpriseId: Number(enterpriseId), reason: listReason } }), listings.reload);
  };
  const addConflict = (e: FormEvent) => {
    e.preventDefault();
    void act(() => api('/api/officer-conflicts', { method: 'POST', body: { officerId: Number(officerId), enterpriseId: Number(conflictEnterprise), reason: conflictReason } }), conflicts.reload);
  };
  return (
    <>
      <Section title={t('draws.positiveList')} testId="positive-list">
        <p className="muted">{t('draws.positiveListNote')}</p>
        {listings.data === undefined ? <Loading /> : (
          <ul>
            {listings.data.items.map((l) => (
              <li key={l.id}>
                {l.enterpriseName}（{l.uscc}）· {beijing(l.listedAt)} · {l.reason} {l.inForce ? '' : `· ${t('draws.notInForce')}`}
                {canRun && l.inForce && (
                  <button type="button" className="link" onClick={() => void act(() => api(`/api/positive-list/${l.id}/remove`, { method: 'POST', body: { reason: window.prompt(t('draws.removeReason')) ?? '' } }), listings.reload)}>{t('draws.remove')}</button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canRun && (
          <form className="filters" onSubmit={addListing}>
            <label>{t('draws.enterpriseId')} <input value={enterpriseId} onChange={(e) => setEnterpriseId(e.target.value)} inputMode="numeric" required /></label>
            <label>{t('draws.reason')} <input value={listReason} onChange={(e) => setListReason(e.target.value)} required /></label>
            <button type="submit">{t('draws.addListing')}</button>
          </form>
        )}
      </Section>
      <Section title={t('draws.conflicts')} testId="officer-conflicts">
        {conflicts.data === undefined ? <Loading /> : (
          <ul>
            {conflicts.data.items.map((c) => (
              <li key={c.id}>
                {c.officerName} ↔ {c.enterpriseName} · {c.reason} {c.withdrawnAt !== null ? `· ${t('draws.withdrawn')}` : ''}
                {canRun && c.withdrawnAt === null && (
                  <button type="button" className="link" onClick={() => void act(() => api(`/api/officer-conflicts/${c.id}/withdraw`, { method: 'POST' }), conflicts.reload)}>{t('draws.withdraw')}</button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canRun && (
          <form className="filters" onSubmit={addConflict}>
            <label>{t('draws.officerId')} <input value={officerId} onChange={(e) => setOfficerId(e.target.value)} inputMode="numeric" required /></label>
            <label>{t('draws.enterpriseId')} <input value={conflictEnterprise} onChange={(e) => setConflictEnterprise(e.target.value)} inputMode="numeric" required /></label>
            <label>{t('draws.reason')} <input value={conflictReason} onChange={(e) => setConflictReason(e.target.value)} required /></label>
            <button type="submit">{t('draws.addConflict')}</button>
          </form>
        )}
      </Section>
      {error !== undefined && <Failed error={error} />}
    </>
  );
}
