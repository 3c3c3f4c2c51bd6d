// A factor's time series with ECharts (tree-shaken core: line chart, zoom, tooltip; canvas renderer).
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { SeriesPoint } from '../../api/types.ts';

echarts.use([LineChart, GridComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

export function SeriesChart({ points, name, unit }: { points: SeriesPoint[]; name: string; unit: string }) {
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
        grid: { left: 48, right: 16, top: 24, bottom: 64 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', name: unit, scale: true },
        dataZoom: [{ type: 'inside' }, { type: 'slider' }],
        series: [{ name, type: 'line', showSymbol: false, data: points.map((p) => [p[0], p[1]]) }],
      },
      { notMerge: false },
    );
  }, [points, name, unit]);

  return <div ref={box} className="chart" data-testid="series-chart" data-points={points.length} role="img" aria-label={`${name} ${unit}`} />;
}
