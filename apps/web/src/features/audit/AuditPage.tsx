// The audit trail (head, admin): newest first, with the hash-chain check on demand.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import type { AuditRow, AuditVerifyResult, Page } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';

export function AuditPage() {
  const { t } = useTranslation();
  const [entity, setEntity] = useState('');
  const list = useAsync(() => api<Page<AuditRow>>(`/api/audit${qs({ entity, limit: 200 })}`), [entity]);
  const [check, setCheck] = useState<string>();
  async function verify(): Promise<void> {
    const r = await api<AuditVerifyResult>('/api/audit/verify');
    setCheck(r.ok ? t('audit.intact', { rows: r.rows, head: r.headSeq }) : t('audit.broken', { seq: r.seq, problem: r.problem, detail: r.detail }));
  }
  return (
    <div>
      <h1>{t('audit.title')}</h1>
      <div className="filters">
        <label>
          {t('audit.entity')}
          <input value={entity} onChange={(e) => setEntity(e.target.value)} data-testid="audit-entity" />
        </label>
        <button type="button" onClick={() => void verify()} data-testid="audit-verify">{t('audit.verify')}</button>
      </div>
      {check !== undefined && <p role="status" data-testid="audit-result">{check}</p>}
      {list.error !== undefined && <Failed error={list.error} />}
      {list.data === undefined ? <Loading /> : (
        <div className="table-wrap">
          <table data-testid="audit-table">
            <thead><tr><th scope="col">#</th><th scope="col">{t('audit.at')}</th><th scope="col">{t('audit.actor')}</th><th scope="col">{t('audit.action')}</th><th scope="col">{t('audit.entity')}</th><th scope="col">{t('audit.hash')}</th></tr></thead>
            <tbody>
              {list.data.items.map((r) => (
                <tr key={r.seq}>
                  <td>{r.seq}</td><td>{beijing(r.at)}</td><td>{r.actorName}{r.ip === null ? '' : ` (${r.ip})`}</td><td>{r.action}</td><td>{r.entity} {r.entityId}</td><td><code>{r.hash.slice(0, 12)}…</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
