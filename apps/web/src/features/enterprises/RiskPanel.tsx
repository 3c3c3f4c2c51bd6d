// An enterprise's violation-risk score (issue 4 §6b): the score and tier of the latest scored day, the
// contributions that add up to it (factor, input, weight, points; inputs whose source is not connected yet
// say so), and the daily history against the tier thresholds. Times are Beijing time.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api } from '../../api/client.ts';
import { axisTooltip, beijing, num, toChartTime } from '../../components/format.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { TierBadge } from '../risk/TierBadge.tsx';
import type { EnterpriseRisk, RiskContribution, RiskWeightsView } from '@ecoenforce/contract';

echarts.use([LineChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

function rawText(c: RiskContribution, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (c.raw === null) return '—';
  if (c.factor === 'category') return t(`category.${c.raw}`, { defaultValue: String(c.raw) });
  if (c.factor === 'transmission' && c.detail.expected !== undefined) return t('risk.transmissionRaw', { missing: num(c.raw, 1), onTime: c.detail.onTime, expected: c.detail.expected });
  return typeof c.raw === 'number' ? num(c.raw) : c.raw;
}

export function RiskPanel({ enterpriseId }: { enterpriseId: number }) {
  const { t, i18n } = useTranslation();
  const data = useAsync(() => api<EnterpriseRisk>(`/api/enterprises/${enterpriseId}/risk`), [enterpriseId]);
  const weights = useAsync(() => api<RiskWeightsView>('/api/risk/weights'), []);
  const box = useRef<HTMLDivElement>(null);
  const d = data.data;

  useEffect(() => {
    const tiers = weights.data?.weights.tiers;
    if (box.current === null || d === undefined || d.history.length === 0) return;
    const chart = echarts.init(box.current, undefined, { locale: i18n.language === 'zh' ? 'ZH' : 'EN' });
    chart.setOption({
      animation: false,
      useUTC: true,
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis', formatter: axisTooltip },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [{
        type: 'line', name: t('risk.score'), data: d.history.map((h) => [toChartTime(h.day), h.score]), lineStyle: { color: '#0550ae' },
        markLine: tiers === undefined ? undefined : {
          symbol: 'none', lineStyle: { type: 'dashed' },
          data: [
            { yAxis: tiers.high, lineStyle: { color: '#cf222e' }, label: { formatter: t('risk.tiers.high') } },
            { yAxis: tiers.medium, lineStyle: { color: '#bc4c00' }, label: { formatter: t('risk.tiers.medium') } },
          ],
        },
      }],
    });
    const onResize = (): void => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [d, weights.data, t, i18n.language]);

  return (
    <Section title={t('risk.panel')} testId="risk-panel">
      {data.error !== undefined && <Failed error={data.error} retry={data.reload} />}
      {d === undefined ? <Loading /> : d.current === null ? <p className="muted" data-testid="risk-none">{t('risk.noScore')}</p> : (
        <>
          <p>
            <strong className="risk-score" data-testid="risk-panel-score">{num(d.current.score, 1)}</strong> / 100 <TierBadge tier={d.current.tier} />{' '}
            <span className="muted">
              {t('risk.computed', {
                day: beijing(d.current.day).slice(0, 10), version: d.current.weightsVersion,
                from: beijing(d.current.windowFrom).slice(0, 16), to: beijing(d.current.windowTo).slice(0, 16),
              })}
            </span>
          </p>
          <div className="table-wrap">
            <table data-testid="risk-contributions">
              <thead>
                <tr><th scope="col">{t('risk.factor')}</th><th scope="col">{t('risk.raw')}</th><th scope="col">{t('risk.weight')}</th><th scope="col">{t('risk.points')}</th></tr>
              </thead>
              <tbody>
                {d.current.contributions.map((c) => (
                  <tr key={c.factor} data-factor={c.factor} className={c.points > 0 ? undefined : 'muted'}>
                    <td>{t(`risk.factors.${c.factor}`)}</td>
                    <td>
                      {rawText(c, t)}
                      {c.note !== undefined && <small className="muted"> {t(`risk.notes.${c.note}`)}</small>}
                      {c.factor === 'transmission' && c.detail.silentPoints !== undefined && <small className="muted"> {t('risk.silent', { count: Number(c.detail.silentPoints) })}</small>}
                    </td>
                    <td>{num(c.weight)}</td>
                    <td>{num(c.points, 1)}{c.capped ? ` (${t('risk.capped')})` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('risk.history')}</h3>
          <div ref={box} className="chart risk-chart" data-testid="risk-history" data-days={d.history.length} role="img" aria-label={t('risk.history')} />
        </>
      )}
    </Section>
  );
}
