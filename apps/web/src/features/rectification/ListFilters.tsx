// The rectification list's filters, read from the hash route's query (#/rectifications?by=closed&from=…): the
// statistics page links each rectification figure here with the filters of what it counts (GET
// /api/rectifications takes the same names). The active filters are shown, each removable, and all at once.
import { useTranslation } from 'react-i18next';
import { qs } from '../../api/client.ts';
import { useRegionName } from '../../components/RegionSelect.tsx';

/** The query names GET /api/rectifications filters by (rectification-filter.ts on the server). */
export const FILTER_KEYS = ['status', 'by', 'from', 'to', 'region', 'matter', 'industry', 'onTime', 'dailyPenalty', 'overdue', 'enterpriseId', 'caseId'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export function filtersOf(query: URLSearchParams | undefined): Filters {
  const out: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = query?.get(k);
    if (v !== null && v !== undefined && v !== '') out[k] = v;
  }
  return out;
}

/** The list's hash with these filters. */
export const listHash = (f: Filters): string => `#/rectifications${qs(f)}`;

/**
 * The filters in force, each removable. An enterprise or a case filter shows the unit's name or the case's
 * number (`names`, read from the rows it lists) rather than its id.
 */
export function ActiveFilters({ filters, names = {} }: { filters: Filters; names?: { enterpriseId?: string | undefined; caseId?: string | undefined } }) {
  const { t } = useTranslation();
  const regionName = useRegionName();
  const keys = FILTER_KEYS.filter((k) => filters[k] !== undefined);
  if (keys.length === 0) return null;
  const shown = (k: FilterKey, v: string): string => {
    switch (k) {
      case 'status':
        return v.split(',').map((s) => t(`rectification.statuses.${s}`, { defaultValue: s })).join(', ');
      case 'by':
        return t(`rectification.filters.dates.${v}`, { defaultValue: v });
      case 'onTime':
      case 'dailyPenalty':
      case 'overdue':
        return v === 'true' ? t('rectification.filters.yes') : v === 'false' ? t('rectification.filters.no') : v;
      case 'matter':
      case 'industry':
        return v === 'none' ? t('rectification.filters.none') : v;
      case 'enterpriseId':
      case 'caseId':
        return names[k] ?? v;
      case 'region':
        return regionName(v);
      case 'from':
      case 'to':
        return v;
    }
  };
  return (
    <div className="filters" data-testid="rectification-active-filters">
      <span>{t('rectification.filters.active')}:</span>
      {keys.map((k) => {
        const rest = { ...filters };
        delete rest[k];
        return (
          <span key={k} className="badge" data-testid="rectification-filter" data-filter={k}>
            {t(`rectification.filters.${k}`)}: {shown(k, filters[k]!)}{' '}
            <a href={listHash(rest)} aria-label={t('rectification.filters.remove', { name: t(`rectification.filters.${k}`) })}>×</a>
          </span>
        );
      })}
      <a className="button" href="#/rectifications" data-testid="rectification-clear-filters">{t('rectification.filters.clear')}</a>
    </div>
  );
}
