// Choosing one officer by name, each shown with the enforcement certificate number (执法证号) the registry
// holds, from a list the server gives (e.g. GET /api/draws/officers); the id is only what the form sends.
import { useTranslation } from 'react-i18next';
import type { CaseStaff } from '@ecoenforce/contract';

export function OfficerSelect({ label, officers, value, onChange, testId }: {
  label: string;
  officers: readonly CaseStaff[];
  value: number | null;
  onChange: (next: number | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <label>{label}{' '}
      <select value={value === null ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} required data-testid={testId}>
        <option value="">{officers.length === 0 ? t('pickers.noOfficer') : t('pickers.chooseOfficer')}</option>
        {officers.map((o) => (
          <option key={o.id} value={o.id}>{o.displayName}（{t('dispatch.certificate')} {o.certificateNo ?? t('dispatch.noCertificate')}）</option>
        ))}
      </select>
    </label>
  );
}
