// One monitoring point: latest values (live), a factor's series by period (live append), the raw frames
// received in the chart's visible range, and the instruments.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { PeriodKind, PointDetail } from '@ecoenforce/contract';
import { num, unitText } from '../../components/format.ts';
import { useLive } from '../../components/live.ts';
import { Failed, Loading, Section, StatusBadge } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { FramesTable, type Range } from './FramesTable.tsx';
import { factorLabel, LatestTable } from './LatestTable.tsx';
import { SeriesChart, type VisibleRange } from './SeriesChart.tsx';
import { useSeries, type SeriesRange } from './useSeries.ts';
import { PointRange } from './PointRange.tsx';
import { ComplianceChart } from './ComplianceChart.tsx';

const PERIODS: PeriodKind[] = ['rtd', 'min', 'hour', 'day'];
/** How long after a period starts its frame may arrive (the period itself and ten minutes of delay). */
const RECEIVE_LAG: Record<PeriodKind, number> = { rtd: 600_000, min: 1_200_000, hour: 4_200_000, day: 87_000_000 };

export function PointPage({ id, query }: { id: number; query?: URLSearchParams }) {
  const { t, i18n } = useTranslation();
  const point = useAsync(() => api<PointDetail>(`/api/points/${id}`), [id]);
  // The compliance grid links here with ?factor=…&month=YYYY-MM: that factor's chart for that Beijing month.
  const [factor, setFactor] = useState<string | undefined>(query?.get('factor') ?? undefined);
  const month = query?.get('month') ?? null;
  const [period, setPeriod] = useState<PeriodKind>('min');
  const chosen = factor ?? point.data?.factors[0]?.code;
  // 起止日期: a chosen range of Beijing days, or none for the period's default span up to now (followed live).
  const [range, setRange] = useState<SeriesRange>();
  const series = useSeries(id, chosen, period, range);
  const [visible, setVisible] = useState<VisibleRange>();
  const [framesTick, setFramesTick] = useState(0);

  // A new factor, period or answer: the visible range is the whole loaded span until the user zooms.
  useEffect(() => setVisible(undefined), [series.key]);
  const loaded = series.data;
  const view: VisibleRange | undefined = visible ?? (loaded === undefined ? undefined : { from: loaded.from, to: loaded.to, atEnd: true });
  // Frames are filed by receive time, which trails the data time by up to a period; an open end follows live.
  const frameRange: Range | undefined = view === undefined ? undefined : { from: view.from, to: view.atEnd ? undefined : view.to + RECEIVE_LAG[period] };

  useLive(
    {
      reading: (e) => {
        if (e.pointId !== id) return;
        point.reload();
        if (e.periodKind === period && (range === undefined || e.periodStart < range.to)) void series.append(e.periodStart).catch(() => undefined);
        if (view?.atEnd !== false) setFramesTick((n) => n + 1);
      },
      status: (e) => e.pointId === id && point.reload(),
    },
    [id, period, series.append, view?.atEnd, range],
  );

  if (point.error !== undefined) return <Failed error={point.error} retry={point.reload} />;
  const p = point.data;
  if (p === undefined) return <Loading />;
  const info = p.factors.find((f) => f.code === chosen);
  return (
    <div>
      <h1 data-testid="point-title">
        {p.enterpriseName} · {p.outletCode} {p.outletName} <StatusBadge status={p.status} />
      </h1>
      <p className="muted">
        {t('points.mn')} <code>{p.mn}</code> · {t(`kind.${p.outletKind}`)} · {t('point.protocol')} HJ 212-{p.protocolVersion} · {t('points.crc')} {p.crcVariant === null ? '—' : t(`points.crcVariants.${p.crcVariant}`, { defaultValue: p.crcVariant })} ·{' '}
        <a href={`#/enterprises/${p.enterpriseId}`}>{t('point.enterprise')}</a>
      </p>
      <Section title={t('point.latest')} testId="latest">
        <LatestTable point={p} testId="latest-values" />
      </Section>
      <Section title={t('point.chart')}>
        <div className="filters">
          <label>
            {t('point.factor')}
            <select value={chosen ?? ''} onChange={(e) => setFactor(e.target.value)} data-testid="factor-select">
              {p.factors.map((f) => <option key={f.code} value={f.code}>{factorLabel(f, f.code, i18n.language)}</option>)}
            </select>
          </label>
          <div role="group" aria-label={t('point.period')} className="tabs">
            {PERIODS.map((x) => (
              <button type="button" key={x} aria-pressed={period === x} onClick={() => setPeriod(x)} data-testid={`period-${x}`}>{t(`point.periods.${x}`)}</button>
            ))}
          </div>
        </div>
        <PointRange pointId={id} period={period} loaded={loaded === undefined ? undefined : { from: loaded.from, to: loaded.to }} applied={range} onApply={setRange} />
        {series.error !== undefined && <Failed error={series.error} retry={series.reload} />}
        {loaded !== undefined && loaded.points.length === 0 && <p className="muted">{t('point.noSeries')}</p>}
        <SeriesChart
          points={loaded?.points ?? []}
          name={factorLabel(info, chosen ?? '', i18n.language)}
          unit={unitText(info?.unit)}
          resetKey={series.key}
          onRange={setVisible}
        />
      </Section>
      {chosen !== undefined && (
        <Section title={t('compliance.title')} testId="compliance">
          <ComplianceChart pointId={id} factor={chosen} tick={Math.floor(framesTick / 60)} month={month} />
        </Section>
      )}
      <Section title={t('point.frames')} testId="frames">
        <FramesTable pointId={id} range={frameRange} refresh={framesTick} />
      </Section>
      {p.devices.length > 0 && (
        <Section title={t('point.devices')}>
          <ul className="plain">
            {p.devices.map((d) => (
              <li key={d.id}>{d.factor === '' ? d.kind : factorLabel(p.factors.find((f) => f.code === d.factor), d.factor, i18n.language)} · {d.manufacturer ?? ''} {d.model ?? ''} · {t('point.range')} {num(d.rangeLow)}–{num(d.rangeHigh)} {unitText(d.unit)}</li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}
