// The latest values of a point (one row per factor), shared by the point page and the enterprise page.
import { useTranslation } from 'react-i18next';
import type { PointDetail } from '@ecoenforce/contract';
import { beijing, num, unitText } from '../../components/format.ts';

export function factorLabel(f: { name: string; nameEn: string } | undefined, code: string, language: string): string {
  if (f === undefined) return code;
  return language === 'zh' ? f.name : f.nameEn;
}

export function LatestTable({ point, testId, compact = false }: { point: PointDetail; testId?: string; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const latest = point.latest;
  if (latest === null) return <p className="muted">{t('point.noData')}</p>;
  return (
    <>
      <p className="muted" data-testid={compact ? undefined : 'latest-time'}>
        {t(`point.periods.${latest.periodKind}`)} · {t('point.dataTime')} {beijing(latest.periodStart)} · {t('point.received')} {beijing(latest.receivedAt)} ·{' '}
        <a href={`#/frames/${latest.frameId}`}>{t('point.sourceFrame')}</a>
      </p>
      <div className="table-wrap">
        <table data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">{t('point.factor')}</th><th scope="col">{t('point.value')}</th>
              {!compact && <><th scope="col">{t('point.min')}</th><th scope="col">{t('point.max')}</th></>}
              <th scope="col">{t('point.unit')}</th><th scope="col">{t('point.flag')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(latest.values).map(([code, v]) => {
              const f = point.factors.find((x) => x.code === code);
              return (
                <tr key={code} data-factor={code}>
                  <th scope="row">{factorLabel(f, code, i18n.language)}</th>
                  <td>{num(v.avg ?? v.rtd)}</td>
                  {!compact && <><td>{num(v.min)}</td><td>{num(v.max)}</td></>}
                  <td>{unitText(f?.unit)}</td>
                  <td title={v.flag === undefined ? undefined : t(`flags.${String(v.flag)}`, { defaultValue: String(v.flag) })}>{v.flag ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
