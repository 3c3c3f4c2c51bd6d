// The electronic service (电子送达) of one case document as staff see it beside the document on the case
// page: served when, and opened when and by whom, or not opened yet. Nothing for an internal form.
import { useTranslation } from 'react-i18next';
import type { DocumentService } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';

export function ServiceStatus({ service }: { service: DocumentService | null | undefined }) {
  const { t } = useTranslation();
  if (service == null) return null;
  const served = beijing(service.servedAt);
  return (
    <div className={service.openedAt === null ? 'muted' : undefined} data-testid="case-document-service" data-opened={service.openedAt === null ? 'no' : 'yes'}>
      {service.openedAt === null
        ? t('service.statusUnopened', { served })
        : <>{t('service.status', { served, opened: beijing(service.openedAt) })}{service.openedByName !== null && t('service.by', { name: service.openedByName })}</>}
    </div>
  );
}
