// A case action refused or failed, as the case forms show it: the preconditions not met with their sources
// (by official title and article on a Chinese screen), a stale version, or the server's error translated.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { sourceText } from '../../components/citation.ts';
import type { CaseErrorDetails, CaseRefusalDetail } from '@ecoenforce/contract';

type Failed = NonNullable<CaseRefusalDetail['refusal']['failed']>;

export function useActionFailure(): { set: (message: string | null) => void; fail: (e: unknown) => void; view: ReactNode } {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<{ message: string; failed: Failed } | null>(null);
  const fail = (e: unknown): void => {
    const d = e instanceof ApiError ? (e.details as CaseErrorDetails<Partial<CaseRefusalDetail>> | undefined) : undefined;
    const failed = d?.detail?.refusal?.failed ?? [];
    setError({ message: d?.reason === 'stale' ? t('cases.stale') : failed.length > 0 ? t('cases.refused') : errorText(e), failed });
  };
  const view = error === null ? null : (
    <div role="alert" className="error" data-testid="action-error">
      {error.message}
      {error.failed.length > 0 && <ul>{error.failed.map((f) => <li key={f.id}>{t(`cases.preconditions.${f.id}`, { defaultValue: f.text })}（{sourceText(f.source, i18n.language)}）</li>)}</ul>}
    </div>
  );
  return { set: (message) => setError(message === null ? null : { message, failed: [] }), fail, view };
}
