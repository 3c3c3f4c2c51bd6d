// The point's compliance chart in the style of ECHO's effluent charts: lawful hourly values of a factor
// against the hourly limit in force (a line), exceeded hours in red, hours that cannot prove anything
// (too few valid minutes, abnormal) shaded grey, and the enterprise's markings shaded amber (read-only
// here). The last seven days, or one Beijing month when the grid links here. Times are Beijing time.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api, qs } from '../../api/client.ts';
import { useAsync } from '../../components/useAsync.ts';
import { axisTooltip, beijing, monthRange, num, toChartTime, unitText } from '../../components/format.ts';
import type { Items, Marking, PointCompliance } from '@ecoenforce/contract';

echarts.use([LineChart, ScatterChart, GridComponent, TooltipComponent, MarkLineComponent, MarkAreaComponent, CanvasRenderer]);

const HOUR = 3600_000;

export function ComplianceChart({ pointId, factor, tick, month }: { pointId: number; factor: string; tick: number; month?: string | null }) {
  const { t, i18n } = useTranslation();
  const range = month ? monthRange(month) : undefined;
  const data = useAsync(() => api<PointCompliance>(`/api/points/${pointId}/compliance${qs({ factor, from: range?.from, to: range?.to })}`), [pointId, factor, tick, month]);
  const markings = useAsync(
    () => api<Items<Marking>>(`/api/points/${pointId}/markings${qs({ withdrawn: 'false', from: range?.from, to: range?.to })}`),
    [pointId, tick, month],
  );
  const box = useRef<HTMLDivElement>(null);
  // The platform clock may run ahead of the browser's (the demo's accelerated time): the span shown is the data's.
  const hours = data.data?.hours ?? [];
  const shown = range ?? (hours.length === 0 ? undefined : { from: hours[0]!.t, to: hours.at(-1)!.t + HOUR });
  const marked = (markings.data?.items ?? []).filter((m) => shown !== undefined && m.from < shown.to && m.to > shown.from);

  // Opened from the grid for one month: bring the chart into view.
  useEffect(() => {
    if (month) box.current?.scrollIntoView({ block: 'center' });
  }, [month, data.data === undefined]);

  useEffect(() => {
    const d = data.data;
    if (box.current === null || d === undefined) return;
    // Axis labels (month and weekday names) in the console's language.
    const chart = echarts.init(box.current, undefined, { locale: i18n.language === 'zh' ? 'ZH' : 'EN' });
    const normal = d.hours.filter((h) => h.status === 'normal' && h.value !== null);
    const x = toChartTime;
    chart.setOption({
      animation: false,
      useUTC: true,
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      tooltip: { trigger: 'axis', formatter: axisTooltip },
      xAxis: { type: 'time', ...(range === undefined ? {} : { min: x(range.from), max: x(range.to) }) },
      yAxis: { type: 'value', name: d.limit?.unit ?? '', scale: true },
      series: [
        {
          type: 'line', name: factor, showSymbol: false, data: normal.map((h) => [x(h.t), h.value]), lineStyle: { color: '#0550ae' },
          markLine: d.limit === null ? undefined : { symbol: 'none', label: { formatter: `${t('compliance.limit')} ${num(d.limit.limit)}` }, lineStyle: { color: '#cf222e', type: 'dashed' }, data: [{ yAxis: d.limit.limit }] },
          markArea: { itemStyle: { color: 'rgba(110,119,129,0.18)' }, data: d.hours.filter((h) => h.status !== 'normal').map((h) => [{ xAxis: x(h.t) }, { xAxis: x(h.t + HOUR) }]) },
        },
        { type: 'scatter', name: t('compliance.exceeded'), symbolSize: 7, itemStyle: { color: '#cf222e' }, data: d.hours.filter((h) => h.exceeded).map((h) => [x(h.t), h.value]) },
        {
          // An empty series that only carries the markings' spans, so they shade apart from invalid hours.
          type: 'line', name: t('chart.marked'), data: [],
          markArea: {
            itemStyle: { color: 'rgba(191,135,0,0.16)' }, label: { color: '#7d4e00', fontSize: 10 },
            data: marked.map((m) => [{ xAxis: x(m.from), name: t(`markings.kinds.${m.kind}`) }, { xAxis: x(m.to) }]),
          },
        },
      ],
    });
    const onResize = (): void => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [data.data, marked.map((m) => m.id).join(), factor, t, i18n.language, range?.from, range?.to]);

  const d = data.data;
  return (
    <div>
      <p className="muted" data-testid="compliance-limit">
        {month ? <><strong data-testid="compliance-month">{t('chart.month', { month })}</strong> · <a href={`#/points/${pointId}?factor=${encodeURIComponent(factor)}`}>{t('chart.last7')}</a> · </> : null}
        {d?.limit == null
          ? t('compliance.noLimit')
          : `${t('compliance.limit')} ${num(d.limit.limit)} ${unitText(d.limit.unit)}${d.limit.referenceO2 === null ? '' : t('compliance.refO2', { o2: d.limit.referenceO2 })} · ${d.limit.permitNumber === null ? '' : `${t('chart.permit', { number: d.limit.permitNumber })} · `}${t('compliance.exceededHours', { count: d.hours.filter((h) => h.exceeded).length })}`}
      </p>
      <div ref={box} className="chart" data-testid="compliance-chart" data-hours={d?.hours.length ?? 0} role="img" aria-label={t('compliance.title')} />
      <p className="muted">{t('chart.beijingTime')}</p>
      {marked.length > 0 && (
        <ul className="plain" data-testid="compliance-markings">
          {marked.map((m) => (
            <li key={m.id}>{t('chart.marked')}: {t(`markings.kinds.${m.kind}`)} {beijing(m.from).slice(0, 16)} – {beijing(m.to).slice(0, 16)} · {m.reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
