import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Enterprise, Page } from '@ecoenforce/contract';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';

/** A verifier's landing page: the enterprises it is assigned to (the API returns only those). */
export function VerifierPage() {
  const { t } = useTranslation();
  const list = useAsync(() => api<Page<Enterprise>>('/api/enterprises?limit=500'), []);
  return (
    <div>
      <h1>{t('verifier.title')}</h1>
      <p className="muted" role="note" data-testid="verifier-hint">{t('verifier.hint')}</p>
      {list.error !== undefined && <Failed error={list.error} />}
      {list.data === undefined ? <Loading /> : (
        <ul className="plain" data-testid="assigned-list">
          {list.data.items.map((e) => <li key={e.id}><a href={`#/enterprises/${e.id}`}>{e.name}</a> <code>{e.uscc}</code></li>)}
        </ul>
      )}
    </div>
  );
}
