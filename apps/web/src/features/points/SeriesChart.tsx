// A factor's time series with ECharts (tree-shaken core: line chart, zoom, tooltip; canvas renderer). The
// visible time range is reported after each zoom so the page can list the raw frames behind it. The time
// axis and tooltip are in Beijing time whatever the browser's zone (toChartTime in format.ts).
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { SeriesPoint } from '@ecoenforce/contract';
import { axisTooltip, fromChartTime, toChartTime } from '../../components/format.ts';

echarts.use([LineChart, GridComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

export interface VisibleRange {
  from: number;
  to: number;
  /** The zoom reaches the newest data: new readings belong to the visible range. */
  atEnd: boolean;
}

interface Props {
  points: SeriesPoint[];
  name: string;
  unit: string;
  /** A new key (other factor or period) resets the zoom. */
  resetKey: string;
  onRange: (r: VisibleRange) => void;
}

export function SeriesChart({ points, name, unit, resetKey, onRange }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const lastKey = useRef('');
  const report = useRef(onRange);
  report.current = onRange;

  useEffect(() => {
    if (box.current === null) return;
    const c = echarts.init(box.current);
    chart.current = c;
    const onResize = (): void => c.resize();
    window.addEventListener('resize', onResize);
    // Wheel and drag fire many zoom events: report the range once the user pauses.
    let timer: ReturnType<typeof setTimeout> | undefined;
    c.on('datazoom', () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const z = (c.getOption() as { dataZoom?: Array<{ startValue?: number; endValue?: number; end?: number }> }).dataZoom?.[0];
        if (typeof z?.startValue !== 'number' || typeof z.endValue !== 'number') return;
        const [from, to] = [fromChartTime(z.startValue), fromChartTime(z.endValue)];
        box.current?.setAttribute('data-visible-from', String(from));
        box.current?.setAttribute('data-visible-to', String(to));
        report.current({ from, to, atEnd: (z.end ?? 100) >= 99.5 });
      }, 250);
    });
    return () => {
      clearTimeout(timer);
      window.removeEventListener('resize', onResize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const reset = lastKey.current !== resetKey;
    lastKey.current = resetKey;
    chart.current?.setOption(
      {
        animation: false,
        useUTC: true,
        grid: { left: 56, right: 16, top: 28, bottom: 64 },
        tooltip: { trigger: 'axis', formatter: axisTooltip },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', name: unit, scale: true },
        // Merging keeps the user's zoom while live readings are appended; a new factor or period resets it.
        dataZoom: reset ? [{ type: 'inside', start: 0, end: 100 }, { type: 'slider', start: 0, end: 100 }] : [{ type: 'inside' }, { type: 'slider' }],
        series: [{ name, type: 'line', showSymbol: points.length < 60, data: points.map((p) => [toChartTime(p[0]), p[1]]) }],
      },
      { notMerge: false },
    );
  }, [points, name, unit, resetKey]);

  return <div ref={box} className="chart" data-testid="series-chart" data-points={points.length} role="img" aria-label={`${name} ${unit}`} />;
}
