// The positive list (正面清单 [W10]) and the officers' conflicts of interest, which the next draw reads. Units
// are found by name or USCC and officers chosen by name with their 执法证号; ids travel only in the requests.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { beijing } from '../../components/format.ts';
import { EnterprisePicker, type PickedEnterprise } from '../../components/EnterprisePicker.tsx';
import { OfficerSelect } from '../../components/OfficerSelect.tsx';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import type { DrawOfficers, OfficerConflict, PositiveListing } from '@ecoenforce/contract';

export function DrawLists({ canRun }: { canRun: boolean }) {
  const { t } = useTranslation();
  const listings = useAsync(() => api<{ items: PositiveListing[] }>('/api/positive-list'), []);
  const conflicts = useAsync(() => api<{ items: OfficerConflict[] }>('/api/officer-conflicts'), []);
  const officers = useAsync(() => (canRun ? api<DrawOfficers>('/api/draws/officers') : Promise.resolve({ items: [] })), [canRun]);
  const [listed, setListed] = useState<PickedEnterprise | null>(null);
  const [listReason, setListReason] = useState('');
  const [officerId, setOfficerId] = useState<number | null>(null);
  const [conflictEnterprise, setConflictEnterprise] = useState<PickedEnterprise | null>(null);
  const [conflictReason, setConflictReason] = useState('');
  const [error, setError] = useState<Error>();
  const act = async (f: () => Promise<unknown>, reload: () => void): Promise<boolean> => {
    setError(undefined);
    try {
      await f();
      reload();
      return true;
    } catch (err) {
      setError(err as Error);
      return false;
    }
  };
  const addListing = (e: FormEvent) => {
    e.preventDefault();
    if (listed === null) return;
    void act(() => api('/api/positive-list', { method: 'POST', body: { enterpriseId: listed.id, reason: listReason } }), listings.reload).then((ok) => {
      if (ok) { setListed(null); setListReason(''); }
    });
  };
  const addConflict = (e: FormEvent) => {
    e.preventDefault();
    if (officerId === null || conflictEnterprise === null) return;
    void act(() => api('/api/officer-conflicts', { method: 'POST', body: { officerId, enterpriseId: conflictEnterprise.id, reason: conflictReason } }), conflicts.reload).then((ok) => {
      if (ok) { setConflictEnterprise(null); setConflictReason(''); }
    });
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
          <form className="filters" onSubmit={addListing} data-testid="positive-form">
            <EnterprisePicker label={t('draws.enterprise')} value={listed} onChange={setListed} testId="positive-enterprise" />
            <label>{t('draws.reason')} <input value={listReason} onChange={(e) => setListReason(e.target.value)} required data-testid="positive-reason" /></label>
            <button type="submit" disabled={listed === null} title={listed === null ? t('pickers.needEnterprise') : undefined}>{t('draws.addListing')}</button>
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
          <form className="filters" onSubmit={addConflict} data-testid="conflict-form">
            <OfficerSelect label={t('draws.officer')} officers={officers.data?.items ?? []} value={officerId} onChange={setOfficerId} testId="conflict-officer" />
            <EnterprisePicker label={t('draws.enterprise')} value={conflictEnterprise} onChange={setConflictEnterprise} testId="conflict-enterprise" />
            <label>{t('draws.reason')} <input value={conflictReason} onChange={(e) => setConflictReason(e.target.value)} required data-testid="conflict-reason" /></label>
            <button type="submit" disabled={officerId === null || conflictEnterprise === null} title={conflictEnterprise === null ? t('pickers.needEnterprise') : undefined}>{t('draws.addConflict')}</button>
          </form>
        )}
      </Section>
      {error !== undefined && <Failed error={error} />}
    </>
  );
}
