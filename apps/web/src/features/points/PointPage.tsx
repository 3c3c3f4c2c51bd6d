// One monitoring point: latest values (live), a factor's series by period, the raw frames behind them, and
// the instruments.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import type { FrameSummary, Page, Period, PointDetail, SeriesPoint } from '../../api/types.ts';
import { beijing, num } from '../../components/format.ts';
import { useLive } from '../../components/live.ts';
import { Failed, Loading, Section, StatusBadge } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { SeriesChart } from './SeriesChart.tsx';

const PERIODS: Period[] = ['rtd', 'min', 'hour', 'day'];

export function PointPage({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const point = useAsync(() => api<PointDetail>(`/api/points/${id}`), [id]);
  const [factor, setFactor] = useState<string>();
  const [period, setPeriod] = useState<Period>('min');
  const chosen = factor ?? point.data?.factors[0]?.code;
  const series = useAsync(
    () => (chosen === undefined ? Promise.resolve(null) : api<{ points: SeriesPoint[]; from: number; to: number }>(`/api/points/${id}/series${qs({ factor: chosen, period })}`)),
    [id, chosen, period],
  );
  const frames = useAsync(() => api<Page<FrameSummary>>(`/api/points/${id}/frames?limit=20`), [id]);

  useLive(
    {
      reading: (e) => {
        if (e.pointId !== id) return;
        point.reload();
        frames.reload();
        if (e.periodKind === period) series.reload();
      },
      status: (e) => e.pointId === id && point.reload(),
    },
    [id, period],
  );

  if (point.error !== undefined) return <Failed error={point.error} retry={point.reload} />;
  const p = point.data;
  if (p === undefined) return <Loading />;
  const info = p.factors.find((f) => f.code === chosen);
  const latest = p.latest;
  return (
    <div>
      <h1>
        {p.enterpriseName} · {p.outletCode} {p.outletName} <StatusBadge status={p.status} />
      </h1>
      <p className="muted">
        MN <code>{p.mn}</code> · {t(`kind.${p.outletKind}`)} · HJ 212-{p.protocolVersion} · CRC {p.crcVariant ?? '—'} · <a href={`#/enterprises/${p.enterpriseId}`}>{t('point.enterprise')}</a>
      </p>
      <Section title={t('point.latest')} testId="latest">
        {latest === null ? <p>{t('point.noData')}</p> : (
          <>
            <p className="muted" data-testid="latest-time">
              {t(`point.periods.${latest.periodKind}`)} · {t('point.dataTime')} {beijing(latest.periodStart)} · {t('point.received')} {beijing(latest.receivedAt)} ·{' '}
              <a href={`#/frames/${latest.frameId}`}>{t('point.frames')}</a>
            </p>
            <div className="table-wrap">
              <table data-testid="latest-values">
                <thead>
                  <tr><th scope="col">{t('point.factor')}</th><th scope="col">{t('point.value')}</th><th scope="col">{t('point.min')}</th><th scope="col">{t('point.max')}</th><th scope="col">{t('point.unit')}</th><th scope="col">{t('point.flag')}</th></tr>
                </thead>
                <tbody>
                  {Object.entries(latest.values).map(([code, v]) => {
                    const f = p.factors.find((x) => x.code === code);
                    return (
                      <tr key={code}>
                        <th scope="row">{f === undefined ? code : i18n.language === 'zh' ? f.name : f.nameEn}</th>
                        <td>{num(v.avg ?? v.rtd)}</td><td>{num(v.min)}</td><td>{num(v.max)}</td><td>{f?.unit ?? ''}</td><td>{v.flag ?? ''}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Section>
      <Section title={t('point.chart')}>
        <div className="filters">
          <label>
            {t('point.factor')}
            <select value={chosen ?? ''} onChange={(e) => setFactor(e.target.value)} data-testid="factor-select">
              {p.factors.map((f) => <option key={f.code} value={f.code}>{i18n.language === 'zh' ? f.name : f.nameEn} ({f.code})</option>)}
            </select>
          </label>
          <div role="group" aria-label={t('point.period')} className="tabs">
            {PERIODS.map((x) => (
              <button type="button" key={x} aria-pressed={period === x} onClick={() => setPeriod(x)} data-testid={`period-${x}`}>{t(`point.periods.${x}`)}</button>
            ))}
          </div>
        </div>
        {series.error !== undefined && <Failed error={series.error} retry={series.reload} />}
        <SeriesChart points={series.data?.points ?? []} name={info === undefined ? '' : i18n.language === 'zh' ? info.name : info.nameEn} unit={info?.unit ?? ''} />
      </Section>
      <Section title={t('point.frames')} testId="frames">
        <p className="muted">{t('point.framesHint')}</p>
        <div className="table-wrap">
          <table data-testid="frames-table">
            <thead><tr><th scope="col">{t('point.received')}</th><th scope="col">CN</th><th scope="col">{t('point.dataTime')}</th><th scope="col">{t('frame.size')}</th><th scope="col">{t('frame.verdict')}</th></tr></thead>
            <tbody>
              {(frames.data?.items ?? []).map((f) => (
                <tr key={f.id}>
                  <td><a href={`#/frames/${f.id}`} data-testid={`frame-link-${f.id}`}>{beijing(f.receivedAt)}</a></td>
                  <td>{f.cn}</td><td>{beijing(f.dataTime)}</td><td>{f.size}</td><td>{t(`frame.${f.verdict}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      {p.devices.length > 0 && (
        <Section title={t('point.devices')}>
          <ul className="plain">
            {p.devices.map((d) => (
              <li key={d.id}>{d.factor || d.kind} · {d.manufacturer ?? ''} {d.model ?? ''} · {t('point.range')} {num(d.rangeLow)}–{num(d.rangeHigh)} {d.unit ?? ''}</li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}
