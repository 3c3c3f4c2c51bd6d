// Choosing an administrative region of the caller's jurisdiction by name (GET /api/regions) instead of typing
// its six-digit code; empty means the caller's own region (or, when one is required, that none is chosen yet).
// The code is only what the request carries.
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Region } from '@ecoenforce/contract';
import { useAsync } from './useAsync.ts';

/** The name of a region of the caller's jurisdiction (GET /api/regions); the code itself until the names arrive or for one outside it. */
export function useRegionName(): (code: string) => string {
  const regions = useAsync(() => api<Region[]>('/api/regions'), []);
  const names = new Map((regions.data ?? []).map((r) => [r.code, r.name]));
  return (code) => names.get(code) ?? code;
}

export function RegionSelect({ label, value, onChange, testId, required = false }: { label: string; value: string; onChange: (code: string) => void; testId: string; required?: boolean }) {
  const { t } = useTranslation();
  const regions = useAsync(() => api<Region[]>('/api/regions'), []);
  return (
    <label>{label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)} required={required} data-testid={testId}>
        <option value="">{required ? t('pickers.chooseRegion') : t('pickers.ownRegion')}</option>
        {(regions.data ?? []).map((r) => (
          <option key={r.code} value={r.code}>{r.name}</option>
        ))}
      </select>
    </label>
  );
}
