// Small shared pieces: status badge, loading and error states, a labelled select.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PointStatus } from '@ecoenforce/contract';
import { errorText } from '../api/errors.ts';

export function StatusBadge({ status }: { status: PointStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`} data-testid="status-badge" data-status={status}>{t(`status.${status}`)}</span>;
}

export function Loading() {
  const { t } = useTranslation();
  return <p role="status" className="muted">{t('app.loading')}</p>;
}

export function Failed({ error, retry }: { error: Error; retry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="error">
      {t('app.error')}: {errorText(error)} {retry && <button type="button" onClick={retry}>{t('app.retry')}</button>}
    </div>
  );
}

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="card" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
