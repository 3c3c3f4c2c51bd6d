// The service of one case document as staff see it beside the document on the case page: served electronically
// (the party had signed its consent) and when it was opened, or only a copy on the party's login (no consent:
// the bureau serves the document another way). Nothing for an internal form.
import { useTranslation } from 'react-i18next';
import type { DocumentService } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';

export function ServiceStatus({ service }: { service: DocumentService | null | undefined }) {
  const { t } = useTranslation();
  if (service == null) return null;
  const served = beijing(service.servedAt);
  const opened = service.openedAt === null ? null : beijing(service.openedAt);
  const by = service.openedByName === null ? '' : t('service.by', { name: service.openedByName });
  const text = service.mode === 'copy'
    ? (opened === null ? t('service.copyStatus', { served }) : t('service.copyStatusOpened', { served, opened }))
    : (opened === null ? t('service.statusUnopened', { served }) : `${t('service.status', { served, opened })}${by}`);
  return (
    <div className={opened === null || service.mode === 'copy' ? 'muted' : undefined} data-testid="case-document-service" data-mode={service.mode} data-opened={opened === null ? 'no' : 'yes'}>
      {text}
    </div>
  );
}
