// One measure of the statistics per row: bars for regions, matters and industries, a line for months.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

interface Props {
  labels: string[];
  values: number[];
  name: string;
  kind: 'bar' | 'line';
}

export function StatsChart({ labels, values, name, kind }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (box.current === null) return;
    const c = echarts.init(box.current);
    chart.current = c;
    const onResize = (): void => c.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 64, right: 16, top: 24, bottom: 72 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: labels, axisLabel: { rotate: labels.length > 6 ? 30 : 0, interval: 0 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ name, type: kind, data: values }],
      },
      { notMerge: true },
    );
  }, [labels, values, name, kind]);

  return <div ref={box} className="chart" style={{ height: 320 }} data-testid="stats-chart" role="img" aria-label={name} />;
}
