// The point's compliance chart in the style of ECHO's effluent charts: lawful hourly values of a factor
// against the hourly limit in force (a line), exceeded hours in red, hours that cannot prove anything
// (too few valid minutes, abnormal) shaded grey. The last seven days.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api, qs } from '../../api/client.ts';
import { useAsync } from '../../components/useAsync.ts';
import { num } from '../../components/format.ts';

echarts.use([LineChart, ScatterChart, GridComponent, TooltipComponent, MarkLineComponent, MarkAreaComponent, CanvasRenderer]);

interface Compliance {
  factor: string;
  limit: { limit: number; unit: string; referenceO2: number | null; source: string } | null;
  hours: Array<{ t: number; value: number | null; status: string; valid: number; exceeded: boolean }>;
}

const HOUR = 3600_000;

export function ComplianceChart({ pointId, factor, tick }: { pointId: number; factor: string; tick: number }) {
  const { t } = useTranslation();
  const data = useAsync(() => api<Compliance>(`/api/points/${pointId}/compliance${qs({ factor })}`), [pointId, factor, tick]);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const d = data.data;
    if (box.current === null || d === undefined) return;
    const chart = echarts.init(box.current);
    const normal = d.hours.filter((h) => h.status === 'normal' && h.value !== null);
    chart.setOption({
      animation: false,
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: d.limit?.unit ?? '', scale: true },
      series: [
        {
          type: 'line', name: factor, showSymbol: false, data: normal.map((h) => [h.t, h.value]), lineStyle: { color: '#0550ae' },
          markLine: d.limit === null ? undefined : { symbol: 'none', label: { formatter: `${t('compliance.limit')} ${num(d.limit.limit)}` }, lineStyle: { color: '#cf222e', type: 'dashed' }, data: [{ yAxis: d.limit.limit }] },
          markArea: { itemStyle: { color: 'rgba(110,119,129,0.18)' }, data: d.hours.filter((h) => h.status !== 'normal').map((h) => [{ xAxis: h.t }, { xAxis: h.t + HOUR }]) },
        },
        { type: 'scatter', name: t('compliance.exceeded'), symbolSize: 7, itemStyle: { color: '#cf222e' }, data: d.hours.filter((h) => h.exceeded).map((h) => [h.t, h.value]) },
      ],
    });
    const onResize = (): void => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [data.data, factor, t]);

  const d = data.data;
  return (
    <div>
      <p className="muted" data-testid="compliance-limit">
        {d?.limit == null
          ? t('compliance.noLimit')
          : `${t('compliance.limit')} ${num(d.limit.limit)} ${d.limit.unit}${d.limit.referenceO2 === null ? '' : ` (O₂ ${d.limit.referenceO2}%)`} · ${d.limit.source} · ${t('compliance.exceededHours', { count: d.hours.filter((h) => h.exceeded).length })}`}
      </p>
      <div ref={box} className="chart" data-testid="compliance-chart" data-hours={d?.hours.length ?? 0} role="img" aria-label={t('compliance.title')} />
    </div>
  );
}
