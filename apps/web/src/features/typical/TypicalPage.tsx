// Typical cases (典型案例, issue 5 §9) for staff: choose a closed case, preview its redaction (what was
// removed, by kind), publish it in a named batch, and withdraw a published one with a reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Role } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { TypicalCaseView } from '../public/TypicalCaseView.tsx';
import type { TypicalCandidates, TypicalCase, TypicalContent } from '@ecoenforce/contract';

export function TypicalPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const canWrite = role === 'head' || role === 'admin';
  // The closed cases a publisher chooses from, by number and party (the head and the administrator alike).
  const closed = useAsync(() => (canWrite ? api<TypicalCandidates>('/api/typical-cases/candidates') : Promise.resolve({ items: [] })), [canWrite]);
  const published = useAsync(() => api<{ items: TypicalCase[] }>('/api/typical-cases'), []);
  const [caseId, setCaseId] = useState('');
  const [batch, setBatch] = useState(`${new Date().getFullYear()}年第一批`);
  const [preview, setPreview] = useState<TypicalContent>();
  const [error, setError] = useState<Error>();
  const run = async (f: () => Promise<void>): Promise<void> => {
    setError(undefined);
    try {
      await f();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <>
      <h1>{t('typical.title')}</h1>
      {canWrite && (
        <Section title={t('typical.select')} testId="typical-select">
          <div className="filters">
            <label>{t('typical.case')}{' '}
              <select value={caseId} onChange={(e) => { setCaseId(e.target.value); setPreview(undefined); }} data-testid="typical-case">
                <option value="">{closed.data !== undefined && closed.data.items.length === 0 ? t('typical.noClosed') : '—'}</option>
                {(closed.data?.items ?? []).map((c) => <option key={c.id} value={c.id}>{c.number ?? '—'} {c.enterpriseName}</option>)}
              </select>
            </label>
            <button type="button" disabled={caseId === ''} onClick={() => void run(async () => setPreview(await api<TypicalContent>('/api/typical-cases/preview', { method: 'POST', body: { caseId: Number(caseId) } })))} data-testid="typical-preview">{t('typical.preview')}</button>
          </div>
          {preview !== undefined && (
            <>
              <TypicalCaseView c={preview} />
              <p className="muted" data-testid="typical-removed">
                {t('typical.removed')}: {Object.entries(preview.redaction.removed).map(([k, n]) => `${t(`typical.kinds.${k}`)} × ${n}`).join('、') || t('typical.nothingRemoved')}
              </p>
              <div className="filters">
                <label>{t('typical.batch')} <input value={batch} onChange={(e) => setBatch(e.target.value)} data-testid="typical-batch" /></label>
                <button type="button" className="primary" onClick={() => void run(async () => { await api('/api/typical-cases', { method: 'POST', body: { caseId: Number(caseId), batch } }); setPreview(undefined); published.reload(); })} data-testid="typical-publish">{t('typical.publish')}</button>
              </div>
            </>
          )}
          {error !== undefined && <Failed error={error} />}
        </Section>
      )}
      <Section title={t('typical.published')} testId="typical-list">
        {published.data === undefined ? <Loading /> : published.data.items.length === 0 ? <p>{t('typical.none')}</p> : (
          <ul>
            {published.data.items.map((x) => (
              <li key={x.id} data-testid="typical-row">
                {x.batch} · {x.title} · {beijing(x.publishedAt)} {x.withdrawn !== null ? `· ${t('typical.withdrawn', { reason: x.withdrawn.reason })}` : ''}
                {canWrite && x.withdrawn === null && (
                  <button type="button" className="link" onClick={() => void run(async () => { await api(`/api/typical-cases/${x.id}/withdraw`, { method: 'POST', body: { reason: window.prompt(t('typical.withdrawReason')) ?? '' } }); published.reload(); })}>{t('typical.withdraw')}</button>
                )}
              </li>
            ))}
          </ul>
        )}
        <p><a href="#/public" data-testid="typical-public-link">{t('typical.publicSite')}</a></p>
      </Section>
    </>
  );
}
