// The point page's 起止日期 (issue 14): Beijing calendar days for the chart and series, pre-filled with the
// span the chart shows, and the download of the readings of those days (GET /api/points/:id/readings) as
// Excel or CSV, in the chosen period kind.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { qs } from '../../api/client.ts';
import type { PeriodKind } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';
import type { SeriesRange } from './useSeries.ts';

const DAY = 86_400_000;
/** The Beijing date ('YYYY-MM-DD') of an instant. */
const dateOf = (ms: number): string => beijing(ms).slice(0, 10);
/** 00:00 Beijing time of a 'YYYY-MM-DD' date; NaN when it is not one. */
const startOf = (date: string): number => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00+08:00`) : NaN);

/** Whole days from `from` through `to` (both shown dates included); undefined when not a range. */
export function dayRange(from: string, to: string): SeriesRange | undefined {
  const a = startOf(from);
  const b = startOf(to);
  return Number.isNaN(a) || Number.isNaN(b) || b < a ? undefined : { from: a, to: b + DAY };
}

export function PointRange({ pointId, period, loaded, applied, onApply }: {
  pointId: number;
  period: PeriodKind;
  /** The span the chart shows now (its from and exclusive to). */
  loaded: SeriesRange | undefined;
  applied: SeriesRange | undefined;
  onApply: (range: SeriesRange | undefined) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<{ from?: string; to?: string }>({});
  const base = applied ?? loaded;
  const from = draft.from ?? (base === undefined ? '' : dateOf(base.from));
  const to = draft.to ?? (base === undefined ? '' : dateOf(base.to - 1));
  const range = dayRange(from, to);
  const invalid = from !== '' && to !== '' && range === undefined;
  const href = (format: 'xlsx' | 'csv') => (range === undefined ? undefined : `/api/points/${pointId}/readings${qs({ period, from: range.from, to: range.to, format })}`);
  return (
    <form className="filters" onSubmit={(e) => { e.preventDefault(); if (range !== undefined) onApply(range); }} data-testid="point-range">
      <label>{t('point.rangeFrom')}{' '}
        <input type="date" value={from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} required aria-invalid={invalid} data-testid="range-from" />
      </label>
      <label>{t('point.rangeTo')}{' '}
        <input type="date" value={to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} required aria-invalid={invalid} data-testid="range-to" />
      </label>
      <button type="submit" disabled={range === undefined} data-testid="range-apply">{t('point.applyRange')}</button>
      {applied !== undefined && <button type="button" onClick={() => { setDraft({}); onApply(undefined); }} data-testid="range-reset">{t('point.resetRange')}</button>}
      <span title={t('point.exportHint', { period: t(`point.periods.${period}`) })}>
        <a className="button" href={href('xlsx')} aria-disabled={range === undefined} download data-testid="range-export-xlsx">{t('point.exportXlsx')}</a>{' '}
        <a className="button" href={href('csv')} aria-disabled={range === undefined} download data-testid="range-export-csv">{t('point.exportCsv')}</a>
      </span>
      {invalid && <p role="alert" className="error" data-testid="range-invalid">{t('point.rangeInvalid')}</p>}
    </form>
  );
}
